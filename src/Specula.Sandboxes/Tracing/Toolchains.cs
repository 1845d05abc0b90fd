namespace Specula.Sandboxes.Tracing;

/// <summary>What a build sees of a toolchain: read-only host folders and environment variables.</summary>
/// <param name="Mounts">Host folders, mounted at the same paths inside containers.</param>
/// <param name="Environment">Variables for the build.</param>
/// <param name="Identity">Text that changes when the toolchain does (part of the build cache key).</param>
/// <param name="ContainerEnvironment">Variables set only inside containers (homes and caches on the container's tmpfs);
/// a local process keeps the user's.</param>
public sealed record ToolchainView(IReadOnlyList<ReadOnlyMount> Mounts, IReadOnlyDictionary<string, string> Environment, string Identity,
    IReadOnlyDictionary<string, string>? ContainerEnvironment = null);

/// <summary>Host toolchains made visible to builds read-only. Builds run with no network, so toolchains and libraries come from
/// Debian packages on the host (e.g. golang-go, golang-etcd-server-dev) rather than from a registry.</summary>
public static class Toolchains
{
    /// <summary>The Go toolchain of Debian's golang-go with the Debian Go library tree (/usr/share/gocode) on GOPATH, modules off,
    /// cgo off (static binaries). <paramref name="extraGopath"/> entries come first (tracing kits).</summary>
    public static SandboxResult<ToolchainView> Go(IReadOnlyList<string> extraGopath, bool hostLibc = true)
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
        // The go command itself is dynamically linked: it needs the C library (a Debian base has its own).
        if (hostLibc)
        {
            Add("/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu");
            Add("/usr/lib64", "/lib64");
        }
        var version = File.Exists(Path.Combine(goroot, "VERSION")) ? File.ReadAllText(Path.Combine(goroot, "VERSION")).Trim() : goroot;
        var gopath = string.Join(':', extraGopath.Append("/usr/share/gocode"));
        var env = new Dictionary<string, string>
        {
            ["GOROOT"] = goroot,
            ["GOPATH"] = gopath,
            ["GO111MODULE"] = "off",
            ["CGO_ENABLED"] = "0",
            ["GOFLAGS"] = "-trimpath",
        };
        var container = new Dictionary<string, string>
        {
            ["GOCACHE"] = "/tmp/go-cache",
            ["PATH"] = $"/bin:/usr/bin:{goroot}/bin",
        };
        return new ToolchainView(mounts, env, "go:" + version, container);
    }

    /// <summary>The host's .NET SDK (the one running Specula, or DOTNET_ROOT), read-only, with its C library; invariant
    /// globalization (no ICU in the image), no telemetry, homes and NuGet caches on the container's tmpfs. Projects
    /// without package references build and run with no network.</summary>
    public static SandboxResult<ToolchainView> DotNet(bool hostLibc = true)
    {
        var candidates = new[]
        {
            System.Environment.GetEnvironmentVariable("DOTNET_ROOT"),
            Path.GetDirectoryName(System.Environment.ProcessPath is { } exe && Path.GetFileNameWithoutExtension(exe) == "dotnet" ? new FileInfo(exe).ResolveLinkTarget(true)?.FullName ?? exe : null),
            "/usr/share/dotnet",
            "/usr/lib/dotnet",
        };
        var root = candidates.FirstOrDefault(c => c is not null && File.Exists(Path.Combine(c, "dotnet")) && Directory.Exists(Path.Combine(c, "sdk")));
        if (root is null)
        {
            return SandboxResult<ToolchainView>.Fail(SandboxErrorCodes.ImageInputMissing, "The build needs a .NET SDK, and none was found (DOTNET_ROOT, /usr/share/dotnet, /usr/lib/dotnet).",
                "Install the .NET SDK, or set DOTNET_ROOT to its folder.");
        }
        var mounts = new List<ReadOnlyMount> { new(root, root) };
        if (hostLibc && Directory.Exists("/usr/lib/x86_64-linux-gnu"))
        {
            mounts.Add(new ReadOnlyMount("/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu"));
        }
        if (hostLibc && Directory.Exists("/usr/lib64"))
        {
            mounts.Add(new ReadOnlyMount("/usr/lib64", "/lib64"));
        }
        var sdks = string.Join(",", Directory.GetDirectories(Path.Combine(root, "sdk")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var env = new Dictionary<string, string>
        {
            ["DOTNET_ROOT"] = root,
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["MSBUILDDISABLENODEREUSE"] = "1",
        };
        var container = new Dictionary<string, string>
        {
            ["DOTNET_CLI_HOME"] = "/tmp",
            ["NUGET_PACKAGES"] = "/tmp/nuget",
            ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1",
            ["DOTNET_GENERATE_ASPNET_CERTIFICATE"] = "false",
            ["PATH"] = $"/bin:/usr/bin:{root}",
        };
        return new ToolchainView(mounts, env, "dotnet:" + sdks, container);
    }
}
