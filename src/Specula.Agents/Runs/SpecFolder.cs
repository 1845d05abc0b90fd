using System.Security.Cryptography;
using System.Text;
using DiffPlex.Renderer;

namespace Specula.Agents.Runs;

/// <summary>A change to one file of the spec folder, as the transcript's <c>specDiff</c> record holds it.</summary>
/// <param name="File">The file, relative to the spec folder, with forward slashes.</param>
/// <param name="BeforeHash">sha256 of the content before; null when the file is new.</param>
/// <param name="AfterHash">sha256 of the content after; null when the file was deleted.</param>
/// <param name="Diff">A unified diff from before to after.</param>
public sealed record SpecChange(string File, string? BeforeHash, string? AfterHash, string Diff);

/// <summary>Why a path was refused: the spec folder is the only place a reasoner may touch.</summary>
/// <param name="Path">The path as given.</param>
/// <param name="Reason">Why it was refused.</param>
public sealed record SpecPathError(string Path, string Reason);

/// <summary>The contents of every file of a spec folder at one moment, to compare or restore.</summary>
/// <param name="Files">Relative path (forward slashes) → content.</param>
public sealed record SpecSnapshot(IReadOnlyDictionary<string, string> Files)
{
    /// <summary>A hash of the whole folder (names and contents), stable across machines.</summary>
    public string Hash()
    {
        var text = new StringBuilder();
        foreach (var (name, content) in Files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append('\0').Append(SpecFolder.HashOf(content)).Append('\n');
        }
        return SpecFolder.HashOf(text.ToString());
    }
}

/// <summary>
/// The run's spec folder: the one place a reasoner writes. Paths are confined to it (absolute paths, <c>..</c> and
/// links out are refused), every write is reported with a unified diff so the transcript shows what changed.
/// </summary>
public sealed class SpecFolder
{
    private static readonly string[] TextExtensions = [".tla", ".cfg", ".yaml", ".yml", ".md", ".json", ".txt"];
    private readonly string _root;
    private readonly Action<SpecChange>? _onChange;

    /// <summary>Wraps <paramref name="root"/> (created when missing); <paramref name="onChange"/> hears of every write.</summary>
    public SpecFolder(string root, Action<SpecChange>? onChange = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        _root = Path.GetFullPath(root);
        _onChange = onChange;
        Directory.CreateDirectory(_root);
    }

    /// <summary>The folder's absolute path.</summary>
    public string Root => _root;

    /// <summary>sha256 of a text, written as <c>sha256:hex</c> (the report's spelling).</summary>
    public static string HashOf(string content) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    /// <summary>Resolves a relative path inside the folder, or says why it is refused.</summary>
    public (string? FullPath, SpecPathError? Error) Resolve(string relative)
    {
        if (string.IsNullOrWhiteSpace(relative))
        {
            return (null, new SpecPathError(relative ?? "", "the path is empty"));
        }
        if (Path.IsPathRooted(relative) || relative.Contains(':', StringComparison.Ordinal))
        {
            return (null, new SpecPathError(relative, "absolute paths are refused: give a path relative to the spec folder"));
        }
        var parts = relative.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Any(p => p == ".."))
        {
            return (null, new SpecPathError(relative, "'..' is refused: only files inside the spec folder can be touched"));
        }
        var full = Path.GetFullPath(Path.Combine(_root, Path.Combine(parts)));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return (null, new SpecPathError(relative, "the path leaves the spec folder"));
        }
        // A link inside the folder could still point out of it.
        for (var dir = new FileInfo(full).Directory; dir is not null && dir.FullName.Length > _root.Length; dir = dir.Parent)
        {
            if (dir.Exists && dir.LinkTarget is not null)
            {
                return (null, new SpecPathError(relative, "the path goes through a link"));
            }
        }
        if (File.Exists(full) && new FileInfo(full).LinkTarget is not null)
        {
            return (null, new SpecPathError(relative, "the file is a link"));
        }
        return (full, null);
    }

    /// <summary>The folder's files, relative, sorted.</summary>
    public IReadOnlyList<string> List() =>
        [.. Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    /// <summary>Reads a file; null when it does not exist.</summary>
    public string? Read(string relative)
    {
        var (full, error) = Resolve(relative);
        return error is null && File.Exists(full) ? File.ReadAllText(full!) : null;
    }

    /// <summary>Writes (or, with null content, deletes) a file and reports the change; unchanged content is no change.</summary>
    public (SpecChange? Change, SpecPathError? Error) Write(string relative, string? content)
    {
        var (full, error) = Resolve(relative);
        if (error is not null)
        {
            return (null, error);
        }
        if (content is not null && !TextExtensions.Contains(Path.GetExtension(full!), StringComparer.OrdinalIgnoreCase))
        {
            return (null, new SpecPathError(relative, $"only text files ({string.Join(", ", TextExtensions)}) belong in a spec folder"));
        }
        var name = Path.GetRelativePath(_root, full!).Replace('\\', '/');
        var before = File.Exists(full) ? File.ReadAllText(full!) : null;
        if (before == content)
        {
            return (null, null);
        }
        if (content is null)
        {
            File.Delete(full!);
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full!)!);
            File.WriteAllText(full!, content);
        }
        var change = new SpecChange(name, before is null ? null : HashOf(before), content is null ? null : HashOf(content),
            Diff(name, before, content));
        _onChange?.Invoke(change);
        return (change, null);
    }

    /// <summary>A unified diff between two versions of a file (null = absent).</summary>
    public static string Diff(string name, string? before, string? after) =>
        UnidiffRenderer.GenerateUnidiff(before ?? "", after ?? "", before is null ? "/dev/null" : "a/" + name,
            after is null ? "/dev/null" : "b/" + name, ignoreWhitespace: false, ignoreCase: false, contextLines: 3);

    /// <summary>Every file and its content.</summary>
    public SpecSnapshot Snapshot() =>
        new(List().ToDictionary(f => f, f => File.ReadAllText(Path.Combine(_root, f)), StringComparer.Ordinal));

    /// <summary>Puts the folder back as it was in <paramref name="snapshot"/>, reporting each file it changes.</summary>
    public IReadOnlyList<SpecChange> Restore(SpecSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var changes = new List<SpecChange>();
        foreach (var file in List().Where(f => !snapshot.Files.ContainsKey(f)))
        {
            if (Write(file, null).Change is { } removed)
            {
                changes.Add(removed);
            }
        }
        foreach (var (file, content) in snapshot.Files)
        {
            if (Write(file, content).Change is { } restored)
            {
                changes.Add(restored);
            }
        }
        return changes;
    }

    /// <summary>Copies the folder to <paramref name="destination"/> (replacing it): a round's checkpoint.</summary>
    public void CopyTo(string destination)
    {
        if (Directory.Exists(destination))
        {
            Directory.Delete(destination, recursive: true);
        }
        foreach (var file in List())
        {
            var target = Path.Combine(destination, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(_root, file), target);
        }
        Directory.CreateDirectory(destination);
    }
}
