using System.Text.Json;
using Specula.Agents.Nightly;
using Specula.Agents.Reasoning;
using Specula.Reports.Model;
using Specula.Testing.GitHub;

namespace Specula.Agents.Tests.Nightly;

/// <summary>The nightly on a real local repository, traced in the process sandbox, reporting to a loopback GitHub.</summary>
public sealed class NightlyRunnerTests
{
    private const string Token = "ghp_NIGHTLYtestTOKEN0123456789abcdefXYZ";

    [Fact]
    public async Task First_run_is_a_conforming_baseline_and_an_unchanged_repository_is_not_run_again()
    {
        using var system = new TokenSystem();
        var progress = new List<string>();

        var first = await system.RunAsync(system.Config1(), TokenSystem.Services(progress: progress));

        AssertExit(NightlyExitCodes.Conforming, first);
        var target = Assert.Single(first.Summary!.Targets);
        Assert.Equal(TargetStatus.Conforming, target.Status);
        Assert.Equal(system.Head, target.Commit);
        var run = Assert.Single(system.RunFolders);
        Assert.Equal(run, target.RunFolder);
        var report = RunReport.Read(Path.Combine(run, "report.json"));
        Assert.True(report.IsOk, report.Error?.Message);
        Assert.Equal(VerdictStatus.Conforming, report.Value!.Verdict.Status);
        Assert.Equal(1, report.Value.Conformance.Traces);
        Assert.Equal(system.Head, report.Value.Target.Commit);
        Assert.True(File.Exists(Path.Combine(run, "traces", "pass-seed1.ndjson")));
        var state = NightlyState.Read(Path.Combine(system.TargetDir, "state.json"))!;
        Assert.Equal(TargetStatus.Conforming, state.Status);
        Assert.Equal(system.Head, state.Commit);

        var second = await system.RunAsync(system.Config1(), TokenSystem.Services(progress: progress));

        Assert.Equal(NightlyExitCodes.Conforming, second.ExitCode);
        var unchanged = Assert.Single(second.Summary!.Targets);
        Assert.Equal(TargetStatus.Unchanged, unchanged.Status);
        Assert.StartsWith($"unchanged since {system.Head[..12]}", unchanged.Summary, StringComparison.Ordinal);
        Assert.Single(system.RunFolders);
        Assert.Contains(progress, l => l.Contains("token: unchanged: unchanged since", StringComparison.Ordinal));
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(system.StateDir, NightlyRunner.SummaryFile)));
        Assert.Equal("specula.nightly-summary/v1", summary.RootElement.GetProperty("schema").GetString());
        Assert.Equal("unchanged", summary.RootElement.GetProperty("targets")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Changed_workload_settings_are_checked_again_without_a_new_commit()
    {
        using var system = new TokenSystem();
        AssertExit(NightlyExitCodes.Conforming, await system.RunAsync(system.Config1(), TokenSystem.Services()));
        var config = system.Config1();
        config = config with { Targets = [config.Targets[0] with { Seeds = 2 }] };

        var result = await system.RunAsync(config, TokenSystem.Services());

        AssertExit(NightlyExitCodes.Conforming, result);
        Assert.Equal(TargetStatus.Conforming, result.Summary!.Targets[0].Status);
        Assert.Equal(2, system.RunFolders.Count);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(system.RunFolders[^1], "traces"), "*.ndjson").Length);
    }

    [Fact]
    public async Task A_behaviour_change_is_drift_reported_in_one_github_issue_that_is_updated_then_closed()
    {
        using var system = new TokenSystem();
        using var github = new FakeGitHubServer("acme", "token");
        var config = system.Config1(new NightlyGitHub("acme", "token", "NIGHTLY_TEST_TOKEN", github.ApiUrl, null));
        var progress = new List<string>();
        var services = TokenSystem.Services(name => name == "NIGHTLY_TEST_TOKEN" ? Token : null, progress: progress);

        var baseline = await system.RunAsync(config, services);
        AssertExit(NightlyExitCodes.Conforming, baseline);
        Assert.Empty(github.Issues);
        Assert.Equal(("success", system.Head), (github.Statuses.Single().State, github.Statuses.Single().Sha));

        var changed = system.Commit(TokenSystem.TakeTwice, "n2 takes the token again");
        var drift = await system.RunAsync(config, services);

        AssertExit(NightlyExitCodes.Drift, drift);
        var target = Assert.Single(drift.Summary!.Targets);
        Assert.Equal(TargetStatus.Diverging, target.Status);
        Assert.Contains("pass-seed1.ndjson:4", target.Summary, StringComparison.Ordinal);
        Assert.Contains(target.Notes, n => n.Contains("no reasoner", StringComparison.Ordinal));
        var report = RunReport.Read(Path.Combine(target.RunFolder!, "report.json")).Value!;
        Assert.Equal(VerdictStatus.Diverging, report.Verdict.Status);
        Assert.Equal(changed, report.Target.Commit);
        Assert.Equal(0, report.Conformance.Conforming);
        Assert.Single(report.Conformance.Divergences);
        var issue = Assert.Single(github.Issues);
        Assert.Equal("open", issue.State);
        Assert.Contains(GitHubMarker, issue.Body, StringComparison.Ordinal);
        Assert.Contains("`traces/pass-seed1.ndjson` line 4", issue.Body, StringComparison.Ordinal);
        Assert.Contains("failing conjunct: `m \\in msgs` at `Token.tla:", issue.Body, StringComparison.Ordinal);
        Assert.Contains(target.RunFolder!, issue.Body, StringComparison.Ordinal);
        Assert.Contains(changed, issue.Body, StringComparison.Ordinal);
        Assert.Equal(issue.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), target.IssueUrl!.Split('/')[^1]);
        Assert.Equal(("failure", changed), (github.Statuses[^1].State, github.Statuses[^1].Sha));

        // The drift is still there the next night: checked again, the same issue updated, never a second one.
        var again = await system.RunAsync(config, services);
        Assert.Equal(NightlyExitCodes.Drift, again.ExitCode);
        Assert.Equal(issue.Number, Assert.Single(github.Issues).Number);
        Assert.Contains(again.Summary!.Targets[0].Notes, n => n == $"issue #{issue.Number} updated");
        Assert.Equal(3, github.Statuses.Count);

        // The code is fixed: conforming again, the issue is closed with a comment.
        var fixedCommit = system.Commit(TokenSystem.Conforming, "n2 takes the token once");
        var repaired = await system.RunAsync(config, services);
        Assert.Equal(NightlyExitCodes.Conforming, repaired.ExitCode);
        Assert.Equal("closed", Assert.Single(github.Issues).State);
        Assert.Contains(github.Comments, c => c.IssueNumber == issue.Number && c.Body.Contains(fixedCommit, StringComparison.Ordinal));
        Assert.Equal(("success", fixedCommit), (github.Statuses[^1].State, github.Statuses[^1].Sha));

        // The token went to the server, and nowhere else.
        Assert.All(github.Requests, r => Assert.Contains(Token, r.Authorization ?? "", StringComparison.Ordinal));
        var written = Directory.EnumerateFiles(system.StateDir, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}repos{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText);
        Assert.All(written.Concat(progress).Append(JsonSerializer.Serialize(drift.Summary)), text => Assert.DoesNotContain(Token, text, StringComparison.Ordinal));
    }

    private static void AssertExit(int expected, NightlyResult result) =>
        Assert.True(expected == result.ExitCode, $"exit {result.ExitCode}: {result.Message}{string.Join("; ", result.Summary?.Targets.Select(t => $"{t.Summary} {string.Join(", ", t.Notes)}") ?? [])}");

    private const string GitHubMarker = "<!-- specula:target=token -->";

    [Fact]
    public async Task A_repair_that_conforms_exits_1_and_posts_the_spec_diff_on_the_pull_request()
    {
        using var system = new TokenSystem();
        using var github = new FakeGitHubServer("acme", "token");
        var pr = github.AddPullRequest("Let n2 take the token again");
        var config = system.Config1(new NightlyGitHub("acme", "token", "NIGHTLY_TEST_TOKEN", github.ApiUrl, pr));
        var services = TokenSystem.Services(name => name == "NIGHTLY_TEST_TOKEN" ? Token : null, _ => new DropGuardReasoner());
        AssertExit(NightlyExitCodes.Conforming, await system.RunAsync(config, services));
        system.Commit(TokenSystem.TakeTwice, "n2 takes the token again");

        var result = await system.RunAsync(config, services);

        AssertExit(NightlyExitCodes.Repaired, result);
        var target = Assert.Single(result.Summary!.Targets);
        Assert.Equal(TargetStatus.Repaired, target.Status);
        Assert.DoesNotContain("/\\ m \\in msgs", File.ReadAllText(Path.Combine(target.RunFolder!, "spec", "Token.tla")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(target.RunFolder!, "transcript.jsonl")));
        Assert.Equal(VerdictStatus.Conforming, RunReport.Read(Path.Combine(target.RunFolder!, "report.json")).Value!.Verdict.Status);
        var comment = Assert.Single(github.Comments, c => c.IssueNumber == pr);
        Assert.Contains("```diff", comment.Body, StringComparison.Ordinal);
        Assert.Contains("-    /\\ m \\in msgs", comment.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(github.Issues, i => !i.IsPullRequest);

        // The repaired spec stands in for the repository's until that changes: the next night has nothing to do.
        var next = await system.RunAsync(config, services);
        Assert.Equal(TargetStatus.Unchanged, Assert.Single(next.Summary!.Targets).Status);
        Assert.Equal(NightlyExitCodes.Conforming, next.ExitCode);
    }

    [Fact]
    public async Task A_repair_that_fails_within_its_budget_leaves_the_drift_unrepaired_with_exit_2_and_a_transcript()
    {
        using var system = new TokenSystem();
        var services = TokenSystem.Services(reasoners: _ => new IdleReasoner());
        AssertExit(NightlyExitCodes.Conforming, await system.RunAsync(system.Config1(), services));
        system.Commit(TokenSystem.TakeTwice, "n2 takes the token again");

        var result = await system.RunAsync(system.Config1(), services);

        AssertExit(NightlyExitCodes.Drift, result);
        var target = Assert.Single(result.Summary!.Targets);
        Assert.Equal(TargetStatus.Diverging, target.Status);
        Assert.Contains(target.Notes, n => n.StartsWith("the repair run ended budgetExhausted: budget spent (rounds: 3 of 3 spent)", StringComparison.Ordinal));
        var report = RunReport.Read(Path.Combine(target.RunFolder!, "report.json")).Value!;
        Assert.Equal(VerdictStatus.BudgetExhausted, report.Verdict.Status);
        Assert.Equal(3, report.Rounds.Count);
        var transcript = TranscriptReader.Read(Path.Combine(target.RunFolder!, "transcript.jsonl"));
        Assert.Equal(TranscriptKind.RunEnded, transcript.Records[^1].Kind);
        Assert.Equal(TargetStatus.Diverging, NightlyState.Read(Path.Combine(system.TargetDir, "state.json"))!.Status);
    }

    [Fact]
    public async Task A_spec_change_that_breaks_an_invariant_is_a_violation_reported_with_exit_2()
    {
        using var system = new TokenSystem();
        using var github = new FakeGitHubServer("acme", "token");
        var config = system.Config1(new NightlyGitHub("acme", "token", "NIGHTLY_TEST_TOKEN", github.ApiUrl, null));
        var services = TokenSystem.Services(name => name == "NIGHTLY_TEST_TOKEN" ? Token : null);
        AssertExit(NightlyExitCodes.Conforming, await system.RunAsync(config, services));
        File.WriteAllText(Path.Combine(system.Repo, "spec", "Token.tla"), TokenSystem.Spec.Replace("====", "NobodyCounts == \\A n \\in Node : counter[n] = 0\n====", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(system.Repo, "spec", "MC.cfg"), TokenSystem.Config + "\nINVARIANT NobodyCounts\n");
        system.Git("commit -q -am \"a stronger invariant\"");

        var result = await system.RunAsync(config, services);

        AssertExit(NightlyExitCodes.Drift, result);
        var target = Assert.Single(result.Summary!.Targets);
        Assert.Equal(TargetStatus.Violating, target.Status);
        Assert.Contains("invariant NobodyCounts is violated", target.Summary, StringComparison.Ordinal);
        var report = RunReport.Read(Path.Combine(target.RunFolder!, "report.json")).Value!;
        Assert.Equal(VerdictStatus.Violating, report.Verdict.Status);
        Assert.Contains(report.ModelChecking.Invariants, i => i is { Name: "NobodyCounts", Holds: false, Counterexample.Count: > 0 });
        var issue = Assert.Single(github.Issues);
        Assert.Contains("### Invariant", issue.Body, StringComparison.Ordinal);
        Assert.Contains("Invariant NobodyCounts is violated", issue.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_nightlies_at_once_leave_one_run_and_a_valid_state()
    {
        using var system = new TokenSystem();
        var config = system.Config1();

        var both = await Task.WhenAll(system.RunAsync(config, TokenSystem.Services()), system.RunAsync(config, TokenSystem.Services()));

        Assert.All(both, r => AssertExit(NightlyExitCodes.Conforming, r));
        Assert.Equal([TargetStatus.Conforming, TargetStatus.Unchanged], both.Select(r => r.Summary!.Targets[0].Status).Order());
        Assert.Single(system.RunFolders);
        using var state = JsonDocument.Parse(File.ReadAllText(Path.Combine(system.TargetDir, "state.json")));
        Assert.Equal("conforming", state.RootElement.GetProperty("status").GetString());
        Assert.Empty(Directory.GetFiles(system.StateDir, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_held_state_folder_is_reported_busy_and_a_dead_holders_lock_is_taken_over()
    {
        using var system = new TokenSystem();
        var progress = new List<string>();
        var (held, _) = await NightlyLock.AcquireAsync(system.StateDir, TimeSpan.Zero, TimeProvider.System, CancellationToken.None);
        Assert.NotNull(held);
        using (held)
        {
            var busy = await system.RunAsync(system.Config1(), TokenSystem.Services(progress: progress), TimeSpan.Zero);
            Assert.Equal(NightlyExitCodes.Error, busy.ExitCode);
            Assert.Null(busy.Summary);
            Assert.Contains($"error {NightlyErrorCodes.Busy}: another nightly (pid {Environment.ProcessId})", busy.Message, StringComparison.Ordinal);
            Assert.Empty(system.RunFolders);
        }

        // A nightly that died left its pid behind; the kernel released its lock.
        using var dead = System.Diagnostics.Process.Start("true")!;
        dead.WaitForExit();
        File.WriteAllText(Path.Combine(system.StateDir, NightlyLock.FileName + ".pid"), $"{dead.Id}\n");
        var result = await system.RunAsync(system.Config1(), TokenSystem.Services(progress: progress), TimeSpan.Zero);
        AssertExit(NightlyExitCodes.Conforming, result);
        Assert.Contains($"took over the lock of nightly pid {dead.Id}, which is no longer running", progress);
    }

    [Fact]
    public async Task An_unreachable_repository_is_an_error_with_exit_3_and_no_state()
    {
        using var system = new TokenSystem();
        var config = system.Config1();
        config = config with { Targets = [config.Targets[0] with { Repo = Path.Combine(system.Root, "no-such-repo") }] };

        var result = await system.RunAsync(config, TokenSystem.Services());

        Assert.Equal(NightlyExitCodes.Error, result.ExitCode);
        var target = Assert.Single(result.Summary!.Targets);
        Assert.Equal(TargetStatus.Error, target.Status);
        Assert.Equal(NightlyErrorCodes.Repository, target.ErrorCode);
        Assert.Contains("REP001", target.Summary, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(system.TargetDir, "state.json")));
    }

    /// <summary>A test reasoner that never changes anything: the repair run spends its rounds.</summary>
    private sealed class IdleReasoner : IReasoner
    {
        public ReasonerInfo Info { get; } = new(ReasonerKind.Synthesizer);

        public Task<ReasonerTurn> ProposeAsync(ReasonerContext context, CancellationToken cancellationToken) =>
            Task.FromResult(ReasonerTurn.Finished("nothing to propose"));
    }

    /// <summary>A test reasoner: repairs the token spec by letting Receive take a token that is not in flight.</summary>
    private sealed class DropGuardReasoner : IReasoner
    {
        public ReasonerInfo Info { get; } = new(ReasonerKind.Synthesizer);

        public Task<ReasonerTurn> ProposeAsync(ReasonerContext context, CancellationToken cancellationToken)
        {
            var spec = context.Spec.Read("Token.tla")!;
            var repaired = spec.Replace("    /\\ m \\in msgs\n", "", StringComparison.Ordinal);
            return Task.FromResult(new ReasonerTurn([new SpecEdit("Token.tla", repaired)], Done: true, "Receive no longer needs the token in flight"));
        }
    }
}
