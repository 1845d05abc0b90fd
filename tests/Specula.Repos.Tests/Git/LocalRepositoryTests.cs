using Specula.Repos.Git;

namespace Specula.Repos.Tests.Git;

public sealed class LocalRepositoryTests : IDisposable
{
    private readonly TestRepo _repo = TestRepo.Create();

    public void Dispose() => _repo.Dispose();

    private async Task<LocalRepository> OpenInPlace()
    {
        var opened = await RepositorySource.OpenAsync(_repo.Path, new RepositoryOptions { CacheDirectory = _repo.NewFolder("cache") });
        Assert.Null(opened.Error);
        return opened.Repository!;
    }

    private static T Ok<T>(RepoResult<T> result)
    {
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Value!;
    }

    [Fact]
    public async Task A_work_tree_opens_in_place_and_reading_it_changes_nothing()
    {
        _repo.Commit("first", files: [("src/main.go", "package main\n"), (".gitignore", "build/\n*.log\n")]);
        _repo.Write("notes.txt", "untracked\n");
        _repo.Write("build/out.bin", "ignored\n");
        _repo.Write("run.log", "ignored\n");
        _repo.Write("src/main.go", "package main\n// edited, not committed\n");
        var statusBefore = _repo.Git("status --porcelain=v1 --untracked-files=all");
        var indexBefore = File.ReadAllBytes(Path.Combine(_repo.Path, ".git", "index"));
        var indexTimeBefore = File.GetLastWriteTimeUtc(Path.Combine(_repo.Path, ".git", "index"));

        using (var repo = await OpenInPlace())
        {
            Assert.Equal(_repo.Path, repo.WorkTree);
            Assert.False(repo.IsCachedClone);
            Assert.Equal(_repo.Head(), repo.HeadCommit);
            Assert.Equal("main", repo.Branch);
            Assert.Null(repo.RemoteUrl);
            Assert.Equal([".gitignore", "notes.txt", "src/main.go"], Ok(repo.ListFiles()));
            Assert.Contains("edited, not committed", Ok(repo.ReadFile("src/main.go")), StringComparison.Ordinal);
            Assert.Single(Ok(repo.Grep("package")));
            Assert.Single(Ok(repo.Log()));
        }

        // The index first: 'git status' itself may refresh it.
        Assert.Equal(indexTimeBefore, File.GetLastWriteTimeUtc(Path.Combine(_repo.Path, ".git", "index")));
        Assert.Equal(indexBefore, File.ReadAllBytes(Path.Combine(_repo.Path, ".git", "index")));
        Assert.Equal(statusBefore, _repo.Git("status --porcelain=v1 --untracked-files=all"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_repo.Root, "cache")));
    }

    [Fact]
    public async Task Files_are_tracked_plus_untracked_sorted_ordinally_without_deleted_ones_and_filtered_by_glob()
    {
        _repo.Commit("first", files: [("b.go", ""), ("a/z.cs", ""), ("a/deep/y.cs", ""), ("B.md", ""), ("gone.txt", "")]);
        File.Delete(Path.Combine(_repo.Path, "gone.txt"));
        _repo.Write("a/new.go", "");
        using var repo = await OpenInPlace();

        Assert.Equal(["B.md", "a/deep/y.cs", "a/new.go", "a/z.cs", "b.go"], Ok(repo.ListFiles()));
        Assert.Equal(["a/new.go", "b.go"], Ok(repo.ListFiles("*.go")));
        Assert.Equal(["a/deep/y.cs", "a/z.cs"], Ok(repo.ListFiles("a/**/*.cs")));
        Assert.Equal(["a/z.cs"], Ok(repo.ListFiles("a/*.cs")));
        Assert.Equal(["B.md", "b.go"], Ok(repo.ListFiles("*.{md,go}")).Where(p => !p.Contains('/', StringComparison.Ordinal)));
        Assert.Equal(["a/deep/y.cs"], Ok(repo.ListFiles("?/d*/[xy].cs")));
        Assert.Equal(RepoErrorCodes.InvalidArgument, repo.ListFiles("src/[abc").Error!.Code);
        Assert.Equal(RepoErrorCodes.InvalidArgument, repo.ListFiles("{a,b").Error!.Code);
    }

    [Fact]
    public async Task ReadFile_numbers_lines_for_agents_and_honours_the_range()
    {
        var lines = string.Join("\n", Enumerable.Range(1, 12).Select(i => $"line {i}")) + "\n";
        _repo.Commit("first", files: [("f.txt", lines), ("crlf.txt", "a\r\nb\r\n"), ("bin.dat", "ab\0cd")]);
        using var repo = await OpenInPlace();

        Assert.Equal("   1: line 1\n   2: line 2\n", Ok(repo.ReadFile("f.txt", 1, 2)));
        Assert.Equal("  11: line 11\n  12: line 12\n", Ok(repo.ReadFile("f.txt", 11, 400)));
        Assert.Equal(12, Ok(repo.ReadFile("f.txt")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal("   1: a\n   2: b\n", Ok(repo.ReadFile("crlf.txt")));
        Assert.Equal(RepoErrorCodes.InvalidArgument, repo.ReadFile("f.txt", 13, 14).Error!.Code);
        Assert.Equal(RepoErrorCodes.InvalidArgument, repo.ReadFile("f.txt", 0, 2).Error!.Code);
        Assert.Equal(RepoErrorCodes.InvalidArgument, repo.ReadFile("f.txt", 5, 2).Error!.Code);
        Assert.Equal(RepoErrorCodes.FileNotFound, repo.ReadFile("nope.txt").Error!.Code);
        Assert.Equal(RepoErrorCodes.BinaryFile, repo.ReadFile("bin.dat").Error!.Code);
        Assert.Equal(RepoErrorCodes.InvalidArgument, repo.ReadFile(".git").Error!.Code); // a folder
    }

    [Fact]
    public async Task Paths_leading_out_of_the_work_tree_are_refused()
    {
        _repo.Commit("first", files: [("inside/ok.txt", "fine\n")]);
        var secret = Path.Combine(_repo.Root, "secret.txt");
        File.WriteAllText(secret, "do not read\n");
        File.CreateSymbolicLink(Path.Combine(_repo.Path, "link-out.txt"), secret);
        Directory.CreateSymbolicLink(Path.Combine(_repo.Path, "dir-out"), _repo.Root);
        File.CreateSymbolicLink(Path.Combine(_repo.Path, "link-in.txt"), "inside/ok.txt");
        using var repo = await OpenInPlace();

        foreach (var path in new[] { "../secret.txt", "inside/../../secret.txt", secret, "/etc/passwd", "link-out.txt", "dir-out/secret.txt" })
        {
            var result = repo.ReadFile(path);
            Assert.Equal(RepoErrorCodes.PathOutsideWorkTree, result.Error?.Code);
            Assert.DoesNotContain("do not read", result.Error!.Message, StringComparison.Ordinal);
        }
        Assert.Equal(RepoErrorCodes.PathOutsideWorkTree, repo.Log("../x").Error!.Code);
        Assert.Equal(RepoErrorCodes.PathOutsideWorkTree, repo.Blame("/etc/passwd", 1, 1).Error!.Code);
        Assert.Equal(RepoErrorCodes.PathOutsideWorkTree, repo.DiffSince("HEAD", "../x").Error!.Code);
        Assert.Equal("   1: fine\n", Ok(repo.ReadFile("link-in.txt")));
        Assert.Equal("   1: fine\n", Ok(repo.ReadFile("inside/./../inside/ok.txt")));
        // grep skips the link that leads out instead of reading through it
        Assert.DoesNotContain(Ok(repo.Grep("do not read")), m => true);
    }

    [Fact]
    public async Task Grep_gives_path_line_column_in_order_and_stops_at_max()
    {
        _repo.Commit("first", files: [
            ("b.go", "func Start() {}\nfunc Stop() {}\n"),
            ("a.py", "def start():\n    pass\n"),
            ("c.bin", "func \0 binary"),
        ]);
        using var repo = await OpenInPlace();

        var all = Ok(repo.Grep(@"(?i)\bst(art|op)\b"));
        Assert.Equal(
            [new GrepMatch("a.py", 1, 5, "def start():"), new GrepMatch("b.go", 1, 6, "func Start() {}"), new GrepMatch("b.go", 2, 6, "func Stop() {}")],
            all);
        Assert.Equal([new GrepMatch("b.go", 1, 1, "func Start() {}")], Ok(repo.Grep("^func", "*.go", max: 1)));
        Assert.Equal(RepoErrorCodes.InvalidArgument, repo.Grep("func(").Error!.Code);
        Assert.Equal(RepoErrorCodes.InvalidArgument, repo.Grep("x", max: 0).Error!.Code);
    }

    [Fact]
    public async Task Log_blame_changed_files_and_diff_read_history()
    {
        var first = _repo.Commit("add raft", "Ada Lovelace", ("raft.go", "a\nb\nc\n"), ("old.go", "x\n"));
        _repo.Git("mv old.go renamed.go");
        var second = _repo.Commit("change b; rename", "Grace Hopper", ("raft.go", "a\nB\nc\n"), ("docs/readme.md", "hi\n"));
        using var repo = await OpenInPlace();

        var log = Ok(repo.Log());
        Assert.Equal(["change b; rename", "add raft"], log.Select(c => c.Subject));
        Assert.Equal(second, log[0].Sha);
        Assert.Equal("Grace Hopper", log[0].Author);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), log[0].When);
        Assert.Single(Ok(repo.Log(max: 1)));
        Assert.Equal([second], Ok(repo.Log("docs/readme.md")).Select(c => c.Sha));

        var blame = Ok(repo.Blame("raft.go", 1, 99));
        Assert.Equal(
            [new BlameLine(1, first, "Ada Lovelace", "a"), new BlameLine(2, second, "Grace Hopper", "B"), new BlameLine(3, first, "Ada Lovelace", "c")],
            blame);
        Assert.Equal([2], Ok(repo.Blame("raft.go", 2, 2)).Select(b => b.Line));
        Assert.Equal(RepoErrorCodes.FileNotFound, repo.Blame("nope.go", 1, 1).Error!.Code);
        Assert.Equal(RepoErrorCodes.InvalidArgument, repo.Blame("raft.go", 4, 5).Error!.Code);

        Assert.Equal(["docs/readme.md", "old.go", "raft.go", "renamed.go"], Ok(repo.ChangedFilesSince(first)));
        Assert.Equal(["docs/readme.md", "old.go", "raft.go", "renamed.go"], Ok(repo.ChangedFilesSince(first[..8])));
        Assert.Empty(Ok(repo.ChangedFilesSince("HEAD")));
        Assert.Equal(RepoErrorCodes.CommitNotFound, repo.ChangedFilesSince("0123456789abcdef0123456789abcdef01234567").Error!.Code);
        Assert.Equal(RepoErrorCodes.CommitNotFound, repo.DiffSince("no-such-ref").Error!.Code);

        var diff = Ok(repo.DiffSince(first, "raft.go"));
        Assert.Contains("-b\n+B\n", diff, StringComparison.Ordinal);
        Assert.DoesNotContain("readme", diff, StringComparison.Ordinal);
        Assert.Contains("docs/readme.md", Ok(repo.DiffSince(first)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_repository_opens_with_no_head_and_an_empty_history()
    {
        using var repo = await OpenInPlace();
        Assert.Null(repo.HeadCommit);
        Assert.Empty(Ok(repo.Log()));
        Assert.Empty(Ok(repo.ListFiles()));
        Assert.Equal(RepoErrorCodes.CommitNotFound, repo.ChangedFilesSince("HEAD").Error!.Code);
    }
}
