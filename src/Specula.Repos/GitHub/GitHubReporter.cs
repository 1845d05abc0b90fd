using System.Globalization;
using System.Net;
using System.Net.Http;
using Octokit;

namespace Specula.Repos.GitHub;

/// <summary>Where and as whom to report on GitHub.</summary>
/// <param name="Token">A token with issues, statuses and pull-request rights; never shown (see <see cref="ToString"/>).</param>
/// <param name="BaseUrl">
/// GitHub Enterprise's API, e.g. <c>https://host/api/v3/</c>; null for github.com. Octokit adds <c>/api/v3/</c> to any
/// host other than github.com, so <c>https://host/</c> works too.
/// </param>
/// <param name="Owner">The repository's owner (user or organisation).</param>
/// <param name="Repository">The repository's name.</param>
public sealed record GitHubOptions(string Token, Uri? BaseUrl, string Owner, string Repository)
{
    /// <summary>Shows everything but the token, so options can be logged.</summary>
    public override string ToString() => $"GitHubOptions {{ Token = {SecretRedactor.Mask}, BaseUrl = {BaseUrl}, Owner = {Owner}, Repository = {Repository} }}";
}

/// <summary>The state of a commit status, as GitHub shows it beside the commit.</summary>
public enum CommitState
{
    /// <summary>Specula is still checking.</summary>
    Pending,

    /// <summary>The spec conforms.</summary>
    Success,

    /// <summary>The spec does not conform (drift or a violated invariant).</summary>
    Failure,

    /// <summary>Specula could not decide (build, sandbox or budget problem).</summary>
    Error,
}

/// <summary>An issue Specula keeps for a target.</summary>
/// <param name="Number">Issue number.</param>
/// <param name="Url">Its page.</param>
/// <param name="Created">True when this call created it; false when it updated (or closed) the existing one.</param>
public sealed record IssueRef(int Number, string Url, bool Created);

/// <summary>A comment Specula keeps on a pull request.</summary>
/// <param name="Id">Comment id.</param>
/// <param name="Url">Its link.</param>
/// <param name="Created">True when this call created it; false when it updated Specula's earlier comment.</param>
public sealed record CommentRef(long Id, string Url, bool Created);

/// <summary>A commit status that was set.</summary>
/// <param name="Sha">The commit.</param>
/// <param name="Context">The status's context (one check per context).</param>
/// <param name="State">Its state.</param>
public sealed record StatusRef(string Sha, string Context, CommitState State);

/// <summary>
/// Reports conformance on GitHub (or GitHub Enterprise) through Octokit: one open issue per target, kept up to date
/// and closed when the drift is repaired; commit statuses; one comment per pull request, edited rather than
/// repeated. Specula's issues and comments carry hidden markers (<c>&lt;!-- specula:target=KEY --&gt;</c>) by which it
/// finds them again, so it never duplicates them. Failures (401, rate limit, 403, 404, 5xx, network) come back as
/// <see cref="RepoError"/>s whose text never holds the token.
/// </summary>
public sealed class GitHubReporter
{
    /// <summary>The label on every issue Specula opens; it narrows the search for the marker.</summary>
    public const string Label = "specula";

    /// <summary>The default context of commit statuses.</summary>
    public const string DefaultContext = "specula/conformance";

    private const string PullRequestMarker = "<!-- specula:pull-request -->";

    private readonly GitHubOptions _options;
    private readonly GitHubClient _client;
    private readonly SecretRedactor _redactor;

    /// <summary>A reporter for one repository.</summary>
    public GitHubReporter(GitHubOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Token);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Owner);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Repository);
        _options = options;
        _redactor = new SecretRedactor(options.Token);
        var product = new ProductHeaderValue("specula", typeof(GitHubReporter).Assembly.GetName().Version?.ToString(3) ?? "0");
        _client = options.BaseUrl is null ? new GitHubClient(product) : new GitHubClient(product, options.BaseUrl);
        _client.Credentials = new Credentials(options.Token);
    }

    /// <summary>The hidden marker that ties an issue to a target.</summary>
    public static string MarkerFor(string targetKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(targetKey);
        // "--" would end the HTML comment early, and a newline would split the marker.
        var key = targetKey.Replace("--", "-\u2010", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ').Trim();
        return $"<!-- specula:target={key} -->";
    }

    /// <summary>
    /// Opens the target's issue, or updates it when it is already open: exactly one open issue per target. The issue
    /// is found by its marker among open issues labelled <see cref="Label"/> (the label is created when missing). The
    /// issues list is read rather than the search API because search is eventually consistent: an issue created a
    /// moment ago might not be found, and would be opened twice.
    /// </summary>
    public Task<RepoResult<IssueRef>> UpsertIssueAsync(string targetKey, string title, string body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(body);
        var marker = MarkerFor(targetKey);
        return Call($"update the issue of '{targetKey}'", async () =>
        {
            var fullBody = body.TrimEnd() + "\n\n" + marker + "\n";
            var existing = await FindIssueAsync(marker, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                var update = new IssueUpdate { Title = title, Body = fullBody };
                var updated = await _client.Issue.Update(_options.Owner, _options.Repository, existing.Number, update).WaitAsync(cancellationToken).ConfigureAwait(false);
                return new IssueRef(updated.Number, updated.HtmlUrl, Created: false);
            }
            await EnsureLabelAsync(cancellationToken).ConfigureAwait(false);
            var issue = new NewIssue(title) { Body = fullBody };
            issue.Labels.Add(Label);
            var created = await _client.Issue.Create(_options.Owner, _options.Repository, issue).WaitAsync(cancellationToken).ConfigureAwait(false);
            return new IssueRef(created.Number, created.HtmlUrl, Created: true);
        });
    }

    /// <summary>
    /// Closes the target's open issue with a comment saying why (the drift was repaired). Succeeds with null when
    /// there is no open issue: nothing to close.
    /// </summary>
    public Task<RepoResult<IssueRef?>> CloseIssueAsync(string targetKey, string comment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(comment);
        var marker = MarkerFor(targetKey);
        return Call<IssueRef?>($"close the issue of '{targetKey}'", async () =>
        {
            var existing = await FindIssueAsync(marker, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                return null;
            }
            if (comment.Length > 0)
            {
                await _client.Issue.Comment.Create(_options.Owner, _options.Repository, existing.Number, comment).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            var closed = await _client.Issue.Update(_options.Owner, _options.Repository, existing.Number, new IssueUpdate { State = ItemState.Closed })
                .WaitAsync(cancellationToken).ConfigureAwait(false);
            return new IssueRef(closed.Number, closed.HtmlUrl, Created: false);
        });
    }

    /// <summary>Sets the status of <paramref name="sha"/> in <paramref name="context"/> (a later call replaces it on GitHub).</summary>
    public Task<RepoResult<StatusRef>> SetCommitStatusAsync(string sha, CommitState state, string description, Uri? targetUrl, string context = DefaultContext, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sha);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentException.ThrowIfNullOrWhiteSpace(context);
        return Call($"set the status of commit {sha}", async () =>
        {
            var status = new NewCommitStatus
            {
                State = state switch
                {
                    CommitState.Pending => Octokit.CommitState.Pending,
                    CommitState.Success => Octokit.CommitState.Success,
                    CommitState.Failure => Octokit.CommitState.Failure,
                    _ => Octokit.CommitState.Error,
                },
                // GitHub refuses descriptions over 140 characters.
                Description = description.Length <= 140 ? description : description[..139] + "…",
                TargetUrl = targetUrl?.AbsoluteUri,
                Context = context,
            };
            await _client.Repository.Status.Create(_options.Owner, _options.Repository, sha, status).WaitAsync(cancellationToken).ConfigureAwait(false);
            return new StatusRef(sha, context, state);
        });
    }

    /// <summary>
    /// Comments on pull request <paramref name="number"/>, editing Specula's earlier comment there (found by its
    /// marker) instead of adding another.
    /// </summary>
    public Task<RepoResult<CommentRef>> CommentOnPullRequestAsync(int number, string body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Call($"comment on pull request #{number}", async () =>
        {
            var fullBody = body.TrimEnd() + "\n\n" + PullRequestMarker + "\n";
            var comments = await _client.Issue.Comment.GetAllForIssue(_options.Owner, _options.Repository, number).WaitAsync(cancellationToken).ConfigureAwait(false);
            var previous = comments.LastOrDefault(c => c.Body?.Contains(PullRequestMarker, StringComparison.Ordinal) == true);
            if (previous is not null)
            {
                var updated = await _client.Issue.Comment.Update(_options.Owner, _options.Repository, previous.Id, fullBody).WaitAsync(cancellationToken).ConfigureAwait(false);
                return new CommentRef(updated.Id, updated.HtmlUrl, Created: false);
            }
            var created = await _client.Issue.Comment.Create(_options.Owner, _options.Repository, number, fullBody).WaitAsync(cancellationToken).ConfigureAwait(false);
            return new CommentRef(created.Id, created.HtmlUrl, Created: true);
        });
    }

    private async Task<Issue?> FindIssueAsync(string marker, CancellationToken cancellationToken)
    {
        var request = new RepositoryIssueRequest { State = ItemStateFilter.Open, Filter = IssueFilter.All };
        request.Labels.Add(Label);
        var issues = await _client.Issue.GetAllForRepository(_options.Owner, _options.Repository, request).WaitAsync(cancellationToken).ConfigureAwait(false);
        // Pull requests are issues too in this list; the oldest match wins should a person have copied the marker.
        return issues.Where(i => i.PullRequest is null && i.Body?.Contains(marker, StringComparison.Ordinal) == true)
            .OrderBy(i => i.Number).FirstOrDefault();
    }

    private async Task EnsureLabelAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _client.Issue.Labels.Get(_options.Owner, _options.Repository, Label).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NotFoundException)
        {
            var label = new NewLabel(Label, "5319e7") { Description = "Opened by Specula: the spec and the code disagree" };
            try
            {
                await _client.Issue.Labels.Create(_options.Owner, _options.Repository, label).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ApiValidationException)
            {
                // Created meanwhile by another run ("already_exists"): what we wanted.
            }
        }
    }

    private async Task<RepoResult<T>> Call<T>(string what, Func<Task<T>> action)
    {
        try
        {
            return RepoResult<T>.Ok(await action().ConfigureAwait(false));
        }
        catch (Exception ex) when (ToError(ex, what) is { } error)
        {
            return RepoResult<T>.Fail(error);
        }
    }

    private RepoError? ToError(Exception ex, string what)
    {
        var where = _options.BaseUrl is null ? "GitHub" : $"GitHub at {_options.BaseUrl.GetLeftPart(UriPartial.Authority)}";
        var repo = $"{_options.Owner}/{_options.Repository}";
        var (code, message) = ex switch
        {
            RateLimitExceededException r => (RepoErrorCodes.GitHubRateLimited,
                $"Could not {what}: the rate limit of {where} is spent ({r.Limit} requests); it resets at {r.Reset.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)}. Try again after that."),
            SecondaryRateLimitExceededException => (RepoErrorCodes.GitHubRateLimited,
                $"Could not {what}: {where} throttled the requests (secondary rate limit). Wait a few minutes and try again."),
            AbuseException a => (RepoErrorCodes.GitHubRateLimited,
                $"Could not {what}: {where} throttled the requests; try again in {a.RetryAfterSeconds ?? 60} seconds."),
            AuthorizationException => (RepoErrorCodes.GitHubUnauthorized,
                $"Could not {what}: {where} refused the token (401). Check that it is valid and not expired."),
            ForbiddenException f => (RepoErrorCodes.GitHubForbidden,
                $"Could not {what}: {where} forbids it (403: {Reason(f)}). Give the token the issues, statuses and pull-requests permissions on {repo}."),
            NotFoundException => (RepoErrorCodes.GitHubNotFound,
                $"Could not {what}: {where} has no such repository, issue or pull request in {repo} (404), or the token cannot see it. Check the owner, the name and the token's access."),
            ApiValidationException v => (RepoErrorCodes.GitHubRejected,
                $"Could not {what}: {where} rejected the request (422: {Reason(v)})."),
            ApiException { StatusCode: HttpStatusCode.TooManyRequests } => (RepoErrorCodes.GitHubRateLimited,
                $"Could not {what}: {where} throttled the requests (429). Wait a few minutes and try again."),
            ApiException { StatusCode: >= HttpStatusCode.InternalServerError } s => (RepoErrorCodes.GitHubServerError,
                $"Could not {what}: {where} failed ({(int)s.StatusCode}). Try again later."),
            ApiException o => (RepoErrorCodes.GitHubRejected,
                $"Could not {what}: {where} answered {(int)o.StatusCode}: {Reason(o)}."),
            HttpRequestException h => (RepoErrorCodes.GitHubUnreachable,
                $"Could not {what}: {where} cannot be reached ({h.Message.TrimEnd('.')}). Check the address and the network."),
            TaskCanceledException or TimeoutException when ex is not OperationCanceledException { CancellationToken.IsCancellationRequested: true } => (RepoErrorCodes.GitHubUnreachable,
                $"Could not {what}: {where} did not answer in time. Try again later."),
            OperationCanceledException => (RepoErrorCodes.Cancelled, $"Cancelled while trying to {what}."),
            _ => ((string?)null, (string?)null),
        };
        return code is null ? null : new RepoError(code, _redactor.Redact(message)!);
    }

    private static string Reason(ApiException ex) =>
        string.IsNullOrWhiteSpace(ex.ApiError?.Message) ? ex.StatusCode.ToString() : ex.ApiError.Message.TrimEnd('.');
}
