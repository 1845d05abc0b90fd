using Specula.Repos.GitHub;
using Specula.Testing.GitHub;

namespace Specula.Repos.Tests.GitHub;

public sealed class GitHubReporterTests : IDisposable
{
    private const string Token = "ghp_Sp3culaTestTokenThatMustNeverLeak42";
    private readonly FakeGitHubServer _server = new("etcd-io", "raft");

    public void Dispose() => _server.Dispose();

    private GitHubReporter Reporter(Uri? baseUrl = null, string owner = "etcd-io") => new(new GitHubOptions(Token, baseUrl ?? _server.BaseUrl, owner, "raft"));

    private static T Ok<T>(RepoResult<T> result)
    {
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Value!;
    }

    [Theory]
    [InlineData("")]         // http://127.0.0.1:PORT/ : Octokit adds api/v3/
    [InlineData("api/v3/")]  // GitHub Enterprise style
    public async Task One_issue_per_target_is_created_then_updated_never_duplicated(string suffix)
    {
        var reporter = Reporter(new Uri(_server.BaseUrl, suffix));

        var first = Ok(await reporter.UpsertIssueAsync("etcd-raft/main", "Spec drift in etcd-raft", "Trace 3 diverges at event 87."));
        var second = Ok(await reporter.UpsertIssueAsync("etcd-raft/main", "Spec drift in etcd-raft (2 traces)", "Traces 3 and 4 diverge."));
        var other = Ok(await reporter.UpsertIssueAsync("hashicorp-raft/main", "Spec drift in hashicorp-raft", "Trace 1 diverges."));

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Number, second.Number);
        Assert.NotEqual(first.Number, other.Number);
        Assert.Equal($"https://github.example/etcd-io/raft/issues/{first.Number}", first.Url);
        var issues = _server.Issues;
        Assert.Equal(2, issues.Count);
        var issue = issues.Single(i => i.Number == first.Number);
        Assert.Equal("Spec drift in etcd-raft (2 traces)", issue.Title);
        Assert.Equal("Traces 3 and 4 diverge.\n\n<!-- specula:target=etcd-raft/main -->\n", issue.Body);
        Assert.Equal(["specula"], issue.Labels);
        Assert.Equal(["specula"], _server.Labels);

        var requests = _server.Requests;
        Assert.All(requests, r => Assert.StartsWith("/api/v3/repos/etcd-io/raft/", r.Path, StringComparison.Ordinal));
        Assert.All(requests, r => Assert.Contains(Token, r.Authorization ?? "", StringComparison.Ordinal));
        Assert.Equal(2, requests.Count(r => r is { Method: "POST", Path: "/api/v3/repos/etcd-io/raft/issues" }));
        Assert.Single(requests, r => r.Method == "PATCH");
        Assert.Single(requests, r => r is { Method: "POST", Path: "/api/v3/repos/etcd-io/raft/labels" });
        var list = requests.First(r => r is { Method: "GET", Path: "/api/v3/repos/etcd-io/raft/issues" });
        Assert.Contains("labels=specula", list.Query, StringComparison.Ordinal);
        Assert.Contains("state=open", list.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_an_open_issue_with_the_label_and_the_exact_marker_is_reused()
    {
        _server.AddLabel("specula");
        var otherTarget = _server.AddIssue("Another target", "<!-- specula:target=etcd-raft/main-old -->", "specula");
        var unlabelled = _server.AddIssue("Marker without the label", "<!-- specula:target=etcd-raft/main -->");
        var closed = _server.AddIssue("Closed", "<!-- specula:target=etcd-raft/main -->", "specula");
        _server.SetIssueState(closed, "closed");
        var pr = _server.AddPullRequest("A pull request quoting the marker", "<!-- specula:target=etcd-raft/main -->", "specula");

        var created = Ok(await Reporter().UpsertIssueAsync("etcd-raft/main", "Drift", "Body"));

        Assert.True(created.Created);
        Assert.DoesNotContain(created.Number, new[] { otherTarget, unlabelled, closed, pr });
        Assert.Equal(5, _server.Issues.Count);
        Assert.DoesNotContain(_server.Requests, r => r is { Method: "POST", Path: "/api/v3/repos/etcd-io/raft/labels" }); // the label already existed
        Assert.DoesNotContain(_server.Requests, r => r.Method == "PATCH");
    }

    [Fact]
    public async Task Closing_comments_then_closes_and_the_next_drift_opens_a_new_issue()
    {
        var reporter = Reporter();
        var opened = Ok(await reporter.UpsertIssueAsync("lock-service", "Drift", "Divergence."));

        var closed = Ok(await reporter.CloseIssueAsync("lock-service", "Repaired in run 42: all 20 traces conform."));
        Assert.Equal(opened.Number, closed!.Number);
        Assert.Equal("closed", _server.Issues.Single(i => i.Number == opened.Number).State);
        Assert.Equal("Repaired in run 42: all 20 traces conform.", _server.Comments.Single(c => c.IssueNumber == opened.Number).Body);

        Assert.Null(Ok(await reporter.CloseIssueAsync("lock-service", "again")));
        Assert.Single(_server.Comments);

        var reopened = Ok(await reporter.UpsertIssueAsync("lock-service", "Drift again", "New divergence."));
        Assert.True(reopened.Created);
        Assert.NotEqual(opened.Number, reopened.Number);
    }

    [Fact]
    public async Task Commit_status_is_set_with_the_default_context_and_a_short_description()
    {
        var reporter = Reporter();
        var sha = new string('a', 40);
        var status = Ok(await reporter.SetCommitStatusAsync(sha, CommitState.Failure, new string('x', 200), new Uri("https://ci.example/runs/7")));
        Ok(await reporter.SetCommitStatusAsync(sha, CommitState.Success, "20/20 traces conform", null, "specula/nightly"));

        Assert.Equal(new StatusRef(sha, "specula/conformance", CommitState.Failure), status);
        var statuses = _server.Statuses;
        Assert.Equal(2, statuses.Count);
        Assert.Equal(new FakeStatus(sha, "failure", new string('x', 139) + "…", "https://ci.example/runs/7", "specula/conformance"), statuses[0]);
        Assert.Equal(new FakeStatus(sha, "success", "20/20 traces conform", null, "specula/nightly"), statuses[1]);
        Assert.Contains(_server.Requests, r => r.Method == "POST" && r.Path == $"/api/v3/repos/etcd-io/raft/statuses/{sha}");
    }

    [Fact]
    public async Task A_pull_request_gets_one_specula_comment_that_is_edited_afterwards()
    {
        var pr = _server.AddPullRequest("Repair the spec");
        _server.AddComment(pr, "Looks good to me (a person).");
        var reporter = Reporter();

        var first = Ok(await reporter.CommentOnPullRequestAsync(pr, "Round 1: 18/20 traces conform."));
        var second = Ok(await reporter.CommentOnPullRequestAsync(pr, "Round 2: 20/20 traces conform."));

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Id, second.Id);
        var comments = _server.Comments.Where(c => c.IssueNumber == pr).ToArray();
        Assert.Equal(2, comments.Length);
        Assert.Equal("Looks good to me (a person).", comments[0].Body);
        Assert.StartsWith("Round 2: 20/20 traces conform.\n\n<!-- specula:", comments[1].Body, StringComparison.Ordinal);
        Assert.Equal(RepoErrorCodes.GitHubNotFound, (await reporter.CommentOnPullRequestAsync(999, "x")).Error!.Code);
    }

    public static TheoryData<int, string, string> Failures() => new()
    {
        { 401, """{"message":"Bad credentials"}""", RepoErrorCodes.GitHubUnauthorized },
        { 403, """{"message":"Resource not accessible by integration"}""", RepoErrorCodes.GitHubForbidden },
        { 404, """{"message":"Not Found"}""", RepoErrorCodes.GitHubNotFound },
        { 422, """{"message":"Validation Failed"}""", RepoErrorCodes.GitHubRejected },
        { 429, """{"message":"slow down"}""", RepoErrorCodes.GitHubRateLimited },
        { 500, """{"message":"Internal error"}""", RepoErrorCodes.GitHubServerError },
        { 502, "<html>Bad gateway</html>", RepoErrorCodes.GitHubServerError },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Http_failures_become_typed_errors_that_never_hold_the_token(int status, string body, string code)
    {
        // A misbehaving server echoes the Authorization header back: it must still not reach any message.
        _server.Intercept = r => new FakeResponse(status, body.Contains('{', StringComparison.Ordinal)
            ? body.Replace("\"}", $" (you sent {r.Authorization})\"}}", StringComparison.Ordinal)
            : body + r.Authorization);
        var reporter = Reporter();

        var results = new List<RepoError?>
        {
            (await reporter.UpsertIssueAsync("t", "title", "body")).Error,
            (await reporter.CloseIssueAsync("t", "done")).Error,
            (await reporter.SetCommitStatusAsync("abc", CommitState.Pending, "checking", null)).Error,
            (await reporter.CommentOnPullRequestAsync(1, "x")).Error,
        };

        Assert.All(results, e => Assert.Equal(code, e?.Code));
        Assert.All(results, e => Assert.DoesNotContain(Token, e!.ToString(), StringComparison.Ordinal));
        Assert.All(results, e => Assert.DoesNotContain("   at ", e!.Message, StringComparison.Ordinal));
        Assert.Contains(_server.Requests, r => r.Authorization?.Contains(Token, StringComparison.Ordinal) == true); // it was sent, only to the server
    }

    [Fact]
    public async Task A_spent_rate_limit_says_when_it_resets()
    {
        var reset = new DateTimeOffset(2026, 11, 27, 10, 30, 0, TimeSpan.Zero);
        _server.Intercept = _ => new FakeResponse(403, """{"message":"API rate limit exceeded for user ID 1."}""", new Dictionary<string, string>
        {
            ["X-RateLimit-Limit"] = "5000",
            ["X-RateLimit-Remaining"] = "0",
            ["X-RateLimit-Reset"] = reset.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        var error = (await Reporter().UpsertIssueAsync("t", "title", "body")).Error!;

        Assert.Equal(RepoErrorCodes.GitHubRateLimited, error.Code);
        Assert.Contains("2026-11-27 10:30:00Z", error.Message, StringComparison.Ordinal);
        Assert.Contains("5000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_and_a_wrong_repository_are_typed_errors()
    {
        var unreachable = new GitHubReporter(new GitHubOptions(Token, new Uri("http://127.0.0.1:1/"), "etcd-io", "raft"));
        var down = (await unreachable.SetCommitStatusAsync("abc", CommitState.Error, "x", null)).Error!;
        Assert.Equal(RepoErrorCodes.GitHubUnreachable, down.Code);
        Assert.Contains("127.0.0.1:1", down.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, down.Message, StringComparison.Ordinal);

        var wrong = (await Reporter(owner: "someone-else").UpsertIssueAsync("t", "title", "body")).Error!;
        Assert.Equal(RepoErrorCodes.GitHubNotFound, wrong.Code);
        Assert.Contains("someone-else/raft", wrong.Message, StringComparison.Ordinal);

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        Assert.Equal(RepoErrorCodes.Cancelled, (await Reporter().UpsertIssueAsync("t", "title", "body", cancelled.Token)).Error!.Code);
    }

    [Fact]
    public void Options_and_markers_never_show_the_token_and_keep_the_comment_intact()
    {
        var options = new GitHubOptions(Token, null, "o", "r");
        Assert.DoesNotContain(Token, options.ToString(), StringComparison.Ordinal);
        Assert.Contains("Owner = o", options.ToString(), StringComparison.Ordinal);
        Assert.Equal("<!-- specula:target=a/b -->", GitHubReporter.MarkerFor("a/b"));
        var odd = GitHubReporter.MarkerFor("x-->y\nz");
        Assert.Equal(1, odd.Split("-->").Length - 1);
        Assert.DoesNotContain('\n', odd);
    }
}
