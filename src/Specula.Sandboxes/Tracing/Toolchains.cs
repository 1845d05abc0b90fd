namespace Specula.Sandboxes.Tracing;

/// <summary>What a build sees of a toolchain: read-only host folders and environment variables.</summary>
/// <param name="Mounts">Host folders, mounted at the same paths inside containers.</param>
/// <param name="Environment">Variables for the build.</param>
/// <param name="Identity">Text that changes when the toolchain does (part of the build cache key).</param>
public sealed record ToolchainView(IReadOnlyList<ReadOnlyMount> Mounts, IReadOnlyDictionary<string, string> Environment, string Identity);

/// <summary>Host toolchains made visible to builds read-only. Builds run with no network, so toolchains and libraries come from
/// Debian packages on the host (e.g. golang-go, golang-etcd-server-dev) rather than from a registry.</summary>
public static class Toolchains
{
    /// <summary>The Go toolchain of Debian's golang-go with the Debian Go library tree (/usr/share/gocode) on GOPATH, modules off,
    /// cgo off (static binaries). <paramref name="extraGopath"/> entries come first (tracing kits).</summary>
    public static SandboxResult<ToolchainView> Go(IReadOnlyList<string> extraGopath)
    {
        ArgumentNullException.ThrowIfNull(extraGopath);
        var link = new DirectoryInfo("/usr/lib/go");
        var goroot = link.Exists ? (link.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? link.FullName) : null;
        if (goroot is null || !File.Exists(Path.Combine(goroot, "bin", "go")))
        {
            return SandboxResult<ToolchainView>.Fail(SandboxErrorCodes.ImageInputMissing, "The build needs the Go toolchain at /usr/lib/go, and there is none.",
                "Install it: `sudo apt-get install golang-go golang-etcd-server-dev`.");
        }
        var mounts = new List<ReadOnlyMount>();
        void Add(string host, string? inside = null)
        {
            if (Directory.Exists(host) && mounts.All(m => m.SandboxPath != (inside ?? host)))
            {
                mounts.Add(new ReadOnlyMount(host, inside ?? host));
            }
        }
        Add(goroot);
        // Debian's GOROOT holds relative links into /usr/share/go-1.xx: mount their targets too.
        foreach (var entry in new DirectoryInfo(goroot).EnumerateFileSystemInfos())
        {
            if (entry.LinkTarget is not null && entry.ResolveLinkTarget(true) is { } target)
            {
                Add(Path.GetDirectoryName(target.FullName)!);
            }
        }
        Add("/usr/share/gocode");
        // The go command itself is dynamically linked: it needs the C library.
        Add("/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu");
        Add("/usr/lib64", "/lib64");
        var version = File.Exists(Path.Combine(goroot, "VERSION")) ? File.ReadAllText(Path.Combine(goroot, "VERSION")).Trim() : goroot;
        var gopath = string.Join(':', extraGopath.Append("/usr/share/gocode"));
        var env = new Dictionary<string, string>
        {
            ["GOROOT"] = goroot,
            ["GOPATH"] = gopath,
            ["GO111MODULE"] = "off",
            ["CGO_ENABLED"] = "0",
            ["GOFLAGS"] = "-trimpath",
            ["GOCACHE"] = "/tmp/go-cache",
            ["PATH"] = $"/bin:/usr/bin:{goroot}/bin",
        };
        return new ToolchainView(mounts, env, "go:" + version);
    }
}
