using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Specula.Agents.Plugins;

/// <summary>
/// Reads a plain folder (no git): files, line-numbered reads and grep work, history answers that there is none.
/// Used for local targets that are not repositories, and in tests.
/// </summary>
public sealed class FolderRepositoryReader : IRepositoryReader
{
    private const string NoHistory = "REP002";

    /// <summary>Wraps <paramref name="root"/>.</summary>
    public FolderRepositoryReader(string root)
    {
        Root = Path.GetFullPath(root);
    }

    /// <inheritdoc />
    public string Root { get; }

    /// <inheritdoc />
    public string? Commit => null;

    /// <inheritdoc />
    public RepoCall<IReadOnlyList<string>> ListFiles(string? glob)
    {
        var pattern = glob is { Length: > 0 } ? GlobRegex(glob) : null;
        var files = Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith(".git/", StringComparison.Ordinal))
            .Where(f => pattern is null || pattern.IsMatch(f))
            .Order(StringComparer.Ordinal)
            .ToList();
        return RepoCall.Ok<IReadOnlyList<string>>(files);
    }

    /// <inheritdoc />
    public RepoCall<string> ReadFile(string path, int? start, int? end)
    {
        var full = Inside(path);
        if (full is null)
        {
            return RepoCall.Fail<string>("REP008", $"'{path}' is outside the repository.");
        }
        if (!File.Exists(full))
        {
            return RepoCall.Fail<string>("REP009", $"No file '{path}' in the repository.");
        }
        var lines = File.ReadAllLines(full);
        var first = Math.Max(1, start ?? 1);
        var last = Math.Min(end ?? lines.Length, lines.Length);
        var text = new StringBuilder();
        for (var i = first; i <= last; i++)
        {
            text.Append(i.ToString(CultureInfo.InvariantCulture).PadLeft(4)).Append(": ").Append(lines[i - 1]).Append('\n');
        }
        return RepoCall.Ok<string>(text.ToString());
    }

    /// <inheritdoc />
    public RepoCall<IReadOnlyList<GrepHit>> Grep(string regex, string? glob, int max)
    {
        Regex pattern;
        try
        {
            pattern = new Regex(regex, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            return RepoCall.Fail<IReadOnlyList<GrepHit>>("REP010", $"Invalid regular expression: {ex.Message}");
        }
        var hits = new List<GrepHit>();
        foreach (var file in ListFiles(glob).Value!)
        {
            var lines = File.ReadAllLines(Path.Combine(Root, file));
            for (var i = 0; i < lines.Length && hits.Count < max; i++)
            {
                if (pattern.IsMatch(lines[i]))
                {
                    hits.Add(new GrepHit(file, i + 1, lines[i]));
                }
            }
        }
        return RepoCall.Ok<IReadOnlyList<GrepHit>>(hits);
    }

    /// <inheritdoc />
    public RepoCall<IReadOnlyList<CommitEntry>> Log(string? path, int max) =>
        RepoCall.Fail<IReadOnlyList<CommitEntry>>(NoHistory, $"{Root} is not a git repository: there is no history.");

    /// <inheritdoc />
    public RepoCall<IReadOnlyList<BlameEntry>> Blame(string path, int start, int end) =>
        RepoCall.Fail<IReadOnlyList<BlameEntry>>(NoHistory, $"{Root} is not a git repository: there is no blame.");

    private string? Inside(string path)
    {
        var full = Path.GetFullPath(Path.Combine(Root, path));
        return full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }

    private static Regex GlobRegex(string glob)
    {
        var text = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                text.Append(".*");
                i++;
                if (i + 1 < glob.Length && glob[i + 1] == '/')
                {
                    i++;
                    text.Append("/?");
                }
            }
            else
            {
                text.Append(c switch { '*' => "[^/]*", '?' => "[^/]", _ => Regex.Escape(c.ToString()) });
            }
        }
        // A glob without a slash matches a file name in any folder, as git's pathspecs do.
        return new Regex(glob.Contains('/', StringComparison.Ordinal) ? text.Append('$').ToString() : "(^|/)" + text.ToString()[1..] + "$",
            RegexOptions.CultureInvariant);
    }
}
