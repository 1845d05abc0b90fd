using Specula.Sandboxes.Docker;

namespace Specula.Sandboxes.Tests;

[Collection(DockerTests.Name)]
public sealed class DockerPodTests(DockerFixture docker)
{
    private DockerPod Pod => new(docker.Connection, TimeProvider.System);

    private RunSpec Node(string name, string script) => docker.Spec("unused", script) with { Name = name };

    [Fact]
    public async Task Nodes_talk_over_a_shared_loopback_and_reach_nothing_else()
    {
        var run = DockerFixture.NewRunId("pod");
        var pod = new PodSpec("talk", run,
        [
            Node("server", "nc -l -p 7000 -e sh -c 'cat > $SPECULA_OUT/got.txt'; touch $SPECULA_OUT/done"),
            Node("driver", "sleep 0.5; echo hello-$SPECULA_NODE | nc -w 2 127.0.0.1 7000; echo sent=$?; ls /sys/class/net; nc -w 2 1.1.1.1 80 </dev/null; echo out=$?;"
                + " for i in $(seq 50); do [ -e $SPECULA_OUT/done ] && break; usleep 100000; done"),
        ], TimeSpan.FromSeconds(30), []);
        var dir = DockerFixture.TempDir();
        var result = await Pod.RunAsync(pod, dir);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        var driver = result.Value.Nodes["driver"];
        Assert.Equal(RunStatus.Exited, result.Value.Status);
        Assert.Equal(["sent=0", "lo", "out=1"], driver.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("hello-driver\n", File.ReadAllText(Path.Combine(dir, "got.txt")));
        Assert.Equal((0, 0), await docker.LeftoversAsync(run));
    }

    [Fact]
    public async Task Kill_and_restart_fault_restarts_a_node_with_its_output_kept()
    {
        var run = DockerFixture.NewRunId("podkill");
        var pod = new PodSpec("kill", run,
        [
            Node("n1", "echo start >> $SPECULA_OUT/n1.log; echo up; sleep 100"),
            Node("driver", "sleep 2.5"),
        ], TimeSpan.FromSeconds(30), [new NodeFault(NodeFaultKind.KillRestart, "n1", TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500))]);
        var dir = DockerFixture.TempDir();
        var result = await Pod.RunAsync(pod, dir);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        var fault = Assert.Single(result.Value.AppliedFaults);
        Assert.Equal("n1", fault.Node);
        Assert.Equal(2, result.Value.Nodes["n1"].Starts);
        Assert.Equal("up\nup\n", result.Value.Nodes["n1"].Stdout);
        Assert.Equal("start\nstart\n", File.ReadAllText(Path.Combine(dir, "n1.log")));
        Assert.Equal((0, 0), await docker.LeftoversAsync(run));
    }

    [Fact]
    public async Task Timed_out_pod_is_removed_entirely()
    {
        var run = DockerFixture.NewRunId("podtimeout");
        var pod = new PodSpec("slow", run, [Node("n1", "sleep 100"), Node("driver", "sleep 100")], TimeSpan.FromSeconds(2), []);
        var result = await Pod.RunAsync(pod, DockerFixture.TempDir());

        Assert.Equal(RunStatus.TimedOut, result.Value.Status);
        Assert.Equal((0, 0), await docker.LeftoversAsync(run));
    }

    [Fact]
    public async Task Faults_on_the_driver_or_unknown_nodes_are_refused()
    {
        var pod = new PodSpec("bad", "x", [Node("n1", "true"), Node("driver", "true")], TimeSpan.FromSeconds(5),
            [new NodeFault(NodeFaultKind.Pause, "driver", TimeSpan.Zero, TimeSpan.FromSeconds(1))]);
        var result = await Pod.RunAsync(pod, DockerFixture.TempDir());

        Assert.Equal(SandboxErrorCodes.InvalidSpec, result.Error!.Code);
    }
}
