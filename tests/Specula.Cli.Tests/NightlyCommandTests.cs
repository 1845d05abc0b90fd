using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Specula.Testing;
using Specula.Testing.Targets;
using static Specula.Cli.Tests.Cli;

namespace Specula.Cli.Tests;

/// <summary>
/// <c>specula nightly</c> end to end: a real git repository holding the validator's token spec and a shell workload,
/// traced in the process sandbox.
/// </summary>
public sealed class NightlyCommandTests : IDisposable
{
    private const string Token = "ghp_CLInightlySECRET9876543210zyxwvu";

    private const string Conforming = """
        {"tag":"trace","v":1,"seq":1,"node":"n1","event":"Count","args":{},"state":{"count":1},"clock":{"n1":1}}
        {"tag":"trace","v":1,"seq":2,"node":"n1","event":"Give","args":{"to":"n2"},"state":{"count":1},"clock":{"n1":2}}
        {"tag":"trace","v":1,"seq":1,"node":"n2","event":"Take","args":{},"state":{"count":0},"clock":{"n1":2,"n2":1}}
        """;

    // n3 counts without ever holding the token.
    private const string Drifted = """
        {"tag":"trace","v":1,"seq":1,"node":"n1","event":"Give","args":{"to":"n2"},"state":{"count":0},"clock":{"n1":1}}
        {"tag":"trace","v":1,"seq":1,"node":"n2","event":"Take","args":{},"state":{"count":0},"clock":{"n1":1,"n2":1}}
        {"tag":"trace","v":1,"seq":1,"node":"n3","event":"Count","args":{},"state":{"count":1},"clock":{"n3":1}}
        """;

    private readonly TemporaryFolder _folder = new("specula-nightly-cli-");
    private TokenRepository? _repository;

    public void Dispose() => _folder.Dispose();

    private string Repo => Path.Combine(_folder.Path, "repo");

    private string State => Path.Combine(_folder.Path, "state");

    private string ConfigPath => Path.Combine(_folder.Path, "nightly.yaml");

    private void CreateSystem() => _repository = TokenRepository.Create(Repo, Conforming);

    private void Commit(string trace) => _repository!.Commit(trace, "behaviour");

    private void WriteConfig(string github = "")
    {
        File.WriteAllText(ConfigPath, $"""
            version: 1
            targets:
              - name: token
                repo: repo
                branch: main
                spec: spec
                sandbox: process
            {github}
            """);
    }

    [Fact]
    public void The_table_shows_each_target_with_its_notes_issue_and_run_folder()
    {
        var at = new DateTimeOffset(2026, 11, 27, 2, 17, 0, TimeSpan.Zero);
        var summary = new Agents.Nightly.NightlySummary(Agents.Nightly.NightlySummary.SchemaV1, at, at.AddMinutes(3), 2,
        [
            new("etcd-raft", Agents.Nightly.TargetStatus.Unchanged, "3f2a9c1d7e5b4a3f2a9c1d7e5b4a", "unchanged since 3f2a9c1d7e5b (last checked 2026-11-26 02:17: conforming)", "/state/targets/etcd-raft/runs/1", null, null, []),
            new("token", Agents.Nightly.TargetStatus.Diverging, "0123456789abcdef0123", "1 of 1 trace(s) diverge; first: traces/pass-seed1.ndjson:4: Event 4 cannot be taken", "/state/targets/token/runs/2", null,
                "https://github.example/acme/token/issues/7", ["no reasoner is available to repair the drift", "issue #7 opened"]),
            new("lock", Agents.Nightly.TargetStatus.Error, null, "error NGT010: the repository could not be opened: REP003: host unreachable", null, "NGT010", null, []),
        ]);

        Assert.Equal("""
            target     status     commit        summary
            etcd-raft  unchanged  3f2a9c1d7e5b  unchanged since 3f2a9c1d7e5b (last checked 2026-11-26 02:17: conforming)
            token      diverging  0123456789ab  1 of 1 trace(s) diverge; first: traces/pass-seed1.ndjson:4: Event 4 cannot be taken
                       note: no reasoner is available to repair the drift
                       note: issue #7 opened
                       issue: https://github.example/acme/token/issues/7
                       run folder: /state/targets/token/runs/2
            lock       error      -             error NGT010: the repository could not be opened: REP003: host unreachable
            """, Commands.NightlyCommand.Table(summary));
    }

    [Fact]
    public async Task An_invalid_config_prints_every_error_with_its_position_and_exits_3()
    {
        File.WriteAllText(ConfigPath, "version: 1\ntargets:\n  - name: token\n    repo: repo\n    specc: spec\n    seeds: -1\n");

        var (code, output, errors) = await Run("nightly", "--config", ConfigPath, "--state-dir", State);

        Assert.Equal(3, code);
        Assert.Equal("", output);
        Assert.Contains($"{ConfigPath}:3:5: error NGT002: missing 'spec'.", errors, StringComparison.Ordinal);
        Assert.Contains($"{ConfigPath}:5:5: error NGT003: unknown key 'specc' in a target (did you mean 'spec'?)", errors, StringComparison.Ordinal);
        Assert.Contains($"{ConfigPath}:6:12: error NGT004: 'seeds' is a whole number of at least 1.", errors, StringComparison.Ordinal);
        Assert.Contains("3 error(s) in ", errors, StringComparison.Ordinal);
        Assert.False(Directory.Exists(State));
    }

    [Fact]
    public async Task A_conforming_target_exits_0_with_a_table_and_the_next_night_is_unchanged_in_json()
    {
        CreateSystem();
        WriteConfig();
        var head = _repository!.Head;

        var (code, output, errors) = await Run("nightly", "--config", ConfigPath, "--state-dir", State);

        Assert.True(code == 0, output + errors);
        Assert.Contains("target  status      commit        summary", output, StringComparison.Ordinal);
        Assert.Contains($"token   conforming  {head[..12]}  conforms: 1 of 1 trace(s), 1 invariant(s) hold", output, StringComparison.Ordinal);
        Assert.Contains($"summary: {Path.Combine(State, "nightly-summary.json")}", output, StringComparison.Ordinal);
        Assert.EndsWith("exit 0: every target conforms\n", output, StringComparison.Ordinal);

        var again = await Run("nightly", "--config", ConfigPath, "--state-dir", State, "--json");

        Assert.Equal(0, again.Code);
        using var json = JsonDocument.Parse(again.Out);
        Assert.Equal("specula.nightly-summary/v1", json.RootElement.GetProperty("schema").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("exitCode").GetInt32());
        var target = json.RootElement.GetProperty("targets")[0];
        Assert.Equal("unchanged", target.GetProperty("status").GetString());
        Assert.StartsWith($"unchanged since {head[..12]}", target.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains("token: unchanged", again.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drift_without_a_reasoner_exits_2_and_the_github_token_never_appears_anywhere()
    {
        CreateSystem();
        var variable = "SPECULA_NIGHTLY_TEST_TOKEN_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(variable, Token);
        try
        {
            // A loopback port nobody listens on: every GitHub call fails, and its error must still not hold the token.
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            WriteConfig($"    github: {{ owner: acme, repo: token, tokenEnv: {variable}, baseUrl: \"http://127.0.0.1:{port}/api/v3/\" }}");
            Assert.Equal(0, (await Run("nightly", "--config", ConfigPath, "--state-dir", State)).Code);
            Commit(Drifted);

            var (code, output, errors) = await Run("nightly", "--config", ConfigPath, "--state-dir", State, "--artifacts-url", "https://ci.example.org/runs/7");

            Assert.True(code == 2, output + errors);
            Assert.Contains("token   diverging", output, StringComparison.Ordinal);
            Assert.Contains("pass-seed1.ndjson:3", output, StringComparison.Ordinal);
            Assert.Contains("note: no reasoner is available to repair the drift", output, StringComparison.Ordinal);
            Assert.Contains("note: GitHub: REP025", output, StringComparison.Ordinal);
            Assert.EndsWith("exit 2: drift was found and not repaired, or an invariant is violated\n", output, StringComparison.Ordinal);
            var written = Directory.EnumerateFiles(State, "*", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}repos{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .Select(File.ReadAllText)
                .ToList();
            Assert.Contains(written, w => w.Contains("\"status\": \"diverging\"", StringComparison.Ordinal));
            Assert.All(written.Append(output).Append(errors), text => Assert.DoesNotContain(Token, text, StringComparison.Ordinal));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}
