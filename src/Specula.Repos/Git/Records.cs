namespace Specula.Repos.Git;

/// <summary>A line that matched <see cref="LocalRepository.Grep"/>.</summary>
/// <param name="Path">Work-tree-relative path with '/'.</param>
/// <param name="Line">1-based line number.</param>
/// <param name="Column">1-based column of the first match on the line.</param>
/// <param name="Text">The line (cut at 500 characters).</param>
public sealed record GrepMatch(string Path, int Line, int Column, string Text);

/// <summary>One commit of <see cref="LocalRepository.Log"/>.</summary>
/// <param name="Sha">Full commit id.</param>
/// <param name="Author">Author's name.</param>
/// <param name="When">Author date.</param>
/// <param name="Subject">First line of the message.</param>
public sealed record CommitInfo(string Sha, string Author, DateTimeOffset When, string Subject);

/// <summary>One line of <see cref="LocalRepository.Blame"/>: which commit last changed it.</summary>
/// <param name="Line">1-based line number in HEAD's version of the file.</param>
/// <param name="Sha">Commit that last changed the line.</param>
/// <param name="Author">That commit's author.</param>
/// <param name="Text">The line.</param>
public sealed record BlameLine(int Line, string Sha, string Author, string Text);
