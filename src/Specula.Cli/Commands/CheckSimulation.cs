using System.Globalization;
using System.Text.Json;
using Specula.Tla.Checking;
using Specula.Tla.Checking.Simulation;
using Specula.Tla.Diagnostics;
using Specula.Tla.Evaluation;

namespace Specula.Cli.Commands;

/// <summary><c>specula check --simulate</c>: random behaviours checked as they are generated, reported as TLC does.</summary>
internal static class CheckSimulation
{
    /// <summary>Every problem with the simulation options, as lines for stderr; empty when there is none.</summary>
    public static List<string> OptionErrors(CheckCommand.Options options, int? depth, long? behaviours, long? seed)
    {
        var errors = new List<string>();
        if (options.Simulation is not { } simulation)
        {
            if (depth is not null || behaviours is not null || seed is not null)
            {
                errors.Add("error: --depth, --num and --seed apply only with --simulate.");
            }
            return errors;
        }
        if (options.Backend != "native" || options.CompareTlc)
        {
            errors.Add("error: --simulate runs on the native checker only, not with --backend tlc or --compare-tlc.");
        }
        if (options.MaxStates is not null || options.MaxMemory is not null)
        {
            errors.Add("error: --max-states and --max-memory do not apply to --simulate; bound it with --num, --depth or --max-time.");
        }
        errors.AddRange(SimulationOptionsOf(options, simulation, seed: 0, checkDeadlock: true, model: null).Validate().Select(e => $"error: {e.Message}"));
        return errors;
    }

    private static SimulationOptions SimulationOptionsOf(CheckCommand.Options options, CheckCommand.SimulationRequest request, long seed, bool checkDeadlock, LoadedModel? model) => new()
    {
        Depth = request.Depth ?? SimulationOptions.DefaultDepth,
        Behaviours = request.Behaviours,
        Seed = seed,
        Workers = options.Workers,
        CheckDeadlock = checkDeadlock,
        MaxTime = options.MaxTime is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
        Temporal = model?.Temporal,
    };

    /// <summary>Simulates the loaded model and prints the report; the exit code is exhaustive checking's for the same verdict.</summary>
    public static int Run(CheckCommand.Options options, CheckCommand.SimulationRequest request, long seed, string configPath, LoadedModel model,
        IStateSpace space, IEnumerable<Diagnostic> diagnostics, TextWriter stdout, CancellationToken cancellationToken)
    {
        var simulationOptions = SimulationOptionsOf(options, request, seed, model.Config.CheckDeadlock && !options.NoDeadlock, model) with
        {
            Progress = options.Json ? null : stats => stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Progress: {stats.Generated:N0} states checked, {stats.Behaviours:N0} traces generated (trace length: mean={stats.MeanLength:0.##}, max={stats.MaxLength})."))
        };
        var notChecked = model.UncheckedProperties
            .Concat(Simulator.UncheckedProperties(model.Temporal))
            .Concat(model.PostConditions.Select(p => p.Name))
            .ToList();
        if (!options.Json)
        {
            var workers = options.Workers == 1 ? "1 worker" : $"{options.Workers} workers";
            var actions = space.Actions.Length == 1 ? "1 action" : $"{space.Actions.Length} actions";
            var count = request.Behaviours is { } n ? $"{n} random behaviour{(n == 1 ? string.Empty : "s")}" : "random behaviours";
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Simulating {Path.GetFileName(options.Spec)} with {Path.GetFileName(configPath)}: {count} of at most {simulationOptions.Depth} steps, seed {seed}, {workers}, {actions}."));
        }
        // Ctrl-C is the usual end of a simulation without --num: it stops the run (the caller listens for it), which then
        // reports what it did.
        var result = Simulator.Run(space, simulationOptions, cancellationToken);
        if (options.Json)
        {
            WriteJson(stdout, result, simulationOptions, space, diagnostics, notChecked);
        }
        else
        {
            WriteText(stdout, result, space, notChecked);
        }
        return CheckCommand.ExitCode(result.Verdict, result.IsSafety);
    }

    private static void WriteText(TextWriter stdout, SimulationResult result, IStateSpace space, IReadOnlyList<string> notChecked)
    {
        CheckCommand.WriteVerdict(stdout, result.Verdict, result.Message, result.ViolatedInvariant, result.Location, "Simulation completed. No error has been found.");
        if (result.Trace.Length > 0)
        {
            // TLC's simulator prints every failing behaviour as a prefix, whatever the property.
            CheckCommand.WriteTrace(stdout, result.Trace, space, "Error: The behavior up to this point is:");
        }
        foreach (var property in notChecked)
        {
            stdout.WriteLine($"Note: {property} was not checked (simulation checks invariants and step properties; liveness and POSTCONDITION need exhaustive checking).");
        }
        var stats = result.Statistics;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"The number of states generated: {stats.Generated}"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Simulation using seed {result.Seed}."));
        var failed = result.Behaviour is { } number ? string.Create(CultureInfo.InvariantCulture, $"; the error is in behaviour {number}") : string.Empty;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{stats.Behaviours} behaviour{(stats.Behaviours == 1 ? string.Empty : "s")} generated (length: mean={stats.MeanLength:0.##}, max={stats.MaxLength} steps){failed}."));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Finished in {stats.Elapsed.TotalSeconds:0.00}s."));
    }

    private static void WriteJson(TextWriter stdout, SimulationResult result, SimulationOptions options, IStateSpace space,
        IEnumerable<Diagnostic> diagnostics, IReadOnlyList<string> notChecked)
    {
        var stats = result.Statistics;
        var report = new JsonCheckReport(
            "specula.check/v1",
            result.Verdict.ToString(),
            result.Message,
            result.ViolatedInvariant,
            result.Location?.ToString(),
            new JsonCheckStatistics(stats.Generated, 0, 0, stats.Behaviours == 0 ? 0 : stats.MaxLength + 1, stats.Elapsed.TotalSeconds),
            CheckCommand.JsonTrace(result.Trace, space),
            [],
            [.. diagnostics.Select(d => new JsonCheckDiagnostic(d.Code, d.Severity == DiagnosticSeverity.Error ? "error" : "warning", d.Message, d.Location.ToString()))],
            [.. notChecked])
        {
            Simulation = new JsonSimulation(result.Seed, options.Depth, options.Behaviours, options.Workers, stats.Behaviours, stats.Generated,
                stats.MeanLength, stats.MaxLength, result.Behaviour),
        };
        stdout.WriteLine(JsonSerializer.Serialize(report, CheckJsonContext.Default.JsonCheckReport));
    }
}
