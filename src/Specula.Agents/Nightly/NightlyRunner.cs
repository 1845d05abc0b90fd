using System.Globalization;
using System.Text;
using System.Text.Json;
using Specula.Agents.Checks;
using Specula.Agents.Phases;
using Specula.Agents.Plugins;
using Specula.Agents.Reasoning;
using Specula.Agents.Runs;
using Specula.Reports.Model;
using Specula.Repos;
using Specula.Repos.Git;
using Specula.Repos.GitHub;
using Specula.Sandboxes.Tracing;

namespace Specula.Agents.Nightly;

/// <summary>Stable codes of the errors a nightly reports per target.</summary>
public static class NightlyErrorCodes
{
    /// <summary>The repository could not be opened or fetched (the REPxxx code follows in the message).</summary>
    public const string Repository = "NGT010";

    /// <summary>The spec folder is missing or incomplete (module, MC.cfg, TraceMap.yaml).</summary>
    public const string Spec = "NGT011";

    /// <summary>The harness manifest is missing or invalid.</summary>
    public const string Harness = "NGT012";

    /// <summary>No sandbox could run the workloads (no Docker daemon, a failed build).</summary>
    public const string Sandbox = "NGT013";

    /// <summary>The workloads ran but left no valid trace.</summary>
    public const string NoTraces = "NGT014";

    /// <summary>Another nightly holds the state folder.</summary>
    public const string Busy = "NGT015";

    /// <summary>A file or folder of the state folder could not be read or written.</summary>
    public const string FileSystem = "NGT016";
}

/// <summary>What one nightly is asked to do.</summary>
public sealed record NightlyOptions
{
    /// <summary>The validated configuration.</summary>
    public required NightlyConfig Config { get; init; }

    /// <summary>Where state, clones, run folders and the summary live.</summary>
    public required string StateDir { get; init; }

    /// <summary>How long to wait for another nightly that holds the state folder.</summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Check every target even when nothing changed.</summary>
    public bool Force { get; init; }

    /// <summary>Where people find the artifacts (e.g. the CI run's page): linked from issues and statuses.</summary>
    public Uri? ArtifactsUrl { get; init; }

    /// <summary>Other secrets to mask in every line and file (e.g. the language model's key); the GitHub tokens are masked anyway.</summary>
    public IReadOnlyList<string> Secrets { get; init; } = [];
}

/// <summary>The world a nightly works in; each part has a real and a test implementation.</summary>
/// <param name="Clock">Timestamps, run ids, waits.</param>
/// <param name="Environment">Reads environment variables (the GitHub tokens are named in the config, read here).</param>
/// <param name="Sandboxes">Where workloads run.</param>
/// <param name="Reasoners">The reasoner that repairs a drifted target; null (or a null result) when none is available.</param>
/// <param name="Progress">One line per step, for the terminal (already free of secrets).</param>
public sealed record NightlyServices(
    TimeProvider Clock,
    Func<string, string?> Environment,
    ITraceRunnerFactory Sandboxes,
    Func<NightlyTarget, IReasoner?>? Reasoners = null,
    Action<string>? Progress = null);

/// <summary>How a nightly ended.</summary>
/// <param name="ExitCode">See <see cref="NightlyExitCodes"/>.</param>
/// <param name="Summary">The summary (also in nightly-summary.json); null when the state folder was busy.</param>
/// <param name="Message">Why nothing was done, when the state folder was busy.</param>
public sealed record NightlyResult(int ExitCode, NightlySummary? Summary, string? Message);

/// <summary>
/// The nightly job: for each target, fetch its repository; when its code, spec or workloads changed since the last
/// good check, collect fresh traces and validate the existing spec (model checking included); on drift run the
/// repair loop within the target's budget; write report.json, the state and a summary; report on GitHub. One
/// nightly per state folder at a time (<see cref="NightlyLock"/>); everything it writes is written atomically, so a
/// killed nightly is simply run again.
/// </summary>
public sealed class NightlyRunner(NightlyServices services)
{
    private NightlyServices Services { get; } = services;

    /// <summary>The summary's file name in the state folder.</summary>
    public const string SummaryFile = "nightly-summary.json";

    /// <summary>Phases of a repair run: the spec exists and traces are collected, so drafting is skipped.</summary>
    private static readonly string[] RepairPhases = ["validate", "repair", "confirm", "report"];

    /// <summary>Runs the nightly.</summary>
    public async Task<NightlyResult> RunAsync(NightlyOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clock = Services.Clock;
        var stateDir = Path.GetFullPath(options.StateDir);
        var secrets = options.Config.Targets.Select(t => t.GitHub is { } g ? Services.Environment(g.TokenEnv) : null).Concat(options.Secrets)
            .OfType<string>().Where(s => s.Length > 0).Distinct().ToList();
        var redactor = new SecretRedactor(secrets);
        void Say(string line) => Services.Progress?.Invoke(redactor.Redact(line)!);

        var (held, holder) = await NightlyLock.AcquireAsync(stateDir, options.LockWait, clock, cancellationToken).ConfigureAwait(false);
        if (held is null)
        {
            var message = $"error {NightlyErrorCodes.Busy}: another nightly{(holder is { } pid ? $" (pid {pid})" : "")} holds {Path.Combine(stateDir, NightlyLock.FileName)}; waited {options.LockWait.TotalSeconds:0}s. Nothing was done.";
            Say(message);
            return new NightlyResult(NightlyExitCodes.Error, null, message);
        }
        using var lease = held;
        if (held.TakenOverFrom is { } dead)
        {
            Say($"took over the lock of nightly pid {dead}, which is no longer running");
        }
        var started = clock.GetUtcNow();
        var results = new List<TargetSummary>();
        foreach (var target in options.Config.Targets)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Say($"{target.Name}: {SecretRedactor.RedactCommon(target.Repo)}{(target.Branch is { } b ? $" ({b})" : "")}");
            var run = new TargetRun(this, target, options, stateDir, secrets, redactor, Say);
            TargetSummary summary;
            try
            {
                summary = await run.ExecuteAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A full disk or a folder we may not write is this target's error, not the end of the night.
                summary = new TargetSummary(target.Name, TargetStatus.Error, null, $"error {NightlyErrorCodes.FileSystem}: {ex.Message}", null, NightlyErrorCodes.FileSystem, null, []);
            }
            summary = summary with { Summary = redactor.Redact(summary.Summary)!, Notes = [.. summary.Notes.Select(n => redactor.Redact(n)!)] };
            Say($"{target.Name}: {StatusName(summary.Status)}: {summary.Summary}");
            results.Add(summary);
        }
        var exit = NightlyExitCodes.Combine(results.Select(r => r.Status));
        var night = new NightlySummary(NightlySummary.SchemaV1, started, clock.GetUtcNow(), exit, results);
        night.Write(Path.Combine(stateDir, SummaryFile));
        return new NightlyResult(exit, night, null);
    }

    /// <summary>A status as the summary and the terminal spell it (<c>conforming</c>, <c>unchanged</c>, ...).</summary>
    public static string StatusName(TargetStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    /// <summary>One target's night; a class so its many steps share what they found without long parameter lists.</summary>
    private sealed class TargetRun(NightlyRunner owner, NightlyTarget target, NightlyOptions options, string stateDir,
        IReadOnlyList<string> secrets, SecretRedactor redactor, Action<string> say)
    {
        private readonly List<string> _notes = [];
        private string? _commit;
        private string? _issueUrl;

        private TimeProvider Clock => owner.Services.Clock;

        private string TargetDir => Path.Combine(stateDir, "targets", target.Name);

        private string StatePath => Path.Combine(TargetDir, "state.json");

        public async Task<TargetSummary> ExecuteAsync(CancellationToken cancellationToken)
        {
            var repoOptions = new RepositoryOptions { CacheDirectory = Path.Combine(stateDir, "repos"), Branch = target.Branch };
            var opened = await RepositorySource.OpenAsync(target.Repo, repoOptions, null, cancellationToken).ConfigureAwait(false);
            if (opened.Error is { } repoError)
            {
                if (repoError.Code == RepoErrorCodes.Cancelled)
                {
                    throw new OperationCanceledException(repoError.Message);
                }
                return Failed(NightlyErrorCodes.Repository, $"the repository could not be opened: {repoError.Code}: {repoError.Message}");
            }
            using var repository = opened.Repository!;
            if (repository.HeadCommit is not { } head)
            {
                return Failed(NightlyErrorCodes.Repository, "the repository has no commits yet.");
            }
            _commit = head;
            var workTree = repository.WorkTree;
            var specDir = Path.Combine(workTree, target.Spec);
            if (SpecProblem(specDir) is { } specProblem)
            {
                return Failed(NightlyErrorCodes.Spec, specProblem);
            }
            var harness = Path.Combine(workTree, target.Harness);
            if (!File.Exists(harness))
            {
                return Failed(NightlyErrorCodes.Harness, $"the repository has no harness manifest at {target.Harness}; add one (see sandboxes/README.md) or set 'harness' in the config.");
            }
            var repoSpec = new SpecFolder(specDir).Snapshot();
            var repoSpecHash = repoSpec.Hash();
            var inputsHash = SpecFolder.HashOf(File.ReadAllText(harness) + "\n" + JsonSerializer.Serialize(new { target.Harness, target.Spec, target.Workload, target.Seeds, target.Sandbox }));
            var previous = NightlyState.Read(StatePath);
            if (previous is { IsGood: true } && previous.Commit == head && previous.RepoSpecHash == repoSpecHash && previous.InputsHash == inputsHash && !options.Force)
            {
                return new TargetSummary(target.Name, TargetStatus.Unchanged, head, $"unchanged since {Short(head)} (last checked {previous.CheckedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}: {Camel(previous.Status)})",
                    previous.RunFolder, null, null, []);
            }
            if (previous is not null && previous.Commit != head && repository.ChangedFilesSince(previous.Commit) is { IsSuccess: true, Value: { } changed })
            {
                say($"  {changed.Count} file(s) changed since {Short(previous.Commit)}{(changed.Count == 0 ? "" : ": " + string.Join(", ", changed.Take(8)) + (changed.Count > 8 ? ", ..." : ""))}");
            }
            else if (previous is { IsGood: false })
            {
                say($"  checking again: the last check ({Short(previous.Commit)}) ended {Camel(previous.Status)}");
            }

            // The spec to check: a repaired spec from an earlier night stands in for the repository's until the
            // repository's spec changes (someone merged the repair, or wrote their own).
            var baseline = previous is { AcceptedSpec: { } accepted } && previous.RepoSpecHash == repoSpecHash && Directory.Exists(accepted) ? accepted : specDir;
            var runFolder = new RunFolder(NewRunFolder(head));
            runFolder.Create();
            var spec = new SpecFolder(runFolder.Spec);
            var baselineSnapshot = new SpecFolder(baseline).Snapshot();
            foreach (var (file, content) in baselineSnapshot.Files)
            {
                spec.Write(file, content);
            }
            say($"  run folder {runFolder.Root}");

            var sandbox = await owner.Services.Sandboxes.OpenAsync(target.Sandbox, cancellationToken).ConfigureAwait(false);
            if (!sandbox.IsSuccess)
            {
                return Failed(NightlyErrorCodes.Sandbox, $"no sandbox to run the workloads: {sandbox.Error!.Code}: {sandbox.Error.Message}{(sandbox.Error.Hint is { } hint ? $" ({hint})" : "")}", runFolder.Root);
            }
            using var runners = sandbox.Value;
            var harnessDir = Path.GetDirectoryName(harness)!;
            if (await CollectAsync(runners.Runner, harnessDir, runFolder, cancellationToken).ConfigureAwait(false) is { } collectError)
            {
                return collectError;
            }
            var traces = Directory.GetFiles(runFolder.Traces, "*.ndjson").Order(StringComparer.Ordinal).ToList();
            var checker = new SpecChecker(new EngineTraceValidation(), Clock);
            var suite = checker.Run(runFolder.Spec, traces, new ModelCheckLimits(), cancellationToken);
            var description = DriftDescription.From(suite, runFolder.Root);
            var target0 = new RunTarget(SecretRedactor.RedactCommon(target.Repo), head, target.Spec);
            TargetStatus status;
            string summary;
            string? accepted2;
            if (suite.Conforming)
            {
                status = TargetStatus.Conforming;
                summary = $"conforms: {suite.Validation!.Conforming} of {suite.Validation.Traces} trace(s), {suite.ModelCheck!.Invariants.Count} invariant(s) hold";
                accepted2 = baseline == specDir ? null : runFolder.Spec;
                Report(runFolder, target0, suite, VerdictStatus.Conforming, $"The spec conforms to {suite.Validation.Conforming} of {suite.Validation.Traces} traces and its {suite.ModelCheck.Invariants.Count} invariant(s) hold.");
            }
            else
            {
                var drifted = suite.ModelCheck is { Ok: false } ? TargetStatus.Violating : TargetStatus.Diverging;
                var headline = description.Headline(traces.Count);
                say($"  drift: {headline}");
                (status, summary, accepted2) = await RepairAsync(runners.Runner, harnessDir, workTree, runFolder, target0, suite, drifted, headline, cancellationToken).ConfigureAwait(false);
            }
            await ReportOnGitHubAsync(status, head, runFolder, description, baselineSnapshot, spec.Snapshot(), traces.Count, cancellationToken).ConfigureAwait(false);
            new NightlyState(NightlyState.SchemaV1, target.Name, head, repoSpecHash, inputsHash, status, accepted2, runFolder.Root, Clock.GetUtcNow()).Write(StatePath);
            return new TargetSummary(target.Name, status, head, summary, runFolder.Root, null, _issueUrl, [.. _notes]);
        }

        private async Task<TargetSummary?> CollectAsync(TraceRunner runner, string harnessDir, RunFolder runFolder, CancellationToken cancellationToken)
        {
            var outcome = await runner.RunAsync(new TraceOptions
            {
                TargetDirectory = harnessDir,
                OutputDirectory = Path.Combine(runFolder.Root, "sandbox"),
                Workload = target.Workload,
                Seeds = target.Seeds,
            }, line => say("  " + line), cancellationToken: cancellationToken).ConfigureAwait(false);
            if (outcome.ManifestDiagnostics.Count > 0)
            {
                return Failed(NightlyErrorCodes.Harness, $"the harness manifest has {outcome.ManifestDiagnostics.Count} error(s): " + string.Join("; ", outcome.ManifestDiagnostics.Take(5).Select(d => d.ToString())), runFolder.Root);
            }
            if (outcome.Error is { } error)
            {
                return Failed(NightlyErrorCodes.Sandbox, $"the workloads could not run: {error.Code}: {error.Message}", runFolder.Root);
            }
            var copied = 0;
            foreach (var run in outcome.Summary!.Runs)
            {
                if (!run.Succeeded)
                {
                    var invalid = run.Traces.Where(t => !t.IsValid).Select(t => $"{Path.GetFileName(t.Path)}: " +
                        (t.Diagnostics.Count > 0 && t.Diagnostics[0] is { } d ? $"line {d.Line}: {d.Code} {d.Message}" : "no events")).ToList();
                    _notes.Add($"workload {run.Workload} seed {run.Seed} ended {run.Status} (exit {run.ExitCode})" +
                        (run.Error is { } e ? ": " + e.Message : "") +
                        (run.Traces.Count == 0 ? ", no trace written" : "") +
                        (invalid.Count > 0 ? ", invalid trace(s): " + string.Join("; ", invalid) : ""));
                }
                foreach (var trace in run.Traces.Where(t => t.IsValid))
                {
                    // The runner names traces after their workload and seed already; other names get that prefix.
                    var prefix = $"{run.Workload}-seed{run.Seed.ToString(CultureInfo.InvariantCulture)}";
                    var name = Path.GetFileName(trace.Path) is var file && file.StartsWith(prefix, StringComparison.Ordinal) ? file : $"{prefix}-{file}";
                    File.Copy(trace.Path, Path.Combine(runFolder.Traces, name), overwrite: true);
                    var meta = Path.ChangeExtension(trace.Path, ".meta.json");
                    if (File.Exists(meta))
                    {
                        File.Copy(meta, Path.Combine(runFolder.Traces, Path.ChangeExtension(name, ".meta.json")), overwrite: true);
                    }
                    copied++;
                }
            }
            say($"  {copied} trace(s) collected");
            return copied == 0
                ? Failed(NightlyErrorCodes.NoTraces, "the workloads left no valid trace" + (_notes.Count > 0 ? ": " + string.Join("; ", _notes) : "."), runFolder.Root)
                : null;
        }

        private async Task<(TargetStatus, string, string?)> RepairAsync(TraceRunner runner, string harnessDir, string workTree, RunFolder runFolder, RunTarget runTarget,
            CheckSuite suite, TargetStatus drifted, string headline, CancellationToken cancellationToken)
        {
            var reasoner = owner.Services.Reasoners?.Invoke(target);
            if (reasoner is null)
            {
                var note = "no reasoner is available to repair the drift (configure a language model with SPECULA_LLM_ENDPOINT and SPECULA_LLM_MODEL); the drift was not repaired";
                _notes.Add(note);
                Report(runFolder, runTarget, suite, drifted == TargetStatus.Violating ? VerdictStatus.Violating : VerdictStatus.Diverging, $"{Capital(headline)}. {Capital(note)}.");
                return (drifted, $"{headline} (not repaired: no reasoner)", null);
            }
            try
            {
                var loaded = PhaseLoader.Load(null, null, ToolCatalog.Names);
                var plan = loaded.Plan!;
                plan = plan with { Phases = [.. plan.Phases.Where(p => RepairPhases.Contains(p.Name))] };
                var runServices = new RunServices(reasoner, new FolderRepositoryReader(workTree), root => new SandboxTraceCollector(runner, harnessDir, root),
                    new EngineTraceValidation(), Clock, line => say("  " + line));
                var outcome = await new Orchestrator(plan, runServices).RunAsync(new RunOptions
                {
                    RunFolder = runFolder.Root,
                    Target = runTarget,
                    Budget = target.Budget,
                    Secrets = secrets,
                    RunId = Path.GetFileName(runFolder.Root),
                }, cancellationToken).ConfigureAwait(false);
                if (outcome.Verdict == VerdictStatus.Conforming)
                {
                    return (TargetStatus.Repaired, $"drift repaired ({headline}); the repaired spec is in {runFolder.Spec}", runFolder.Spec);
                }
                _notes.Add($"the repair run ended {JsonNamingPolicy.CamelCase.ConvertName(outcome.Verdict.ToString())}: {outcome.Reason}");
                var status = outcome.Verdict == VerdictStatus.Violating ? TargetStatus.Violating : drifted;
                return (status, $"{headline} (not repaired: {JsonNamingPolicy.CamelCase.ConvertName(outcome.Verdict.ToString())})", null);
            }
            finally
            {
                (reasoner as IDisposable)?.Dispose();
            }
        }

        private void Report(RunFolder runFolder, RunTarget runTarget, CheckSuite suite, VerdictStatus verdict, string reason)
        {
            var model = suite.ModelCheck;
            var invariants = model?.Invariants.Select(name => new InvariantResult(name, model.InvariantsHolding.Contains(name),
                name == model.ViolatedInvariant ? [.. model.Counterexample.Select(s => new CounterexampleStep(s.Action, s.State))] : null)).ToList() ?? [];
            var module = suite.Parse.Module ?? SpecChecker.FindModule(runFolder.Spec);
            var report = new RunReport(
                RunReport.SchemaV1,
                Clock.GetUtcNow(),
                runTarget,
                new SpecInfo("spec", module is null ? "" : Path.GetFileNameWithoutExtension(module), new SpecFolder(runFolder.Spec).Snapshot().Hash()),
                new Verdict(verdict, redactor.Redact(reason)!),
                new SyntaxResult(suite.Parse.Ok, [.. suite.Parse.Diagnostics.Select(d => new SyntaxDiagnostic(d.Code, d.Message, d.Location, d.Severity))]),
                new ModelCheckingResult(model?.Ok ?? false, model?.Distinct ?? 0, model?.Generated ?? 0, model?.Depth ?? 0, model?.Seconds ?? 0, invariants),
                new ConformanceResult(suite.Validation?.Traces ?? 0, suite.Validation?.Conforming ?? 0, [], suite.Validation?.Divergences ?? []),
                [],
                CostTotals.Zero);
            report.Write(runFolder.ReportJson);
        }

        private async Task ReportOnGitHubAsync(TargetStatus status, string head, RunFolder runFolder, DriftDescription drift, SpecSnapshot before, SpecSnapshot after, int traces, CancellationToken cancellationToken)
        {
            if (target.GitHub is not { } github)
            {
                return;
            }
            var token = owner.Services.Environment(github.TokenEnv);
            if (string.IsNullOrEmpty(token))
            {
                _notes.Add($"GitHub reporting skipped: the environment variable {github.TokenEnv} is not set");
                return;
            }
            var reporter = new GitHubReporter(new GitHubOptions(token, github.BaseUrl, github.Owner, github.Repository));
            var where = options.ArtifactsUrl?.AbsoluteUri ?? runFolder.Root;
            var (state, description) = status switch
            {
                TargetStatus.Conforming => (CommitState.Success, "Specula: the spec conforms to fresh traces"),
                TargetStatus.Repaired => (CommitState.Failure, "Specula: the spec drifted; a repaired spec is ready"),
                TargetStatus.Violating => (CommitState.Failure, "Specula: an invariant of the spec is violated"),
                _ => (CommitState.Failure, "Specula: traces of this commit do not conform to the spec"),
            };
            Note(await reporter.SetCommitStatusAsync(head, state, description, options.ArtifactsUrl, cancellationToken: cancellationToken).ConfigureAwait(false), r => $"commit status {Camel(r.State.ToString())} on {Short(head)}");
            if (status is TargetStatus.Diverging or TargetStatus.Violating)
            {
                var title = $"Specula: the spec of {target.Name} does not match the code";
                var issue = await reporter.UpsertIssueAsync(target.Name, title, IssueBody(status, head, runFolder, drift, traces, where), cancellationToken).ConfigureAwait(false);
                Note(issue, r => $"issue #{r.Number} {(r.Created ? "opened" : "updated")}");
                _issueUrl = issue.Value?.Url;
            }
            else
            {
                var closed = await reporter.CloseIssueAsync(target.Name, $"The spec of {target.Name} {(status == TargetStatus.Repaired ? "was repaired" : "conforms again")} at commit {head} ({where}).", cancellationToken).ConfigureAwait(false);
                if (closed.IsSuccess && closed.Value is { } issue)
                {
                    _notes.Add($"issue #{issue.Number} closed");
                }
                else if (closed.Error is { } error)
                {
                    _notes.Add($"GitHub: {error.Code}: {error.Message}");
                }
            }
            if (status == TargetStatus.Repaired && github.PullRequest is { } pr)
            {
                var comment = await reporter.CommentOnPullRequestAsync(pr, PullRequestBody(head, runFolder, before, after, where), cancellationToken).ConfigureAwait(false);
                Note(comment, r => $"pull request #{pr} {(r.Created ? "commented" : "comment updated")}");
            }
        }

        private void Note<T>(RepoResult<T> result, Func<T, string> success)
        {
            _notes.Add(result.IsSuccess ? success(result.Value!) : $"GitHub: {result.Error!.Code}: {result.Error.Message}");
        }

        private string IssueBody(TargetStatus status, string head, RunFolder runFolder, DriftDescription drift, int traces, string where)
        {
            var body = new StringBuilder();
            body.Append(CultureInfo.InvariantCulture, $"Specula's nightly check found that the spec of **{target.Name}** (`{target.Spec}`) does not match what the code does at commit `{head}`");
            body.Append(status == TargetStatus.Violating ? ": an invariant is violated.\n\n" : ": traces recorded from the code are behaviours the spec does not allow.\n\n");
            if (drift.Drift.Count > 0)
            {
                body.Append(CultureInfo.InvariantCulture, $"### Where the traces diverge ({drift.Drift.Count} of {traces})\n\n");
                foreach (var item in drift.Drift.Take(10))
                {
                    body.Append(item.ToMarkdown());
                }
                body.Append('\n');
            }
            if (drift.Violation is { } violation)
            {
                body.Append(CultureInfo.InvariantCulture, $"### Invariant\n\n{Capital(violation)}.\n\n");
            }
            if (drift.Other is { } other)
            {
                body.Append(CultureInfo.InvariantCulture, $"### Problem\n\n{Capital(other)}.\n\n");
            }
            body.Append("### Repair\n\n");
            body.Append(_notes.Count == 0 ? "The drift was not repaired.\n\n" : string.Join("\n", _notes.Select(n => "- " + Capital(n) + ".")) + "\n\n");
            body.Append("### Artifacts\n\n");
            body.Append(CultureInfo.InvariantCulture, $"- Run folder: `{runFolder.Root}` (report.json, traces/, spec/; `specula report` makes it an HTML page)\n");
            if (options.ArtifactsUrl is not null)
            {
                body.Append(CultureInfo.InvariantCulture, $"- Artifacts: {where}\n");
            }
            body.Append("\nThis issue is updated by each nightly while the drift lasts, and closed when the spec conforms again.\n");
            return redactor.Redact(body.ToString())!;
        }

        private string PullRequestBody(string head, RunFolder runFolder, SpecSnapshot before, SpecSnapshot after, string where)
        {
            var body = new StringBuilder();
            body.Append(CultureInfo.InvariantCulture, $"Specula's nightly found that the spec of **{target.Name}** had drifted from the code at `{head}` and repaired it: the repaired spec conforms to every fresh trace and its invariants hold.\n\n");
            foreach (var file in before.Files.Keys.Union(after.Files.Keys).Order(StringComparer.Ordinal))
            {
                var old = before.Files.GetValueOrDefault(file);
                var @new = after.Files.GetValueOrDefault(file);
                if (old != @new)
                {
                    body.Append(CultureInfo.InvariantCulture, $"```diff\n{SpecFolder.Diff(file, old, @new).TrimEnd()}\n```\n\n");
                }
            }
            body.Append(CultureInfo.InvariantCulture, $"The repaired spec: `{runFolder.Spec}`; artifacts: {where}.\n");
            return redactor.Redact(body.ToString())!;
        }

        private TargetSummary Failed(string code, string message, string? runFolder = null)
        {
            var summary = $"error {code}: {message}";
            if (runFolder is not null)
            {
                // The errored run leaves a report too, so the run folder explains itself.
                new RunReport(RunReport.SchemaV1, Clock.GetUtcNow(), new RunTarget(SecretRedactor.RedactCommon(target.Repo), _commit, target.Spec),
                    new SpecInfo("spec", ""), new Verdict(VerdictStatus.Error, redactor.Redact(summary)!), new SyntaxResult(false, []),
                    new ModelCheckingResult(false, 0, 0, 0, 0, []), new ConformanceResult(0, 0, [], []), [], CostTotals.Zero).Write(Path.Combine(runFolder, "report.json"));
            }
            // An error is not a verdict on the spec: the state keeps the last real check, so the next night retries.
            return new TargetSummary(target.Name, TargetStatus.Error, _commit, summary, runFolder, code, null, [.. _notes]);
        }

        private string NewRunFolder(string head)
        {
            var stamp = Clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            var root = Path.Combine(TargetDir, "runs", $"{stamp}-{Short(head)}");
            var path = root;
            for (var i = 2; Directory.Exists(path); i++)
            {
                path = $"{root}-{i.ToString(CultureInfo.InvariantCulture)}";
            }
            return path;
        }

        private static string? SpecProblem(string specDir)
        {
            if (!Directory.Exists(specDir))
            {
                return $"the repository has no spec folder {Path.GetFileName(specDir)}; set 'spec' to the folder holding the module, MC.cfg and TraceMap.yaml.";
            }
            var missing = new List<string>();
            if (SpecChecker.FindModule(specDir) is null)
            {
                missing.Add("a .tla module");
            }
            if (!File.Exists(Path.Combine(specDir, SpecChecker.ConfigFile)))
            {
                missing.Add(SpecChecker.ConfigFile);
            }
            if (!File.Exists(Path.Combine(specDir, EngineTraceValidation.MapFile)))
            {
                missing.Add(EngineTraceValidation.MapFile);
            }
            return missing.Count == 0 ? null : $"the spec folder {specDir} lacks {string.Join(", ", missing)}.";
        }

        private static string Short(string commit) => commit.Length > 12 ? commit[..12] : commit;

        private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

        private static string Camel(string text) => JsonNamingPolicy.CamelCase.ConvertName(text);

        private static string Camel(TargetStatus status) => StatusName(status);
    }
}
