using System.Text.Json;
using Specula.Reports.Model;

namespace Specula.Reports.Rendering;

/// <summary>Why a run folder cannot be shown at all.</summary>
/// <param name="Message">One line for the user.</param>
public abstract record RunLoadError(string Message);

/// <summary>The run folder does not exist.</summary>
public sealed record RunFolderMissing(string Folder) : RunLoadError($"no run folder '{Folder}'.");

/// <summary>The folder holds neither a transcript nor a report.</summary>
public sealed record NothingToShow(string Folder) : RunLoadError($"'{Folder}' holds no transcript.jsonl and no report.json: is it a run folder?");

/// <summary>The transcript the command needs is missing.</summary>
public sealed record TranscriptMissing(string Path) : RunLoadError($"no transcript at '{Path}'.");

/// <summary>report.json exists but cannot be read.</summary>
public sealed record ReportUnreadable(FileError Error) : RunLoadError(Error.Message);

/// <summary>A check as the reports show it.</summary>
public sealed record CheckView(CheckKind Check, bool Ok, string Summary, int? Traces, int? Conforming, IReadOnlyList<DivergenceView> Divergences);

/// <summary>A tool call paired with its result (null while it has none, e.g. in a killed run).</summary>
public sealed record ToolCallView(int Round, string Phase, string Id, string Plugin, string Function, JsonElement Arguments, ToolResultData? Result)
{
    /// <summary><c>plugin.function</c>.</summary>
    public string Name => $"{Plugin}.{Function}";
}

/// <summary>One round of the run: what was checked, what diverged, what changed and what was decided.</summary>
public sealed record RoundView(
    int Round,
    IReadOnlyList<string> Phases,
    IReadOnlyList<CheckView> Checks,
    IReadOnlyList<SpecDiffView> Diffs,
    IReadOnlyList<ToolCallView> ToolCalls,
    IReadOnlyList<MessageData> Messages,
    DecisionData? Decision,
    RoundSummary? Summary)
{
    /// <summary>Every divergence of the round's validations.</summary>
    public IReadOnlyList<DivergenceView> Divergences => [.. Checks.SelectMany(c => c.Divergences)];
}

/// <summary>
/// A run folder read for display: the transcript (when there is one), report.json (when there is one) and the
/// spec saved after each round. Both renderers work from this one view, so terminal and HTML tell the same story.
/// </summary>
public sealed record RunView(
    RunFolder Folder,
    RunStartedData? Started,
    RunReport? Report,
    IReadOnlyList<RoundView> Rounds,
    IReadOnlyList<ToolCallView> ToolCalls,
    CostTotals? Cost,
    RunEndedData? Ended,
    IReadOnlyList<TranscriptDiagnostic> Diagnostics)
{
    /// <summary>The verdict: the report's when there is one, else the transcript's last word; null while running.</summary>
    public VerdictStatus? Status => Report?.Verdict.Status ?? Ended?.Verdict;

    /// <summary>What was modelled, from the transcript or the report.</summary>
    public RunTarget? Target => Started?.Target ?? Report?.Target;

    /// <summary>The cost: the last running total of the transcript, else the report's.</summary>
    public CostTotals? FinalCost => Cost ?? Report?.Cost;

    /// <summary>Reads <paramref name="folder"/>; <paramref name="requireTranscript"/> makes a missing transcript an error.</summary>
    public static (RunView? View, RunLoadError? Error) Load(string folder, bool requireTranscript)
    {
        var run = new RunFolder(folder);
        if (!run.Exists)
        {
            return (null, new RunFolderMissing(folder));
        }
        var hasTranscript = File.Exists(run.Transcript);
        var hasReport = File.Exists(run.ReportJson);
        if (requireTranscript && !hasTranscript)
        {
            return (null, new TranscriptMissing(run.Transcript));
        }
        if (!hasTranscript && !hasReport)
        {
            return (null, new NothingToShow(folder));
        }
        RunReport? report = null;
        if (hasReport)
        {
            var read = RunReport.Read(run.ReportJson);
            if (!read.IsOk)
            {
                return (null, new ReportUnreadable(read.Error!));
            }
            report = read.Value;
        }
        var transcript = hasTranscript ? TranscriptReader.Read(run.Transcript) : new TranscriptReadResult([], []);
        return (Build(run, transcript, report), null);
    }

    private static RunView Build(RunFolder run, TranscriptReadResult transcript, RunReport? report)
    {
        RunStartedData? started = null;
        RunEndedData? ended = null;
        CostTotals? cost = null;
        var calls = new List<ToolCallView>();
        var results = new Dictionary<string, ToolResultData>(StringComparer.Ordinal);
        var rounds = new SortedDictionary<int, RoundBuilder>();
        RoundBuilder For(int round)
        {
            if (!rounds.TryGetValue(round, out var builder))
            {
                rounds[round] = builder = new RoundBuilder();
            }
            return builder;
        }

        var context = ReportsJsonContext.Default;
        foreach (var record in transcript.Records)
        {
            switch (record.Kind)
            {
                case TranscriptKind.RunStarted:
                    started ??= record.DataAs(context.RunStartedData);
                    break;
                case TranscriptKind.PhaseStarted:
                    var round = For(record.Round);
                    if (!round.Phases.Contains(record.Phase))
                    {
                        round.Phases.Add(record.Phase);
                    }
                    break;
                case TranscriptKind.Message when record.DataAs(context.MessageData) is { } message:
                    For(record.Round).Messages.Add(message);
                    break;
                case TranscriptKind.ToolCall when record.DataAs(context.ToolCallData) is { } call:
                    var view = new ToolCallView(record.Round, record.Phase, call.Id, call.Plugin, call.Function, call.Arguments, null);
                    calls.Add(view);
                    For(record.Round).ToolCalls.Add(view);
                    break;
                case TranscriptKind.ToolResult when record.DataAs(context.ToolResultData) is { } result:
                    results[result.Id] = result;
                    break;
                case TranscriptKind.Check when record.DataAs(context.CheckData) is { } check:
                    For(record.Round).Checks.Add(ToView(check));
                    break;
                case TranscriptKind.SpecDiff when record.DataAs(context.SpecDiffData) is { } diff:
                    For(record.Round).TranscriptDiffs.Add(SpecDiffView.Parse(diff.File, diff.Diff));
                    break;
                case TranscriptKind.Decision when record.DataAs(context.DecisionData) is { } decision:
                    For(record.Round).Decision = decision;
                    break;
                case TranscriptKind.Cost when record.DataAs(context.CostTotals) is { } totals:
                    cost = totals;
                    break;
                case TranscriptKind.RunEnded when record.DataAs(context.RunEndedData) is { } end:
                    ended = end;
                    break;
                default:
                    break;
            }
        }

        ToolCallView Pair(ToolCallView call) => results.TryGetValue(call.Id, out var r) ? call with { Result = r } : call;
        foreach (var summary in report?.Rounds ?? [])
        {
            For(summary.Round).Summary = summary;
        }
        var saved = run.SavedRounds().ToList();
        foreach (var n in saved)
        {
            For(n);
        }
        var roundViews = rounds
            .Where(r => r.Key > 0 || r.Value.HasContent)
            .Select(r => new RoundView(
                r.Key,
                r.Value.Phases,
                r.Value.Checks,
                SavedDiffs(run, saved, r.Key) ?? r.Value.TranscriptDiffs,
                [.. r.Value.ToolCalls.Select(Pair)],
                r.Value.Messages,
                r.Value.Decision,
                r.Value.Summary))
            .ToList();
        return new RunView(run, started, report, roundViews, [.. calls.Select(Pair)], cost, ended, transcript.Diagnostics);
    }

    /// <summary>The diff between the spec saved after the previous round and after this one; null when either is missing.</summary>
    private static List<SpecDiffView>? SavedDiffs(RunFolder run, List<int> saved, int round)
    {
        var index = saved.IndexOf(round);
        if (index <= 0)
        {
            return null;
        }
        var before = run.SpecRound(saved[index - 1]);
        var after = run.SpecRound(round);
        var files = Directory.EnumerateFiles(before).Concat(Directory.EnumerateFiles(after))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var diffs = new List<SpecDiffView>();
        foreach (var file in files)
        {
            var oldText = ReadOrEmpty(Path.Combine(before, file));
            var newText = ReadOrEmpty(Path.Combine(after, file));
            if (!string.Equals(oldText, newText, StringComparison.Ordinal))
            {
                diffs.Add(SpecDiffView.Compute(file, oldText, newText));
            }
        }
        return diffs;
    }

    private static string ReadOrEmpty(string path) => File.Exists(path) ? File.ReadAllText(path) : "";

    private static CheckView ToView(CheckData check)
    {
        int? traces = null, conforming = null;
        var divergences = new List<DivergenceView>();
        if (check.Check == CheckKind.Validate && check.Details is { ValueKind: JsonValueKind.Object } details)
        {
            traces = DivergenceView.Int(details, "traces");
            conforming = DivergenceView.Int(details, "conforming");
            if (DivergenceView.Property(details, "divergences") is { ValueKind: JsonValueKind.Array } list)
            {
                divergences.AddRange(list.EnumerateArray().Select(DivergenceView.From));
            }
        }
        return new CheckView(check.Check, check.Ok, check.Summary, traces, conforming, divergences);
    }

    private sealed class RoundBuilder
    {
        public List<string> Phases { get; } = [];
        public List<CheckView> Checks { get; } = [];
        public List<SpecDiffView> TranscriptDiffs { get; } = [];
        public List<ToolCallView> ToolCalls { get; } = [];
        public List<MessageData> Messages { get; } = [];
        public DecisionData? Decision { get; set; }
        public RoundSummary? Summary { get; set; }

        public bool HasContent => Checks.Count > 0 || TranscriptDiffs.Count > 0 || ToolCalls.Count > 0 || Decision is not null;
    }
}
