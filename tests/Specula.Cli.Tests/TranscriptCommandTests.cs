using System.Text.Json;

namespace Specula.Cli.Tests;

public sealed class TranscriptCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("specula-transcript-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The sample run the Reports tests render (3 rounds: divergences, repair diffs, a conforming verdict).</summary>
    internal static string SampleRun() => Path.Combine(Cli.RepositoryRoot, "tests", "Specula.Reports.Tests", "Data", "sample-run");

    internal static string CopyOfSampleRun(string into)
    {
        foreach (var file in Directory.EnumerateFiles(SampleRun(), "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(into, Path.GetRelativePath(SampleRun(), file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return into;
    }

    internal static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await SpeculaApp.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task A_run_prints_its_rounds_diffs_and_verdict_and_exits_zero()
    {
        var (code, output, error) = await Run("transcript", SampleRun());

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("── Round 2 · repair → check", output, StringComparison.Ordinal);
        Assert.Contains("+    /\\ m.mterm >= currentTerm[i]", output, StringComparison.Ordinal);
        Assert.Contains("failing conjunct m.mterm > currentTerm[i] at Raft.tla:26:8", output, StringComparison.Ordinal);
        Assert.Contains("verdict   conforming", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\e[", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_prints_the_digest()
    {
        var (code, output, _) = await Run("transcript", SampleRun(), "--json", "--round", "3");

        Assert.Equal(0, code);
        using var digest = JsonDocument.Parse(output);
        Assert.Equal("specula.transcript-digest/v1", digest.RootElement.GetProperty("schema").GetString());
        Assert.Equal("conforming", digest.RootElement.GetProperty("verdict").GetString());
        var round = Assert.Single(digest.RootElement.GetProperty("rounds").EnumerateArray());
        Assert.Equal(3, round.GetProperty("round").GetInt32());
        Assert.Equal("accept", round.GetProperty("decision").GetString());
    }

    [Fact]
    public async Task A_missing_folder_is_one_line_and_exit_two()
    {
        var (code, output, error) = await Run("transcript", Path.Combine(_dir, "nope"));

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"error: no run folder '{Path.Combine(_dir, "nope")}'.{Environment.NewLine}", error);
    }

    [Fact]
    public async Task A_folder_without_a_transcript_is_exit_two()
    {
        var (code, _, error) = await Run("transcript", _dir);

        Assert.Equal(2, code);
        Assert.StartsWith("error: no transcript at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_round_the_run_does_not_have_is_exit_two()
    {
        var (code, _, error) = await Run("transcript", SampleRun(), "--round", "7");

        Assert.Equal(2, code);
        Assert.Equal($"error: the run has no round 7 (its rounds: 1, 2, 3).{Environment.NewLine}", error);
    }

    [Fact]
    public async Task A_corrupt_line_is_a_warning_and_the_rest_is_shown()
    {
        var run = CopyOfSampleRun(Path.Combine(_dir, "run"));
        var transcript = Path.Combine(run, "transcript.jsonl");
        var lines = File.ReadAllLines(transcript);
        lines[4] = "{\"schema\":\"specula.transcript/v1\",broken";
        File.WriteAllLines(transcript, lines);

        var (code, output, error) = await Run("transcript", run, "--json");

        Assert.Equal(0, code);
        Assert.Contains("transcript.jsonl:5: error RPT1002", error, StringComparison.Ordinal);
        Assert.Equal(3, JsonDocument.Parse(output).RootElement.GetProperty("rounds").GetArrayLength());
    }
}
