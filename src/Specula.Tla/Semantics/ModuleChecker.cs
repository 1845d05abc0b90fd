using System.Collections.Immutable;
using Specula.Tla.Diagnostics;
using Specula.Tla.Syntax;

namespace Specula.Tla.Semantics;

/// <summary>
/// Checks one module (top-level or nested) in a single pass over its units: declares symbols in order, resolves every
/// reference, computes levels and reports problems. Bound names live in the same dictionary as module-level names
/// (TLA+ forbids shadowing, so a name is bound at most once) and are removed again through an undo log.
/// </summary>
internal sealed partial class ModuleChecker
{
    private readonly CheckRun _run;
    private readonly Module _module;
    private readonly SourceText _source;
    private readonly ModuleChecker? _parent;
    private readonly ResolvedModule _result;
    private readonly Dictionary<string, Symbol> _scope;
    private readonly Dictionary<string, Symbol> _exports = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ResolvedModule> _nested = new(StringComparer.Ordinal);
    private readonly List<Symbol> _constants = [];
    private readonly List<Symbol> _variables = [];
    private readonly List<Symbol> _definitions = [];
    private readonly List<ResolvedInstance> _instances = [];
    private readonly List<ResolvedModule> _extends = [];
    private readonly List<(string Name, Symbol? Previous)> _undo = [];
    private readonly List<Symbol> _pendingRecursive = [];
    private readonly List<LetFrame> _letFrames = [];
    private readonly List<Level> _paramMax = [];
    private Dictionary<string, Name>? _laterNames;
    private HashSet<string>? _labels;
    private bool _incomplete;
    private bool _inExceptValue;
    private int _unitIndex;
    private string? _currentDefinition;
    private Symbol? _currentLetDefinition;
    private Dictionary<string, Symbol>? _hiddenByImport;

    public ModuleChecker(CheckRun run, Module module, SourceText source, ModuleChecker? parent)
    {
        _run = run;
        _module = module;
        _source = source;
        _parent = parent;
        ModuleName = module.Name?.Text ?? string.Empty;
        _result = new ResolvedModule(ModuleName, module, source, null, run.References);
        _scope = parent is null
            ? new Dictionary<string, Symbol>(StringComparer.Ordinal)
            : new Dictionary<string, Symbol>(parent._scope, StringComparer.Ordinal);
        _incomplete = parent?._incomplete ?? false;
    }

    public string ModuleName { get; }

    private sealed class LetFrame
    {
        public required ImmutableArray<Unit> Definitions { get; init; }

        public int Index { get; set; }

        public List<Symbol> Defined { get; } = [];

        public List<Symbol> Pending { get; } = [];
    }

    // ───────────────────────────── Diagnostics ─────────────────────────────

    public void Report(string code, TextSpan span, string message) =>
        _run.Diagnostics.Add(new Diagnostic(code, DiagnosticSeverity.Error, message, _source.Locate(span)));

    private void Warn(string code, TextSpan span, string message) =>
        _run.Diagnostics.Add(new Diagnostic(code, DiagnosticSeverity.Warning, message, _source.Locate(span)));

    private static string Describe(Symbol symbol)
    {
        if (symbol.Kind == SymbolKind.BuiltIn)
        {
            return "the built-in operator";
        }
        if (symbol.Kind == SymbolKind.StandardOperator)
        {
            return $"the one of standard module {symbol.ModuleName}";
        }
        var root = symbol.Root;
        if (root.Location is { } l)
        {
            return $"the one at line {l.Line}, col {l.Column} to line {l.EndLine}, col {l.EndColumn - 1} of module {root.ModuleName}";
        }
        return $"the one in module {root.ModuleName}";
    }

    private static string Arguments(int n) => n == 1 ? "1 argument" : $"{n} arguments";

    // ───────────────────────────── Module ─────────────────────────────

    public ResolvedModule Run()
    {
        foreach (var name in Safe(_module.Extends))
        {
            if (name is null || name.Text.Length == 0)
            {
                continue;
            }
            var target = ResolveModuleName(name);
            if (target is null)
            {
                _incomplete = true;
                continue;
            }
            _incomplete |= target.IsIncomplete;
            _extends.Add(target);
            foreach (var c in target.Constants)
            {
                AddParameter(c);
            }
            foreach (var v in target.Variables)
            {
                AddParameter(v);
            }
            foreach (var (key, symbol) in target.Exports)
            {
                Import(key, symbol, name, export: true);
            }
            foreach (var (key, symbol) in target.LocalDefinitions)
            {
                (_hiddenByImport ??= new(StringComparer.Ordinal)).TryAdd(key, symbol);
            }
        }

        var units = Safe(_module.Units);
        for (_unitIndex = 0; _unitIndex < units.Length; _unitIndex++)
        {
            var unit = units[_unitIndex];
            if (unit is null)
            {
                continue;
            }
            CheckUnit(unit, null);
            _paramMax.Clear();
            _labels = null;
        }
        foreach (var pending in _pendingRecursive)
        {
            if (pending.Pending)
            {
                Report(SemanticCodes.RecursiveNotDefined, pending.NameSpan,
                    $"Operator '{pending.Name}' is declared RECURSIVE but never defined.");
            }
        }

        _result.Extends = [.. _extends];
        _result.Constants = [.. _constants];
        _result.Variables = [.. _variables];
        _result.Definitions = [.. _definitions];
        _result.Instances = [.. _instances];
        _result.Exports = _exports;
        _result.Scope = _scope;
        _result.NestedModules = _nested;
        _result.IsIncomplete = _incomplete;
        return _result;
    }

    private ResolvedModule? ResolveModuleName(Name name)
    {
        for (var m = this; m is not null; m = m._parent)
        {
            if (m._nested.TryGetValue(name.Text, out var nested))
            {
                return nested;
            }
        }
        return _run.ResolveModule(name.Text, name, this);
    }

    private void AddParameter(Symbol symbol)
    {
        if (_result.ParameterMap.TryAdd(symbol.Name, symbol))
        {
            (symbol.Kind == SymbolKind.Variable ? _variables : _constants).Add(symbol);
        }
    }

    /// <summary>Brings a symbol of another module into scope (EXTENDS or unnamed INSTANCE).</summary>
    private void Import(string key, Symbol symbol, Name site, bool export)
    {
        if (_scope.TryGetValue(key, out var existing))
        {
            if (!ReferenceEquals(existing.Root, symbol.Root))
            {
                if (SanyKind(existing.Kind) == SanyKind(symbol.Kind) && existing.Arity == symbol.Arity)
                {
                    Warn(SemanticCodes.MultiplyDefined, site.Span,
                        $"Multiple declarations or definitions for symbol {key}. This duplicates {Describe(existing)}.");
                }
                else
                {
                    Report(SemanticCodes.MultiplyDefined, site.Span,
                        $"Multiply-defined symbol '{key}': this definition or declaration conflicts with {Describe(existing)}.");
                }
            }
        }
        else
        {
            _scope[key] = symbol;
        }
        if (export)
        {
            _exports.TryAdd(key, symbol);
        }
    }

    /// <summary>The kinds SANY distinguishes when two imported symbols clash: declarations of each sort, and definitions.</summary>
    private static int SanyKind(SymbolKind kind) => kind switch
    {
        SymbolKind.Constant => 0,
        SymbolKind.Variable => 1,
        SymbolKind.Instance => 2,
        _ => 3,
    };

    /// <summary>Declares a module-level (or LET-level) symbol, reporting clashes.</summary>
    private void Declare(Name name, Symbol symbol, bool export)
    {
        symbol.Source = _source;
        symbol.NameSpan = name.Span;
        var key = name.Text;
        if (key.Length == 0)
        {
            return;
        }
        if (_scope.TryGetValue(key, out var existing))
        {
            if (existing.Kind == SymbolKind.BuiltIn)
            {
                Report(SemanticCodes.MultiplyDefined, name.Span, $"Symbol {key} is a built-in operator, and cannot be redefined.");
            }
            else
            {
                var code = _letFrames.Count > 0 && !IsInCurrentLet(existing) ? SemanticCodes.IllegalShadowing : SemanticCodes.MultiplyDefined;
                Report(code, name.Span,
                    $"Multiply-defined symbol '{key}': this definition or declaration conflicts with {Describe(existing)}.");
            }
            if (_letFrames.Count > 0)
            {
                // Keep the LET scope consistent: the new definition shadows until the LET ends.
                _undo.Add((key, existing));
                _scope[key] = symbol;
            }
            return;
        }
        if (_letFrames.Count > 0)
        {
            _undo.Add((key, null));
        }
        _scope[key] = symbol;
        if (export && !symbol.IsLocal)
        {
            _exports[key] = symbol;
        }
        if (symbol.IsLocal && _letFrames.Count == 0)
        {
            _result.LocalDefinitions[key] = symbol;
        }
    }

    private bool IsInCurrentLet(Symbol symbol)
    {
        var frame = _letFrames[^1];
        foreach (var s in frame.Defined)
        {
            if (ReferenceEquals(s, symbol))
            {
                return true;
            }
        }
        foreach (var s in frame.Pending)
        {
            if (ReferenceEquals(s, symbol))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Binds a parameter or bound variable for the extent of an expression; shadowing is reported.</summary>
    private void Bind(Name? name, Symbol symbol)
    {
        if (name is null || name.Text.Length == 0)
        {
            return;
        }
        symbol.Source = _source;
        symbol.NameSpan = name.Span;
        var key = name.Text;
        if (_scope.TryGetValue(key, out var existing))
        {
            if (existing.Kind == SymbolKind.BuiltIn)
            {
                Report(SemanticCodes.IllegalShadowing, name.Span, $"Symbol {key} is a built-in operator, and cannot be redefined.");
            }
            else
            {
                Report(SemanticCodes.IllegalShadowing, name.Span,
                    $"Multiply-defined symbol '{key}': this definition or declaration conflicts with {Describe(existing)}.");
            }
        }
        _undo.Add((key, existing));
        _scope[key] = symbol;
    }

    private void Unbind(int mark)
    {
        for (var i = _undo.Count - 1; i >= mark; i--)
        {
            var (key, previous) = _undo[i];
            if (previous is null)
            {
                _scope.Remove(key);
            }
            else
            {
                _scope[key] = previous;
            }
        }
        _undo.RemoveRange(mark, _undo.Count - mark);
    }

    private int NewParamIndex()
    {
        _paramMax.Add(Level.Temporal);
        return _paramMax.Count - 1;
    }

    private void Constrain(ulong mask, Level max)
    {
        while (mask != 0)
        {
            var index = System.Numerics.BitOperations.TrailingZeroCount(mask);
            mask &= mask - 1;
            if (index < _paramMax.Count && _paramMax[index] > max)
            {
                _paramMax[index] = max;
            }
        }
    }

    private static ImmutableArray<T> Safe<T>(ImmutableArray<T> items) => items.IsDefault ? [] : items;

    // ───────────────────────────── Units ─────────────────────────────

    private void CheckUnit(Unit unit, LetFrame? let)
    {
        var isModuleLevel = let is null;
        switch (unit)
        {
            case VariableDecl v:
                foreach (var name in Safe(v.Names))
                {
                    if (name is null)
                    {
                        continue;
                    }
                    var symbol = new Symbol(name.Text, SymbolKind.Variable, 0, ModuleName, name) { Info = LevelInfo.State };
                    Declare(name, symbol, export: true);
                    AddParameter(symbol);
                }
                break;
            case ConstantDecl c:
                foreach (var decl in Safe(c.Constants))
                {
                    if (decl?.Name is null)
                    {
                        continue;
                    }
                    var symbol = new Symbol(decl.Name.Text, SymbolKind.Constant, Math.Max(0, decl.Arity), ModuleName, decl)
                    {
                        Fixity = decl.Fixity,
                        Info = LevelInfo.Constant,
                        ParameterArities = ZeroArities(decl.Arity),
                    };
                    Declare(decl.Name, symbol, export: true);
                    AddParameter(symbol);
                }
                break;
            case RecursiveDecl r:
                foreach (var decl in Safe(r.Operators))
                {
                    if (decl?.Name is null)
                    {
                        continue;
                    }
                    var symbol = new Symbol(decl.Name.Text, SymbolKind.Operator, Math.Max(0, decl.Arity), ModuleName, decl)
                    {
                        Fixity = decl.Fixity,
                        IsRecursive = true,
                        Pending = true,
                        Info = LevelInfo.Constant,
                        ParameterArities = ZeroArities(decl.Arity),
                    };
                    // A LET's RECURSIVE operator is the LET's own: modules that extend or instantiate this one never see it.
                    Declare(decl.Name, symbol, export: isModuleLevel);
                    if (let is null)
                    {
                        _pendingRecursive.Add(symbol);
                    }
                    else
                    {
                        let.Pending.Add(symbol);
                    }
                }
                break;
            case OperatorDef def:
                CheckOperatorDef(def, isModuleLevel, let);
                break;
            case FunctionDef fn:
                CheckFunctionDef(fn, isModuleLevel, let);
                break;
            case InstanceUnit iu:
                if (iu.Instance is not null)
                {
                    CheckInstanceUnit(iu);
                }
                break;
            case ModuleInstanceDef mi:
                CheckModuleInstanceDef(mi, isModuleLevel, let);
                break;
            case Assumption a:
                {
                    _currentDefinition = a.Label?.Text;
                    var info = Walk(a.Body);
                    _currentDefinition = null;
                    if (info.Base > Level.Constant && a.Body is not null)
                    {
                        var keyword = a.Kind switch
                        {
                            AssumptionKind.Axiom => "AXIOM",
                            AssumptionKind.Assumption => "ASSUMPTION",
                            _ => "ASSUME",
                        };
                        Report(SemanticCodes.AssumptionNotConstant, a.Body.Span,
                            $"Level error: {keyword} must be a constant-level formula, but this one has {info.Base.ToDisplayString()} level.");
                    }
                    if (a.Label is { Text.Length: > 0 } label)
                    {
                        var symbol = new Symbol(label.Text, SymbolKind.Theorem, 0, ModuleName, a) { Info = LevelInfo.Constant };
                        Declare(label, symbol, export: true);
                    }
                    break;
                }
            case Theorem t:
                {
                    _currentDefinition = t.Label?.Text;
                    Walk(t.Body);
                    _currentDefinition = null;
                    if (t.Label is { Text.Length: > 0 } label)
                    {
                        var symbol = new Symbol(label.Text, SymbolKind.Theorem, 0, ModuleName, t) { Info = LevelInfo.Constant };
                        Declare(label, symbol, export: true);
                    }
                    break;
                }
            case NestedModule nm when nm.Module is not null && isModuleLevel:
                {
                    var inner = new ModuleChecker(_run, nm.Module, _source, this);
                    var resolved = inner.Run();
                    if (resolved.Name.Length > 0)
                    {
                        if (_nested.ContainsKey(resolved.Name))
                        {
                            Report(SemanticCodes.MultiplyDefined, nm.Module.Name.Span,
                                $"Multiply-defined module '{resolved.Name}'.");
                        }
                        else
                        {
                            _nested[resolved.Name] = resolved;
                        }
                    }
                    break;
                }
            default:
                break;
        }
    }

    private Symbol? TakePending(Name name, int arity, LetFrame? let)
    {
        if (!_scope.TryGetValue(name.Text, out var existing) || !existing.Pending)
        {
            return null;
        }
        var pendingList = let is null ? _pendingRecursive : let.Pending;
        if (!pendingList.Contains(existing))
        {
            return null;
        }
        existing.Pending = false;
        if (existing.Arity != arity)
        {
            Report(SemanticCodes.RecursiveMismatch, name.Span,
                $"Operator '{name.Text}' is declared RECURSIVE with {Arguments(existing.Arity)} but defined with {arity}.");
        }
        return existing;
    }

    private void CheckOperatorDef(OperatorDef def, bool isModuleLevel, LetFrame? let)
    {
        if (def.Name is null)
        {
            return;
        }
        var parameters = Safe(def.Parameters);
        var symbol = TakePending(def.Name, parameters.Length, let);
        var recursive = symbol is not null;
        symbol ??= new Symbol(def.Name.Text, SymbolKind.Operator, parameters.Length, ModuleName, def);
        symbol.Definition = def;
        symbol.Fixity = def.Fixity;
        symbol.IsLocal = def.IsLocal;
        symbol.Arity = parameters.Length;
        var arities = ImmutableArray.CreateBuilder<int>(parameters.Length);
        foreach (var p in parameters)
        {
            arities.Add(Math.Max(0, p?.Arity ?? 0));
        }
        symbol.ParameterArities = arities.MoveToImmutable();
        if (recursive)
        {
            symbol.Source = _source;
            symbol.NameSpan = def.Name.Span;
        }

        var savedDefinition = _currentDefinition;
        var savedLetDefinition = _currentLetDefinition;
        var savedLabels = _labels;
        var savedExcept = _inExceptValue;
        if (isModuleLevel)
        {
            _currentDefinition = def.Name.Text;
        }
        else
        {
            _currentLetDefinition = symbol;
        }
        _labels = null;
        _inExceptValue = false;
        var mark = _undo.Count;
        var (indices, mask) = BindParameters(parameters);
        var info = Walk(def.Body);
        Unbind(mark);
        _currentDefinition = savedDefinition;
        _currentLetDefinition = savedLetDefinition;
        _labels = savedLabels;
        _inExceptValue = savedExcept;

        symbol.ParamIndices = indices;
        symbol.ParamMaxLevels = MaxLevels(indices);
        // A module-level definition depends on no enclosing parameters; a LET definition keeps the enclosing
        // definition's parameters so that applying the enclosing operator substitutes them.
        symbol.Info = isModuleLevel
            ? new LevelInfo(info.Base, info.Params & mask, info.Primed & mask)
            : info;
        if (!recursive)
        {
            Declare(def.Name, symbol, export: isModuleLevel);
        }
        else if (isModuleLevel && !def.IsLocal)
        {
            _exports[def.Name.Text] = symbol;
        }
        if (isModuleLevel)
        {
            _definitions.Add(symbol);
        }
        let?.Defined.Add(symbol);
    }

    private (int[] Indices, ulong Mask) BindParameters(ImmutableArray<OpDecl> parameters)
    {
        var indices = new int[parameters.Length];
        ulong mask = 0;
        for (var i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            var index = NewParamIndex();
            indices[i] = index;
            if (index < 64)
            {
                mask |= 1UL << index;
            }
            if (p?.Name is null)
            {
                continue;
            }
            var ps = new Symbol(p.Name.Text, SymbolKind.Parameter, Math.Max(0, p.Arity), ModuleName, p)
            {
                Info = LevelInfo.OfParameter(index),
                Fixity = p.Fixity,
                ParameterArities = ZeroArities(p.Arity),
            };
            Bind(p.Name, ps);
        }
        return (indices, mask);
    }

    private Level[] MaxLevels(int[] indices)
    {
        var levels = new Level[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            levels[i] = indices[i] < _paramMax.Count ? _paramMax[indices[i]] : Level.Temporal;
        }
        return levels;
    }

    private void CheckFunctionDef(FunctionDef fn, bool isModuleLevel, LetFrame? let)
    {
        if (fn.Name is null)
        {
            return;
        }
        var symbol = new Symbol(fn.Name.Text, SymbolKind.Function, 0, ModuleName, fn)
        {
            Definition = fn,
            IsLocal = fn.IsLocal,
            Info = LevelInfo.Constant,
        };
        // A function definition may refer to itself: f[n \in Nat] == IF n = 0 THEN 1 ELSE n * f[n - 1].
        Declare(fn.Name, symbol, export: isModuleLevel);
        var savedDefinition = _currentDefinition;
        var savedExcept = _inExceptValue;
        var savedLabels = _labels;
        _labels = null;
        _inExceptValue = false;
        if (isModuleLevel)
        {
            _currentDefinition = null;
        }
        var mark = _undo.Count;
        var info = BindBounds(fn.Bounds);
        info = info.Max(Walk(fn.Body));
        Unbind(mark);
        _currentDefinition = savedDefinition;
        _inExceptValue = savedExcept;
        _labels = savedLabels;
        symbol.Info = info;
        if (isModuleLevel)
        {
            _definitions.Add(symbol);
        }
        let?.Defined.Add(symbol);
    }

    private void CheckInstanceUnit(InstanceUnit unit)
    {
        var resolved = ResolveInstance(unit.Instance);
        if (resolved is null)
        {
            _incomplete = true;
            return;
        }
        _instances.Add(resolved);
        _incomplete |= resolved.Module.IsIncomplete;
        var site = unit.Instance.Module;
        var direct = resolved.Substitutions.Length == 0;
        foreach (var (key, symbol) in resolved.Module.Exports)
        {
            if (symbol.Kind is SymbolKind.Constant or SymbolKind.Variable)
            {
                continue;
            }
            Symbol imported;
            if (direct)
            {
                imported = symbol;
            }
            else
            {
                imported = new Symbol(symbol.Name, symbol.Kind, symbol.Arity, symbol.ModuleName, symbol.Declaration)
                {
                    Fixity = symbol.Fixity,
                    IsLocal = unit.IsLocal,
                    IsRecursive = symbol.IsRecursive,
                    ParameterArities = symbol.ParameterArities,
                    // A definition is evaluated under this instance's substitutions, then (through Origin) under
                    // those it was imported with; a named instance keeps its own.
                    Instance = symbol.Kind == SymbolKind.Instance ? symbol.Instance ?? resolved : resolved,
                    Origin = symbol,
                    Definition = symbol.Definition,
                    Info = symbol.Info,
                    ParamIndices = symbol.ParamIndices,
                    ParamMaxLevels = symbol.ParamMaxLevels,
                    Source = symbol.Source,
                    NameSpan = symbol.NameSpan,
                };
            }
            Import(key, imported, site, export: !unit.IsLocal);
        }
    }

    private void CheckModuleInstanceDef(ModuleInstanceDef def, bool isModuleLevel, LetFrame? let)
    {
        if (def.Name is null || def.Instance is null)
        {
            return;
        }
        var parameters = Safe(def.Parameters);
        var mark = _undo.Count;
        var (indices, _) = BindParameters(parameters);
        var resolved = ResolveInstance(def.Instance);
        Unbind(mark);
        var symbol = new Symbol(def.Name.Text, SymbolKind.Instance, parameters.Length, ModuleName, def)
        {
            Definition = def,
            IsLocal = def.IsLocal,
            Instance = resolved,
            Info = LevelInfo.Constant,
            ParamIndices = indices,
            ParamMaxLevels = MaxLevels(indices),
            ParameterArities = ZeroArities(parameters.Length),
        };
        if (resolved is null || resolved.Module.IsIncomplete)
        {
            _incomplete |= resolved is null;
        }
        Declare(def.Name, symbol, export: isModuleLevel);
        if (isModuleLevel)
        {
            _definitions.Add(symbol);
        }
        let?.Defined.Add(symbol);
    }

    private ResolvedInstance? ResolveInstance(Instance instance)
    {
        var substitutions = Safe(instance.Substitutions);
        if (instance.Module is null || instance.Module.Text.Length == 0)
        {
            foreach (var s in substitutions)
            {
                Walk(s?.Value);
            }
            return null;
        }
        var target = ResolveModuleName(instance.Module);
        if (target is null)
        {
            foreach (var s in substitutions)
            {
                Walk(s?.Value);
            }
            return null;
        }
        var result = ImmutableArray.CreateBuilder<InstanceSubstitution>();
        var explicitNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in substitutions)
        {
            if (s?.Target is null)
            {
                continue;
            }
            target.ParameterMap.TryGetValue(s.Target.Text, out var parameter);
            LevelInfo info;
            if (parameter is not null && parameter.Arity > 0)
            {
                info = WalkOperatorArgument(s.Value, parameter.Arity, parameter.Name, 0, s.Target.Span);
            }
            else
            {
                info = Walk(s.Value);
            }
            if (parameter is null)
            {
                if (!target.IsIncomplete)
                {
                    Report(SemanticCodes.UnknownSubstitutionTarget, s.Target.Span,
                        $"Symbol '{s.Target.Text}' is not a constant or variable of module {target.Name}, so it cannot be substituted.");
                }
                continue;
            }
            if (!explicitNames.Add(s.Target.Text))
            {
                Report(SemanticCodes.DuplicateSubstitution, s.Target.Span,
                    $"Multiple substitutions for '{s.Target.Text}' in the instance of module {target.Name}.");
                continue;
            }
            CheckSubstitutionLevel(parameter, info.Base, s.Target.Span, target.Name);
            result.Add(new InstanceSubstitution(parameter, s.Value, null));
        }
        foreach (var parameter in (IEnumerable<Symbol>)[.. target.Constants, .. target.Variables])
        {
            if (explicitNames.Contains(parameter.Name))
            {
                continue;
            }
            if (_scope.TryGetValue(parameter.Name, out var implicitSymbol))
            {
                if (!ReferenceEquals(implicitSymbol.Root, parameter.Root))
                {
                    CheckSubstitutionLevel(parameter, implicitSymbol.Level, instance.Module.Span, target.Name);
                }
                result.Add(new InstanceSubstitution(parameter, null, implicitSymbol));
            }
            else if (!_incomplete)
            {
                Report(SemanticCodes.MissingSubstitution, instance.Module.Span,
                    $"The instance of module {target.Name} needs a substitution for {(parameter.Kind == SymbolKind.Variable ? "variable" : "constant")} " +
                    $"'{parameter.Name}': write WITH {parameter.Name} <- ..., or define '{parameter.Name}' in module {ModuleName}.");
            }
        }
        return new ResolvedInstance(target, result.ToImmutable(), instance);
    }

    private void CheckSubstitutionLevel(Symbol parameter, Level level, TextSpan span, string module)
    {
        var max = parameter.Kind == SymbolKind.Variable ? Level.State : Level.Constant;
        if (level > max)
        {
            Report(SemanticCodes.SubstitutionLevel, span,
                $"Level error in instantiating module '{module}': the expression substituted for '{parameter.Name}' has " +
                $"{level.ToDisplayString()} level, but a {(max == Level.State ? "variable" : "constant")} can only be replaced by an " +
                $"expression of at most {max.ToDisplayString()} level.");
        }
    }
}
