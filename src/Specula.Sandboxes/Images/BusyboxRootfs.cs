namespace Specula.Sandboxes.Images;

/// <summary>The shared base image: a busybox-static root file system with a non-root user and writable /tmp and /out mount points.</summary>
public static class BusyboxRootfs
{
    /// <summary>Where Debian's busybox-static package puts the binary.</summary>
    public const string DefaultBusyboxPath = "/bin/busybox";

    /// <summary>The uid and gid commands run as.</summary>
    public const int SandboxUid = 10001;

    /// <summary>Bumped when the recipe changes, so cached images are rebuilt.</summary>
    public const string RecipeVersion = "specula.base.busybox/v1";

    /// <summary>The applets linked into /bin: enough for shell workloads and test probes.</summary>
    public static IReadOnlyList<string> Applets { get; } =
    [
        "sh", "ash", "ls", "cat", "echo", "printf", "sleep", "mkdir", "rm", "rmdir", "cp", "mv", "ln", "touch", "chmod",
        "head", "tail", "dd", "id", "env", "true", "false", "seq", "tr", "wc", "grep", "sed", "awk", "find", "sort", "uniq",
        "cut", "tee", "xargs", "ps", "kill", "sha256sum", "md5sum", "stat", "readlink", "basename", "dirname", "date",
        "test", "[", "expr", "hostname", "uname", "nproc", "pwd", "which", "yes", "timeout", "tar", "gzip", "nc", "ip",
        "ifconfig", "ping", "wget", "mount", "usleep", "od", "hexdump", "base64", "du", "df",
    ];

    /// <summary>Builds the base layer from the busybox binary at <paramref name="busyboxPath"/>.</summary>
    public static SandboxResult<ImageLayer> Create(string busyboxPath = DefaultBusyboxPath)
    {
        if (!File.Exists(busyboxPath))
        {
            return SandboxResult<ImageLayer>.Fail(
                SandboxErrorCodes.ImageInputMissing,
                $"The base image needs a statically linked busybox at {busyboxPath}, and there is none.",
                "Install it: `sudo apt-get install busybox-static`.");
        }

        var rwx = (UnixFileMode)0b111_101_101;
        var sticky = (UnixFileMode)0b1_111_111_111; // 1777, like /tmp
        var layer = new ImageLayer()
            .Add(LayerEntry.File("/bin/busybox", File.ReadAllBytes(busyboxPath), rwx))
            .Add(LayerEntry.Text("/etc/passwd", $"root:x:0:0:root:/root:/bin/sh\nspecula:x:{SandboxUid}:{SandboxUid}:specula:/tmp:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n"))
            .Add(LayerEntry.Text("/etc/group", $"root:x:0:\nspecula:x:{SandboxUid}:\nnogroup:x:65534:\n"))
            .Add(LayerEntry.Text("/etc/nsswitch.conf", "passwd: files\ngroup: files\nhosts: files\n"))
            .Add(LayerEntry.Directory("/root", (UnixFileMode)0b111_000_000))
            .Add(LayerEntry.Directory("/tmp", sticky))
            .Add(LayerEntry.Directory("/out", sticky))
            .Add(LayerEntry.Directory("/work", sticky))
            .Add(LayerEntry.Directory("/opt/target"))
            .Add(LayerEntry.Directory("/proc"))
            .Add(LayerEntry.Directory("/sys"))
            .Add(LayerEntry.Directory("/dev"));
        foreach (var applet in Applets)
        {
            layer.Add(LayerEntry.Symlink("/bin/" + applet, "busybox"));
        }
        return layer;
    }
}
