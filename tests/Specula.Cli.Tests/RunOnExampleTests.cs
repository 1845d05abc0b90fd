using System.Diagnostics;
using System.Text.Json;
using Specula.Reports.Model;
using static Specula.Cli.Tests.Cli;

namespace Specula.Cli.Tests;

/// <summary>One uninterrupted <c>specula run</c> of the two-phase commit example, shared by the tests that compare with it.</summary>
public sealed class TwoPhaseCommitRun : IAsyncLifetime
{
    /// <summary>The example target.</summary>
    public static string Target => Path.Combine(RepositoryRoot, "examples", "twopc-python");

    /// <summary>Arguments every run of the example takes besides the target and --out.</summary>
    public static string[] Options => ["--sandbox", "process", "--max-states", "5000"];

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "specula-run-example-" + Guid.NewGuid().ToString("N")[..12]);

    public (int Code, string Out, string Err) Result { get; private set; }

    public async Task InitializeAsync() => Result = await Run(["run", Target, "--out", Folder, .. Options]);

    public Task DisposeAsync()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
        return Task.CompletedTask;
    }
}

/// <summary>
/// <c>specula run</c> on a real example target with no LLM: the synthesizer runs the target's workloads (a local
/// process here; the Docker sandbox is tested in Specula.Sandboxes.Tests), synthesizes a spec from what it observed,
/// and the run's own checks find it conforming; killed with SIGKILL halfway, it resumes to the same end.
/// </summary>
public sealed class RunOnExampleTests(TwoPhaseCommitRun run) : IClassFixture<TwoPhaseCommitRun>, IDisposable
{
    private readonly string _killed = Path.Combine(Path.GetTempPath(), "specula-run-killed-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public void The_two_phase_commit_example_goes_from_code_to_a_conforming_spec_without_a_model()
    {
        var (code, stdout, stderr) = run.Result;

        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("warning: --sandbox process runs the target as a local process with no isolation.", stderr);
        var report = RunReport.Read(Path.Combine(run.Folder, "report.json")).Value!;
        Assert.Equal(VerdictStatus.Conforming, report.Verdict.Status);
        // Two workloads of three seeds each, all observed and all conforming.
        Assert.Equal(6, Directory.GetFiles(Path.Combine(run.Folder, "traces"), "*.ndjson").Length);
        Assert.Equal(6, report.Conformance.Conforming);
        Assert.All(report.Conformance.Actions, a => Assert.Equal(a.Observed, a.Accepted));
        Assert.Contains(report.Conformance.Actions, a => a.Action == "Prepare" && a.Observed > 0);
        Assert.True(report.ModelChecking.Ok);
        Assert.Contains(report.ModelChecking.Invariants, i => i.Name == "TypeOK" && i.Holds);
        var call = Assert.Single(Records(run.Folder), r => r.GetProperty("kind").GetString() == "toolCall");
        Assert.Equal("run_workload", call.GetProperty("data").GetProperty("function").GetString());
        Assert.Equal("draft", call.GetProperty("phase").GetString());
        // Every action of the spec cites the code that emits its event.
        Assert.Contains("twopc.py:", File.ReadAllText(Path.Combine(run.Folder, "spec", "TwopcPython.tla")));
    }

    [Fact]
    public async Task A_run_killed_with_sigkill_resumes_to_the_same_verdict_and_spec_and_loses_no_transcript_record()
    {
        // Killed in the middle of the draft round, while the sandbox runs the workloads (seconds of work, so the kill
        // lands there however loaded the machine is): the tool call is transcribed, its result never is.
        var transcript = Path.Combine(_killed, "transcript.jsonl");
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "specula"), ["run", TwoPhaseCommitRun.Target, "--out", _killed, .. TwoPhaseCommitRun.Options])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using (var process = Process.Start(info)!)
        {
            var deadline = DateTime.UtcNow.AddMinutes(5);
            while (!process.HasExited && DateTime.UtcNow < deadline
                   && !(File.Exists(transcript) && File.ReadAllText(transcript).Contains("\"kind\":\"toolCall\"", StringComparison.Ordinal)))
            {
                await Task.Delay(50);
            }
            if (process.HasExited)
            {
                Assert.Fail("the run ended before it could be killed: " + await process.StandardError.ReadToEndAsync());
            }
            process.Kill();
            await process.WaitForExitAsync();
        }
        Assert.Equal("running", JsonDocument.Parse(File.ReadAllText(Path.Combine(_killed, "run.json"))).RootElement.GetProperty("state").GetString());
        var beforeResume = File.ReadAllLines(transcript).Where(l => l.EndsWith('}')).ToList();

        var (code, stdout, stderr) = await Run(["run", "--resume", _killed, .. TwoPhaseCommitRun.Options]);

        Assert.Equal(run.Result.Code, code);
        Assert.True(code == 0, stdout + stderr);
        var resumed = RunReport.Read(Path.Combine(_killed, "report.json")).Value!;
        var uninterrupted = RunReport.Read(Path.Combine(run.Folder, "report.json")).Value!;
        Assert.Equal(uninterrupted.Verdict.Status, resumed.Verdict.Status);
        Assert.Equal(uninterrupted.Spec.Hash, resumed.Spec.Hash);
        // Every record written before the kill is still there, in order, and numbering goes on without a gap.
        var after = File.ReadAllLines(transcript).Where(l => l.Length > 0).ToList();
        Assert.Equal(beforeResume, after.Take(beforeResume.Count).Where(l => l.EndsWith('}')));
        var seqs = Records(_killed).Select(r => r.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
        Assert.Contains(Records(_killed), r => r.GetProperty("kind").GetString() == "decision"
            && r.GetProperty("data").GetProperty("reason").GetString()!.StartsWith("resumed from the checkpoint", StringComparison.Ordinal));
        // The interrupted call stays in the transcript without a result; the resumed draft calls the sandbox again.
        Assert.Equal(2, Records(_killed).Count(r => r.GetProperty("kind").GetString() == "toolCall"));
        Assert.Single(Records(_killed), r => r.GetProperty("kind").GetString() == "toolResult");
    }

    private static List<JsonElement> Records(string folder) =>
        [.. File.ReadAllLines(Path.Combine(folder, "transcript.jsonl")).Where(l => l.EndsWith('}')).Select(l => JsonDocument.Parse(l).RootElement)];

    public void Dispose()
    {
        if (Directory.Exists(_killed))
        {
            Directory.Delete(_killed, recursive: true);
        }
    }
}
