using System.CommandLine;
using Specula.Cli.Commands;
using Specula.Reports.Model;

namespace Specula.Cli.Tests;

public sealed class RunCommandTests : IDisposable
{
    private const string Key = "sk-cli-SECRET-fedcba9876543210";

    private const string Bound = "    /\\ count[n] < Max\n";

    private static readonly string Spec = """
        ---- MODULE Counter ----
        EXTENDS Naturals
        CONSTANTS Node, Max
        VARIABLES count
        Init == count = [n \in Node |-> 0]
        \* counter.go:7-10
        Inc(n) ==
        BOUND    /\ count' = [count EXCEPT ![n] = @ + 1]
        \* counter.go:15-17
        Reset(n) ==
            /\ count[n] = Max
            /\ count' = [count EXCEPT ![n] = 0]
        Next == \E n \in Node : Inc(n) \/ Reset(n)
        TypeOK == \A n \in Node : count[n] \in Nat
        Bounded == \A n \in Node : count[n] <= Max
        ====
        """;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "specula-run-" + Guid.NewGuid().ToString("N")[..12]);

    public RunCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "repo"));
        File.WriteAllText(Path.Combine(_root, "repo", "counter.go"), "package counter\n\nfunc (c *Counter) Inc() {\n\tif c.n < c.max {\n\t\tc.n++\n\t}\n}\n");
        Directory.CreateDirectory(Path.Combine(_root, "traces"));
        File.WriteAllText(Path.Combine(_root, "traces", "run1.ndjson"), """
            {"tag":"trace","v":1,"seq":1,"node":"n1","event":"Inc","args":{},"state":{"count":1}}
            {"tag":"trace","v":1,"seq":2,"node":"n1","event":"Inc","args":{},"state":{"count":2}}
            {"tag":"trace","v":1,"seq":3,"node":"n1","event":"Reset","args":{},"state":{"count":0}}

            """);
        WriteSpec("good", bounded: true);
        WriteSpec("buggy", bounded: false);
    }

    private string Repo => Path.Combine(_root, "repo");

    private string Out => Path.Combine(_root, "run");

    private void WriteSpec(string name, bool bounded)
    {
        var folder = Path.Combine(_root, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "Counter.tla"), Spec.Replace("BOUND", bounded ? Bound : "", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(folder, "MC.cfg"), "CONSTANTS\n    Node = {n1, n2}\n    Max = 2\nINIT Init\nNEXT Next\nINVARIANT TypeOK\nINVARIANT Bounded\n");
        File.WriteAllText(Path.Combine(folder, "TraceMap.yaml"), "version: 1\nspec: Counter.tla\nconfig: MC.cfg\nnodes: Node\nvariables:\n  count: count\nevents:\n  Inc: { action: Inc, args: { n: $node } }\n  Reset: { action: Reset, args: { n: $node } }\n");
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var root = new RootCommand { RunCommand.Create(stdout, stderr, name => name == "SPECULA_LLM_API_KEY" ? Key : null) };
        var code = await root.Parse(["run", .. args]).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string[] Llm(string spec) =>
        [Repo, "--out", Out, "--reasoner", "llm", "--endpoint", "http://127.0.0.1:1/v1/", "--model", "m", "--sandbox", "none",
         "--spec", Path.Combine(_root, spec), "--traces", Path.Combine(_root, "traces"), "--llm-retries", "0"];

    [Fact]
    public async Task A_spec_that_already_conforms_ends_at_once_with_exit_0_and_never_shows_the_key()
    {
        var (code, stdout, stderr) = await RunAsync(Llm("good"));

        Assert.Equal(RunCommand.Conforming, code);
        Assert.Contains("verdict: conforming: The spec conforms to 1 of 1 traces and its 2 invariant(s) hold.", stdout);
        Assert.Contains("phase validate", stdout);
        Assert.Equal(VerdictStatus.Conforming, RunReport.Read(Path.Combine(Out, "report.json")).Value!.Verdict.Status);
        Assert.DoesNotContain(Key, stdout + stderr);
        Assert.Contains("key set", stdout);
        foreach (var file in Directory.GetFiles(Out, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(Key, File.ReadAllText(file));
        }
    }

    [Fact]
    public async Task An_unreachable_model_is_exit_3_with_one_clear_line_and_a_resumable_run()
    {
        var (code, stdout, stderr) = await RunAsync(Llm("buggy"));

        Assert.Equal(RunCommand.Unavailable, code);
        Assert.StartsWith("error LLM001: cannot reach the LLM endpoint", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, stdout + stderr);
        Assert.Equal("error", RunReport.Read(Path.Combine(Out, "report.json")).Value!.Verdict.Status.ToString().ToLowerInvariant());
    }

    [Fact]
    public async Task With_no_model_the_synthesizer_drafts_a_spec_that_conforms_to_the_traces_given()
    {
        var traces = Path.Combine(_root, "counter-traces");
        WriteCounterTraces(traces);

        var (code, stdout, stderr) = await RunAsync(Repo, "--out", Out, "--sandbox", "none", "--traces", traces, "--reasoner", "deterministic");

        Assert.True(code == RunCommand.Conforming, stdout + stderr);
        Assert.Contains("reasoner: deterministic synthesizer (no LLM)", stdout);
        Assert.Contains("verdict: conforming: The spec conforms to 4 of 4 traces", stdout);
        var spec = Path.Combine(Out, "spec");
        Assert.True(File.Exists(Path.Combine(spec, "MC.cfg")));
        Assert.True(File.Exists(Path.Combine(spec, "TraceMap.yaml")));
        Assert.Single(Directory.GetFiles(spec, "*.tla"), f => Path.GetFileName(f) != "Trace.tla");
        var transcript = File.ReadAllText(Path.Combine(Out, "transcript.jsonl"));
        Assert.Contains("\"kind\":\"synthesizer\"", transcript);
        Assert.Contains("Synthesizing", transcript);
        Assert.DoesNotContain("\"kind\":\"toolCall\"", transcript);
    }

    [Fact]
    public async Task With_no_model_no_traces_and_no_sandbox_the_synthesizer_says_what_it_needs()
    {
        var (code, _, stderr) = await RunAsync(Repo, "--out", Out, "--sandbox", "none");

        Assert.Equal(RunCommand.BadInput, code);
        Assert.StartsWith("error SYN001: the deterministic reasoner synthesizes from traces", stderr, StringComparison.Ordinal);
        Assert.Contains("--traces", stderr);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    /// <summary>Two counters that count to 3 and reset, as four traces of a system that logs its start.</summary>
    private static void WriteCounterTraces(string folder)
    {
        Directory.CreateDirectory(folder);
        for (var trace = 1; trace <= 4; trace++)
        {
            var lines = new List<string>();
            var count = new Dictionary<string, int> { ["n1"] = 0, ["n2"] = 0 };
            foreach (var node in count.Keys)
            {
                lines.Add($"{{\"tag\":\"trace\",\"v\":1,\"seq\":{lines.Count + 1},\"node\":\"{node}\",\"event\":\"Init\",\"args\":{{}},\"state\":{{\"count\":0}}}}");
            }
            for (var step = 0; step < 10 + trace; step++)
            {
                // A fixed interleaving per trace: node n2 moves on every (trace+1)-th step.
                var node = step % (trace + 1) == 0 ? "n2" : "n1";
                var reset = count[node] == 3;
                count[node] = reset ? 0 : count[node] + 1;
                lines.Add($"{{\"tag\":\"trace\",\"v\":1,\"seq\":{lines.Count + 1},\"node\":\"{node}\",\"event\":\"{(reset ? "Reset" : "Inc")}\",\"args\":{{}},\"state\":{{\"count\":{count[node]}}}}}");
            }
            File.WriteAllLines(Path.Combine(folder, $"run{trace}.ndjson"), lines);
        }
    }

    [Fact]
    public void Without_out_a_new_run_goes_beside_earlier_runs_of_the_same_target()
    {
        var runs = Path.Combine(_root, "runs");
        Assert.Equal(Path.Combine(runs, "counter"), RunCommand.DefaultRunFolder(runs, "counter"));
        foreach (var folder in new[] { "counter", "counter-2" })
        {
            Directory.CreateDirectory(Path.Combine(runs, folder));
            File.WriteAllText(Path.Combine(runs, folder, "run.json"), "{}");
        }

        Assert.Equal(Path.Combine(runs, "counter-3"), RunCommand.DefaultRunFolder(runs, "counter"));
    }

    [Theory]
    [InlineData(new string[0], "give the repository")]
    [InlineData(new[] { "/no/such/folder" }, "no folder '/no/such/folder'")]
    [InlineData(new[] { "REPO", "--max-rounds", "0" }, "must be positive")]
    [InlineData(new[] { "REPO", "--reasoner", "llm", "--sandbox", "none" }, "no LLM endpoint: give --endpoint or set SPECULA_LLM_ENDPOINT")]
    [InlineData(new[] { "--resume", "/no/such/run" }, "no run folder '/no/such/run' to resume")]
    public async Task Bad_input_is_exit_2_with_a_message(string[] args, string message)
    {
        var (code, _, stderr) = await RunAsync([.. args.Select(a => a == "REPO" ? Repo : a)]);

        Assert.Equal(RunCommand.BadInput, code);
        Assert.Contains(message, stderr);
    }

    [Fact]
    public async Task Resuming_a_finished_run_is_refused()
    {
        Assert.Equal(RunCommand.Conforming, (await RunAsync(Llm("good"))).Code);

        var (code, _, stderr) = await RunAsync("--resume", Out, "--reasoner", "llm", "--endpoint", "http://127.0.0.1:1/v1/", "--model", "m", "--sandbox", "none");

        Assert.Equal(RunCommand.BadInput, code);
        Assert.Contains("is finished", stderr);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
