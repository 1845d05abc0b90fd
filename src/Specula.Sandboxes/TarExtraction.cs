using System.Formats.Tar;

namespace Specula.Sandboxes;

/// <summary>Extracts the archive of an output folder safely: no absolute paths, no '..', no links followed.</summary>
internal static class TarExtraction
{
    /// <summary>Extracts <paramref name="tar"/> into <paramref name="destination"/>, dropping the first <paramref name="stripComponents"/>
    /// path components; returns the relative paths of the files written, sorted.</summary>
    public static async Task<IReadOnlyList<string>> ExtractAsync(Stream tar, string destination, int stripComponents, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(destination);
        var root = Path.GetFullPath(destination);
        var files = new List<string>();
        await using var reader = new TarReader(tar, leaveOpen: true);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            var parts = entry.Name.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").Skip(stripComponents).ToArray();
            if (parts.Length == 0 || parts.Any(p => p == ".."))
            {
                continue;
            }
            var relative = string.Join('/', parts);
            var target = Path.GetFullPath(Path.Combine(root, Path.Combine(parts)));
            if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(target);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    var output = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None);
                    await using (output.ConfigureAwait(false))
                    {
                        if (entry.DataStream is { } data)
                        {
                            await data.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
                        }
                    }
                    if (!OperatingSystem.IsWindows())
                    {
                        File.SetUnixFileMode(target, entry.Mode & (UnixFileMode)0b111_111_111);
                    }
                    files.Add(relative);
                    break;
                default:
                    break; // links and devices are not results
            }
        }
        files.Sort(StringComparer.Ordinal);
        return files;
    }
}
