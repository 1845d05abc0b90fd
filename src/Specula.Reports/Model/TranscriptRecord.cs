using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Specula.Reports.Model;

/// <summary>
/// One line of transcript.jsonl (<c>specula.transcript/v1</c>). <see cref="Data"/> stays JSON so a reader keeps
/// fields it does not know; the factories write it from the typed data records and <see cref="DataAs{T}"/> reads it back.
/// </summary>
/// <param name="Schema">Always <see cref="SchemaV1"/> for records this version writes.</param>
/// <param name="Seq">Position in the transcript, strictly increasing.</param>
/// <param name="Time">When the step happened.</param>
/// <param name="Round">The repair round (0 before the first).</param>
/// <param name="Phase">The phase the step belongs to.</param>
/// <param name="Kind">What the record tells; decides the shape of <see cref="Data"/>.</param>
/// <param name="Data">The kind's data, as docs/formats.md lists it.</param>
public sealed record TranscriptRecord(string Schema, long Seq, DateTimeOffset Time, int Round, string Phase, TranscriptKind Kind, JsonElement Data)
{
    /// <summary>The schema this version reads and writes.</summary>
    public const string SchemaV1 = "specula.transcript/v1";

    /// <summary>A record of any kind from its data; the typed factories below are the usual way in.</summary>
    public static TranscriptRecord Create<T>(long seq, DateTimeOffset time, int round, string phase, TranscriptKind kind, T data, JsonTypeInfo<T> typeInfo)
        => new(SchemaV1, seq, time, round, phase, kind, JsonSerializer.SerializeToElement(data, typeInfo));

    /// <summary>The run began.</summary>
    public static TranscriptRecord RunStarted(long seq, DateTimeOffset time, int round, string phase, string runId, RunTarget target, ReasonerInfo reasoner, RunBudget budget)
        => Create(seq, time, round, phase, TranscriptKind.RunStarted, new RunStartedData(runId, target, reasoner, budget), ReportsJsonContext.Default.RunStartedData);

    /// <summary>A phase began; <paramref name="phase"/> is both the record's phase and the data's.</summary>
    public static TranscriptRecord PhaseStarted(long seq, DateTimeOffset time, int round, string phase, string goal)
        => Create(seq, time, round, phase, TranscriptKind.PhaseStarted, new PhaseStartedData(phase, goal), ReportsJsonContext.Default.PhaseStartedData);

    /// <summary>A phase ended.</summary>
    public static TranscriptRecord PhaseEnded(long seq, DateTimeOffset time, int round, string phase, string outcome)
        => Create(seq, time, round, phase, TranscriptKind.PhaseEnded, new PhaseEndedData(phase, outcome), ReportsJsonContext.Default.PhaseEndedData);

    /// <summary>A chat message.</summary>
    public static TranscriptRecord Message(long seq, DateTimeOffset time, int round, string phase, MessageRole role, string content, long? promptTokens = null, long? completionTokens = null)
        => Create(seq, time, round, phase, TranscriptKind.Message, new MessageData(role, content, promptTokens, completionTokens), ReportsJsonContext.Default.MessageData);

    /// <summary>A tool call; <paramref name="arguments"/> must be a JSON object.</summary>
    public static TranscriptRecord ToolCall(long seq, DateTimeOffset time, int round, string phase, string id, string plugin, string function, JsonElement arguments)
        => Create(seq, time, round, phase, TranscriptKind.ToolCall, new ToolCallData(id, plugin, function, arguments), ReportsJsonContext.Default.ToolCallData);

    /// <summary>A tool's answer: <paramref name="result"/> when it worked, <paramref name="error"/> when not.</summary>
    public static TranscriptRecord ToolResult(long seq, DateTimeOffset time, int round, string phase, string id, bool ok, JsonElement? result, string? error, double milliseconds)
        => Create(seq, time, round, phase, TranscriptKind.ToolResult, new ToolResultData(id, ok, milliseconds, result, error), ReportsJsonContext.Default.ToolResultData);

    /// <summary>A check ran.</summary>
    public static TranscriptRecord Check(long seq, DateTimeOffset time, int round, string phase, CheckKind check, bool ok, string summary, JsonElement? details = null)
        => Create(seq, time, round, phase, TranscriptKind.Check, new CheckData(check, ok, summary, details), ReportsJsonContext.Default.CheckData);

    /// <summary>A validation ran: the details hold the trace counts and the divergences as validation wrote them.</summary>
    public static TranscriptRecord Validation(long seq, DateTimeOffset time, int round, string phase, string summary, ValidateDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var element = JsonSerializer.SerializeToElement(details, ReportsJsonContext.Default.ValidateDetails);
        return Check(seq, time, round, phase, CheckKind.Validate, details.Conforming == details.Traces, summary, element);
    }

    /// <summary>A spec file changed.</summary>
    public static TranscriptRecord SpecDiff(long seq, DateTimeOffset time, int round, string phase, string file, string? beforeHash, string? afterHash, string diff)
        => Create(seq, time, round, phase, TranscriptKind.SpecDiff, new SpecDiffData(file, diff, beforeHash, afterHash), ReportsJsonContext.Default.SpecDiffData);

    /// <summary>A gate decided.</summary>
    public static TranscriptRecord Decision(long seq, DateTimeOffset time, int round, string phase, DecisionKind decision, string reason, string? gate = null)
        => Create(seq, time, round, phase, TranscriptKind.Decision, new DecisionData(decision, reason, gate), ReportsJsonContext.Default.DecisionData);

    /// <summary>Running cost totals.</summary>
    public static TranscriptRecord Cost(long seq, DateTimeOffset time, int round, string phase, CostTotals totals)
        => Create(seq, time, round, phase, TranscriptKind.Cost, totals, ReportsJsonContext.Default.CostTotals);

    /// <summary>The run ended.</summary>
    public static TranscriptRecord RunEnded(long seq, DateTimeOffset time, int round, string phase, VerdictStatus verdict, string? reason)
        => Create(seq, time, round, phase, TranscriptKind.RunEnded, new RunEndedData(verdict, reason), ReportsJsonContext.Default.RunEndedData);

    /// <summary>
    /// The data read as <typeparamref name="T"/> (e.g. <c>ReportsJsonContext.Default.ToolCallData</c>); null when
    /// it does not have that shape, which a reader treats as a broken record, not a crash.
    /// </summary>
    public T? DataAs<T>(JsonTypeInfo<T> typeInfo)
        where T : class
    {
        try
        {
            return Data.Deserialize(typeInfo);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The record as one JSON line, without the newline.</summary>
    public string ToJsonLine() => JsonSerializer.Serialize(this, ReportsJson.Files.TranscriptRecord);
}
