using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Specula.Tla.Diagnostics;
using Specula.Tla.Evaluation;

namespace Specula.Tla.Checking;

/// <summary>
/// Explicit-state breadth-first model checking, level by level. Successors of a level are generated in parallel
/// (and their invariants and constraints evaluated there); then one thread merges them into the visited set in the
/// order a single TLC worker would have found them. So distinct states, their parents, counterexamples and the first
/// error reported are the same whatever the number of workers, and counterexamples are shortest.
/// </summary>
public static class ModelChecker
{
    /// <summary>Explores <paramref name="space"/> and reports the first violation, deadlock or error, or success.</summary>
    public static CheckResult Run(IStateSpace space, CheckOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(options);
        return new Run(space, options, cancellationToken).Execute();
    }
}

/// <summary>The state of one run: the visited set, the stored states with their parents, the counters.</summary>
internal sealed class Run
{
    private readonly IStateSpace _space;
    private readonly CheckOptions _options;
    private readonly CancellationToken _cancellation;
    private readonly FingerprintSet _visited = new();
    private readonly List<State> _states = [];
    private readonly List<int> _parents = [];
    private readonly List<int> _actions = [];
    private readonly long[] _coverageGenerated;
    private readonly long[] _coverageDistinct;
    private readonly long _start;
    private long _nextProgress;
    private long _generated;
    private int _depth;

    public Run(IStateSpace space, CheckOptions options, CancellationToken cancellation)
    {
        _space = space;
        _options = options;
        _cancellation = cancellation;
        _coverageGenerated = new long[space.Actions.Length];
        _coverageDistinct = new long[space.Actions.Length];
        _start = options.Clock.GetTimestamp();
        _nextProgress = _start + (long)(options.ProgressInterval.TotalSeconds * options.Clock.TimestampFrequency);
    }

    /// <summary>A generated successor with the checks already evaluated on a worker.</summary>
    private readonly record struct Candidate(State State, int Action, ulong Fingerprint, int Invariant, bool InModel);

    /// <summary>What a worker produced for one state of the level.</summary>
    private sealed class Expansion : IStateSink
    {
        public readonly List<Candidate> Candidates = [];
        public EvaluationException? Error;
        public IStateSpace Space = null!;
        public FingerprintSet Visited = null!;

        public void Add(State state, int action)
        {
            var fingerprint = Space.Fingerprint(state);
            // Checks are needed only for states not seen before this level; duplicates within the level are rare.
            var seen = Visited.Contains(fingerprint);
            var inModel = seen || Space.SatisfiesConstraints(state);
            var invariant = seen ? -1 : Space.ViolatedInvariant(state);
            Candidates.Add(new Candidate(state, action, fingerprint, invariant, inModel));
        }
    }

    private sealed class InitialSink : IStateSink
    {
        public readonly List<State> States = [];

        public void Add(State state, int action) => States.Add(state);
    }

    private TimeSpan Elapsed => _options.Clock.GetElapsedTime(_start);

    private CheckStatistics Statistics(long leftOnQueue) =>
        new(_generated, _visited.Count, leftOnQueue, _depth, Elapsed);

    public CheckResult Execute()
    {
        List<int> frontier;
        try
        {
            var initial = new InitialSink();
            _space.InitialStates(initial);
            frontier = [];
            _depth = initial.States.Count > 0 ? 1 : 0;
            foreach (var state in initial.States)
            {
                _generated++;
                var fingerprint = _space.Fingerprint(state);
                if (_visited.Contains(fingerprint))
                {
                    continue;
                }
                var invariant = _space.ViolatedInvariant(state);
                if (!_space.SatisfiesConstraints(state))
                {
                    if (invariant >= 0)
                    {
                        return Violation(Store(state, -1, -1, fingerprint, insert: false), invariant, frontier.Count);
                    }
                    continue;
                }
                var index = Store(state, -1, -1, fingerprint, insert: true);
                if (invariant >= 0)
                {
                    return Violation(index, invariant, frontier.Count);
                }
                frontier.Add(index);
            }
        }
        catch (EvaluationException ex)
        {
            return Failure(Verdict.EvaluationError, $"Error while computing the initial states: {ex.Message}", ex.Location, [], 0);
        }

        var level = 1;
        while (frontier.Count > 0)
        {
            if (_cancellation.IsCancellationRequested)
            {
                return Failure(Verdict.Cancelled, "Model checking was cancelled.", null, [], frontier.Count);
            }
            var expansions = Expand(frontier);
            var next = new List<int>();
            for (var i = 0; i < frontier.Count; i++)
            {
                var parent = frontier[i];
                var expansion = expansions[i];
                if (expansion.Error is { } error)
                {
                    return Failure(Verdict.EvaluationError, error.Message, error.Location, Path(parent), frontier.Count - i + next.Count);
                }
                foreach (var candidate in expansion.Candidates)
                {
                    _generated++;
                    if (candidate.Action >= 0)
                    {
                        _coverageGenerated[candidate.Action]++;
                    }
                    if (!candidate.InModel)
                    {
                        // Outside the constraints: checked, never stored or explored.
                        if (candidate.Invariant >= 0)
                        {
                            return Violation(Store(candidate.State, parent, candidate.Action, candidate.Fingerprint, insert: false),
                                candidate.Invariant, frontier.Count - i + next.Count);
                        }
                        continue;
                    }
                    if (_visited.Contains(candidate.Fingerprint))
                    {
                        continue;
                    }
                    if (!SatisfiesActionConstraints(_states[parent], candidate.State, out var actionError))
                    {
                        if (actionError is not null)
                        {
                            return Failure(Verdict.EvaluationError, actionError.Message, actionError.Location, Path(parent), frontier.Count - i + next.Count);
                        }
                        continue;
                    }
                    var index = Store(candidate.State, parent, candidate.Action, candidate.Fingerprint, insert: true);
                    if (candidate.Action >= 0)
                    {
                        _coverageDistinct[candidate.Action]++;
                    }
                    if (candidate.Invariant >= 0)
                    {
                        _depth = Math.Max(_depth, level + 1);
                        return Violation(index, candidate.Invariant, frontier.Count - i - 1 + next.Count);
                    }
                    next.Add(index);
                    _depth = Math.Max(_depth, level + 1);
                }
                if (expansion.Candidates.Count == 0 && _options.CheckDeadlock)
                {
                    return Failure(Verdict.Deadlock, "Deadlock reached.", null, Path(parent), frontier.Count - i - 1 + next.Count);
                }
                if (LimitReached(frontier.Count - i - 1 + next.Count, out var limited))
                {
                    return limited;
                }
            }
            frontier = next;
            level++;
        }
        return new CheckResult(Verdict.Success, Statistics(0), [], null, null, null, Coverage());
    }

    private bool SatisfiesActionConstraints(State from, State to, out EvaluationException? error)
    {
        error = null;
        try
        {
            return _space.SatisfiesActionConstraints(from, to);
        }
        catch (EvaluationException ex)
        {
            error = ex;
            return false;
        }
    }

    private Expansion[] Expand(List<int> frontier)
    {
        var expansions = new Expansion[frontier.Count];
        void ExpandOne(int i)
        {
            var expansion = new Expansion { Space = _space, Visited = _visited };
            try
            {
                _space.Successors(_states[frontier[i]], expansion);
            }
            catch (EvaluationException ex)
            {
                expansion.Error = ex;
            }
            expansions[i] = expansion;
        }

        if (_options.Workers <= 1 || frontier.Count < 64)
        {
            for (var i = 0; i < frontier.Count; i++)
            {
                _cancellation.ThrowIfCancellationRequested();
                ExpandOne(i);
            }
        }
        else
        {
            Parallel.For(0, frontier.Count, new ParallelOptions { MaxDegreeOfParallelism = _options.Workers, CancellationToken = _cancellation }, ExpandOne);
        }
        return expansions;
    }

    private int Store(State state, int parent, int action, ulong fingerprint, bool insert)
    {
        var index = _states.Count;
        _states.Add(state);
        _parents.Add(parent);
        _actions.Add(action);
        if (insert)
        {
            _visited.TryAdd(fingerprint, index);
        }
        return index;
    }

    private ImmutableArray<TraceStep> Path(int index)
    {
        var steps = new List<TraceStep>();
        for (var i = index; i >= 0; i = _parents[i])
        {
            var action = _actions[i];
            steps.Add(new TraceStep(_states[i], action >= 0 ? _space.Actions[action] : null));
        }
        steps.Reverse();
        return [.. steps];
    }

    private CheckResult Violation(int index, int invariant, long leftOnQueue)
    {
        var name = _space.Invariants[invariant];
        return new CheckResult(Verdict.InvariantViolated, Statistics(leftOnQueue), Path(index),
            $"Invariant {name} is violated.", null, name, Coverage());
    }

    private CheckResult Failure(Verdict verdict, string message, SourceLocation? location, ImmutableArray<TraceStep> trace, long leftOnQueue) =>
        new(verdict, Statistics(leftOnQueue), trace, message, location, null, Coverage());

    private bool LimitReached(long leftOnQueue, [NotNullWhen(true)] out CheckResult? result)
    {
        result = null;
        if (_options.MaxStates is { } maxStates && _visited.Count >= maxStates)
        {
            result = Failure(Verdict.LimitReached, $"Stopped after {_visited.Count} distinct states (--max-states).", null, [], leftOnQueue);
            return true;
        }
        var now = _options.Clock.GetTimestamp();
        if (_options.MaxTime is { } maxTime && Elapsed >= maxTime)
        {
            result = Failure(Verdict.LimitReached, $"Stopped after {maxTime.TotalSeconds:0} s (--max-time).", null, [], leftOnQueue);
            return true;
        }
        if (now >= _nextProgress)
        {
            _nextProgress = now + (long)(_options.ProgressInterval.TotalSeconds * _options.Clock.TimestampFrequency);
            _options.Progress?.Invoke(Statistics(leftOnQueue));
            if (_options.MaxMemoryBytes is { } maxMemory && GC.GetTotalMemory(false) > maxMemory)
            {
                result = Failure(Verdict.LimitReached, $"Stopped: memory use passed {maxMemory / (1024 * 1024)} MiB (--max-memory).", null, [], leftOnQueue);
                return true;
            }
        }
        if (_cancellation.IsCancellationRequested)
        {
            result = Failure(Verdict.Cancelled, "Model checking was cancelled.", null, [], leftOnQueue);
            return true;
        }
        return false;
    }

    private ImmutableArray<ActionCoverage> Coverage() =>
        [.. _space.Actions.Select((action, i) => new ActionCoverage(action, _coverageGenerated[i], _coverageDistinct[i]))];
}
