using System.Text.Json;
using Specula.Cli;
using static Specula.Cli.Tests.Cli;

namespace Specula.Cli.Tests;

/// <summary><c>specula synthesize</c> on the real two-phase-commit traces of the synthesizer's tests.</summary>
public sealed class SynthesizeCommandTests
{
    private static readonly string TwoPhase = Path.Combine(RepositoryRoot, "tests", "Specula.Synthesis.Tests", "Data", "twopc-python");

    private static string Output(string name) => Path.Combine(Path.GetTempPath(), "specula-cli-synthesize", name + "-" + Environment.ProcessId);

    [Fact]
    public async Task Real_traces_give_a_conforming_spec_folder_and_exit_0()
    {
        var output = Output("twopc");
        var (code, text, _) = await Run("synthesize", TwoPhase, "--out", output, "--repo", Path.Combine(RepositoryRoot, "examples", "twopc-python"), "--max-states", "300");

        Assert.Equal(0, code);
        Assert.Contains("Result: every trace conforms and model checking found no violation.", text);
        Assert.Matches(@"Per-action conformance: +training +held out", text);
        foreach (var file in new[] { "TwopcPython.tla", "MC.cfg", "Validate.cfg", "TraceMap.yaml" })
        {
            Assert.True(File.Exists(Path.Combine(output, file)), file);
        }
        Assert.Contains("Emitted at twopc.py:", File.ReadAllText(Path.Combine(output, "TwopcPython.tla")));
    }

    [Fact]
    public async Task Json_output_has_the_schema_and_the_verdict()
    {
        var (code, text, _) = await Run("synthesize", TwoPhase, "--out", Output("json"), "--max-states", "200", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(text);
        Assert.Equal("specula.synthesis/v1", json.RootElement.GetProperty("schema").GetString());
        Assert.True(json.RootElement.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task No_traces_is_bad_input()
    {
        var (code, _, err) = await Run("synthesize", Path.Combine(Path.GetTempPath(), "no-such-folder-for-specula"));

        Assert.Equal(2, code);
        Assert.Contains("no trace files", err);
    }

    [Fact]
    public async Task A_holdout_out_of_range_is_bad_input()
    {
        var (code, _, err) = await Run("synthesize", TwoPhase, "--holdout", "1.5");

        Assert.Equal(2, code);
        Assert.Contains("--holdout", err);
    }
}
