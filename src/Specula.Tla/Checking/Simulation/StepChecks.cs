using Specula.Tla.Evaluation;

namespace Specula.Tla.Checking.Simulation;

/// <summary>Why a behaviour failed: the verdict and TLC's message for it.</summary>
internal sealed record BehaviourFailure(Verdict Verdict, string Message, string? Invariant = null, bool IsSafety = false)
{
    public Diagnostics.SourceLocation? Location { get; init; }
}

/// <summary>
/// The checks made along a simulated behaviour: invariants and nested <c>[]P</c> on every generated state,
/// <c>[][A]_v</c> on every generated step (as TLC's simulator does, before constraints are looked at), and
/// <c>[](P =&gt; []Q)</c> along the path taken, which is the only behaviour it is a property of.
/// </summary>
internal sealed class StepChecks
{
    private readonly IStateSpace _space;
    private readonly Evaluator? _evaluator;
    private readonly AlwaysProperty[] _always;
    private readonly InitialProperty[] _initial;
    private readonly ActionProperty[] _actions;
    private readonly StableProperty[] _stable;

    public StepChecks(IStateSpace space, Evaluator? evaluator, TemporalChecks? temporal)
    {
        _space = space;
        _evaluator = evaluator;
        var properties = evaluator is null || temporal is null ? [] : temporal.Properties;
        _always = [.. properties.OfType<AlwaysProperty>()];
        _initial = [.. properties.OfType<InitialProperty>()];
        _actions = [.. properties.OfType<ActionProperty>()];
        _stable = [.. properties.OfType<StableProperty>()];
    }

    /// <summary>The names of the properties simulation does not check: liveness needs infinite behaviours.</summary>
    public static IEnumerable<string> Unchecked(TemporalChecks? temporal) =>
        temporal is null ? [] : temporal.Properties.OfType<LivenessProperty>().Select(p => p.Name).Distinct();

    /// <summary>For each <c>[](P =&gt; []Q)</c>, whether P has held on the path so far: false at the start.</summary>
    public bool[] StartPath() => new bool[_stable.Length];

    /// <summary>The checks of a generated successor <paramref name="to"/> of <paramref name="from"/> (null for an initial state).</summary>
    public BehaviourFailure? OnGenerated(State? from, State to)
    {
        var invariant = _space.ViolatedInvariant(to);
        if (invariant >= 0)
        {
            var name = _space.Invariants[invariant];
            return new BehaviourFailure(Verdict.InvariantViolated, $"Invariant {name} is violated.", name);
        }
        if (_always.Length == 0 && _actions.Length == 0 && (from is not null || _initial.Length == 0))
        {
            return null;
        }
        var next = to.Values.ToArray();
        // A state predicate of a property (a refinement's initial predicate) holds of a behaviour when it holds first.
        foreach (var initially in from is null ? _initial : [])
        {
            if (!_evaluator!.EvalBool(initially.Predicate.Expression, initially.Predicate.Env, StatePair.Of(next)))
            {
                return new BehaviourFailure(Verdict.TemporalPropertyViolated, $"Temporal property {initially.Name} was violated.");
            }
        }
        foreach (var always in _always)
        {
            if (!_evaluator!.EvalBool(always.Predicate.Expression, always.Predicate.Env, StatePair.Of(next)))
            {
                return new BehaviourFailure(Verdict.TemporalPropertyViolated, $"Temporal property {always.Name} was violated.");
            }
        }
        if (from is null)
        {
            return null;
        }
        var current = from.Values.ToArray();
        foreach (var action in _actions)
        {
            var before = _evaluator!.Eval(action.Subscript.Expression, action.Subscript.Env, StatePair.Of(current));
            var after = _evaluator.Eval(action.Subscript.Expression, action.Subscript.Env, StatePair.Of(next));
            if (before.Equals(after))
            {
                continue;
            }
            var pair = new StatePair { Current = current, Next = next, Assigned = Enumerable.Repeat(true, next.Length).ToArray() };
            if (!_evaluator.EvalBool(action.Action.Expression, action.Action.Env, pair))
            {
                return new BehaviourFailure(Verdict.TemporalPropertyViolated, $"Action property {action.Name} is violated.");
            }
        }
        return null;
    }

    /// <summary>The checks of a state the behaviour moves to; <paramref name="seen"/> is updated.</summary>
    public BehaviourFailure? OnPath(State state, bool[] seen)
    {
        if (_stable.Length == 0)
        {
            return null;
        }
        var values = StatePair.Of(state.Values.ToArray());
        for (var i = 0; i < _stable.Length; i++)
        {
            var property = _stable[i];
            seen[i] = seen[i] || _evaluator!.EvalBool(property.P.Expression, property.P.Env, values);
            if (seen[i] && !_evaluator!.EvalBool(property.Q.Expression, property.Q.Env, values))
            {
                return new BehaviourFailure(Verdict.TemporalPropertyViolated, $"Temporal property {property.Name} was violated.", IsSafety: true);
            }
        }
        return null;
    }
}
