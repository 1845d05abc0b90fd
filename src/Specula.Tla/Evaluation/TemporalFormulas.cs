using System.Collections.Immutable;
using Specula.Tla.Semantics;
using Specula.Tla.Syntax;

using static Specula.Tla.Syntax.SyntaxExtensions;

namespace Specula.Tla.Evaluation;

/// <summary>A state predicate or action with the environment its free names are bound in.</summary>
internal sealed record Bound(Expr Expression, Env Env);

/// <summary>A weak or strong fairness condition of the specification: <c>WF_v(A)</c> or <c>SF_v(A)</c>.</summary>
internal sealed record FairnessCondition(bool Strong, Bound Action, Bound Subscript);

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

/// <summary><c>&lt;&gt;P</c>, <c>[]&lt;&gt;P</c>, <c>&lt;&gt;[]P</c> or <c>P ~&gt; Q</c> (P, Q state predicates).</summary>
internal sealed record LivenessProperty(string Name, LivenessForm Form, Bound P, Bound? Q) : TemporalProperty(Name)
{
    /// <summary>For <c>G =&gt; &lt;&gt;P</c> (G a state predicate): only behaviours whose first state satisfies G.</summary>
    public Bound? Initially { get; init; }
}

/// <summary>
/// <c>[](P =&gt; []Q)</c> (P, Q state predicates): once P holds, Q holds forever. A safety property, refuted by a
/// finite prefix; it is the acceptance check of CCF's and Specula's TLC trace specs, whose Q reads
/// <c>TLCGet("queue")</c>, so its predicates are evaluated with the statistics TLC's single worker has when it
/// evaluates them (see <c>LivenessChecker.RefuteStable</c>).
/// </summary>
internal sealed record StableProperty(string Name, Bound P, Bound Q) : TemporalProperty(Name);

/// <summary>The forms of <see cref="LivenessProperty"/>.</summary>
internal enum LivenessForm
{
    Eventually,
    InfinitelyOften,
    EventuallyAlways,
    LeadsTo,

    /// <summary><c>P ~&gt; []Q</c>, also written <c>[](P =&gt; &lt;&gt;[]Q)</c>.</summary>
    LeadsToAlways,
}

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

    /// <summary>True when some property needs cycles (liveness), not only steps.</summary>
    public bool NeedsGraph => Properties.Length > 0;
}

/// <summary>Takes temporal formulas apart, through definitions and <c>\A</c> over constant sets, into the forms checked.</summary>
internal sealed class TemporalReader(SpecContext context, Evaluator evaluator)
{
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
            case Binary b when context.Resolve(b) is { Kind: SymbolKind.BuiltIn, Name: "~>" }:
                if (IsState(b.Left, env) && WithoutParens(b.Right) is Unary always
                    && context.Resolve(always) is { Kind: SymbolKind.BuiltIn, Name: "[]" } && IsState(always.Operand, env))
                {
                    into.Add(new LivenessProperty(name, LivenessForm.LeadsToAlways, new Bound(b.Left, env), new Bound(always.Operand, env)));
                    return true;
                }
                if (IsState(b.Left, env) && IsState(b.Right, env))
                {
                    into.Add(new LivenessProperty(name, LivenessForm.LeadsTo, new Bound(b.Left, env), new Bound(b.Right, env)));
                    return true;
                }
                return false;
            case Binary guarded when context.Resolve(guarded) is { Kind: SymbolKind.BuiltIn, Name: "=>" } && IsState(guarded.Left, env)
                && WithoutParens(guarded.Right) is Unary eventually && context.Resolve(eventually) is { Kind: SymbolKind.BuiltIn, Name: "<>" }
                && IsState(eventually.Operand, env):
                // G => <>P: behaviours starting in a G state eventually reach P.
                into.Add(new LivenessProperty(name, LivenessForm.Eventually, new Bound(eventually.Operand, env), null) { Initially = new Bound(guarded.Left, env) });
                return true;
            case var state when IsState(state, env):
                into.Add(new InitialProperty(name, new Bound(state, env)));
                return true;
            case Unary u when context.Resolve(u) is { Kind: SymbolKind.BuiltIn, Name: "[]" }:
            {
                var inner = WithoutParens(u.Operand);
                if (inner is ActionExpr { IsAngle: false } action)
                {
                    into.Add(new ActionProperty(name, new Bound(action.Action, env), new Bound(action.Subscript, env)));
                    return true;
                }
                if (inner is Unary ev && context.Resolve(ev) is { Kind: SymbolKind.BuiltIn, Name: "<>" } && IsState(ev.Operand, env))
                {
                    into.Add(new LivenessProperty(name, LivenessForm.InfinitelyOften, new Bound(ev.Operand, env), null));
                    return true;
                }
                if (IsState(inner, env))
                {
                    into.Add(new AlwaysProperty(name, new Bound(inner, env)));
                    return true;
                }
                // [](P => []Q): Q is stable once P holds.
                if (inner is Binary stable && context.Resolve(stable) is { Kind: SymbolKind.BuiltIn, Name: "=>" }
                    && IsState(stable.Left, env) && WithoutParens(stable.Right) is Unary al2
                    && context.Resolve(al2) is { Kind: SymbolKind.BuiltIn, Name: "[]" } && IsState(al2.Operand, env))
                {
                    into.Add(new StableProperty(name, new Bound(stable.Left, env), new Bound(al2.Operand, env)));
                    return true;
                }
                // [](P => <>[]Q) is P ~> []Q.
                if (inner is Binary toStable && context.Resolve(toStable) is { Kind: SymbolKind.BuiltIn, Name: "=>" }
                    && IsState(toStable.Left, env) && WithoutParens(toStable.Right) is Unary ev3
                    && context.Resolve(ev3) is { Kind: SymbolKind.BuiltIn, Name: "<>" } && WithoutParens(ev3.Operand) is Unary al3
                    && context.Resolve(al3) is { Kind: SymbolKind.BuiltIn, Name: "[]" } && IsState(al3.Operand, env))
                {
                    into.Add(new LivenessProperty(name, LivenessForm.LeadsToAlways, new Bound(toStable.Left, env), new Bound(al3.Operand, env)));
                    return true;
                }
                // [](P => <>Q) is P ~> Q.
                if (inner is Binary implies && context.Resolve(implies) is { Kind: SymbolKind.BuiltIn, Name: "=>" }
                    && IsState(implies.Left, env) && WithoutParens(implies.Right) is Unary ev2
                    && context.Resolve(ev2) is { Kind: SymbolKind.BuiltIn, Name: "<>" } && IsState(ev2.Operand, env))
                {
                    into.Add(new LivenessProperty(name, LivenessForm.LeadsTo, new Bound(implies.Left, env), new Bound(ev2.Operand, env)));
                    return true;
                }
                // [](A /\ B) is []A /\ []B.
                if (inner is JunctionList { IsConjunction: true } parts)
                {
                    return parts.Items.All(p => ReadAlways(name, p, env, into));
                }
                return false;
            }
            case Unary u when context.Resolve(u) is { Kind: SymbolKind.BuiltIn, Name: "<>" }:
            {
                var inner = WithoutParens(u.Operand);
                if (IsState(inner, env))
                {
                    into.Add(new LivenessProperty(name, LivenessForm.Eventually, new Bound(inner, env), null));
                    return true;
                }
                if (inner is Unary al && context.Resolve(al) is { Kind: SymbolKind.BuiltIn, Name: "[]" } && IsState(al.Operand, env))
                {
                    into.Add(new LivenessProperty(name, LivenessForm.EventuallyAlways, new Bound(al.Operand, env), null));
                    return true;
                }
                return false;
            }
            case Quantified { Kind: Quantifier.Forall } q when Bindings(q, env) is { } bindings:
                return bindings.All(b => Read(name, q.Body, b, into));
            case OpApp app when Unfold(app, env) is var (body, bodyEnv) && body is not null:
                return Read(name, body, bodyEnv, into);
            default:
                return false;
        }
    }

    // One conjunct P of [](P /\ ...).
    private bool ReadAlways(string name, Expr conjunct, Env env, List<TemporalProperty> into)
    {
        var inner = WithoutParens(conjunct);
        if (IsState(inner, env))
        {
            into.Add(new AlwaysProperty(name, new Bound(inner, env)));
            return true;
        }
        if (inner is ActionExpr { IsAngle: false } action)
        {
            into.Add(new ActionProperty(name, new Bound(action.Action, env), new Bound(action.Subscript, env)));
            return true;
        }
        return false;
    }

    private (Expr? Body, Env Env) Unfold(OpApp app, Env env)
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

    private List<Env>? Bindings(Quantified q, Env env)
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
    private bool IsState(Expr e, Env env) => WithoutParens(e) switch
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
}
