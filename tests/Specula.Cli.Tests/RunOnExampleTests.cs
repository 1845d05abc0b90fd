using System.Text.Json;
using Specula.Reports.Model;
using static Specula.Cli.Tests.Cli;

namespace Specula.Cli.Tests;

/// <summary>
/// <c>specula run</c> on a real example target with no LLM: the synthesizer runs the target's workloads (a local
/// process here; the Docker sandbox is tested in Specula.Sandboxes.Tests), synthesizes a spec from what it observed,
/// and the run's own checks find it conforming.
/// </summary>
public sealed class RunOnExampleTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "specula-run-example-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public async Task The_two_phase_commit_example_goes_from_code_to_a_conforming_spec_without_a_model()
    {
        var target = Path.Combine(RepositoryRoot, "examples", "twopc-python");

        var (code, stdout, stderr) = await Run("run", target, "--out", _out, "--sandbox", "process", "--max-states", "5000");

        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("warning: --sandbox process runs the target as a local process with no isolation.", stderr);
        var report = RunReport.Read(Path.Combine(_out, "report.json")).Value!;
        Assert.Equal(VerdictStatus.Conforming, report.Verdict.Status);
        // Two workloads of three seeds each, all observed and all conforming.
        Assert.Equal(6, Directory.GetFiles(Path.Combine(_out, "traces"), "*.ndjson").Length);
        Assert.Equal(6, report.Conformance.Conforming);
        Assert.All(report.Conformance.Actions, a => Assert.Equal(a.Observed, a.Accepted));
        Assert.Contains(report.Conformance.Actions, a => a.Action == "Prepare" && a.Observed > 0);
        Assert.True(report.ModelChecking.Ok);
        Assert.Contains(report.ModelChecking.Invariants, i => i.Name == "TypeOK" && i.Holds);
        var records = File.ReadAllLines(Path.Combine(_out, "transcript.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var call = Assert.Single(records, r => r.GetProperty("kind").GetString() == "toolCall");
        Assert.Equal("run_workload", call.GetProperty("data").GetProperty("function").GetString());
        Assert.Equal("draft", call.GetProperty("phase").GetString());
        // Every action of the spec cites the code that emits its event.
        var module = File.ReadAllText(Directory.GetFiles(Path.Combine(_out, "spec"), "TwopcPython.tla").Single());
        Assert.Contains("twopc.py:", module);
    }

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }
}
