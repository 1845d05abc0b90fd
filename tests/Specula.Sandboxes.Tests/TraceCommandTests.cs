using System.Diagnostics;
using Docker.DotNet.Models;
using Specula.Sandboxes.Docker;

namespace Specula.Sandboxes.Tests;

/// <summary>`specula trace` run as a real process.</summary>
[Collection(DockerTests.Name)]
public sealed class TraceCommandTests(DockerFixture docker)
{
    [Fact]
    public async Task CtrlC_removes_the_containers_and_exits_130()
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "specula.dll"), "trace", Repo.Path("tests", "Specula.Sandboxes.Tests", "Fixtures", "slow"),
            "--out", DockerFixture.TempDir(), "--verbose"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = System.Diagnostics.Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string? line;
        while ((line = await process.StandardOutput.ReadLineAsync()) is not null && !line.Contains("started", StringComparison.Ordinal))
        {
        }
        Assert.NotNull(line); // the workload is running in its container
        var labels = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{SandboxLabels.OwnerPid}={process.Id}"] = true } };
        Assert.Single(await docker.Connection.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = labels }));

        using (var kill = System.Diagnostics.Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        _ = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(130, process.ExitCode);
        Assert.Contains("cancelled", await stderr, StringComparison.Ordinal);
        Assert.Empty(await docker.Connection.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = labels }));
        Assert.Empty((await docker.Connection.Client.Volumes.ListAsync(new VolumesListParameters { Filters = labels })).Volumes ?? []);
    }

    [Fact]
    public async Task Manifest_errors_print_every_problem_with_its_line_and_exit_2()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await Cli.SpeculaApp.RunAsync(["trace", Repo.Path("tests", "Specula.Sandboxes.Tests", "Fixtures", "broken-manifest"), "--sandbox", "process", "--out", DockerFixture.TempDir()], stdout, stderr);

        Assert.Equal(2, code);
        Snapshot.Match("trace-broken-manifest.txt", stderr.ToString().Replace(Repo.Root, "<repo>", StringComparison.Ordinal));
        var lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains("specula.yaml:3:11: error SPY005: Unknown language 'cobol'.", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(":5:", StringComparison.Ordinal) && l.Contains("SPY002", StringComparison.Ordinal));
        Assert.Contains("3 error(s) in the manifest.", stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr.ToString(), StringComparison.Ordinal); // no stack traces
    }

    [Fact]
    public async Task Process_sandbox_warns_that_it_is_not_isolated()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await Cli.SpeculaApp.RunAsync(["trace", Repo.Path("tests", "Specula.Sandboxes.Tests", "Fixtures", "shell-counter"), "--sandbox", "process", "--out", DockerFixture.TempDir()], stdout, stderr);

        Assert.Equal(0, code);
        Assert.Contains("no isolation", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("2/2 runs ok, 2/2 traces valid", stdout.ToString(), StringComparison.Ordinal);
    }
}

/// <summary>Compares what users read with a checked-in expectation under Expectations/; set SPECULA_UPDATE_SNAPSHOTS=1 to rewrite it.</summary>
internal static class Snapshot
{
    public static void Match(string name, string actual)
    {
        var path = Repo.Path("tests", "Specula.Sandboxes.Tests", "Expectations", name);
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("SPECULA_UPDATE_SNAPSHOTS") is { Length: > 0 } || !File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
        }
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
