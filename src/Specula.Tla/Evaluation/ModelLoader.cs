using System.Collections.Immutable;
using Specula.Tla.Checking.Liveness;
using Specula.Tla.Config;
using Specula.Tla.Diagnostics;
using Specula.Tla.Semantics;
using Specula.Tla.Syntax;
using Specula.Tla.Values;

using static Specula.Tla.Syntax.SyntaxExtensions;

namespace Specula.Tla.Evaluation;

/// <summary>Stable codes of model errors: a configuration that does not fit its spec (TLA5xxx).</summary>
public static class ModelCodes
{
    /// <summary>A constant of the spec gets no value from the configuration.</summary>
    public const string MissingConstantValue = "TLA5001";

    /// <summary>The configuration names something the spec does not define.</summary>
    public const string UnknownName = "TLA5002";

    /// <summary>Neither SPECIFICATION nor INIT and NEXT is given, or the SPECIFICATION has no recognizable form.</summary>
    public const string NoBehaviourSpec = "TLA5003";

    /// <summary>An ASSUME of the spec is false for the configured constants.</summary>
    public const string AssumptionFalse = "TLA5004";

    /// <summary>Evaluating an ASSUME or a constant expression failed.</summary>
    public const string EvaluationFailed = "TLA5005";

    /// <summary>A PROPERTY of a form the checker does not check yet; it is reported, never silently passed.</summary>
    public const string PropertyNotChecked = "TLA5006";

    /// <summary>A configuration feature that is not supported yet (SYMMETRY, ALIAS, ...).</summary>
    public const string Unsupported = "TLA5007";
}

/// <summary>What TLCGet reads in ASSUMEs, evaluated before the run: TLC's run configuration, and no statistics yet.</summary>
internal sealed class BeforeTheRun(StringTable strings, bool checkDeadlock) : ICheckerView
{
    public bool TryGetStatistic(string name, Value[]? state, out Value value)
    {
        value = name == "config" ? Checking.Run.ConfigRecord(strings, checkDeadlock) : default;
        return name == "config";
    }

    public Value? Trace(Value[] state) => null;
}

/// <summary>A spec and its configuration, ready to check.</summary>
/// <param name="Context">The evaluation context (constants given their values).</param>
/// <param name="Definitions">Init, Next, invariants, constraints, VIEW.</param>
/// <param name="Config">The configuration read.</param>
/// <param name="UncheckedProperties">Properties named in the configuration that this run does not check.</param>
/// <remarks><see cref="Definitions"/> is null when the configuration names no behaviour (no SPECIFICATION, INIT or
/// NEXT): TLC then only checks the assumptions, and so does Specula.</remarks>
public sealed record LoadedModel(SpecContext Context, ModelDefinitions? Definitions, ModelConfig Config, ImmutableArray<string> UncheckedProperties)
{
    /// <summary>The POSTCONDITIONs, checked after a run that found no error.</summary>
    public ImmutableArray<NamedFormula> PostConditions { get; init; } = [];

    /// <summary>Temporal properties (liveness, <c>[][A]_v</c>) checked on the state graph, with the fairness of the
    /// specification; null when there are none.</summary>
    public TemporalChecks? Temporal { get; init; }

    /// <summary>The SYMMETRY permutations, when the configuration names them.</summary>
    public Checking.Symmetry? Symmetry { get; init; }

    /// <summary>
    /// The state space to check: the spec's, identified up to <see cref="Symmetry"/> when there is one.
    /// </summary>
    /// <param name="output">Where Print and PrintT write; nowhere when null.</param>
    /// <param name="randomSeed">The seed of RandomElement, RandomSubset and RandomSetOfSubsets.</param>
    /// <exception cref="InvalidOperationException">The configuration names no behaviour.</exception>
    /// <exception cref="EvaluationException">A named definition does not exist or cannot be split.</exception>
    public Checking.IStateSpace CreateStateSpace(Action<string>? output = null, long randomSeed = 0)
    {
        var definitions = Definitions ?? throw new InvalidOperationException("The configuration names no behaviour to check.");
        // RandomElement and its kin draw from a generator of their own; a simulation seeds it with its own seed, as TLC
        // does, so that one --seed repeats the random constants and choices as well as the random walk.
        var space = SpecStateSpace.Create(Context, definitions, output, unchecked((int)(randomSeed ^ (randomSeed >>> 32))));
        return Symmetry is null ? space : new Checking.SymmetricStateSpace(space, Symmetry, stateDetermined: definitions.View is null);
    }
}

/// <summary>The outcome of loading: the model, or the reasons it could not be built (all of them).</summary>
/// <param name="Model">The model, when there was no error.</param>
/// <param name="Diagnostics">Parse, semantic, configuration and model problems.</param>
public sealed record ModelLoadResult(LoadedModel? Model, ImmutableArray<Diagnostic> Diagnostics);

/// <summary>
/// Reads a spec and its TLC configuration and builds what the model checker needs: constants get their values
/// (integers, strings, model values, sets and tuples of them), overrides replace definitions, SPECIFICATION is taken
/// apart into its initial predicate and next-state action as TLC does, and ASSUMEs are evaluated.
/// </summary>
public static class ModelLoader
{
    /// <summary>Loads <paramref name="specPath"/> with <paramref name="configPath"/> (default: the .cfg beside the spec).</summary>
    /// <param name="specPath">The spec's root module.</param>
    /// <param name="configPath">Its TLC configuration; the .cfg beside the spec when null.</param>
    /// <param name="libraryPaths">Folders searched for modules the spec extends or instantiates.</param>
    /// <param name="cancellationToken">Stops the evaluations of loading (ASSUMEs, SYMMETRY), which may take long.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while evaluating.</exception>
    public static ModelLoadResult Load(string specPath, string? configPath = null, IEnumerable<string>? libraryPaths = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(specPath);
        var diagnostics = new List<Diagnostic>();
        var modules = new ModuleSet(libraryPaths);
        var source = modules.AddFile(specPath);
        if (source is null)
        {
            diagnostics.Add(new Diagnostic(SemanticCodes.UnknownModule, DiagnosticSeverity.Error, $"Cannot read the spec file {specPath}.",
                new SourceLocation(specPath, 1, 1, 1, 1)));
            return new ModelLoadResult(null, [.. diagnostics]);
        }
        var checkedSpec = SemanticChecker.Check(modules, source);
        diagnostics.AddRange(checkedSpec.Diagnostics);
        configPath ??= Path.ChangeExtension(specPath, ".cfg");
        var config = ModelConfigReader.ReadFile(configPath);
        diagnostics.AddRange(config.Diagnostics);
        if (!checkedSpec.Succeeded || !config.Succeeded || checkedSpec.Module is null)
        {
            return new ModelLoadResult(null, [.. diagnostics]);
        }
        var model = Build(checkedSpec.Module, config.Config, diagnostics, cancellationToken);
        return new ModelLoadResult(diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) ? null : model, [.. diagnostics]);
    }

    private static LoadedModel? Build(ResolvedModule root, ModelConfig config, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var context = new SpecContext(root, new StringTable());
        void Report(string code, string message, SourceLocation location, DiagnosticSeverity severity = DiagnosticSeverity.Error) =>
            diagnostics.Add(new Diagnostic(code, severity, message, location));

        // Model values first: TLC creates them as it reads the configuration.
        foreach (var assignment in config.Constants)
        {
            if (!assignment.Arguments.IsEmpty)
            {
                Report(ModelCodes.Unsupported, $"Assignments to operator constants are not supported yet: {assignment}.", assignment.Location);
                continue;
            }
            var scope = root;
            if (assignment.Module is { } moduleName)
            {
                // N = [M] v gives the constant or definition N of module M (every instance of it) the value v.
                if (FindModule(root, moduleName) is not { } named)
                {
                    Report(ModelCodes.UnknownName, $"The configuration names the module {moduleName}, which the spec does not use.", assignment.Location);
                    continue;
                }
                scope = named;
            }
            var symbol = scope.Lookup(assignment.Name);
            if (symbol is null && assignment.IsModelValueOfItsName && assignment.Module is null)
            {
                // TLC accepts "r1 = r1" for a name the spec does not declare: it only introduces a model value.
                _ = context.Strings.ModelValue(assignment.Name);
                continue;
            }
            if (symbol is null)
            {
                Report(ModelCodes.UnknownName, $"The configuration assigns a value to {assignment.Name}, which the spec does not declare.", assignment.Location);
                continue;
            }
            var value = Convert(assignment.Value, context.Strings);
            if (symbol.Kind == SymbolKind.Constant)
            {
                context.SetConstant(symbol, value);
            }
            else if (symbol.Kind == SymbolKind.Operator && symbol.Arity == 0)
            {
                // TLC lets a model give a definition a value too.
                context.OverrideWithValue(symbol, value);
            }
            else
            {
                Report(ModelCodes.UnknownName, $"{assignment.Name} is not a constant or a definition without parameters.", assignment.Location);
            }
        }
        foreach (var replacement in config.Overrides)
        {
            var scope = root;
            if (replacement.Module is { } moduleName)
            {
                // Op <- [M] Def replaces M's Op, in every instance of M, by the main module's Def (as TLC does).
                if (FindModule(root, moduleName) is not { } named)
                {
                    Report(ModelCodes.UnknownName, $"The configuration names the module {moduleName}, which the spec does not use.", replacement.Location);
                    continue;
                }
                scope = named;
            }
            var target = scope.Lookup(replacement.Name);
            var definition = root.Lookup(replacement.Definition);
            if (target is null)
            {
                Report(ModelCodes.UnknownName, $"The configuration overrides {replacement.Name}, which the spec does not declare.", replacement.Location);
            }
            else if (definition is null)
            {
                Report(ModelCodes.UnknownName, $"The configuration replaces {replacement.Name} by {replacement.Definition}, which the spec does not define.", replacement.DefinitionLocation);
            }
            else
            {
                context.SetOverride(target, definition);
                if (target.Origin is not null)
                {
                    // A name imported by an unnamed INSTANCE (MCMajority's Seq <- BoundedSeq, Seq of Sequences
                    // extended by the instantiated module) is replaced where it is defined, so in the instance too.
                    context.SetOverride(target.Root, definition);
                }
            }
        }
        foreach (var constant in root.Constants)
        {
            if (!context.HasValueFor(constant))
            {
                var location = constant.Location ?? new SourceLocation(config.Path, 1, 1, 1, 1);
                Report(ModelCodes.MissingConstantValue, $"The constant parameter {constant.Name} is not assigned a value by the configuration file.", location);
            }
        }
        // Assumptions need every constant; the names in the configuration are checked anyway, to report all at once.
        if (!diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            CheckAssumptions(root, new Evaluator(context) { Checker = new BeforeTheRun(context.Strings, config.CheckDeadlock), Cancellation = cancellationToken }, diagnostics);
        }

        Expr? init = null;
        Expr? next = null;
        var parts = new SpecParts();
        var nextName = "Next";
        var notChecked = ImmutableArray.CreateBuilder<string>();
        var invariants = new List<NamedFormula>();
        var specTemporal = new List<(Expr, Env)>();
        var reader = new TemporalReader(context, new Evaluator(context) { Cancellation = cancellationToken });
        var temporalProperties = new List<TemporalProperty>();
        var configLocation = new SourceLocation(config.Path, 1, 1, 1, 1);
        if (config.Specification is { } specification)
        {
            if (Definition(root, specification.Name) is not { } spec)
            {
                Report(ModelCodes.UnknownName, $"The SPECIFICATION {specification.Name} is not defined by the spec.", specification.Location);
            }
            else
            {
                // A specification imported by an unnamed INSTANCE is taken apart with the instance's substitutions.
                var specEnv = root.Lookup(specification.Name) is { Origin: not null } imported ? new Evaluator(context).ImportEnv(imported, Env.Empty) : Env.Empty;
                TakeApart(context, spec.Body, specEnv, ref init, ref next, ref nextName, specTemporal, parts);
                if (parts.Conflict)
                {
                    Report(ModelCodes.Unsupported, $"The SPECIFICATION {specification.Name} joins initial predicates of two different instances, which is not supported yet.",
                        specification.Location);
                }
                if (init is null || next is null)
                {
                    Report(ModelCodes.NoBehaviourSpec,
                        $"The SPECIFICATION {specification.Name} is not of the form Init /\\ [][Next]_vars (with optional fairness).",
                        specification.Location);
                }
            }
        }
        else if (config.Init is { } initName && config.Next is { } nextConfigName)
        {
            init = Named(root, initName, diagnostics, context);
            next = Named(root, nextConfigName, diagnostics, context);
            nextName = nextConfigName.Name;
        }
        else
        {
            Report(ModelCodes.NoBehaviourSpec, "The configuration gives neither SPECIFICATION nor INIT and NEXT: only the assumptions are checked.",
                configLocation, DiagnosticSeverity.Warning);
        }
        foreach (var invariant in config.Invariants)
        {
            if (Named(root, invariant, diagnostics, context) is { } body)
            {
                invariants.Add(new NamedFormula(invariant.Name, body));
            }
        }
        foreach (var property in config.Properties)
        {
            if (Named(root, property, diagnostics, context) is not { } body)
            {
                continue;
            }
            // []P with P a state predicate is an invariant; other formulas are checked on the state graph when their form is understood.
            if (WithoutParens(body) is Unary box && context.Resolve(box) is { Kind: SymbolKind.BuiltIn, Name: "[]" }
                && IsStatePredicate(context, box.Operand))
            {
                invariants.Add(new NamedFormula(property.Name, box.Operand));
            }
            else if (reader.ReadProperty(property.Name, body, Env.Empty) is { } read)
            {
                temporalProperties.AddRange(read);
            }
            else
            {
                notChecked.Add(property.Name);
                Report(ModelCodes.PropertyNotChecked, $"The property {property.Name} is not checked: it has a form the checker does not take (a temporal quantifier \\EE or \\AA, -+->, \\cdot, or a quantifier over a set that depends on the state).",
                    property.Location, DiagnosticSeverity.Warning);
            }
        }
        var fairness = new List<FairnessCondition>();
        var assumptions = new List<Ltl>();
        foreach (var (conjunct, conjunctEnv) in specTemporal)
        {
            // Read into a list of its own: a conjunct that is only partly fairness is taken whole as an assumption.
            var read = new List<FairnessCondition>();
            if (reader.ReadFairness(conjunct, conjunctEnv, read))
            {
                fairness.AddRange(read);
                continue;
            }
            // Another temporal conjunct (<>[][A]_v): TLC checks Spec => P, so a counterexample must satisfy it too.
            if (reader.ReadAssumption(conjunct, conjunctEnv) is { } assumption)
            {
                assumptions.Add(assumption);
            }
            else if (temporalProperties.Any(p => p is LivenessProperty))
            {
                var where = context.Root.Source is { } src && !conjunct.Span.IsNone ? src.Locate(conjunct.Span) : configLocation;
                Report(ModelCodes.PropertyNotChecked, "A temporal conjunct of the specification is not a fairness condition the checker understands; liveness is checked without it.",
                    where, DiagnosticSeverity.Warning);
            }
        }
        if (assumptions.Count > 0)
        {
            for (var i = 0; i < temporalProperties.Count; i++)
            {
                if (temporalProperties[i] is not LivenessProperty liveness)
                {
                    continue;
                }
                if (TemporalReader.Assuming(liveness, assumptions) is { } assuming)
                {
                    temporalProperties[i] = assuming;
                }
                else
                {
                    Report(ModelCodes.PropertyNotChecked, $"The property {liveness.Name} is checked without the specification's temporal conjuncts that are not fairness conditions: its tableau with them is too large.",
                        configLocation, DiagnosticSeverity.Warning);
                }
            }
        }
        var constraints = config.Constraints.Select(c => Named(root, c, diagnostics, context)).OfType<Expr>().ToImmutableArray();
        var actionConstraints = config.ActionConstraints.Select(c => Named(root, c, diagnostics, context)).OfType<Expr>().ToImmutableArray();
        if (next is not null)
        {
            var nextEnv = parts.NextEnv ?? Env.Empty;
            fairness = [.. fairness.Select(f => reader.IsNextAction(f.Action, next, nextEnv) ? f with { EveryStep = true } : f)];
        }
        var temporal = temporalProperties.Count == 0 ? null : new TemporalChecks([.. fairness], [.. temporalProperties])
        {
            Constrained = constraints.Length > 0 || actionConstraints.Length > 0,
        };
        var view = config.View is { } viewName ? Named(root, viewName, diagnostics, context) : null;
        var postConditions = config.PostConditions.Select(p => Named(root, p, diagnostics, context) is { } body ? new NamedFormula(p.Name, body) : null)
            .OfType<NamedFormula>().ToImmutableArray();
        Checking.Symmetry? symmetryGroup = null;
        if (config.Symmetry is { } symmetry && Named(root, symmetry, diagnostics, context) is { } symmetryBody
            && !diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            try
            {
                symmetryGroup = Checking.Symmetry.FromSet(new Evaluator(context) { Cancellation = cancellationToken }.Eval(symmetryBody, Env.Empty, new StatePair()));
            }
            catch (EvaluationException ex)
            {
                Report(ModelCodes.EvaluationFailed, $"Evaluating the SYMMETRY {symmetry.Name} failed: {ex.Message}", ex.Location ?? symmetry.Location);
            }
            catch (ArgumentException ex)
            {
                Report(ModelCodes.EvaluationFailed, ex.Message, symmetry.Location);
            }
        }
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return null;
        }
        if (init is null || next is null)
        {
            return new LoadedModel(context, null, config, notChecked.ToImmutable());
        }
        var definitions = new ModelDefinitions(init, next, nextName, [.. invariants], constraints, actionConstraints, view)
        {
            InitEnv = parts.InitEnv ?? Env.Empty,
            NextEnv = parts.NextEnv ?? Env.Empty,
        };
        return new LoadedModel(context, definitions, config, notChecked.ToImmutable()) { Symmetry = symmetryGroup, PostConditions = postConditions, Temporal = temporal };
    }


    /// <summary>True when <paramref name="e"/> has no primes, actions or temporal operators: []e is then an invariant.</summary>
    private static bool IsStatePredicate(SpecContext context, Expr e) => WithoutParens(e) switch
    {
        ActionExpr or Fairness or TemporalQuantified => false,
        Postfix p when p.Operator.Text == "'" => false,
        Unary u when context.Resolve(u) is { Kind: SymbolKind.BuiltIn, Name: "[]" or "<>" or "UNCHANGED" } => false,
        Unary u => IsStatePredicate(context, u.Operand),
        Binary b when context.Resolve(b) is { Kind: SymbolKind.BuiltIn, Name: "~>" or "-+->" or "\\cdot" } => false,
        Binary b => IsStatePredicate(context, b.Left) && IsStatePredicate(context, b.Right),
        JunctionList j => j.Items.All(i => IsStatePredicate(context, i)),
        OpApp app when context.Resolve(app) is { } symbol => symbol.Level <= Level.State && app.Arguments.All(a => IsStatePredicate(context, a)),
        _ => !IsTemporal(context, e),
    };

    /// <summary>The module named <paramref name="name"/> among those the root extends or instantiates, at any depth.</summary>
    private static ResolvedModule? FindModule(ResolvedModule root, string name)
    {
        var seen = new HashSet<ResolvedModule>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<ResolvedModule>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var module = pending.Pop();
            if (!seen.Add(module))
            {
                continue;
            }
            if (module.Name == name)
            {
                return module;
            }
            foreach (var next in module.Extends.Concat(module.Instances.Select(i => i.Module)).Concat(module.NestedModules.Values)
                .Concat(module.Definitions.Select(d => d.Instance?.Module).OfType<ResolvedModule>()))
            {
                pending.Push(next);
            }
        }
        return null;
    }

    private static OperatorDef? Definition(ResolvedModule root, string name) =>
        root.Lookup(name) is { Declaration: OperatorDef { Parameters.Length: 0 } def } ? def : null;

    private static Expr? Named(ResolvedModule root, ConfigName name, List<Diagnostic> diagnostics, SpecContext context)
    {
        if (Definition(root, name.Name) is { } def)
        {
            // A definition imported by an unnamed INSTANCE is evaluated with the instance's substitutions, which a
            // reference to it carries and its body alone does not.
            return root.Lookup(name.Name) is { Origin: not null } imported ? context.Reference(imported) : def.Body;
        }
        diagnostics.Add(new Diagnostic(ModelCodes.UnknownName, DiagnosticSeverity.Error,
            $"The configuration names {name.Name}, but the spec has no definition of that name without parameters.", name.Location));
        return null;
    }

    /// <summary>
    /// Splits <c>Init /\ [][Next]_vars /\ WF_vars(Next)</c>, through definitions, into the initial predicate (the
    /// state-level conjuncts) and the next-state action; fairness conjuncts are noted as not checked.
    /// </summary>
    /// <summary>The bindings the parts of a SPECIFICATION are evaluated in, as <see cref="TakeApart"/> finds them.</summary>
    private sealed class SpecParts
    {
        public Env? InitEnv;
        public Env? NextEnv;

        /// <summary>The initial predicate has conjuncts of two different instances.</summary>
        public bool Conflict;
    }

    private static void TakeApart(SpecContext context, Expr e, Env env, ref Expr? init, ref Expr? next, ref string nextName, List<(Expr, Env)> notChecked, SpecParts parts)
    {
        e = WithoutParens(e);
        switch (e)
        {
            case JunctionList { IsConjunction: true } j:
                foreach (var item in j.Items)
                {
                    TakeApart(context, item, env, ref init, ref next, ref nextName, notChecked, parts);
                }
                return;
            case Binary b when context.Resolve(b) is { Kind: SymbolKind.BuiltIn, Name: "/\\" }:
                TakeApart(context, b.Left, env, ref init, ref next, ref nextName, notChecked, parts);
                TakeApart(context, b.Right, env, ref init, ref next, ref nextName, notChecked, parts);
                return;
            case Unary box when context.Resolve(box) is { Kind: SymbolKind.BuiltIn, Name: "[]" } && WithoutParens(box.Operand) is ActionExpr { IsAngle: false } action:
                next = action.Action;
                parts.NextEnv = env;
                if (WithoutParens(action.Action) is OpApp { Arguments.Length: 0 } named)
                {
                    nextName = named.Name.Text;
                }
                return;
            case Fairness:
                notChecked.Add((e, env));
                return;
            case OpApp { Path.Length: 0, Arguments.Length: 0 } app when context.Resolve(app) is { Kind: SymbolKind.Operator, Origin: { } origin } imported
                && imported.Level > Level.State && origin.Declaration is OperatorDef { Parameters.Length: 0 } importedDef:
                // A specification imported by an unnamed INSTANCE: its parts are evaluated with the instance's
                // substitutions (its variables are the importer's, substituted implicitly or explicitly).
                TakeApart(context, importedDef.Body, new Evaluator(context).ImportEnv(imported, env), ref init, ref next, ref nextName, notChecked, parts);
                return;
            case OpApp { Path.Length: 0, Arguments.Length: 0 } app when context.Resolve(app) is { Kind: SymbolKind.Operator, Declaration: OperatorDef { Parameters.Length: 0 } def } symbol:
                if (symbol.Level <= Level.State)
                {
                    AddInit(ref init, e, env, parts);
                    return;
                }
                TakeApart(context, def.Body, env, ref init, ref next, ref nextName, notChecked, parts);
                return;
        }
        if (IsTemporal(context, e))
        {
            notChecked.Add((e, env));
            return;
        }
        // Any other state-level conjunct belongs to the initial predicate.
        AddInit(ref init, e, env, parts);
    }

    private static void AddInit(ref Expr? init, Expr e, Env env, SpecParts parts)
    {
        // An instance's bindings are keyed by its module's declarations, so the main module's conjuncts evaluate the
        // same under them: only the bindings of two different instances cannot be combined.
        if (parts.InitEnv is { } known && !ReferenceEquals(known, env) && !ReferenceEquals(env, Env.Empty) && !ReferenceEquals(known, Env.Empty))
        {
            parts.Conflict = true;
        }
        init = init is null ? e : new JunctionList(true, [init, e]);
        if (parts.InitEnv is null || ReferenceEquals(parts.InitEnv, Env.Empty))
        {
            parts.InitEnv = env;
        }
    }

    /// <summary>True for formulas with temporal operators (fairness, always, eventually, leads-to), which are not part of Init or Next.</summary>
    private static bool IsTemporal(SpecContext context, Expr e) => WithoutParens(e) switch
    {
        Fairness or TemporalQuantified => true,
        Unary u when context.Resolve(u) is { Kind: SymbolKind.BuiltIn, Name: "[]" or "<>" } => true,
        Unary u => IsTemporal(context, u.Operand),
        Binary b when context.Resolve(b) is { Kind: SymbolKind.BuiltIn, Name: "~>" or "-+->" } => true,
        Binary b => IsTemporal(context, b.Left) || IsTemporal(context, b.Right),
        JunctionList j => j.Items.Any(i => IsTemporal(context, i)),
        Quantified q => IsTemporal(context, q.Body),
        OpApp app when context.Resolve(app) is { } symbol => symbol.Level == Level.Temporal,
        _ => false,
    };

    private static void CheckAssumptions(ResolvedModule root, Evaluator evaluator, List<Diagnostic> diagnostics)
    {
        if (root.Syntax is null || root.Source is null)
        {
            return;
        }
        foreach (var unit in root.Syntax.Units)
        {
            if (unit is not Assumption assumption)
            {
                continue;
            }
            var location = root.Source.Locate(assumption.Span);
            try
            {
                if (!evaluator.EvalBool(assumption.Body, Env.Empty, new StatePair()))
                {
                    diagnostics.Add(new Diagnostic(ModelCodes.AssumptionFalse, DiagnosticSeverity.Error,
                        $"Assumption line {location.Line}, col {location.Column} to line {location.EndLine}, col {location.EndColumn} of module {root.Name} is false.", location));
                }
            }
            catch (EvaluationException ex)
            {
                diagnostics.Add(new Diagnostic(ModelCodes.EvaluationFailed, DiagnosticSeverity.Error,
                    $"Evaluating the assumption failed: {ex.Message}", ex.Location ?? location));
            }
        }
    }

    /// <summary>A configuration value as a TLA+ value; model values are created in the model's string table.</summary>
    public static Value Convert(ConfigValue value, StringTable strings)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(strings);
        return value switch
        {
            ConfigInteger i => Value.Int(i.Value),
            ConfigString s => strings.Str(s.Value),
            ConfigBoolean b => Value.Bool(b.Value),
            ConfigModelValue m => Value.Model(strings.ModelValue(m.Name)),
            ConfigSet set => Value.Of(SetValue.Of(set.Elements.Select(e => Convert(e, strings)))),
            ConfigTuple tuple => Value.Of(FunctionValue.Tuple([.. tuple.Elements.Select(e => Convert(e, strings))])),
            _ => throw new ArgumentException($"Unknown configuration value {value}.", nameof(value)),
        };
    }
}
