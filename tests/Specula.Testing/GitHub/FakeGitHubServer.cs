using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Specula.Testing.GitHub;

/// <summary>An issue (or pull request: GitHub serves both as issues) held by <see cref="FakeGitHubServer"/>.</summary>
public sealed record FakeIssue(int Number, string Title, string? Body, string State, IReadOnlyList<string> Labels, bool IsPullRequest);

/// <summary>A comment held by <see cref="FakeGitHubServer"/>.</summary>
public sealed record FakeComment(long Id, int IssueNumber, string Body);

/// <summary>A commit status held by <see cref="FakeGitHubServer"/>.</summary>
public sealed record FakeStatus(string Sha, string State, string? Description, string? TargetUrl, string Context);

/// <summary>
/// GitHub's REST API for one repository, in memory, on 127.0.0.1: labels, issues (list with state and label filters,
/// create, get, update), issue comments (list, create, update), commit statuses. Paths are accepted with and without
/// the <c>/api/v3</c> prefix Octokit puts before non-github.com hosts. Every request is recorded so tests can check
/// headers (the token in Authorization) and that nothing was created twice. <see cref="Intercept"/> scripts failures.
/// </summary>
public sealed partial class FakeGitHubServer : LoopbackHttpServer
{
    private readonly State _state;

    /// <summary>Serves the repository <paramref name="owner"/>/<paramref name="repository"/>; any other answers 404.</summary>
    public FakeGitHubServer(string owner = "owner", string repository = "repo")
        : this(new State(owner, repository))
    {
    }

    private FakeGitHubServer(State state)
        : base(request => state.Handle(request))
    {
        _state = state;
    }

    /// <summary>The address to give Octokit (it adds <c>api/v3/</c> itself).</summary>
    public Uri ApiUrl => new(BaseUrl, "api/v3/");

    /// <summary>
    /// Answers instead of the fake when it returns a response (e.g. a 401 or a 5xx); null lets the request through.
    /// Requests answered here are recorded too.
    /// </summary>
    public Func<RecordedRequest, FakeResponse?>? Intercept
    {
        get => _state.Intercept;
        set => _state.Intercept = value;
    }

    /// <summary>Labels that exist.</summary>
    public IReadOnlyList<string> Labels => _state.Snapshot(s => s.Labels.ToArray());

    /// <summary>Every issue and pull request, by number.</summary>
    public IReadOnlyList<FakeIssue> Issues => _state.Snapshot(s => s.Issues.Values.OrderBy(i => i.Number).Select(i => i.ToRecord()).ToArray());

    /// <summary>Every comment, by id.</summary>
    public IReadOnlyList<FakeComment> Comments => _state.Snapshot(s => s.Comments.ToArray());

    /// <summary>Every status set, in order.</summary>
    public IReadOnlyList<FakeStatus> Statuses => _state.Snapshot(s => s.Statuses.ToArray());

    /// <summary>Adds an issue as a person would have opened it; returns its number.</summary>
    public int AddIssue(string title, string body, params string[] labels) =>
        _state.Snapshot(s => s.AddIssue(title, body, labels, pullRequest: false).Number);

    /// <summary>Adds an open pull request; returns its number.</summary>
    public int AddPullRequest(string title, string body = "", params string[] labels) =>
        _state.Snapshot(s => s.AddIssue(title, body, labels, pullRequest: true).Number);

    /// <summary>Creates a label, as a person would have.</summary>
    public void AddLabel(string name) => _state.Snapshot(s =>
    {
        s.Labels.Add(name);
        return 0;
    });

    /// <summary>Opens or closes an issue by hand (<c>open</c> or <c>closed</c>).</summary>
    public void SetIssueState(int number, string state) => _state.Snapshot(s => s.Issues[number].State = state);

    /// <summary>Adds a comment as a person would have written it.</summary>
    public long AddComment(int issueNumber, string body) => _state.Snapshot(s => s.AddComment(issueNumber, body).Id);

    private sealed class MutableIssue
    {
        public required int Number { get; init; }
        public required string Title { get; set; }
        public string? Body { get; set; }
        public string State { get; set; } = "open";
        public List<string> Labels { get; init; } = [];
        public bool IsPullRequest { get; init; }

        public FakeIssue ToRecord() => new(Number, Title, Body, State, Labels.ToArray(), IsPullRequest);
    }

    private sealed partial class State(string owner, string repository)
    {
        private const string Created = "2026-11-27T09:00:00Z";
        private readonly Lock _gate = new();
        private int _nextIssue = 1;
        private long _nextId = 1000;

        public Func<RecordedRequest, FakeResponse?>? Intercept { get; set; }
        public List<string> Labels { get; } = [];
        public SortedDictionary<int, MutableIssue> Issues { get; } = [];
        public List<FakeComment> Comments { get; } = [];
        public List<FakeStatus> Statuses { get; } = [];

        public T Snapshot<T>(Func<State, T> read)
        {
            lock (_gate)
            {
                return read(this);
            }
        }

        public MutableIssue AddIssue(string title, string? body, IEnumerable<string> labels, bool pullRequest)
        {
            var issue = new MutableIssue { Number = _nextIssue++, Title = title, Body = body, Labels = labels.ToList(), IsPullRequest = pullRequest };
            Issues[issue.Number] = issue;
            return issue;
        }

        public FakeComment AddComment(int issueNumber, string body)
        {
            var comment = new FakeComment(_nextId++, issueNumber, body);
            Comments.Add(comment);
            return comment;
        }

        public FakeResponse Handle(RecordedRequest request)
        {
            if (Intercept?.Invoke(request) is { } scripted)
            {
                return scripted;
            }
            var path = request.Path.StartsWith("/api/v3/", StringComparison.Ordinal) ? request.Path["/api/v3".Length..] : request.Path;
            var prefix = $"/repos/{owner}/{repository}/";
            if (!path.StartsWith(prefix, StringComparison.Ordinal))
            {
                return NotFound();
            }
            var rest = Uri.UnescapeDataString(path[prefix.Length..].TrimEnd('/'));
            var body = request.Body.Length == 0 ? new JsonObject() : JsonNode.Parse(request.Body) as JsonObject ?? new JsonObject();
            lock (_gate)
            {
                return (request.Method, rest) switch
                {
                    ("GET", var r) when r.StartsWith("labels/", StringComparison.Ordinal) =>
                        Labels.Contains(r["labels/".Length..]) ? Json(200, LabelJson(r["labels/".Length..])) : NotFound(),
                    ("POST", "labels") => CreateLabel(body),
                    ("GET", "issues") => Json(200, new JsonArray(ListIssues(request.Query).Select(IssueJson).ToArray<JsonNode?>())),
                    ("POST", "issues") => Json(201, IssueJson(AddIssue(
                        Text(body, "title") ?? "", Text(body, "body"), (body["labels"] as JsonArray)?.Select(l => l!.GetValue<string>()) ?? [], pullRequest: false))),
                    (_, var r) when IssuePath().Match(r) is { Success: true } m => IssueRoute(request.Method, int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Success, body),
                    ("PATCH", var r) when CommentPath().Match(r) is { Success: true } m => UpdateComment(long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), body),
                    ("POST", var r) when r.StartsWith("statuses/", StringComparison.Ordinal) => CreateStatus(r["statuses/".Length..], body),
                    ("GET", var r) when StatusesPath().Match(r) is { Success: true } m =>
                        Json(200, new JsonArray(Statuses.Where(s => s.Sha == m.Groups[1].Value).Reverse().Select(StatusJson).ToArray<JsonNode?>())),
                    _ => NotFound(),
                };
            }
        }

        private IEnumerable<MutableIssue> ListIssues(string query)
        {
            var parameters = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split('=', 2)).ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "", StringComparer.Ordinal);
            var state = parameters.GetValueOrDefault("state", "open");
            var labels = parameters.TryGetValue("labels", out var l) ? l.Split(',', StringSplitOptions.RemoveEmptyEntries) : [];
            // Newest first, as GitHub sorts by default.
            return Issues.Values.Reverse()
                .Where(i => state == "all" || i.State == state)
                .Where(i => labels.All(i.Labels.Contains));
        }

        private FakeResponse IssueRoute(string method, int number, bool comments, JsonObject body)
        {
            if (!Issues.TryGetValue(number, out var issue))
            {
                return NotFound();
            }
            switch (method, comments)
            {
                case ("GET", false):
                    return Json(200, IssueJson(issue));
                case ("PATCH", false):
                    if (Text(body, "title") is { } title)
                    {
                        issue.Title = title;
                    }
                    if (body.ContainsKey("body"))
                    {
                        issue.Body = Text(body, "body");
                    }
                    if (Text(body, "state") is { } state)
                    {
                        issue.State = state;
                    }
                    return Json(200, IssueJson(issue));
                case ("GET", true):
                    return Json(200, new JsonArray(Comments.Where(c => c.IssueNumber == number).Select(CommentJson).ToArray<JsonNode?>()));
                case ("POST", true):
                    return Json(201, CommentJson(AddComment(number, Text(body, "body") ?? "")));
                default:
                    return NotFound();
            }
        }

        private FakeResponse CreateLabel(JsonObject body)
        {
            var name = Text(body, "name") ?? "";
            if (Labels.Contains(name))
            {
                return Json(422, new JsonObject { ["message"] = "Validation Failed", ["errors"] = new JsonArray(new JsonObject { ["resource"] = "Label", ["code"] = "already_exists", ["field"] = "name" }) });
            }
            Labels.Add(name);
            return Json(201, LabelJson(name));
        }

        private FakeResponse UpdateComment(long id, JsonObject body)
        {
            var index = Comments.FindIndex(c => c.Id == id);
            if (index < 0)
            {
                return NotFound();
            }
            Comments[index] = Comments[index] with { Body = Text(body, "body") ?? "" };
            return Json(200, CommentJson(Comments[index]));
        }

        private FakeResponse CreateStatus(string sha, JsonObject body)
        {
            var state = Text(body, "state");
            if (state is not ("pending" or "success" or "failure" or "error"))
            {
                return Json(422, new JsonObject { ["message"] = "Validation Failed" });
            }
            var status = new FakeStatus(sha, state, Text(body, "description"), Text(body, "target_url"), Text(body, "context") ?? "default");
            Statuses.Add(status);
            return Json(201, StatusJson(status));
        }

        private string Html(string rest) => $"https://github.example/{owner}/{repository}/{rest}";

        private static JsonObject User() => new() { ["login"] = "specula-bot", ["id"] = 1, ["type"] = "Bot" };

        private JsonObject LabelJson(string name) => new() { ["id"] = name.Length, ["name"] = name, ["color"] = "5319e7", ["url"] = Html("labels/" + name), ["default"] = false };

        private JsonObject IssueJson(MutableIssue i)
        {
            var json = new JsonObject
            {
                ["id"] = 100_000 + i.Number,
                ["number"] = i.Number,
                ["title"] = i.Title,
                ["body"] = i.Body,
                ["state"] = i.State,
                ["labels"] = new JsonArray(i.Labels.Select(l => (JsonNode?)LabelJson(l)).ToArray()),
                ["user"] = User(),
                ["html_url"] = Html((i.IsPullRequest ? "pull/" : "issues/") + i.Number.ToString(CultureInfo.InvariantCulture)),
                ["url"] = Html("api/issues/" + i.Number.ToString(CultureInfo.InvariantCulture)),
                ["comments"] = Comments.Count(c => c.IssueNumber == i.Number),
                ["locked"] = false,
                ["created_at"] = Created,
                ["updated_at"] = Created,
            };
            if (i.IsPullRequest)
            {
                json["pull_request"] = new JsonObject { ["url"] = Html("api/pulls/" + i.Number.ToString(CultureInfo.InvariantCulture)) };
            }
            return json;
        }

        private JsonObject CommentJson(FakeComment c) => new()
        {
            ["id"] = c.Id,
            ["body"] = c.Body,
            ["user"] = User(),
            ["html_url"] = Html($"issues/{c.IssueNumber}#issuecomment-{c.Id}"),
            ["url"] = Html($"api/comments/{c.Id}"),
            ["created_at"] = Created,
            ["updated_at"] = Created,
        };

        private static JsonObject StatusJson(FakeStatus s) => new()
        {
            ["id"] = s.GetHashCode(),
            ["state"] = s.State,
            ["description"] = s.Description,
            ["target_url"] = s.TargetUrl,
            ["context"] = s.Context,
            ["created_at"] = Created,
            ["updated_at"] = Created,
        };

        private static string? Text(JsonObject body, string name) => body[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

        private static FakeResponse Json(int status, JsonNode node) => new(status, node.ToJsonString());

        private static FakeResponse NotFound() => new(404, """{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}""");

        [GeneratedRegex(@"^issues/(\d+)(/comments)?$")]
        private static partial Regex IssuePath();

        [GeneratedRegex(@"^issues/comments/(\d+)$")]
        private static partial Regex CommentPath();

        [GeneratedRegex(@"^commits/([^/]+)/statuses$")]
        private static partial Regex StatusesPath();
    }
}
