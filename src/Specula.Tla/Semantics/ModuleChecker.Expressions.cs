using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Specula.Tla.Syntax;

namespace Specula.Tla.Semantics;

internal sealed partial class ModuleChecker
{
    private static readonly FrozenDictionary<string, Symbol> BuiltIns = CreateBuiltIns();
    private bool _reportedTooDeep;

    private static FrozenDictionary<string, Symbol> CreateBuiltIns()
    {
        var result = new Dictionary<string, Symbol>(StringComparer.Ordinal);
        void Add(int arity, OperatorFixity fixity, params string[] names)
        {
            var symbol = new Symbol(names[0], SymbolKind.BuiltIn, arity, string.Empty, null) { Fixity = fixity, Info = LevelInfo.Constant };
            foreach (var n in names)
            {
                result[n] = symbol;
            }
        }
        Add(2, OperatorFixity.Infix, @"/\", @"\land");
        Add(2, OperatorFixity.Infix, @"\/", @"\lor");
        Add(2, OperatorFixity.Infix, "=>");
        Add(2, OperatorFixity.Infix, "<=>", @"\equiv");
        Add(2, OperatorFixity.Infix, "=");
        Add(2, OperatorFixity.Infix, "/=", "#");
        Add(2, OperatorFixity.Infix, @"\in");
        Add(2, OperatorFixity.Infix, @"\notin");
        Add(2, OperatorFixity.Infix, @"\cup", @"\union");
        Add(2, OperatorFixity.Infix, @"\cap", @"\intersect");
        Add(2, OperatorFixity.Infix, @"\subseteq");
        Add(2, OperatorFixity.Infix, @"\");
        Add(2, OperatorFixity.Infix, "~>");
        Add(2, OperatorFixity.Infix, "-+->");
        Add(2, OperatorFixity.Infix, @"\cdot");
        Add(1, OperatorFixity.PrefixSymbol, "~", @"\lnot", @"\neg");
        Add(1, OperatorFixity.PrefixSymbol, "[]");
        Add(1, OperatorFixity.PrefixSymbol, "<>");
        Add(1, OperatorFixity.PrefixSymbol, "ENABLED");
        Add(1, OperatorFixity.PrefixSymbol, "UNCHANGED");
        Add(1, OperatorFixity.PrefixSymbol, "SUBSET");
        Add(1, OperatorFixity.PrefixSymbol, "UNION");
        Add(1, OperatorFixity.PrefixSymbol, "DOMAIN");
        Add(1, OperatorFixity.Postfix, "'");
        Add(0, OperatorFixity.Prefix, "TRUE");
        Add(0, OperatorFixity.Prefix, "FALSE");
        Add(0, OperatorFixity.Prefix, "BOOLEAN");
        Add(0, OperatorFixity.Prefix, "STRING");
        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>True for operators built into TLA+ (no module defines them).</summary>
    internal static bool IsBuiltIn(string name) => BuiltIns.ContainsKey(name);

    // ───────────────────────────── Expressions ─────────────────────────────

    private int _depth;

    private LevelInfo Walk(Expr? expr)
    {
        if (expr is null)
        {
            return LevelInfo.Constant;
        }
        _depth++;
        try
        {
            return WalkCore(expr);
        }
        finally
        {
            _depth--;
        }
    }

    private LevelInfo WalkCore(Expr expr)
    {
        // Checking the stack costs a call into the runtime; ordinary expressions are far shallower than this.
        if (_depth > 64 && !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            if (!_reportedTooDeep)
            {
                _reportedTooDeep = true;
                Report(SemanticCodes.InternalError, expr.Span, "Expression nested too deeply to check.");
            }
            return LevelInfo.Constant;
        }
        switch (expr)
        {
            case OpApp app:
                return WalkOpApp(app);
            case Binary b:
                return WalkBinary(b);
            case Unary u:
                return WalkUnary(u);
            case Postfix p:
                return WalkPostfix(p);
            case JunctionList j:
                {
                    var items = Safe(j.Items);
                    var info = LevelInfo.Constant;
                    bool hasAction = false, hasTemporal = false;
                    foreach (var item in items)
                    {
                        var i = Walk(item);
                        hasAction |= i.Base == Level.Action;
                        hasTemporal |= i.Base == Level.Temporal;
                        info = info.Max(i);
                    }
                    if (hasAction && hasTemporal)
                    {
                        Report(SemanticCodes.ActionInTemporal, j.Span,
                            $"{(j.IsConjunction ? "Conjunction" : "Disjunction")} list has both temporal formula and action as arguments.");
                    }
                    return info;
                }
            case Parens p:
                return Walk(p.Inner);
            case NumberLiteral or DecimalLiteral or StringLiteral or ErrorExpr:
                return LevelInfo.Constant;
            case AtSign at:
                if (!_inExceptValue)
                {
                    Report(SemanticCodes.AtOutsideExcept, at.Span,
                        "'@' can only be used in the value of an EXCEPT clause, as in [f EXCEPT ![i] = @ + 1].");
                }
                return LevelInfo.Constant;
            case CartesianProduct cp:
                return WalkAll(cp.Factors);
            case Quantified q:
                {
                    var mark = _undo.Count;
                    var sets = BindBounds(q.Bounds, out var actionSet);
                    var body = Walk(q.Body);
                    Unbind(mark);
                    var info = sets.Max(body);
                    if (info.Base == Level.Temporal && actionSet is { } span)
                    {
                        Report(SemanticCodes.ActionInTemporal, span, "Action-level bound of quantified temporal formula.");
                    }
                    return info;
                }
            case TemporalQuantified tq:
                {
                    var mark = _undo.Count;
                    foreach (var name in Safe(tq.Names))
                    {
                        if (name is not null)
                        {
                            Bind(name, new Symbol(name.Text, SymbolKind.Variable, 0, ModuleName, name) { Info = LevelInfo.State });
                        }
                    }
                    var body = Walk(tq.Body);
                    Unbind(mark);
                    return new LevelInfo(Level.Temporal, body.Params, body.Primed);
                }
            case Choose c:
                {
                    var mark = _undo.Count;
                    var sets = c.Bound is null ? LevelInfo.Constant : BindBounds([c.Bound], out _);
                    var body = Walk(c.Body);
                    Unbind(mark);
                    if (body.Base == Level.Temporal && c.Body is not null)
                    {
                        Report(SemanticCodes.ArgumentLevel, c.Body.Span, "Level error: the body of CHOOSE cannot be a temporal formula.");
                    }
                    return sets.Max(body);
                }
            case SetEnumeration se:
                return WalkAll(se.Elements);
            case SetFilter sf:
                {
                    var mark = _undo.Count;
                    var sets = sf.Bound is null ? LevelInfo.Constant : BindBounds([sf.Bound], out _);
                    var body = Walk(sf.Predicate);
                    Unbind(mark);
                    return sets.Max(body);
                }
            case SetMap sm:
                {
                    var mark = _undo.Count;
                    var sets = BindBounds(sm.Bounds, out _);
                    var body = Walk(sm.Element);
                    Unbind(mark);
                    return sets.Max(body);
                }
            case FunctionConstructor fc:
                {
                    var mark = _undo.Count;
                    var sets = BindBounds(fc.Bounds, out _);
                    var body = Walk(fc.Body);
                    Unbind(mark);
                    return sets.Max(body);
                }
            case FunctionSet fs:
                return Walk(fs.Domain).Max(Walk(fs.Range));
            case RecordConstructor rc:
                {
                    var info = LevelInfo.Constant;
                    foreach (var f in Safe(rc.Fields))
                    {
                        info = info.Max(Walk(f?.Value));
                    }
                    return info;
                }
            case RecordSet rs:
                {
                    var info = LevelInfo.Constant;
                    foreach (var f in Safe(rs.Fields))
                    {
                        info = info.Max(Walk(f?.Value));
                    }
                    return info;
                }
            case FunctionApplication fa:
                return Walk(fa.Function).Max(WalkAll(fa.Arguments));
            case FieldAccess fa:
                return Walk(fa.Record);
            case Except ex:
                return WalkExcept(ex);
            case TupleExpr t:
                return WalkAll(t.Elements);
            case IfThenElse ite:
                return Walk(ite.Condition).Max(Walk(ite.Then)).Max(Walk(ite.Else));
            case Case cs:
                {
                    var info = LevelInfo.Constant;
                    foreach (var arm in Safe(cs.Arms))
                    {
                        if (arm is not null)
                        {
                            info = info.Max(Walk(arm.Guard)).Max(Walk(arm.Value));
                        }
                    }
                    return info.Max(Walk(cs.Other));
                }
            case Let let:
                return WalkLet(let);
            case Lambda lambda:
                Report(SemanticCodes.OperatorArgumentExpected, lambda.Span,
                    "A LAMBDA expression can only be an argument of an operator that takes an operator argument.");
                return WalkLambda(lambda);
            case ActionExpr ae:
                {
                    var action = Walk(ae.Action);
                    var sub = Walk(ae.Subscript);
                    var form = ae.IsAngle ? "<<A>>_v" : "[A]_v";
                    if (action.Base == Level.Temporal && ae.Action is not null)
                    {
                        Report(SemanticCodes.ArgumentLevel, ae.Action.Span,
                            $"Level error in {form}: the action A is a temporal formula; it must be at most action level.");
                    }
                    if (sub.Base >= Level.Action && ae.Subscript is not null)
                    {
                        Report(SemanticCodes.ArgumentLevel, ae.Subscript.Span,
                            $"Level error in {form}: the subscript v has {sub.Base.ToDisplayString()} level; it must be at most state level.");
                    }
                    Constrain(action.Params, Level.Action);
                    Constrain(sub.Params, Level.State);
                    return new LevelInfo(Level.Action, action.Params | sub.Params, action.Primed | sub.Primed);
                }
            case Fairness f:
                {
                    var sub = Walk(f.Subscript);
                    var action = Walk(f.Action);
                    var kind = f.IsStrong ? "SF" : "WF";
                    if (action.Base == Level.Temporal && f.Action is not null)
                    {
                        Report(SemanticCodes.ArgumentLevel, f.Action.Span,
                            $"Level error in {kind}_v(A): the action A is a temporal formula; it must be at most action level.");
                    }
                    if (sub.Base >= Level.Action && f.Subscript is not null)
                    {
                        Report(SemanticCodes.ArgumentLevel, f.Subscript.Span,
                            $"Level error in {kind}_v(A): the subscript v has {sub.Base.ToDisplayString()} level; it must be at most state level.");
                    }
                    Constrain(action.Params, Level.Action);
                    Constrain(sub.Params, Level.State);
                    return new LevelInfo(Level.Temporal, action.Params | sub.Params, action.Primed | sub.Primed);
                }
            case Labeled l:
                return WalkLabeled(l);
            case AssumeProve ap:
                {
                    var mark = _undo.Count;
                    var info = LevelInfo.Constant;
                    foreach (var a in Safe(ap.Assumptions))
                    {
                        if (a is NewDecl nd)
                        {
                            info = info.Max(Walk(nd.Set));
                            BindNew(nd);
                        }
                        else
                        {
                            info = info.Max(Walk(a));
                        }
                    }
                    info = info.Max(Walk(ap.Goal));
                    Unbind(mark);
                    return info;
                }
            case NewDecl nd:
                return Walk(nd.Set);
            default:
                return LevelInfo.Constant;
        }
    }

    private LevelInfo WalkAll(ReadOnlySpan<Expr> items)
    {
        var info = LevelInfo.Constant;
        foreach (var item in items)
        {
            info = info.Max(Walk(item));
        }
        return info;
    }

    private static readonly ImmutableArray<int>[] ZeroArityCache = CreateZeroArities();

    private static ImmutableArray<int>[] CreateZeroArities()
    {
        var cache = new ImmutableArray<int>[8];
        for (var i = 0; i < cache.Length; i++)
        {
            cache[i] = ImmutableArray.Create(new int[i]);
        }
        return cache;
    }

    /// <summary>Parameter arities of an operator whose parameters are all ordinary (not operators).</summary>
    internal static ImmutableArray<int> ZeroArities(int count) =>
        count <= 0 ? [] : count < ZeroArityCache.Length ? ZeroArityCache[count] : ImmutableArray.Create(new int[count]);

    private LevelInfo WalkAll(ImmutableArray<Expr> items)
    {
        var info = LevelInfo.Constant;
        foreach (var item in Safe(items))
        {
            info = info.Max(Walk(item));
        }
        return info;
    }

    private void BindNew(NewDecl nd)
    {
        var declared = nd.Declared;
        if (declared?.Name is null)
        {
            return;
        }
        var (kind, info) = nd.Kind switch
        {
            "VARIABLE" => (SymbolKind.Variable, LevelInfo.State),
            "STATE" => (SymbolKind.Constant, LevelInfo.State),
            "ACTION" => (SymbolKind.Constant, LevelInfo.Action),
            "TEMPORAL" => (SymbolKind.Constant, LevelInfo.Temporal),
            _ => (declared.Arity > 0 ? SymbolKind.Constant : SymbolKind.BoundVariable, LevelInfo.Constant),
        };
        var arity = Math.Max(0, declared.Arity);
        Bind(declared.Name, new Symbol(declared.Name.Text, kind, arity, ModuleName, nd)
        {
            Info = info,
            ParameterArities = ZeroArities(arity),
        });
    }

    /// <summary>Walks the sets of bound declarations and binds their names (each set sees the names bound before it).</summary>
    private LevelInfo BindBounds(ImmutableArray<BoundDecl> bounds, out TextSpan? actionSet)
    {
        actionSet = null;
        var info = LevelInfo.Constant;
        foreach (var bound in Safe(bounds))
        {
            if (bound is null)
            {
                continue;
            }
            if (bound.Set is not null)
            {
                var set = Walk(bound.Set);
                if (set.Base == Level.Action && actionSet is null)
                {
                    actionSet = bound.Set.Span;
                }
                info = info.Max(set);
            }
            foreach (var name in Safe(bound.Names))
            {
                if (name is not null)
                {
                    Bind(name, new Symbol(name.Text, SymbolKind.BoundVariable, 0, ModuleName, name) { Info = LevelInfo.Constant });
                }
            }
        }
        return info;
    }

    private LevelInfo BindBounds(ImmutableArray<BoundDecl> bounds) => BindBounds(bounds, out _);

    private LevelInfo WalkExcept(Except ex)
    {
        var info = Walk(ex.Function);
        var saved = _inExceptValue;
        foreach (var update in Safe(ex.Updates))
        {
            if (update is null)
            {
                continue;
            }
            _inExceptValue = false;
            foreach (var selector in Safe(update.Path))
            {
                if (selector is IndexSelector index)
                {
                    info = info.Max(WalkAll(index.Indices));
                }
            }
            _inExceptValue = true;
            info = info.Max(Walk(update.Value));
        }
        _inExceptValue = saved;
        return info;
    }

    private LevelInfo WalkLabeled(Labeled l)
    {
        if (l.Label is { Text.Length: > 0 } label)
        {
            _labels ??= new HashSet<string>(StringComparer.Ordinal);
            if (!_labels.Add(label.Text))
            {
                Report(SemanticCodes.DuplicateLabel, label.Span, $"Multiply-defined label '{label.Text}'.");
            }
        }
        foreach (var p in Safe(l.Parameters))
        {
            if (p is null || p.Text.Length == 0)
            {
                continue;
            }
            if (!_scope.TryGetValue(p.Text, out var s) || s.Kind is not (SymbolKind.BoundVariable or SymbolKind.Parameter))
            {
                Report(SemanticCodes.InvalidLabelParameter, p.Span,
                    $"Label parameter '{p.Text}' is not a bound identifier or parameter in scope at the label.");
            }
        }
        return Walk(l.Body);
    }

    private LevelInfo WalkLet(Let let)
    {
        var definitions = Safe(let.Definitions);
        var frame = new LetFrame { Definitions = definitions };
        _letFrames.Add(frame);
        var mark = _undo.Count;
        var parameterMark = _paramMax.Count;
        for (var i = 0; i < definitions.Length; i++)
        {
            frame.Index = i;
            if (definitions[i] is { } unit)
            {
                CheckUnit(unit, frame);
            }
        }
        frame.Index = definitions.Length;
        foreach (var pending in frame.Pending)
        {
            if (pending.Pending)
            {
                Report(SemanticCodes.RecursiveNotDefined, pending.NameSpan,
                    $"Operator '{pending.Name}' is declared RECURSIVE but never defined.");
                pending.Pending = false;
            }
        }
        var body = Walk(let.Body);
        Unbind(mark);
        _letFrames.RemoveAt(_letFrames.Count - 1);
        // The LET's own parameter slots are free again (its symbols keep copies of what they need).
        _paramMax.RemoveRange(parameterMark, _paramMax.Count - parameterMark);
        return body;
    }

    private LevelInfo WalkLambda(Lambda lambda)
    {
        var mark = _undo.Count;
        var parameterMark = _paramMax.Count;
        ulong own = 0;
        foreach (var p in Safe(lambda.Parameters))
        {
            var index = NewParamIndex();
            if (index < 64)
            {
                own |= 1UL << index;
            }
            if (p is not null)
            {
                Bind(p, new Symbol(p.Text, SymbolKind.Parameter, 0, ModuleName, p) { Info = LevelInfo.OfParameter(index) });
            }
        }
        var body = Walk(lambda.Body);
        Unbind(mark);
        _paramMax.RemoveRange(parameterMark, _paramMax.Count - parameterMark);
        return new LevelInfo(body.Base, body.Params & ~own, body.Primed & ~own);
    }

    // ───────────────────────────── Names and applications ─────────────────────────────

    private Symbol? Lookup(string name)
    {
        if (_scope.TryGetValue(name, out var symbol))
        {
            return symbol;
        }
        return BuiltIns.TryGetValue(name, out symbol) && symbol.Arity == 0 ? symbol : null;
    }

    private LevelInfo WalkOpApp(OpApp app)
    {
        var args = Safe(app.Arguments);
        var path = Safe(app.Path);
        if (app.Name is null)
        {
            return WalkAll(args);
        }
        if (args.Length == 0 && path.Length == 0 && _scope.TryGetValue(app.Name.Text, out var simple) && simple.Arity == 0
            && simple.Kind is SymbolKind.Variable or SymbolKind.BoundVariable or SymbolKind.Constant or SymbolKind.Parameter)
        {
            // The common case: a variable, constant, parameter or bound name.
            _run.References[app] = simple;
            return simple.Info;
        }
        Symbol? symbol;
        var extra = LevelInfo.Constant;
        if (path.Length > 0)
        {
            if (!ResolvePath(app, path, out symbol, out extra))
            {
                return extra.Max(WalkAll(args));
            }
        }
        else
        {
            symbol = Lookup(app.Name.Text);
            if (symbol is null)
            {
                ReportUnknown(app.Name, app.Name.Text);
                return WalkAll(args);
            }
        }
        if (symbol is null)
        {
            return extra.Max(WalkAll(args));
        }
        _run.References[app] = symbol;
        return extra.Max(Apply(symbol, args.AsSpan(), app.Name.Span, DisplayName(app)));
    }

    private static string DisplayName(OpApp app)
    {
        var path = Safe(app.Path);
        if (path.Length == 0)
        {
            return app.Name.Text;
        }
        var sb = new System.Text.StringBuilder();
        foreach (var segment in path)
        {
            sb.Append(segment?.Name?.Text).Append('!');
        }
        return sb.Append(app.Name.Text).ToString();
    }

    /// <summary>Resolves <c>I(x)!J!Op</c>. Returns false when the reference cannot be checked further.</summary>
    private bool ResolvePath(OpApp app, ImmutableArray<PathSegment> path, out Symbol? symbol, out LevelInfo info)
    {
        symbol = null;
        info = LevelInfo.Constant;
        IReadOnlyDictionary<string, Symbol>? names = null;
        ResolvedModule? module = null;
        for (var i = 0; i < path.Length; i++)
        {
            var segment = path[i];
            if (segment?.Name is null)
            {
                return false;
            }
            var segmentArgs = Safe(segment.Arguments);
            Symbol? s;
            if (names is null)
            {
                s = Lookup(segment.Name.Text);
                if (s is null)
                {
                    ReportUnknown(segment.Name, segment.Name.Text);
                    info = info.Max(WalkAll(segmentArgs));
                    return false;
                }
            }
            else if (!names.TryGetValue(segment.Name.Text, out s))
            {
                if (!module!.IsIncomplete)
                {
                    ReportUnknownIn(module, segment.Name, Prefix(path, i + 1));
                }
                info = info.Max(WalkAll(segmentArgs));
                return false;
            }
            _run.References[segment] = s;
            if (s.Kind != SymbolKind.Instance)
            {
                info = info.Max(WalkAll(segmentArgs));
                if (s.Kind is SymbolKind.Operator or SymbolKind.Function or SymbolKind.Theorem)
                {
                    // Op!label or Op!1: a subexpression name; resolve to the definition.
                    _run.References[app] = s;
                    info = info.Max(new LevelInfo(s.Level, 0, 0));
                    return false;
                }
                Report(SemanticCodes.NotAnInstance, segment.Name.Span,
                    $"'{segment.Name.Text}' is not a module instance, so '{Prefix(path, i + 1)}!...' cannot be used.");
                return false;
            }
            if (segmentArgs.Length != s.Arity)
            {
                Report(SemanticCodes.ArityMismatch, segment.Name.Span,
                    $"The instance {segment.Name.Text} requires {Arguments(s.Arity)}.");
            }
            info = info.Max(WalkAll(segmentArgs));
            if (s.Instance is null)
            {
                return false;
            }
            module = s.Instance.Module;
            names = module.Exports;
        }
        if (names is null || module is null)
        {
            return false;
        }
        if (!names.TryGetValue(app.Name.Text, out symbol))
        {
            if (!module.IsIncomplete)
            {
                ReportUnknownIn(module, app.Name, DisplayName(app));
            }
            return false;
        }
        return true;
    }

    private static string Prefix(ImmutableArray<PathSegment> path, int count)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                sb.Append('!');
            }
            sb.Append(path[i]?.Name?.Text);
        }
        return sb.ToString();
    }

    private void ReportUnknownIn(ResolvedModule module, Name name, string display)
    {
        if (module.LocalDefinitions.TryGetValue(name.Text, out var local))
        {
            Report(SemanticCodes.LocalNotVisible, name.Span,
                $"Unknown operator: '{display}'. '{name.Text}' is LOCAL to module {local.ModuleName} and not visible here.");
            return;
        }
        Report(SemanticCodes.UnknownOperator, name.Span, $"Unknown operator: '{display}'.");
    }

    /// <summary>Checks the arguments of an application of <paramref name="symbol"/> and computes its level.</summary>
    private LevelInfo Apply(Symbol symbol, ReadOnlySpan<Expr> args, TextSpan nameSpan, string display)
    {
        if (symbol.Kind == SymbolKind.Instance)
        {
            Report(SemanticCodes.NotAnInstance, nameSpan, $"'{display}' is a module instance; use it as a prefix, as in {display}!Op.");
            return WalkAll(args);
        }
        if (args.Length != symbol.Arity && !(symbol.Pending && symbol.Arity == 0 && args.Length == 0))
        {
            Report(SemanticCodes.ArityMismatch, nameSpan, $"The operator {display} requires {Arguments(symbol.Arity)}.");
        }
        switch (symbol.Kind)
        {
            case SymbolKind.Variable:
            case SymbolKind.BoundVariable:
            case SymbolKind.BuiltIn:
            case SymbolKind.Theorem:
                return symbol.Info.Max(WalkAll(args));
            case SymbolKind.Constant:
            case SymbolKind.Parameter:
                {
                    var info = symbol.Info;
                    var arities = symbol.ParameterArities;
                    for (var i = 0; i < args.Length; i++)
                    {
                        var arity = i < arities.Length ? arities[i] : 0;
                        info = info.Max(arity > 0 ? WalkOperatorArgument(args[i], arity, display, i) : Walk(args[i]));
                    }
                    return info;
                }
            default:
                return ApplyDefinition(symbol, args, nameSpan, display);
        }
    }

    private LevelInfo ApplyDefinition(Symbol symbol, ReadOnlySpan<Expr> args, TextSpan nameSpan, string display)
    {
        var own = 0UL;
        var indices = symbol.ParamIndices;
        foreach (var index in indices)
        {
            if (index < 64)
            {
                own |= 1UL << index;
            }
        }
        var info = symbol.Info;
        var result = new LevelInfo(info.Base, info.Params & ~own, info.Primed & ~own);
        var arities = symbol.ParameterArities;
        for (var i = 0; i < args.Length; i++)
        {
            var arity = i < arities.Length ? arities[i] : 0;
            var arg = arity > 0 ? WalkOperatorArgument(args[i], arity, display, i) : Walk(args[i]);
            if (i >= indices.Length)
            {
                result = result.Max(arg);
                continue;
            }
            var index = indices[i];
            var bit = index < 64 ? 1UL << index : 0;
            if ((info.Params & bit) != 0)
            {
                result = result.Max(arg);
            }
            if ((info.Primed & bit) != 0)
            {
                result = result.Max(Prime(arg));
            }
            var max = i < symbol.ParamMaxLevels.Length ? symbol.ParamMaxLevels[i] : Level.Temporal;
            if (arg.Base > max)
            {
                Report(SemanticCodes.ArgumentLevel, args[i]?.Span ?? nameSpan,
                    $"Level error in applying operator {display}: the level of argument {i + 1} ({arg.Base.ToDisplayString()}) " +
                    $"exceeds the maximum level allowed by the operator ({max.ToDisplayString()}).");
            }
            Constrain(arg.Params, max);
        }
        return result;
    }

    private static LevelInfo Prime(LevelInfo operand) =>
        new(operand.Base >= Level.State ? (operand.Base > Level.Action ? operand.Base : Level.Action) : Level.Constant,
            0, operand.Params | operand.Primed);

    /// <summary>Checks an argument in a position that expects an operator of the given arity.</summary>
    private LevelInfo WalkOperatorArgument(Expr? arg, int arity, string operatorName, int position, TextSpan? spanOverride = null)
    {
        arg = SyntaxExtensions.WithoutParens(arg);
        switch (arg)
        {
            case null:
                return LevelInfo.Constant;
            case Lambda lambda:
                if (Safe(lambda.Parameters).Length != arity)
                {
                    Report(SemanticCodes.OperatorArgumentExpected, lambda.Span,
                        $"Argument {position + 1} of {operatorName} must be an operator of arity {arity}, but the LAMBDA takes " +
                        $"{Safe(lambda.Parameters).Length}.");
                }
                return WalkLambda(lambda);
            case OpApp app when Safe(app.Arguments).Length == 0 && app.Name is not null:
                {
                    Symbol? symbol;
                    var extra = LevelInfo.Constant;
                    if (Safe(app.Path).Length > 0)
                    {
                        if (!ResolvePath(app, app.Path, out symbol, out extra) || symbol is null)
                        {
                            return extra;
                        }
                    }
                    else
                    {
                        // Built-in operators can be passed too: ReduceSet(\intersect, S, T).
                        symbol = Lookup(app.Name.Text) ?? BuiltIns.GetValueOrDefault(app.Name.Text);
                        if (symbol is null)
                        {
                            ReportUnknown(app.Name, app.Name.Text);
                            return LevelInfo.Constant;
                        }
                    }
                    _run.References[app] = symbol;
                    if (symbol.Arity != arity)
                    {
                        Report(SemanticCodes.OperatorArgumentExpected, spanOverride ?? app.Span,
                            $"Argument {position + 1} of {operatorName} must be an operator of arity {arity}, but '{DisplayName(app)}' takes {symbol.Arity}.");
                    }
                    var own = 0UL;
                    foreach (var index in symbol.ParamIndices)
                    {
                        if (index < 64)
                        {
                            own |= 1UL << index;
                        }
                    }
                    var info = symbol.Info;
                    return extra.Max(new LevelInfo(info.Base, info.Params & ~own, info.Primed & ~own));
                }
            default:
                Report(SemanticCodes.OperatorArgumentExpected, spanOverride ?? arg.Span,
                    $"Argument {position + 1} of {operatorName} must be an operator of arity {arity} (an operator name or a LAMBDA).");
                return Walk(arg);
        }
    }

    private void ReportUnknown(Name name, string display)
    {
        var text = name.Text;
        if (text.Length == 0)
        {
            return;
        }
        if (text == _currentLetDefinition?.Name || text == _currentDefinition)
        {
            Report(SemanticCodes.UseBeforeDefinition, name.Span,
                $"Operator '{text}' is used in its own definition; a recursive operator must be declared RECURSIVE before its definition.");
            return;
        }
        if (FindLaterDefinition(text) is { } later)
        {
            var (line, column) = _source.GetLineColumn(later.Span.Start);
            Report(SemanticCodes.UseBeforeDefinition, name.Span,
                $"'{text}' is used before its definition at line {line}, col {column}; TLA+ requires definition before use " +
                "(declare mutually recursive operators RECURSIVE).");
            return;
        }
        if (_incomplete)
        {
            // A module this one imports could not be read or is not modelled: the name may come from there.
            return;
        }
        if (_hiddenByImport is not null && _hiddenByImport.TryGetValue(text, out var hidden))
        {
            Report(SemanticCodes.LocalNotVisible, name.Span,
                $"Unknown operator: '{display}'. '{text}' is LOCAL to module {hidden.ModuleName} and not visible here.");
            return;
        }
        if (CheckRun.StandardModuleDefining(text) is { } std)
        {
            Report(SemanticCodes.UnknownOperator, name.Span,
                $"Unknown operator: '{display}'. It is defined in the standard module {std}; add {std} to EXTENDS.");
            return;
        }
        var suggestion = Suggest(text);
        Report(SemanticCodes.UnknownOperator, name.Span,
            suggestion is null ? $"Unknown operator: '{display}'." : $"Unknown operator: '{display}'. Did you mean '{suggestion}'?");
    }

    private int _suggestions;

    private string? Suggest(string text)
    {
        // Suggestions scan the whole scope; a badly broken file gets them for its first problems only.
        if (text.Length < 3 || ++_suggestions > 200)
        {
            return null;
        }
        string? best = null;
        var bestDistance = 3;
        foreach (var key in _scope.Keys)
        {
            if (Math.Abs(key.Length - text.Length) >= bestDistance)
            {
                continue;
            }
            var d = string.Equals(key, text, StringComparison.OrdinalIgnoreCase) ? 0 : Distance(key, text, bestDistance);
            if (d < bestDistance && (d <= 1 || text.Length >= 6))
            {
                bestDistance = d;
                best = key;
            }
        }
        return best;
    }

    private static int Distance(string a, string b, int limit) => Diagnostics.Spelling.Distance(a, b, limit: limit);

    private Name? FindLaterDefinition(string text)
    {
        for (var f = _letFrames.Count - 1; f >= 0; f--)
        {
            var frame = _letFrames[f];
            for (var i = frame.Index + 1; i < frame.Definitions.Length; i++)
            {
                if (DefinedName(frame.Definitions[i], text) is { } n)
                {
                    return n;
                }
            }
        }
        if (_laterNames is null)
        {
            _laterNames = new Dictionary<string, Name>(StringComparer.Ordinal);
            var units = Safe(_module.Units);
            for (var i = units.Length - 1; i >= 0; i--)
            {
                foreach (var n in DefinedNames(units[i]))
                {
                    _laterNames[n.Text] = n;
                }
            }
        }
        if (_laterNames.TryGetValue(text, out var name) && name.Span.Start >= CurrentUnitStart())
        {
            return name;
        }
        return null;
    }

    private int CurrentUnitStart()
    {
        var units = Safe(_module.Units);
        return _unitIndex < units.Length && units[_unitIndex] is { } u ? u.Span.Start : int.MaxValue;
    }

    private static Name? DefinedName(Unit? unit, string text)
    {
        foreach (var n in DefinedNames(unit))
        {
            if (n.Text == text)
            {
                return n;
            }
        }
        return null;
    }

    private static IEnumerable<Name> DefinedNames(Unit? unit)
    {
        switch (unit)
        {
            case OperatorDef d when d.Name is not null:
                yield return d.Name;
                break;
            case FunctionDef f when f.Name is not null:
                yield return f.Name;
                break;
            case ModuleInstanceDef m when m.Name is not null:
                yield return m.Name;
                break;
            case VariableDecl v:
                foreach (var n in Safe(v.Names))
                {
                    if (n is not null)
                    {
                        yield return n;
                    }
                }
                break;
            case ConstantDecl c:
                foreach (var d in Safe(c.Constants))
                {
                    if (d?.Name is not null)
                    {
                        yield return d.Name;
                    }
                }
                break;
            default:
                break;
        }
    }

    // ───────────────────────────── Operators ─────────────────────────────

    private Symbol? LookupOperator(Name name, int arity)
    {
        if (_scope.TryGetValue(name.Text, out var symbol))
        {
            return symbol;
        }
        if (arity == 1 && name.Text == "-" && _scope.TryGetValue("-.", out symbol))
        {
            return symbol;
        }
        return null;
    }

    private LevelInfo WalkBinary(Binary b)
    {
        var op = b.Operator?.Text ?? string.Empty;
        if (BuiltIns.TryGetValue(op, out var builtIn) && builtIn.Arity == 2)
        {
            _run.References[b] = builtIn;
            var left = Walk(b.Left);
            var right = Walk(b.Right);
            switch (builtIn.Name)
            {
                case @"/\":
                case @"\/":
                case "=>":
                case "<=>":
                    if ((left.Base == Level.Action && right.Base == Level.Temporal) || (left.Base == Level.Temporal && right.Base == Level.Action))
                    {
                        Report(SemanticCodes.ActionInTemporal, b.Span, $"{builtIn.Name} has both temporal formula and action as arguments.");
                    }
                    return left.Max(right);
                case "~>":
                case "-+->":
                    if (left.Base == Level.Action || right.Base == Level.Action)
                    {
                        Report(SemanticCodes.ActionInTemporal, b.Span, "Action used where only temporal formula or state predicate allowed.");
                    }
                    return new LevelInfo(Level.Temporal, left.Params | right.Params, left.Primed | right.Primed);
                case @"\cdot":
                    if (left.Base == Level.Temporal || right.Base == Level.Temporal)
                    {
                        Report(SemanticCodes.ArgumentLevel, b.Span,
                            @"Level error in applying operator \cdot: the level of an argument exceeds the maximum level allowed by the operator (action).");
                    }
                    Constrain(left.Params | right.Params, Level.Action);
                    return left.Max(right).WithBase(Level.Action);
                default:
                    return left.Max(right);
            }
        }
        if (op.Length == 0)
        {
            return Walk(b.Left).Max(Walk(b.Right));
        }
        var symbol = LookupOperator(b.Operator!, 2);
        if (symbol is null)
        {
            ReportUnknown(b.Operator!, op);
            return Walk(b.Left).Max(Walk(b.Right));
        }
        _run.References[b] = symbol;
        ReadOnlySpan<Expr> operands = [b.Left, b.Right];
        return Apply(symbol, operands, b.Operator!.Span, op);
    }

    private LevelInfo WalkUnary(Unary u)
    {
        var op = u.Operator?.Text ?? string.Empty;
        if (BuiltIns.TryGetValue(op, out var builtIn) && builtIn.Arity == 1 && builtIn.Fixity == OperatorFixity.PrefixSymbol)
        {
            _run.References[u] = builtIn;
            var operand = Walk(u.Operand);
            switch (builtIn.Name)
            {
                case "[]":
                case "<>":
                    {
                        if (operand.Base == Level.Action && !IsActionForm(u.Operand, angle: builtIn.Name == "<>"))
                        {
                            Report(SemanticCodes.TemporalOfAction, u.Span, builtIn.Name == "[]"
                                ? "[] followed by action not of form [A]_v."
                                : "<> followed by action not of form <<A>>_v.");
                        }
                        return new LevelInfo(Level.Temporal, operand.Params, operand.Primed);
                    }
                case "ENABLED":
                    if (operand.Base == Level.Temporal)
                    {
                        Report(SemanticCodes.ArgumentLevel, u.Span,
                            "Level error in applying operator ENABLED: the level of argument 1 (temporal) exceeds the maximum level allowed by the operator (action).");
                    }
                    Constrain(operand.Params, Level.Action);
                    return LevelInfo.State;
                case "UNCHANGED":
                    if (operand.Base >= Level.Action)
                    {
                        Report(SemanticCodes.PrimeLevel, u.Span,
                            $"Level error in applying operator UNCHANGED: the level of argument 1 ({operand.Base.ToDisplayString()}) exceeds the maximum level allowed by the operator (state).");
                    }
                    Constrain(operand.Params, Level.State);
                    return new LevelInfo(Level.Action, 0, operand.Params | operand.Primed);
                default:
                    return operand;
            }
        }
        if (op.Length == 0)
        {
            return Walk(u.Operand);
        }
        var symbol = LookupOperator(u.Operator!, 1);
        if (symbol is null)
        {
            ReportUnknown(u.Operator!, op);
            return Walk(u.Operand);
        }
        _run.References[u] = symbol;
        ReadOnlySpan<Expr> single = [u.Operand];
        return Apply(symbol, single, u.Operator!.Span, op);
    }

    private static bool IsActionForm(Expr? e, bool angle) =>
        SyntaxExtensions.WithoutParens(e) is ActionExpr ae && ae.IsAngle == angle;

    private LevelInfo WalkPostfix(Postfix p)
    {
        var op = p.Operator?.Text ?? string.Empty;
        if (op == "'")
        {
            _run.References[p] = BuiltIns["'"];
            var operand = Walk(p.Operand);
            if (operand.Base >= Level.Action)
            {
                Report(SemanticCodes.PrimeLevel, p.Span,
                    $"Level error in applying operator ': the level of argument 1 ({operand.Base.ToDisplayString()}) exceeds the maximum level allowed by the operator (state).");
            }
            Constrain(operand.Params, Level.State);
            return Prime(operand);
        }
        if (op.Length == 0)
        {
            return Walk(p.Operand);
        }
        var symbol = LookupOperator(p.Operator!, 1);
        if (symbol is null)
        {
            ReportUnknown(p.Operator!, op);
            return Walk(p.Operand);
        }
        _run.References[p] = symbol;
        ReadOnlySpan<Expr> single = [p.Operand];
        return Apply(symbol, single, p.Operator!.Span, op);
    }
}
