using System.Collections.Immutable;
using Stopwatch = System.Diagnostics.Stopwatch;
using System.Text;
using Specula.Synthesis.Mining;
using Specula.Tla.Checking;
using Specula.Tla.Config;
using State = Specula.Tla.Checking.State;
using Specula.Tla.Diagnostics;
using Specula.Tla.Evaluation;
using Specula.Traces.Format;
using Specula.Traces.Mapping;
using Specula.Traces.TlcTraceSpec;
using Specula.Traces.Validation;

namespace Specula.Synthesis;

/// <summary>
/// The deterministic, trace-grounded synthesizer: mines a TLA+ spec of the nodes' observed state from traces (schema,
/// one action per event kind with a mined guard and per-variable effects, Init from the first states, invariants from
/// every observed state), validates every trace against it, refines the actions from each divergence until every trace
/// conforms, and keeps only the invariants the model checker cannot break. No randomness, no LLM: the same traces
/// give the same bytes.
/// </summary>
public static class Synthesizer
{
    /// <summary>Synthesizes a spec folder from traces.</summary>
    /// <param name="options">What to read and where to write.</param>
    /// <param name="log">Receives one line per step (rounds, checks); null for none.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The outcome; problems with the input are in its diagnostics, not thrown.</returns>
    public static SynthesisResult Run(SynthesisOptions options, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        log ??= _ => { };
        var problems = new List<string>();
        var traces = new List<Trace>();
        foreach (var file in options.TraceFiles.Select(Path.GetFullPath).Distinct().Order(StringComparer.Ordinal))
        {
            var read = TraceReader.ReadFile(file, cancellationToken);
            if (read.Trace is { } trace && read.Diagnostics.Count == 0)
            {
                traces.Add(trace);
            }
            else
            {
                problems.AddRange(read.Diagnostics.Select(d => d.ToString()).DefaultIfEmpty($"{file}: the trace could not be read."));
            }
        }
        if (traces.Count == 0 && problems.Count == 0)
        {
            problems.Add("No trace files were given.");
        }
        if (problems.Count > 0)
        {
            return Failed(options, problems, clock);
        }

        // Held out: whole runs, split by seed within each fault schedule. Nothing of them reaches the spec (schema,
        // Init, examples, invariants, refinement): they are validated once, at the end, to measure generalization.
        var (training, heldOut) = TraceSplit.Split(traces, options.Holdout, options.SplitSeed);
        var schema = TraceSchema.Infer(training);
        if (schema.Nodes.IsEmpty || schema.Variables.IsEmpty)
        {
            return Failed(options, ["The traces show no node state: events need a 'state' object for the synthesizer to model."], clock);
        }
        var module = options.ModuleName ?? SpecNames.ModuleName(traces.Select(t => t.Meta?.System).FirstOrDefault(s => !string.IsNullOrEmpty(s))
            ?? Path.GetFileName(Path.GetDirectoryName(traces[0].Path)) ?? "Spec");
        var init = TransitionExtractor.InitialValues(schema, training);
        var extracted = traces.ToDictionary(t => t.Path, t => TransitionExtractor.Extract(schema, t, init), StringComparer.Ordinal);
        var population = training.SelectMany(t => extracted[t.Path].Steps).ToList();
        var examples = new SortedDictionary<string, List<Transition>>(StringComparer.Ordinal);
        foreach (var name in schema.Events.Keys)
        {
            examples[name] = [];
        }
        foreach (var step in population)
        {
            examples[step.Event].Add(step);
        }
        var ignored = training.SelectMany(t => t.Events).Where(e => schema.IsEnvironment(e.Node) && !schema.Events.ContainsKey(e.Event))
            .Select(e => e.Event).Distinct().Order(StringComparer.Ordinal).ToList();
        var citations = CodeCitations.Find(options.RepoPath, schema.Events.Keys);

        // Candidate invariants: true on every training state. Held-out states only tell, at the end, which kept ones
        // they falsify (a measure of how far the mined invariants generalize), never which to keep.
        var outcomes = new List<InvariantOutcome>();
        var comparability = Comparability.Of(schema, population);
        var candidates = InvariantMiner.Mine(schema, training.SelectMany(t => extracted[t.Path].States).ToList(), comparability);
        var invariants = new List<CandidateInvariant>(candidates);
        log($"Synthesizing {module} from {training.Count} training trace(s), {heldOut.Count} held out; {schema.Nodes.Length} nodes, {schema.Events.Count} event kinds, {schema.Variables.Length} variables.");

        Directory.CreateDirectory(options.OutputFolder);
        var miningOptions = new MiningOptions();
        var rounds = ImmutableArray.CreateBuilder<SynthesisRound>();
        var added = new HashSet<Transition>(ReferenceEqualityComparer.Instance);
        List<ActionModel> actions = [];
        ValidationReport? trainingReport = null;
        var firstHeldOut = -1;
        var files = ImmutableArray<string>.Empty;
        var refinements = new List<string>();
        var validation = ValidationOptions.Default with { StatesShown = 1, ScoreAfterDivergence = false };
        var mapPath = Path.Combine(options.OutputFolder, "TraceMap.yaml");
        for (var round = 1; round <= Math.Max(1, options.MaxRounds); round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var miner = new ActionMiner(schema, population, miningOptions, comparability);
            var previous = actions.ToDictionary(a => a.Event, StringComparer.Ordinal);
            actions = [.. examples.Select(kv => miner.Mine(kv.Key, SpecNames.ActionName(schema, kv.Key), kv.Value))];
            if (previous.Count > 0)
            {
                refinements.AddRange(Describe(schema, previous, actions));
            }
            log($"  mined {actions.Count} actions ({clock.Elapsed.TotalSeconds:0.0}s)");

            // In memory first: every training step the mined actions reject is a counterexample, with no spec written
            // or validated. Held-out traces are replayed too, to measure, but their steps never become examples.
            var byEvent = actions.ToDictionary(a => a.Event, StringComparer.Ordinal);
            var rejected = traces.ToDictionary(t => t.Path, t => Replay.Rejected(schema, byEvent, extracted[t.Path].Steps), StringComparer.Ordinal);
            int Replaying(List<Trace> set) => set.Count(t => rejected[t.Path].Count == 0);
            if (firstHeldOut < 0)
            {
                firstHeldOut = Replaying(heldOut);
            }
            var replayed = 0;
            foreach (var step in training.SelectMany(t => rejected[t.Path]).Where(added.Add))
            {
                examples[step.Event].Add(step);
                replayed++;
            }
            if (replayed > 0 && round < options.MaxRounds)
            {
                rounds.Add(new SynthesisRound(round, Replaying(training), Replaying(heldOut), training.Count, replayed, [.. refinements]));
                refinements.Clear();
                log($"Round {round} ({clock.Elapsed.TotalSeconds:0.0}s, in memory): {Replaying(training)}/{training.Count} training traces replay; {replayed} rejected step(s) added as examples.");
                continue;
            }
            var draft = new SpecDraft(module, schema, init, actions, invariants, citations, Provenance(module, schema, training, heldOut, round), ignored);
            files = Write(options.OutputFolder, draft, problems);
            log($"  wrote the spec folder ({clock.Elapsed.TotalSeconds:0.0}s)");
            if (problems.Count > 0)
            {
                return Failed(options, problems, clock);
            }
            trainingReport = TraceValidation.Run(mapPath, [.. training.Select(t => t.Path)], validation, options.Workers, cancellationToken: cancellationToken);
            if (!trainingReport.Diagnostics.IsEmpty)
            {
                problems.AddRange(trainingReport.Diagnostics.Select(d => d.ToString()));
                return Failed(options, problems, clock);
            }
            var newExamples = 0;
            foreach (var divergence in trainingReport.Divergences)
            {
                if (extracted.TryGetValue(Path.GetFullPath(divergence.Trace), out var steps)
                    && steps.Steps.FirstOrDefault(s => s.Index == divergence.Index) is { } step && added.Add(step))
                {
                    examples[step.Event].Add(step);
                    newExamples++;
                }
            }
            rounds.Add(new SynthesisRound(round, trainingReport.Conforming, Replaying(heldOut), training.Count, newExamples, [.. refinements]));
            refinements.Clear();
            log($"Round {round} ({clock.Elapsed.TotalSeconds:0.0}s): {trainingReport.Conforming}/{training.Count} training traces conform; {newExamples} diverging step(s) added as examples.");
            foreach (var verdict in trainingReport.Traces)
            {
                log($"  {verdict.Trace}: {(verdict.Conforms ? "conforms" : verdict.Divergence!.Summary)} ({verdict.Milliseconds} ms, at most {verdict.MaxCandidates} candidate states)");
            }
            if (newExamples == 0)
            {
                break;
            }
        }

        // The held-out traces, validated once against the final actions, scored past a divergence so per-action
        // conformance counts every event; their problems (an event kind training never showed) are their verdict.
        ValidationReport? heldOutReport = null;
        if (heldOut.Count > 0)
        {
            heldOutReport = TraceValidation.Run(mapPath, [.. heldOut.Select(t => t.Path)], validation with { ScoreAfterDivergence = true }, options.Workers,
                cancellationToken: cancellationToken);
            log($"Held out ({clock.Elapsed.TotalSeconds:0.0}s): {heldOutReport.Conforming}/{heldOut.Count} traces conform.");
            foreach (var verdict in heldOutReport.Traces)
            {
                log($"  {verdict.Trace}: {(verdict.Conforms ? "conforms" : verdict.Divergence!.Summary)} ({verdict.Milliseconds} ms, at most {verdict.MaxCandidates} candidate states)");
            }
            foreach (var d in heldOutReport.Diagnostics)
            {
                log($"  {d}");
            }
        }

        // Model checking: one exploration that stops on TypeOK and screens every mined invariant on the way; those a
        // reachable state violates are dropped.
        cancellationToken.ThrowIfCancellationRequested();
        ModelCheckSummary? summary;
        var check = ModelCheck(options, module, invariants, cancellationToken);
        if (check.Result is not { } result)
        {
            summary = new ModelCheckSummary("Error", 0, 0, 1, check.Error);
        }
        else
        {
            summary = new ModelCheckSummary(result.Verdict.ToString(), result.Statistics.Distinct, result.Statistics.Depth, 1, result.Message);
            var violated = invariants.Zip(check.Violations).Where(p => p.Second is not null).ToList();
            log($"Model checking ({clock.Elapsed.TotalSeconds:0.0}s): {result.Verdict}, {result.Statistics.Distinct} distinct states, depth {result.Statistics.Depth}; "
                + $"{violated.Count} of {invariants.Count} mined invariants violated.");
            foreach (var (invariant, state) in violated)
            {
                invariants.Remove(invariant);
                outcomes.Add(new InvariantOutcome(invariant.Name, invariant.Text, false, $"violated by model checking in the reachable state {state!.ToTla(check.Variables).ReplaceLineEndings(" ")}"));
            }
            if (violated.Count > 0)
            {
                var draft = new SpecDraft(module, schema, init, actions, invariants, citations, Provenance(module, schema, training, heldOut, rounds.Count), ignored);
                files = Write(options.OutputFolder, draft, problems);
            }
        }
        var heldOutStates = heldOut.SelectMany(t => extracted[t.Path].States).ToList();
        outcomes.AddRange(invariants.Select(i => new InvariantOutcome(i.Name, i.Text, true, null, !heldOutStates.All(i.Holds))));
        var ordered = outcomes.OrderBy(o => candidates.FindIndex(c => c.Name == o.Name)).ToImmutableArray();
        return new SynthesisResult(module, files, [.. training.Select(t => t.Name)], [.. heldOut.Select(t => t.Name)], rounds.ToImmutable(),
            Math.Max(0, firstHeldOut), trainingReport, heldOutReport, ordered, summary, [.. problems], clock.Elapsed.TotalSeconds);
    }

    private static List<string> Provenance(string module, TraceSchema schema, List<Trace> training, List<Trace> heldOut, int round)
    {
        var lines = new List<string>
        {
            $"{module}: synthesized by Specula's deterministic synthesizer (no LLM)",
            $"from {training.Count} trace(s), {training.Sum(t => t.Events.Count)} events; {heldOut.Count} held out.",
            $"Refinement rounds: {round}.",
            "Each node's observed state is one function over Node per state field;",
            schema.Messages is { } m
                ? $"messages in flight are a bag of [src, dst{string.Concat(m.Payload.Select(p => ", " + p))}]"
                    + (m.Consumed ? " records: a receive takes one." : " records, never taken (the network duplicates).")
                : "messages are not modelled (the traces do not show a network).",
            "Guards are conjunctions of likely invariants of the pre-states,",
            "each kept with its support; effects are the smallest updates",
            "consistent with every observed step.",
        };
        lines.AddRange(training.Select(t => "training: " + t.Name));
        lines.AddRange(heldOut.Select(t => "held out: " + t.Name));
        return lines;
    }

    private static ImmutableArray<string> Write(string folder, SpecDraft draft, List<string> problems)
    {
        var texts = SpecWriter.Write(draft);
        var written = new List<string>();
        void Put(string name, string text)
        {
            var path = Path.Combine(folder, name);
            File.WriteAllText(path, text, new UTF8Encoding(false));
            written.Add(path);
        }
        Put($"{draft.Module}.tla", texts.Tla);
        Put("MC.cfg", texts.Config);
        Put("Validate.cfg", texts.ValidationConfig);
        Put("TraceMap.yaml", TraceMapWriter.Write(texts.Map));
        var loaded = ModelLoader.Load(Path.Combine(folder, $"{draft.Module}.tla"), Path.Combine(folder, "MC.cfg"));
        problems.AddRange(loaded.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
        try
        {
            // Trace.cfg repeats Validate.cfg's constants, the ranges the traces need: without them TLC (and specula check)
            // refuse the trace spec for its unassigned constants.
            var validation = ModelConfigReader.Read("Validate.cfg", texts.ValidationConfig).Config;
            var trace = TlcTraceSpecGenerator.Generate(texts.Map, draft.Module, new TlcTraceSpecOptions(BaseConfig: validation));
            if (trace is { Ok: true, Tla: { } tla, Cfg: { } cfg })
            {
                Put("Trace.tla", tla);
                Put("Trace.cfg", cfg);
            }
        }
        catch (ArgumentException)
        {
            // The TLC trace spec is a convenience for running TLC; the native validator does not need it.
        }
        return [.. written];
    }

    private sealed record CheckOutcome(CheckResult? Result, string? Error, IReadOnlyList<State?> Violations, IReadOnlyList<string> Variables);

    private static CheckOutcome ModelCheck(SynthesisOptions options, string module, List<CandidateInvariant> invariants, CancellationToken cancellationToken)
    {
        var loaded = ModelLoader.Load(Path.Combine(options.OutputFolder, $"{module}.tla"), Path.Combine(options.OutputFolder, "MC.cfg"), cancellationToken: cancellationToken);
        if (loaded.Model is not { Definitions: { } definitions } model)
        {
            return new CheckOutcome(null, string.Join("; ", loaded.Diagnostics.Select(d => d.ToString())), [], []);
        }
        try
        {
            var names = invariants.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
            var own = SpecStateSpace.Create(model.Context, definitions with { Invariants = [.. definitions.Invariants.Where(i => !names.Contains(i.Name))] });
            var candidates = invariants.Select(i => (IStateSpace)SpecStateSpace.Create(model.Context,
                definitions with { Invariants = [.. definitions.Invariants.Where(d => d.Name == i.Name)] })).ToList();
            var space = new ScreeningStateSpace(own, candidates);
            var result = ModelChecker.Run(space, new CheckOptions
            {
                Workers = Math.Max(1, options.Workers),
                CheckDeadlock = false,
                MaxStates = options.MaxStates,
                MaxTime = TimeSpan.FromMinutes(5),
            }, cancellationToken);
            return new CheckOutcome(result, null, space.Violations, own.Variables);
        }
        catch (EvaluationException ex)
        {
            return new CheckOutcome(null, ex.Message, [], []);
        }
    }

    private static IEnumerable<string> Describe(TraceSchema schema, Dictionary<string, ActionModel> before, List<ActionModel> after)
    {
        var names = new Naming([.. Enumerable.Range(0, schema.Variables.Length).Select(v => SpecNames.VariableName(schema, v))],
            new DefaultParameters(schema), "n");
        foreach (var a in after)
        {
            if (!before.TryGetValue(a.Event, out var old))
            {
                continue;
            }
            foreach (var dropped in old.Guard.Where(g => !a.Guard.Any(h => h.Pred.Equals(g.Pred))))
            {
                yield return $"{a.Name}: guard weakened, conjunct dropped: {dropped.Pred.Render(names)}";
            }
            for (var v = 0; v < a.Effects.Length; v++)
            {
                if (!a.Effects[v].Equals(old.Effects[v]))
                {
                    yield return $"{a.Name}: effect on {names.Variable(v)} re-synthesized";
                }
            }
        }
    }

    private sealed class DefaultParameters(TraceSchema schema) : IReadOnlyDictionary<string, string>
    {
        public string this[string key] => SpecNames.ParameterName(schema, key);

        public IEnumerable<string> Keys => [];

        public IEnumerable<string> Values => [];

        public int Count => 0;

        public bool ContainsKey(string key) => true;

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => Enumerable.Empty<KeyValuePair<string, string>>().GetEnumerator();

        public bool TryGetValue(string key, out string value)
        {
            value = this[key];
            return true;
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private static SynthesisResult Failed(SynthesisOptions options, List<string> problems, Stopwatch clock) =>
        new(options.ModuleName ?? "Spec", [], [], [], [], 0, null, null, [], null, [.. problems], clock.Elapsed.TotalSeconds);
}
