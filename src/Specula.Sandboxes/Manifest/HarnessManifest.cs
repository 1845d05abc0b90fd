namespace Specula.Sandboxes.Manifest;

/// <summary>A validated <c>specula.yaml</c>: how to build a target system and which workloads to trace. Immutable.</summary>
/// <param name="Version">Format version (1).</param>
/// <param name="Name">System name, used for image and trace names.</param>
/// <param name="Language">go, csharp, c, python or shell.</param>
/// <param name="Build">How to build the target; null when the repository ships what runs.</param>
/// <param name="Workloads">What to run, in file order.</param>
/// <param name="Traces">Where the workloads write their traces.</param>
public sealed record HarnessManifest(int Version, string Name, string Language, BuildSection? Build, IReadOnlyList<Workload> Workloads, TraceSection Traces)
{
    /// <summary>The file name looked for at a target's root.</summary>
    public const string FileName = "specula.yaml";

    /// <summary>The base image: busybox (default) or a Debian minbase with packages.</summary>
    public ImageSection Image { get; init; } = ImageSection.Busybox;

    /// <summary>Tracing kits visible to the build and the workloads (with the build's own).</summary>
    public IReadOnlyList<string> Kits { get; init; } = [];

    /// <summary>Every kit the target uses: the manifest's and the build's, in order, once each.</summary>
    public IReadOnlyList<string> AllKits => [.. Kits.Concat(Build?.Kits ?? []).Distinct(StringComparer.Ordinal)];
}

/// <summary>The base image of a target.</summary>
/// <param name="Base"><c>busybox</c> (static targets, host toolchains mounted) or <c>debian</c> (debootstrap minbase).</param>
/// <param name="Packages">Debian packages to include (debian only).</param>
public sealed record ImageSection(string Base, IReadOnlyList<string> Packages)
{
    /// <summary>The default: the busybox-static base.</summary>
    public static ImageSection Busybox { get; } = new("busybox", []);

    /// <inheritdoc />
    public bool Equals(ImageSection? other) => other is not null && Base == other.Base && Packages.SequenceEqual(other.Packages);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Base, Packages.Count);
}

/// <summary>The build step: runs in the base image with the source read-only at <c>$SPECULA_SRC</c>; what it writes to
/// <c>$SPECULA_OUT</c> and lists in <paramref name="Outputs"/> becomes the target layer at <c>$SPECULA_TARGET</c>.</summary>
/// <param name="Command">Shell command.</param>
/// <param name="Toolchain">A host toolchain made visible read-only (e.g. <c>go</c>), or null.</param>
/// <param name="Kits">Specula tracing kits made importable (e.g. <c>go</c>).</param>
/// <param name="Outputs">Files (relative to the build's output folder) that make up the target.</param>
/// <param name="Timeout">Wall-clock limit.</param>
/// <param name="Limits">Resource limits.</param>
public sealed record BuildSection(string Command, string? Toolchain, IReadOnlyList<string> Kits, IReadOnlyList<string> Outputs, TimeSpan Timeout, ResourceLimits Limits);

/// <summary>One workload: a command run once per seed.</summary>
/// <param name="Name">Unique name.</param>
/// <param name="Description">What it exercises.</param>
/// <param name="Command">Shell command; sees SPECULA_SEED, SPECULA_FAULTS, SPECULA_WORKLOAD, SPECULA_OUT and SPECULA_TARGET.</param>
/// <param name="Seeds">The seeds to run.</param>
/// <param name="TargetFaults">Faults the target injects itself (handed over in SPECULA_FAULTS), e.g. <c>crash-leader</c>.</param>
/// <param name="SandboxFaults">Faults the sandbox injects from outside (pause).</param>
/// <param name="Timeout">Wall-clock limit per run.</param>
/// <param name="Limits">Resource limits per run.</param>
public sealed record Workload(string Name, string? Description, string Command, IReadOnlyList<long> Seeds, IReadOnlyList<string> TargetFaults,
    IReadOnlyList<SandboxFault> SandboxFaults, TimeSpan Timeout, ResourceLimits Limits)
{
    /// <summary>When not empty, the workload runs as a pod: one container per node plus the driver running
    /// <see cref="Command"/>, on a private network of their own with no route out, sharing the output folder (Docker only).</summary>
    public IReadOnlyList<PodNodeSpec> Nodes { get; init; } = [];

    /// <summary>Faults injected into pod nodes (kill and restart, pause, disconnect).</summary>
    public IReadOnlyList<Docker.NodeFault> NodeFaults { get; init; } = [];
}

/// <summary>One node of a pod workload.</summary>
/// <param name="Name">Node name (SPECULA_NODE inside).</param>
/// <param name="Command">Shell command.</param>
public sealed record PodNodeSpec(string Name, string Command);

/// <summary>Where traces are written, relative to <c>$SPECULA_OUT</c>.</summary>
/// <param name="Directory">Folder under the output folder.</param>
/// <param name="Pattern">File name pattern, e.g. <c>*.ndjson</c>.</param>
public sealed record TraceSection(string Directory, string Pattern);
