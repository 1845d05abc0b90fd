using Specula.Agents.Nightly;

namespace Specula.Agents.Tests.Nightly;

public sealed class NightlyConfigLoaderTests
{
    private const string Valid = """
        version: 1
        stateDir: state
        targets:
          - name: etcd-raft
            repo: https://github.com/acme/raft.git
            branch: main
            spec: spec/raft
            harness: harness/specula.yaml
            workload: proposals
            seeds: 3
            sandbox: process
            budget: { rounds: 5, tokens: 200000, money: 2.50, wallTime: 1h30m }
            github: { owner: acme, repo: raft, tokenEnv: GITHUB_TOKEN, baseUrl: "https://ghe.example.com/api/v3/", pullRequest: 42 }
          - name: local
            repo: ../systems/token
            spec: spec
        """;

    [Fact]
    public void A_valid_file_gives_an_immutable_configuration_with_defaults_and_resolved_paths()
    {
        var result = NightlyConfigLoader.Load("/etc/specula/nightly.yaml", Valid);

        Assert.Empty(result.Errors);
        var config = result.Config!;
        Assert.Equal("/etc/specula/state", config.StateDir);
        var raft = config.Targets[0];
        Assert.Equal(("etcd-raft", "https://github.com/acme/raft.git", "main", "spec/raft", "harness/specula.yaml"), (raft.Name, raft.Repo, raft.Branch, raft.Spec, raft.Harness));
        Assert.Equal(("proposals", 3, SandboxKind.Process), (raft.Workload, raft.Seeds, raft.Sandbox));
        Assert.Equal((5, 200000L, 2.50m, TimeSpan.FromMinutes(90)), (raft.Budget.Rounds, raft.Budget.Tokens, raft.Budget.Money, raft.Budget.WallTime));
        Assert.Equal(new NightlyGitHub("acme", "raft", "GITHUB_TOKEN", new Uri("https://ghe.example.com/api/v3/"), 42), raft.GitHub);
        var local = config.Targets[1];
        Assert.Equal(("/etc/systems/token", "specula.yaml", SandboxKind.Docker, null), (local.Repo, local.Harness, local.Sandbox, local.GitHub));
        Assert.Equal(10, local.Budget.Rounds);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_at_its_line_and_column()
    {
        const string text = """
            version: 2
            targetz: []
            targets:
              - name: bad name
                repo: https://example.org/x.git
                spec: ../outside
                seeds: zero
                sandbox: vm
                budget: { rounds: 0, wallTime: soon }
                github: { owner: acme, tokenEnv: ghp_abc-123 }
              - name: twin
                repo: a
                spec: s
              - name: twin
                spec: s
            """;

        var result = NightlyConfigLoader.Load("nightly.yaml", text);

        Assert.Null(result.Config);
        Assert.Equal(
        [
            "1:10 NGT006", "2:1 NGT003", "4:11 NGT004", "6:11 NGT004", "7:12 NGT004", "8:14 NGT004", "9:23 NGT004", "9:36 NGT004",
            "10:13 NGT002", "10:38 NGT004", "14:5 NGT002",
        ], result.Errors.Select(e => $"{e.Line}:{e.Column} {e.Code}"));
        Assert.StartsWith("nightly.yaml:2:1: error NGT003: unknown key 'targetz' in the file (did you mean 'targets'?)", result.Errors[1].ToString(), StringComparison.Ordinal);
        // A token pasted where the variable's name belongs is never echoed back.
        Assert.DoesNotContain(result.Errors, e => e.Message.Contains("ghp_abc", StringComparison.Ordinal));
    }

    [Fact]
    public void Duplicate_targets_and_broken_yaml_have_their_own_codes()
    {
        var twins = NightlyConfigLoader.Load("n.yaml", "version: 1\ntargets:\n  - { name: a, repo: r, spec: s }\n  - { name: a, repo: r, spec: s }\n");
        var error = Assert.Single(twins.Errors);
        Assert.Equal((4, NightlyConfigLoader.DuplicateTarget), (error.Line, error.Code));

        var broken = NightlyConfigLoader.Load("n.yaml", "version: 1\ntargets: [\n");
        Assert.Equal(NightlyConfigLoader.SyntaxError, Assert.Single(broken.Errors).Code);
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("30m", 1800)]
    [InlineData("1h30m", 5400)]
    [InlineData("120", 120)]
    public void Durations_read_as_people_write_them(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), NightlyConfigLoader.Duration(text));
}
