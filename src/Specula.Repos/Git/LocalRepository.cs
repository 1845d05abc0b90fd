using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using LibGit2Sharp;

namespace Specula.Repos.Git;

/// <summary>
/// A git work tree opened for reading: what agents and the nightly job ask of a target's code (files, search,
/// history, blame, what changed). Nothing here writes to the work tree or its index, so a user's own checkout can be
/// opened in place safely. Paths are relative to <see cref="WorkTree"/> with '/'; a path that leads outside is refused
/// with <see cref="RepoErrorCodes.PathOutsideWorkTree"/>. Not thread-safe (libgit2 handles are not); dispose it.
/// </summary>
public sealed class LocalRepository : IDisposable
{
    private const int MaxLineLength = 500;
    private const long MaxGrepFileBytes = 8 * 1024 * 1024;
    private const long MaxReadFileBytes = 32 * 1024 * 1024;
    private const int BinarySniffBytes = 8000;

    private readonly Repository _repo;
    private readonly WorkTreePaths _paths;
    private readonly IDisposable? _cacheLock;

    internal LocalRepository(Repository repo, bool isCachedClone, IDisposable? cacheLock = null)
    {
        _repo = repo;
        _cacheLock = cacheLock;
        WorkTree = Path.TrimEndingDirectorySeparator(Path.GetFullPath(repo.Info.WorkingDirectory));
        _paths = new WorkTreePaths(WorkTree);
        IsCachedClone = isCachedClone;
    }

    /// <summary>Full path of the work tree's root.</summary>
    public string WorkTree { get; }

    /// <summary>True when the work tree is Specula's clone in the cache; false when it is the user's, opened in place.</summary>
    public bool IsCachedClone { get; }

    /// <summary>The commit checked out (full sha); null in a repository with no commits yet.</summary>
    public string? HeadCommit => _repo.Head.Tip?.Sha;

    /// <summary>The branch checked out; null when HEAD is detached (e.g. after <see cref="RepositoryOptions.Commit"/>).</summary>
    public string? Branch => _repo.Info.IsHeadDetached ? null : _repo.Head.FriendlyName;

    /// <summary>The <c>origin</c> remote's address (credentials masked); null when there is none.</summary>
    public string? RemoteUrl => _repo.Network.Remotes["origin"]?.Url is { } url ? SecretRedactor.RedactCommon(url) : null;

    /// <summary>
    /// Files of the work tree: tracked ones still on disk plus untracked ones git does not ignore; sorted
    /// (ordinal), relative with '/'. <paramref name="glob"/> filters them (<c>*.go</c> matches names anywhere,
    /// <c>src/**/*.cs</c> matches paths; see <c>Glob</c>).
    /// </summary>
    public RepoResult<IReadOnlyList<string>> ListFiles(string? glob = null)
    {
        Glob? filter = null;
        if (glob is not null)
        {
            var parsed = Glob.Parse(glob);
            if (!parsed.IsSuccess)
            {
                return RepoResult<IReadOnlyList<string>>.Fail(parsed.Error!);
            }
            filter = parsed.Value;
        }
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var entry in _repo.Index)
        {
            if (entry.Mode != Mode.GitLink)
            {
                files.Add(entry.Path.Replace('\\', '/'));
            }
        }
        var status = _repo.RetrieveStatus(new StatusOptions
        {
            IncludeUntracked = true,
            RecurseUntrackedDirs = true,
            IncludeIgnored = false,
            IncludeUnaltered = false,
            ExcludeSubmodules = true,
            DetectRenamesInIndex = false,
            DetectRenamesInWorkDir = false,
        });
        foreach (var entry in status.Untracked)
        {
            files.Add(entry.FilePath.Replace('\\', '/'));
        }
        foreach (var entry in status.Missing)
        {
            files.Remove(entry.FilePath.Replace('\\', '/'));
        }
        IReadOnlyList<string> list = filter is null ? files.ToArray() : files.Where(filter.IsMatch).ToArray();
        return RepoResult<IReadOnlyList<string>>.Ok(list);
    }

    /// <summary>
    /// A file's lines <paramref name="startLine"/>..<paramref name="endLine"/> (1-based, inclusive; null for the
    /// first or last), each prefixed with its number right-aligned in at least four columns and <c>": "</c>, so an
    /// agent can cite <c>file:line</c>. An end past the last line is clipped.
    /// </summary>
    public RepoResult<string> ReadFile(string relativePath, int? startLine = null, int? endLine = null)
    {
        var text = ReadText(relativePath);
        if (!text.IsSuccess)
        {
            return text;
        }
        var lines = SplitLines(text.Value!);
        var start = startLine ?? 1;
        var end = Math.Min(endLine ?? lines.Count, lines.Count);
        if (start < 1 || (endLine is { } e && e < start))
        {
            return RepoResult<string>.Fail(RepoErrorCodes.InvalidArgument, $"Invalid line range {startLine}..{endLine} for '{relativePath}'; lines start at 1 and the end must not precede the start.");
        }
        if (start > Math.Max(lines.Count, 1))
        {
            return RepoResult<string>.Fail(RepoErrorCodes.InvalidArgument, $"'{relativePath}' has {lines.Count} line(s); ask for a start line within them.");
        }
        var width = Math.Max(4, end.ToString(CultureInfo.InvariantCulture).Length);
        var sb = new StringBuilder();
        for (var i = start; i <= end; i++)
        {
            sb.Append(i.ToString(CultureInfo.InvariantCulture).PadLeft(width)).Append(": ").Append(lines[i - 1]).Append('\n');
        }
        return RepoResult<string>.Ok(sb.ToString());
    }

    /// <summary>
    /// Lines matching a .NET regular expression in the files <see cref="ListFiles"/> gives for
    /// <paramref name="glob"/>, in path then line order, at most <paramref name="max"/>. Binary files, files over
    /// 8 MiB and symbolic links out of the work tree are skipped.
    /// </summary>
    public RepoResult<IReadOnlyList<GrepMatch>> Grep(string regex, string? glob = null, int max = 200)
    {
        ArgumentNullException.ThrowIfNull(regex);
        if (max < 1)
        {
            return RepoResult<IReadOnlyList<GrepMatch>>.Fail(RepoErrorCodes.InvalidArgument, $"max is {max}; ask for at least one match.");
        }
        Regex pattern;
        try
        {
            pattern = new Regex(regex, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));
        }
        catch (ArgumentException ex)
        {
            return RepoResult<IReadOnlyList<GrepMatch>>.Fail(RepoErrorCodes.InvalidArgument, $"Invalid regular expression '{regex}': {ex.Message} Fix it (it is a .NET regex) and search again.");
        }
        var files = ListFiles(glob);
        if (!files.IsSuccess)
        {
            return RepoResult<IReadOnlyList<GrepMatch>>.Fail(files.Error!);
        }
        var matches = new List<GrepMatch>();
        try
        {
            foreach (var file in files.Value!)
            {
                var path = _paths.Resolve(file);
                if (!path.IsSuccess || !File.Exists(path.Value) || new FileInfo(path.Value!).Length > MaxGrepFileBytes)
                {
                    continue;
                }
                var bytes = File.ReadAllBytes(path.Value!);
                if (IsBinary(bytes))
                {
                    continue;
                }
                var lines = SplitLines(Encoding.UTF8.GetString(bytes));
                for (var i = 0; i < lines.Count; i++)
                {
                    var m = pattern.Match(lines[i]);
                    if (!m.Success)
                    {
                        continue;
                    }
                    matches.Add(new GrepMatch(file, i + 1, m.Index + 1, Cut(lines[i])));
                    if (matches.Count >= max)
                    {
                        return RepoResult<IReadOnlyList<GrepMatch>>.Ok(matches);
                    }
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return RepoResult<IReadOnlyList<GrepMatch>>.Fail(RepoErrorCodes.InvalidArgument, $"The regular expression '{regex}' takes too long on this code (catastrophic backtracking); simplify it.");
        }
        return RepoResult<IReadOnlyList<GrepMatch>>.Ok(matches);
    }

    /// <summary>The newest commits reachable from HEAD (touching <paramref name="path"/> when given), at most <paramref name="max"/>.</summary>
    public RepoResult<IReadOnlyList<CommitInfo>> Log(string? path = null, int max = 20)
    {
        if (max < 1)
        {
            return RepoResult<IReadOnlyList<CommitInfo>>.Fail(RepoErrorCodes.InvalidArgument, $"max is {max}; ask for at least one commit.");
        }
        if (_repo.Head.Tip is null)
        {
            return RepoResult<IReadOnlyList<CommitInfo>>.Ok([]);
        }
        var filter = new CommitFilter { SortBy = CommitSortStrategies.Time | CommitSortStrategies.Topological };
        IEnumerable<Commit> commits;
        if (path is null)
        {
            commits = _repo.Commits.QueryBy(filter);
        }
        else
        {
            var normalized = _paths.Normalize(path);
            if (!normalized.IsSuccess)
            {
                return RepoResult<IReadOnlyList<CommitInfo>>.Fail(normalized.Error!);
            }
            commits = _repo.Commits.QueryBy(normalized.Value!, filter).Select(entry => entry.Commit);
        }
        return RepoResult<IReadOnlyList<CommitInfo>>.Ok(commits.Take(max).Select(ToInfo).ToArray());
    }

    /// <summary>
    /// Which commit last changed each line <paramref name="startLine"/>..<paramref name="endLine"/> (1-based,
    /// inclusive, clipped to the file) of HEAD's version of <paramref name="path"/>; uncommitted edits are not seen.
    /// </summary>
    public RepoResult<IReadOnlyList<BlameLine>> Blame(string path, int startLine, int endLine)
    {
        var normalized = _paths.Normalize(path);
        if (!normalized.IsSuccess)
        {
            return RepoResult<IReadOnlyList<BlameLine>>.Fail(normalized.Error!);
        }
        if (startLine < 1 || endLine < startLine)
        {
            return RepoResult<IReadOnlyList<BlameLine>>.Fail(RepoErrorCodes.InvalidArgument, $"Invalid line range {startLine}..{endLine}; lines start at 1 and the end must not precede the start.");
        }
        var tip = _repo.Head.Tip;
        if (tip?[normalized.Value!]?.Target is not Blob blob)
        {
            return RepoResult<IReadOnlyList<BlameLine>>.Fail(RepoErrorCodes.FileNotFound, $"'{path}' is not a file in HEAD; blame reads committed history, so commit the file first or check the path with ListFiles.");
        }
        if (blob.IsBinary)
        {
            return RepoResult<IReadOnlyList<BlameLine>>.Fail(RepoErrorCodes.BinaryFile, $"'{path}' is binary; it has no lines to blame.");
        }
        var lines = SplitLines(blob.GetContentText());
        if (startLine > lines.Count)
        {
            return RepoResult<IReadOnlyList<BlameLine>>.Fail(RepoErrorCodes.InvalidArgument, $"'{path}' has {lines.Count} line(s) in HEAD; ask for a start line within them.");
        }
        var end = Math.Min(endLine, lines.Count);
        var hunks = _repo.Blame(normalized.Value!, new BlameOptions { MinLine = startLine, MaxLine = end });
        var result = new List<BlameLine>();
        foreach (var hunk in hunks)
        {
            for (var i = 0; i < hunk.LineCount; i++)
            {
                var line = hunk.FinalStartLineNumber + i + 1;
                if (line >= startLine && line <= end)
                {
                    result.Add(new BlameLine(line, hunk.FinalCommit.Sha, hunk.FinalSignature.Name, Cut(lines[line - 1])));
                }
            }
        }
        result.Sort((a, b) => a.Line.CompareTo(b.Line));
        return RepoResult<IReadOnlyList<BlameLine>>.Ok(result);
    }

    /// <summary>
    /// Files that differ between <paramref name="commit"/> (a sha, short sha or revision) and HEAD, sorted, both
    /// sides of a rename included: what the nightly job asks to decide whether to collect traces again.
    /// </summary>
    public RepoResult<IReadOnlyList<string>> ChangedFilesSince(string commit)
    {
        var old = LookupCommit(commit);
        if (!old.IsSuccess)
        {
            return RepoResult<IReadOnlyList<string>>.Fail(old.Error!);
        }
        var changes = _repo.Diff.Compare<TreeChanges>(old.Value!.Tree, _repo.Head.Tip!.Tree);
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            paths.Add(change.Path.Replace('\\', '/'));
            paths.Add(change.OldPath.Replace('\\', '/'));
        }
        return RepoResult<IReadOnlyList<string>>.Ok(paths.ToArray());
    }

    /// <summary>A unified diff from <paramref name="commit"/> to HEAD, of one path (file or folder) or of everything.</summary>
    public RepoResult<string> DiffSince(string commit, string? path = null)
    {
        var old = LookupCommit(commit);
        if (!old.IsSuccess)
        {
            return RepoResult<string>.Fail(old.Error!);
        }
        string[]? paths = null;
        if (path is not null)
        {
            var normalized = _paths.Normalize(path);
            if (!normalized.IsSuccess)
            {
                return normalized;
            }
            paths = [normalized.Value!];
        }
        var patch = _repo.Diff.Compare<Patch>(old.Value!.Tree, _repo.Head.Tip!.Tree, paths);
        return RepoResult<string>.Ok(patch.Content);
    }

    /// <summary>Closes the repository and lets other processes use the cached clone.</summary>
    public void Dispose()
    {
        _repo.Dispose();
        _cacheLock?.Dispose();
    }

    private RepoResult<Commit> LookupCommit(string commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        if (_repo.Head.Tip is null)
        {
            return RepoResult<Commit>.Fail(RepoErrorCodes.CommitNotFound, "The repository has no commits yet; there is nothing to compare with.");
        }
        try
        {
            if (_repo.Lookup(commit)?.Peel<Commit>() is { } found)
            {
                return RepoResult<Commit>.Ok(found);
            }
        }
        catch (LibGit2SharpException)
        {
            // An ambiguous or malformed revision: reported below like a missing one.
        }
        return RepoResult<Commit>.Fail(RepoErrorCodes.CommitNotFound, $"No commit '{commit}' in this repository; fetch it first or pass a sha that 'git log' shows.");
    }

    private RepoResult<string> ReadText(string relativePath)
    {
        var path = _paths.Resolve(relativePath);
        if (!path.IsSuccess)
        {
            return path;
        }
        if (Directory.Exists(path.Value))
        {
            return RepoResult<string>.Fail(RepoErrorCodes.InvalidArgument, $"'{relativePath}' is a folder; list its files with ListFiles(\"{relativePath.TrimEnd('/')}/**\").");
        }
        if (!File.Exists(path.Value))
        {
            return RepoResult<string>.Fail(RepoErrorCodes.FileNotFound, $"No file '{relativePath}' in the work tree; list the files with ListFiles to find the right path.");
        }
        if (new FileInfo(path.Value!).Length > MaxReadFileBytes)
        {
            return RepoResult<string>.Fail(RepoErrorCodes.InvalidArgument, $"'{relativePath}' is over {MaxReadFileBytes / (1024 * 1024)} MiB; search it with Grep instead of reading it.");
        }
        var bytes = File.ReadAllBytes(path.Value!);
        if (IsBinary(bytes))
        {
            return RepoResult<string>.Fail(RepoErrorCodes.BinaryFile, $"'{relativePath}' is binary; it has no lines to read.");
        }
        return RepoResult<string>.Ok(Encoding.UTF8.GetString(bytes));
    }

    internal static bool IsBinary(ReadOnlySpan<byte> bytes) => bytes[..Math.Min(bytes.Length, BinarySniffBytes)].Contains((byte)0);

    internal static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var nl = text.IndexOf('\n', start);
            var end = nl < 0 ? text.Length : nl;
            lines.Add(text[start..(end > start && text[end - 1] == '\r' ? end - 1 : end)]);
            start = end + 1;
        }
        return lines;
    }

    private static string Cut(string line) => line.Length <= MaxLineLength ? line : line[..MaxLineLength] + "…";

    private static CommitInfo ToInfo(Commit c) => new(c.Sha, c.Author.Name, c.Author.When, c.MessageShort);
}
