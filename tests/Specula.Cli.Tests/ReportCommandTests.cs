namespace Specula.Cli.Tests;

public sealed class ReportCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("specula-report-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task The_report_is_written_into_the_run_folder_by_default()
    {
        var run = TranscriptCommandTests.CopyOfSampleRun(Path.Combine(_dir, "run"));

        var (code, output, error) = await TranscriptCommandTests.Run("report", run);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        var path = Path.Combine(run, "report.html");
        Assert.Equal($"Wrote {path} (conforming).{Environment.NewLine}", output);
        var html = await File.ReadAllTextAsync(path);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("The model of raft matches all 20 recorded runs", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Html_chooses_where_the_report_goes()
    {
        var path = Path.Combine(_dir, "out", "r.html");

        var (code, _, _) = await TranscriptCommandTests.Run("report", TranscriptCommandTests.SampleRun(), "--html", path);

        Assert.Equal(0, code);
        Assert.Contains("<span class=\"badge ok\" id=\"verdict\">conforming</span>", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_with_nothing_to_report_is_exit_two()
    {
        var (code, _, error) = await TranscriptCommandTests.Run("report", _dir);

        Assert.Equal(2, code);
        Assert.Equal($"error: '{_dir}' holds no transcript.jsonl and no report.json: is it a run folder?{Environment.NewLine}", error);
    }

    [Fact]
    public async Task A_report_of_an_unknown_version_is_exit_two_with_the_reason()
    {
        var run = TranscriptCommandTests.CopyOfSampleRun(Path.Combine(_dir, "run"));
        var report = Path.Combine(run, "report.json");
        await File.WriteAllTextAsync(report, (await File.ReadAllTextAsync(report)).Replace("specula.report/v1", "specula.report/v7", StringComparison.Ordinal));

        var (code, _, error) = await TranscriptCommandTests.Run("report", run);

        Assert.Equal(2, code);
        Assert.Equal($"error: {report}: schema 'specula.report/v7' is not known; this version reads 'specula.report/v1'.{Environment.NewLine}", error);
    }
}
