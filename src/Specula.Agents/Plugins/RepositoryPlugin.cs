using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace Specula.Agents.Plugins;

/// <summary>Files of the repository.</summary>
/// <param name="Files">Relative paths, sorted.</param>
/// <param name="Truncated">More files matched than were returned.</param>
/// <param name="Error">The failure.</param>
public sealed record RepoFileList(IReadOnlyList<string> Files, bool Truncated, ToolError? Error) : IToolOutcome;

/// <summary>Lines of a file, numbered so they can be cited as file:line.</summary>
/// <param name="Path">The file.</param>
/// <param name="Text">The lines, each as <c>"  12: text"</c>.</param>
/// <param name="Error">The failure.</param>
public sealed record RepoFileText(string Path, string Text, ToolError? Error) : IToolOutcome;

/// <summary>Matches of a grep.</summary>
/// <param name="Matches">The matching lines.</param>
/// <param name="Error">The failure.</param>
public sealed record RepoGrepResult(IReadOnlyList<GrepHit> Matches, ToolError? Error) : IToolOutcome;

/// <summary>Commits of a path's history.</summary>
/// <param name="Commits">Newest first.</param>
/// <param name="Error">The failure.</param>
public sealed record RepoLogResult(IReadOnlyList<CommitEntry> Commits, ToolError? Error) : IToolOutcome;

/// <summary>Blame of a line range.</summary>
/// <param name="Lines">One entry per line.</param>
/// <param name="Error">The failure.</param>
public sealed record RepoBlameResult(IReadOnlyList<BlameEntry> Lines, ToolError? Error) : IToolOutcome;

/// <summary>Reading the target's code: the evidence every spec action must cite as file:line.</summary>
public sealed class RepositoryPlugin(IRepositoryReader repository)
{
    /// <summary>The plugin's name in tool calls (<c>repo-read_file</c>).</summary>
    public const string Name = "repo";

    private const int MaxFiles = 500;

    /// <summary>Lists files.</summary>
    [KernelFunction("list_files"), Description("List the repository's files, optionally filtered by a glob such as '**/*.go' or 'raft/*.go'. At most 500 paths.")]
    public RepoFileList ListFiles([Description("A glob relative to the repository root; empty for all files")] string? glob = null)
    {
        var result = repository.ListFiles(string.IsNullOrWhiteSpace(glob) ? null : glob);
        if (result.Error is not null)
        {
            return new RepoFileList([], false, result.Error);
        }
        var files = result.Value!;
        return new RepoFileList([.. files.Take(MaxFiles)], files.Count > MaxFiles, null);
    }

    /// <summary>Reads lines of a file.</summary>
    [KernelFunction("read_file"), Description("Read a file of the repository with line numbers ('  12: text'), optionally only lines start..end. Cite what you use as path:line.")]
    public RepoFileText ReadFile(
        [Description("The file, relative to the repository root")] string path,
        [Description("First line (1-based); empty for the start")] int? start = null,
        [Description("Last line (inclusive); empty for the end")] int? end = null)
    {
        var result = repository.ReadFile(path, start, end);
        return new RepoFileText(path, result.Value ?? "", result.Error);
    }

    /// <summary>Searches the code.</summary>
    [KernelFunction("grep"), Description("Search the repository for lines matching a .NET regular expression; returns path, line and text of each match.")]
    public RepoGrepResult Grep(
        [Description("The regular expression")] string regex,
        [Description("Only files matching this glob; empty for all")] string? glob = null,
        [Description("At most this many matches (default 100)")] int max = 100)
    {
        var result = repository.Grep(regex, string.IsNullOrWhiteSpace(glob) ? null : glob, Math.Clamp(max, 1, 1000));
        return new RepoGrepResult(result.Value ?? [], result.Error);
    }

    /// <summary>History of a path.</summary>
    [KernelFunction("log"), Description("The latest commits touching a path (or the whole repository): sha, author, date, subject.")]
    public RepoLogResult Log(
        [Description("A file or folder; empty for the whole repository")] string? path = null,
        [Description("At most this many commits (default 20)")] int max = 20)
    {
        var result = repository.Log(string.IsNullOrWhiteSpace(path) ? null : path, Math.Clamp(max, 1, 200));
        return new RepoLogResult(result.Value ?? [], result.Error);
    }

    /// <summary>Blame of lines.</summary>
    [KernelFunction("blame"), Description("Who last changed lines start..end of a file, with the commit of each line.")]
    public RepoBlameResult Blame(
        [Description("The file, relative to the repository root")] string path,
        [Description("First line (1-based)")] int start,
        [Description("Last line (inclusive)")] int end)
    {
        var result = repository.Blame(path, start, end);
        return new RepoBlameResult(result.Value ?? [], result.Error);
    }
}
