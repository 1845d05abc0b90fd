using Specula.Repos.Git;
using Specula.Testing.GitHub;

namespace Specula.Repos.Tests.Git;

public sealed class RepositorySourceTests : IDisposable
{
    private readonly TestRepo _origin = TestRepo.Create();

    public void Dispose() => _origin.Dispose();

    private RepositoryOptions Cache(string? branch = null, string? commit = null) =>
        new() { CacheDirectory = Path.Combine(_origin.Root, "cache"), Branch = branch, Commit = commit };

    private static async Task<LocalRepository> Open(string urlOrPath, RepositoryOptions options, IProgress<RepoProgress>? progress = null)
    {
        var opened = await RepositorySource.OpenAsync(urlOrPath, options, progress);
        Assert.True(opened.IsSuccess, opened.Error?.ToString());
        return opened.Repository!;
    }

    private static async Task<RepoError> Fails(string urlOrPath, RepositoryOptions options, CancellationToken ct = default)
    {
        var opened = await RepositorySource.OpenAsync(urlOrPath, options, null, ct);
        Assert.Null(opened.Repository);
        Assert.NotNull(opened.Error);
        Assert.DoesNotContain("   at ", opened.Error!.Message, StringComparison.Ordinal); // no stack traces
        Assert.DoesNotContain("Exception", opened.Error.Message, StringComparison.Ordinal);
        return opened.Error;
    }

    /// <summary>Collects progress synchronously (Progress&lt;T&gt; would report late, on the thread pool).</summary>
    private sealed class Recorder(Action<RepoProgress>? onReport = null) : IProgress<RepoProgress>
    {
        public List<RepoProgress> Reports { get; } = [];

        public void Report(RepoProgress value)
        {
            lock (Reports)
            {
                Reports.Add(value);
            }
            onReport?.Invoke(value);
        }
    }

    [Fact]
    public async Task A_file_url_is_cloned_into_the_cache_with_progress_then_fetched_incrementally()
    {
        var first = _origin.Commit("one", files: [("a.txt", "1\n")]);
        var progress = new Recorder();

        string folder;
        using (var clone = await Open(_origin.Url, Cache(), progress))
        {
            folder = clone.WorkTree;
            Assert.True(clone.IsCachedClone);
            Assert.Equal(RepositorySource.CacheFolderFor(_origin.Url, Path.Combine(_origin.Root, "cache")), folder);
            Assert.StartsWith(Path.Combine(_origin.Root, "cache") + "/", folder, StringComparison.Ordinal);
            Assert.Equal(first, clone.HeadCommit);
            Assert.Equal("main", clone.Branch);
            Assert.Equal(_origin.Url, clone.RemoteUrl);
            Assert.Equal("   1: 1\n", clone.ReadFile("a.txt").Value);
        }
        Assert.Contains(progress.Reports, p => p.Phase == "clone" && p.ReceivedObjects > 0 && p.ReceivedObjects == p.TotalObjects);

        var second = _origin.Commit("two", files: [("b.txt", "2\n")]);
        var again = new Recorder();
        using (var fetched = await Open(_origin.Url, Cache(), again))
        {
            Assert.Equal(folder, fetched.WorkTree);
            Assert.Equal(second, fetched.HeadCommit);
            Assert.Equal(["b.txt"], fetched.ChangedFilesSince(first).Value);
            Assert.True(File.Exists(Path.Combine(folder, "b.txt")));
        }
        Assert.DoesNotContain(again.Reports, p => p.Phase == "clone");
        Assert.Single(Directory.GetDirectories(Path.Combine(_origin.Root, "cache")));
        // The origin was only read.
        Assert.Equal(second, _origin.Head());
    }

    [Fact]
    public async Task Branch_and_commit_are_checked_out_and_a_missing_one_is_a_typed_error()
    {
        var first = _origin.Commit("one", files: [("a.txt", "1\n")]);
        _origin.Git("checkout -q -b feature");
        var feature = _origin.Commit("feature work", files: [("f.txt", "f\n")]);
        _origin.Git("checkout -q main");
        var main = _origin.Commit("main work", files: [("m.txt", "m\n")]);

        using (var onFeature = await Open(_origin.Url, Cache("feature")))
        {
            Assert.Equal("feature", onFeature.Branch);
            Assert.Equal(feature, onFeature.HeadCommit);
            Assert.Contains("f.txt", onFeature.ListFiles().Value!);
            Assert.DoesNotContain("m.txt", onFeature.ListFiles().Value!);
        }
        using (var onMain = await Open(_origin.Url, Cache()))
        {
            Assert.Equal("main", onMain.Branch);
            Assert.Equal(main, onMain.HeadCommit);
        }
        using (var atCommit = await Open(_origin.Url, Cache(commit: first[..10])))
        {
            Assert.Null(atCommit.Branch);
            Assert.Equal(first, atCommit.HeadCommit);
        }

        var missing = await Fails(_origin.Url, Cache("no-such-branch"));
        Assert.Equal(RepoErrorCodes.BranchNotFound, missing.Code);
        Assert.Contains("'no-such-branch'", missing.Message, StringComparison.Ordinal);
        Assert.Contains("feature, main", missing.Message, StringComparison.Ordinal);
        Assert.Equal(RepoErrorCodes.CommitNotFound, (await Fails(_origin.Url, Cache(commit: "0123456789abcdef0123456789abcdef01234567"))).Code);
    }

    [Fact]
    public async Task A_bare_repository_and_a_work_tree_asked_for_another_branch_are_cloned_not_touched()
    {
        _origin.Commit("one", files: [("a.txt", "1\n")]);
        _origin.Git("branch other");
        var bare = Path.Combine(_origin.Root, "bare.git");
        _origin.Git($"clone -q --bare \"{_origin.Path}\" \"{bare}\"");

        using (var fromBare = await Open(bare, Cache()))
        {
            Assert.True(fromBare.IsCachedClone);
            Assert.Equal(["a.txt"], fromBare.ListFiles().Value);
        }
        Assert.True(RepositorySource.IsRepositoryRoot(bare));

        using (var other = await Open(_origin.Path, Cache("other")))
        {
            Assert.True(other.IsCachedClone);
            Assert.Equal("other", other.Branch);
            Assert.NotEqual(_origin.Path, other.WorkTree);
        }
        Assert.Equal("main", _origin.Git("rev-parse --abbrev-ref HEAD").Trim());
    }

    [Fact]
    public async Task Local_paths_that_are_not_repositories_are_typed_errors()
    {
        _origin.Commit("one", files: [("sub/a.txt", "1\n")]);
        var plain = _origin.NewFolder("plain");

        Assert.Equal(RepoErrorCodes.NoSuchPath, (await Fails(Path.Combine(_origin.Root, "missing"), Cache())).Code);
        Assert.Equal(RepoErrorCodes.NotARepository, (await Fails(plain, Cache())).Code);
        var inside = await Fails(Path.Combine(_origin.Path, "sub"), Cache());
        Assert.Equal(RepoErrorCodes.NotARepository, inside.Code);
        Assert.Contains("not its root", inside.Message, StringComparison.Ordinal);
        Assert.Equal(RepoErrorCodes.NotARepository, (await Fails(Path.Combine(_origin.Path, "sub", "a.txt"), Cache())).Code);
        Assert.False(RepositorySource.IsRepositoryRoot(Path.Combine(_origin.Path, "sub")));
        Assert.True(RepositorySource.IsRepositoryRoot(_origin.Path));
    }

    [Fact]
    public async Task Remote_failures_are_typed_errors_without_the_token()
    {
        const string token = "ghp_ThisIsTheSecretToken1234567890abcd";
        var options = Cache() with { Token = token };

        var missing = await Fails(new Uri(Path.Combine(_origin.Root, "nothing-here")).AbsoluteUri, options);
        Assert.Equal(RepoErrorCodes.RepositoryNotFound, missing.Code);

        // Port 1 on loopback: nothing listens, the connection is refused.
        var unreachable = await Fails("http://127.0.0.1:1/team/repo.git", options);
        Assert.Equal(RepoErrorCodes.HostUnreachable, unreachable.Code);
        Assert.Contains("http://127.0.0.1:1/team/repo.git", unreachable.Message, StringComparison.Ordinal);

        using var auth = new LoopbackHttpServer(_ => new FakeResponse(401, "no", new Dictionary<string, string> { ["WWW-Authenticate"] = "Basic realm=\"git\"" }, "text/plain"));
        var needsAuth = await Fails(new Uri(auth.BaseUrl, "team/private.git").AbsoluteUri, options);
        Assert.Equal(RepoErrorCodes.AuthenticationRequired, needsAuth.Code);
        Assert.Contains(auth.Requests, r => r.Authorization?.StartsWith("Basic ", StringComparison.Ordinal) == true); // the token was offered
        var noToken = await Fails(new Uri(auth.BaseUrl, "team/private.git").AbsoluteUri, Cache());
        Assert.Equal(RepoErrorCodes.AuthenticationRequired, noToken.Code);

        using var notFound = new LoopbackHttpServer(_ => new FakeResponse(404, "not found", ContentType: "text/plain"));
        var gone = await Fails(new Uri(notFound.BaseUrl, "team/gone.git").AbsoluteUri, options);
        Assert.Equal(RepoErrorCodes.RepositoryNotFound, gone.Code);

        var withPassword = await Fails($"http://user:{token}@127.0.0.1:1/team/repo.git", Cache());
        foreach (var error in new[] { missing, unreachable, needsAuth, noToken, gone, withPassword })
        {
            Assert.DoesNotContain(token, error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(token, error.ToString(), StringComparison.Ordinal);
        }
        Assert.DoesNotContain(token, options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(token, string.Join("\n", Directory.GetDirectories(Path.Combine(_origin.Root, "cache"))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_stops_a_clone_and_leaves_no_partial_clone_in_the_cache()
    {
        var random = new Random(7);
        for (var i = 0; i < 30; i++)
        {
            var bytes = new byte[4096];
            random.NextBytes(bytes);
            _origin.Write($"blob{i}.txt", Convert.ToBase64String(bytes));
        }
        _origin.Commit("many objects");
        var cacheDir = Path.Combine(_origin.Root, "cache");

        using var before = new CancellationTokenSource();
        await before.CancelAsync();
        Assert.Equal(RepoErrorCodes.Cancelled, (await Fails(_origin.Url, Cache(), before.Token)).Code);

        using var during = new CancellationTokenSource();
        var progress = new Recorder(_ => during.Cancel());
        var opened = await RepositorySource.OpenAsync(_origin.Url, Cache(), progress, during.Token);
        Assert.Equal(RepoErrorCodes.Cancelled, opened.Error?.Code);
        Assert.NotEmpty(progress.Reports);
        Assert.True(!Directory.Exists(cacheDir) || Directory.GetDirectories(cacheDir).Length == 0);

        // The next attempt starts afresh and succeeds.
        using var clone = await Open(_origin.Url, Cache());
        Assert.Equal(30, clone.ListFiles().Value!.Count);
    }

    [Fact]
    public async Task A_cached_clone_is_held_until_disposed_so_a_second_user_waits()
    {
        _origin.Commit("one", files: [("a.txt", "1\n")]);
        var first = await Open(_origin.Url, Cache());

        var busy = await Fails(_origin.Url, Cache() with { LockTimeout = TimeSpan.FromMilliseconds(300) });
        Assert.Equal(RepoErrorCodes.CacheBusy, busy.Code);

        var waiting = RepositorySource.OpenAsync(_origin.Url, Cache() with { LockTimeout = TimeSpan.FromSeconds(30) });
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted);
        first.Dispose();
        using var second = (await waiting).Repository;
        Assert.NotNull(second);

        // A work tree opened in place takes no lock: it is the user's, not the cache's.
        using var inPlace1 = await Open(_origin.Path, Cache());
        using var inPlace2 = await Open(_origin.Path, Cache());
        Assert.Equal(inPlace1.WorkTree, inPlace2.WorkTree);
    }

    [Fact]
    public async Task An_ssh_address_is_a_typed_error_when_it_cannot_be_reached()
    {
        // Loopback port 1: refused, or this libgit2 has no ssh transport; either way a typed error, no exception.
        var error = await Fails("ssh://git@127.0.0.1:1/team/raft.git", Cache());
        Assert.True(error.Code is RepoErrorCodes.HostUnreachable or RepoErrorCodes.UnsupportedTransport or RepoErrorCodes.AuthenticationRequired, error.ToString());
    }

    [Fact]
    public void Addresses_are_told_from_folders_and_cache_folders_are_stable_and_free_of_credentials()
    {
        Assert.True(RepositorySource.IsAddress("https://github.com/etcd-io/raft"));
        Assert.True(RepositorySource.IsAddress("ssh://git@github.com/etcd-io/raft.git"));
        Assert.True(RepositorySource.IsAddress("git@github.com:etcd-io/raft.git"));
        Assert.True(RepositorySource.IsAddress("file:///srv/git/raft"));
        Assert.False(RepositorySource.IsAddress("examples/etcd-raft"));
        Assert.False(RepositorySource.IsAddress("/srv/git/raft"));

        var a = RepositorySource.CacheFolderFor("https://github.com/etcd-io/raft.git", "/c");
        Assert.Equal(a, RepositorySource.CacheFolderFor("https://github.com/etcd-io/raft.git/", "/c"));
        Assert.Equal(a, RepositorySource.CacheFolderFor("https://x-access-token:ghp_secretsecretsecretsecret@github.com/etcd-io/raft.git", "/c"));
        Assert.StartsWith("/c/github.com-etcd-io-raft-", a, StringComparison.Ordinal);
        Assert.NotEqual(a, RepositorySource.CacheFolderFor("https://github.com/hashicorp/raft.git", "/c"));
        Assert.EndsWith(Path.Combine("specula", "repos"), RepositoryOptions.DefaultCacheDirectory(), StringComparison.Ordinal);
    }
}
