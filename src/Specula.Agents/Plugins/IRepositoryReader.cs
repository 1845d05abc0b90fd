namespace Specula.Agents.Plugins;

/// <summary>A line of a grep.</summary>
/// <param name="Path">File, relative to the repository root.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Text">The line.</param>
public sealed record GrepHit(string Path, int Line, string Text);

/// <summary>A commit of a file's history.</summary>
/// <param name="Sha">Commit id.</param>
/// <param name="Author">Author name.</param>
/// <param name="When">Author time.</param>
/// <param name="Subject">First line of the message.</param>
public sealed record CommitEntry(string Sha, string Author, DateTimeOffset When, string Subject);

/// <summary>Who last changed a line.</summary>
/// <param name="Line">1-based line.</param>
/// <param name="Sha">Commit id.</param>
/// <param name="Author">Author name.</param>
/// <param name="Text">The line.</param>
public sealed record BlameEntry(int Line, string Sha, string Author, string Text);

/// <summary>A repository call's result: the value or a typed error.</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="Value">The value on success.</param>
/// <param name="Error">The failure.</param>
public sealed record RepoCall<T>(T? Value, ToolError? Error);

/// <summary>Builds <see cref="RepoCall{T}"/> results.</summary>
public static class RepoCall
{
    /// <summary>A success.</summary>
    public static RepoCall<T> Ok<T>(T value) => new(value, null);

    /// <summary>A failure.</summary>
    public static RepoCall<T> Fail<T>(string code, string message) => new(default, new ToolError(code, message));
}

/// <summary>
/// What the repository plugin reads from the target's code: the seam between the agent tools and
/// Specula.Repos' local repository (clones, work trees, history), so tools can be tested on a plain folder.
/// </summary>
public interface IRepositoryReader
{
    /// <summary>The work tree's root.</summary>
    string Root { get; }

    /// <summary>The checked-out commit, when the folder is a git repository.</summary>
    string? Commit { get; }

    /// <summary>Files matching a glob (all when null), relative, sorted.</summary>
    RepoCall<IReadOnlyList<string>> ListFiles(string? glob);

    /// <summary>Lines <paramref name="start"/>..<paramref name="end"/> of a file, each prefixed with its number.</summary>
    RepoCall<string> ReadFile(string path, int? start, int? end);

    /// <summary>Lines matching a regular expression.</summary>
    RepoCall<IReadOnlyList<GrepHit>> Grep(string regex, string? glob, int max);

    /// <summary>The latest commits touching a path (the whole repository when null).</summary>
    RepoCall<IReadOnlyList<CommitEntry>> Log(string? path, int max);

    /// <summary>Who last changed lines <paramref name="start"/>..<paramref name="end"/> of a file.</summary>
    RepoCall<IReadOnlyList<BlameEntry>> Blame(string path, int start, int end);
}
