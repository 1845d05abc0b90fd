using Specula.Sandboxes.Process;
using Specula.Sandboxes.Tracing;

namespace Specula.Sandboxes.Tests;

public sealed class TraceRunnerProcessTests
{
    [Fact]
    public async Task Shell_target_traced_in_the_process_sandbox()
    {
        var output = DockerFixture.TempDir();
        var lines = new List<string>();
        var runner = new TraceRunner(new ProcessSandbox(TimeProvider.System), null, TimeProvider.System);
        var outcome = await runner.RunAsync(new TraceOptions { TargetDirectory = Repo.Path("tests", "Specula.Sandboxes.Tests", "Fixtures", "shell-counter"), OutputDirectory = output }, lines.Add);

        Assert.Null(outcome.Error);
        var summary = outcome.Summary!;
        Assert.True(summary.Succeeded);
        Assert.False(summary.Isolated);
        Assert.Equal([4, 5], summary.Runs.Select(r => r.Traces.Single().Events));
        Assert.True(File.Exists(Path.Combine(output, "traces", "count-seed1.ndjson")));
        var meta = File.ReadAllText(Path.Combine(output, "traces", "count-seed2.meta.json"));
        Assert.Contains("\"seed\": 2", meta, StringComparison.Ordinal);
        Assert.Contains("\"skip-one\"", meta, StringComparison.Ordinal);
        Assert.Contains("\"isolated\": false", meta, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("NOT isolated", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(output, "trace-summary.json")));
    }

    [Fact]
    public async Task Seeds_option_overrides_the_manifest()
    {
        var runner = new TraceRunner(new ProcessSandbox(TimeProvider.System), null, TimeProvider.System);
        var outcome = await runner.RunAsync(new TraceOptions
        {
            TargetDirectory = Repo.Path("tests", "Specula.Sandboxes.Tests", "Fixtures", "shell-counter"),
            OutputDirectory = DockerFixture.TempDir(),
            Seeds = 3,
            SeedStart = 10,
        });

        Assert.Equal([10L, 11L, 12L], outcome.Summary!.Runs.Select(r => r.Seed));
    }

    [Fact]
    public async Task Manifest_errors_come_back_all_together()
    {
        var runner = new TraceRunner(new ProcessSandbox(TimeProvider.System), null, TimeProvider.System);
        var outcome = await runner.RunAsync(new TraceOptions { TargetDirectory = Repo.Path("tests", "Specula.Sandboxes.Tests", "Fixtures", "broken-manifest"), OutputDirectory = DockerFixture.TempDir() });

        Assert.Null(outcome.Summary);
        Assert.Equal([(3, "SPY005"), (5, "SPY002"), (6, "SPY005")], outcome.ManifestDiagnostics.Select(d => (d.Line, d.Code)).Order());
    }

    [Fact]
    public async Task Unknown_workload_names_the_known_ones()
    {
        var runner = new TraceRunner(new ProcessSandbox(TimeProvider.System), null, TimeProvider.System);
        var outcome = await runner.RunAsync(new TraceOptions
        {
            TargetDirectory = Repo.Path("tests", "Specula.Sandboxes.Tests", "Fixtures", "shell-counter"),
            OutputDirectory = DockerFixture.TempDir(),
            Workload = "nope",
        });

        Assert.Equal(SandboxErrorCodes.InvalidSpec, outcome.Error!.Code);
        Assert.Contains("count", outcome.Error.Hint, StringComparison.Ordinal);
    }
}

[Collection(DockerTests.Name)]
public sealed class TraceRunnerDockerTests(DockerFixture docker)
{
    private TraceRunner Runner => new(docker.Sandbox, new Images.ImageBuilder(docker.Connection, TimeProvider.System), TimeProvider.System);

    [Fact]
    public async Task Shell_target_traced_in_docker()
    {
        var outcome = await Runner.RunAsync(new TraceOptions { TargetDirectory = Repo.Path("tests", "Specula.Sandboxes.Tests", "Fixtures", "shell-counter"), OutputDirectory = DockerFixture.TempDir() });

        Assert.Null(outcome.Error);
        Assert.True(outcome.Summary!.Succeeded, string.Join("\n", outcome.Summary.Runs));
        Assert.True(outcome.Summary.Isolated);
    }

    /// <summary>The acceptance test of issue 6: five seeds of the etcd raft cluster with a leader crash give five valid traces
    /// with elections, replication and the fault; the same seed gives the same bytes.</summary>
    [Fact]
    public async Task Etcd_raft_traces_are_valid_and_reproducible_by_seed()
    {
        var target = Repo.Path("examples", "etcd-raft");
        var first = DockerFixture.TempDir();
        var outcome = await Runner.RunAsync(new TraceOptions { TargetDirectory = target, OutputDirectory = first, Workload = "leader-crash", Seeds = 5 });

        Assert.Null(outcome.Error);
        Assert.Empty(outcome.ManifestDiagnostics);
        var runs = outcome.Summary!.Runs;
        Assert.Equal(5, runs.Count);
        foreach (var run in runs)
        {
            Assert.True(run.Succeeded, run.ToString());
            var trace = Assert.Single(run.Traces);
            var events = trace.EventCounts.ToDictionary(kv => kv.Key, kv => kv.Value);
            Assert.True(events.GetValueOrDefault("BecomeLeader") >= 2, "a leader, and another after the crash");
            Assert.True(events.GetValueOrDefault("AppendEntries") > 0);
            Assert.True(events.GetValueOrDefault("Apply") >= 3 * 20);
            Assert.Equal(1, events.GetValueOrDefault("Crash"));
            Assert.Equal(1, events.GetValueOrDefault("Restart"));
            Assert.Equal(["env", "n1", "n2", "n3"], trace.Nodes);
        }

        var second = DockerFixture.TempDir();
        var again = await Runner.RunAsync(new TraceOptions { TargetDirectory = target, OutputDirectory = second, Workload = "leader-crash", Seeds = 1, SeedStart = 3 });
        Assert.True(again.Summary!.Build.BuildCached);
        Assert.True(again.Summary.Build.TargetImage!.Cached);
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(first, "traces", "leader-crash-seed3.ndjson")),
            File.ReadAllBytes(Path.Combine(second, "traces", "leader-crash-seed3.ndjson")));
    }

    /// <summary>The second real implementation: hashicorp/raft on its in-memory transport, traced through a wrapping transport.
    /// Not reproducible by seed (the library schedules itself), so only the content is checked.</summary>
    [Fact]
    public async Task Hashicorp_raft_leader_crash_is_traced()
    {
        var outcome = await Runner.RunAsync(new TraceOptions
        {
            TargetDirectory = Repo.Path("examples", "hashicorp-raft"),
            OutputDirectory = DockerFixture.TempDir(),
            Workload = "leader-crash",
            Seeds = 1,
        });

        Assert.Null(outcome.Error);
        var run = Assert.Single(outcome.Summary!.Runs);
        Assert.True(run.Succeeded, run.ToString());
        var events = Assert.Single(run.Traces).EventCounts.ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.True(events.GetValueOrDefault("BecomeLeader") >= 2);
        Assert.Equal(1, events.GetValueOrDefault("Crash"));
        Assert.True(events.GetValueOrDefault("Apply") >= 20);
        Assert.True(events.GetValueOrDefault("Receive") > 0 && events.GetValueOrDefault("HandleResponse") > 0);
    }

    /// <summary>The C# target: built in the sandbox with the host's .NET SDK (read-only, no network), run on it, traced with the C# kit.</summary>
    [Fact]
    public async Task Lock_service_primary_crash_is_traced_and_reproducible()
    {
        var target = Repo.Path("examples", "lock-service");
        var first = DockerFixture.TempDir();
        var outcome = await Runner.RunAsync(new TraceOptions { TargetDirectory = target, OutputDirectory = first, Workload = "primary-crash", Seeds = 2 });

        Assert.Null(outcome.Error);
        foreach (var run in outcome.Summary!.Runs)
        {
            Assert.True(run.Succeeded, run.ToString());
            var events = Assert.Single(run.Traces).EventCounts.ToDictionary(kv => kv.Key, kv => kv.Value);
            Assert.Equal(1, events.GetValueOrDefault("Crash"));
            Assert.True(events.GetValueOrDefault("BecomePrimary") >= 1, "a view change after the crash");
            Assert.True(events.GetValueOrDefault("Apply") > 0);
        }
        var second = DockerFixture.TempDir();
        await Runner.RunAsync(new TraceOptions { TargetDirectory = target, OutputDirectory = second, Workload = "primary-crash", Seeds = 1, SeedStart = 2 });
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(first, "traces", "primary-crash-seed2.ndjson")),
            File.ReadAllBytes(Path.Combine(second, "traces", "primary-crash-seed2.ndjson")));
    }

    [Fact]
    public async Task Sandbox_pause_is_recorded_in_the_trace_and_the_meta()
    {
        var output = DockerFixture.TempDir();
        var outcome = await Runner.RunAsync(new TraceOptions { TargetDirectory = Repo.Path("tests", "Specula.Sandboxes.Tests", "Fixtures", "paused"), OutputDirectory = output });

        var run = Assert.Single(outcome.Summary!.Runs);
        Assert.True(run.Succeeded, run.ToString());
        var trace = Assert.Single(run.Traces);
        Assert.Equal(["n1", "sandbox"], trace.Nodes);
        Assert.Equal(8 + 2, trace.Events);
        var lines = File.ReadAllLines(Path.Combine(output, "traces", "tick-seed1.ndjson"));
        Assert.Contains("\"event\":\"Pause\",\"args\":{\"forMs\":400,\"kind\":\"Pause\",\"plannedAtMs\":300}", lines[^2], StringComparison.Ordinal);
        Assert.Contains("\"pause@", File.ReadAllText(Path.Combine(output, "traces", "tick-seed1.meta.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pod_workload_with_a_killed_and_restarted_node()
    {
        var output = DockerFixture.TempDir();
        var runner = new TraceRunner(docker.Sandbox, new Images.ImageBuilder(docker.Connection, TimeProvider.System), TimeProvider.System, new Docker.DockerPod(docker.Connection, TimeProvider.System));
        var outcome = await runner.RunAsync(new TraceOptions { TargetDirectory = Repo.Path("tests", "Specula.Sandboxes.Tests", "Fixtures", "pod"), OutputDirectory = output });

        Assert.Null(outcome.Error);
        var run = Assert.Single(outcome.Summary!.Runs);
        Assert.True(run.Succeeded, run.ToString() + string.Join("\n", run.Traces.SelectMany(t => t.Diagnostics)));
        Assert.Contains(run.Faults, f => f.StartsWith("kill:server@", StringComparison.Ordinal));
        var server = run.Traces.Single(t => t.Path.EndsWith("-server.ndjson", StringComparison.Ordinal));
        var counts = server.EventCounts.ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.Equal(2, counts["Start"]);        // started, killed, restarted
        Assert.Equal(1, counts["Kill"]);         // recorded by the sandbox
        Assert.True(counts["Receive"] >= 2, server.ToString());
    }

    [Fact]
    public async Task Partition_example_cuts_one_node_off_and_records_the_fault()
    {
        var output = DockerFixture.TempDir();
        var runner = new TraceRunner(docker.Sandbox, new Images.ImageBuilder(docker.Connection, TimeProvider.System), TimeProvider.System, new Docker.DockerPod(docker.Connection, TimeProvider.System));
        var outcome = await runner.RunAsync(new TraceOptions { TargetDirectory = Repo.Path("sandboxes", "examples", "partition"), OutputDirectory = output, Seeds = 1 });

        Assert.Null(outcome.Error);
        var run = Assert.Single(outcome.Summary!.Runs);
        Assert.True(run.Succeeded, run.ToString() + string.Join("\n", run.Traces.SelectMany(t => t.Diagnostics)));
        Assert.Contains(run.Faults, f => f.StartsWith("disconnect:b@", StringComparison.Ordinal));
        Assert.Contains("\"disconnect:b@", File.ReadAllText(Path.Combine(output, "traces", "cut-b-seed1-driver.meta.json")), StringComparison.Ordinal);

        // The driver's sends: those to a all arrive; some to b are lost while b is cut off, and b hears again afterwards.
        var driver = File.ReadAllLines(Path.Combine(output, "traces", "cut-b-seed1-driver.ndjson"))
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .ToArray();
        var sends = driver.Where(e => e.GetProperty("node").GetString() == "driver")
            .Select(e => (Event: e.GetProperty("event").GetString(), To: e.GetProperty("args").GetProperty("to").GetString())).ToArray();
        Assert.DoesNotContain(("Lost", "a"), sends);
        Assert.Contains(("Lost", "b"), sends);
        Assert.Equal(("Sent", "b"), sends.Last(s => s.To == "b"));
        // The sandbox's own events close the trace, with the planned times.
        var sandbox = driver.Where(e => e.GetProperty("node").GetString() == "sandbox").Select(e => e.GetProperty("event").GetString()!).ToArray();
        Assert.Equal(["Disconnect", "Reconnect"], sandbox);
        Assert.Contains("\"args\":{\"forMs\":1000,\"kind\":\"Disconnect\",\"plannedAtMs\":1000,\"target\":\"b\"}", File.ReadAllText(Path.Combine(output, "traces", "cut-b-seed1-b.ndjson")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pod_workload_needs_docker()
    {
        var runner = new TraceRunner(new Process.ProcessSandbox(TimeProvider.System), null, TimeProvider.System);
        var outcome = await runner.RunAsync(new TraceOptions { TargetDirectory = Repo.Path("tests", "Specula.Sandboxes.Tests", "Fixtures", "pod"), OutputDirectory = DockerFixture.TempDir() });

        Assert.Equal(SandboxErrorCodes.InvalidSpec, Assert.Single(outcome.Summary!.Runs).Error!.Code);
    }

    /// <summary>A Python target on the Debian base (debootstrap minbase with python3; about two minutes the first time on a
    /// machine, cached afterwards), traced with the Python kit, reproducible by seed.</summary>
    [Fact]
    public async Task Python_two_phase_commit_on_the_debian_base()
    {
        var target = Repo.Path("examples", "twopc-python");
        var first = DockerFixture.TempDir();
        var outcome = await Runner.RunAsync(new TraceOptions { TargetDirectory = target, OutputDirectory = first, Workload = "coordinator-crash", Seeds = 2 });

        Assert.Null(outcome.Error);
        Assert.StartsWith(Images.ImageBuilder.DebianRepository + ":", outcome.Summary!.Build.BaseImage!.Tag, StringComparison.Ordinal);
        foreach (var run in outcome.Summary.Runs)
        {
            Assert.True(run.Succeeded, run.ToString());
            var events = Assert.Single(run.Traces).EventCounts.ToDictionary(kv => kv.Key, kv => kv.Value);
            Assert.Equal(1, events["Crash"]);
            Assert.Equal(1, events["Recover"]);
            Assert.Equal(5, events["Decide"]);
        }
        var second = DockerFixture.TempDir();
        await Runner.RunAsync(new TraceOptions { TargetDirectory = target, OutputDirectory = second, Workload = "coordinator-crash", Seeds = 1, SeedStart = 2 });
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(first, "traces", "coordinator-crash-seed2.ndjson")),
            File.ReadAllBytes(Path.Combine(second, "traces", "coordinator-crash-seed2.ndjson")));
    }
}
