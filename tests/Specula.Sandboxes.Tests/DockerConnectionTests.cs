using Specula.Sandboxes.Docker;

namespace Specula.Sandboxes.Tests;

public sealed class DockerConnectionTests
{
    [Fact]
    public async Task Missing_socket_gives_SBX001_with_how_to_start_a_daemon()
    {
        var result = await DockerConnection.ConnectAsync("unix:///nonexistent/docker.sock", TimeSpan.FromSeconds(2));

        Assert.False(result.IsSuccess);
        Assert.Equal(SandboxErrorCodes.DaemonUnreachable, result.Error!.Code);
        Assert.Contains("/nonexistent/docker.sock", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("dockerd", result.Error.Hint, StringComparison.Ordinal);
        Assert.Contains("--sandbox process", result.Error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_tcp_endpoint_gives_SBX001()
    {
        var result = await DockerConnection.ConnectAsync("tcp://127.0.0.1:1", TimeSpan.FromSeconds(2));

        Assert.Equal(SandboxErrorCodes.DaemonUnreachable, result.Error!.Code);
    }

    [Fact]
    public async Task Socket_file_that_is_not_a_daemon_gives_SBX001()
    {
        var path = Path.Combine(Path.GetTempPath(), $"specula-{Guid.NewGuid():N}.sock");
        await File.WriteAllTextAsync(path, "not a socket");
        try
        {
            var result = await DockerConnection.ConnectAsync("unix://" + path, TimeSpan.FromSeconds(2));
            Assert.Equal(SandboxErrorCodes.DaemonUnreachable, result.Error!.Code);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
