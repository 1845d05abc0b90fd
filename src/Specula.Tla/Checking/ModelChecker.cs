using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Specula.Tla.Diagnostics;
using Specula.Tla.Evaluation;
using Specula.Tla.Values;

namespace Specula.Tla.Checking;

/// <summary>
/// Explicit-state breadth-first model checking. With several workers the search goes level by level, each worker
/// inserting the successors it generates into the shared visited set, as TLC's workers do: distinct and generated
/// counts of a complete search and the length of counterexamples (shortest) do not depend on the number of workers,
/// which of several shortest counterexamples is shown may. With temporal properties or --max-states, successors are
/// generated in parallel and merged by one thread in the order a single worker would have found them.
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
internal sealed partial class Run : ICheckerView, IDisposable
{
    private readonly IStateSpace _space;
    private readonly CheckOptions _options;
    private readonly CancellationToken _cancellation;
    private readonly ConcurrentFingerprintSet _visited = new();
    // With several workers only: verdicts of states generated ahead of the merge.
    private readonly CheckCache? _checked;
    private readonly StateStore _states;
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
    private Snapshot _snapshot = new(0, 0, 0, 0);

    private readonly record struct Position(int Level, int Stored, State? Pending);

    // A class, so that workers reading it while the merge replaces it see one whole snapshot.
    private sealed record Snapshot(long Generated, long Distinct, long Queue, int Diameter);

    public Run(IStateSpace space, CheckOptions options, CancellationToken cancellation)
    {
        _space = space;
        _options = options;
        _cancellation = cancellation;
        _coverageGenerated = new long[space.Actions.Length];
        _coverageDistinct = new long[space.Actions.Length];
        _start = options.Clock.GetTimestamp();
        _evaluator = EvaluatorOf(space);
        _checked = options.Workers > 1 ? new CheckCache() : null;
        _graph = options.Temporal is not null && _evaluator is not null ? [] : null;
        _states = StateStore.For(readOften: _graph is not null);
        _nextProgress = _start + (long)(options.ProgressInterval.TotalSeconds * options.Clock.TimestampFrequency);
    }

    private static Evaluator? EvaluatorOf(IStateSpace space) => space switch
    {
        SpecStateSpace spec => spec.Evaluator,
        SymmetricStateSpace symmetric => EvaluatorOf(symmetric.Inner),
        _ => null,
    };

    /// <summary>A generated successor with the checks already evaluated on a worker.</summary>
    /// <summary>A generated successor; its state is dropped (null) when it was visited already when generated, since
    /// the merge then only counts it, and a state held until the merge would outlive young collections for nothing.</summary>
    private readonly record struct Candidate(State? State, int Action, ulong Fingerprint, int Invariant, bool InModel);

    /// <summary>What a worker produced for one state of the level.</summary>
    private sealed class Expansion : IStateSink
    {
        public readonly List<Candidate> Candidates = [];
        public EvaluationException? Error;
        public IStateSpace Space = null!;
        public ConcurrentFingerprintSet Visited = null!;
        public PositionCell Cell = null!;
        public CheckCache? Checked;
        public int Level;
        public int Parent;
        // The state expanded, read once from the store for its successors and their action constraints.
        public State From = null!;
        public int Intermediate;

        public void AddIntermediate(int count) => Intermediate += count;

        public void Add(State state, int action)
        {
            // The successor's checks see it at the next level, as TLC's TLCGet("level") does.
            Cell.Value = new Position(Level + 1, Parent, state);
            try
            {
                var fingerprint = Space.Fingerprint(state);
                // Checks are needed only for states not merged yet; with several workers, a state met again before
                // its first occurrence is merged takes its verdicts from the cache.
                int invariant;
                bool inModel;
                var visited = Visited.Contains(fingerprint);
                if (visited)
                {
                    invariant = -1;
                    inModel = true;
                }
                else if (Checked is null || !Checked.TryGet(state.Fingerprint, Level + 1, out invariant, out inModel))
                {
                    inModel = Space.SatisfiesConstraints(state);
                    invariant = Space.ViolatedInvariant(state);
                    Checked?.Add(state.Fingerprint, Level + 1, invariant, inModel);
                }
                Candidates.Add(new Candidate(visited ? null : state, action, fingerprint, invariant, inModel));
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
        new(_generated + _generatedInLevel, _visited.Count, leftOnQueue, _depth, Elapsed);

    public CheckResult Execute()
    {
        var previous = _evaluator?.Checker;
        if (_evaluator is not null)
        {
            _evaluator.Checker = this;
        }
        // Evaluation inside one step (initial states, a constant definition, a property) sees the run's stops too.
        using var stop = new EvaluationStop(_evaluator, _options.MaxTime - Elapsed, _options.Clock, _cancellation);
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
            // The time of the whole check, as TLC's "Finished in" gives it: liveness checking can take longer than the search.
            return result with { Statistics = result.Statistics with { Elapsed = Elapsed } };
        }
        catch (OperationCanceledException)
        {
            return Stopped(LeftOnQueue);
        }
        finally
        {
            if (_evaluator is not null)
            {
                _evaluator.Checker = previous;
            }
        }
    }

    /// <summary>The result of a run an evaluation stopped: the time limit, or else a cancellation.</summary>
    private CheckResult Stopped(long leftOnQueue) =>
        TimeLimitStopped(out var maxTime)
            ? Failure(Verdict.LimitReached, $"Stopped after {maxTime.TotalSeconds:0} s (--max-time).", null, [], leftOnQueue)
            : Failure(Verdict.Cancelled, "Model checking was cancelled.", null, [], leftOnQueue);

    /// <summary>Whether an evaluation was stopped by --max-time (<paramref name="maxTime"/>) rather than by a cancellation.</summary>
    private bool TimeLimitStopped(out TimeSpan maxTime)
    {
        maxTime = _options.MaxTime ?? default;
        return !_cancellation.IsCancellationRequested && _options.MaxTime is not null && Elapsed >= maxTime;
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
        _enqueued = frontier.Count;
        if (_options.Workers <= 1)
        {
            return ExploreSequentially(frontier);
        }
        // The state graph of temporal properties needs each edge's stored index, and --max-states an exact stopping
        // point: both keep the merge in queue order.
        return _graph is not null || _options.MaxStates is not null ? ExploreInParallel(frontier) : ExploreLevels(frontier);
    }

    /// <summary>States stored and queued for expansion so far, and states taken off the queue to be merged.</summary>
    private long _enqueued;

    private long _dequeued;

    /// <summary>States on the queue after the one being merged.</summary>
    private long LeftOnQueue => _enqueued - _dequeued;

    /// <summary>One worker expands and merges state by state, as TLC's single worker does, so that TLCGet's statistics are TLC's.</summary>
    private CheckResult ExploreSequentially(List<int> frontier)
    {
        var level = 1;
        while (frontier.Count > 0)
        {
            if (_cancellation.IsCancellationRequested)
            {
                return Failure(Verdict.Cancelled, "Model checking was cancelled.", null, [], frontier.Count);
            }
            var next = new List<int>();
            foreach (var parent in frontier)
            {
                _dequeued++;
                // Every state stored so far is in the visited set (one that is not ends the run): counting the
                // stored states spares summing the visited set's stripes for every state expanded.
                _snapshot = new Snapshot(_generated, _states.Count, LeftOnQueue, _depth);
                _cancellation.ThrowIfCancellationRequested();
                var expansion = ExpandOne(parent, _states[parent], level);
                if (Merge(parent, level, expansion, next, null) is { } result)
                {
                    return result;
                }
            }
            frontier = next;
            level++;
        }
        return new CheckResult(Verdict.Success, Statistics(0), [], null, null, null, Coverage());
    }

    /// <summary>How many queued states make a chunk that one thread expands at once.</summary>
    private const int StatesPerChunk = 128;

    /// <summary>
    /// Several workers expand chunks of the queue ahead of the merge (<see cref="ExpansionPipeline{TExpansion}"/>);
    /// this thread merges their expansions in queue order, so the run's result is the single worker's.
    /// </summary>
    private CheckResult ExploreInParallel(List<int> frontier)
    {
        using var pipeline = new ExpansionPipeline<Expansion>(_options.Workers - 1, ExpandOne);
        var building = new ExpansionChunk<Expansion>(1, StatesPerChunk);
        foreach (var index in frontier)
        {
            building.Add(index, _states[index]);
            if (building.Count >= StatesPerChunk)
            {
                pipeline.Publish(building);
                building = new ExpansionChunk<Expansion>(1, StatesPerChunk);
            }
        }
        if (building.Count > 0)
        {
            pipeline.Publish(building);
        }
        building = new ExpansionChunk<Expansion>(2, StatesPerChunk);
        var next = new List<int>();
        while (true)
        {
            if (pipeline.TakeNext() is not { } chunk)
            {
                if (building.Count == 0)
                {
                    break;
                }
                // Everything published is merged: what has been stored since is all there is to expand.
                pipeline.Publish(building);
                building = new ExpansionChunk<Expansion>(building.Level, StatesPerChunk);
                continue;
            }
            if (building.Level != chunk.Level + 1)
            {
                // A new level: the states stored from the previous one are all published before this level's successors.
                if (building.Count > 0)
                {
                    pipeline.Publish(building);
                }
                building = new ExpansionChunk<Expansion>(chunk.Level + 1, StatesPerChunk);
            }
            for (var k = 0; k < chunk.Count; k++)
            {
                _dequeued++;
                _snapshot = new Snapshot(_generated, _states.Count, LeftOnQueue, _depth);
                next.Clear();
                if (Merge(chunk.Indices[k], chunk.Level, chunk.Expansions[k], next, building) is { } result)
                {
                    return result;
                }
                // Publish early when the workers have nothing to take, so that they are not idle at the start of the
                // search or of a level.
                if (building.Count >= StatesPerChunk || (building.Count >= 8 && pipeline.Starving))
                {
                    pipeline.Publish(building);
                    building = new ExpansionChunk<Expansion>(building.Level, StatesPerChunk);
                }
            }
        }
        return new CheckResult(Verdict.Success, Statistics(0), [], null, null, null, Coverage());
    }

    /// <summary>Generates a stored state's successors with their checks (on any thread).</summary>
    private Expansion ExpandOne(int parent, State state, int level)
    {
        var here = Here;
        var expansion = new Expansion { Space = _space, Visited = _visited, Checked = _checked, Cell = here, Level = level, Parent = parent, From = state };
        here.Value = new Position(level, parent, null);
        try
        {
            _space.Successors(state, expansion);
        }
        catch (EvaluationException ex)
        {
            expansion.Error = ex;
        }
        finally
        {
            here.Value = default;
        }
        return expansion;
    }

    /// <summary>
    /// Merges one expanded state's successors into the visited set, in the order they were generated; new states are
    /// queued on <paramref name="next"/> (and <paramref name="chunk"/>, with their states, when several workers run).
    /// Returns the run's result when it ends here.
    /// </summary>
    private CheckResult? Merge(int parent, int level, Expansion expansion, List<int> next, ExpansionChunk<Expansion>? chunk)
    {
        if (expansion.Error is { } error)
        {
            return Failure(Verdict.EvaluationError, error.Message, error.Location, Path(parent), LeftOnQueue + 1);
        }
        _generated += expansion.Intermediate;
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
                    return Violation(Store(candidate.State!, parent, candidate.Action, candidate.Fingerprint, insert: false),
                        candidate.Invariant, LeftOnQueue + 1);
                }
                continue;
            }
            if (_graph is null)
            {
                // A successor already visited when it was generated (no state kept) stays visited; the others need
                // only a lock-free look, the index of the state seen being wanted for the graph alone.
                if (candidate.State is null || _visited.Contains(candidate.Fingerprint))
                {
                    continue;
                }
            }
            else if (_visited.IndexOf(candidate.Fingerprint) is var seen and >= 0)
            {
                AddEdge(parent, seen);
                continue;
            }
            if (!SatisfiesActionConstraints(level, parent, expansion.From, candidate.State!, out var actionError))
            {
                if (actionError is not null)
                {
                    return Failure(Verdict.EvaluationError, actionError.Message, actionError.Location, Path(parent), LeftOnQueue + 1);
                }
                continue;
            }
            var index = Store(candidate.State!, parent, candidate.Action, candidate.Fingerprint, insert: true);
            AddEdge(parent, index);
            if (candidate.Action >= 0)
            {
                _coverageDistinct[candidate.Action]++;
            }
            if (candidate.Invariant >= 0)
            {
                _depth = Math.Max(_depth, level + 1);
                return Violation(index, candidate.Invariant, LeftOnQueue);
            }
            next.Add(index);
            chunk?.Add(index, candidate.State!);
            _enqueued++;
            _depth = Math.Max(_depth, level + 1);
        }
        if (expansion.Candidates.Count == 0 && _options.CheckDeadlock)
        {
            return Failure(Verdict.Deadlock, "Deadlock reached.", null, Path(parent), LeftOnQueue);
        }
        return LimitReached(LeftOnQueue, out var limited) ? limited : null;
    }

    private bool SatisfiesActionConstraints(int level, int parent, State from, State to, out EvaluationException? error)
    {
        error = null;
        // TLCGet("level") in an action constraint is the level of the state being expanded, as in its actions.
        Here.Value = new Position(level, parent, null);
        try
        {
            return _space.SatisfiesActionConstraints(from, to);
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
        return BehaviourValue.Of(steps, _space.Variables, _evaluator!.Spec.Strings);
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
        // Under SYMMETRY or a VIEW the graph's edges lead to representatives: steps are evaluated on generated successors.
        var abstracted = _space is SymmetricStateSpace || _space is SpecStateSpace { HasView: true };
        var checker = new Liveness.LivenessChecker(_evaluator!, _states, _graph!, _initialIndices, _states.Count, temporal.Fairness,
            abstracted ? GeneratedSteps : null, temporal.Constrained, _cancellation);
        Here.Value = default;
        try
        {
            foreach (var property in temporal.Properties)
            {
                switch (property)
                {
                    case InitialProperty initially when checker.RefuteInitial(initially) is var first and >= 0:
                        return result with
                        {
                            Verdict = Verdict.TemporalPropertyViolated,
                            Trace = Path(first),
                            Message = $"Temporal property {property.Name} was violated.",
                        };
                    case AlwaysProperty always when checker.RefuteAlways(always) is var s and >= 0:
                        return result with
                        {
                            Verdict = Verdict.TemporalPropertyViolated,
                            Trace = Path(s),
                            Message = $"Temporal property {property.Name} was violated.",
                        };
                    case ActionProperty action when checker.RefuteAction(action, abstracted ? GeneratedSuccessors : null) is var (from, to, stored, by):
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
                            Trace = [.. lasso.States.Select((s, k) => k == 0 ? StepTo(s) : StepTo(s, lasso.States[k - 1]))],
                            Message = $"Temporal property {property.Name} was violated.",
                            BackToState = lasso.LoopStart + 1,
                            BackToStateAction = lasso.LoopStart + 1 < lasso.States.Count ? StepTo(lasso.States[lasso.LoopStart!.Value], lasso.States[^1]).Action : null,
                        };
                }
            }
        }
        catch (EvaluationException ex)
        {
            return result with { Verdict = Verdict.EvaluationError, Message = ex.Message, Location = ex.Location };
        }
        catch (OperationCanceledException)
        {
            return TimeLimitStopped(out var maxTime)
                ? result with { Verdict = Verdict.LimitReached, Message = $"Stopped after {maxTime.TotalSeconds:0} s (--max-time) while checking temporal properties." }
                : result with { Verdict = Verdict.Cancelled, Message = "Model checking was cancelled while checking temporal properties." };
        }
        return result;
    }

    /// <summary>Stored state <paramref name="to"/> as a step of a trace, labelled with the action that first reached it.</summary>
    private TraceStep StepTo(int to) => new(_states[to], _actions[to] >= 0 ? _space.Actions[_actions[to]] : null);

    /// <summary>
    /// Stored state <paramref name="to"/> as the step a lasso takes to it from <paramref name="from"/>: labelled with an
    /// action that generates it from there, found again as TLC finds a trace's actions, since a lasso's steps are not
    /// all the steps that first reached their states (a cycle comes back into states found another way, even initial ones).
    /// </summary>
    private TraceStep StepTo(int to, int from)
    {
        if (_parents[to] != from)
        {
            foreach (var (state, action) in GeneratedSuccessors(_states[from]))
            {
                if (action >= 0 && _visited.IndexOf(_space.Fingerprint(state)) == to)
                {
                    return new TraceStep(_states[to], _space.Actions[action]);
                }
            }
        }
        return StepTo(to);
    }

    /// <summary>The successors of stored state <paramref name="s"/> as generated, each with the index of the state stored for it.</summary>
    private IReadOnlyList<(int Stored, State Generated)> GeneratedSteps(int s) =>
        [.. GeneratedSuccessors(_states[s]).Select(g => (Stored: _visited.IndexOf(_space.Fingerprint(g.State)), Generated: g.State)).Where(g => g.Stored >= 0)];

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

    /// <summary>Stores a state a worker encoded (the level search, which inserted its fingerprint already).</summary>
    private int StoreEncoded(StateEncoder encoder, Range encoded, int parent, int action)
    {
        var index = _states.Add(encoder, encoded);
        _parents.Add(parent);
        _actions.Add(action);
        return index;
    }

    private int Store(State state, int parent, int action, ulong fingerprint, bool insert)
    {
        var index = _states.Add(state);
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
