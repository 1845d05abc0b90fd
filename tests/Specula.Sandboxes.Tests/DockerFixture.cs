using Docker.DotNet.Models;
using Specula.Sandboxes.Docker;
using Specula.Sandboxes.Images;

namespace Specula.Sandboxes.Tests;

/// <summary>One connection to the real daemon and the shared base image for every Docker test.
/// eng/prereqs.sh starts dockerd; without one these tests fail with SBX001 and its hint.</summary>
public sealed class DockerFixture : IAsyncLifetime
{
    private DockerConnection? _connection;

    public DockerConnection Connection => _connection ?? throw new InvalidOperationException("not connected");

    public ImageRef BaseImage { get; private set; } = null!;

    public DockerSandbox Sandbox => new(Connection, TimeProvider.System);

    public async Task InitializeAsync()
    {
        var connected = await DockerConnection.ConnectAsync();
        Assert.True(connected.IsSuccess, connected.Error?.ToString());
        _connection = connected.Value;
        var rootfs = BusyboxRootfs.Create();
        Assert.True(rootfs.IsSuccess, rootfs.Error?.ToString());
        var image = await new ImageBuilder(Connection, TimeProvider.System).EnsureBaseImageAsync(rootfs.Value);
        Assert.True(image.IsSuccess, image.Error?.ToString());
        BaseImage = image.Value;
    }

    public RunSpec Spec(string runId, string script, TimeSpan? timeout = null) => new()
    {
        Image = BaseImage.Tag,
        Command = ["/bin/sh", "-c", script],
        RunId = runId,
        Name = runId,
        Timeout = timeout ?? TimeSpan.FromSeconds(30),
        Limits = new ResourceLimits(64L * 1024 * 1024, 64),
    };

    /// <summary>Containers and volumes still carrying <paramref name="runId"/>.</summary>
    public async Task<(int Containers, int Volumes)> LeftoversAsync(string runId)
    {
        var filters = new Dictionary<string, IDictionary<string, bool>>
        {
            ["label"] = new Dictionary<string, bool> { [$"{SandboxLabels.Run}={runId}"] = true },
        };
        var containers = await Connection.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filters });
        var volumes = await Connection.Client.Volumes.ListAsync(new VolumesListParameters { Filters = filters });
        return (containers.Count, volumes.Volumes?.Count ?? 0);
    }

    /// <summary>Networks still carrying <paramref name="runId"/>.</summary>
    public async Task<int> NetworkLeftoversAsync(string runId)
    {
        var filters = new Dictionary<string, IDictionary<string, bool>>
        {
            ["label"] = new Dictionary<string, bool> { [$"{SandboxLabels.Run}={runId}"] = true },
        };
        return (await Connection.Client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = filters })).Count;
    }

    public static string NewRunId(string what) => $"test-{what}-{Guid.NewGuid():N}"[..32];

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "specula-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    public Task DisposeAsync()
    {
        _connection?.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class DockerTests : ICollectionFixture<DockerFixture>
{
    public const string Name = "docker";
}
