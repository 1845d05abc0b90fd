using System.Globalization;
using System.Text.Json;
using Microsoft.SemanticKernel;
using Specula.Agents.Plugins;
using Specula.Agents.Runs;
using Specula.Reports.Model;
using Specula.Synthesis;

namespace Specula.Agents.Reasoning;

/// <summary>
/// The deterministic reasoner, the default of <c>specula run</c>: no language model. In the phases that write the
/// spec (draft, repair) it synthesizes the whole spec folder from the run's traces (Specula.Synthesis: mined actions,
/// guards and invariants, refined until every trace conforms) and proposes it as edits, which pass the same gates,
/// checks and transcript as any other reasoner's. With no traces yet it runs the target's workloads through the
/// sandbox tool first, so a run goes from repository to spec with nothing but the code and its harness.
/// </summary>
public sealed class SynthesizerReasoner : IReasoner
{
    /// <summary>The tool a draft with no traces calls to observe the system first.</summary>
    public const string RunWorkloadTool = "sandbox.run_workload";

    private readonly string? _repositoryPath;
    private readonly int _seeds;
    private readonly int _workers;
    private readonly long _maxStates;

    /// <summary>Creates the reasoner.</summary>
    /// <param name="repositoryPath">Where actions' code locations are looked up; null for no citations.</param>
    /// <param name="seeds">Seeds per workload when the reasoner has to collect traces itself.</param>
    /// <param name="workers">Threads for the synthesizer's validation and model checking.</param>
    /// <param name="maxStates">
    /// Distinct states each of the synthesizer's model-checking runs explores at most: the run's own bound, so the
    /// invariants it keeps are the ones the run's checks will find holding.
    /// </param>
    public SynthesizerReasoner(string? repositoryPath = null, int seeds = 3, int workers = 1, long maxStates = 20_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxStates, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(seeds, 1);
        _repositoryPath = repositoryPath;
        _seeds = seeds;
        _workers = Math.Max(1, workers);
        _maxStates = maxStates;
    }

    /// <inheritdoc/>
    public ReasonerInfo Info { get; } = new(ReasonerKind.Synthesizer, null, null);

    /// <inheritdoc/>
    public bool IsDeterministic => true;

    /// <inheritdoc/>
    public async Task<ReasonerTurn> ProposeAsync(ReasonerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Phase.Name is not ("draft" or "repair"))
        {
            return ReasonerTurn.Finished($"the deterministic reasoner has nothing to do in the {context.Phase.Name} phase");
        }
        var traces = context.Traces;
        if (traces.Count == 0)
        {
            if (!context.Phase.Tools.Contains(RunWorkloadTool, StringComparer.Ordinal))
            {
                return NoTraces(context);
            }
            var collected = await CollectAsync(context, cancellationToken).ConfigureAwait(false);
            traces = collected?.Traces ?? [];
            if (traces.Count == 0)
            {
                return NoTraces(context, collected);
            }
        }
        if (context.Phase.Name == "repair" && context.Latest?.Validation is { Ok: true, Traces: > 0, Error: null })
        {
            // Every trace conforms and something else fails (an invariant): re-mining the same traces changes nothing.
            return ReasonerTurn.Finished("every trace conforms; what remains is for the confirm phase (an invariant violation is a spec or a code bug)");
        }

        // Trace paths are relative to the run folder, which holds the spec folder.
        var runFolder = Path.GetDirectoryName(Path.GetFullPath(context.Spec.Root)) ?? ".";
        var files = traces.Select(t => Path.IsPathRooted(t.Path) ? t.Path : Path.Combine(runFolder, t.Path)).ToList();
        var output = Directory.CreateTempSubdirectory("specula-synthesis-").FullName;
        try
        {
            var log = new List<string>();
            // In a run every collected trace is evidence the spec must conform to (the run's own checks validate them
            // all), so none is held out: holding some out is `specula synthesize`'s measure of generalization.
            var result = Synthesizer.Run(new SynthesisOptions(files, output, _repositoryPath, Holdout: 0, MaxStates: _maxStates, Workers: _workers), log.Add, cancellationToken);
            context.Tools.Record(MessageRole.Assistant, string.Join('\n', log));
            var edits = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
                .Select(file => new SpecEdit(Path.GetRelativePath(output, file).Replace('\\', '/'), File.ReadAllText(file)))
                .ToList();
            if (edits.Count == 0 || result.Files.IsDefaultOrEmpty)
            {
                return ReasonerTurn.Failed(new ReasonerFailure("SYN002", "the synthesizer wrote no spec: " + string.Join("; ", result.Diagnostics), Fatal: true));
            }
            edits = KeepProtectedInvariants(context, edits);
            // Files of the old spec the synthesis no longer writes go, so the folder is exactly the synthesized one.
            var stale = context.Spec.List().Where(f => !edits.Any(e => e.File == f)).Select(f => new SpecEdit(f, null));
            return new ReasonerTurn([.. edits, .. stale], Done: true, Describe(result));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private async Task<SandboxRunResult?> CollectAsync(ReasonerContext context, CancellationToken cancellationToken)
    {
        var arguments = new KernelArguments { ["seeds"] = _seeds };
        var raw = JsonSerializer.Serialize(new { seeds = _seeds });
        var outcome = await context.Tools.InvokeAsync(new ToolRequest("synthesizer-collect-" + context.Round.ToString(CultureInfo.InvariantCulture),
            RunWorkloadTool, SandboxPlugin.Name, "run_workload", arguments, raw, null), cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize<SandboxRunResult>(outcome.Json, ToolBox.Json);
    }

    private static ReasonerTurn NoTraces(ReasonerContext context, SandboxRunResult? collected = null)
    {
        var why = collected switch
        {
            { Error: { } error } => $" (the sandbox: {error.Message})",
            { Runs.Count: > 0 } runs => $" (the sandbox ran {runs.Runs.Count} workload run(s), {runs.Runs.Count(r => r.Ok)} ok, and none left a valid trace"
                + (runs.Runs.FirstOrDefault(r => r.Error is not null)?.Error is { } first ? $"; first error: {first}" : "") + ")",
            _ => "",
        };
        return ReasonerTurn.Failed(new ReasonerFailure("SYN001",
            $"the deterministic reasoner synthesizes from traces, and the run has none in the {context.Phase.Name} phase{why}: give --traces DIR, or a target with a specula.yaml harness whose workloads write valid traces and a sandbox (docker or process) to run it",
            Fatal: true));
    }

    /// <summary>
    /// An invariant that held before stays, with its definition, even when the new traces no longer support mining
    /// it: dropping it would be exactly the weakening the invariant gate forbids, and if the system's states now break
    /// it the model checker will say so.
    /// </summary>
    private static List<SpecEdit> KeepProtectedInvariants(ReasonerContext context, List<SpecEdit> edits)
    {
        var holding = context.Latest?.ModelCheck?.InvariantsHolding ?? [];
        if (holding.Count == 0)
        {
            return edits;
        }
        var before = context.Spec.Snapshot();
        var old = SpecGates.InvariantSources(before, holding);
        var after = new SpecSnapshot(edits.Where(e => e.Content is not null).ToDictionary(e => e.File, e => e.Content!, StringComparer.Ordinal));
        var present = SpecGates.InvariantSources(after, holding);
        var missing = old.Keys.Where(name => !present.ContainsKey(name)).Order(StringComparer.Ordinal).ToList();
        var listed = SpecGates.ConfigInvariants(after) ?? new HashSet<string>();
        var unlisted = holding.Where(name => !listed.Contains(name) && (old.ContainsKey(name) || present.ContainsKey(name))).Order(StringComparer.Ordinal).ToList();
        if (missing.Count == 0 && unlisted.Count == 0)
        {
            return edits;
        }
        var module = SpecGates.ModuleFile(after);
        return [.. edits.Select(edit => edit switch
        {
            { Content: { } text } when edit.File == module && missing.Count > 0 => edit with { Content = InsertBeforeEnd(text, missing.Select(n => old[n])) },
            { Content: { } text } when edit.File == Checks.SpecChecker.ConfigFile && unlisted.Count > 0 =>
                edit with { Content = text.TrimEnd() + "\n\\* Invariants that held before this synthesis, kept by the invariant gate.\nINVARIANTS\n" + string.Concat(unlisted.Select(n => $"    {n}\n")) },
            _ => edit,
        })];
    }

    private static string InsertBeforeEnd(string module, IEnumerable<string> definitions)
    {
        var end = module.LastIndexOf("\n====", StringComparison.Ordinal);
        var block = "\n\\* Invariants that held before this synthesis, kept by the invariant gate.\n" + string.Join("\n\n", definitions) + "\n";
        return end < 0 ? module + block : module[..end] + "\n" + block + module[end..];
    }

    private static string Describe(SynthesisResult result)
    {
        var kept = result.Invariants.Count(i => i.Kept);
        var held = result.HeldOut is { } h ? $"; held-out traces conforming {h.Conforming} of {h.Traces.Length}" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"synthesized {result.Module} from {result.TrainingTraces.Length} trace(s) ({result.HeldOutTraces.Length} held out) in {result.Rounds.Length} refinement round(s), {result.Seconds:0.0} s; "
            + $"{kept} of {result.Invariants.Length} mined invariant(s) kept{held}");
    }
}
