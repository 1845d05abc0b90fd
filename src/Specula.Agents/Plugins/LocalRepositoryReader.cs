using Specula.Repos;
using Specula.Repos.Git;

namespace Specula.Agents.Plugins;

/// <summary>The repository tools on a git work tree opened by Specula.Repos (a clone or a local repository).</summary>
public sealed class LocalRepositoryReader(LocalRepository repository) : IRepositoryReader
{
    /// <inheritdoc />
    public string Root => repository.WorkTree;

    /// <inheritdoc />
    public string? Commit => repository.HeadCommit;

    /// <inheritdoc />
    public RepoCall<IReadOnlyList<string>> ListFiles(string? glob) => Map(repository.ListFiles(glob), v => v);

    /// <inheritdoc />
    public RepoCall<string> ReadFile(string path, int? start, int? end) => Map(repository.ReadFile(path, start, end), v => v);

    /// <inheritdoc />
    public RepoCall<IReadOnlyList<GrepHit>> Grep(string regex, string? glob, int max) =>
        Map(repository.Grep(regex, glob, max), v => (IReadOnlyList<GrepHit>)[.. v.Select(m => new GrepHit(m.Path, m.Line, m.Text))]);

    /// <inheritdoc />
    public RepoCall<IReadOnlyList<CommitEntry>> Log(string? path, int max) =>
        Map(repository.Log(path, max), v => (IReadOnlyList<CommitEntry>)[.. v.Select(c => new CommitEntry(c.Sha, c.Author, c.When, c.Subject))]);

    /// <inheritdoc />
    public RepoCall<IReadOnlyList<BlameEntry>> Blame(string path, int start, int end) =>
        Map(repository.Blame(path, start, end), v => (IReadOnlyList<BlameEntry>)[.. v.Select(b => new BlameEntry(b.Line, b.Sha, b.Author, b.Text))]);

    private static RepoCall<TOut> Map<TIn, TOut>(RepoResult<TIn> result, Func<TIn, TOut> map) =>
        result.IsSuccess ? RepoCall.Ok(map(result.Value!)) : RepoCall.Fail<TOut>(result.Error!.Code, result.Error.Message);
}
