using Docker.DotNet.Models;
using Specula.Sandboxes.Docker;

namespace Specula.Sandboxes.Tests;

[Collection(DockerTests.Name)]
public sealed class SweeperTests(DockerFixture docker)
{
    [Fact]
    public async Task Leftovers_of_a_dead_process_are_removed_and_live_ones_kept()
    {
        var deadRun = DockerFixture.NewRunId("dead");
        var liveRun = DockerFixture.NewRunId("live");
        var dead = SandboxLabels.For(deadRun, TimeProvider.System);
        dead[SandboxLabels.OwnerPid] = "2147483000"; // no such process
        var live = SandboxLabels.For(liveRun, TimeProvider.System);
        var network = new PodNetwork(docker.Connection);
        foreach (var labels in new[] { dead, live })
        {
            await docker.Connection.Client.Volumes.CreateAsync(new VolumesCreateParameters { Name = "specula-out-" + labels[SandboxLabels.Run], Labels = labels });
            await network.CreateAsync("specula-net-" + labels[SandboxLabels.Run], ["n1"], labels, CancellationToken.None);
            await docker.Connection.Client.Containers.CreateContainerAsync(new CreateContainerParameters
            {
                Image = docker.BaseImage.Tag,
                Cmd = ["true"],
                Labels = labels,
                HostConfig = new HostConfig { NetworkMode = "none" },
            });
        }

        var report = await new Sweeper(docker.Connection, TimeProvider.System).SweepAsync();

        Assert.Equal((0, 0), await docker.LeftoversAsync(deadRun));
        Assert.Equal((1, 1), await docker.LeftoversAsync(liveRun));
        Assert.Contains("specula-out-" + deadRun, report.Volumes);
        Assert.Contains("specula-net-" + deadRun, report.Networks);
        Assert.Equal(0, await docker.NetworkLeftoversAsync(deadRun));
        Assert.Equal(1, await docker.NetworkLeftoversAsync(liveRun));

        await new Sweeper(docker.Connection, TimeProvider.System).SweepAsync(runId: liveRun);
        Assert.Equal((0, 0), await docker.LeftoversAsync(liveRun));
        Assert.Equal(0, await docker.NetworkLeftoversAsync(liveRun));
    }
}
