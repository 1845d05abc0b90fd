using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Specula.Tla.Diagnostics;
using Specula.Tla.Evaluation;
using Specula.Tla.Values;

namespace Specula.Tla.Checking;

/// <summary>
/// Explicit-state breadth-first model checking, level by level. Successors of a batch of the level's states are
/// generated in parallel (and their invariants and constraints evaluated there); then one thread merges them into the
/// visited set in the order a single TLC worker would have found them. So distinct states, their parents, counterexamples and the first
/// error reported are the same whatever the number of workers, and counterexamples are shortest.
/// </summary>
public static class ModelChecker
{
    /// <summary>Explores <paramref name="space"/> and reports the first violation, deadlock or error, or success.</summary>
    public static CheckResult Run(IStateSpace space, CheckOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(options);
        using var run = new Run(space, options, cancellationToken);
        return run.Execute();
    }
}

/// <summary>
/// The state of one run: the visited set, the stored states with their parents, the counters. It is also what
/// TLCGet and TLCExt's Trace read while the spec is evaluated (<see cref="ICheckerView"/>).
/// </summary>
internal sealed class Run : ICheckerView, IDisposable
{
    private readonly IStateSpace _space;
    private readonly CheckOptions _options;
    private readonly CancellationToken _cancellation;
    private readonly FingerprintSet _visited = new();
    private readonly List<State> _states = [];
    private readonly List<int> _parents = [];
    private readonly List<int> _actions = [];
    // The state graph, for temporal properties only: successors of each stored state, and the initial states.
    private readonly List<List<int>?>? _graph;
    private readonly List<int> _initialIndices = [];
    private readonly long[] _coverageGenerated;
    private readonly long[] _coverageDistinct;
    private readonly long _start;
    private long _nextProgress;
    private long _generated;
    private long _initial;
    private int _depth;
    private readonly Evaluator? _evaluator;
    // Where each worker thread is: the level of the state being evaluated (TLC's TLCGet("level")), the stored state
    // it is or comes from, and the successor not stored yet whose checks are being evaluated.
    private readonly ThreadLocal<PositionCell> _position = new(() => new PositionCell());

    /// <summary>This thread's position; a cell, so that the successor loop updates it without a thread-local lookup.</summary>
    private PositionCell Here => _position.Value!;

    private sealed class PositionCell
    {
        public Position Value;
    }
    // The statistics TLCGet reads: those at the start of the current batch of expansions (one state with one worker,
    // so exactly TLC's single-worker figures but for successors of the state being expanded).
    private Snapshot _snapshot;

    private readonly record struct Position(int Level, int Stored, State? Pending);

    /// <summary>How many states of the frontier each worker expands before the batch is merged.</summary>
    private const int StatesPerWorkerBatch = 256;

    private readonly record struct Snapshot(long Generated, long Distinct, long Queue, int Diameter);

    public Run(IStateSpace space, CheckOptions options, CancellationToken cancellation)
    {
        _space = space;
        _options = options;
        _cancellation = cancellation;
        _coverageGenerated = new long[space.Actions.Length];
        _coverageDistinct = new long[space.Actions.Length];
        _start = options.Clock.GetTimestamp();
        _evaluator = EvaluatorOf(space);
        _graph = options.Temporal is not null && _evaluator is not null ? [] : null;
        _nextProgress = _start + (long)(options.ProgressInterval.TotalSeconds * options.Clock.TimestampFrequency);
    }

    private static Evaluator? EvaluatorOf(IStateSpace space) => space switch
    {
        SpecStateSpace spec => spec.Evaluator,
        SymmetricStateSpace symmetric => EvaluatorOf(symmetric.Inner),
        _ => null,
    };

    /// <summary>A generated successor with the checks already evaluated on a worker.</summary>
    private readonly record struct Candidate(State State, int Action, ulong Fingerprint, int Invariant, bool InModel);

    /// <summary>What a worker produced for one state of the level.</summary>
    private sealed class Expansion : IStateSink
    {
        public readonly List<Candidate> Candidates = [];
        public EvaluationException? Error;
        public IStateSpace Space = null!;
        public FingerprintSet Visited = null!;
        public PositionCell Cell = null!;
        public int Level;
        public int Parent;

        public void Add(State state, int action)
        {
            // The successor's checks see it at the next level, as TLC's TLCGet("level") does.
            Cell.Value = new Position(Level + 1, Parent, state);
            try
            {
                var fingerprint = Space.Fingerprint(state);
                // Checks are needed only for states not seen before this level; duplicates within the level are rare.
                var seen = Visited.Contains(fingerprint);
                var inModel = seen || Space.SatisfiesConstraints(state);
                var invariant = seen ? -1 : Space.ViolatedInvariant(state);
                Candidates.Add(new Candidate(state, action, fingerprint, invariant, inModel));
            }
            finally
            {
                Cell.Value = new Position(Level, Parent, null);
            }
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
        var previous = _evaluator?.Checker;
        if (_evaluator is not null)
        {
            _evaluator.Checker = this;
        }
        try
        {
            var result = Explore();
            if (result.Verdict == Verdict.Success && _graph is not null)
            {
                result = CheckTemporal(result);
            }
            if (result.Verdict == Verdict.Success && _options.PostConditions.Length > 0)
            {
                result = CheckPostConditions(result);
            }
            return result;
        }
        finally
        {
            if (_evaluator is not null)
            {
                _evaluator.Checker = previous;
            }
        }
    }

    public void Dispose() => _position.Dispose();

    private CheckResult CheckPostConditions(CheckResult result)
    {
        _snapshot = new Snapshot(_generated, _visited.Count, 0, _depth);
        Here.Value = default;
        foreach (var postCondition in _options.PostConditions)
        {
            try
            {
                if (!_evaluator!.EvalBool(postCondition.Expression, Env.Empty, new StatePair()))
                {
                    return result with
                    {
                        Verdict = Verdict.PostConditionViolated,
                        Message = $"Postcondition {postCondition.Name} at {Where(postCondition.Expression)} is false.",
                    };
                }
            }
            catch (EvaluationException ex)
            {
                return result with
                {
                    Verdict = Verdict.PostConditionViolated,
                    Message = $"Evaluating postcondition {postCondition.Name} at {Where(postCondition.Expression)} failed.\n{ex.Message}",
                    Location = ex.Location,
                };
            }
        }
        return result;
    }

    /// <summary>TLC's way of naming an expression: <c>line 3, col 9 to line 5, col 40 of module M</c>.</summary>
    private string Where(Syntax.Expr expression)
    {
        var root = _evaluator!.Spec.Root;
        if (root.Source is not { } source || expression.Span.IsNone)
        {
            return $"module {root.Name}";
        }
        var l = source.Locate(expression.Span);
        return $"line {l.Line}, col {l.Column} to line {l.EndLine}, col {Math.Max(1, l.EndColumn - 1)} of module {root.Name}";
    }

    private CheckResult Explore()
    {
        List<int> frontier;
        try
        {
            var initial = new InitialSink();
            _space.InitialStates(initial);
            frontier = [];
            _depth = initial.States.Count > 0 ? 1 : 0;
            _initial = initial.States.Count;
            foreach (var state in initial.States)
            {
                _generated++;
                _snapshot = new Snapshot(_generated, _visited.Count, frontier.Count, _depth);
                Here.Value = new Position(1, -1, state);
                var fingerprint = _space.Fingerprint(state);
                if (_visited.IndexOf(fingerprint) is var known and >= 0)
                {
                    _initialIndices.Add(known);
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
                _initialIndices.Add(index);
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
        Here.Value = default;

        var level = 1;
        while (frontier.Count > 0)
        {
            if (_cancellation.IsCancellationRequested)
            {
                return Failure(Verdict.Cancelled, "Model checking was cancelled.", null, [], frontier.Count);
            }
            var next = new List<int>();
            // One worker expands and merges state by state, as TLC's single worker does, so that TLCGet's statistics
            // are TLC's; several workers expand a few hundred states each at once. Not a whole level: its successors
            // would all be held until the merge, and live long enough to make every collection expensive.
            var batch = _options.Workers <= 1 ? 1 : Math.Min(frontier.Count, StatesPerWorkerBatch * _options.Workers);
            Expansion[] expansions = [];
            for (var i = 0; i < frontier.Count; i++)
            {
                if (i % batch == 0)
                {
                    _snapshot = new Snapshot(_generated, _visited.Count, frontier.Count - i - 1 + next.Count, _depth);
                    expansions = Expand(frontier, i, Math.Min(batch, frontier.Count - i), level);
                }
                var parent = frontier[i];
                var expansion = expansions[i % batch];
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
                    if (_visited.IndexOf(candidate.Fingerprint) is var seen and >= 0)
                    {
                        AddEdge(parent, seen);
                        continue;
                    }
                    if (!SatisfiesActionConstraints(level, parent, candidate.State, out var actionError))
                    {
                        if (actionError is not null)
                        {
                            return Failure(Verdict.EvaluationError, actionError.Message, actionError.Location, Path(parent), frontier.Count - i + next.Count);
                        }
                        continue;
                    }
                    var index = Store(candidate.State, parent, candidate.Action, candidate.Fingerprint, insert: true);
                    AddEdge(parent, index);
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

    private bool SatisfiesActionConstraints(int level, int parent, State to, out EvaluationException? error)
    {
        error = null;
        // TLCGet("level") in an action constraint is the level of the state being expanded, as in its actions.
        Here.Value = new Position(level, parent, null);
        try
        {
            return _space.SatisfiesActionConstraints(_states[parent], to);
        }
        catch (EvaluationException ex)
        {
            error = ex;
            return false;
        }
        finally
        {
            Here.Value = default;
        }
    }

    private Expansion[] Expand(List<int> frontier, int start, int count, int level)
    {
        var expansions = new Expansion[count];
        void ExpandOne(int i)
        {
            var parent = frontier[start + i];
            var expansion = new Expansion { Space = _space, Visited = _visited, Cell = Here, Level = level, Parent = parent };
            Here.Value = new Position(level, parent, null);
            try
            {
                _space.Successors(_states[parent], expansion);
            }
            catch (EvaluationException ex)
            {
                expansion.Error = ex;
            }
            finally
            {
                Here.Value = default;
            }
            expansions[i] = expansion;
        }

        if (_options.Workers <= 1 || count < 64)
        {
            for (var i = 0; i < count; i++)
            {
                _cancellation.ThrowIfCancellationRequested();
                ExpandOne(i);
            }
        }
        else
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = _options.Workers, CancellationToken = _cancellation }, ExpandOne);
        }
        return expansions;
    }

    // ───────────────────────────── What TLCGet and Trace read ─────────────────────────────

    public bool TryGetStatistic(string name, Value[]? state, out Value value)
    {
        var snapshot = _snapshot;
        var strings = _evaluator!.Spec.Strings;
        value = name switch
        {
            "level" => Value.Int(Here.Value.Level),
            "diameter" => Value.Int(snapshot.Diameter),
            "distinct" => Value.Int(snapshot.Distinct),
            "generated" => Value.Int(snapshot.Generated),
            "queue" => Value.Int(snapshot.Queue),
            "stats" => FunctionValue.Record(
                (strings.Intern("queue"), Value.Int(snapshot.Queue)),
                (strings.Intern("distinct"), Value.Int(snapshot.Distinct)),
                (strings.Intern("initial"), Value.Int(_initial)),
                (strings.Intern("generated"), Value.Int(snapshot.Generated)),
                (strings.Intern("diameter"), Value.Int(snapshot.Diameter)),
                (strings.Intern("duration"), Value.Int((long)Elapsed.TotalSeconds)),
                (strings.Intern("worker"), Value.Int(0))).AsValue,
            "config" => ConfigRecord(strings, _options.CheckDeadlock),
            _ => default,
        };
        return name is "level" or "diameter" or "distinct" or "generated" or "queue" or "stats" or "config";
    }

    /// <summary>
    /// TLC's <c>TLCGet("config")</c>. The worker count is reported as 1 whatever it is: Specula's results are those of
    /// TLC's single worker, which is what specs reading it (trace specs) assume.
    /// </summary>
    internal static Value ConfigRecord(StringTable strings, bool checkDeadlock) => FunctionValue.Record(
        (strings.Intern("mode"), strings.Str("bfs")),
        (strings.Intern("deadlock"), Value.Bool(checkDeadlock)),
        (strings.Intern("worker"), Value.Int(1)),
        (strings.Intern("seed"), strings.Str("0")),
        (strings.Intern("fingerprint"), strings.Str("0")),
        (strings.Intern("install"), strings.Str(string.Empty))).AsValue;

    public Value? Trace(Value[] state)
    {
        var position = Here.Value;
        if (position.Level == 0)
        {
            return null;
        }
        var steps = new List<State>();
        if (position.Pending is { } pending)
        {
            steps.Add(pending);
        }
        for (var i = position.Stored; i >= 0; i = _parents[i])
        {
            steps.Add(_states[i]);
        }
        steps.Reverse();
        var strings = _evaluator!.Spec.Strings;
        var names = _space.Variables.Select(strings.Intern).ToArray();
        var records = steps.Select(s =>
        {
            var fields = new (TlaString, Value)[names.Length];
            for (var v = 0; v < names.Length; v++)
            {
                fields[v] = (names[v], s[v]);
            }
            return FunctionValue.Record(fields).AsValue;
        }).ToArray();
        return FunctionValue.Tuple(records).AsValue;
    }

    private void AddEdge(int from, int to)
    {
        if (_graph is null)
        {
            return;
        }
        while (_graph.Count <= from)
        {
            _graph.Add(null);
        }
        (_graph[from] ??= []).Add(to);
    }

    private CheckResult CheckTemporal(CheckResult result)
    {
        var temporal = _options.Temporal!;
        var checker = new Liveness.LivenessChecker(_evaluator!, _states, _graph!, _initialIndices, _states.Count, temporal.Fairness);
        Here.Value = default;
        try
        {
            foreach (var property in temporal.Properties)
            {
                switch (property)
                {
                    case AlwaysProperty always when checker.RefuteAlways(always) is var s and >= 0:
                        return result with
                        {
                            Verdict = Verdict.TemporalPropertyViolated,
                            Trace = Path(s),
                            Message = $"Temporal property {property.Name} was violated.",
                        };
                    case ActionProperty action when checker.RefuteAction(action, _space is SymmetricStateSpace ? GeneratedSuccessors : null) is var (from, to, stored, by):
                    {
                        var taken = stored >= 0 ? _actions[stored] : by;
                        var steps = Path(from).Add(new TraceStep(to, taken >= 0 ? _space.Actions[taken] : null));
                        return result with
                        {
                            Verdict = Verdict.TemporalPropertyViolated,
                            Trace = steps,
                            Message = $"Action property {property.Name} is violated.",
                        };
                    }
                    case StableProperty stable when checker.RefuteStable(stable, new Liveness.ExplorationTimeline(_parents, _states.Count)) is { } prefix:
                        // TLC finds this violation while searching and reports it as a safety violation (exit 12).
                        return result with
                        {
                            Verdict = Verdict.TemporalPropertyViolated,
                            Trace = [.. prefix.Where((s, i) => i == 0 || prefix[i - 1] != s)
                                .Select(i => new TraceStep(_states[i], _actions[i] >= 0 ? _space.Actions[_actions[i]] : null))],
                            Message = $"Temporal property {property.Name} was violated.",
                            IsSafety = true,
                        };
                    case LivenessProperty liveness when checker.Refute(liveness) is { } lasso:
                        return result with
                        {
                            Verdict = Verdict.TemporalPropertyViolated,
                            Trace = [.. lasso.States.Select(i => new TraceStep(_states[i], _actions[i] >= 0 ? _space.Actions[_actions[i]] : null))],
                            Message = $"Temporal property {property.Name} was violated.",
                            BackToState = lasso.LoopStart + 1,
                        };
                }
            }
        }
        catch (EvaluationException ex)
        {
            return result with { Verdict = Verdict.EvaluationError, Message = ex.Message, Location = ex.Location };
        }
        return result;
    }

    /// <summary>The successors of a stored state as generated, within the constraints (temporal checks under SYMMETRY).</summary>
    private IEnumerable<(State State, int Action)> GeneratedSuccessors(State from)
    {
        var sink = new CollectingSink();
        _space.Successors(from, sink);
        return sink.States.Where(c => _space.SatisfiesConstraints(c.State) && _space.SatisfiesActionConstraints(from, c.State));
    }

    private sealed class CollectingSink : IStateSink
    {
        public List<(State State, int Action)> States { get; } = [];

        public void Add(State state, int action) => States.Add((state, action));
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
