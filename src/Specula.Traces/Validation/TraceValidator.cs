using System.Collections.Immutable;
using Specula.Tla.Checking;
using Specula.Tla.Evaluation;
using Specula.Tla.Values;
using Specula.Traces.Format;
using Specula.Traces.Mapping;

namespace Specula.Traces.Validation;

/// <summary>A value a state must have after an event: a variable, or a variable's entry for one node.</summary>
/// <param name="Variable">The spec variable.</param>
/// <param name="Slot">Its slot in states.</param>
/// <param name="Key">For a per-node variable: the node's value (the variable is a function of nodes).</param>
/// <param name="Node">The node's name as logged, for messages.</param>
/// <param name="Expected">The observed value, translated to TLA+.</param>
public sealed record Observation(string Variable, int Slot, Value? Key, string? Node, Value Expected);

/// <summary>One trace event compiled against a spec: the action it takes and what must hold afterwards.</summary>
/// <param name="Event">The event as logged.</param>
/// <param name="Index">1-based position in the trace.</param>
/// <param name="Action">The action to take; null when the event only observes (no step).</param>
/// <param name="Arguments">The action's arguments; null entries are free.</param>
/// <param name="Observations">Values the state must have after the event.</param>
public sealed record PlannedStep(TraceEvent Event, int Index, string? Action, ImmutableArray<Value?> Arguments, ImmutableArray<Observation> Observations);


/// <summary>Limits and detail of validation.</summary>
/// <param name="MaxCandidates">Give up on a trace when more candidate states than this are consistent with a prefix.</param>
/// <param name="StatesShown">Candidate states printed in a divergence.</param>
/// <param name="ScoreAfterDivergence">After the first divergence, keep trying later events (skipping the one that
/// failed) to score per-action conformance; the verdict is unaffected.</param>
public sealed record ValidationOptions(int MaxCandidates = 100_000, int StatesShown = 3, bool ScoreAfterDivergence = true)
{
    /// <summary>The defaults.</summary>
    public static ValidationOptions Default { get; } = new();
}

/// <summary>
/// Decides whether a spec can produce a trace (ALGORITHMS.md B3): it keeps the set of spec states consistent with the
/// events so far, starting from the initial states; each event takes its action from every candidate (through the
/// next-state relation, with the event's arguments), keeping the successors whose observed variables equal the
/// logged values; unobserved variables stay free. Only when no successor fits are the silent actions tried, at most
/// their bound between two events, so that they cannot blow the search up. The trace conforms when its last event is
/// matched; otherwise the first event that cannot be matched is reported with why each candidate failed.
/// </summary>
public sealed class TraceValidator
{
    private readonly SpecStepper _stepper;
    private readonly ValidationOptions _options;

    /// <summary>Creates a validator for one spec.</summary>
    public TraceValidator(SpecStepper stepper, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stepper);
        _stepper = stepper;
        _options = options ?? ValidationOptions.Default;
    }

    /// <summary>The options.</summary>
    internal ValidationOptions Options => _options;

    /// <summary>Validates one compiled trace. Per-action counts are added to <paramref name="actions"/>.</summary>
    /// <exception cref="EvaluationException">The initial predicate cannot be evaluated.</exception>
    public TraceVerdict Validate(Trace trace, IReadOnlyList<PlannedStep> steps, SilentSteps? silent, ActionTally actions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(steps);
        var replay = Start(trace.Name, trace.Path, silent, actions, cancellationToken);
        foreach (var step in steps)
        {
            if (!replay.Advance(step))
            {
                break;
            }
        }
        return replay.Finish(trace.Events.Count, steps.Count);
    }

    /// <summary>
    /// Starts validating a trace whose steps come one at a time (as a streamed file is read and compiled), from the
    /// spec's initial states. Per-action counts are added to <paramref name="actions"/>.
    /// </summary>
    /// <param name="name">The trace's name.</param>
    /// <param name="path">Its file, for divergences.</param>
    /// <param name="silent">Silent steps allowed between events, or null.</param>
    /// <param name="actions">Receives per-action counts.</param>
    /// <param name="cancellationToken">Stops the silent-step search.</param>
    /// <exception cref="EvaluationException">The initial predicate cannot be evaluated.</exception>
    public TraceReplay Start(string name, string path, SilentSteps? silent, ActionTally actions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(actions);
        return new TraceReplay(this, name, path, [.. _stepper.InitialStates()], silent, actions, cancellationToken);
    }

    /// <summary>The states after <paramref name="step"/> from any of <paramref name="from"/> (distinct states),
    /// duplicates removed.</summary>
    internal List<State> Take(IReadOnlyList<State> from, PlannedStep step)
    {
        var result = new List<State>();
        if (step.Action is null)
        {
            // Keeping some of distinct states keeps them distinct.
            foreach (var state in from)
            {
                if (Observed(state, step.Observations))
                {
                    result.Add(state);
                }
            }
            return result;
        }
        // The successors of one state come distinct from the stepper; only several states can lead to the same one.
        var seen = from.Count > 1 ? new HashSet<State>() : null;
        // The observations prune generation itself: an action with a free choice per variable is not expanded into
        // every combination only to drop all but the logged one (Why steps again without them to explain a divergence).
        var expected = step.Observations.Select(o => new SlotExpectation(o.Slot, o.Key, o.Expected)).ToArray();
        foreach (var state in from)
        {
            var outcome = _stepper.Step(state, step.Action, step.Arguments, expected);
            foreach (var successor in outcome.Successors)
            {
                if (Observed(successor.State, step.Observations) && (seen is null || seen.Add(successor.State)))
                {
                    result.Add(successor.State);
                }
            }
        }
        return result;
    }

    internal List<State> SilentClosure(IReadOnlyList<State> from, SilentSteps silent, CancellationToken cancellationToken)
    {
        var seen = new HashSet<State>(from);
        var all = new List<State>(from);
        var layer = from;
        for (var k = 0; k < silent.Bound && layer.Count > 0; k++)
        {
            var nextLayer = new List<State>();
            foreach (var state in layer)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var action in silent.Actions)
                {
                    var parameters = _stepper.FindAction(action)!.Parameters.Length;
                    foreach (var successor in _stepper.Step(state, action, new Value?[parameters]).Successors)
                    {
                        if (seen.Add(successor.State))
                        {
                            nextLayer.Add(successor.State);
                        }
                    }
                }
            }
            all.AddRange(nextLayer);
            layer = nextLayer;
            if (all.Count > _options.MaxCandidates)
            {
                break;
            }
        }
        return all;
    }

    private static bool Observed(State state, ImmutableArray<Observation> observations)
    {
        foreach (var observation in observations)
        {
            if (ActualValue(state, observation) is not { } actual || !actual.Equals(observation.Expected))
            {
                return false;
            }
        }
        return true;
    }

    private static Value? ActualValue(State state, Observation observation)
    {
        var value = state[observation.Slot];
        if (observation.Key is not { } key)
        {
            return value;
        }
        return value.IsFunction && value.AsFunction.TryApply(key, out var entry) ? entry : null;
    }

    internal Divergence Explain(string path, PlannedStep step, int matched, IReadOnlyList<State> candidates)
    {
        var shown = candidates.Take(_options.StatesShown).ToList();
        var failures = ImmutableArray.CreateBuilder<CandidateFailure>();
        for (var i = 0; i < shown.Count; i++)
        {
            failures.Add(step.Action is null ? ObservationFailure(step, "(observation)", new Dictionary<string, string>(), shown[i], i) : Why(step, shown[i], i));
        }
        var summary = Summarize(step, candidates.Count, failures);
        return new Divergence(path, step.Event.Line, step.Index, Info(step.Event), matched, candidates.Count, summary,
            [.. shown.Select(_stepper.Format)], failures.ToImmutable());
    }

    private CandidateFailure Why(PlannedStep step, State state, int index)
    {
        var action = step.Action!;
        var outcome = _stepper.Step(state, action, step.Arguments);
        var parameters = _stepper.FindAction(action)!.Parameters;
        if (outcome.Error is { } error)
        {
            return new CandidateFailure(action, Args(parameters, step.Arguments, []), FailureReason.Undefined, null, [],
                error.Location is { } at ? $"{Path.GetFileName(at.Path)}:{at.Line}:{at.Column}: {error.Message}" : error.Message, index);
        }
        if (outcome.Successors.IsEmpty)
        {
            if (outcome.Failure is { } failure)
            {
                return new CandidateFailure(action, Args(parameters, step.Arguments, failure.Arguments), FailureReason.Guard, Conjunct(failure), [], null, index);
            }
            return new CandidateFailure(action, Args(parameters, step.Arguments, []), FailureReason.NoSuccessor, null, [], null, index);
        }
        // Successors exist but none looks like the log: report the closest one.
        var closest = outcome.Successors.MinBy(s => Mismatches(s.State, step.Observations).Count())!;
        return ObservationFailure(step, action, Args(parameters, step.Arguments, closest.Arguments), closest.State, index);
    }

    private static ConjunctInfo Conjunct(ConjunctFailure failure) => new(
        failure.Text,
        failure.Location is { } l ? $"{Path.GetFileName(l.Path)}:{l.Line}:{l.Column}" : null,
        failure.Parts.GroupBy(p => p.Text).ToDictionary(g => g.Key, g => g.First().Value),
        failure.Inner is { } inner ? Conjunct(inner) : null);

    private static CandidateFailure ObservationFailure(PlannedStep step, string action, IReadOnlyDictionary<string, string> args, State state, int index) =>
        new(action, args, FailureReason.Observation, null, [.. Mismatches(state, step.Observations)], null, index);

    private static IEnumerable<Mismatch> Mismatches(State state, ImmutableArray<Observation> observations)
    {
        foreach (var observation in observations)
        {
            var actual = ActualValue(state, observation);
            if (actual is not { } value || !value.Equals(observation.Expected))
            {
                yield return new Mismatch(observation.Variable, observation.Node, actual?.ToString() ?? "(no entry)", observation.Expected.ToString());
            }
        }
    }

    private static Dictionary<string, string> Args(ImmutableArray<string> parameters, ImmutableArray<Value?> bound, ImmutableArray<Value> chosen)
    {
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < parameters.Length; i++)
        {
            args[parameters[i]] = bound[i]?.ToString() ?? (i < chosen.Length ? chosen[i].ToString() : "?");
        }
        return args;
    }

    private static string Summarize(PlannedStep step, int candidates, IReadOnlyList<CandidateFailure> failures)
    {
        var e = step.Event;
        var head = $"Event {step.Index} (line {e.Line}, {e.Node} {e.Event}) cannot be {(step.Action is null ? "observed" : $"taken as {step.Action}")}";
        var states = candidates == 1 ? "the one candidate state" : $"all {candidates} candidate states";
        if (failures.Count == 0)
        {
            return head + ": no spec state is consistent with the trace before it.";
        }
        var first = failures[0];
        var why = first.Reason switch
        {
            FailureReason.Guard when first.Conjunct is { } c =>
                $"the conjunct {c.Text}{(c.Location is null ? "" : $" ({c.Location})")} is false"
                + (c.Values.Count == 0 ? "" : " (" + string.Join(", ", c.Values.Select(kv => $"{kv.Key} = {kv.Value}")) + ")"),
            FailureReason.Observation => "the spec's successor differs from the log in "
                + string.Join(", ", first.Mismatches.Select(m => $"{m.Variable}{(m.Node is null ? "" : $"[{m.Node}]")} (spec {m.Expected}, log {m.Observed})")),
            FailureReason.Undefined => $"evaluating it fails: {first.Error}",
            _ => "the next-state relation never takes it with these arguments (a guard around it is false, or no quantifier offers these arguments)",
        };
        var uniform = failures.All(f => f.Reason == first.Reason && f.Conjunct?.Text == first.Conjunct?.Text);
        return $"{head}: in {(uniform ? states : "the first candidate state")} {why}.";
    }

    internal static Divergence Ambiguous(string path, PlannedStep step, int matched, int count) =>
        new(path, step.Event.Line, step.Index, Info(step.Event), matched, count,
            $"Event {step.Index} (line {step.Event.Line}) leaves more than {count - 1} spec states possible: the trace observes too little to follow it; "
            + "map more state fields to variables, or bound the silent steps.", [], []);

    private static EventInfo Info(TraceEvent e) => new(e.Node, e.Seq, e.Event, e.Args);
}

/// <summary>Per-action counts of observed and accepted events, gathered over traces.</summary>
public sealed class ActionTally
{
    private readonly SortedDictionary<string, (int Observed, int Accepted)> _counts = new(StringComparer.Ordinal);

    /// <summary>Counts one event mapped to <paramref name="action"/>.</summary>
    public void Count(string action, bool accepted)
    {
        ArgumentNullException.ThrowIfNull(action);
        var (observed, ok) = _counts.GetValueOrDefault(action);
        _counts[action] = (observed + 1, ok + (accepted ? 1 : 0));
    }

    /// <summary>Adds the counts of <paramref name="other"/>.</summary>
    public void Add(ActionTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (action, (observed, accepted)) in other._counts)
        {
            var (o, a) = _counts.GetValueOrDefault(action);
            _counts[action] = (o + observed, a + accepted);
        }
    }

    /// <summary>The counts, by action name.</summary>
    public ImmutableArray<ActionConformance> ToConformance() => [.. _counts.Select(kv => new ActionConformance(kv.Key, kv.Value.Observed, kv.Value.Accepted))];
}
