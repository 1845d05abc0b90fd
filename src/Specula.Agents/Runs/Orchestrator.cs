using System.Globalization;
using System.Text;
using System.Text.Json;
using Specula.Agents.Checks;
using Specula.Agents.Phases;
using Specula.Agents.Plugins;
using Specula.Agents.Reasoning;
using Specula.Reports.Model;

namespace Specula.Agents.Runs;

/// <summary>The services a run uses; the world's seams (repository, sandbox, validator, clock) are given, not found.</summary>
/// <param name="Reasoner">Who proposes changes.</param>
/// <param name="Repository">The target's code.</param>
/// <param name="Collector">The sandbox (or none) and the collected traces.</param>
/// <param name="Validation">The trace validator.</param>
/// <param name="Clock">The clock of timestamps and wall-time budgets.</param>
/// <param name="Progress">Receives one line per phase and round, for the terminal.</param>
public sealed record RunServices(
    IReasoner Reasoner,
    IRepositoryReader Repository,
    Func<string, ITraceCollector> Collector,
    ITraceValidation Validation,
    TimeProvider Clock,
    Action<string>? Progress = null);

/// <summary>
/// Runs the phases of a plan with any reasoner: after each turn it gates the change (rolling back what a gate
/// refuses), runs the checks itself (parse → model check → validate), transcribes everything, checkpoints the
/// spec folder and run.json, and ends on conformance, a spent budget or cancellation.
/// </summary>
public sealed class Orchestrator(PhasePlan plan, RunServices services)
{
    /// <summary>Runs (or resumes) a run.</summary>
    /// <exception cref="ArgumentException">The options are inconsistent (e.g. resuming a folder with no run).</exception>
    public async Task<RunOutcome> RunAsync(RunOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clock = services.Clock;
        var folder = new RunFolder(Path.GetFullPath(options.RunFolder));
        RunState? resumed = null;
        if (options.Resume)
        {
            var read = RunState.Read(folder.RunJson);
            if (!read.IsOk)
            {
                throw new ArgumentException($"Cannot resume: {read.Error!.Message}");
            }
            resumed = read.Value!;
            if (resumed.State == RunStatus.Done)
            {
                throw new ArgumentException($"Cannot resume: the run in {folder.Root} is finished.");
            }
        }
        else if (File.Exists(folder.RunJson))
        {
            throw new ArgumentException($"{folder.Root} already holds a run; resume it with --resume or choose another --out.");
        }
        folder.Create();
        using var writer = TranscriptWriter.Open(folder.Transcript, Redactor.For(options.Secrets));
        var recorder = new RunRecorder(writer, clock);
        var spec = new SpecFolder(folder.Spec, recorder.SpecDiff);
        var runId = resumed?.RunId ?? options.RunId ?? "run-" + clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var target = resumed?.Target ?? options.Target;
        var reasonerInfo = services.Reasoner.Info;
        var rounds = new List<RoundSummary>();
        CostTotals? prior = null;
        if (resumed is null)
        {
            recorder.Append((s, t, r, p) => TranscriptRecord.RunStarted(s, t, r, p, runId, target, reasonerInfo, options.Budget.ToRunBudget()));
            Seed(options, folder, spec);
            spec.CopyTo(folder.SpecRound(0));
        }
        else
        {
            recorder.Round = resumed.Round;
            recorder.Phase = resumed.Phase;
            prior = LastCost(folder);
            rounds.AddRange(RunReport.Read(folder.ReportJson).Value?.Rounds ?? []);
            // Whatever the killed round left half-done is undone: the run continues from its last checkpoint.
            if (Directory.Exists(folder.SpecRound(resumed.Round)))
            {
                spec.Restore(new SpecFolder(folder.SpecRound(resumed.Round)).Snapshot());
            }
            recorder.Decision(DecisionKind.Continue, $"resumed from the checkpoint of round {resumed.Round} (phase {resumed.Phase})");
        }
        var budget = new BudgetTracker(options.Budget, clock, prior, resumed?.Round ?? 0);
        var state = new RunState(RunState.SchemaV1, runId, target, reasonerInfo, options.Budget.ToRunBudget(), RunStatus.Running, budget.Rounds, resumed?.Phase ?? plan.Phases[0].Name);
        state.Write(folder.RunJson);

        var collector = services.Collector(folder.Root);
        var checker = new SpecChecker(services.Validation, clock);
        var roundStart = spec.Snapshot();
        var tools = new ToolBox(
            [
                (RepositoryPlugin.Name, new RepositoryPlugin(services.Repository)),
                (SandboxPlugin.Name, new SandboxPlugin(collector)),
                (SpecPlugin.Name, new SpecPlugin(spec, () => roundStart)),
                (TlaPlugin.Name, new TlaPlugin(checker, spec.Root, () => TracePaths(folder), options.ModelCheck)),
            ], recorder, budget, clock);

        var run = new RunContext(options, folder, recorder, spec, checker, collector, tools, budget, rounds);
        var startIndex = resumed is null ? 0 : Math.Max(0, plan.Phases.ToList().FindIndex(p => p.Name == resumed.Phase));
        VerdictStatus verdict;
        string reason;
        ReasonerFailure? fatal = null;
        try
        {
            if (FindSpec(spec))
            {
                run.Latest = Check(run, "the spec folder as the run starts", cancellationToken);
            }
            (verdict, reason, fatal) = await RunPhasesAsync(run, startIndex, r => roundStart = r, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            verdict = VerdictStatus.Cancelled;
            reason = $"cancelled in round {budget.Rounds} (phase {recorder.Phase}); resume from the checkpoint of round {LastCheckpoint(folder)} with --resume";
        }
        var report = BuildReport(run, verdict, reason);
        report.Write(folder.ReportJson);
        recorder.Cost(budget.Totals);
        recorder.Append((s, t, r, p) => TranscriptRecord.RunEnded(s, t, r, p, verdict, reason));
        // A cancelled run stays "running" at its last checkpoint so --resume picks it up.
        var final = state with
        {
            State = verdict == VerdictStatus.Cancelled ? RunStatus.Running : RunStatus.Done,
            Round = verdict == VerdictStatus.Cancelled ? LastCheckpoint(folder) : budget.Rounds,
            Phase = verdict == VerdictStatus.Cancelled ? run.CheckpointPhase ?? state.Phase : recorder.Phase,
        };
        final.Write(folder.RunJson);
        services.Progress?.Invoke($"verdict: {Camel(verdict.ToString())}: {reason}");
        return new RunOutcome(verdict, reason, folder.Root, report, fatal);
    }

    private sealed class RunContext(RunOptions options, RunFolder folder, RunRecorder recorder, SpecFolder spec, SpecChecker checker,
        ITraceCollector collector, ToolBox tools, BudgetTracker budget, List<RoundSummary> rounds)
    {
        public RunOptions Options { get; } = options;

        public RunFolder Folder { get; } = folder;

        public RunRecorder Recorder { get; } = recorder;

        public SpecFolder Spec { get; } = spec;

        public SpecChecker Checker { get; } = checker;

        public ITraceCollector Collector { get; } = collector;

        public ToolBox Tools { get; } = tools;

        public BudgetTracker Budget { get; } = budget;

        public List<RoundSummary> Rounds { get; } = rounds;

        public CheckSuite? Latest { get; set; }

        public string? CheckpointPhase { get; set; }

        /// <summary>What the reasoner concluded at the end of each phase (its last turn's note), for later phases' prompts.</summary>
        public Dictionary<string, string> Notes { get; } = new(StringComparer.Ordinal);

        /// <summary>Invariants that held, with their definitions then: the invariant gate protects them.</summary>
        public Dictionary<string, string> Protected { get; } = new(StringComparer.Ordinal);
    }

    private async Task<(VerdictStatus, string, ReasonerFailure?)> RunPhasesAsync(RunContext run, int startIndex, Action<SpecSnapshot> setRoundStart, CancellationToken cancellationToken)
    {
        for (var index = startIndex; index < plan.Phases.Count; index++)
        {
            var phase = plan.Phases[index];
            run.Recorder.Phase = phase.Name;
            run.CheckpointPhase ??= phase.Name;
            run.Recorder.Append((s, t, r, p) => TranscriptRecord.PhaseStarted(s, t, r, phase.Name, phase.Goal));
            if (phase.SkipWhen.Where(c => Holds(run, c, reasonerDone: false)).Cast<PhaseCriterion?>().FirstOrDefault() is { } skip)
            {
                EndPhase(run, phase, $"skipped: {Camel(skip.ToString())} holds");
                continue;
            }
            services.Progress?.Invoke($"phase {phase.Name}: {phase.Goal}");
            if (!phase.UsesReasoner)
            {
                if (FindSpec(run.Spec))
                {
                    run.Latest = Check(run, $"phase {phase.Name}", cancellationToken);
                }
                EndPhase(run, phase, ExitMet(run, phase, false) ? "exit criteria met" : "checked");
                continue;
            }
            var feedback = new List<string>();
            var phaseRounds = 0;
            var done = false;
            while (true)
            {
                if (phase.Exit.Count > 0 && ExitMet(run, phase, done))
                {
                    EndPhase(run, phase, "exit criteria met");
                    break;
                }
                if (done && phaseRounds > 0)
                {
                    feedback.Add($"You ended your turn, but the phase's exit criteria ({string.Join(", ", phase.Exit.Select(c => Camel(c.ToString())))}) do not hold yet: {run.Latest?.Summary() ?? "there is no spec"}.");
                }
                if (run.Budget.ExhaustedBeforeRound() is { } spent)
                {
                    EndPhase(run, phase, "budget spent");
                    return Finish(run, spent);
                }
                if (phaseRounds >= phase.Budget.Rounds)
                {
                    EndPhase(run, phase, $"phase budget spent ({phase.Budget.Rounds} round(s))");
                    break;
                }
                cancellationToken.ThrowIfCancellationRequested();
                run.Budget.StartRound();
                phaseRounds++;
                var round = run.Budget.Rounds;
                run.Recorder.Round = round;
                var before = run.Spec.Snapshot();
                setRoundStart(before);
                run.Tools.BeginTurn(phase.Tools, phase.Budget.ToolCalls);
                services.Progress?.Invoke($"  round {round} ({phase.Name})");
                var context = new ReasonerContext(phase, round, run.Options.Target, run.Spec, run.Latest, [.. feedback],
                    run.Collector.Collected(), run.Tools, Render(plan.SystemPrompt, run, phase, feedback), Render(plan.Prompts[phase.Prompt!], run, phase, feedback), run.Budget);
                feedback.Clear();
                var turn = await services.Reasoner.ProposeAsync(context, cancellationToken).ConfigureAwait(false);
                foreach (var edit in turn.Edits)
                {
                    if (run.Spec.Write(edit.File, edit.Content).Error is { } refused)
                    {
                        feedback.Add($"The edit of '{refused.Path}' was refused: {refused.Reason}.");
                    }
                }
                done = turn.Done;
                if (turn.Note is { Length: > 0 } note && turn.Failure is null)
                {
                    run.Notes[phase.Name] = note;
                }
                DecisionKind decision;
                var after = run.Spec.Snapshot();
                var unchanged = after.Hash() == before.Hash();
                if (unchanged)
                {
                    decision = DecisionKind.Continue;
                    run.Recorder.Decision(decision, turn.Failure is null ? "no change to the spec in this round" : $"no change: {turn.Failure.Message}");
                }
                else if (SpecGates.Check(before, after, run.Protected) is { Count: > 0 } rejections)
                {
                    decision = DecisionKind.Reject;
                    run.Spec.Restore(before);
                    foreach (var rejection in rejections)
                    {
                        run.Recorder.Decision(DecisionKind.Reject, rejection.Reason + "; the change was rolled back", rejection.Gate);
                        feedback.Add($"Your change was rejected and rolled back by the {rejection.Gate} gate: {rejection.Reason}. Fix the spec's actions instead.");
                    }
                    done = false;
                    services.Progress?.Invoke($"  rejected by {string.Join(", ", rejections.Select(r => r.Gate).Distinct())}");
                }
                else
                {
                    run.Latest = Check(run, $"round {round}", cancellationToken);
                    decision = run.Latest.Conforming ? DecisionKind.Accept : DecisionKind.Continue;
                    run.Recorder.Decision(decision, run.Latest.Summary());
                    services.Progress?.Invoke($"  {run.Latest.Summary()}");
                }
                run.Recorder.Cost(run.Budget.Totals);
                Checkpoint(run, round, phase.Name, decision);
                // A deterministic reasoner asked again gives the same answer: more rounds would only spend the budget.
                if (turn.Failure is null && done && services.Reasoner.IsDeterministic && unchanged)
                {
                    EndPhase(run, phase, "the deterministic reasoner has nothing more to propose");
                    break;
                }
                if (turn.Failure is { Fatal: true } fatal)
                {
                    EndPhase(run, phase, "the reasoner failed");
                    return (VerdictStatus.Error, fatal.Message, fatal);
                }
                if (turn.Failure is { } failure)
                {
                    feedback.Add(failure.Message);
                }
            }
        }
        return Finish(run, null);
    }

    private static (VerdictStatus, string, ReasonerFailure?) Finish(RunContext run, string? budgetSpent)
    {
        var latest = run.Latest;
        if (latest is { Conforming: true })
        {
            var invariants = latest.ModelCheck!.Invariants.Count;
            return (VerdictStatus.Conforming, $"The spec conforms to {latest.Validation!.Conforming} of {latest.Validation.Traces} traces and its {invariants} invariant(s) hold.", null);
        }
        var state = latest?.Summary() ?? "no spec";
        if (budgetSpent is not null)
        {
            return (VerdictStatus.BudgetExhausted, $"budget spent ({budgetSpent}) before conformance: {state}", null);
        }
        if (latest is null || !latest.Parse.Ok)
        {
            return (VerdictStatus.Error, $"the phases ended without a spec that parses: {state}", null);
        }
        return latest.ModelCheck is { Ok: false }
            ? (VerdictStatus.Violating, $"the phases ended with a violation: {state}", null)
            : (VerdictStatus.Diverging, $"the phases ended with traces that do not conform: {state}", null);
    }

    private static CheckSuite Check(RunContext run, string why, CancellationToken cancellationToken)
    {
        var suite = run.Checker.Run(run.Spec.Root, TracePaths(run.Folder), run.Options.ModelCheck, cancellationToken);
        run.Recorder.Check(CheckKind.Parse, suite.Parse.Ok, suite.Parse.Ok ? $"{suite.Parse.Module} parses ({why})" : suite.Summary(),
            JsonSerializer.SerializeToElement(suite.Parse, ToolBox.Json));
        if (suite.ModelCheck is { } model)
        {
            var summary = model.Ok ? $"{model.Invariants.Count} invariant(s) hold in {model.Distinct} states ({model.Verdict})"
                : model.ViolatedInvariant is { } v ? $"invariant {v} is violated" : $"{model.Verdict}: {model.Message}";
            run.Recorder.Check(CheckKind.ModelCheck, model.Ok, summary, JsonSerializer.SerializeToElement(model, ToolBox.Json));
            var snapshot = run.Spec.Snapshot();
            foreach (var (name, text) in SpecGates.InvariantDefinitions(snapshot, model.InvariantsHolding))
            {
                run.Protected[name] = text;
            }
        }
        if (suite.Validation is { } validation)
        {
            var details = new ValidateDetails(validation.Traces, validation.Conforming, validation.Divergences);
            var summary = validation.Available && validation.Error is null ? $"{validation.Conforming} of {validation.Traces} traces conform"
                : validation.Error ?? "validation failed";
            run.Recorder.Check(CheckKind.Validate, validation.Ok, summary, JsonSerializer.SerializeToElement(details, ReportsJsonContext.Default.ValidateDetails));
        }
        return suite;
    }

    private void Checkpoint(RunContext run, int round, string phase, DecisionKind decision)
    {
        run.Spec.CopyTo(run.Folder.SpecRound(round));
        var latest = run.Latest;
        run.Rounds.Add(new RoundSummary(round, phase, run.Spec.Snapshot().Hash(), latest?.Validation?.Conforming ?? 0,
            latest?.InvariantsHolding.Count ?? 0, decision));
        run.CheckpointPhase = phase;
        var state = RunState.Read(run.Folder.RunJson).Value!;
        (state with { Round = round, Phase = phase, State = RunStatus.Running }).Write(run.Folder.RunJson);
        BuildReport(run, VerdictStatus.Cancelled, "the run was interrupted before it ended; continue it with --resume").Write(run.Folder.ReportJson);
    }

    private static void EndPhase(RunContext run, PhaseDefinition phase, string outcome) =>
        run.Recorder.Append((s, t, r, p) => TranscriptRecord.PhaseEnded(s, t, r, phase.Name, outcome));

    private static bool ExitMet(RunContext run, PhaseDefinition phase, bool reasonerDone) =>
        phase.Exit.All(c => Holds(run, c, reasonerDone));

    private static bool Holds(RunContext run, PhaseCriterion criterion, bool reasonerDone) => criterion switch
    {
        PhaseCriterion.SpecPresent => FindSpec(run.Spec),
        PhaseCriterion.SpecParses => run.Latest?.Parse.Ok == true,
        PhaseCriterion.InvariantsHold => run.Latest?.ModelCheck?.Ok == true,
        PhaseCriterion.TracesPresent => run.Collector.Collected().Count > 0,
        PhaseCriterion.Conforming => run.Latest?.Conforming == true,
        PhaseCriterion.ReasonerDone => reasonerDone,
        PhaseCriterion.HarnessPresent => File.Exists(Path.Combine(run.Options.Target.Path is { } p && Directory.Exists(p) ? p : run.Options.Target.Repo, "specula.yaml")),
        PhaseCriterion.SandboxUnavailable => !run.Collector.CanRun,
        _ => false,
    };

    private static bool FindSpec(SpecFolder spec) =>
        SpecChecker.FindModule(spec.Root) is not null && File.Exists(Path.Combine(spec.Root, SpecChecker.ConfigFile));

    private static IReadOnlyList<string> TracePaths(RunFolder folder) =>
        Directory.Exists(folder.Traces) ? [.. Directory.EnumerateFiles(folder.Traces, "*.ndjson", SearchOption.AllDirectories).Order(StringComparer.Ordinal)] : [];

    private static int LastCheckpoint(RunFolder folder) => folder.SavedRounds() is { Count: > 0 } saved ? saved[^1] : 0;

    private static void Seed(RunOptions options, RunFolder folder, SpecFolder spec)
    {
        if (options.InitialSpec is { } initial)
        {
            var source = new SpecFolder(initial);
            foreach (var (file, content) in source.Snapshot().Files)
            {
                spec.Write(file, content);
            }
        }
        foreach (var trace in options.InitialTraces)
        {
            File.Copy(trace, Path.Combine(folder.Traces, Path.GetFileName(trace)), overwrite: true);
        }
    }

    private static CostTotals? LastCost(RunFolder folder)
    {
        var transcript = TranscriptReader.Read(folder.Transcript);
        var last = transcript.Records.LastOrDefault(r => r.Kind == TranscriptKind.Cost);
        return last?.DataAs(ReportsJsonContext.Default.CostTotals);
    }

    private static string Render(string template, RunContext run, PhaseDefinition phase, IReadOnlyList<string> feedback)
    {
        var latest = run.Latest;
        var traces = run.Collector.Collected();
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["phase"] = phase.Name,
            ["goal"] = phase.Goal,
            ["target"] = run.Options.Target.Repo,
            ["commit"] = run.Options.Target.Commit ?? "unknown",
            ["round"] = run.Budget.Rounds.ToString(CultureInfo.InvariantCulture),
            ["maxRounds"] = run.Options.Budget.Rounds?.ToString(CultureInfo.InvariantCulture) ?? "unlimited",
            ["specFolder"] = "spec/",
            ["specFiles"] = run.Spec.List() is { Count: > 0 } files ? string.Join(", ", files) : "(empty)",
            ["traces"] = traces.Count == 0 ? "(none collected)" : string.Join("\n", traces.Take(20).Select(t => $"- {t.Path}: {t.Events} events, nodes {string.Join(",", t.Nodes)}")),
            ["checks"] = latest is null ? "(no checks yet: there is no spec)" : JsonSerializer.Serialize(latest with { Validation = latest.Validation is { } v ? v with { Divergences = [] } : null }, ToolBox.Json),
            ["divergences"] = latest?.Validation is { Divergences.Count: > 0 } val ? string.Join("\n", val.Divergences.Take(5).Select(d => d.GetRawText())) : "(none)",
            ["feedback"] = feedback.Count == 0 ? "(none)" : string.Join("\n", feedback.Select(f => "- " + f)),
            ["budget"] = Describe(run.Budget),
            ["tools"] = string.Join(", ", phase.Tools.Select(t => t.Replace('.', '-'))),
            ["exit"] = string.Join(", ", phase.Exit.Select(c => Camel(c.ToString()))),
            ["notes"] = run.Notes.Count == 0 ? "(none)" : string.Join("\n", run.Notes.Select(n => $"[{n.Key}] {n.Value}")),
        };
        return PhaseLoader.Render(template, values);
    }

    private static string Describe(BudgetTracker budget)
    {
        var totals = budget.Totals;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"round {budget.Rounds}");
        if (budget.Limits.Rounds is { } r)
        {
            text.Append(CultureInfo.InvariantCulture, $" of {r}");
        }
        text.Append(CultureInfo.InvariantCulture, $"; tokens {totals.PromptTokens + totals.CompletionTokens}");
        if (budget.Limits.Tokens is { } t)
        {
            text.Append(CultureInfo.InvariantCulture, $" of {t}");
        }
        text.Append(CultureInfo.InvariantCulture, $"; invalid tool calls {budget.InvalidToolCalls} of {budget.Limits.InvalidToolCalls}");
        return text.ToString();
    }

    private RunReport BuildReport(RunContext run, VerdictStatus verdict, string reason)
    {
        var latest = run.Latest;
        var module = latest?.Parse.Module ?? SpecChecker.FindModule(run.Spec.Root);
        var model = latest?.ModelCheck;
        var invariants = model?.Invariants.Select(name => new InvariantResult(name, model.InvariantsHolding.Contains(name),
            name == model.ViolatedInvariant ? [.. model.Counterexample.Select(s => new CounterexampleStep(s.Action, s.State))] : null)).ToList() ?? [];
        var validation = latest?.Validation;
        return new RunReport(
            RunReport.SchemaV1,
            services.Clock.GetUtcNow(),
            run.Options.Target,
            new SpecInfo("spec", module is null ? "" : Path.GetFileNameWithoutExtension(module), run.Spec.Snapshot().Hash()),
            new Verdict(verdict, reason),
            new SyntaxResult(latest?.Parse.Ok ?? false, [.. latest?.Parse.Diagnostics.Select(d => new SyntaxDiagnostic(d.Code, d.Message, d.Location, d.Severity)) ?? []]),
            new ModelCheckingResult(model?.Ok ?? false, model?.Distinct ?? 0, model?.Generated ?? 0, model?.Depth ?? 0, model?.Seconds ?? 0, invariants),
            new ConformanceResult(validation?.Traces ?? 0, validation?.Conforming ?? 0, validation?.Actions ?? [], validation?.Divergences ?? []),
            [.. run.Rounds],
            run.Budget.Totals);
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
