using System.Collections.Immutable;
using Specula.Tla.Checking.Liveness;
using Specula.Tla.Semantics;
using Specula.Tla.Syntax;

using static Specula.Tla.Syntax.SyntaxExtensions;

namespace Specula.Tla.Evaluation;

/// <summary>A state predicate or action with the environment its free names are bound in.</summary>
internal sealed record Bound(Expr Expression, Env Env);

/// <summary>A weak or strong fairness condition of the specification: <c>WF_v(A)</c> or <c>SF_v(A)</c>.</summary>
internal sealed record FairnessCondition(bool Strong, Bound Action, Bound Subscript)
{
    /// <summary>
    /// A is the specification's next-state action itself (<c>WF_vars(Next)</c>): every step of the state graph is an A
    /// step, so a step is an <c>&lt;&lt;A&gt;&gt;_v</c> step exactly when it changes v, and A need not be evaluated.
    /// </summary>
    public bool EveryStep { get; init; }
}

/// <summary>
/// A temporal property in one of the forms the checker decides on the state graph. Each is checked by looking for
/// a fair behaviour of its negation: a prefix, then a cycle (a lasso).
/// </summary>
internal abstract record TemporalProperty(string Name);

/// <summary><c>[]P</c> for a state predicate P nested in a property (top-level ones are invariants).</summary>
internal sealed record AlwaysProperty(string Name, Bound Predicate) : TemporalProperty(Name);

/// <summary>
/// A state predicate conjunct of a property (the initial predicate of a refinement <c>I!Spec</c>): a temporal formula
/// that is a state predicate holds of a behaviour when it holds in its first state, so it is checked on the initial
/// states.
/// </summary>
internal sealed record InitialProperty(string Name, Bound Predicate) : TemporalProperty(Name);

/// <summary><c>[][A]_v</c>: every step of every behaviour is an A step or leaves v unchanged.</summary>
internal sealed record ActionProperty(string Name, Bound Action, Bound Subscript) : TemporalProperty(Name);

/// <summary>
/// A temporal property checked by the tableau of its negation (<see cref="Checking.Liveness.Tableau"/>) on the product
/// with the state graph: any formula over state predicates, actions and ENABLED built with <c>/\</c>, <c>\/</c>,
/// <c>~</c>, <c>=&gt;</c>, <c>&lt;=&gt;</c>, IF, <c>\A</c>/<c>\E</c> over constant sets, <c>[]</c>, <c>&lt;&gt;</c>,
/// <c>~&gt;</c>, WF and SF.
/// </summary>
/// <param name="Name">The PROPERTY it comes from.</param>
/// <param name="Negation">The negation of the formula, in negation normal form.</param>
/// <param name="Tableau">The tableau of <paramref name="Negation"/>.</param>
internal sealed record LivenessProperty(string Name, Ltl Negation, Tableau Tableau) : TemporalProperty(Name);

/// <summary>
/// <c>[](P =&gt; []Q)</c> (P, Q state predicates): once P holds, Q holds forever. A safety property, refuted by a
/// finite prefix; it is the acceptance check of CCF's and Specula's TLC trace specs, whose Q reads
/// <c>TLCGet("queue")</c>, so its predicates are evaluated with the statistics TLC's single worker has when it
/// evaluates them (see <c>LivenessChecker.RefuteStable</c>).
/// </summary>
internal sealed record StableProperty(string Name, Bound P, Bound Q) : TemporalProperty(Name);

/// <summary>
/// The temporal part of a model: the specification's fairness and the PROPERTIES checked on the state graph. Built by
/// <see cref="ModelLoader"/>; the model checker stores the graph only when there is one.
/// </summary>
public sealed class TemporalChecks
{
    internal TemporalChecks(ImmutableArray<FairnessCondition> fairness, ImmutableArray<TemporalProperty> properties)
    {
        Fairness = fairness;
        Properties = properties;
    }

    internal ImmutableArray<FairnessCondition> Fairness { get; }

    internal ImmutableArray<TemporalProperty> Properties { get; }

    /// <summary>Names of the properties checked.</summary>
    public IEnumerable<string> PropertyNames => Properties.Select(p => p.Name).Distinct();

    /// <summary>
    /// The model has a CONSTRAINT or an ACTION_CONSTRAINT: the graph may lack steps the specification takes, so the
    /// fairness conditions' ENABLED is evaluated on the states, not read from the graph.
    /// </summary>
    internal bool Constrained { get; init; }

    /// <summary>True when some property needs cycles (liveness), not only steps.</summary>
    public bool NeedsGraph => Properties.Length > 0;
}

/// <summary>Takes temporal formulas apart, through definitions and <c>\A</c> over constant sets, into the forms checked.</summary>
internal sealed class TemporalReader(SpecContext context, Evaluator evaluator)
{
    private readonly LtlAtoms _atoms = new();

    /// <summary>Fairness conjuncts of a SPECIFICATION body; false when one has a form that is not understood.</summary>
    public bool ReadFairness(Expr e, Env env, List<FairnessCondition> into)
    {
        e = WithoutParens(e);
        switch (e)
        {
            case Fairness f:
                into.Add(new FairnessCondition(f.IsStrong, new Bound(f.Action, env), new Bound(f.Subscript, env)));
                return true;
            case JunctionList { IsConjunction: true } j:
                return j.Items.All(i => ReadFairness(i, env, into));
            case Binary b when context.Resolve(b) is { Kind: SymbolKind.BuiltIn, Name: "/\\" }:
                return ReadFairness(b.Left, env, into) && ReadFairness(b.Right, env, into);
            case Quantified { Kind: Quantifier.Forall } q when Bindings(q, env) is { } bindings:
                return bindings.All(b => ReadFairness(q.Body, b, into));
            case OpApp app when Unfold(app, env) is var (body, bodyEnv) && body is not null:
                return ReadFairness(body, bodyEnv, into);
            default:
                return false;
        }
    }

    /// <summary>
    /// Whether <paramref name="action"/> is the next-state action <paramref name="next"/> (bound in
    /// <paramref name="nextEnv"/>): the same expression, or a name of the same definition without arguments.
    /// </summary>
    public bool IsNextAction(Bound action, Expr next, Env nextEnv)
    {
        if (!ReferenceEquals(action.Env, nextEnv))
        {
            return false;
        }
        var a = WithoutParens(action.Expression);
        var n = WithoutParens(next);
        return ReferenceEquals(a, n)
            || (a is OpApp { Path.Length: 0, Arguments.Length: 0 } x && n is OpApp { Path.Length: 0, Arguments.Length: 0 } y
                && context.Resolve(x) is { } symbol && ReferenceEquals(symbol, context.Resolve(y)));
    }

    /// <summary>The properties a PROPERTY formula consists of; null when it has a form that is not checked.</summary>
    public List<TemporalProperty>? ReadProperty(string name, Expr e, Env env)
    {
        var result = new List<TemporalProperty>();
        return Read(name, e, env, result) ? result : null;
    }

    private bool Read(string name, Expr e, Env env, List<TemporalProperty> into)
    {
        e = WithoutParens(e);
        switch (e)
        {
            case JunctionList { IsConjunction: true } j:
                return j.Items.All(i => Read(name, i, env, into));
            case Binary b when context.Resolve(b) is { Kind: SymbolKind.BuiltIn, Name: "/\\" }:
                return Read(name, b.Left, env, into) && Read(name, b.Right, env, into);
            case var state when IsState(state, env):
                into.Add(new InitialProperty(name, new Bound(state, env)));
                return true;
            case Unary u when context.Resolve(u) is { Kind: SymbolKind.BuiltIn, Name: "[]" } && ReadSafety(name, u.Operand, env, into):
                return true;
            case Quantified { Kind: Quantifier.Forall } q when Bindings(q, env) is { } bindings:
                return bindings.All(b => Read(name, q.Body, b, into));
            case OpApp app when Unfold(app, env) is var (body, bodyEnv) && body is not null:
                return Read(name, body, bodyEnv, into);
            default:
                return ReadTemporal(name, e, env, into);
        }
    }

    // The body of []F when it is a safety form checked on states or steps rather than on the tableau.
    private bool ReadSafety(string name, Expr body, Env env, List<TemporalProperty> into)
    {
        var inner = WithoutParens(body);
        if (inner is ActionExpr { IsAngle: false } action)
        {
            into.Add(new ActionProperty(name, new Bound(action.Action, env), new Bound(action.Subscript, env)));
            return true;
        }
        if (IsState(inner, env))
        {
            into.Add(new AlwaysProperty(name, new Bound(inner, env)));
            return true;
        }
        // [](P => []Q): Q is stable once P holds (TLC trace specs read TLCGet("queue") in Q; see StableProperty).
        if (inner is Binary stable && context.Resolve(stable) is { Kind: SymbolKind.BuiltIn, Name: "=>" }
            && IsState(stable.Left, env) && WithoutParens(stable.Right) is Unary al2
            && context.Resolve(al2) is { Kind: SymbolKind.BuiltIn, Name: "[]" } && IsState(al2.Operand, env))
        {
            into.Add(new StableProperty(name, new Bound(stable.Left, env), new Bound(al2.Operand, env)));
            return true;
        }
        // [](A /\ B) is []A /\ []B, each checked on states or steps when it can be.
        if (inner is JunctionList { IsConjunction: true } parts && parts.Items.All(p => IsState(p, env) || WithoutParens(p) is ActionExpr { IsAngle: false }))
        {
            foreach (var part in parts.Items)
            {
                ReadSafety(name, part, env, into);
            }
            return true;
        }
        return false;
    }

    /// <summary>
    /// A temporal conjunct of the SPECIFICATION that is not a fairness condition (such as <c>&lt;&gt;[][A]_v</c>),
    /// translated to the formula it asks of every behaviour; null when it cannot be translated.
    /// </summary>
    public Ltl? ReadAssumption(Expr e, Env env) => new LtlTranslator(context, this, _atoms).Translate(e, env);

    /// <summary>
    /// <paramref name="property"/> checked only on the behaviours that satisfy <paramref name="assumptions"/>: as TLC
    /// does, a counterexample must satisfy the specification's temporal conjuncts, so they join the property's negation
    /// (a behaviour of Spec that violates P is one of <c>Assumptions /\ ~P</c>). Null when the larger tableau cannot
    /// be built.
    /// </summary>
    public static LivenessProperty? Assuming(LivenessProperty property, IReadOnlyList<Ltl> assumptions)
    {
        var negation = Ltl.And([.. assumptions, property.Negation]);
        return Tableau.Build(negation) is { } tableau ? property with { Negation = negation, Tableau = tableau } : null;
    }

    // Any other temporal formula: checked by the tableau of its negation, or not at all when it cannot be translated.
    private bool ReadTemporal(string name, Expr e, Env env, List<TemporalProperty> into)
    {
        if (new LtlTranslator(context, this, _atoms).Translate(e, env) is not { } formula)
        {
            return false;
        }
        var negation = formula.Negate();
        if (Tableau.Build(negation) is not { } tableau)
        {
            return false;
        }
        into.Add(new LivenessProperty(name, negation, tableau));
        return true;
    }

    /// <summary>The body of a definition applied, with its arguments bound; null when it is not a definition to unfold.</summary>
    internal (Expr? Body, Env Env) Unfold(OpApp app, Env env)
    {
        try
        {
            Symbol? symbol;
            Env lookupEnv;
            if (app.Path.Length != 0)
            {
                // I!Spec: the instance's definition, its constants and variables substituted (a refinement property).
                symbol = evaluator.ResolveInstance(app, env, out lookupEnv);
            }
            else
            {
                symbol = context.Resolve(app);
                lookupEnv = env;
                if (symbol is { Kind: SymbolKind.Operator, Origin: { } origin } imported && !context.TryGetOverride(imported, out _))
                {
                    // A definition imported by an unnamed INSTANCE: its body with the instance's substitutions.
                    lookupEnv = evaluator.ImportEnv(imported, env);
                    symbol = origin;
                }
            }
            if (symbol is not { Kind: SymbolKind.Operator, Origin: null, Declaration: OperatorDef def } || context.TryGetOverride(symbol, out _))
            {
                return (null, env);
            }
            return def.Parameters.Length == 0
                ? (def.Body, lookupEnv.Base)
                : (def.Body, evaluator.BindArguments(def, app, app.Arguments, lookupEnv.Base, env));
        }
        catch (EvaluationException)
        {
            return (null, env);
        }
    }

    /// <summary>The environments of a quantifier's bindings over constant sets; null when they cannot be enumerated.</summary>
    internal List<Env>? Bindings(Quantified q, Env env)
    {
        try
        {
            var bindings = new List<Env>();
            evaluator.ForEachBinding(q.Bounds, 0, env, new StatePair(), primed: false, bindings.Add);
            return bindings;
        }
        catch (EvaluationException)
        {
            return null;
        }
    }

    /// <summary>True for expressions without primes or temporal operators (through definitions, by their level).</summary>
    internal bool IsState(Expr e, Env env) => WithoutParens(e) switch
    {
        ActionExpr or Fairness or TemporalQuantified => false,
        Postfix p when p.Operator.Text == "'" => false,
        // ENABLED A is a state predicate, whatever the level of A.
        Unary u when context.Resolve(u) is { Kind: SymbolKind.BuiltIn, Name: "ENABLED" } => true,
        Unary u when context.Resolve(u) is { Kind: SymbolKind.BuiltIn, Name: "[]" or "<>" or "UNCHANGED" } => false,
        Unary u => IsState(u.Operand, env),
        Binary b when context.Resolve(b) is { Kind: SymbolKind.BuiltIn, Name: "~>" or "-+->" or "\\cdot" } => false,
        Binary b => IsState(b.Left, env) && IsState(b.Right, env),
        JunctionList j => j.Items.All(i => IsState(i, env)),
        Quantified q => IsState(q.Body, env),
        OpApp app when context.Resolve(app) is { } symbol => symbol.Level <= Level.State && app.Arguments.All(a => IsState(a, env)),
        // IF, CASE, LET and the rest: by the level the semantic checker gives them (IF c THEN <>P ELSE <>Q is not).
        var other => context.Root.LevelOf(other) <= Level.State,
    };

    /// <summary>True for expressions without temporal operators: state predicates and actions (through definitions, by their level).</summary>
    internal bool IsAction(Expr e, Env env) => WithoutParens(e) switch
    {
        Fairness or TemporalQuantified => false,
        ActionExpr a => IsAction(a.Action, env) && IsAction(a.Subscript, env),
        Postfix p when p.Operator.Text == "'" => true,
        Unary u when context.Resolve(u) is { Kind: SymbolKind.BuiltIn, Name: "ENABLED" } => true,
        Unary u when context.Resolve(u) is { Kind: SymbolKind.BuiltIn, Name: "[]" or "<>" } => false,
        Unary u => IsAction(u.Operand, env),
        Binary b when context.Resolve(b) is { Kind: SymbolKind.BuiltIn, Name: "~>" or "-+->" or "\\cdot" } => false,
        Binary b => IsAction(b.Left, env) && IsAction(b.Right, env),
        JunctionList j => j.Items.All(i => IsAction(i, env)),
        Quantified q => IsAction(q.Body, env),
        OpApp app when context.Resolve(app) is { } symbol => symbol.Level <= Level.Action && app.Arguments.All(a => IsAction(a, env)),
        var other => context.Root.LevelOf(other) <= Level.Action,
    };
}
