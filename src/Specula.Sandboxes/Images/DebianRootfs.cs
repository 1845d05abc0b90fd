using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Specula.Sandboxes.Images;

/// <summary>A Debian base for targets that need a runtime or toolchain from Debian packages: a <c>debootstrap --variant=minbase</c>
/// root file system (packages come from the Debian mirror, as apt's do; nothing else reaches a network), with the same
/// non-root user and /tmp, /out and /work mount points as the busybox base. Cached by a hash of its inputs (suite, mirror,
/// packages, recipe version), because debootstrap output is not bit-for-bit reproducible.</summary>
public static class DebianRootfs
{
    /// <summary>Bumped when the recipe changes, so cached images are rebuilt.</summary>
    public const string RecipeVersion = "specula.base.debian/v1";

    /// <summary>The suite of the host (Debian 12).</summary>
    public const string DefaultSuite = "bookworm";

    /// <summary>The mirror apt uses on Debian machines.</summary>
    public const string DefaultMirror = "http://deb.debian.org/debian";

    /// <summary>The content hash of a Debian base: what identifies it in the image cache.</summary>
    public static string InputHash(string suite, string mirror, IReadOnlyCollection<string> packages)
    {
        ArgumentNullException.ThrowIfNull(packages);
        var text = $"{RecipeVersion}\n{suite}\n{mirror}\n{string.Join(',', packages.Order(StringComparer.Ordinal))}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Runs debootstrap into <paramref name="directory"/> and adds Specula's user and mount points. Needs root and the
    /// debootstrap package; reports progress lines to <paramref name="progress"/>.</summary>
    public static async Task<SandboxResult<string>> BootstrapAsync(string directory, string suite, string mirror, IReadOnlyCollection<string> packages,
        Action<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(packages);
        if (!File.Exists("/usr/sbin/debootstrap"))
        {
            return SandboxResult<string>.Fail(SandboxErrorCodes.ImageInputMissing, "A Debian base image needs debootstrap, and it is not installed.",
                "Install it: `sudo apt-get install debootstrap`.");
        }
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return SandboxResult<string>.Fail(SandboxErrorCodes.ImageInputMissing, "A Debian base image is made with debootstrap, which needs root.",
                "Build it once as root (`sudo specula trace ...`); afterwards the cached image is used.");
        }
        var args = new List<string> { "--variant=minbase" };
        if (packages.Count > 0)
        {
            args.Add("--include=" + string.Join(',', packages.Order(StringComparer.Ordinal)));
        }
        args.AddRange([suite, directory, mirror]);
        var (code, output) = await RunAsync("/usr/sbin/debootstrap", args, progress, cancellationToken).ConfigureAwait(false);
        if (code != 0)
        {
            var tail = string.Join('\n', output.Split('\n').TakeLast(8));
            return SandboxResult<string>.Fail(SandboxErrorCodes.ImageBuildFailed, $"debootstrap {suite} failed (exit {code}):\n{tail}");
        }
        await File.AppendAllTextAsync(Path.Combine(directory, "etc", "passwd"), $"specula:x:{BusyboxRootfs.SandboxUid}:{BusyboxRootfs.SandboxUid}:specula:/tmp:/bin/sh\n", cancellationToken).ConfigureAwait(false);
        await File.AppendAllTextAsync(Path.Combine(directory, "etc", "group"), $"specula:x:{BusyboxRootfs.SandboxUid}:\n", cancellationToken).ConfigureAwait(false);
        foreach (var dir in new[] { "out", "work" })
        {
            var path = Path.Combine(directory, dir);
            Directory.CreateDirectory(path);
            File.SetUnixFileMode(path, (UnixFileMode)0b1_111_111_111);
        }
        Directory.CreateDirectory(Path.Combine(directory, "opt", "target"));
        // Caches debootstrap leaves behind are not part of the image.
        var archives = Path.Combine(directory, "var", "cache", "apt", "archives");
        if (Directory.Exists(archives))
        {
            foreach (var deb in Directory.EnumerateFiles(archives, "*.deb"))
            {
                File.Delete(deb);
            }
        }
        return directory;
    }

    /// <summary>Streams <paramref name="directory"/> as a tar (numeric owners, as the image needs them) to <paramref name="consume"/>.</summary>
    public static async Task<SandboxResult<bool>> TarAsync(string directory, Func<Stream, Task> consume, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consume);
        var info = new ProcessStartInfo("tar", ["--numeric-owner", "-C", directory, "-cf", "-", "."]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var tar = System.Diagnostics.Process.Start(info);
        if (tar is null)
        {
            return SandboxResult<bool>.Fail(SandboxErrorCodes.ImageBuildFailed, "Could not start tar.");
        }
        var errors = tar.StandardError.ReadToEndAsync(cancellationToken);
        await consume(tar.StandardOutput.BaseStream).ConfigureAwait(false);
        await tar.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return tar.ExitCode == 0 ? true : SandboxResult<bool>.Fail(SandboxErrorCodes.ImageBuildFailed, $"tar of the Debian root failed: {(await errors.ConfigureAwait(false)).Trim()}");
    }

    private static async Task<(int Code, string Output)> RunAsync(string program, IEnumerable<string> args, Action<string>? progress, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = new System.Diagnostics.Process { StartInfo = info };
        var output = new StringBuilder();
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (output)
            {
                output.AppendLine(line);
            }
            if (line.StartsWith("I: Installing", StringComparison.Ordinal) || line.StartsWith("I: Base system", StringComparison.Ordinal))
            {
                progress?.Invoke("  debootstrap: " + line[3..]);
            }
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, output.ToString());
    }
}
