using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;

namespace Specula.Sandboxes.Images;

/// <summary>One entry of an image's file system: a file, a directory or a symbolic link.</summary>
/// <param name="Path">Absolute path in the image, '/' separated.</param>
/// <param name="Kind">What the entry is.</param>
/// <param name="Mode">Unix permission bits.</param>
/// <param name="Content">File bytes (files only).</param>
/// <param name="LinkTarget">Target (symbolic links only).</param>
/// <param name="Uid">Owner.</param>
/// <param name="Gid">Group.</param>
public sealed record LayerEntry(string Path, TarEntryType Kind, UnixFileMode Mode, ReadOnlyMemory<byte> Content = default, string? LinkTarget = null, int Uid = 0, int Gid = 0)
{
    /// <summary>A directory.</summary>
    public static LayerEntry Directory(string path, UnixFileMode mode = (UnixFileMode)0b111_101_101, int uid = 0, int gid = 0) =>
        new(path, TarEntryType.Directory, mode, Uid: uid, Gid: gid);

    /// <summary>A regular file.</summary>
    public static LayerEntry File(string path, ReadOnlyMemory<byte> content, UnixFileMode mode = (UnixFileMode)0b110_100_100) =>
        new(path, TarEntryType.RegularFile, mode, content);

    /// <summary>A text file (UTF-8).</summary>
    public static LayerEntry Text(string path, string text, UnixFileMode mode = (UnixFileMode)0b110_100_100) =>
        File(path, Encoding.UTF8.GetBytes(text), mode);

    /// <summary>A symbolic link.</summary>
    public static LayerEntry Symlink(string path, string target) =>
        new(path, TarEntryType.SymbolicLink, (UnixFileMode)0b111_111_111, LinkTarget: target);
}

/// <summary>A set of file-system entries that becomes a rootfs tar or a build context; hashed by content.</summary>
public sealed class ImageLayer
{
    private readonly SortedDictionary<string, LayerEntry> _entries = new(StringComparer.Ordinal);

    /// <summary>The entries, sorted by path.</summary>
    public IEnumerable<LayerEntry> Entries => _entries.Values;

    /// <summary>Adds or replaces an entry, creating missing parent directories.</summary>
    public ImageLayer Add(LayerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var path = Normalize(entry.Path);
        var parent = path.LastIndexOf('/');
        if (parent > 0)
        {
            var dir = path[..parent];
            if (!_entries.ContainsKey(dir))
            {
                Add(LayerEntry.Directory(dir));
            }
        }
        _entries[path] = entry with { Path = path };
        return this;
    }

    /// <summary>SHA-256 over every entry's path, kind, mode, owner, link target and bytes, plus <paramref name="salt"/>.</summary>
    public string ContentHash(string salt)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(salt + "\n"));
        foreach (var e in _entries.Values)
        {
            sha.AppendData(Encoding.UTF8.GetBytes($"{e.Path}\0{(int)e.Kind}\0{(int)e.Mode}\0{e.Uid}\0{e.Gid}\0{e.LinkTarget}\0{e.Content.Length}\0"));
            sha.AppendData(e.Content.Span);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>Writes the layer as a tar with paths relative to the root (as rootfs imports and build contexts expect).</summary>
    public void WriteTar(Stream destination)
    {
        using var writer = new TarWriter(destination, TarEntryFormat.Pax, leaveOpen: true);
        var epoch = DateTimeOffset.UnixEpoch; // fixed timestamps keep the tar, and so the image, reproducible
        foreach (var e in _entries.Values)
        {
            var entry = new PaxTarEntry(e.Kind, e.Path.TrimStart('/'))
            {
                Mode = e.Mode,
                Uid = e.Uid,
                Gid = e.Gid,
                ModificationTime = epoch,
            };
            if (e.Kind == TarEntryType.SymbolicLink)
            {
                entry.LinkName = e.LinkTarget!;
            }
            if (e.Kind == TarEntryType.RegularFile)
            {
                entry.DataStream = new MemoryStream(e.Content.ToArray(), writable: false);
            }
            writer.WriteEntry(entry);
        }
    }

    /// <summary>The layer as an in-memory tar.</summary>
    public MemoryStream ToTar()
    {
        var stream = new MemoryStream();
        WriteTar(stream);
        stream.Position = 0;
        return stream;
    }

    private static string Normalize(string path)
    {
        var p = "/" + path.Replace('\\', '/').Trim('/');
        if (p.Split('/').Any(part => part is ".."))
        {
            throw new ArgumentException($"Image paths may not contain '..': {path}", nameof(path));
        }
        return p;
    }
}
