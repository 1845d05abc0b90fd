using System.Security.Cryptography;

namespace Specula.Sandboxes.Tests;

[Collection(DockerTests.Name)]
public sealed class DockerSandboxTests(DockerFixture docker)
{
    [Fact]
    public async Task Container_reaches_no_network()
    {
        var run = DockerFixture.NewRunId("net");
        var script = "ls /sys/class/net; echo routes=$(tail -n +2 /proc/net/route | wc -l); "
            + "nc -w 2 1.1.1.1 80 </dev/null; echo nc=$?; nc -w 2 127.0.0.1 2375 </dev/null; echo lo=$?";
        var result = await docker.Sandbox.RunAsync(docker.Spec(run, script), DockerFixture.TempDir());

        Assert.True(result.IsSuccess, result.Error?.ToString());
        var lines = result.Value.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("lo", lines[0]);                  // the only interface is the container's own loopback
        Assert.Contains("routes=0", lines);
        Assert.DoesNotContain("nc=0", lines);
        Assert.DoesNotContain("lo=0", lines);          // the host's daemon port is not the container's loopback
        Assert.Contains("Network is unreachable", result.Value.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Container_runs_unprivileged_on_a_read_only_root()
    {
        var script = "id -u; grep -E '^(CapEff|CapPrm|NoNewPrivs)' /proc/self/status; touch /bin/x 2>/dev/null; echo root=$?; touch /tmp/x; echo tmp=$?";
        var result = await docker.Sandbox.RunAsync(docker.Spec(DockerFixture.NewRunId("priv"), script), DockerFixture.TempDir());

        Assert.True(result.IsSuccess, result.Error?.ToString());
        var stdout = result.Value.Stdout;
        Assert.StartsWith("10001\n", stdout, StringComparison.Ordinal);
        Assert.Contains("CapEff:\t0000000000000000", stdout, StringComparison.Ordinal);
        Assert.Contains("CapPrm:\t0000000000000000", stdout, StringComparison.Ordinal);
        Assert.Contains("NoNewPrivs:\t1", stdout, StringComparison.Ordinal);
        Assert.Contains("root=1", stdout, StringComparison.Ordinal);
        Assert.Contains("tmp=0", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Memory_limit_is_enforced()
    {
        // dd touches every page of a 128 MiB buffer; the limit is 64 MiB with no swap.
        var result = await docker.Sandbox.RunAsync(docker.Spec(DockerFixture.NewRunId("oom"), "dd if=/dev/zero of=/dev/null bs=128M count=1"), DockerFixture.TempDir());

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(RunStatus.OutOfMemory, result.Value.Status);
        Assert.False(result.Value.Succeeded);
    }

    [Fact]
    public async Task Pids_limit_is_enforced()
    {
        var spec = docker.Spec(DockerFixture.NewRunId("pids"), "for i in $(seq 100); do sleep 5 & done; echo after") with
        {
            Limits = new ResourceLimits(64L * 1024 * 1024, 16),
        };
        var result = await docker.Sandbox.RunAsync(spec, DockerFixture.TempDir());

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Contains("can't fork", result.Value.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stdout_and_stderr_arrive_apart_without_frame_headers()
    {
        var lines = new List<LogLine>();
        var result = await docker.Sandbox.RunAsync(docker.Spec(DockerFixture.NewRunId("logs"), "echo out1; echo err1 >&2; echo out2; printf 'no newline'"),
            DockerFixture.TempDir(), l => { lock (lines) { lines.Add(l); } });

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal("out1\nout2\nno newline", result.Value.Stdout);
        Assert.Equal("err1\n", result.Value.Stderr);
        Assert.Contains(new LogLine(LogSource.Stderr, "err1"), lines);
        Assert.Contains(new LogLine(LogSource.Stdout, "no newline"), lines);
    }

    [Fact]
    public async Task Output_files_arrive_intact()
    {
        var script = "mkdir -p $SPECULA_OUT/traces/deep && dd if=/dev/urandom of=$SPECULA_OUT/traces/blob.bin bs=1024 count=3000 2>/dev/null"
            + " && seq 1 50000 > $SPECULA_OUT/traces/deep/n.txt && printf 'a\\nb' > $SPECULA_OUT/top.ndjson"
            + " && cd $SPECULA_OUT && sha256sum traces/blob.bin traces/deep/n.txt top.ndjson";
        var dir = DockerFixture.TempDir();
        var result = await docker.Sandbox.RunAsync(docker.Spec(DockerFixture.NewRunId("out"), script), dir);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.True(result.Value.Succeeded, result.Value.Stderr);
        Assert.Equal(["top.ndjson", "traces/blob.bin", "traces/deep/n.txt"], result.Value.OutputFiles);
        foreach (var line in result.Value.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split("  ");
            var hostHash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(dir, parts[1]))));
            Assert.Equal(parts[0], hostHash);
        }
        Assert.Equal(3000 * 1024, new FileInfo(Path.Combine(dir, "traces", "blob.bin")).Length);
    }

    [Fact]
    public async Task Removed_after_success()
    {
        var run = DockerFixture.NewRunId("ok");
        var result = await docker.Sandbox.RunAsync(docker.Spec(run, "echo hi > $SPECULA_OUT/x"), DockerFixture.TempDir());

        Assert.True(result.Value.Succeeded);
        Assert.Equal((0, 0), await docker.LeftoversAsync(run));
    }

    [Fact]
    public async Task Removed_after_failure()
    {
        var run = DockerFixture.NewRunId("fail");
        var result = await docker.Sandbox.RunAsync(docker.Spec(run, "echo partial > $SPECULA_OUT/x; exit 3"), DockerFixture.TempDir());

        Assert.Equal(RunStatus.Exited, result.Value.Status);
        Assert.Equal(3, result.Value.ExitCode);
        Assert.Equal(["x"], result.Value.OutputFiles);
        Assert.Equal((0, 0), await docker.LeftoversAsync(run));
    }

    [Fact]
    public async Task Removed_after_timeout_and_output_kept()
    {
        var run = DockerFixture.NewRunId("timeout");
        var started = DateTime.UtcNow;
        var result = await docker.Sandbox.RunAsync(docker.Spec(run, "echo before > $SPECULA_OUT/x; sleep 120", TimeSpan.FromSeconds(2)), DockerFixture.TempDir());

        Assert.Equal(RunStatus.TimedOut, result.Value.Status);
        Assert.Equal(["x"], result.Value.OutputFiles);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30));
        Assert.Equal((0, 0), await docker.LeftoversAsync(run));
    }

    [Fact]
    public async Task Removed_after_cancellation()
    {
        var run = DockerFixture.NewRunId("cancel");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var result = await docker.Sandbox.RunAsync(docker.Spec(run, "sleep 120"), DockerFixture.TempDir(), cancellationToken: cts.Token);

        Assert.Equal(RunStatus.Cancelled, result.Value.Status);
        Assert.Equal((0, 0), await docker.LeftoversAsync(run));
    }

    [Fact]
    public async Task Pause_fault_freezes_the_container_for_its_duration()
    {
        // A loop that prints the time every 200 ms; the freeze shows up as one gap of about the fault's length.
        var spec = docker.Spec(DockerFixture.NewRunId("pause"), "for i in $(seq 25); do date +%s; usleep 200000; done") with
        {
            Faults = [new SandboxFault(SandboxFaultKind.Pause, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3))],
        };
        var result = await docker.Sandbox.RunAsync(spec, DockerFixture.TempDir());

        Assert.True(result.Value.Succeeded, result.Value.Stderr);
        Assert.Single(result.Value.AppliedFaults);
        var times = result.Value.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(t => long.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var largestGap = times.Zip(times.Skip(1), (a, b) => b - a).Max();
        Assert.True(largestGap >= 2, result.Value.Stdout);
    }

    [Fact]
    public async Task Missing_image_is_an_error_result()
    {
        var spec = docker.Spec(DockerFixture.NewRunId("noimg"), "true") with { Image = "specula-base:does-not-exist" };
        var result = await docker.Sandbox.RunAsync(spec, DockerFixture.TempDir());

        Assert.False(result.IsSuccess);
        Assert.Equal(SandboxErrorCodes.ContainerFailed, result.Error!.Code);
    }

    [Fact]
    public async Task Command_that_cannot_start_fails_the_run_and_is_removed()
    {
        // docker-init (PID 1) reports a command it cannot exec as exit status 127, like a shell.
        var run = DockerFixture.NewRunId("nostart");
        var spec = docker.Spec(run, "") with { Command = ["/nonexistent/program"] };
        var result = await docker.Sandbox.RunAsync(spec, DockerFixture.TempDir());

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.False(result.Value.Succeeded);
        Assert.Equal(127, result.Value.ExitCode);
        Assert.Contains("/nonexistent/program", result.Value.Stderr, StringComparison.Ordinal);
        Assert.Equal((0, 0), await docker.LeftoversAsync(run));
    }
}
