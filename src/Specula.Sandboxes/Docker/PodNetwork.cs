using System.Globalization;
using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Specula.Sandboxes.Docker;

/// <summary>The private network of one pod: its Docker id and name, its subnet, and the fixed address of every node.</summary>
/// <param name="Id">Docker network id.</param>
/// <param name="Name">Docker network name.</param>
/// <param name="Subnet">The /24 it uses, CIDR notation.</param>
/// <param name="Addresses">Each node's IPv4 address, by node name, in node order.</param>
public sealed record PodNetworkLease(string Id, string Name, string Subnet, IReadOnlyList<KeyValuePair<string, string>> Addresses)
{
    /// <summary>The address of <paramref name="node"/>.</summary>
    public string AddressOf(string node) => Addresses.First(a => a.Key == node).Value;

    /// <summary>The peers as the workload sees them in <c>SPECULA_PEERS</c>: <c>n1=198.18.7.2,n2=198.18.7.3,...</c>.</summary>
    public string PeersVariable => string.Join(',', Addresses.Select(a => $"{a.Key}={a.Value}"));

    /// <summary>/etc/hosts entries (<c>name:ip</c>) so nodes find each other by name without DNS.</summary>
    public IList<string> HostEntries => [.. Addresses.Select(a => $"{a.Key}:{a.Value}")];
}

/// <summary>Creates, edits and removes a pod's private network: a Docker bridge marked internal whose bridge interface gets no IPv4
/// address on the host (<c>com.docker.network.bridge.inhibit_ipv4</c>). Containers on it reach each other and nothing else: the
/// gateway address of their default route belongs to no one, so neither the host nor anything beyond it answers, and this holds
/// without iptables (dockerd runs with <c>--iptables=false --ip-forward=false</c>). Nodes get fixed addresses so a node cut off
/// and reconnected comes back under the same address.</summary>
public sealed class PodNetwork(DockerConnection connection)
{
    /// <summary>The address block pod subnets are carved from: 198.18.0.0/15 is reserved for benchmarking (RFC 2544), is not
    /// routed on the internet and is rarely used on a LAN, so a pod's /24 seldom shadows an address the host uses.</summary>
    private const int Blocks = 512;

    private const int Attempts = 16;

    /// <summary>At most this many nodes fit a /24 (addresses .2 to .254; .1 is the unassigned gateway).</summary>
    public const int MaxNodes = 253;

    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Creates a network named <paramref name="name"/> with a free /24 and assigns addresses to <paramref name="nodes"/>.
    /// A subnet already taken by another network (a concurrent pod) is skipped.</summary>
    public Task<PodNetworkLease> CreateAsync(string name, IReadOnlyList<string> nodes, IDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return CreateAsync(name, nodes, labels, (int)((uint)name.GetHashCode(StringComparison.Ordinal) % Blocks), cancellationToken);
    }

    /// <summary>As <see cref="CreateAsync(string, IReadOnlyList{string}, IDictionary{string, string}, CancellationToken)"/>, trying
    /// block <paramref name="start"/> of 198.18.0.0/15 first.</summary>
    internal async Task<PodNetworkLease> CreateAsync(string name, IReadOnlyList<string> nodes, IDictionary<string, string> labels, int start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (nodes.Count > MaxNodes)
        {
            throw new ArgumentException($"A pod network holds at most {MaxNodes} nodes.", nameof(nodes));
        }
        DockerApiException? last = null;
        for (var i = 0; i < Attempts; i++)
        {
            var block = (start + i * 37) % Blocks; // 37 is coprime to 512: successive attempts visit distinct blocks
            var prefix = string.Create(CultureInfo.InvariantCulture, $"198.{18 + block / 256}.{block % 256}");
            var parameters = new NetworksCreateParameters
            {
                Name = name,
                Driver = "bridge",
                Internal = true,
                Attachable = false,
                EnableIPv6 = false,
                CheckDuplicate = true,
                Labels = labels,
                Options = new Dictionary<string, string> { ["com.docker.network.bridge.inhibit_ipv4"] = "true" },
                IPAM = new IPAM
                {
                    Driver = "default",
                    Config = [new IPAMConfig { Subnet = prefix + ".0/24", Gateway = prefix + ".1" }],
                },
            };
            try
            {
                var created = await connection.Client.Networks.CreateNetworkAsync(parameters, cancellationToken).ConfigureAwait(false);
                var addresses = nodes.Select((n, k) => new KeyValuePair<string, string>(n, string.Create(CultureInfo.InvariantCulture, $"{prefix}.{k + 2}"))).ToArray();
                return new PodNetworkLease(created.ID, name, prefix + ".0/24", addresses);
            }
            catch (DockerApiException ex) when (ex.ResponseBody?.Contains("overlaps", StringComparison.OrdinalIgnoreCase) == true)
            {
                last = ex;
            }
        }
        throw last!;
    }

    /// <summary>The endpoint settings that attach a container to <paramref name="lease"/> under <paramref name="node"/>'s address.
    /// The MAC address is derived from the IP address (as Docker 20.10 does itself), so a reconnected node also keeps its MAC
    /// and its peers' ARP caches stay right on daemons that would pick a random one. No network aliases: when a container
    /// leaves a network the daemon deletes the /etc/hosts lines of its peers' aliases, which would take the node names
    /// (from <see cref="PodNetworkLease.HostEntries"/>) with them.</summary>
    public static EndpointSettings Endpoint(PodNetworkLease lease, string node)
    {
        var ip = lease.AddressOf(node);
        return new EndpointSettings
        {
            IPAMConfig = new EndpointIPAMConfig { IPv4Address = ip },
            MacAddress = "02:42:" + string.Join(':', IPAddress.Parse(ip).GetAddressBytes().Select(b => b.ToString("x2", CultureInfo.InvariantCulture))),
        };
    }

    /// <summary>Cuts <paramref name="containerId"/> off the network: its interface disappears, so its sends fail at once and
    /// its peers' sends to it time out.</summary>
    public Task DisconnectAsync(PodNetworkLease lease, string containerId, CancellationToken cancellationToken) =>
        connection.Client.Networks.DisconnectNetworkAsync(lease.Id, new NetworkDisconnectParameters { Container = containerId, Force = true }, cancellationToken);

    /// <summary>Attaches <paramref name="containerId"/> again under <paramref name="node"/>'s address.</summary>
    public Task ReconnectAsync(PodNetworkLease lease, string containerId, string node, CancellationToken cancellationToken) =>
        connection.Client.Networks.ConnectNetworkAsync(lease.Id, new NetworkConnectParameters { Container = containerId, EndpointConfig = Endpoint(lease, node) }, cancellationToken);

    /// <summary>Removes the network (its containers must be gone); a failure is left to the sweeper, which finds it by its labels.</summary>
    /// <returns>True when it was removed.</returns>
    public async Task<bool> RemoveAsync(string networkId)
    {
        using var token = new CancellationTokenSource(CleanupTimeout);
        try
        {
            await connection.Client.Networks.DeleteNetworkAsync(networkId, token.Token).ConfigureAwait(false);
            return true;
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return true;
        }
        catch (Exception ex) when (ex is DockerApiException or OperationCanceledException or HttpRequestException or IOException)
        {
            return false;
        }
    }
}
