using System.Globalization;

namespace Specula.Reports.Model;

/// <summary>The layout of a run folder (docs/formats.md, "Run folder"): one place that knows the file names.</summary>
/// <param name="Root">The run folder.</param>
public sealed record RunFolder(string Root)
{
    /// <summary>The checkpoint, <see cref="RunState"/>.</summary>
    public string RunJson => Path.Combine(Root, "run.json");

    /// <summary>The transcript, one <see cref="TranscriptRecord"/> a line.</summary>
    public string Transcript => Path.Combine(Root, "transcript.jsonl");

    /// <summary>The current spec folder.</summary>
    public string Spec => Path.Combine(Root, "spec");

    /// <summary>The folder holding one spec folder per finished round.</summary>
    public string SpecRounds => Path.Combine(Root, "spec.rounds");

    /// <summary>The recorded traces.</summary>
    public string Traces => Path.Combine(Root, "traces");

    /// <summary>The machine-readable report, <see cref="RunReport"/>.</summary>
    public string ReportJson => Path.Combine(Root, "report.json");

    /// <summary>Where <c>specula report</c> writes the HTML report by default.</summary>
    public string ReportHtml => Path.Combine(Root, "report.html");

    /// <summary>The spec folder as it was after round <paramref name="round"/>.</summary>
    public string SpecRound(int round) => Path.Combine(SpecRounds, round.ToString(CultureInfo.InvariantCulture));

    /// <summary>Whether the run folder exists.</summary>
    public bool Exists => Directory.Exists(Root);

    /// <summary>Creates the folder and its subfolders (spec, spec.rounds, traces) when missing.</summary>
    public void Create()
    {
        Directory.CreateDirectory(Spec);
        Directory.CreateDirectory(SpecRounds);
        Directory.CreateDirectory(Traces);
    }

    /// <summary>The rounds that have a saved spec folder, in order.</summary>
    public IReadOnlyList<int> SavedRounds()
    {
        if (!Directory.Exists(SpecRounds))
        {
            return [];
        }
        return [.. Directory.EnumerateDirectories(SpecRounds)
            .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)
            .Where(n => n >= 0)
            .Order()];
    }
}
