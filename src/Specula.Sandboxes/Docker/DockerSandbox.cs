using System.Globalization;
using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Specula.Sandboxes.Docker;

/// <summary>Runs each command in a fresh locked-down container: no network, no capabilities, no new privileges, read-only root,
/// tmpfs /tmp, memory and pids limits, a non-root user and a wall-clock limit. Results come out of a volume at /out.
/// The container and its volume are removed whatever happens.</summary>
public sealed class DockerSandbox(DockerConnection connection, TimeProvider clock) : ISandbox
{
    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public string Kind => "docker";

    /// <inheritdoc />
    public bool IsIsolated => true;

    /// <inheritdoc />
    public async Task<SandboxResult<RunOutcome>> RunAsync(RunSpec spec, string hostOutputDirectory, Action<LogLine>? onLog = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(hostOutputDirectory);
        if (spec.Command.Count == 0 || spec.Timeout <= TimeSpan.Zero)
        {
            return SandboxResult<RunOutcome>.Fail(SandboxErrorCodes.InvalidSpec, "A run needs a command and a positive timeout.");
        }

        var suffix = Guid.NewGuid().ToString("N")[..10];
        var labels = SandboxLabels.For(spec.RunId, clock);
        var volume = $"specula-out-{suffix}";
        string? containerId = null;
        var volumeCreated = false;
        try
        {
            await connection.Client.Volumes.CreateAsync(new VolumesCreateParameters { Name = volume, Labels = labels }, cancellationToken).ConfigureAwait(false);
            volumeCreated = true;
            var created = await connection.Client.Containers.CreateContainerAsync(CreateParameters(spec, $"specula-{Images.ImageBuilder.Sanitize(spec.Name)}-{suffix}", volume, labels), cancellationToken).ConfigureAwait(false);
            containerId = created.ID;
            return await RunCreatedAsync(spec, containerId, hostOutputDirectory, onLog, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cancelled before the command started: nothing ran.
            return new RunOutcome(RunStatus.Cancelled, -1, "", "", TimeSpan.Zero, []);
        }
        catch (DockerApiException ex)
        {
            return SandboxResult<RunOutcome>.Fail(SandboxErrorCodes.ContainerFailed, $"The Docker daemon refused the run '{spec.Name}': {Describe(ex)}",
                ex.StatusCode == HttpStatusCode.NotFound ? $"Is the image {spec.Image} built? `specula trace` builds it first." : null);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return SandboxResult<RunOutcome>.Fail(SandboxErrorCodes.DaemonUnreachable, $"Lost the connection to the Docker daemon during '{spec.Name}': {ex.Message}");
        }
        finally
        {
            await CleanupAsync(containerId, volumeCreated ? volume : null).ConfigureAwait(false);
        }
    }

    private async Task<SandboxResult<RunOutcome>> RunCreatedAsync(RunSpec spec, string id, string hostOutputDirectory, Action<LogLine>? onLog, CancellationToken cancellationToken)
    {
        var containers = connection.Client.Containers;
        var stdout = new OutputCollector(LogSource.Stdout, onLog);
        var stderr = new OutputCollector(LogSource.Stderr, onLog);

        // Attach before starting (as `docker run` does): reading the log file after the start races the log driver,
        // which may not yet hold the last, unterminated line of a container that exited quickly.
        using var pumpStop = new CancellationTokenSource();
        var attached = await containers.AttachContainerAsync(id, false,
            new ContainerAttachParameters { Stream = true, Stdout = true, Stderr = true }, cancellationToken).ConfigureAwait(false);
        var pump = PumpLogsAsync(attached, stdout, stderr, pumpStop.Token);

        await containers.StartContainerAsync(id, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
        var started = clock.GetTimestamp();

        // WaitContainerAsync ignores the client's default timeout: the wall-clock limit is enforced with our own token.
        using var timeout = new CancellationTokenSource(spec.Timeout, clock);
        using var waitToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var faults = spec.Faults.Count == 0 ? Task.FromResult<IReadOnlyList<AppliedFault>>([]) : InjectFaultsAsync(id, spec.Faults, started, waitToken.Token);

        var status = RunStatus.Exited;
        long exitCode;
        try
        {
            exitCode = (await containers.WaitContainerAsync(id, waitToken.Token).ConfigureAwait(false)).StatusCode;
        }
        catch (OperationCanceledException) when (waitToken.IsCancellationRequested)
        {
            status = cancellationToken.IsCancellationRequested ? RunStatus.Cancelled : RunStatus.TimedOut;
            exitCode = await KillAsync(id).ConfigureAwait(false);
        }
        var duration = clock.GetElapsedTime(started);
        var applied = await faults.ConfigureAwait(false);

        // The log stream ends when the container stops; give it a moment to drain, then stop reading.
        pumpStop.CancelAfter(TimeSpan.FromSeconds(10));
        await pump.ConfigureAwait(false);
        stdout.Complete();
        stderr.Complete();

        using var inspectToken = new CancellationTokenSource(CleanupTimeout);
        var state = (await containers.InspectContainerAsync(id, inspectToken.Token).ConfigureAwait(false)).State;
        if (status == RunStatus.Exited && state.OOMKilled)
        {
            status = RunStatus.OutOfMemory;
        }

        var copied = await CopyOutAsync(id, hostOutputDirectory).ConfigureAwait(false);
        if (!copied.IsSuccess)
        {
            return copied.Error!;
        }
        return new RunOutcome(status, exitCode, stdout.ToString(), stderr.ToString(), duration, copied.Value) { AppliedFaults = applied };
    }

    /// <summary>The locked-down container configuration: no network, or with <paramref name="network"/> attached to a pod's private
    /// network under the node's fixed address (peers named in /etc/hosts; DNS pointed at the container's own loopback, so the
    /// daemon's embedded resolver never forwards a query out of the container's namespace; IPv6 off).</summary>
    internal static CreateContainerParameters CreateParameters(RunSpec spec, string name, string volume, Dictionary<string, string> labels, (PodNetworkLease Lease, string Node)? network = null)
    {
        var env = new List<string> { $"SPECULA_OUT={RunSpec.ContainerOutputPath}", "HOME=/tmp", "PATH=/bin:/usr/bin" };
        env.AddRange(spec.Environment.Select(kv => $"{kv.Key}={kv.Value}"));
        var mounts = new List<Mount> { new() { Type = "volume", Source = volume, Target = RunSpec.ContainerOutputPath } };
        mounts.AddRange(spec.ReadOnlyMounts.Select(m => new Mount { Type = "bind", Source = m.HostPath, Target = m.SandboxPath, ReadOnly = true }));
        return new CreateContainerParameters
        {
            Name = name,
            Image = spec.Image,
            Cmd = [.. spec.Command],
            Env = env,
            WorkingDir = spec.WorkingDirectory,
            User = spec.User,
            Labels = labels,
            NetworkDisabled = network is null,
            NetworkingConfig = network is { } attached
                ? new NetworkingConfig { EndpointsConfig = new Dictionary<string, EndpointSettings> { [attached.Lease.Name] = PodNetwork.Endpoint(attached.Lease, attached.Node) } }
                : null,
            AttachStdout = true,
            AttachStderr = true,
            HostConfig = new HostConfig
            {
                NetworkMode = network?.Lease.Name ?? "none",
                ExtraHosts = network?.Lease.HostEntries,
                DNS = network is null ? null : ["127.0.0.1"],
                Sysctls = network is null ? null : new Dictionary<string, string> { ["net.ipv6.conf.all.disable_ipv6"] = "1" },
                CapDrop = ["ALL"],
                SecurityOpt = ["no-new-privileges"],
                ReadonlyRootfs = true,
                Privileged = false,
                Tmpfs = new Dictionary<string, string>
                {
                    ["/tmp"] = "rw,nosuid,nodev,size=" + spec.Limits.TmpfsBytes.ToString(CultureInfo.InvariantCulture),
                },
                Memory = spec.Limits.MemoryBytes,
                MemorySwap = spec.Limits.MemoryBytes, // no swap: the memory limit is the limit
                PidsLimit = spec.Limits.Pids,
                NanoCPUs = spec.Limits.NanoCpus,
                Init = true,
                Mounts = mounts,
                RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.No },
                LogConfig = new LogConfig { Type = "json-file", Config = new Dictionary<string, string> { ["max-size"] = "50m" } },
            },
        };
    }

    internal static async Task PumpLogsAsync(MultiplexedStream stream, OutputCollector stdout, OutputCollector stderr, CancellationToken cancellationToken)
    {
        try
        {
            // MultiplexedStream strips the 8-byte frame headers and says which stream each chunk came from
            // (the plain Stream overload of GetContainerLogsAsync would hand over the headers as data).
            using (stream)
            {
                var buffer = new byte[81920];
                while (true)
                {
                    var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
                    if (read.EOF)
                    {
                        break;
                    }
                    (read.Target == MultiplexedStream.TargetStream.StandardError ? stderr : stdout).Write(buffer.AsSpan(0, read.Count));
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException or DockerApiException or ObjectDisposedException)
        {
            // Logs are best effort: the exit status and the output folder are the results.
        }
    }

    private async Task<IReadOnlyList<AppliedFault>> InjectFaultsAsync(string id, IReadOnlyList<SandboxFault> faults, long started, CancellationToken cancellationToken)
    {
        var applied = new List<AppliedFault>();
        try
        {
            foreach (var fault in faults.OrderBy(f => f.At))
            {
                var wait = fault.At - clock.GetElapsedTime(started);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock, cancellationToken).ConfigureAwait(false);
                }
                var begin = clock.GetElapsedTime(started);
                await connection.Client.Containers.PauseContainerAsync(id, cancellationToken).ConfigureAwait(false);
                try
                {
                    await Task.Delay(fault.Duration, clock, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    using var unpause = new CancellationTokenSource(CleanupTimeout);
                    await connection.Client.Containers.UnpauseContainerAsync(id, unpause.Token).ConfigureAwait(false);
                }
                applied.Add(new AppliedFault(fault.Kind, begin, clock.GetElapsedTime(started)));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or DockerApiException)
        {
            // The run ended (or the container already stopped) before every fault was due.
        }
        return applied;
    }

    internal async Task<long> KillAsync(string id)
    {
        using var token = new CancellationTokenSource(CleanupTimeout);
        try
        {
            await connection.Client.Containers.KillContainerAsync(id, new ContainerKillParameters { Signal = "SIGKILL" }, token.Token).ConfigureAwait(false);
        }
        catch (DockerApiException)
        {
            // Already stopped (409) or paused: the wait below settles it.
        }
        try
        {
            return (await connection.Client.Containers.WaitContainerAsync(id, token.Token).ConfigureAwait(false)).StatusCode;
        }
        catch (Exception ex) when (ex is OperationCanceledException or DockerApiException)
        {
            return 137;
        }
    }

    internal async Task<SandboxResult<IReadOnlyList<string>>> CopyOutAsync(string id, string hostOutputDirectory)
    {
        // Volumes can be read through the archive API even after the container stopped; a tmpfs could not.
        using var token = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            var archive = await connection.Client.Containers.GetArchiveFromContainerAsync(
                id, new GetArchiveFromContainerParameters { Path = RunSpec.ContainerOutputPath }, false, token.Token).ConfigureAwait(false);
            // Spool the archive to a temporary file first: reading tar entries straight off the HTTP stream is unreliable
            // (short reads end entries early), and a file lets the extraction seek.
            var spool = Path.GetTempFileName();
            try
            {
                await using (var stream = archive.Stream)
                {
                    var file = new FileStream(spool, FileMode.Create, FileAccess.Write, FileShare.None);
                    await using (file.ConfigureAwait(false))
                    {
                        await stream.CopyToAsync(file, token.Token).ConfigureAwait(false);
                    }
                }
                var tar = new FileStream(spool, FileMode.Open, FileAccess.Read, FileShare.Read);
                await using (tar.ConfigureAwait(false))
                {
                    var files = await TarExtraction.ExtractAsync(tar, hostOutputDirectory, 1, token.Token).ConfigureAwait(false);
                    return SandboxResult<IReadOnlyList<string>>.Ok(files);
                }
            }
            finally
            {
                File.Delete(spool);
            }
        }
        catch (Exception ex) when (ex is DockerApiException or IOException or InvalidDataException or OperationCanceledException or UnauthorizedAccessException)
        {
            return SandboxResult<IReadOnlyList<string>>.Fail(SandboxErrorCodes.CopyOutFailed,
                $"Could not copy {RunSpec.ContainerOutputPath} out of the container into {hostOutputDirectory}: {ex.Message}");
        }
    }

    internal async Task CleanupAsync(string? containerId, string? volume)
    {
        using var token = new CancellationTokenSource(CleanupTimeout);
        if (containerId is not null)
        {
            try
            {
                await connection.Client.Containers.RemoveContainerAsync(containerId, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, token.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is DockerApiException or OperationCanceledException or HttpRequestException or IOException)
            {
                // The sweeper removes what is left (it carries our labels).
            }
        }
        if (volume is not null)
        {
            try
            {
                await connection.Client.Volumes.RemoveAsync(volume, true, token.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is DockerApiException or OperationCanceledException or HttpRequestException or IOException)
            {
                // Same: the sweeper finds it by label.
            }
        }
    }

    private static string Describe(DockerApiException ex) => string.IsNullOrWhiteSpace(ex.ResponseBody) ? ex.Message : ex.ResponseBody.Trim();
}
