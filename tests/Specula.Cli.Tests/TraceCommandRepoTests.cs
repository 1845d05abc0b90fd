using Specula.Testing;
using Specula.Testing.Git;
using static Specula.Cli.Tests.Cli;

namespace Specula.Cli.Tests;

/// <summary><c>specula trace</c> given a repository (address or root folder) rather than a plain folder.</summary>
public sealed class TraceCommandRepoTests : IDisposable
{
    private const string Manifest = """
        version: 1
        name: shell-counter
        language: shell
        workloads:
          - name: WORKLOAD
            command: sh "$SPECULA_SRC/count.sh"
            seeds: 2
            timeout: 20s
            limits: { memory: 32m, pids: 16 }
        traces:
          dir: traces
          pattern: "*.ndjson"
        """;

    private const string Script = """
        #!/bin/sh
        set -eu
        mkdir -p "$SPECULA_OUT/traces"
        i=1
        while [ "$i" -le 3 ]; do
          printf '{"tag":"trace","v":1,"seq":%d,"node":"n1","event":"Inc","state":{"x":%d},"clock":{"n1":%d}}\n' "$i" "$i" "$i" >> "$SPECULA_OUT/traces/trace.ndjson"
          i=$((i + 1))
        done
        """;

    private readonly TemporaryFolder _folder = new("specula-trace-repo-");

    public void Dispose() => _folder.Dispose();

    private string Cache => Path.Combine(_folder.Path, "cache");

    private string Out => Path.Combine(_folder.Path, "out");


    /// <summary>A real git repository holding a shell target; with <paramref name="manifest"/> false it has none.</summary>
    private string CreateTarget(bool manifest = true)
    {
        var path = Path.Combine(_folder.Path, "target");
        Directory.CreateDirectory(path);
        Git(path, "init -q -b main");
        File.WriteAllText(Path.Combine(path, "count.sh"), Script);
        if (manifest)
        {
            File.WriteAllText(Path.Combine(path, "specula.yaml"), Manifest.Replace("WORKLOAD", "count", StringComparison.Ordinal));
        }
        Git(path, "add -A");
        Git(path, "commit -q -m target");
        return path;
    }

    private static string Git(string workingDirectory, string arguments) => GitCommand.Run(workingDirectory, arguments);

    [Fact]
    public async Task A_repository_address_is_cloned_into_the_cache_and_traced()
    {
        var target = CreateTarget();
        var url = new Uri(target).AbsoluteUri;
        var head = Git(target, "rev-parse HEAD").Trim();

        var (code, output, errors) = await Run("trace", url, "--sandbox", "process", "--repo-cache", Cache, "--out", Out);

        Assert.True(code == 0, errors);
        Assert.Contains($"repository {url} at {head[..12]} (main), cloned in {Cache}/", output, StringComparison.Ordinal);
        Assert.Contains("clone " + url, output, StringComparison.Ordinal);
        Assert.Contains("2/2 runs ok, 2/2 traces valid", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Out, "traces", "count-seed1.ndjson")));
        var clone = Assert.Single(Directory.GetDirectories(Cache));
        Assert.True(File.Exists(Path.Combine(clone, "specula.yaml")));

        // A second run fetches into the same clone.
        var again = await Run("trace", url, "--sandbox", "process", "--repo-cache", Cache, "--out", Out);
        Assert.Equal(0, again.Code);
        Assert.Single(Directory.GetDirectories(Cache));
    }

    [Fact]
    public async Task A_repository_root_is_traced_in_place_and_a_branch_is_traced_from_a_clone()
    {
        var target = CreateTarget();
        Git(target, "checkout -q -b nightly");
        File.WriteAllText(Path.Combine(target, "specula.yaml"), Manifest.Replace("WORKLOAD", "nightly-count", StringComparison.Ordinal));
        Git(target, "commit -q -am nightly");
        Git(target, "checkout -q main");

        var inPlace = await Run("trace", target, "--sandbox", "process", "--repo-cache", Cache, "--out", Out);
        Assert.True(inPlace.Code == 0, inPlace.Err);
        Assert.Contains("in place", inPlace.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Out, "traces", "count-seed1.ndjson")));
        Assert.False(Directory.Exists(Cache));

        var branch = await Run("trace", target, "--branch", "nightly", "--sandbox", "process", "--repo-cache", Cache, "--out", Path.Combine(_folder.Path, "out2"));
        Assert.True(branch.Code == 0, branch.Err);
        Assert.Contains("(nightly), cloned in", branch.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_folder.Path, "out2", "traces", "nightly-count-seed1.ndjson")));
        Assert.Equal("main", Git(target, "rev-parse --abbrev-ref HEAD").Trim()); // the user's checkout did not move
    }

    [Fact]
    public async Task A_repository_without_a_manifest_says_so_and_exits_2()
    {
        var target = CreateTarget(manifest: false);

        var (code, _, errors) = await Run("trace", new Uri(target).AbsoluteUri, "--sandbox", "process", "--repo-cache", Cache, "--out", Out);

        Assert.Equal(2, code);
        Assert.Contains("error SBX007:", errors, StringComparison.Ordinal);
        Assert.Contains("has no specula.yaml at its root", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:1/team/raft.git", "REP003")]   // nothing listens on loopback port 1
    [InlineData("file:///nonexistent/specula/raft.git", "REP004")]
    public async Task An_unreachable_repository_is_one_line_and_exit_2(string url, string code)
    {
        var result = await Run("trace", url, "--sandbox", "process", "--repo-cache", Cache, "--out", Out);

        Assert.Equal(2, result.Code);
        var lines = result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith($"error {code}: ", Assert.Single(lines), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_branch_and_a_branch_on_a_plain_folder_exit_2()
    {
        var target = CreateTarget();
        var missing = await Run("trace", target, "--branch", "nope", "--sandbox", "process", "--repo-cache", Cache, "--out", Out);
        Assert.Equal(2, missing.Code);
        Assert.StartsWith("error REP006: ", missing.Err, StringComparison.Ordinal);
        Assert.Contains("main", missing.Err, StringComparison.Ordinal);

        var plain = Path.Combine(_folder.Path, "plain");
        Directory.CreateDirectory(plain);
        var notRepo = await Run("trace", plain, "--branch", "main", "--sandbox", "process", "--out", Out);
        Assert.Equal(2, notRepo.Code);
        Assert.Contains("--branch needs a repository", notRepo.Err, StringComparison.Ordinal);
    }
}
