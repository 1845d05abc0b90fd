using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Specula.Cli.Benchmarks;

namespace Specula.Cli.Commands;

/// <summary>
/// <c>specula bench check</c>: model-checking throughput (distinct and generated states per second, peak memory) with
/// one and two workers on models of 10^5 to 10^6 distinct states, side by side with TLC when a <c>tla2tools.jar</c>
/// is given through <c>TLA2TOOLS_JAR</c> (or a classpath through <c>TLA2TOOLS_CP</c>). Every run is a child process
/// measured the same way, so start-up counts for both and the peak memory is each run's own.
/// </summary>
internal static partial class BenchCheckCommand
{
    /// <summary>The issue's targets: Specula's distinct states/s over TLC's, with one worker and with two.</summary>
    private const double TargetOneWorker = 1.0;

    private const double TargetTwoWorkers = 1.5;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var models = new Argument<string[]>("models")
        {
            Description = "Specs to run, each Spec.tla (with Spec.cfg beside it) or Spec.tla:Config.cfg; default: the built-in models",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var workers = new Option<int[]>("--workers") { Description = "Worker counts to measure", DefaultValueFactory = _ => [1, 2], AllowMultipleArgumentsPerToken = true };
        var maxTime = new Option<double>("--max-time") { Description = "Seconds after which one run is stopped", DefaultValueFactory = _ => 900 };
        var noTlc = new Option<bool>("--no-tlc") { Description = "Do not run TLC even when TLA2TOOLS_JAR or TLA2TOOLS_CP is set" };
        var keep = new Option<string?>("--keep") { Description = "Write the built-in models to this folder and keep them" };
        var startupRuns = new Option<int>("--startup-runs") { Description = "Runs of the tiny spec measuring start-up (median reported)", DefaultValueFactory = _ => 11 };
        var command = new Command("check", "Model-checking throughput with 1 and 2 workers and peak memory, beside TLC when TLA2TOOLS_JAR is set")
        {
            models, workers, maxTime, noTlc, keep, startupRuns,
        };
        command.SetAction((result, cancellationToken) =>
        {
            var counts = result.GetValue(workers) ?? [1, 2];
            if (counts.Length == 0 || counts.Any(w => w < 1) || result.GetValue(startupRuns) < 1)
            {
                stderr.WriteLine("error: --workers takes worker counts of at least 1, --startup-runs a count of at least 1.");
                return Task.FromResult(2);
            }
            var options = new Options(result.GetValue(models) ?? [], counts, TimeSpan.FromSeconds(result.GetValue(maxTime)),
                result.GetValue(noTlc), result.GetValue(keep), result.GetValue(startupRuns));
            return Task.FromResult(Run(options, stdout, stderr, cancellationToken));
        });
        return command;
    }

    private sealed record Options(string[] Models, int[] Workers, TimeSpan MaxTime, bool NoTlc, string? Keep, int StartupRuns);

    /// <summary>A spec and configuration to run, by path.</summary>
    private sealed record ModelFiles(string Name, string Spec, string Config);

    /// <summary>One checker's run of one model.</summary>
    private sealed record Measurement(string Checker, int Workers, ProcessMeasurement Process, long? Generated, long? Distinct)
    {
        public double? DistinctPerSecond => Distinct / Process.WallSeconds;

        public double? GeneratedPerSecond => Generated / Process.WallSeconds;

        public double? DistinctPerCpuSecond => Process.CpuSeconds is > 0 and var cpu ? Distinct / cpu : null;
    }

    private static int Run(Options options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var folder = options.Keep is null ? Directory.CreateTempSubdirectory("specula-bench-check-").FullName : Directory.CreateDirectory(options.Keep).FullName;
        try
        {
            List<ModelFiles> models;
            if (options.Models.Length == 0)
            {
                models = [.. CheckBenchmarkModels.Defaults.Select(m => new ModelFiles(m.Name, m.WriteTo(folder), Path.Combine(folder, m.Name + ".cfg")))];
            }
            else
            {
                models = [];
                foreach (var given in options.Models)
                {
                    if (ModelOf(given) is not { } files)
                    {
                        stderr.WriteLine($"error: '{given}' is not a spec with a configuration (Spec.tla beside Spec.cfg, or Spec.tla:Config.cfg).");
                        return 2;
                    }
                    models.Add(files);
                }
            }
            var tlc = options.NoTlc ? null : TlcLauncher.FromEnvironment();
            stdout.WriteLine(TlcLauncher.Describe(tlc, options.NoTlc));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Machine: {Environment.ProcessorCount} cores, load average {LoadAverage.Current()}. Rates per second are over wall time (start-up included), which a busy machine slows; distinct/CPU-s is over the process's CPU time."));
            stdout.WriteLine();
            stdout.WriteLine($"{"model",-14} {"checker",-8} {"workers",7} {"distinct",11} {"generated",12} {"wall s",8} {"CPU s",8} {"distinct/s",11} {"generated/s",12} {"distinct/CPU-s",15} {"peak RSS",10}");
            var all = new List<(ModelFiles Model, List<Measurement> Runs)>();
            foreach (var model in models)
            {
                var runs = new List<Measurement>();
                foreach (var workers in options.Workers)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    runs.Add(Print(stdout, model, RunSpecula(model, workers, options.MaxTime, cancellationToken)));
                }
                if (tlc is not null)
                {
                    foreach (var workers in options.Workers)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        runs.Add(Print(stdout, model, RunTlc(tlc, model, workers, options.MaxTime, cancellationToken)));
                    }
                    PrintRatios(stdout, runs);
                }
                all.Add((model, runs));
            }
            stdout.WriteLine();
            StartupBenchmark.Print(stdout, StartupBenchmark.Run(folder, tlc, options.StartupRuns, cancellationToken));
            if (tlc is not null)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Targets: distinct states/s >= {TargetOneWorker:0.0}x TLC's with one worker and >= {TargetTwoWorkers:0.0}x with two; a tiny spec in <= 0.3 s."));
            }
            var failed = all.SelectMany(a => a.Runs).Any(r => r.Distinct is null);
            return failed ? 1 : 0;
        }
        finally
        {
            if (options.Keep is null)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static ModelFiles? ModelOf(string given)
    {
        var spec = given;
        string? config = null;
        var colon = given.LastIndexOf(':');
        if (colon > 1 && given.EndsWith(".cfg", StringComparison.OrdinalIgnoreCase))
        {
            spec = given[..colon];
            config = given[(colon + 1)..];
        }
        config ??= Path.ChangeExtension(spec, ".cfg");
        return File.Exists(spec) && File.Exists(config)
            ? new ModelFiles(Path.GetFileNameWithoutExtension(spec), Path.GetFullPath(spec), Path.GetFullPath(config))
            : null;
    }

    private static Measurement RunSpecula(ModelFiles model, int workers, TimeSpan maxTime, CancellationToken cancellationToken) =>
        Measured("specula", workers, SpeculaLauncher.Check(model.Spec, model.Config, workers, maxTime, cancellationToken));

    private static Measurement RunTlc(TlcLauncher tlc, ModelFiles model, int workers, TimeSpan maxTime, CancellationToken cancellationToken) =>
        Measured("TLC", workers, tlc.Check(model.Spec, model.Config, workers, maxTime, cancellationToken));

    private static Measurement Measured(string checker, int workers, ProcessMeasurement run)
    {
        // Both checkers end with TLC's line: "N states generated, M distinct states found, K states left on queue."
        var matches = CountsPattern().Matches(run.Output);
        if (matches.Count == 0)
        {
            return new Measurement(checker, workers, run, null, null);
        }
        var last = matches[^1];
        return new Measurement(checker, workers, run, Number(last.Groups[1].Value), Number(last.Groups[2].Value));
    }

    private static long Number(string text) => long.Parse(text.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"([\d,]+) states generated(?: \([^)]*\))?, ([\d,]+) distinct states found")]
    private static partial Regex CountsPattern();

    private static Measurement Print(TextWriter stdout, ModelFiles model, Measurement m)
    {
        var p = m.Process;
        string Rate(double? rate) => rate is { } r ? r.ToString("N0", CultureInfo.InvariantCulture) : "-";
        var peak = p.PeakRssBytes is { } bytes ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:F0} MiB") : "-";
        var cpu = p.CpuSeconds is { } c ? c.ToString("F1", CultureInfo.InvariantCulture) : "-";
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{model.Name,-14} {m.Checker,-8} {m.Workers,7} {Rate(m.Distinct),11} {Rate(m.Generated),12} {p.WallSeconds,8:F1} {cpu,8} {Rate(m.DistinctPerSecond),11} {Rate(m.GeneratedPerSecond),12} {Rate(m.DistinctPerCpuSecond),15} {peak,10}"));
        if (m.Distinct is null)
        {
            var tail = p.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(3);
            stdout.WriteLine($"    no state counts (exit code {p.ExitCode}): {string.Join(" | ", tail.Select(l => l.Trim()))}");
        }
        return m;
    }

    private static void PrintRatios(TextWriter stdout, List<Measurement> runs)
    {
        var ours = runs.Where(r => r.Checker == "specula").ToList();
        var theirs = runs.Where(r => r.Checker == "TLC").ToList();
        var agree = ours.Concat(theirs).Select(r => r.Distinct).Distinct().Count() == 1 && ours[0].Distinct is not null;
        var parts = new List<string>();
        foreach (var o in ours)
        {
            if (theirs.FirstOrDefault(t => t.Workers == o.Workers) is { } t && o.DistinctPerSecond is { } a && t.DistinctPerSecond is > 0 and var b)
            {
                var cpu = o.DistinctPerCpuSecond is { } x && t.DistinctPerCpuSecond is > 0 and var y ? string.Create(CultureInfo.InvariantCulture, $" (per CPU-s {x / y:F2}x)") : string.Empty;
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{o.Workers} worker{(o.Workers == 1 ? "" : "s")} {a / b:F2}x{cpu}"));
            }
        }
        if (ours.FirstOrDefault(o => o.Workers == 2) is { DistinctPerSecond: { } two } && theirs.FirstOrDefault(t => t.Workers == 1) is { DistinctPerSecond: > 0 and var tlcOne })
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"specula 2 workers over TLC 1 worker {two / tlcOne:F2}x"));
        }
        stdout.WriteLine($"    specula/TLC distinct states/s: {string.Join(", ", parts)}; distinct counts {(agree ? "agree" : "DISAGREE")}.");
    }
}
