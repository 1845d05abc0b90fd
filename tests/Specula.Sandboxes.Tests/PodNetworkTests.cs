using System.Net.NetworkInformation;
using System.Net.Sockets;
using Specula.Sandboxes.Docker;

namespace Specula.Sandboxes.Tests;

[Collection(DockerTests.Name)]
public sealed class PodNetworkTests(DockerFixture docker)
{
    private PodNetwork Network => new(docker.Connection);

    [Fact]
    public async Task Network_gives_the_host_no_address_and_nodes_fixed_ones()
    {
        var run = DockerFixture.NewRunId("net");
        var lease = await Network.CreateAsync("specula-net-" + run, ["n1", "n2", "driver"], SandboxLabels.For(run, TimeProvider.System), CancellationToken.None);
        try
        {
            var prefix = lease.Subnet[..lease.Subnet.LastIndexOf('.')];
            Assert.Matches(@"^198\.1[89]\.\d+\.0/24$", lease.Subnet);
            Assert.Equal([$"{prefix}.2", $"{prefix}.3", $"{prefix}.4"], lease.Addresses.Select(a => a.Value));
            Assert.Equal([$"n1:{prefix}.2", $"n2:{prefix}.3", $"driver:{prefix}.4"], lease.HostEntries);

            // The bridge exists on the host but holds no IPv4 address: nothing on the network can address the host.
            var bridge = NetworkInterface.GetAllNetworkInterfaces().Single(i => i.Name == "br-" + lease.Id[..12]);
            Assert.DoesNotContain(bridge.GetIPProperties().UnicastAddresses, a => a.Address.AddressFamily == AddressFamily.InterNetwork);
        }
        finally
        {
            Assert.True(await Network.RemoveAsync(lease.Id));
        }
        Assert.Equal(0, await docker.NetworkLeftoversAsync(run));
        Assert.DoesNotContain(NetworkInterface.GetAllNetworkInterfaces(), i => i.Name == "br-" + lease.Id[..12]);
    }

    [Fact]
    public async Task A_subnet_in_use_is_skipped()
    {
        var run = DockerFixture.NewRunId("netclash");
        var labels = SandboxLabels.For(run, TimeProvider.System);
        var first = await Network.CreateAsync("specula-net-a-" + run, ["n1"], labels, 300, CancellationToken.None);
        try
        {
            var second = await Network.CreateAsync("specula-net-b-" + run, ["n1"], labels, 300, CancellationToken.None);
            Assert.True(await Network.RemoveAsync(second.Id));
            Assert.NotEqual(first.Subnet, second.Subnet);
        }
        finally
        {
            Assert.True(await Network.RemoveAsync(first.Id));
        }
        Assert.Equal(0, await docker.NetworkLeftoversAsync(run));
    }
}
