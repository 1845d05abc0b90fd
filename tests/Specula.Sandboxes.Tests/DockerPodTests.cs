using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Specula.Sandboxes.Docker;

namespace Specula.Sandboxes.Tests;

[Collection(DockerTests.Name)]
public sealed class DockerPodTests(DockerFixture docker)
{
    private DockerPod Pod => new(docker.Connection, TimeProvider.System);

    private RunSpec Node(string name, string script) => docker.Spec("unused", script) with { Name = name };

    [Fact]
    public async Task Nodes_talk_over_their_own_network_and_reach_nothing_else()
    {
        // Something on the host that a container would reach if it could: a listener on every host address.
        using var host = new TcpListener(IPAddress.Any, 0);
        host.Start();
        var port = ((IPEndPoint)host.LocalEndpoint).Port;
        var hostAddresses = HostIPv4Addresses();
        Assert.Contains("127.0.0.1", hostAddresses);

        var run = DockerFixture.NewRunId("pod");
        var pod = new PodSpec("talk", run,
        [
            Node("server", "nc -l -p 7000 -e sh -c 'cat > $SPECULA_OUT/got.txt'; touch $SPECULA_OUT/done"),
            Node("driver", "sleep 0.5; echo hello-$SPECULA_NODE | nc -w 2 server 7000; echo sent=$?; echo ifs=$(ls /sys/class/net); echo peers=$SPECULA_PEERS;"
                + " echo ipv6off=$(cat /proc/sys/net/ipv6/conf/all/disable_ipv6);"
                + " first=${SPECULA_PEERS#*=}; first=${first%%,*}; gateway=${first%.*}.1;"
                + $" for a in $gateway {string.Join(' ', hostAddresses)}; do nc -w 1 $a {port} </dev/null && echo reached=$a; done;"
                + " nslookup specula-probe.invalid >/dev/null 2>&1; echo dns=$?;"
                + " for i in $(seq 50); do [ -e $SPECULA_OUT/done ] && break; usleep 100000; done"),
        ], TimeSpan.FromSeconds(60), []);
        var dir = DockerFixture.TempDir();
        var result = await Pod.RunAsync(pod, dir);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(RunStatus.Exited, result.Value.Status);
        var lease = result.Value.Network!;
        var lines = result.Value.Nodes["driver"].Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("sent=0", lines[0]);                     // by name, over the pod's network
        Assert.Equal("ifs=eth0 lo", lines[1]);
        Assert.Equal($"peers=server={lease.AddressOf("server")},driver={lease.AddressOf("driver")}", lines[2]);
        Assert.Equal("ipv6off=1", lines[3]);                  // no link-local route to the host's side of the bridge
        Assert.DoesNotContain(lines, l => l.StartsWith("reached=", StringComparison.Ordinal));
        Assert.NotEqual("dns=0", lines[^1]);                  // the embedded resolver forwards to the container's own loopback only
        Assert.False(host.Pending(), "a container reached the host");
        Assert.Equal("hello-driver\n", File.ReadAllText(Path.Combine(dir, "got.txt")));
        Assert.Equal((0, 0), await docker.LeftoversAsync(run));
        Assert.Equal(0, await docker.NetworkLeftoversAsync(run));
    }

    [Fact]
    public async Task Disconnected_node_cannot_reach_its_peer_until_reconnected()
    {
        var run = DockerFixture.NewRunId("poddisc");
        // Cut off for 3 s: a probe's connect waits up to 1 s and a SYN lost in the cut is sent again after about 1 s,
        // so with a cut of 1 s every probe could still get through once the node was back (1 run in 5 saw no "fail").
        var pod = new PodSpec("cut", run,
        [
            Node("n1", "cat /sys/class/net/eth*/address > $SPECULA_OUT/mac-first; while true; do if nc -w 1 n2 7000 </dev/null 2>/dev/null; then echo ok; else echo fail; fi >> $SPECULA_OUT/n1.log;"
                + " cat /sys/class/net/eth*/address > $SPECULA_OUT/mac-last 2>/dev/null; usleep 100000; done"),
            Node("n2", "exec nc -ll -p 7000 -e true"),
            Node("driver", "sleep 6"),
        ], TimeSpan.FromSeconds(30), [new NodeFault(NodeFaultKind.Disconnect, "n1", TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(3))]);
        var dir = DockerFixture.TempDir();
        var result = await Pod.RunAsync(pod, dir);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        var fault = Assert.Single(result.Value.AppliedFaults);
        Assert.Equal((NodeFaultKind.Disconnect, "n1"), (fault.Kind, fault.Node));
        Assert.True(fault.End - fault.Start >= TimeSpan.FromSeconds(3), fault.ToString());
        // Collapse runs of equal results, ignoring failures before n2 first listened: reachable, cut off, reachable again.
        var log = File.ReadAllLines(Path.Combine(dir, "n1.log")).SkipWhile(l => l == "fail").ToArray();
        var phases = log.Where((l, i) => i == 0 || log[i - 1] != l).ToArray();
        Assert.Equal(["ok", "fail", "ok"], phases);
        Assert.Equal(1, result.Value.Nodes["n1"].Starts); // the same container all along
        // Same MAC before and after (peers' ARP caches stay right), the one derived from its address.
        var mac = File.ReadAllText(Path.Combine(dir, "mac-first")).Trim();
        Assert.Equal(mac, File.ReadAllText(Path.Combine(dir, "mac-last")).Trim());
        Assert.Equal("02:42:" + string.Join(':', IPAddress.Parse(result.Value.Network!.AddressOf("n1")).GetAddressBytes().Select(b => b.ToString("x2"))), mac);
        Assert.Equal(0, await docker.NetworkLeftoversAsync(run));
    }

    [Fact]
    public async Task Kill_and_restart_fault_restarts_a_node_with_its_output_kept()
    {
        var run = DockerFixture.NewRunId("podkill");
        var pod = new PodSpec("kill", run,
        [
            Node("n1", "echo start >> $SPECULA_OUT/n1.log; echo up; sleep 100"),
            // The driver ends the run once n1 has started twice, not after a fixed sleep: on a loaded machine the
            // containers can take longer to start than any sleep that keeps the test short.
            Node("driver", "until [ \"$(grep -c start $SPECULA_OUT/n1.log 2>/dev/null)\" = 2 ]; do usleep 100000; done"),
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
        Assert.Equal(0, await docker.NetworkLeftoversAsync(run));
    }

    [Fact]
    public async Task Cancelled_pod_is_removed_entirely()
    {
        var run = DockerFixture.NewRunId("podcancel");
        var pod = new PodSpec("cancel", run, [Node("n1", "sleep 100"), Node("driver", "sleep 100")], TimeSpan.FromSeconds(60),
            [new NodeFault(NodeFaultKind.Disconnect, "n1", TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30))]);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var result = await Pod.RunAsync(pod, DockerFixture.TempDir(), cancellationToken: cancel.Token);

        Assert.Equal(RunStatus.Cancelled, result.Value.Status);
        Assert.Equal((0, 0), await docker.LeftoversAsync(run));
        Assert.Equal(0, await docker.NetworkLeftoversAsync(run));
    }

    [Fact]
    public async Task Failed_pod_is_removed_entirely()
    {
        var run = DockerFixture.NewRunId("podfail");
        var pod = new PodSpec("fail", run, [Node("n1", "sleep 100"), Node("driver", "true") with { Image = "specula-no-such-image:0" }], TimeSpan.FromSeconds(30), []);
        var result = await Pod.RunAsync(pod, DockerFixture.TempDir());

        Assert.Equal(SandboxErrorCodes.ContainerFailed, result.Error!.Code);
        Assert.Equal((0, 0), await docker.LeftoversAsync(run));
        Assert.Equal(0, await docker.NetworkLeftoversAsync(run));
    }

    [Fact]
    public async Task Faults_on_the_driver_or_unknown_nodes_are_refused()
    {
        var pod = new PodSpec("bad", "x", [Node("n1", "true"), Node("driver", "true")], TimeSpan.FromSeconds(5),
            [new NodeFault(NodeFaultKind.Pause, "driver", TimeSpan.Zero, TimeSpan.FromSeconds(1))]);
        var result = await Pod.RunAsync(pod, DockerFixture.TempDir());

        Assert.Equal(SandboxErrorCodes.InvalidSpec, result.Error!.Code);
    }

    private static string[] HostIPv4Addresses() =>
    [
        .. NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Where(a => a.Address.AddressFamily == AddressFamily.InterNetwork)
            .Select(a => a.Address.ToString())
            .Distinct(),
    ];
}
