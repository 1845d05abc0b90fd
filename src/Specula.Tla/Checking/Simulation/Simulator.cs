using Specula.Tla.Evaluation;
using Specula.Tla.Values;

namespace Specula.Tla.Checking.Simulation;

/// <summary>
/// TLC's simulation mode: random behaviours of bounded length, each checked as it is generated, until enough of them,
/// a time limit, cancellation or the first failure. Behaviour n draws its choices from its own generator, seeded with
/// the run's seed and n, and results are merged in the order of n: the same seed gives the same behaviours, the same
/// first failure and the same counts whatever the number of workers.
/// </summary>
public static class Simulator
{
    /// <summary>Simulates <paramref name="space"/> and reports the first failing behaviour, or success.</summary>
    /// <exception cref="ArgumentException">The options are out of range (see <see cref="SimulationOptions.Validate"/>).</exception>
    public static SimulationResult Run(IStateSpace space, SimulationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Length > 0)
        {
            throw new ArgumentException(string.Join(" ", errors.Select(e => e.Message)), nameof(options));
        }
        using var run = new SimulationRun(space, options, cancellationToken);
        return run.Execute();
    }

    /// <summary>The temporal properties simulation does not check (liveness), by name.</summary>
    public static IEnumerable<string> UncheckedProperties(TemporalChecks? temporal) => StepChecks.Unchecked(temporal);
}

/// <summary>
/// One simulation: the workers, the in-order merge of their behaviours, and what TLCGet and TLCExt's Trace read
/// while the spec is evaluated (<see cref="ICheckerView"/>).
/// </summary>
internal sealed class SimulationRun : ICheckerView, IDisposable
{
    private readonly IStateSpace _space;
    private readonly SimulationOptions _options;
    private readonly CancellationToken _cancellation;
    private readonly Evaluator? _evaluator;
    private readonly StepChecks _checks;
    private readonly ThreadLocal<PositionCell> _position = new(() => new PositionCell());
    private readonly long _start;
    private readonly object _merge = new();
    // Outcomes that finished before an earlier-numbered behaviour; merged once every earlier one is.
    private readonly Dictionary<long, BehaviourOutcome> _waiting = [];
    private long _nextNumber;
    private long _merged;
    private long _generated;
    private long _totalLength;
    private int _maxLength;
    private long _nextProgress;
    // The lowest-numbered failure merged; behaviours numbered above it are not started and not counted.
    private BehaviourOutcome? _failure;
    private long _failureBound = long.MaxValue;
    private volatile bool _timeUp;
    private volatile bool _aborted;

    public SimulationRun(IStateSpace space, SimulationOptions options, CancellationToken cancellation)
    {
        _space = space;
        _options = options;
        _cancellation = cancellation;
        _evaluator = EvaluatorOf(space);
        _checks = new StepChecks(space, _evaluator, options.Temporal);
        _start = options.Clock.GetTimestamp();
        _nextProgress = _start + Ticks(options.ProgressInterval);
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _options.Clock.TimestampFrequency);

    private static Evaluator? EvaluatorOf(IStateSpace space) => space switch
    {
        SpecStateSpace spec => spec.Evaluator,
        SymmetricStateSpace symmetric => EvaluatorOf(symmetric.Inner),
        _ => null,
    };

    private TimeSpan Elapsed => _options.Clock.GetElapsedTime(_start);

    public void Dispose() => _position.Dispose();

    public SimulationResult Execute()
    {
        var previous = _evaluator?.Checker;
        if (_evaluator is not null)
        {
            _evaluator.Checker = this;
        }
        // Evaluation inside one step (the initial states, a constant definition) sees the run's stops too.
        using var stop = new EvaluationStop(_evaluator, _options.MaxTime - Elapsed, _options.Clock, _cancellation);
        try
        {
            return Simulate();
        }
        finally
        {
            if (_evaluator is not null)
            {
                _evaluator.Checker = previous;
            }
        }
    }

    private SimulationResult Simulate()
    {
        // TLC computes and checks every initial state once; behaviours start from those satisfying the constraints.
        var initial = new List<State>();
        var cell = _position.Value!;
        try
        {
            var all = new List<State>();
            _space.InitialStates(new Into(all));
            _generated = all.Count;
            foreach (var state in all)
            {
                cell.Value = new SimulationPosition(1, 0, null, null, state);
                if (_checks.OnGenerated(null, state) is { } failure)
                {
                    return Result(failure, [new TraceStep(state, null)], behaviour: null);
                }
                if (_space.SatisfiesConstraints(state))
                {
                    initial.Add(state);
                }
            }
        }
        catch (EvaluationException ex)
        {
            return Result(new BehaviourFailure(Verdict.EvaluationError, $"Error while computing the initial states: {ex.Message}") { Location = ex.Location }, [], null);
        }
        catch (OperationCanceledException)
        {
            ShouldStop();
            return Outcome();
        }
        finally
        {
            cell.Value = default;
        }
        if (initial.Count == 0)
        {
            return new SimulationResult(Verdict.Success, Statistics(), [],
                "No initial state satisfies the initial predicate and the constraints: there is no behaviour to simulate.", null, null, _options.Seed, null);
        }

        if (_options.Workers <= 1)
        {
            Work(initial);
        }
        else
        {
            // A thread each for the whole run: a worker loops until the run ends, so pool threads would be held anyway.
            var workers = Enumerable.Range(0, _options.Workers)
                .Select(_ => Task.Factory.StartNew(() => Work(initial), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
                .ToArray();
            try
            {
                Task.WaitAll(workers);
            }
            catch (AggregateException ex) when (ex.InnerExceptions.Count == 1)
            {
                // A bug, not a result: rethrown as it was thrown, as the single-worker run does.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
            }
        }
        return Outcome();
    }

    /// <summary>The run's result once its workers have stopped: the first failure, else why it stopped.</summary>
    private SimulationResult Outcome()
    {
        if (_failure is { } failed)
        {
            return Result(failed.Failure!, failed.Trace, failed.Number);
        }
        if (_cancellation.IsCancellationRequested)
        {
            return new SimulationResult(Verdict.Cancelled, Statistics(), [], "Simulation was cancelled.", null, null, _options.Seed, null);
        }
        if (_timeUp && _options.Behaviours is not null)
        {
            return new SimulationResult(Verdict.LimitReached, Statistics(), [],
                $"Stopped after {_options.MaxTime!.Value.TotalSeconds:0} s (--max-time), {_merged} of {_options.Behaviours} behaviours generated.", null, null, _options.Seed, null);
        }
        return new SimulationResult(Verdict.Success, Statistics(), [], null, null, null, _options.Seed, null);
    }

    private sealed class Into(List<State> states) : IStateSink
    {
        public void Add(State state, int action) => states.Add(state);
    }

    private void Work(IReadOnlyList<State> initial)
    {
        try
        {
            WorkUntilDone(initial);
        }
        catch (OperationCanceledException)
        {
            // An evaluation saw the run's cancellation or time limit: the behaviour is dropped, the others stop too.
            ShouldStop();
        }
        catch
        {
            // Stop the other workers: the run is over.
            _aborted = true;
            throw;
        }
    }

    private void WorkUntilDone(IReadOnlyList<State> initial)
    {
        var walker = new BehaviourWalker(_space, _checks, initial, _options.Depth, _options.CheckDeadlock, ShouldStop, _position.Value!);
        while (!ShouldStop())
        {
            var number = Interlocked.Increment(ref _nextNumber);
            if (number > (_options.Behaviours ?? long.MaxValue) || number > Volatile.Read(ref _failureBound))
            {
                return;
            }
            if (walker.Walk(number, new RandomSource(_options.Seed, number)) is not { } outcome)
            {
                return;
            }
            if (outcome.Failure is not null)
            {
                // The run's failure is this one or an earlier-numbered one: later behaviours need not be generated.
                LowerFailureBound(number);
            }
            Merge(outcome);
        }
    }

    private void LowerFailureBound(long number)
    {
        var bound = Volatile.Read(ref _failureBound);
        while (number < bound)
        {
            var seen = Interlocked.CompareExchange(ref _failureBound, number, bound);
            if (seen == bound)
            {
                return;
            }
            bound = seen;
        }
    }

    /// <summary>True when behaviour <paramref name="number"/> need not be finished: the run is over or an earlier one failed.</summary>
    private bool ShouldStop(long number) => number > Volatile.Read(ref _failureBound) || ShouldStop();

    private bool ShouldStop()
    {
        if (_cancellation.IsCancellationRequested || _timeUp || _aborted)
        {
            return true;
        }
        if (_options.MaxTime is { } maxTime && Elapsed >= maxTime)
        {
            _timeUp = true;
            return true;
        }
        return false;
    }

    private void Merge(BehaviourOutcome outcome)
    {
        lock (_merge)
        {
            _waiting[outcome.Number] = outcome;
            while (_failure is null && _waiting.Remove(_merged + 1, out var next))
            {
                _merged++;
                _generated += next.Generated;
                _totalLength += next.Length;
                _maxLength = Math.Max(_maxLength, next.Length);
                if (next.Failure is not null)
                {
                    _failure = next;
                }
            }
            var now = _options.Clock.GetTimestamp();
            if (_options.Progress is { } progress && now >= _nextProgress)
            {
                _nextProgress = now + Ticks(_options.ProgressInterval);
                progress(Statistics());
            }
        }
    }

    private SimulationStatistics Statistics() =>
        new(_merged, _generated, _merged == 0 ? 0 : (double)_totalLength / _merged, _maxLength, Elapsed);

    private SimulationResult Result(BehaviourFailure failure, IReadOnlyList<TraceStep> trace, long? behaviour) =>
        new(failure.Verdict, Statistics(), [.. trace], failure.Message, failure.Location, failure.Invariant, _options.Seed, behaviour)
        {
            IsSafety = failure.IsSafety,
        };

    // ───────────────────────────── What TLCGet and Trace read ─────────────────────────────

    public bool TryGetStatistic(string name, Value[]? state, out Value value)
    {
        var position = _position.Value!.Value;
        var strings = _evaluator!.Spec.Strings;
        switch (name)
        {
            case "level":
                value = Value.Int(position.Level);
                return true;
            case "diameter":
                // In TLC's simulation mode, the number of the behaviour being generated (0 for the initial states).
                value = Value.Int(position.Behaviour);
                return true;
            case "stats":
                value = FunctionValue.Record(
                    (strings.Intern("traces"), Value.Int(position.Behaviour)),
                    (strings.Intern("duration"), Value.Int((long)Elapsed.TotalSeconds)),
                    (strings.Intern("generated"), Value.Int(Interlocked.Read(ref _generated))),
                    (strings.Intern("behavior"), BehaviourRecord(strings, position)),
                    (strings.Intern("worker"), Value.Int(0))).AsValue;
                return true;
            case "config":
                value = FunctionValue.Record(
                    (strings.Intern("mode"), strings.Str("simulate")),
                    (strings.Intern("depth"), Value.Int(_options.Depth)),
                    (strings.Intern("traces"), Value.Int(_options.Behaviours ?? -1)),
                    (strings.Intern("deadlock"), Value.Bool(_options.CheckDeadlock)),
                    (strings.Intern("seed"), strings.Str(_options.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                    (strings.Intern("aril"), strings.Str("0")),
                    (strings.Intern("worker"), Value.Int(_options.Workers)),
                    (strings.Intern("install"), strings.Str(string.Empty))).AsValue;
                return true;
            default:
                // TLC's simulator has no visited set or queue: "distinct", "queue", "generated" are undefined there.
                value = default;
                return false;
        }
    }

    /// <summary>TLC's <c>TLCGet("stats").behavior</c>: how often each action occurs on the path, and the behaviour's number.</summary>
    private Value BehaviourRecord(StringTable strings, SimulationPosition position)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        if (position.Actions is { } actions)
        {
            foreach (var action in actions.Where(a => a >= 0))
            {
                var actionName = _space.Actions[action].Name;
                counts[actionName] = counts.GetValueOrDefault(actionName) + 1;
            }
        }
        var record = FunctionValue.Record([.. counts.Select(c => (strings.Intern(c.Key), Value.Int(c.Value)))]).AsValue;
        return FunctionValue.Record((strings.Intern("actions"), record), (strings.Intern("id"), Value.Int(position.Behaviour))).AsValue;
    }

    public Value? Trace(Value[] state)
    {
        var position = _position.Value!.Value;
        if (position.Level == 0)
        {
            return null;
        }
        var steps = new List<State>(position.Path ?? []);
        if (position.Pending is { } pending)
        {
            steps.Add(pending);
        }
        return BehaviourValue.Of(steps, _space.Variables, _evaluator!.Spec.Strings);
    }
}
