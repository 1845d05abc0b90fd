using System.Text.Json;
using Specula.Reports.Model;

namespace Specula.Agents.Runs;

/// <summary>
/// Writes the run's transcript: every record stamped with the run's clock, the current round and phase. The
/// writer redacts secrets from each line before it reaches the disk.
/// </summary>
public sealed class RunRecorder(TranscriptWriter writer, TimeProvider clock)
{
    /// <summary>The round records are stamped with.</summary>
    public int Round { get; set; }

    /// <summary>The phase records are stamped with.</summary>
    public string Phase { get; set; } = "start";

    /// <summary>Appends a record built by one of <see cref="TranscriptRecord"/>'s factories.</summary>
    public TranscriptRecord Append(Func<long, DateTimeOffset, int, string, TranscriptRecord> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        return writer.Append(seq => create(seq, clock.GetUtcNow(), Round, Phase));
    }

    /// <summary>Records a message.</summary>
    public void Message(MessageRole role, string content, long? prompt = null, long? completion = null) =>
        Append((s, t, r, p) => TranscriptRecord.Message(s, t, r, p, role, content, prompt, completion));

    /// <summary>Records a decision.</summary>
    public void Decision(DecisionKind decision, string reason, string? gate = null) =>
        Append((s, t, r, p) => TranscriptRecord.Decision(s, t, r, p, decision, reason, gate));

    /// <summary>Records a spec change.</summary>
    public void SpecDiff(SpecChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Append((s, t, r, p) => TranscriptRecord.SpecDiff(s, t, r, p, change.File, change.BeforeHash, change.AfterHash, change.Diff));
    }

    /// <summary>Records a check with its structured details.</summary>
    public void Check(CheckKind kind, bool ok, string summary, JsonElement? details) =>
        Append((s, t, r, p) => TranscriptRecord.Check(s, t, r, p, kind, ok, summary, details));

    /// <summary>Records the running cost totals.</summary>
    public void Cost(CostTotals totals) => Append((s, t, r, p) => TranscriptRecord.Cost(s, t, r, p, totals));
}
