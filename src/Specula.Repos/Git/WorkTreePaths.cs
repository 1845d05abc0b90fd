namespace Specula.Repos.Git;

/// <summary>
/// Turns user- or agent-given relative paths into paths inside a work tree, refusing any that lead out of it:
/// absolute paths, <c>..</c> above the root, and symbolic links (in any component) that point outside.
/// </summary>
internal sealed class WorkTreePaths
{
    private const int MaxLinkDepth = 40;
    private readonly string _root;
    private readonly string _realRoot;

    public WorkTreePaths(string root)
    {
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        _realRoot = RealPath(_root, 0);
    }

    /// <summary>Lexical check only: for paths in history, which need not exist on disk. Returns the '/' form.</summary>
    public RepoResult<string> Normalize(string relativePath)
    {
        if (string.IsNullOrWhiteSpace(relativePath))
        {
            return RepoResult<string>.Fail(RepoErrorCodes.InvalidArgument, "The path is empty; pass a path relative to the work tree, e.g. 'src/main.go'.");
        }
        if (Path.IsPathRooted(relativePath) || relativePath.StartsWith('/') || relativePath.StartsWith('\\'))
        {
            return Outside(relativePath, "it is absolute");
        }
        var full = Path.GetFullPath(Path.Combine(_root, relativePath));
        if (!IsUnder(full, _root))
        {
            return Outside(relativePath, "it climbs above the work tree");
        }
        var relative = Path.GetRelativePath(_root, full).Replace('\\', '/');
        return RepoResult<string>.Ok(relative == "." ? "" : relative);
    }

    /// <summary>The full path of a file or folder to read, after the lexical check and symbolic links resolved.</summary>
    public RepoResult<string> Resolve(string relativePath)
    {
        var normalized = Normalize(relativePath);
        if (!normalized.IsSuccess)
        {
            return normalized;
        }
        var full = Path.GetFullPath(Path.Combine(_root, normalized.Value!));
        string real;
        try
        {
            real = RealPath(full, 0);
        }
        catch (IOException)
        {
            return Outside(relativePath, "its symbolic links loop");
        }
        return IsUnder(real, _realRoot) ? RepoResult<string>.Ok(full) : Outside(relativePath, "a symbolic link on it points outside");
    }

    private static RepoResult<string> Outside(string path, string why) =>
        RepoResult<string>.Fail(RepoErrorCodes.PathOutsideWorkTree, $"Refused '{path}': {why}; only paths inside the work tree can be read (pass one relative to its root, without '..').");

    private static bool IsUnder(string path, string root) =>
        path.Equals(root, StringComparison.Ordinal) || path.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>realpath(3) for paths whose tail may not exist: each existing component's link is followed.</summary>
    private static string RealPath(string fullPath, int depth)
    {
        if (depth > MaxLinkDepth)
        {
            throw new IOException("Too many levels of symbolic links.");
        }
        var root = Path.GetPathRoot(fullPath) ?? "/";
        var current = root;
        var parts = fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                current = next;
                continue;
            }
            var resolved = Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(current, target));
            current = RealPath(resolved, depth + 1);
        }
        return Path.TrimEndingDirectorySeparator(current);
    }
}
