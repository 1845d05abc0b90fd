using Docker.DotNet;
using Docker.DotNet.Models;

namespace Specula.Sandboxes.Docker;

/// <summary>A fault injected into one node of a pod.</summary>
public enum NodeFaultKind
{
    /// <summary>SIGKILL the node's container, then start it again (same command, same output volume) after the duration.</summary>
    KillRestart,

    /// <summary>Freeze the node's processes (cgroup freezer) for the duration.</summary>
    Pause,

    /// <summary>Cut the node off the pod's network for the duration, then attach it again under the same address.</summary>
    Disconnect,
}

/// <summary>A fault scheduled for one node, relative to the pod's start.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="Node">The node's name.</param>
/// <param name="At">When.</param>
/// <param name="Duration">How long the node stays down, frozen or cut off.</param>
public sealed record NodeFault(NodeFaultKind Kind, string Node, TimeSpan At, TimeSpan Duration);

/// <summary>A fault that was injected into a node.</summary>
/// <param name="Kind">What was done.</param>
/// <param name="Node">To which node.</param>
/// <param name="Start">Offset from the pod's start.</param>
/// <param name="End">Offset from the pod's start.</param>
public sealed record AppliedNodeFault(NodeFaultKind Kind, string Node, TimeSpan Start, TimeSpan End);

/// <summary>Several containers that make one system: they share a private network of their own with no route out
/// (<see cref="PodNetwork"/>; each node has a fixed address, finds its peers by name in /etc/hosts and in <c>SPECULA_PEERS</c>),
/// one output volume at /out, and the lock-down of single runs.
/// The pod ends when its driver (the last node) exits or the timeout strikes; then every node is killed.</summary>
/// <param name="Name">Short name for container names.</param>
/// <param name="RunId">Run id for the labels.</param>
/// <param name="Nodes">The nodes; each RunSpec's Name names the node, its Timeout is ignored. The last one is the driver.</param>
/// <param name="Timeout">Wall-clock limit of the whole pod.</param>
/// <param name="Faults">Faults injected into nodes.</param>
public sealed record PodSpec(string Name, string RunId, IReadOnlyList<RunSpec> Nodes, TimeSpan Timeout, IReadOnlyList<NodeFault> Faults);

/// <summary>How one node of a pod ended.</summary>
/// <param name="ExitCode">Exit code of its last run (137 when killed at the end).</param>
/// <param name="Starts">How often it was started (1 + restarts).</param>
/// <param name="Stdout">Its standard output over all starts.</param>
/// <param name="Stderr">Its standard error over all starts.</param>
public sealed record NodeOutcome(long ExitCode, int Starts, string Stdout, string Stderr);

/// <summary>How a pod run ended.</summary>
/// <param name="Status">How the driver ended.</param>
/// <param name="Nodes">Every node by name.</param>
/// <param name="Duration">Start to the driver's exit.</param>
/// <param name="OutputFiles">Files copied out of the shared output folder.</param>
/// <param name="AppliedFaults">Faults injected.</param>
public sealed record PodOutcome(RunStatus Status, IReadOnlyDictionary<string, NodeOutcome> Nodes, TimeSpan Duration, IReadOnlyList<string> OutputFiles, IReadOnlyList<AppliedNodeFault> AppliedFaults)
{
    /// <summary>The pod's network: its subnet and each node's address (null when the pod never got that far).</summary>
    public PodNetworkLease? Network { get; init; }

    /// <summary>Time to create the pod's network.</summary>
    public TimeSpan NetworkSetup { get; init; }
}

/// <summary>Runs pods on the Docker daemon.</summary>
public sealed class DockerPod(DockerConnection connection, TimeProvider clock)
{
    private readonly DockerSandbox _single = new(connection, clock);
    private readonly PodNetwork _network = new(connection);

    /// <summary>Runs <paramref name="pod"/>; the shared output folder ends up in <paramref name="hostOutputDirectory"/>.
    /// Every container, the network and the volume are removed whatever happens.</summary>
    public async Task<SandboxResult<PodOutcome>> RunAsync(PodSpec pod, string hostOutputDirectory, Action<string, LogLine>? onLog = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (pod.Nodes.Count == 0 || pod.Nodes.Count > PodNetwork.MaxNodes || pod.Nodes.Select(n => n.Name).Distinct(StringComparer.Ordinal).Count() != pod.Nodes.Count
            || pod.Faults.Any(f => pod.Nodes.All(n => n.Name != f.Node) || f.Node == pod.Nodes[^1].Name))
        {
            return SandboxResult<PodOutcome>.Fail(SandboxErrorCodes.InvalidSpec,
                $"A pod needs 1 to {PodNetwork.MaxNodes} nodes with distinct names, and faults may only hit nodes other than the driver (the last).");
        }
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var labels = SandboxLabels.For(pod.RunId, clock);
        var volume = $"specula-out-{suffix}";
        var containers = new List<string>();
        var volumeCreated = false;
        PodNetworkLease? network = null;
        var client = connection.Client;
        try
        {
            await client.Volumes.CreateAsync(new VolumesCreateParameters { Name = volume, Labels = labels }, cancellationToken).ConfigureAwait(false);
            volumeCreated = true;
            var setup = clock.GetTimestamp();
            network = await _network.CreateAsync($"specula-net-{suffix}", [.. pod.Nodes.Select(n => n.Name)], labels, cancellationToken).ConfigureAwait(false);
            var networkSetup = clock.GetElapsedTime(setup);

            var nodes = new List<PodNode>();
            foreach (var spec in pod.Nodes)
            {
                var env = new Dictionary<string, string>(spec.Environment) { ["SPECULA_NODE"] = spec.Name, ["SPECULA_PEERS"] = network.PeersVariable };
                var created = await client.Containers.CreateContainerAsync(
                    DockerSandbox.CreateParameters(spec with { Environment = env }, $"specula-{Images.ImageBuilder.Sanitize(pod.Name)}-{Images.ImageBuilder.Sanitize(spec.Name)}-{suffix}", volume, labels, (network, spec.Name)),
                    cancellationToken).ConfigureAwait(false);
                containers.Add(created.ID);
                nodes.Add(new PodNode(spec.Name, created.ID, new OutputCollector(LogSource.Stdout, l => onLog?.Invoke(spec.Name, l)), new OutputCollector(LogSource.Stderr, l => onLog?.Invoke(spec.Name, l))));
            }

            // The nodes together (a start on the network takes about half a second each), then the driver, which may count on them.
            await Task.WhenAll(nodes.Take(nodes.Count - 1).Select(n => StartAsync(n, cancellationToken))).ConfigureAwait(false);
            await StartAsync(nodes[^1], cancellationToken).ConfigureAwait(false);
            var started = clock.GetTimestamp();
            using var timeout = new CancellationTokenSource(pod.Timeout, clock);
            using var waitToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            var faults = InjectAsync(nodes, network, pod.Faults, started, waitToken.Token);

            var driver = nodes[^1];
            var status = RunStatus.Exited;
            try
            {
                driver.ExitCode = (await client.Containers.WaitContainerAsync(driver.Id, waitToken.Token).ConfigureAwait(false)).StatusCode;
            }
            catch (OperationCanceledException) when (waitToken.IsCancellationRequested)
            {
                status = cancellationToken.IsCancellationRequested ? RunStatus.Cancelled : RunStatus.TimedOut;
            }
            var duration = clock.GetElapsedTime(started);
            await waitToken.CancelAsync().ConfigureAwait(false); // stops pending faults (a killed node is not restarted after the end)
            var applied = await faults.ConfigureAwait(false);
            var codes = await Task.WhenAll(nodes.Select(n => _single.KillAsync(n.Id))).ConfigureAwait(false);
            for (var i = 0; i < nodes.Count; i++)
            {
                if (nodes[i] != driver || status != RunStatus.Exited)
                {
                    nodes[i].ExitCode = codes[i];
                }
            }
            await Task.WhenAll(nodes.SelectMany(n => n.Pumps)).WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            foreach (var node in nodes)
            {
                node.Stdout.Complete();
                node.Stderr.Complete();
            }
            if (status == RunStatus.Exited)
            {
                using var inspectToken = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                if ((await client.Containers.InspectContainerAsync(driver.Id, inspectToken.Token).ConfigureAwait(false)).State.OOMKilled)
                {
                    status = RunStatus.OutOfMemory;
                }
            }
            var copied = await _single.CopyOutAsync(driver.Id, hostOutputDirectory).ConfigureAwait(false);
            if (!copied.IsSuccess)
            {
                return copied.Error!;
            }
            var outcomes = nodes.ToDictionary(n => n.Name, n => new NodeOutcome(n.ExitCode, n.Starts, n.Stdout.ToString(), n.Stderr.ToString()), StringComparer.Ordinal);
            return new PodOutcome(status, outcomes, duration, copied.Value, applied) { Network = network, NetworkSetup = networkSetup };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new PodOutcome(RunStatus.Cancelled, new Dictionary<string, NodeOutcome>(), TimeSpan.Zero, [], []) { Network = network };
        }
        catch (DockerApiException ex)
        {
            return SandboxResult<PodOutcome>.Fail(SandboxErrorCodes.ContainerFailed, $"The Docker daemon refused the pod '{pod.Name}': {(string.IsNullOrWhiteSpace(ex.ResponseBody) ? ex.Message : ex.ResponseBody.Trim())}");
        }
        finally
        {
            // Containers first: a network with endpoints cannot be removed.
            await Task.WhenAll(containers.Select(id => _single.CleanupAsync(id, null))).ConfigureAwait(false);
            if (network is not null)
            {
                await _network.RemoveAsync(network.Id).ConfigureAwait(false);
            }
            await _single.CleanupAsync(null, volumeCreated ? volume : null).ConfigureAwait(false);
        }
    }

    private async Task StartAsync(PodNode node, CancellationToken cancellationToken)
    {
        // Attach before each start so no output is lost (also after a restart).
        var stream = await connection.Client.Containers.AttachContainerAsync(node.Id, false,
            new ContainerAttachParameters { Stream = true, Stdout = true, Stderr = true }, cancellationToken).ConfigureAwait(false);
        node.Pumps.Add(DockerSandbox.PumpLogsAsync(stream, node.Stdout, node.Stderr, CancellationToken.None));
        await connection.Client.Containers.StartContainerAsync(node.Id, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
        node.Starts++;
    }

    private async Task<IReadOnlyList<AppliedNodeFault>> InjectAsync(List<PodNode> nodes, PodNetworkLease network, IReadOnlyList<NodeFault> faults, long started, CancellationToken cancellationToken)
    {
        var applied = new List<AppliedNodeFault>();
        try
        {
            foreach (var fault in faults.OrderBy(f => f.At))
            {
                var wait = fault.At - clock.GetElapsedTime(started);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock, cancellationToken).ConfigureAwait(false);
                }
                var node = nodes.First(n => n.Name == fault.Node);
                var begin = clock.GetElapsedTime(started);
                if (fault.Kind == NodeFaultKind.Pause)
                {
                    await connection.Client.Containers.PauseContainerAsync(node.Id, cancellationToken).ConfigureAwait(false);
                    try
                    {
                        await Task.Delay(fault.Duration, clock, cancellationToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        using var unpause = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                        await connection.Client.Containers.UnpauseContainerAsync(node.Id, unpause.Token).ConfigureAwait(false);
                    }
                }
                else if (fault.Kind == NodeFaultKind.Disconnect)
                {
                    await _network.DisconnectAsync(network, node.Id, cancellationToken).ConfigureAwait(false);
                    try
                    {
                        await Task.Delay(fault.Duration, clock, cancellationToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        // Reconnected also when the pod ends early, so the node's last moments see the network it started with.
                        using var reconnect = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                        await _network.ReconnectAsync(network, node.Id, node.Name, reconnect.Token).ConfigureAwait(false);
                    }
                }
                else
                {
                    await _single.KillAsync(node.Id).ConfigureAwait(false);
                    await Task.Delay(fault.Duration, clock, cancellationToken).ConfigureAwait(false);
                    await StartAsync(node, cancellationToken).ConfigureAwait(false);
                }
                applied.Add(new AppliedNodeFault(fault.Kind, fault.Node, begin, clock.GetElapsedTime(started)));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or DockerApiException)
        {
            // The pod ended before every fault was due.
        }
        return applied;
    }

    private sealed class PodNode(string name, string id, OutputCollector stdout, OutputCollector stderr)
    {
        public string Name { get; } = name;
        public string Id { get; } = id;
        public OutputCollector Stdout { get; } = stdout;
        public OutputCollector Stderr { get; } = stderr;
        public List<Task> Pumps { get; } = [];
        public int Starts { get; set; }
        public long ExitCode { get; set; } = -1;
    }
}
