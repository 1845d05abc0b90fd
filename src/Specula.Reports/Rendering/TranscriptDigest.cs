using System.Text.Json;
using System.Text.Json.Serialization;
using Specula.Reports.Model;

namespace Specula.Reports.Rendering;

/// <summary>
/// What <c>specula transcript --json</c> prints (<c>specula.transcript-digest/v1</c>): rounds, checks, divergences,
/// diffs and the verdict, for scripts that would otherwise parse the terminal output.
/// </summary>
public sealed record TranscriptDigest(
    string Schema,
    string? RunId,
    RunTarget? Target,
    IReadOnlyList<DigestRound> Rounds,
    CostTotals? Cost,
    VerdictStatus? Verdict,
    string? VerdictSummary,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The schema of the digest.</summary>
    public const string SchemaV1 = "specula.transcript-digest/v1";

    /// <summary>The digest of <paramref name="run"/>, or of its round <paramref name="round"/> alone.</summary>
    public static TranscriptDigest From(RunView run, int? round = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var rounds = run.Rounds
            .Where(r => round is null || r.Round == round)
            .Select(r => new DigestRound(
                r.Round,
                r.Phases,
                [.. r.Checks.Select(c => new DigestCheck(c.Check, c.Ok, c.Summary, c.Traces, c.Conforming))],
                [.. r.Divergences.Select(d => new DigestDivergence(d.Trace, d.Line, d.Summary, d.Main?.Action, d.Main?.Conjunct, d.Main?.Location))],
                [.. r.Diffs.Select(d => new DigestDiff(d.File, d.Added, d.Removed, string.Join("\n", d.Lines.Select(l => l.Unified))))],
                [.. r.ToolCalls.Select(t => new DigestToolCall(t.Name, t.Result?.Ok, t.Result?.Error, t.Result?.Milliseconds))],
                r.Decision?.Decision,
                r.Decision?.Reason))
            .ToList();
        return new TranscriptDigest(SchemaV1, run.Started?.RunId, run.Target, rounds, run.FinalCost, run.Status,
            run.Report?.Verdict.Summary ?? run.Ended?.Reason, [.. run.Diagnostics.Select(d => d.ToString())]);
    }

    /// <summary>The digest as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, DigestJson.Indented.TranscriptDigest);
}

/// <summary>One round of the digest.</summary>
public sealed record DigestRound(
    int Round,
    IReadOnlyList<string> Phases,
    IReadOnlyList<DigestCheck> Checks,
    IReadOnlyList<DigestDivergence> Divergences,
    IReadOnlyList<DigestDiff> Diffs,
    IReadOnlyList<DigestToolCall> ToolCalls,
    DecisionKind? Decision,
    string? DecisionReason);

/// <summary>A check of the digest.</summary>
public sealed record DigestCheck(CheckKind Check, bool Ok, string Summary, int? Traces, int? Conforming);

/// <summary>A divergence of the digest: where, and the failing conjunct when one failed.</summary>
public sealed record DigestDivergence(string? Trace, int? Line, string Summary, string? Action, string? Conjunct, string? Location);

/// <summary>A spec diff of the digest, as a unified diff.</summary>
public sealed record DigestDiff(string File, int Added, int Removed, string Diff);

/// <summary>A tool call of the digest (<c>ok</c> null: no result recorded).</summary>
public sealed record DigestToolCall(string Tool, bool? Ok, string? Error, double? Milliseconds);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(TranscriptDigest))]
internal sealed partial class DigestJsonContext : JsonSerializerContext;

// Apart from the context so it initializes after DigestJsonContext.Default.
internal static class DigestJson
{
    public static DigestJsonContext Indented { get; } = new(new JsonSerializerOptions(DigestJsonContext.Default.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
