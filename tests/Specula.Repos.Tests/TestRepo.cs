using System.Diagnostics;

namespace Specula.Repos.Tests;

/// <summary>A real git repository in a temporary folder, made with the git CLI; deleted with everything in it on dispose.</summary>
public sealed class TestRepo : IDisposable
{
    private TestRepo(string root, string path)
    {
        Root = root;
        Path = path;
    }

    /// <summary>The temporary folder holding the repository (and anything else the test makes).</summary>
    public string Root { get; }

    /// <summary>The repository's work tree (or the bare repository).</summary>
    public string Path { get; }

    public string Url => new Uri(Path).AbsoluteUri;

    public static TestRepo Create(bool bare = false)
    {
        var root = Directory.CreateTempSubdirectory("specula-repos-").FullName;
        var path = System.IO.Path.Combine(root, bare ? "origin.git" : "work");
        Directory.CreateDirectory(path);
        var repo = new TestRepo(root, path);
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
        Git($"-c user.name=\"{author}\" -c user.email=ada@example.org commit -q --allow-empty -m \"{message}\"");
        return Head();
    }

    public string Head() => Git("rev-parse HEAD").Trim();

    public string Git(string arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("git", arguments)
        {
            WorkingDirectory = workingDirectory ?? Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // No user or system configuration leaks in (signing, hooks, templates).
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_AUTHOR_DATE"] = "2026-01-01T00:00:00Z";
        start.Environment["GIT_COMMITTER_DATE"] = "2026-01-01T00:00:00Z";
        start.Environment["GIT_COMMITTER_NAME"] = "Test";
        start.Environment["GIT_COMMITTER_EMAIL"] = "test@example.org";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {arguments} failed: {error}");
        }
        return output.Result;
    }

    public void Dispose()
    {
        foreach (var file in Directory.EnumerateFiles(Root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }))
        {
            if (File.Exists(file))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }
        }
        Directory.Delete(Root, recursive: true);
    }
}
