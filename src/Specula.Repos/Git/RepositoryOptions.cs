namespace Specula.Repos.Git;

/// <summary>How <see cref="RepositorySource.OpenAsync"/> gets a repository.</summary>
public sealed record RepositoryOptions
{
    /// <summary>
    /// Root of the clone cache; each address gets a folder of its own in it. Null for
    /// <see cref="DefaultCacheDirectory"/>. Clones live here, never in a folder the user had.
    /// </summary>
    public string? CacheDirectory { get; init; }

    /// <summary>The branch to check out; null for the remote's default branch (or the clone's current one).</summary>
    public string? Branch { get; init; }

    /// <summary>A commit (sha, short sha or revision) to check out instead of the branch tip; detaches HEAD.</summary>
    public string? Commit { get; init; }

    /// <summary>
    /// A token for https remotes (sent as the password of user <c>x-access-token</c>, as GitHub and most forges
    /// accept). Never shown: errors are redacted.
    /// </summary>
    public string? Token { get; init; }

    /// <summary>Skip the fetch when the clone already exists (offline work on what was fetched last).</summary>
    public bool NoFetch { get; init; }

    /// <summary>
    /// How long to wait for another Specula process that holds the same cached clone (each holds it from fetch until
    /// it disposes the <see cref="LocalRepository"/>, so nobody checks out under someone else's feet).
    /// </summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <inheritdoc />
    public override string ToString() =>
        $"RepositoryOptions {{ CacheDirectory = {CacheDirectory}, Branch = {Branch}, Commit = {Commit}, Token = {(Token is null ? "" : SecretRedactor.Mask)}, NoFetch = {NoFetch}, LockTimeout = {LockTimeout} }}";

    /// <summary><c>$XDG_CACHE_HOME/specula/repos</c>, else <c>~/.cache/specula/repos</c>.</summary>
    public static string DefaultCacheDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "specula", "repos");
    }
}

/// <summary>Progress of a clone or fetch, as git reports it.</summary>
/// <param name="Phase"><c>clone</c>, <c>fetch</c> or <c>checkout</c>.</param>
/// <param name="ReceivedObjects">Objects received so far (or files checked out in the checkout phase).</param>
/// <param name="TotalObjects">Objects to receive (or files to check out); 0 while unknown.</param>
/// <param name="ReceivedBytes">Bytes received so far.</param>
public sealed record RepoProgress(string Phase, int ReceivedObjects, int TotalObjects, long ReceivedBytes);

/// <summary>The outcome of <see cref="RepositorySource.OpenAsync"/>: a repository or an error.</summary>
/// <param name="Repository">The opened repository (the caller disposes it); null on error.</param>
/// <param name="Error">Why it could not be opened; null on success.</param>
public sealed record RepoOpenResult(LocalRepository? Repository, RepoError? Error)
{
    /// <summary>True when <see cref="Repository"/> is set.</summary>
    public bool IsSuccess => Repository is not null;
}
