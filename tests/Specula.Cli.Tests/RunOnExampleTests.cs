using System.Diagnostics;
using System.Text.Json;
using Specula.Reports.Model;
using Specula.Testing.Chat;
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

    [Fact]
    public async Task A_scripted_model_drafts_a_textbook_spec_collects_traces_sees_the_divergence_repairs_and_conforms()
    {
        // The model's spec folder is the synthesizer's, but its first draft recites the textbook protocol, in which
        // processes never crash: the coordinator-crash traces diverge at their Crash event until the repair.
        var spec = Path.Combine(run.Folder, "spec");
        var module = File.ReadAllText(Path.Combine(spec, "TwopcPython.tla"));
        const string CrashGuard = "CanCrash(n) ==\n    TRUE\n";
        Assert.Contains(CrashGuard, module, StringComparison.Ordinal);
        var textbook = module.Replace(CrashGuard, "CanCrash(n) ==\n    FALSE \\* two-phase commit as in the textbook: no process crashes\n", StringComparison.Ordinal);
        static ScriptedToolCall Write(string path, string content) => new("spec-write", JsonSerializer.Serialize(new { path, content }));
        await using var server = new ScriptedChatServer();
        server.Enqueue(
        [
            ChatReply.Text("analyze: a coordinator (tm) and three resource managers exchange Prepare, Prepared, Commit and Abort; twopc.py logs each step."),
            ChatReply.Tools([.. new[] { "MC.cfg", "TraceMap.yaml", "Trace.tla", "Trace.cfg", "Validate.cfg" }.Select(f => Write(f, File.ReadAllText(Path.Combine(spec, f)))),
                Write("TwopcPython.tla", textbook)]),
            ChatReply.Text("Drafted the textbook two-phase commit."),
            ChatReply.Tools(new ScriptedToolCall("sandbox-run_workload", """{"seeds":3}""")),
            ChatReply.Text("Collected the traces of both workloads."),
            ChatReply.Tools(new ScriptedToolCall("spec-read", """{"path":"TwopcPython.tla"}""")),
            ChatReply.Tools(Write("TwopcPython.tla", module)),
            ChatReply.Text("The coordinator crashes and recovers in the traces (twopc.py), so Crash is enabled."),
        ]);
        var outFolder = _killed;

        var (code, stdout, stderr) = await Run(["run", TwoPhaseCommitRun.Target, "--out", outFolder, "--reasoner", "llm", "--endpoint", server.BaseUri.ToString(),
            "--model", "scripted-model", "--llm-retries", "0", .. TwoPhaseCommitRun.Options]);

        Assert.True(code == 0, stdout + stderr);
        var records = Records(outFolder);
        // The validate phase saw the textbook spec diverge on a Crash event, with the guard that refused it.
        var validate = records.First(r => r.GetProperty("phase").GetString() == "validate" && r.GetProperty("kind").GetString() == "check"
            && r.GetProperty("data").GetProperty("check").GetString() == "validate");
        Assert.False(validate.GetProperty("data").GetProperty("ok").GetBoolean());
        Assert.Contains("Crash", validate.GetProperty("data").GetRawText(), StringComparison.Ordinal);
        // (The draft was accepted too, before there were traces to hold it to.)
        var accept = records.Last(r => r.GetProperty("kind").GetString() == "decision" && r.GetProperty("data").GetProperty("decision").GetString() == "accept");
        Assert.Equal("repair", accept.GetProperty("phase").GetString());
        var report = RunReport.Read(Path.Combine(outFolder, "report.json")).Value!;
        Assert.Equal(VerdictStatus.Conforming, report.Verdict.Status);
        Assert.Equal(6, report.Conformance.Conforming);
        Assert.Equal(8, server.Requests.Count);
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
