using Specula.Reports.Model;
using Specula.Reports.Rendering;

namespace Specula.Reports.Tests;

public class TerminalRendererTests
{
    private static RunView Sample()
    {
        var (view, error) = RunView.Load(TestFiles.SampleRun, requireTranscript: true);
        Assert.Null(error);
        return view!;
    }

    private static string Render(RunView run, int? round = null, bool color = false)
    {
        using var writer = new StringWriter();
        var console = TerminalRenderer.CreateConsole(writer, color);
        Assert.True(TerminalRenderer.Render(run, console, round));
        return writer.ToString();
    }

    [Fact]
    public void The_whole_run_reads_as_a_timeline()
    {
        Snapshot.Match(Render(Sample()), "transcript-sample-run.txt");
    }

    [Fact]
    public void One_round_is_shown_in_full()
    {
        Snapshot.Match(Render(Sample(), round: 1), "transcript-sample-run-round-1.txt");
    }

    [Fact]
    public void Diff_lines_are_coloured_in_a_terminal()
    {
        var text = Render(Sample(), round: 2, color: true);

        Assert.Matches(@"\e\[3[0-9]m\+    /\\ m\.mterm >= currentTerm\[i\]", text);
        Assert.Matches(@"\e\[(3|9)[0-9]m-    /\\ m\.mterm > currentTerm\[i\]", text);
        Assert.DoesNotMatch(@"\e\[[0-9;]*m     /\\ currentTerm' = \[currentTerm EXCEPT !\[i\] = m\.mterm\]", text.Replace("\e[90m", "", StringComparison.Ordinal));
    }

    [Fact]
    public void A_round_that_does_not_exist_prints_nothing()
    {
        using var writer = new StringWriter();

        Assert.False(TerminalRenderer.Render(Sample(), TerminalRenderer.CreateConsole(writer, color: false), round: 9));
        Assert.Equal("", writer.ToString());
    }

    [Fact]
    public void The_digest_lists_rounds_checks_diffs_and_the_verdict()
    {
        Snapshot.Match(TranscriptDigest.From(Sample()).ToJson() + "\n", "transcript-sample-run-digest.json");
    }

    [Fact]
    public void A_killed_run_still_renders_with_a_warning_and_no_verdict()
    {
        var folder = TestFiles.CopyOfSampleRun();
        File.Delete(Path.Combine(folder, "report.json"));
        var lines = File.ReadAllLines(Path.Combine(folder, "transcript.jsonl"));
        File.WriteAllText(Path.Combine(folder, "transcript.jsonl"), string.Join("\n", lines.Take(20)) + "\n" + lines[20][..30]);

        var (view, error) = RunView.Load(folder, requireTranscript: true);
        Assert.Null(error);
        var text = Render(view!);

        Assert.Contains("warning RPT1001", text, StringComparison.Ordinal);
        Assert.Contains("verdict   running (no verdict yet)", text, StringComparison.Ordinal);
        Assert.Contains("Round 2", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_folder_and_missing_transcript_are_load_errors()
    {
        Assert.IsType<RunFolderMissing>(RunView.Load("/nonexistent/run", requireTranscript: true).Error);
        var folder = TestFiles.CopyOfSampleRun();
        File.Delete(Path.Combine(folder, "transcript.jsonl"));
        Assert.IsType<TranscriptMissing>(RunView.Load(folder, requireTranscript: true).Error);
        Assert.NotNull(RunView.Load(folder, requireTranscript: false).View);
    }
}

public class SpecDiffViewTests
{
    [Fact]
    public void DiffPlex_hunks_match_the_unified_diff_the_transcript_carries()
    {
        var rounds = new RunFolder(TestFiles.SampleRun);
        var before = File.ReadAllText(Path.Combine(rounds.SpecRound(2), "Raft.tla"));
        var after = File.ReadAllText(Path.Combine(rounds.SpecRound(3), "Raft.tla"));
        var recorded = TranscriptReader.Read(rounds.Transcript).Records
            .Where(r => r.Kind == TranscriptKind.SpecDiff && r.Round == 3)
            .Select(r => r.DataAs(ReportsJsonContext.Default.SpecDiffData)!)
            .Single();

        var computed = SpecDiffView.Compute("Raft.tla", before, after);

        Assert.Equal(SpecDiffView.Parse("Raft.tla", recorded.Diff).Lines, computed.Lines);
        Assert.Equal((2, 1), (computed.Added, computed.Removed));
    }

    [Fact]
    public void Far_apart_changes_make_separate_hunks()
    {
        var before = string.Join("\n", Enumerable.Range(1, 30).Select(i => $"line {i}"));
        var after = before.Replace("line 2\n", "line two\n", StringComparison.Ordinal).Replace("line 28\n", "", StringComparison.Ordinal);

        var diff = SpecDiffView.Compute("f", before, after);

        Assert.Equal(["@@ -1,5 +1,5 @@", "@@ -25,6 +25,5 @@"], diff.Lines.Where(l => l.Kind == DiffLineKind.Hunk).Select(l => l.Text));
    }
}
