using System.Net;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using Specula.Sandboxes.Docker;

namespace Specula.Sandboxes.Images;

/// <summary>An image that exists in the daemon.</summary>
/// <param name="Tag">repository:tag to run.</param>
/// <param name="ContentHash">SHA-256 of the image's inputs.</param>
/// <param name="Cached">True when the image already existed and nothing was built.</param>
/// <param name="Elapsed">Time spent looking up or building it.</param>
public sealed record ImageRef(string Tag, string ContentHash, bool Cached, TimeSpan Elapsed);

/// <summary>Builds images offline: the base from a rootfs tar (no registry), targets as layers on top; both cached by content hash.</summary>
public sealed class ImageBuilder(DockerConnection connection, TimeProvider clock)
{
    /// <summary>Repository name of base images.</summary>
    public const string BaseRepository = "specula-base";

    /// <summary>Repository name prefix of target images.</summary>
    public const string TargetRepositoryPrefix = "specula-target-";

    /// <summary>Imports <paramref name="rootfs"/> as the base image unless an image with the same content hash exists.</summary>
    public async Task<SandboxResult<ImageRef>> EnsureBaseImageAsync(ImageLayer rootfs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rootfs);
        var started = clock.GetTimestamp();
        var hash = rootfs.ContentHash(BusyboxRootfs.RecipeVersion);
        var tag = $"{BaseRepository}:{hash[..16]}";
        if (await ExistsAsync(tag, cancellationToken).ConfigureAwait(false))
        {
            return new ImageRef(tag, hash, Cached: true, clock.GetElapsedTime(started));
        }

        var errors = new List<string>();
        var progress = new SyncProgress<JSONMessage>(m => CollectError(m, errors, null));
        using var tar = rootfs.ToTar();
        var parameters = new ImagesCreateParameters
        {
            FromSrc = "-",
            Repo = BaseRepository,
            Tag = hash[..16],
            Changes =
            [
                $"LABEL {SandboxLabels.Marker}=1 {SandboxLabels.ContentHash}={hash}",
                $"USER {BusyboxRootfs.SandboxUid}:{BusyboxRootfs.SandboxUid}",
                "WORKDIR /work",
                "ENV PATH=/bin HOME=/tmp",
                "CMD [\"/bin/sh\"]",
            ],
        };
        try
        {
            await connection.Client.Images.CreateImageAsync(parameters, tar, null, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException ex)
        {
            errors.Add(ex.ResponseBody?.Trim() ?? ex.Message);
        }
        return await ConfirmAsync(tag, hash, started, errors, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Repository name of Debian base images.</summary>
    public const string DebianRepository = "specula-debian";

    /// <summary>Makes (or finds cached) a Debian minbase image with <paramref name="packages"/>, via debootstrap.</summary>
    public async Task<SandboxResult<ImageRef>> EnsureDebianImageAsync(IReadOnlyCollection<string> packages, Action<string>? progress = null,
        string suite = DebianRootfs.DefaultSuite, string mirror = DebianRootfs.DefaultMirror, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(packages);
        var started = clock.GetTimestamp();
        var hash = DebianRootfs.InputHash(suite, mirror, packages);
        var tag = $"{DebianRepository}:{hash[..16]}";
        if (await ExistsAsync(tag, cancellationToken).ConfigureAwait(false))
        {
            return new ImageRef(tag, hash, Cached: true, clock.GetElapsedTime(started));
        }
        var root = Directory.CreateTempSubdirectory("specula-debian-");
        try
        {
            progress?.Invoke($"making Debian {suite} minbase{(packages.Count > 0 ? " with " + string.Join(", ", packages) : "")} (debootstrap; cached afterwards)");
            var boot = await DebianRootfs.BootstrapAsync(root.FullName, suite, mirror, packages, progress, cancellationToken).ConfigureAwait(false);
            if (!boot.IsSuccess)
            {
                return boot.Error!;
            }
            var errors = new List<string>();
            var parameters = new ImagesCreateParameters
            {
                FromSrc = "-",
                Repo = DebianRepository,
                Tag = hash[..16],
                Changes =
                [
                    $"LABEL {SandboxLabels.Marker}=1 {SandboxLabels.ContentHash}={hash}",
                    $"USER {BusyboxRootfs.SandboxUid}:{BusyboxRootfs.SandboxUid}",
                    "WORKDIR /work",
                    "ENV PATH=/usr/local/bin:/usr/bin:/bin HOME=/tmp LANG=C.UTF-8",
                    "CMD [\"/bin/sh\"]",
                ],
            };
            var tarred = await DebianRootfs.TarAsync(root.FullName, async stream =>
            {
                try
                {
                    await connection.Client.Images.CreateImageAsync(parameters, stream, null, new SyncProgress<JSONMessage>(m => CollectError(m, errors, null)), cancellationToken).ConfigureAwait(false);
                }
                catch (DockerApiException ex)
                {
                    errors.Add(ex.ResponseBody?.Trim() ?? ex.Message);
                }
            }, cancellationToken).ConfigureAwait(false);
            if (!tarred.IsSuccess)
            {
                return tarred.Error!;
            }
            return await ConfirmAsync(tag, hash, started, errors, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            try
            {
                root.Delete(recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A temp folder; the OS cleans it.
            }
        }
    }

    /// <summary>Builds <paramref name="files"/> as a layer on <paramref name="baseImage"/>, named after <paramref name="name"/>,
    /// unless an image with the same content hash exists. No RUN steps: nothing in a build reaches a network.</summary>
    public async Task<SandboxResult<ImageRef>> EnsureTargetImageAsync(ImageRef baseImage, string name, ImageLayer files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseImage);
        ArgumentNullException.ThrowIfNull(files);
        var started = clock.GetTimestamp();
        var dockerfile = new StringBuilder()
            .Append("FROM ").Append(baseImage.Tag).Append('\n')
            .Append("COPY rootfs/ /\n")
            .ToString();
        var hash = files.ContentHash(baseImage.ContentHash + "\n" + dockerfile);
        var repository = TargetRepositoryPrefix + Sanitize(name);
        var tag = $"{repository}:{hash[..16]}";
        if (await ExistsAsync(tag, cancellationToken).ConfigureAwait(false))
        {
            return new ImageRef(tag, hash, Cached: true, clock.GetElapsedTime(started));
        }

        var context = new ImageLayer().Add(LayerEntry.Text("/Dockerfile", dockerfile));
        context.Add(LayerEntry.Directory("/rootfs"));
        foreach (var entry in files.Entries)
        {
            context.Add(entry with { Path = "/rootfs" + entry.Path });
        }

        return await BuildContextAsync(tag, hash, context, started, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Builds the tar build context <paramref name="context"/> (holding a Dockerfile) as <paramref name="tag"/>.</summary>
    internal async Task<SandboxResult<ImageRef>> BuildContextAsync(string tag, string hash, ImageLayer context, long started, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var progress = new SyncProgress<JSONMessage>(m => CollectError(m, errors, null));
        using var tar = context.ToTar();
        var parameters = new ImageBuildParameters
        {
            Tags = [tag],
            Dockerfile = "Dockerfile",
            Remove = true,
            ForceRemove = true,
            NetworkMode = "none",
            Labels = new Dictionary<string, string> { [SandboxLabels.Marker] = "1", [SandboxLabels.ContentHash] = hash },
        };
        try
        {
            // A failed build does not throw: the error arrives as a progress message, collected above.
            await connection.Client.Images.BuildImageFromDockerfileAsync(parameters, tar, null, null, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException ex)
        {
            errors.Add(ex.ResponseBody?.Trim() ?? ex.Message);
        }
        return await ConfirmAsync(tag, hash, started, errors, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SandboxResult<ImageRef>> ConfirmAsync(string tag, string hash, long started, List<string> errors, CancellationToken cancellationToken)
    {
        // Belt and braces: even with no error message, only an image the daemon can inspect counts as built.
        if (errors.Count == 0 && await ExistsAsync(tag, cancellationToken).ConfigureAwait(false))
        {
            return new ImageRef(tag, hash, Cached: false, clock.GetElapsedTime(started));
        }
        var why = errors.Count > 0 ? string.Join("; ", errors) : "the daemon reported no error, but the image does not exist";
        return SandboxResult<ImageRef>.Fail(SandboxErrorCodes.ImageBuildFailed, $"Building image {tag} failed: {why}");
    }

    private async Task<bool> ExistsAsync(string tag, CancellationToken cancellationToken)
    {
        try
        {
            await connection.Client.Images.InspectImageAsync(tag, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private static void CollectError(JSONMessage message, List<string> errors, StringBuilder? log)
    {
        if (message.Error is { Message: { Length: > 0 } m })
        {
            errors.Add(m.Trim());
        }
        else if (!string.IsNullOrEmpty(message.ErrorMessage))
        {
            errors.Add(message.ErrorMessage.Trim());
        }
        if (message.Stream is { } s)
        {
            log?.Append(s);
        }
    }

    internal static string Sanitize(string name)
    {
        var chars = name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        var s = new string(chars).Trim('-');
        return s.Length == 0 ? "target" : s;
    }
}
