namespace Specula.Repos;

/// <summary>An expected failure of a repository or GitHub operation: a stable code and a message that says what to do.</summary>
/// <param name="Code">Stable code users can search for, e.g. <c>REP003</c> (see <see cref="RepoErrorCodes"/>).</param>
/// <param name="Message">What failed and what to do about it; never holds a secret (tokens are masked).</param>
public sealed record RepoError(string Code, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Code}: {Message}";
}

/// <summary>Stable codes of <see cref="RepoError"/>s: users search for them and callers branch on them, so they never change meaning.</summary>
public static class RepoErrorCodes
{
    /// <summary>No folder and no repository address: the argument names nothing.</summary>
    public const string NoSuchPath = "REP001";

    /// <summary>A folder that is not a git repository.</summary>
    public const string NotARepository = "REP002";

    /// <summary>The host of a repository address cannot be reached (DNS, connection refused, TLS).</summary>
    public const string HostUnreachable = "REP003";

    /// <summary>The host answered but has no repository at that address.</summary>
    public const string RepositoryNotFound = "REP004";

    /// <summary>The repository needs credentials, or the ones given were refused.</summary>
    public const string AuthenticationRequired = "REP005";

    /// <summary>The requested branch does not exist on the remote.</summary>
    public const string BranchNotFound = "REP006";

    /// <summary>The requested commit (or revision) does not exist.</summary>
    public const string CommitNotFound = "REP007";

    /// <summary>A path leads outside the work tree (<c>..</c>, absolute, or a symbolic link out).</summary>
    public const string PathOutsideWorkTree = "REP008";

    /// <summary>No such file in the work tree.</summary>
    public const string FileNotFound = "REP009";

    /// <summary>An invalid regular expression, glob or line range.</summary>
    public const string InvalidArgument = "REP010";

    /// <summary>The operation was cancelled.</summary>
    public const string Cancelled = "REP011";

    /// <summary>Git failed in a way not covered by another code (the message has git's reason).</summary>
    public const string GitFailed = "REP012";

    /// <summary>The address uses a transport this build of libgit2 cannot speak.</summary>
    public const string UnsupportedTransport = "REP013";

    /// <summary>The file is binary, so it has no lines to read.</summary>
    public const string BinaryFile = "REP014";

    /// <summary>Another Specula process holds the cached clone longer than <c>RepositoryOptions.LockTimeout</c>.</summary>
    public const string CacheBusy = "REP015";

    /// <summary>GitHub refused the token (HTTP 401).</summary>
    public const string GitHubUnauthorized = "REP020";

    /// <summary>GitHub's rate limit is spent (HTTP 403/429 with a reset time).</summary>
    public const string GitHubRateLimited = "REP021";

    /// <summary>The token lacks a permission (HTTP 403).</summary>
    public const string GitHubForbidden = "REP022";

    /// <summary>GitHub has no such repository, issue or pull request, or the token cannot see it (HTTP 404).</summary>
    public const string GitHubNotFound = "REP023";

    /// <summary>GitHub failed (HTTP 5xx).</summary>
    public const string GitHubServerError = "REP024";

    /// <summary>GitHub could not be reached (DNS, connection, timeout).</summary>
    public const string GitHubUnreachable = "REP025";

    /// <summary>GitHub rejected the request's content (HTTP 422) or answered with another error.</summary>
    public const string GitHubRejected = "REP026";
}

// Factory methods on the generic type read best at call sites (RepoResult<string>.Fail(...)), as in SandboxResult<T>.
#pragma warning disable CA1000
/// <summary>The outcome of an operation that can fail in expected ways: a value or a <see cref="RepoError"/>, never both.</summary>
/// <typeparam name="T">The value on success.</typeparam>
public sealed record RepoResult<T>
{
    private RepoResult(T? value, RepoError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value; meaningful only when <see cref="IsSuccess"/>.</summary>
    public T? Value { get; }

    /// <summary>Why the operation failed; null on success.</summary>
    public RepoError? Error { get; }

    /// <summary>True when there is no <see cref="Error"/>.</summary>
    public bool IsSuccess => Error is null;

    /// <summary>A success.</summary>
    public static RepoResult<T> Ok(T value) => new(value, null);

    /// <summary>A failure.</summary>
    public static RepoResult<T> Fail(RepoError error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));

    /// <summary>A failure from a code and message.</summary>
    public static RepoResult<T> Fail(string code, string message) => Fail(new RepoError(code, message));

    /// <summary>Converts an error so callers can write <c>return error;</c>.</summary>
    public static implicit operator RepoResult<T>(RepoError error) => Fail(error);
}
#pragma warning restore CA1000
