using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Specula.Sandboxes.Docker;

/// <summary>What a sweep removed.</summary>
/// <param name="Containers">Names of removed containers.</param>
/// <param name="Volumes">Names of removed volumes.</param>
/// <param name="Networks">Names of removed pod networks.</param>
public sealed record SweepReport(IReadOnlyList<string> Containers, IReadOnlyList<string> Volumes, IReadOnlyList<string> Networks);

/// <summary>Removes containers, pod networks and volumes left behind by Specula runs that crashed: those whose creating process is gone
/// from this machine, those older than a maximum age, or those of one named run.</summary>
public sealed class Sweeper(DockerConnection connection, TimeProvider clock)
{
    /// <summary>Removes leftovers. Objects of live processes on this machine are kept unless <paramref name="runId"/> names their run
    /// or they are older than <paramref name="maxAge"/>.</summary>
    public async Task<SweepReport> SweepAsync(string? runId = null, TimeSpan? maxAge = null, CancellationToken cancellationToken = default)
    {
        var filters = new Dictionary<string, IDictionary<string, bool>>
        {
            ["label"] = new Dictionary<string, bool> { [$"{SandboxLabels.Marker}=1"] = true },
        };
        var removedContainers = new List<string>();
        var containers = await connection.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filters }, cancellationToken).ConfigureAwait(false);
        foreach (var c in containers.Where(c => IsLeftover(c.Labels, runId, maxAge)))
        {
            try
            {
                await connection.Client.Containers.RemoveContainerAsync(c.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, cancellationToken).ConfigureAwait(false);
                removedContainers.Add(c.Names.FirstOrDefault()?.TrimStart('/') ?? c.ID);
            }
            catch (DockerApiException)
            {
                // Removed concurrently.
            }
        }

        // Networks after containers: a network still holding an endpoint cannot be removed.
        var removedNetworks = new List<string>();
        var networks = await connection.Client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = filters }, cancellationToken).ConfigureAwait(false);
        foreach (var n in networks.Where(n => IsLeftover(n.Labels, runId, maxAge)))
        {
            try
            {
                await connection.Client.Networks.DeleteNetworkAsync(n.ID, cancellationToken).ConfigureAwait(false);
                removedNetworks.Add(n.Name);
            }
            catch (DockerApiException)
            {
                // In use by a container of a live run, or removed concurrently.
            }
        }

        var removedVolumes = new List<string>();
        var volumes = await connection.Client.Volumes.ListAsync(new VolumesListParameters { Filters = filters }, cancellationToken).ConfigureAwait(false);
        foreach (var v in (volumes.Volumes ?? []).Where(v => IsLeftover(v.Labels, runId, maxAge)))
        {
            try
            {
                await connection.Client.Volumes.RemoveAsync(v.Name, true, cancellationToken).ConfigureAwait(false);
                removedVolumes.Add(v.Name);
            }
            catch (DockerApiException)
            {
                // In use by a container of a live run, or removed concurrently.
            }
        }
        return new SweepReport(removedContainers, removedVolumes, removedNetworks);
    }

    private bool IsLeftover(IDictionary<string, string>? labels, string? runId, TimeSpan? maxAge)
    {
        if (labels is null)
        {
            return false;
        }
        if (runId is not null && labels.TryGetValue(SandboxLabels.Run, out var run) && run == runId)
        {
            return true;
        }
        if (maxAge is { } age && labels.TryGetValue(SandboxLabels.Created, out var createdText)
            && long.TryParse(createdText, CultureInfo.InvariantCulture, out var created)
            && clock.GetUtcNow().ToUnixTimeSeconds() - created > age.TotalSeconds)
        {
            return true;
        }
        return labels.TryGetValue(SandboxLabels.OwnerHost, out var host) && host == System.Environment.MachineName
            && labels.TryGetValue(SandboxLabels.OwnerPid, out var pidText)
            && int.TryParse(pidText, CultureInfo.InvariantCulture, out var pid)
            && !IsAlive(pid);
    }

    private static bool IsAlive(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            return Directory.Exists($"/proc/{pid}");
        }
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
