using Specula.Sandboxes.Process;

namespace Specula.Sandboxes.Tests;

public sealed class ProcessSandboxTests
{
    private static readonly ProcessSandbox Sandbox = new(TimeProvider.System);

    private static RunSpec Spec(string script, TimeSpan? timeout = null) => new()
    {
        Image = "",
        Command = ["/bin/sh", "-c", script],
        Timeout = timeout ?? TimeSpan.FromSeconds(30),
    };

    [Fact]
    public void Is_labelled_not_isolated()
    {
        Assert.False(Sandbox.IsIsolated);
        Assert.Equal("process", Sandbox.Kind);
    }

    [Fact]
    public async Task Runs_and_collects_output_files_and_streams()
    {
        var dir = DockerFixture.TempDir();
        var result = await Sandbox.RunAsync(Spec("mkdir -p $SPECULA_OUT/t && echo x > $SPECULA_OUT/t/a.ndjson; echo out; echo err >&2; exit 4"), dir);

        Assert.Equal(RunStatus.Exited, result.Value.Status);
        Assert.Equal(4, result.Value.ExitCode);
        Assert.Equal("out\n", result.Value.Stdout);
        Assert.Equal("err\n", result.Value.Stderr);
        Assert.Equal(["t/a.ndjson"], result.Value.OutputFiles);
    }

    [Fact]
    public async Task Timeout_kills_the_whole_process_tree()
    {
        var dir = DockerFixture.TempDir();
        var started = DateTime.UtcNow;
        var result = await Sandbox.RunAsync(Spec("sleep 100 & echo $! > $SPECULA_OUT/child; wait", TimeSpan.FromSeconds(1)), dir);

        Assert.Equal(RunStatus.TimedOut, result.Value.Status);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20));
        var child = File.ReadAllText(Path.Combine(dir, "child")).Trim();
        await Task.Delay(200);
        var stat = "/proc/" + child + "/stat";
        var gone = !File.Exists(stat) || File.ReadAllText(stat).Split(") ")[1].StartsWith('Z'); // dead, or a zombie awaiting its reaper
        Assert.True(gone, "the background child survived");
    }

    [Fact]
    public async Task Cancellation_is_a_result()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var result = await Sandbox.RunAsync(Spec("sleep 100"), DockerFixture.TempDir(), cancellationToken: cts.Token);

        Assert.Equal(RunStatus.Cancelled, result.Value.Status);
    }

    [Fact]
    public async Task Missing_program_is_SBX006()
    {
        var result = await Sandbox.RunAsync(Spec("") with { Command = ["/nonexistent/program"] }, DockerFixture.TempDir());

        Assert.Equal(SandboxErrorCodes.ProcessFailed, result.Error!.Code);
    }
}
