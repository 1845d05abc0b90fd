using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Specula.Synthesis;
using Specula.Traces.Validation;

namespace Specula.Cli.Commands;

/// <summary><c>specula synthesize</c>: mine a conforming TLA+ spec from traces, with no LLM.</summary>
internal static class SynthesizeCommand
{
    /// <summary>Every trace conforms and model checking found no violation.</summary>
    public const int Conforming = 0;

    /// <summary>A trace diverges or model checking failed.</summary>
    public const int NotConforming = 1;

    /// <summary>No traces, or traces that cannot be read.</summary>
    public const int BadInput = 2;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var traces = new Argument<string>("traces") { Description = "A folder of trace files (.ndjson), or one trace file" };
        var repo = new Option<string?>("--repo") { Description = "The system's sources, to cite where each event is emitted" };
        var output = new Option<string>("--out", "-o") { Description = "The spec folder to write", DefaultValueFactory = _ => "spec" };
        var holdout = new Option<double>("--holdout")
        {
            Description = "Share of runs held out of synthesis and refinement (seeds of each fault schedule, by a hash of their names), only validated at the end",
            DefaultValueFactory = _ => 0.3,
        };
        var split = new Option<int>("--split-seed")
        {
            Description = "Chooses another held-out split of the same runs (the hash of their names is salted with it); 0 for the default",
            DefaultValueFactory = _ => 0,
        };
        var rounds = new Option<int>("--rounds") { Description = "Refinement rounds at most", DefaultValueFactory = _ => 8 };
        var maxStates = new Option<long>("--max-states") { Description = "Distinct states model checking explores at most", DefaultValueFactory = _ => 20_000 };
        var module = new Option<string?>("--module") { Description = "The spec module's name (default: from the traces' system name)" };
        var workers = new Option<int>("--workers", "-w") { Description = "Threads for validation and model checking", DefaultValueFactory = _ => 2 };
        var json = new Option<bool>("--json") { Description = "Print the outcome as JSON" };
        var command = new Command("synthesize", "Synthesize a TLA+ spec from traces (deterministic, no LLM): mine it, validate every trace, refine, model-check the mined invariants")
        {
            traces, repo, output, holdout, split, rounds, maxStates, module, workers, json,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Run(parse.GetValue(traces)!, new SynthesisOptions([],
            parse.GetValue(output)!, parse.GetValue(repo), parse.GetValue(holdout), parse.GetValue(rounds), parse.GetValue(maxStates),
            parse.GetValue(module), Math.Max(1, parse.GetValue(workers)), parse.GetValue(split)), parse.GetValue(json), stdout, stderr, cancellationToken)));
        return command;
    }

    private static int Run(string input, SynthesisOptions options, bool json, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        List<string> files = Directory.Exists(input) ? [.. Directory.EnumerateFiles(input, "*.ndjson").Order(StringComparer.Ordinal)]
            : File.Exists(input) ? [input] : [];
        if (files.Count == 0)
        {
            stderr.WriteLine($"error: no trace files (.ndjson) at '{input}'.");
            return BadInput;
        }
        if (options.Holdout is < 0 or > 0.9)
        {
            stderr.WriteLine("error: --holdout must be between 0 and 0.9.");
            return BadInput;
        }
        var result = Synthesizer.Run(options with { TraceFiles = files }, json ? null : stdout.WriteLine, cancellationToken);
        if (!result.Diagnostics.IsEmpty && result.Training is null)
        {
            foreach (var d in result.Diagnostics)
            {
                stderr.WriteLine(d);
            }
            return BadInput;
        }
        if (json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(new
            {
                schema = "specula.synthesis/v1",
                module = result.Module,
                ok = result.Ok,
                training = result.TrainingTraces,
                heldOut = result.HeldOutTraces,
                rounds = result.Rounds,
                firstRoundHeldOutConforming = result.FirstRoundHeldOutConforming,
                trainingConforming = result.Training?.Conforming,
                heldOutConforming = result.HeldOut?.Conforming,
                trainingActions = result.Training?.Actions,
                heldOutActions = result.HeldOut?.Actions,
                heldOutDiagnostics = result.HeldOut?.Diagnostics.Select(d => d.ToString()),
                invariants = result.Invariants,
                modelCheck = result.ModelCheck,
                diagnostics = result.Diagnostics,
                seconds = result.Seconds,
            }, JsonOptions));
        }
        else
        {
            Print(result, stdout);
        }
        return result.Ok ? Conforming : NotConforming;
    }

    private static string Rate(ActionConformance? a) =>
        a is null ? "-" : string.Create(CultureInfo.InvariantCulture, $"{a.Accepted}/{a.Observed} ({a.Rate:P0})");

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private static void Print(SynthesisResult r, TextWriter o)
    {
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(inv, $"Spec {r.Module}: {r.Files.Length} files written in {r.Seconds:0.0}s."));
        o.WriteLine($"Traces: {r.TrainingTraces.Length} for synthesis, {r.HeldOutTraces.Length} held out ({string.Join(", ", r.HeldOutTraces)}).");
        o.WriteLine($"Refinement rounds: {r.Rounds.Length} (training traces only; held-out traces replayed in memory to measure, never fed back).");
        foreach (var round in r.Rounds)
        {
            o.WriteLine($"  round {round.Round}: training {round.TrainingConforming}/{r.TrainingTraces.Length}, held out (replay) {round.HeldOutConforming}/{r.HeldOutTraces.Length}, {round.ExamplesAdded} example(s) added");
            foreach (var change in round.Refinements)
            {
                o.WriteLine($"    {change}");
            }
        }
        o.WriteLine($"Training traces conforming: {r.Training?.Conforming ?? 0}/{r.TrainingTraces.Length}.");
        o.WriteLine($"Held-out traces conforming: {r.HeldOut?.Conforming ?? 0}/{r.HeldOutTraces.Length} (first round's actions, in memory: {r.FirstRoundHeldOutConforming}/{r.HeldOutTraces.Length}).");
        var training = r.Training?.Actions ?? [];
        var heldOut = (r.HeldOut?.Actions ?? []).ToDictionary(a => a.Action, StringComparer.Ordinal);
        o.WriteLine(string.Create(inv, $"Per-action conformance:   {"training",-18} held out"));
        foreach (var name in training.Select(a => a.Action).Union(heldOut.Keys).Order(StringComparer.Ordinal))
        {
            var t = training.FirstOrDefault(a => a.Action == name);
            var h = heldOut.GetValueOrDefault(name);
            o.WriteLine(string.Create(inv, $"  {name,-24} {Rate(t),-18} {Rate(h)}"));
        }
        foreach (var d in r.HeldOut?.Diagnostics ?? [])
        {
            o.WriteLine($"  held out: {d}");
        }
        var falseOnHeldOut = r.Invariants.Count(i => i.FalseOnHeldOut);
        o.WriteLine($"Invariants: {r.Invariants.Length} mined, {r.Invariants.Count(i => i.Kept)} kept, {r.Invariants.Count(i => !i.Kept)} dropped; {falseOnHeldOut} kept one(s) false in a held-out state.");
        foreach (var i in r.Invariants)
        {
            o.WriteLine(i.Kept ? $"  kept    {i.Name}{(i.FalseOnHeldOut ? " (false in a held-out state)" : "")}" : $"  dropped {i.Name}: {i.Reason}");
        }
        if (r.ModelCheck is { } mc)
        {
            o.WriteLine($"Model checking: {mc.Verdict}, {mc.DistinctStates} distinct states, depth {mc.Depth}, {mc.Runs} run(s){(mc.Verdict == "LimitReached" ? " (bounded exploration)" : "")}{(mc.Message is { } m && !mc.Ok ? ": " + m : "")}.");
        }
        foreach (var d in r.Diagnostics)
        {
            o.WriteLine($"error: {d}");
        }
        o.WriteLine(r.Ok ? "Result: every trace conforms and model checking found no violation." : "Result: the spec does not conform yet.");
    }
}
