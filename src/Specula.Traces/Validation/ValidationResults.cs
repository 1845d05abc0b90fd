using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Specula.Traces.Validation;

/// <summary>Why a candidate state could not take a trace event.</summary>
public enum FailureReason
{
    /// <summary>A conjunct of the action was false (its guard, or an equation between primed variables).</summary>
    [JsonStringEnumMemberName("guard")]
    Guard,

    /// <summary>The action could be taken, but every successor differs from what the trace observed.</summary>
    [JsonStringEnumMemberName("observation")]
    Observation,

    /// <summary>The action was never reached with these arguments: a guard outside it, in the next-state action, or
    /// arguments that no enclosing quantifier offers.</summary>
    [JsonStringEnumMemberName("noSuccessor")]
    NoSuccessor,

    /// <summary>Evaluating the action failed (a function applied outside its domain, a type error).</summary>
    [JsonStringEnumMemberName("undefined")]
    Undefined,
}

/// <summary>A conjunct that was false, with where it is written and the values of its parts.</summary>
/// <param name="Text">The conjunct as TLA+.</param>
/// <param name="Location">file:line:column.</param>
/// <param name="Values">Each part of the conjunct and its value.</param>
/// <param name="Inner">When the conjunct uses a definition (<c>Quorum(votes[n])</c>): the conjunct inside it that failed.</param>
public sealed record ConjunctInfo(string Text, string? Location, IReadOnlyDictionary<string, string> Values, ConjunctInfo? Inner = null);

/// <summary>A variable whose value in the spec's successor differs from what the trace observed.</summary>
/// <param name="Variable">The spec variable.</param>
/// <param name="Node">The node, for a per-node variable.</param>
/// <param name="Expected">The spec's value (TLA+).</param>
/// <param name="Observed">The trace's value (TLA+).</param>
public sealed record Mismatch(string Variable, string? Node, string Expected, string Observed);

/// <summary>Why one action (with its arguments) failed from one candidate state.</summary>
/// <param name="Action">The action.</param>
/// <param name="Args">Its arguments by parameter name (TLA+); free ones as <c>?</c> when no value was chosen.</param>
/// <param name="Reason">The kind of failure.</param>
/// <param name="Conjunct">For <see cref="FailureReason.Guard"/>: the conjunct.</param>
/// <param name="Mismatches">For <see cref="FailureReason.Observation"/>: the variables that differ in the closest successor.</param>
/// <param name="Error">For <see cref="FailureReason.Undefined"/>: the evaluation error.</param>
/// <param name="State">Which candidate state (index into <see cref="Divergence.States"/>).</param>
public sealed record CandidateFailure(string Action, IReadOnlyDictionary<string, string> Args, FailureReason Reason, ConjunctInfo? Conjunct,
    ImmutableArray<Mismatch> Mismatches, string? Error, int State);

/// <summary>The event a divergence is about.</summary>
/// <param name="Node">The node that took it.</param>
/// <param name="Seq">Its sequence number.</param>
/// <param name="Event">Its kind.</param>
/// <param name="Args">Its arguments as logged.</param>
public sealed record EventInfo(string Node, long Seq, string Event, IReadOnlyDictionary<string, JsonElement> Args);

/// <summary>
/// The first event of a trace the spec cannot take (<c>specula.divergence/v1</c>, docs/formats.md): where it is, how
/// much of the trace matched, the candidate states before it and, per candidate action, why it failed.
/// </summary>
/// <param name="Trace">The trace file.</param>
/// <param name="Line">Its line in the file.</param>
/// <param name="Index">1-based position of the event in the trace.</param>
/// <param name="Event">The event.</param>
/// <param name="MatchedPrefix">How many events before it matched.</param>
/// <param name="CandidateStates">How many spec states were consistent with the prefix.</param>
/// <param name="Summary">One plain-language sentence.</param>
/// <param name="States">A few candidate states, as TLA+.</param>
/// <param name="Candidates">Why each candidate failed.</param>
public sealed record Divergence(string Trace, int Line, int Index, EventInfo Event, int MatchedPrefix, int CandidateStates, string Summary,
    ImmutableArray<string> States, ImmutableArray<CandidateFailure> Candidates)
{
    /// <summary>The format's name and version.</summary>
    public string Schema { get; init; } = "specula.divergence/v1";
}

/// <summary>The verdict on one trace.</summary>
/// <param name="Trace">The trace's name.</param>
/// <param name="Path">Its file.</param>
/// <param name="Events">Events in it.</param>
/// <param name="Checked">Events mapped to actions or observations (the others are ignored by the map).</param>
/// <param name="Matched">Events matched before the first divergence (all of them when it conforms).</param>
/// <param name="Conforms">Whether the spec can produce the trace.</param>
/// <param name="Divergence">The first divergence, when it does not.</param>
/// <param name="MaxCandidates">The largest number of candidate states kept at once (a measure of how much the
/// trace leaves open).</param>
/// <param name="SilentSteps">Silent steps the spec had to take to explain the trace.</param>
/// <param name="Milliseconds">Time taken.</param>
public sealed record TraceVerdict(string Trace, string Path, int Events, int Checked, int Matched, bool Conforms, Divergence? Divergence,
    int MaxCandidates, int SilentSteps, long Milliseconds);

/// <summary>How often the spec accepted an action where the trace took it (SysMoBench's per-action conformance).</summary>
/// <param name="Action">The action.</param>
/// <param name="Observed">Events mapped to it.</param>
/// <param name="Accepted">Those the spec could take.</param>
public sealed record ActionConformance(string Action, int Observed, int Accepted)
{
    /// <summary>Accepted / observed, 1 when never observed.</summary>
    public double Rate => Observed == 0 ? 1 : (double)Accepted / Observed;
}

/// <summary>A problem that keeps validation from running at all: a bad map, spec or trace.</summary>
/// <param name="Code">Stable code (VAL1xx, or the code of the underlying reader).</param>
/// <param name="Message">What is wrong and what to do.</param>
/// <param name="Location">file:line:column when there is one.</param>
public sealed record ValidationDiagnostic(string Code, string Message, string? Location)
{
    /// <inheritdoc/>
    public override string ToString() => Location is null ? $"error {Code}: {Message}" : $"{Location}: error {Code}: {Message}";
}

/// <summary>The outcome of validating a set of traces against a spec.</summary>
/// <param name="Traces">Per trace.</param>
/// <param name="Actions">Per action, over all traces.</param>
/// <param name="Diagnostics">Problems that kept traces from being validated.</param>
public sealed record ValidationReport(ImmutableArray<TraceVerdict> Traces, ImmutableArray<ActionConformance> Actions, ImmutableArray<ValidationDiagnostic> Diagnostics)
{
    /// <summary>How many traces conform.</summary>
    public int Conforming => Traces.Count(t => t.Conforms);

    /// <summary>True when there was no problem and every trace conforms.</summary>
    public bool AllConform => Diagnostics.IsEmpty && Traces.Length > 0 && Traces.All(t => t.Conforms);

    /// <summary>The divergences, one per trace that does not conform.</summary>
    public IEnumerable<Divergence> Divergences => Traces.Where(t => t.Divergence is not null).Select(t => t.Divergence!);

    /// <summary>The report as JSON (camelCase; divergences in the <c>specula.divergence/v1</c> form).</summary>
    public string ToJson(bool indented = true) => JsonSerializer.Serialize(this, indented ? ValidationJson.Indented.ValidationReport : ValidationJson.Default.ValidationReport);
}

/// <summary>JSON of validation results.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(ValidationReport))]
[JsonSerializable(typeof(Divergence))]
internal sealed partial class ValidationJson : JsonSerializerContext
{
    /// <summary>The indented form.</summary>
    public static ValidationJson Indented { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
    });
}
