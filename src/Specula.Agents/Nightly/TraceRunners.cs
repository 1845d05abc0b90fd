using Specula.Sandboxes;
using Specula.Sandboxes.Docker;
using Specula.Sandboxes.Images;
using Specula.Sandboxes.Process;
using Specula.Sandboxes.Tracing;

namespace Specula.Agents.Nightly;

/// <summary>A trace runner and what it holds open (a Docker connection), released together.</summary>
/// <param name="Runner">The runner.</param>
/// <param name="Resource">Closed when the lease is disposed; null when there is nothing to close.</param>
public sealed record TraceRunnerLease(TraceRunner Runner, IDisposable? Resource) : IDisposable
{
    /// <inheritdoc />
    public void Dispose() => Resource?.Dispose();
}

/// <summary>Where a nightly gets its sandboxes: the seam between the nightly and Docker.</summary>
public interface ITraceRunnerFactory
{
    /// <summary>A runner on a sandbox of <paramref name="kind"/>, or why there is none (e.g. no Docker daemon).</summary>
    Task<SandboxResult<TraceRunnerLease>> OpenAsync(SandboxKind kind, CancellationToken cancellationToken);
}

/// <summary>The real sandboxes: Docker (connected per target, old containers swept) or local processes.</summary>
public sealed class SandboxTraceRunners(TimeProvider clock) : ITraceRunnerFactory
{
    /// <inheritdoc />
    public async Task<SandboxResult<TraceRunnerLease>> OpenAsync(SandboxKind kind, CancellationToken cancellationToken)
    {
        if (kind == SandboxKind.Process)
        {
            return new TraceRunnerLease(new TraceRunner(new ProcessSandbox(clock), null, clock), null);
        }
        var connected = await DockerConnection.ConnectAsync(cancellationToken).ConfigureAwait(false);
        if (!connected.IsSuccess)
        {
            return connected.Error!;
        }
        var connection = connected.Value;
        await new Sweeper(connection, clock).SweepAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var runner = new TraceRunner(new DockerSandbox(connection, clock), new ImageBuilder(connection, clock), clock, new DockerPod(connection, clock));
        return new TraceRunnerLease(runner, connection);
    }
}
