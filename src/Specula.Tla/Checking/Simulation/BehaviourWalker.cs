using System.Collections.Immutable;
using Specula.Tla.Evaluation;

namespace Specula.Tla.Checking.Simulation;

/// <summary>Where a worker is: the behaviour, its path so far, and the successor being checked (TLCGet and Trace read it).</summary>
internal readonly record struct SimulationPosition(int Level, long Behaviour, IReadOnlyList<State>? Path, IReadOnlyList<int>? Actions, State? Pending);

/// <summary>A worker's position; a cell, so that the walk updates it without a thread-local lookup.</summary>
internal sealed class PositionCell
{
    public SimulationPosition Value;
}

/// <summary>One simulated behaviour: its number, what it cost, how long it got and, when it failed, why and how.</summary>
internal sealed record BehaviourOutcome(long Number, long Generated, int Length, BehaviourFailure? Failure, ImmutableArray<TraceStep> Trace);

/// <summary>
/// Generates one random behaviour the way TLC's SimulationWorker does: a random initial state, then at each step the
/// actions in random order until one has a successor satisfying the constraints, and a random one of those. Every
/// successor computed on the way is counted and checked. It differs from TLC in two choices: TLC's next action after
/// a disabled one is a fixed stride away, which favours actions after disabled ones; here every untried action is
/// equally likely, so each step picks uniformly among the enabled actions. And a state whose successors all violate
/// the constraints ends the behaviour as in exhaustive checking, where TLC's simulator calls it a deadlock.
/// </summary>
internal sealed class BehaviourWalker
{
    private readonly IStateSpace _space;
    private readonly StepChecks _checks;
    private readonly Action<State, int, IStateSink> _successors;
    private readonly IReadOnlyList<State> _initial;
    private readonly int _depth;
    private readonly bool _checkDeadlock;
    private readonly Func<long, bool> _stop;
    private readonly PositionCell _cell;
    private readonly Collector _generated = new();
    private readonly List<State> _inModel = [];
    private readonly int[] _order;

    public BehaviourWalker(IStateSpace space, StepChecks checks, IReadOnlyList<State> initial, int depth, bool checkDeadlock, Func<long, bool> stop, PositionCell cell)
    {
        _space = space;
        _checks = checks;
        _successors = ActionSuccessors(space);
        _initial = initial;
        _depth = depth;
        _checkDeadlock = checkDeadlock;
        _stop = stop;
        _cell = cell;
        _order = new int[space.Actions.Length];
    }

    private sealed class Collector : IStateSink
    {
        public readonly List<State> States = [];

        public void Add(State state, int action) => States.Add(state);
    }

    /// <summary>Only the successors of one action, for a state space that cannot generate them alone.</summary>
    private sealed class OneAction(int action, IStateSink inner) : IStateSink
    {
        public void Add(State state, int by)
        {
            if (by == action)
            {
                inner.Add(state, by);
            }
        }
    }

    /// <summary>The successors of one action: the spec's own generator when there is one, so other actions are not evaluated.</summary>
    private static Action<State, int, IStateSink> ActionSuccessors(IStateSpace space) => space switch
    {
        SpecStateSpace spec => spec.Successors,
        SymmetricStateSpace symmetric => ActionSuccessors(symmetric.Inner),
        _ => (state, action, sink) => space.Successors(state, new OneAction(action, sink)),
    };

    /// <summary>Walks behaviour <paramref name="number"/>; null when told to stop before it ended.</summary>
    public BehaviourOutcome? Walk(long number, RandomSource random)
    {
        var path = new List<State>();
        var actions = new List<int>();
        long generated = 0;
        var current = _initial[random.Next(_initial.Count)];
        path.Add(current);
        actions.Add(-1);
        var seen = _checks.StartPath();
        try
        {
            _cell.Value = new SimulationPosition(1, number, path, actions, null);
            if (_checks.OnPath(current, seen) is { } atStart)
            {
                return Failed(number, generated, atStart, path, actions, null, -1);
            }
            for (var step = 0; step < _depth; step++)
            {
                if (_stop(number))
                {
                    return null;
                }
                var level = path.Count;
                var expanding = new SimulationPosition(level, number, path, actions, null);
                for (var i = 0; i < _order.Length; i++)
                {
                    _order[i] = i;
                }
                var remaining = _order.Length;
                State? next = null;
                var nextAction = -1;
                var anySuccessor = false;
                while (remaining > 0 && next is null)
                {
                    var k = random.Next(remaining);
                    var action = _order[k];
                    _order[k] = _order[--remaining];
                    _generated.States.Clear();
                    _cell.Value = expanding;
                    _successors(current, action, _generated);
                    foreach (var successor in _generated.States)
                    {
                        generated++;
                        anySuccessor = true;
                        // The successor's checks see it at the next level, as TLC's TLCGet("level") does.
                        _cell.Value = expanding with { Level = level + 1, Pending = successor };
                        if (_checks.OnGenerated(current, successor) is { } failure)
                        {
                            return Failed(number, generated, failure, path, actions, successor, action);
                        }
                        if (!_space.SatisfiesConstraints(successor))
                        {
                            continue;
                        }
                        // An action constraint reads the level of the state being expanded, as in the actions.
                        _cell.Value = expanding;
                        if (_space.SatisfiesActionConstraints(current, successor))
                        {
                            _inModel.Add(successor);
                        }
                    }
                    if (_inModel.Count > 0)
                    {
                        next = _inModel[random.Next(_inModel.Count)];
                        nextAction = action;
                        _inModel.Clear();
                    }
                }
                if (next is null)
                {
                    if (!anySuccessor && _checkDeadlock)
                    {
                        return Failed(number, generated, new BehaviourFailure(Verdict.Deadlock, "Deadlock reached."), path, actions, null, -1);
                    }
                    break;
                }
                path.Add(next);
                actions.Add(nextAction);
                current = next;
                _cell.Value = new SimulationPosition(path.Count, number, path, actions, null);
                if (_checks.OnPath(current, seen) is { } later)
                {
                    return Failed(number, generated, later, path, actions, null, -1);
                }
            }
            return new BehaviourOutcome(number, generated, path.Count - 1, null, []);
        }
        catch (EvaluationException ex)
        {
            var failure = new BehaviourFailure(Verdict.EvaluationError, ex.Message) { Location = ex.Location };
            return Failed(number, generated, failure, path, actions, null, -1);
        }
        finally
        {
            _inModel.Clear();
            _cell.Value = default;
        }
    }

    private BehaviourOutcome Failed(long number, long generated, BehaviourFailure failure, List<State> path, List<int> actions, State? last, int lastAction)
    {
        var steps = new List<TraceStep>();
        void Add(State state, int action)
        {
            // TLC drops finite stuttering from a simulated behaviour before printing it.
            if (steps.Count > 0 && steps[^1].State.Equals(state))
            {
                return;
            }
            steps.Add(new TraceStep(state, action >= 0 ? _space.Actions[action] : null));
        }
        for (var i = 0; i < path.Count; i++)
        {
            Add(path[i], actions[i]);
        }
        if (last is not null)
        {
            Add(last, lastAction);
        }
        return new BehaviourOutcome(number, generated, path.Count - 1 + (last is null ? 0 : 1), failure, [.. steps]);
    }
}
