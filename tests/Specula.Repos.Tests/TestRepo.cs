using Specula.Testing;
using Specula.Testing.Git;

namespace Specula.Repos.Tests;

/// <summary>A real git repository in a temporary folder, made with the git CLI; deleted with everything in it on dispose.</summary>
public sealed class TestRepo : IDisposable
{
    // Fixed dates make commit ids repeat from run to run.
    private static readonly Dictionary<string, string> FixedDates = new()
    {
        ["GIT_AUTHOR_DATE"] = "2026-01-01T00:00:00Z",
        ["GIT_COMMITTER_DATE"] = "2026-01-01T00:00:00Z",
    };

    private readonly TemporaryFolder _folder;

    private TestRepo(TemporaryFolder folder, string path)
    {
        _folder = folder;
        Path = path;
    }

    /// <summary>The temporary folder holding the repository (and anything else the test makes).</summary>
    public string Root => _folder.Path;

    /// <summary>The repository's work tree (or the bare repository).</summary>
    public string Path { get; }

    public string Url => new Uri(Path).AbsoluteUri;

    public static TestRepo Create(bool bare = false)
    {
        var folder = new TemporaryFolder("specula-repos-");
        var path = folder.Combine(bare ? "origin.git" : "work");
        Directory.CreateDirectory(path);
        var repo = new TestRepo(folder, path);
        repo.Git(bare ? "init -q --bare -b main" : "init -q -b main");
        // No background "git gc --auto" after a big commit: it moves objects while the test (or Dispose) reads them.
        repo.Git("config gc.auto 0");
        return repo;
    }

    /// <summary>A fresh folder beside the repository, for caches and clones.</summary>
    public string NewFolder(string name)
    {
        var path = System.IO.Path.Combine(Root, name);
        Directory.CreateDirectory(path);
        return path;
    }

    public string Write(string relativePath, string content)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public string Commit(string message, string author = "Ada Lovelace", params (string Path, string Content)[] files)
    {
        foreach (var (path, content) in files)
        {
            Write(path, content);
        }
        Git("add -A");
        GitCommand.Run(Path, $"commit -q --allow-empty -m \"{message}\"", new Dictionary<string, string>(FixedDates)
        {
            ["GIT_AUTHOR_NAME"] = author,
            ["GIT_AUTHOR_EMAIL"] = "ada@example.org",
        });
        return Head();
    }

    public string Head() => Git("rev-parse HEAD").Trim();

    public string Git(string arguments, string? workingDirectory = null) =>
        GitCommand.Run(workingDirectory ?? Path, arguments, FixedDates);

    public void Dispose() => _folder.Dispose();
}
