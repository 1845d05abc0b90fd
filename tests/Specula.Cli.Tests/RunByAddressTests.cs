using System.Text.Json;
using Specula.Reports.Model;
using Specula.Testing;
using Specula.Testing.Git;
using static Specula.Cli.Tests.Cli;

namespace Specula.Cli.Tests;

/// <summary>
/// <c>specula run &lt;address&gt;</c>: the repository is cloned (LibGit2Sharp) from a local repository and from a real
/// git server on loopback, traced with its own harness and modelled, with no LLM.
/// </summary>
public sealed class RunByAddressTests : IDisposable
{
    private const string Manifest = """
        version: 1
        name: counters
        language: shell
        workloads:
          - name: count
            command: sh "$SPECULA_SRC/count.sh"
            seeds: 3
            timeout: 20s
            limits: { memory: 32m, pids: 16 }
        traces:
          dir: traces
          pattern: "*.ndjson"
        """;

    // Two counters that count to 3 and wrap to 0; the seed chooses which one moves at each step.
    private const string Script = """
        #!/bin/sh
        set -eu
        mkdir -p "$SPECULA_OUT/traces"
        out="$SPECULA_OUT/traces/count.ndjson"
        seq=0; a=0; b=0; r=$SPECULA_SEED
        emit() { seq=$((seq + 1)); printf '{"tag":"trace","v":1,"seq":%d,"node":"%s","event":"%s","args":{},"state":{"count":%d},"clock":{"%s":%d}}\n' "$seq" "$1" "$2" "$3" "$1" "$seq" >> "$out"; }
        emit n1 Init 0
        emit n2 Init 0
        i=0
        while [ "$i" -lt 12 ]; do
          r=$(( (r * 1103515245 + 12345) % 2147483648 ))
          if [ $(( (r / 65536) % 2 )) -eq 0 ]; then
            if [ "$a" -eq 3 ]; then a=0; emit n1 Reset 0; else a=$((a + 1)); emit n1 Inc "$a"; fi
          else
            if [ "$b" -eq 3 ]; then b=0; emit n2 Reset 0; else b=$((b + 1)); emit n2 Inc "$b"; fi
          fi
          i=$((i + 1))
        done
        """;

    private readonly TemporaryFolder _folder = new("specula-run-address-");

    private string Cache => Path.Combine(_folder.Path, "cache");

    private string Out => Path.Combine(_folder.Path, "run");

    public void Dispose() => _folder.Dispose();

    /// <summary>A real git repository holding the counters target, under <c>served/counters</c>.</summary>
    private (string Path, string Head) CreateTarget()
    {
        var path = Path.Combine(_folder.Path, "served", "counters");
        Directory.CreateDirectory(path);
        Git(path, "init -q -b main");
        File.WriteAllText(Path.Combine(path, "count.sh"), Script);
        File.WriteAllText(Path.Combine(path, "specula.yaml"), Manifest);
        Git(path, "add -A");
        Git(path, "commit -q -m counters");
        return (path, Git(path, "rev-parse HEAD").Trim());
    }

    [Fact]
    public async Task A_repository_served_over_http_on_loopback_is_cloned_traced_and_modelled_and_its_credentials_stay_secret()
    {
        var (path, head) = CreateTarget();
        using var server = new GitHttpServer(Path.GetDirectoryName(path)!);
        var url = server.UrlOf("counters");
        var withToken = url.Replace("http://", "http://specula:tok-5ecret-9f8e7d@", StringComparison.Ordinal);

        var (code, stdout, stderr) = await Run("run", withToken, "--sandbox", "process", "--repo-cache", Cache, "--out", Out, "--max-states", "2000");

        Assert.True(code == 0, stdout + stderr);
        Assert.True(server.Requests > 0);
        Assert.Contains($"@ {head[..12]} (main), cloned in {Cache}/", stdout, StringComparison.Ordinal);
        Assert.Contains("verdict: conforming: The spec conforms to 3 of 3 traces", stdout, StringComparison.Ordinal);
        var state = JsonDocument.Parse(File.ReadAllText(Path.Combine(Out, "run.json"))).RootElement;
        Assert.Equal(head, state.GetProperty("target").GetProperty("commit").GetString());
        Assert.StartsWith("http://specula:***@127.0.0.1:", state.GetProperty("target").GetProperty("repo").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("tok-5ecret-9f8e7d", stdout + stderr, StringComparison.Ordinal);
        foreach (var file in Directory.GetFiles(Out, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain("tok-5ecret-9f8e7d", File.ReadAllText(file), StringComparison.Ordinal);
        }
        Assert.True(File.Exists(Path.Combine(Assert.Single(Directory.GetDirectories(Cache)), "specula.yaml")));
    }

    [Fact]
    public async Task A_local_repository_given_by_file_address_is_cloned_into_the_cache_and_the_users_checkout_is_untouched()
    {
        var (path, head) = CreateTarget();
        var url = new Uri(path).AbsoluteUri;

        var (code, stdout, stderr) = await Run("run", url, "--sandbox", "process", "--repo-cache", Cache, "--out", Out, "--max-states", "2000");

        Assert.True(code == 0, stdout + stderr);
        Assert.Contains($"repository: {url} @ {head[..12]} (main), cloned in {Cache}/", stdout, StringComparison.Ordinal);
        Assert.Equal(VerdictStatus.Conforming, RunReport.Read(Path.Combine(Out, "report.json")).Value!.Verdict.Status);
        Assert.Equal("", Git(path, "status --porcelain").Trim());
        Assert.False(Directory.Exists(Path.Combine(path, "traces")));
    }

    [Fact]
    public async Task An_address_nothing_answers_is_exit_2_with_one_clear_line_and_no_run_folder()
    {
        using var server = new GitHttpServer(Path.Combine(_folder.Path, "empty"));

        var (code, _, stderr) = await Run("run", server.UrlOf("missing"), "--sandbox", "process", "--repo-cache", Cache, "--out", Out);

        Assert.Equal(2, code);
        Assert.StartsWith("error REP00", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out));
    }

    private static string Git(string workingDirectory, string arguments) => GitCommand.Run(workingDirectory, arguments);
}
