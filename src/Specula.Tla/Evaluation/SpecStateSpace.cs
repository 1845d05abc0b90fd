using System.Collections.Immutable;
using Specula.Tla.Checking;
using Specula.Tla.Semantics;
using Specula.Tla.Syntax;
using Specula.Tla.Values;

namespace Specula.Tla.Evaluation;

/// <summary>A formula of the model with the name it is known by (an invariant, a constraint).</summary>
/// <param name="Name">The name, as in the configuration.</param>
/// <param name="Expression">The formula.</param>
public sealed record NamedFormula(string Name, Expr Expression);

/// <summary>What to check in a spec: its initial predicate, next-state action, invariants, constraints and VIEW.</summary>
/// <param name="Init">The initial predicate.</param>
/// <param name="Next">The next-state action.</param>
/// <param name="NextName">The name actions are called by when the next-state action is not a definition.</param>
/// <param name="Invariants">Invariants, in order.</param>
/// <param name="Constraints">State constraints.</param>
/// <param name="ActionConstraints">Action constraints.</param>
/// <param name="View">The VIEW, if any.</param>
public sealed record ModelDefinitions(
    Expr Init,
    Expr Next,
    string NextName,
    ImmutableArray<NamedFormula> Invariants,
    ImmutableArray<Expr> Constraints,
    ImmutableArray<Expr> ActionConstraints,
    Expr? View)
{
    /// <summary>The bindings <see cref="Init"/> is evaluated in: an unnamed INSTANCE's substitutions when the
    /// SPECIFICATION is a definition imported from it, else none.</summary>
    internal Env InitEnv { get; init; } = Env.Empty;

    /// <summary>The bindings <see cref="Next"/> is evaluated in (see <see cref="InitEnv"/>).</summary>
    internal Env NextEnv { get; init; } = Env.Empty;

    /// <summary>Definitions named the TLC way (INIT, NEXT, INVARIANTS), looked up in the root module.</summary>
    /// <exception cref="EvaluationException">A name has no definition without parameters.</exception>
    public static ModelDefinitions FromNames(SpecContext context, string init, string next, IEnumerable<string> invariants)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(invariants);
        return new ModelDefinitions(
            Body(context, init), Body(context, next), next,
            [.. invariants.Select(i => new NamedFormula(i, Body(context, i)))], [], [], null);
    }

    /// <summary>The body of a definition without parameters in the root module.</summary>
    /// <exception cref="EvaluationException">There is no such definition.</exception>
    public static Expr Body(SpecContext context, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Root.Lookup(name) is { Declaration: OperatorDef { Parameters.Length: 0 } def })
        {
            return def.Body;
        }
        throw new EvaluationException($"The model names {name}, but the spec has no definition of that name without parameters.");
    }
}

/// <summary>
/// A checked TLA+ spec as a state space for the model checker: TLC's initial states and successors, with the next
/// state relation split into actions as TLC splits it (at disjunctions and at <c>\E</c> over constant sets, through
/// definitions), invariants, constraints and VIEW.
/// </summary>
public sealed class SpecStateSpace : IStateSpace
{
    private readonly Evaluator _evaluator;
    private readonly ActionGenerator _generator;
    private readonly Expr _init;
    private readonly Env _initEnv;
    private readonly ImmutableArray<(Expr Expression, Env Env)> _actionBodies;
    private readonly ImmutableArray<Expr> _invariants;
    private readonly ImmutableArray<Expr> _constraints;
    private readonly ImmutableArray<Expr> _actionConstraints;
    private readonly Expr? _view;

    /// <summary>True when the model has a VIEW: states are told apart by it, so a stored state stands for others.</summary>
    public bool HasView => _view is not null;

    private SpecStateSpace(SpecContext context, ModelDefinitions model, Action<string>? output, int randomSeed)
    {
        _evaluator = new Evaluator(context) { Output = output, RandomSeed = randomSeed, Compiles = true };
        _generator = new ActionGenerator(_evaluator);
        Context = context;
        Variables = [.. context.Variables.Select(v => v.Name)];
        _init = model.Init;
        _initEnv = model.InitEnv;
        var actions = new List<(Expr, Env, ActionInfo)>();
        Split(model.Next, model.NextEnv, model.NextName, model.Next, actions);
        _actionBodies = [.. actions.Select(a => (a.Item1, a.Item2))];
        Actions = [.. actions.Select(a => a.Item3)];
        Invariants = [.. model.Invariants.Select(i => i.Name)];
        _invariants = [.. model.Invariants.Select(i => i.Expression)];
        _constraints = model.Constraints.IsDefault ? [] : model.Constraints;
        _actionConstraints = model.ActionConstraints.IsDefault ? [] : model.ActionConstraints;
        _view = model.View;
    }

    /// <summary>Builds the state space; a definition the model names must exist.</summary>
    /// <exception cref="EvaluationException">A named definition does not exist or cannot be split.</exception>
    public static SpecStateSpace Create(SpecContext context, ModelDefinitions model, Action<string>? output = null, int randomSeed = 0)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(model);
        return new SpecStateSpace(context, model, output, randomSeed);
    }

    /// <summary>The spec's context.</summary>
    public SpecContext Context { get; }

    /// <summary>The evaluator of this space, for the model checker to attach its statistics (TLCGet) and to check
    /// temporal properties.</summary>
    internal Evaluator Evaluator => _evaluator;

    /// <inheritdoc/>
    public ImmutableArray<string> Variables { get; }

    /// <inheritdoc/>
    public ImmutableArray<ActionInfo> Actions { get; }

    /// <inheritdoc/>
    public ImmutableArray<string> Invariants { get; }

    /// <summary>Splits an action into TLC's actions, naming each after the definition it comes from.</summary>
    private void Split(Expr e, Env env, string name, SyntaxNode named, List<(Expr, Env, ActionInfo)> actions)
    {
        switch (e)
        {
            case Parens p:
                Split(p.Inner, env, name, named, actions);
                return;
            case JunctionList { IsConjunction: false } j:
                foreach (var item in j.Items)
                {
                    Split(item, env, name, named, actions);
                }
                return;
            case Binary b when Context.Resolve(b) is { Kind: SymbolKind.BuiltIn, Name: "\\/" }:
                Split(b.Left, env, name, named, actions);
                Split(b.Right, env, name, named, actions);
                return;
            case OpApp { Path.Length: 0, Arguments.Length: 0 } app
                when Context.Resolve(app) is { Kind: SymbolKind.Operator, Origin: null, Declaration: OperatorDef { Parameters.Length: 0 } def } symbol
                     && !Context.TryGetOverride(symbol, out _):
                Split(def.Body, env.Base, symbol.Name, def.Body, actions);
                return;
            case OpApp { Path.Length: 0 } app
                when Context.Resolve(app) is { Kind: SymbolKind.Operator, Origin: null, Declaration: OperatorDef def } symbol
                     && !Context.TryGetOverride(symbol, out _):
                // Inc(p): one action named after Inc and its arguments (Inc(p1) once \E has bound p), its body's location.
                actions.Add((def.Body, _evaluator.BindArguments(def, app, app.Arguments, env.Base, env), Describe(ActionName(symbol.Name, app, env), def.Body)));
                return;
            case Quantified { Kind: Quantifier.Exists } q when TryConstantBindings(q, env) is { } bindings:
                foreach (var binding in bindings)
                {
                    Split(q.Body, binding, name, named, actions);
                }
                return;
        }
        actions.Add((e, env, Describe(name, named)));
    }

    private List<Env>? TryConstantBindings(Quantified q, Env env)
    {
        try
        {
            var bindings = new List<Env>();
            _evaluator.ForEachBinding(q.Bounds, 0, env, new StatePair(), primed: false, bindings.Add);
            return bindings;
        }
        catch (EvaluationException)
        {
            // The bounds depend on the state: the quantifier stays one action.
            return null;
        }
    }

    private string ActionName(string name, OpApp app, Env env)
    {
        try
        {
            var arguments = app.Arguments.Select(a => _evaluator.Eval(a, env, new StatePair()).ToString());
            return $"{name}({string.Join(", ", arguments)})";
        }
        catch (EvaluationException)
        {
            return name;
        }
    }

    private ActionInfo Describe(string name, SyntaxNode node)
    {
        var source = Context.Root.Source;
        return new ActionInfo(name, source is null || node.Span.IsNone ? null : source.Locate(node.Span), Context.Root.Name);
    }

    /// <inheritdoc/>
    public void InitialStates(IStateSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _generator.InitialStates(_init, _initEnv, values => sink.Add(State.Own(values), -1));
    }

    /// <inheritdoc/>
    public void Successors(State state, IStateSink sink)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(sink);
        _generator.Successors(_actionBodies, state.Values.ToArray(), (values, action) => sink.Add(State.Own(values), action), sink.AddIntermediate);
    }

    /// <summary>The successors of <paramref name="state"/> under one action (an index into <see cref="Actions"/>).</summary>
    /// <exception cref="EvaluationException">The action cannot be evaluated in this state.</exception>
    public void Successors(State state, int action, IStateSink sink)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(sink);
        var (expression, env) = _actionBodies[action];
        _generator.Successors(expression, env, state.Values.ToArray(), values => sink.Add(State.Own(values), action));
    }

    /// <inheritdoc/>
    public ulong Fingerprint(State state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_view is null)
        {
            return state.Fingerprint;
        }
        var view = _evaluator.Eval(_view, Env.Empty, StatePair.Of(state.Values.ToArray()));
        return view.Fingerprint;
    }

    /// <inheritdoc/>
    public bool SatisfiesConstraints(State state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_constraints.Length == 0)
        {
            return true;
        }
        var st = StatePair.Of(state.Values.ToArray());
        foreach (var constraint in _constraints)
        {
            if (!_evaluator.EvalBool(constraint, Env.Empty, st))
            {
                return false;
            }
        }
        return true;
    }

    /// <inheritdoc/>
    public bool SatisfiesActionConstraints(State from, State to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (_actionConstraints.Length == 0)
        {
            return true;
        }
        var st = new StatePair { Current = from.Values.ToArray(), Next = to.Values.ToArray(), Assigned = Enumerable.Repeat(true, to.Count).ToArray() };
        foreach (var constraint in _actionConstraints)
        {
            if (!_evaluator.EvalBool(constraint, Env.Empty, st))
            {
                return false;
            }
        }
        return true;
    }

    /// <inheritdoc/>
    public int ViolatedInvariant(State state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_invariants.Length == 0)
        {
            return -1;
        }
        var st = StatePair.Of(state.Values.ToArray());
        for (var i = 0; i < _invariants.Length; i++)
        {
            if (!_evaluator.EvalBool(_invariants[i], Env.Empty, st))
            {
                return i;
            }
        }
        return -1;
    }
}
