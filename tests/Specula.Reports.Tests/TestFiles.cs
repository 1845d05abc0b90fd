namespace Specula.Reports.Tests;

/// <summary>Where the test data, the expectations and the artifacts are, found from this source file.</summary>
internal static class TestFiles
{
    /// <summary>The repository, found above the test binaries: source paths are not usable in CI builds, which map them
    /// to <c>/_/</c> for reproducibility.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ProjectDirectory { get; } = Path.Combine(RepoRoot, "tests", "Specula.Reports.Tests");

    public static string SampleRun { get; } = Path.Combine(ProjectDirectory, "Data", "sample-run");

    public static string Expectations { get; } = Path.Combine(ProjectDirectory, "Expectations");

    /// <summary>Where tests leave files for people to look at (screenshots): SPECULA_TEST_ARTIFACTS or artifacts/test-results.</summary>
    public static string Artifacts
    {
        get
        {
            var folder = Environment.GetEnvironmentVariable("SPECULA_TEST_ARTIFACTS") is { Length: > 0 } env
                ? env
                : Path.Combine(RepoRoot, "artifacts", "test-results");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    /// <summary>A copy of the sample run in a fresh temporary folder, for tests that change it.</summary>
    public static string CopyOfSampleRun()
    {
        var target = Path.Combine(Path.GetTempPath(), "specula-reports-tests", Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(SampleRun, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(SampleRun, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        Directory.CreateDirectory(Path.Combine(target, "traces"));
        return target;
    }

    public static string TempFile(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), "specula-reports-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Specula.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("The tests run outside the repository.");
    }
}

/// <summary>
/// Compares what people read with a file under Expectations/, exactly. SPECULA_UPDATE_SNAPSHOTS=1 rewrites the
/// file instead; a missing file is written as <c>.received</c> and fails, so a new snapshot is always looked at.
/// </summary>
internal static class Snapshot
{
    public static void Match(string actual, string name)
    {
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        var path = Path.Combine(TestFiles.Expectations, name);
        if (Environment.GetEnvironmentVariable("SPECULA_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }
        if (!File.Exists(path))
        {
            File.WriteAllText(path + ".received", actual);
            Assert.Fail($"No snapshot {name}; the output is in {path}.received (rerun with SPECULA_UPDATE_SNAPSHOTS=1 to accept it).");
        }
        var expected = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (expected != actual)
        {
            File.WriteAllText(path + ".received", actual);
        }
        Assert.Equal(expected, actual);
    }
}
