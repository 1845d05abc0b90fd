using System.Net.Sockets;
using Docker.DotNet;

namespace Specula.Sandboxes.Docker;

/// <summary>An open connection to a Docker daemon that answered a ping.</summary>
public sealed class DockerConnection : IDisposable
{
    /// <summary>The endpoint used when DOCKER_HOST is not set.</summary>
    public const string DefaultEndpoint = "unix:///var/run/docker.sock";

    private readonly DockerClientConfiguration _configuration;

    private DockerConnection(DockerClientConfiguration configuration, DockerClient client, Uri endpoint, string apiVersion, string serverVersion)
    {
        _configuration = configuration;
        Client = client;
        Endpoint = endpoint;
        ApiVersion = apiVersion;
        ServerVersion = serverVersion;
    }

    /// <summary>The Docker.DotNet client.</summary>
    public DockerClient Client { get; }

    /// <summary>Where the daemon listens.</summary>
    public Uri Endpoint { get; }

    /// <summary>The daemon's API version, e.g. 1.41.</summary>
    public string ApiVersion { get; }

    /// <summary>The daemon's version, e.g. 20.10.24.</summary>
    public string ServerVersion { get; }

    /// <summary>The endpoint from <paramref name="dockerHost"/> (the DOCKER_HOST value) or the default socket.</summary>
    public static Uri ResolveEndpoint(string? dockerHost) =>
        string.IsNullOrWhiteSpace(dockerHost) ? new Uri(DefaultEndpoint) : new Uri(dockerHost.Trim());

    /// <summary>Connects to the daemon named by DOCKER_HOST (or the default socket) and pings it.</summary>
    public static Task<SandboxResult<DockerConnection>> ConnectAsync(CancellationToken cancellationToken = default) =>
        ConnectAsync(System.Environment.GetEnvironmentVariable("DOCKER_HOST"), TimeSpan.FromSeconds(5), cancellationToken);

    /// <summary>Connects to <paramref name="dockerHost"/> and pings it within <paramref name="pingTimeout"/>.</summary>
    public static async Task<SandboxResult<DockerConnection>> ConnectAsync(string? dockerHost, TimeSpan pingTimeout, CancellationToken cancellationToken = default)
    {
        Uri endpoint;
        try
        {
            endpoint = ResolveEndpoint(dockerHost);
        }
        catch (UriFormatException)
        {
            return Unreachable(dockerHost ?? "", "DOCKER_HOST is not a valid address");
        }

        if (endpoint.Scheme == "unix" && !File.Exists(endpoint.LocalPath))
        {
            return Unreachable(endpoint.ToString(), $"the socket {endpoint.LocalPath} does not exist");
        }

        // Long operations (waits, log follows, builds) pass their own tokens; this bounds the short calls.
        var configuration = new DockerClientConfiguration(endpoint, defaultTimeout: TimeSpan.FromMinutes(5));
        var client = configuration.CreateClient();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(pingTimeout);
            await client.System.PingAsync(timeout.Token).ConfigureAwait(false);
            var version = await client.System.GetVersionAsync(timeout.Token).ConfigureAwait(false);
            return new DockerConnection(configuration, client, endpoint, version.APIVersion, version.Version);
        }
        catch (Exception ex) when (IsConnectionFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            configuration.Dispose();
            return Unreachable(endpoint.ToString(), Describe(ex));
        }
        catch
        {
            client.Dispose();
            configuration.Dispose();
            throw;
        }
    }

    internal static bool IsConnectionFailure(Exception ex) =>
        ex is HttpRequestException or SocketException or IOException or TimeoutException or OperationCanceledException or DockerApiException;

    private static string Describe(Exception ex) => ex switch
    {
        OperationCanceledException or TimeoutException => "it did not answer in time",
        DockerApiException api => $"it answered {(int)api.StatusCode}: {api.ResponseBody?.Trim()}",
        _ => (ex.InnerException ?? ex).Message.TrimEnd('.'),
    };

    private static SandboxError Unreachable(string endpoint, string why) => new(
        SandboxErrorCodes.DaemonUnreachable,
        $"Cannot reach a Docker daemon at {endpoint}: {why}.",
        "Start one with `sudo systemctl start docker` or `sudo dockerd --bridge=none --iptables=false --ip-forward=false --ip-masq=false &`, "
        + "or point DOCKER_HOST at a running daemon; `--sandbox process` runs without Docker (and without isolation).");

    /// <inheritdoc />
    public void Dispose()
    {
        Client.Dispose();
        _configuration.Dispose();
    }
}
