using System.CommandLine;
using System.Globalization;
using Specula.Traces.Scoring;

namespace Specula.Cli.Commands;

/// <summary><c>specula score</c>: a spec's quality as four figures from 0 to 100 and their mean.</summary>
internal static class ScoreCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var spec = new Argument<string>("spec") { Description = "The TLA+ module to score" };
        var config = new Option<string?>("--config", "-c") { Description = "Its model configuration (default: MC.cfg beside the spec, else the .cfg of the same name)" };
        var map = new Option<string?>("--map", "-m") { Description = "The trace map, for conformance (default: TraceMap.yaml beside the spec, when there are traces)" };
        var traces = new Option<string[]>("--traces", "-t") { Description = "Trace files or folders, for conformance", AllowMultipleArgumentsPerToken = true };
        var invariants = new Option<string[]>("--invariant", "-i") { Description = "Invariants to check (default: those the configuration names)", AllowMultipleArgumentsPerToken = true };
        var walks = new Option<int>("--walks") { Description = "Random walks for runtime coverage", DefaultValueFactory = _ => 20 };
        var depth = new Option<int>("--depth") { Description = "Steps per walk", DefaultValueFactory = _ => 50 };
        var seed = new Option<long>("--seed") { Description = "Seed of the walks", DefaultValueFactory = _ => 1 };
        var maxStates = new Option<long>("--max-states") { Description = "States explored per invariant", DefaultValueFactory = _ => 200_000 };
        var json = new Option<bool>("--json") { Description = "Print the score as JSON" };
        var command = new Command("score", "Score a spec: syntax, runtime coverage, conformance to traces and invariants, each 0-100, and overall")
        {
            spec, config, map, traces, invariants, walks, depth, seed, maxStates, json,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var specPath = parse.GetValue(spec)!;
            if (!File.Exists(specPath))
            {
                stderr.WriteLine($"error: no spec file '{specPath}'.");
                return Task.FromResult(2);
            }
            var folder = Path.GetDirectoryName(Path.GetFullPath(specPath)) ?? ".";
            var configPath = parse.GetValue(config) ?? (File.Exists(Path.Combine(folder, "MC.cfg")) ? Path.Combine(folder, "MC.cfg") : Path.ChangeExtension(specPath, ".cfg"));
            if (!File.Exists(configPath))
            {
                stderr.WriteLine($"error: no configuration file '{configPath}' (give one with --config).");
                return Task.FromResult(2);
            }
            var traceFiles = (parse.GetValue(traces) ?? []).SelectMany(t => Directory.Exists(t) ? Directory.EnumerateFiles(t, "*.ndjson").Order(StringComparer.Ordinal) : (IEnumerable<string>)[t]).ToList();
            var missing = traceFiles.FirstOrDefault(f => !File.Exists(f));
            if (missing is not null)
            {
                stderr.WriteLine($"error: no trace file '{missing}'.");
                return Task.FromResult(2);
            }
            var mapPath = parse.GetValue(map) ?? (traceFiles.Count > 0 ? Path.Combine(folder, "TraceMap.yaml") : null);
            var score = SpecScorer.Score(new ScoreRequest(specPath, configPath, mapPath, traceFiles, parse.GetValue(invariants) ?? [],
                parse.GetValue(walks), parse.GetValue(depth), parse.GetValue(seed), parse.GetValue(maxStates)), cancellationToken);
            if (parse.GetValue(json))
            {
                stdout.WriteLine(score.ToJson());
            }
            else
            {
                Print(score, stdout);
            }
            return Task.FromResult(0);
        });
        return command;
    }

    private static void Print(SpecScore score, TextWriter stdout)
    {
        static string Figure(double? value) => value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) : "-";
        stdout.WriteLine("dimension     score  what it is made of");
        foreach (var (name, part) in new[] { ("syntax", score.Syntax), ("runtime", score.Runtime), ("conformance", score.Conformance), ("invariants", score.Invariants) })
        {
            stdout.WriteLine($"{name,-12} {Figure(part.Score),6}  {part.Detail}");
        }
        stdout.WriteLine($"{"overall",-12} {Figure(score.Overall),6}  mean of the dimensions measured");
        foreach (var action in score.Actions.Where(a => a.Enabled == 0 || a.Error is not null))
        {
            stdout.WriteLine(action.Error is { } error ? $"  action {action.Action}: {error}" : $"  action {action.Action}: never enabled");
        }
        foreach (var invariant in score.InvariantResults.Where(i => !i.Holds))
        {
            stdout.WriteLine($"  invariant {invariant.Name} is violated: {invariant.Message}");
        }
    }
}
