using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Specula.Cli.Tlc;
using Specula.Tla.Checking;
using Specula.Tla.Checking.Simulation;
using Specula.Tla.Diagnostics;
using Specula.Tla.Evaluation;

namespace Specula.Cli.Commands;

/// <summary><c>specula check</c>: model-check a spec against its TLC configuration, reporting as TLC does.</summary>
internal static class CheckCommand
{
    /// <summary>Every reachable state was explored and every check held.</summary>
    public const int Success = 0;

    /// <summary>The spec, the configuration or their combination is invalid (parse, semantic or model errors).</summary>
    public const int BadInput = 2;

    /// <summary>A limit (--max-states, --max-time, --max-memory) stopped the run.</summary>
    public const int LimitReached = 3;

    /// <summary>An ASSUME is false (TLC's code).</summary>
    public const int AssumptionViolated = 10;

    /// <summary>A temporal property (liveness or <c>[][A]_v</c>) is violated (TLC's code).</summary>
    public const int TemporalViolated = 13;

    /// <summary>A deadlock was reached (TLC's code).</summary>
    public const int Deadlock = 11;

    /// <summary>An invariant or safety property is violated (TLC's code).</summary>
    public const int SafetyViolated = 12;

    /// <summary>Evaluating the spec failed in some state (TLC's code for a failed evaluation or Assert).</summary>
    public const int EvaluationError = 14;

    /// <summary>With <c>--compare-tlc</c>: the native checker and TLC disagree.</summary>
    public const int Disagreement = 1;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var spec = new Argument<string>("spec") { Description = "The TLA+ module to check" };
        var config = new Option<string?>("--config", "-c") { Description = "The TLC configuration (default: the .cfg beside the spec)" };
        var workers = new Option<int>("--workers", "-w") { Description = "Threads generating successors; results do not depend on it", DefaultValueFactory = _ => 1 };
        var maxStates = new Option<long?>("--max-states") { Description = "Stop after this many distinct states" };
        var maxTime = new Option<double?>("--max-time") { Description = "Stop after this many seconds" };
        var maxMemory = new Option<int?>("--max-memory") { Description = "Stop when the heap passes this many MiB" };
        var noDeadlock = new Option<bool>("--no-deadlock") { Description = "Do not report deadlocks (as CHECK_DEADLOCK FALSE)" };
        var json = new Option<bool>("--json") { Description = "Print a JSON report instead of TLC-style text" };
        var library = new Option<string[]>("--library-path", "-I") { Description = "Extra folders searched for modules", AllowMultipleArgumentsPerToken = true };
        var backend = new Option<string>("--backend")
        {
            Description = "native (Specula's checker) or tlc (real TLC from TLA2TOOLS_JAR, same report)",
            DefaultValueFactory = _ => "native",
        };
        backend.AcceptOnlyFromAmong("native", "tlc");
        var compareTlc = new Option<bool>("--compare-tlc") { Description = "Run the native checker and TLC, print whether they agree and the time ratio (exit 1 when they disagree)" };
        var tlcJar = new Option<string?>("--tlc-jar") { Description = $"tla2tools.jar (default: ${TlcInstallation.JarVariable})" };
        var communityModules = new Option<string?>("--community-modules") { Description = $"The Community Modules jar for TLC (default: ${TlcInstallation.CommunityModulesVariable})" };
        var simulate = new Option<bool>("--simulate") { Description = "Simulate random behaviours instead of exploring every state (TLC's -simulate)" };
        var depth = new Option<int?>("--depth") { Description = $"With --simulate: the most steps of a behaviour (default {SimulationOptions.DefaultDepth})" };
        var num = new Option<long?>("--num") { Description = "With --simulate: how many behaviours (default: until --max-time or Ctrl-C)" };
        var seed = new Option<long?>("--seed") { Description = "With --simulate: the seed of the random choices; the same seed gives the same run (default: a random one, printed)" };
        var traces = new Option<string[]>("--traces")
        {
            Description = "Check a TLC-style trace spec once per log (files, or folders of *.ndjson), in one process, each log named by --trace-variable",
            AllowMultipleArgumentsPerToken = true,
        };
        var traceVariable = new Option<string>("--trace-variable") { Description = "With --traces: the environment variable the spec reads the log's path from", DefaultValueFactory = _ => "JSON" };
        var command = new Command("check", "Model-check a spec with its TLC configuration: invariants, deadlock, constraints; TLC's counts and counterexamples")
        {
            spec, config, workers, maxStates, maxTime, maxMemory, noDeadlock, json, library, backend, compareTlc, tlcJar, communityModules,
            simulate, depth, num, seed, traces, traceVariable,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var options = new Options(
                parse.GetValue(spec)!, parse.GetValue(config), Math.Max(1, parse.GetValue(workers)), parse.GetValue(maxStates),
                parse.GetValue(maxTime), parse.GetValue(maxMemory), parse.GetValue(noDeadlock), parse.GetValue(json), parse.GetValue(library) ?? [])
            {
                Backend = parse.GetValue(backend) ?? "native",
                CompareTlc = parse.GetValue(compareTlc),
                TlcJar = parse.GetValue(tlcJar),
                CommunityModules = parse.GetValue(communityModules),
                Simulation = parse.GetValue(simulate) ? new SimulationRequest(parse.GetValue(depth), parse.GetValue(num), parse.GetValue(seed)) : null,
            };
            if (CheckSimulation.OptionErrors(options, parse.GetValue(depth), parse.GetValue(num), parse.GetValue(seed)) is { Count: > 0 } errors)
            {
                errors.ForEach(stderr.WriteLine);
                return Task.FromResult(BadInput);
            }
            if (parse.GetValue(traces) is { Length: > 0 } logPaths)
            {
                if (options.Json || options.CompareTlc || options.Simulation is not null)
                {
                    stderr.WriteLine("error: --traces checks each log as TLC-style text; it does not combine with --json, --compare-tlc or --simulate.");
                    return Task.FromResult(BadInput);
                }
                var logs = CheckTraces.Logs(logPaths, out var logError);
                if (logError is not null)
                {
                    stderr.WriteLine($"error: {logError}");
                    return Task.FromResult(BadInput);
                }
                return Task.FromResult(CheckTraces.Run(options, logs, parse.GetValue(traceVariable) ?? "JSON", stdout, cancellationToken));
            }
            if (options.CompareTlc)
            {
                return Task.FromResult(TlcComparison.Run(options, stdout, stderr, cancellationToken));
            }
            return Task.FromResult(options.Backend == "tlc" ? RunTlc(options, stdout, stderr, cancellationToken).ExitCode : Run(options, stdout, stderr, cancellationToken));
        });
        return command;
    }

    internal sealed record Options(
        string Spec, string? Config, int Workers, long? MaxStates, double? MaxTime, int? MaxMemory, bool NoDeadlock, bool Json, string[] LibraryPaths)
    {
        public string Backend { get; init; } = "native";

        public bool CompareTlc { get; init; }

        public string? TlcJar { get; init; }

        public string? CommunityModules { get; init; }

        /// <summary>With <c>--simulate</c>: the simulation asked for; null for exhaustive checking.</summary>
        public SimulationRequest? Simulation { get; init; }
    }

    /// <summary>The simulation options as given: unset ones take their defaults.</summary>
    internal sealed record SimulationRequest(int? Depth, long? Behaviours, long? Seed);

    /// <summary>What a TLC run printed and ended with, for <c>--backend tlc</c> and <c>--compare-tlc</c>.</summary>
    internal sealed record TlcCheck(int ExitCode, JsonCheckReport? Report, TimeSpan Elapsed);

    /// <summary>
    /// <c>--backend tlc</c>: the same check on real TLC, its output read into the native checker's report, with
    /// <c>specula check</c>'s exit codes (TLC's for violations). The limits TLC has no option for are not passed on.
    /// </summary>
    internal static TlcCheck RunTlc(Options options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (!File.Exists(options.Spec))
        {
            stderr.WriteLine($"error: no spec file '{options.Spec}'.");
            return new TlcCheck(BadInput, null, TimeSpan.Zero);
        }
        var configPath = options.Config ?? Path.ChangeExtension(options.Spec, ".cfg");
        if (!File.Exists(configPath))
        {
            stderr.WriteLine($"error: no configuration file '{configPath}' (give one with --config).");
            return new TlcCheck(BadInput, null, TimeSpan.Zero);
        }
        if (TlcInstallation.Locate(options.TlcJar, options.CommunityModules, out var problem) is not { } tlc)
        {
            stderr.WriteLine($"error: {problem}");
            return new TlcCheck(BadInput, null, TimeSpan.Zero);
        }
        if (options.MaxStates is not null || options.MaxTime is not null || options.MaxMemory is not null || options.LibraryPaths.Length > 0)
        {
            stderr.WriteLine("warning: --max-states, --max-time, --max-memory and --library-path are not passed on to TLC.");
        }
        TlcRawRun run;
        try
        {
            run = TlcRunner.Run(tlc, new TlcRequest(options.Spec, configPath, options.Workers, !options.NoDeadlock), cancellationToken);
        }
        catch (TlcUnavailableException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return new TlcCheck(BadInput, null, TimeSpan.Zero);
        }
        var outcome = TlcOutputParser.Parse(run);
        var report = TlcReport.ToJson(outcome, run.Elapsed);
        if (options.Json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(report, CheckJsonContext.Default.JsonCheckReport));
        }
        else
        {
            TlcReport.WriteText(stdout, outcome);
        }
        return new TlcCheck(TlcOutputParser.ExitCode(outcome), report, run.Elapsed);
    }

    internal static int Run(Options options, TextWriter stdout, TextWriter stderr, CancellationToken invocationToken)
    {
        // Ctrl-C stops the search, which then prints its statistics so far, as TLC does.
        using var interruption = Interruption.Listen(invocationToken);
        var cancellationToken = interruption.Token;
        if (!File.Exists(options.Spec))
        {
            stderr.WriteLine($"error: no spec file '{options.Spec}'.");
            return BadInput;
        }
        var configPath = options.Config ?? Path.ChangeExtension(options.Spec, ".cfg");
        if (!File.Exists(configPath))
        {
            stderr.WriteLine($"error: no configuration file '{configPath}' (give one with --config).");
            return BadInput;
        }
        if (Load(options, configPath, stdout, cancellationToken) is not { } loaded)
        {
            return cancellationToken.IsCancellationRequested ? ExitCodes.Cancelled : LimitReached;
        }
        foreach (var diagnostic in loaded.Diagnostics.Where(d => !options.Json))
        {
            stdout.WriteLine(diagnostic.ToString());
        }
        if (loaded.Model is not { } model)
        {
            if (options.Json)
            {
                WriteJson(stdout, null, null, loaded.Diagnostics, []);
            }
            var assumption = loaded.Diagnostics.Any(d => d.Code == ModelCodes.AssumptionFalse);
            if (!options.Json)
            {
                stdout.WriteLine(assumption ? "Error: an assumption of the spec is false." : "The spec or its configuration has errors; nothing was checked.");
            }
            return assumption ? AssumptionViolated : BadInput;
        }

        if (model.Definitions is null)
        {
            // No behaviour to explore: the assumptions, checked while loading, were the whole job (as in TLC).
            if (options.Json)
            {
                WriteJson(stdout, new CheckResult(Verdict.Success, new CheckStatistics(0, 0, 0, 0, TimeSpan.Zero), [], null, null, null, []),
                    null, loaded.Diagnostics, model.UncheckedProperties);
            }
            else
            {
                stdout.WriteLine("Model checking completed. No error has been found.");
                stdout.WriteLine("0 states generated, 0 distinct states found, 0 states left on queue.");
            }
            return Success;
        }
        // Unseeded only here, at the edge, and printed: any simulation can be repeated with --seed.
        var simulationSeed = options.Simulation is { } requested ? requested.Seed ?? Random.Shared.NextInt64(long.MaxValue) : 0;
        IStateSpace space;
        try
        {
            space = model.CreateStateSpace(options.Json ? null : message => stdout.WriteLine(message), simulationSeed);
        }
        catch (EvaluationException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return BadInput;
        }
        if (options.Simulation is { } simulation)
        {
            return CheckSimulation.Run(options, simulation, simulationSeed, configPath, model, space, loaded.Diagnostics, stdout, cancellationToken);
        }
        if (!options.Json)
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Model checking {Path.GetFileName(options.Spec)} with {Path.GetFileName(configPath)}: breadth-first search, {options.Workers} worker{(options.Workers == 1 ? string.Empty : "s")}, {space.Actions.Length} action{(space.Actions.Length == 1 ? string.Empty : "s")}."));
        }
        var checkOptions = new CheckOptions
        {
            Workers = options.Workers,
            CheckDeadlock = model.Config.CheckDeadlock && !options.NoDeadlock,
            PostConditions = model.PostConditions,
            Temporal = model.Temporal,
            MaxStates = options.MaxStates,
            MaxTime = options.MaxTime is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            MaxMemoryBytes = options.MaxMemory is { } mib ? mib * 1024L * 1024L : null,
            Progress = options.Json ? null : stats => stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Progress({stats.Depth}) at {stats.Elapsed.TotalSeconds:0}s: {stats.Generated:N0} states generated, {stats.Distinct:N0} distinct states found, {stats.LeftOnQueue:N0} states left on queue.")),
        };
        var result = ModelChecker.Run(space, checkOptions, cancellationToken);
        if (options.Json)
        {
            WriteJson(stdout, result, space, loaded.Diagnostics, model.UncheckedProperties);
        }
        else
        {
            WriteText(stdout, result, space, model.UncheckedProperties);
        }
        return ExitCode(result.Verdict, result.IsSafety);
    }

    /// <summary>
    /// Loads the model, its ASSUMEs evaluated under Ctrl-C, SIGTERM and --max-time (which bounds loading as it bounds
    /// the search); null, with the reason printed, when one of them stopped it.
    /// </summary>
    private static ModelLoadResult? Load(Options options, string configPath, TextWriter stdout, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.MaxTime is { } seconds)
        {
            stop.CancelAfter(TimeSpan.FromSeconds(Math.Max(0, seconds)));
        }
        try
        {
            return ModelLoader.Load(options.Spec, configPath, options.LibraryPaths, stop.Token);
        }
        catch (OperationCanceledException)
        {
            var cancelled = cancellationToken.IsCancellationRequested;
            var message = cancelled
                ? "Model checking was cancelled while loading the model (evaluating its assumptions)."
                : string.Create(CultureInfo.InvariantCulture, $"Stopped after {options.MaxTime:0} s (--max-time) while loading the model (evaluating its assumptions).");
            if (options.Json)
            {
                WriteJson(stdout, new CheckResult(cancelled ? Verdict.Cancelled : Verdict.LimitReached, new CheckStatistics(0, 0, 0, 0, TimeSpan.Zero), [], message, null, null, []),
                    null, [], []);
            }
            else
            {
                stdout.WriteLine(message);
            }
            return null;
        }
    }

    /// <summary>The exit code of a verdict, the same for exhaustive checking and simulation.</summary>
    internal static int ExitCode(Verdict verdict, bool isSafety) => verdict switch
    {
        Verdict.Success => Success,
        Verdict.InvariantViolated => SafetyViolated,
        Verdict.Deadlock => Deadlock,
        Verdict.EvaluationError => EvaluationError,
        Verdict.LimitReached => LimitReached,
        Verdict.PostConditionViolated => AssumptionViolated,
        Verdict.TemporalPropertyViolated => isSafety ? SafetyViolated : TemporalViolated,
        _ => ExitCodes.Cancelled,
    };

    private static void WriteText(TextWriter stdout, CheckResult result, IStateSpace space, IReadOnlyList<string> notChecked)
    {
        WriteVerdict(stdout, result.Verdict, result.Message, result.ViolatedInvariant, result.Location, "Model checking completed. No error has been found.");
        if (result.Trace.Length > 0)
        {
            // TLC's header: a temporal property's counterexample is a whole behaviour, the others a prefix.
            WriteTrace(stdout, result.Trace, space, result.Verdict == Verdict.TemporalPropertyViolated
                ? "Error: The following behavior constitutes a counter-example:"
                : "Error: The behavior up to this point is:");
            if (result.BackToState is { } back)
            {
                stdout.WriteLine(back == result.Trace.Length ? $"State {back + 1}: Stuttering"
                    : result.BackToStateAction is { } action ? $"Back to state {back}: {action.Describe()}" : $"Back to state {back}.");
                stdout.WriteLine();
            }
        }
        foreach (var property in notChecked)
        {
            stdout.WriteLine($"Note: {property} was not checked (its form is not supported; see warning TLA5006).");
        }
        var stats = result.Statistics;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{stats.Generated} states generated, {stats.Distinct} distinct states found, {stats.LeftOnQueue} states left on queue."));
        stdout.WriteLine($"The depth of the complete state graph search is {stats.Depth}.");
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Finished in {stats.Elapsed.TotalSeconds:0.00}s."));
    }

    /// <summary>
    /// The verdict's first lines as TLC words them, shared by exhaustive checking and simulation: the
    /// success line, the violated invariant, or the error's message and where it arose.
    /// </summary>
    internal static void WriteVerdict(TextWriter stdout, Verdict verdict, string? message, string? violatedInvariant,
        SourceLocation? location, string success)
    {
        switch (verdict)
        {
            case Verdict.Success:
                stdout.WriteLine(message ?? success);
                break;
            case Verdict.InvariantViolated:
                stdout.WriteLine($"Error: Invariant {violatedInvariant} is violated.");
                break;
            case Verdict.Deadlock or Verdict.TemporalPropertyViolated:
                stdout.WriteLine($"Error: {message}");
                break;
            case Verdict.EvaluationError or Verdict.PostConditionViolated:
                stdout.WriteLine($"Error: {message}");
                if (location is { } at)
                {
                    stdout.WriteLine($"    at {at}");
                }
                break;
            default:
                stdout.WriteLine(message);
                break;
        }
    }

    /// <summary>A behaviour as TLC prints it: a header, then <c>State N: &lt;action&gt;</c> and the variables of each state.</summary>
    internal static void WriteTrace(TextWriter stdout, IReadOnlyList<TraceStep> trace, IStateSpace space, string header)
    {
        stdout.WriteLine(header);
        for (var i = 0; i < trace.Count; i++)
        {
            var step = trace[i];
            stdout.WriteLine($"State {i + 1}: {(step.Action is null ? "<Initial predicate>" : step.Action.Describe())}");
            stdout.WriteLine(step.State.ToTla(space.Variables));
            stdout.WriteLine();
        }
    }

    /// <summary>A behaviour in the JSON report: each step's action and the variables' values.</summary>
    internal static IReadOnlyList<JsonTraceStep> JsonTrace(IEnumerable<TraceStep> trace, IStateSpace space) =>
        [.. trace.Select(step => new JsonTraceStep(
            step.Action?.Name, step.Action?.Location?.ToString(),
            space.Variables.Select((name, i) => (name, value: step.State[i].ToString())).ToDictionary(p => p.name, p => p.value)))];

    private static void WriteJson(TextWriter stdout, CheckResult? result, IStateSpace? space, IEnumerable<Diagnostic> diagnostics, IReadOnlyList<string> notChecked)
    {
        var report = new JsonCheckReport(
            "specula.check/v1",
            result?.Verdict.ToString() ?? "InvalidInput",
            result?.Message,
            result?.ViolatedInvariant,
            result?.Location?.ToString(),
            result is null ? null : new JsonCheckStatistics(result.Statistics.Generated, result.Statistics.Distinct,
                result.Statistics.LeftOnQueue, result.Statistics.Depth, result.Statistics.Elapsed.TotalSeconds),
            result is null || space is null ? [] : JsonTrace(result.Trace, space),
            result is null ? [] : [.. result.Coverage.Select(c => new JsonCoverage(c.Action.Name, c.Action.Location?.ToString(), c.Generated, c.Distinct))],
            [.. diagnostics.Select(d => new JsonCheckDiagnostic(d.Code, d.Severity == DiagnosticSeverity.Error ? "error" : "warning", d.Message, d.Location.ToString()))],
            [.. notChecked]);
        stdout.WriteLine(JsonSerializer.Serialize(report, CheckJsonContext.Default.JsonCheckReport));
    }
}

internal sealed record JsonCheckReport(
    string Schema,
    string Verdict,
    string? Message,
    string? ViolatedInvariant,
    string? Location,
    JsonCheckStatistics? Statistics,
    IReadOnlyList<JsonTraceStep> Trace,
    IReadOnlyList<JsonCoverage> Coverage,
    IReadOnlyList<JsonCheckDiagnostic> Diagnostics,
    IReadOnlyList<string> NotChecked)
{
    /// <summary>For <c>--simulate</c>: the simulation's settings and counts; absent for exhaustive checking.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonSimulation? Simulation { get; init; }
}

/// <summary>A simulation in the JSON report: the seed that reproduces it, its settings and its counts.</summary>
internal sealed record JsonSimulation(long Seed, int Depth, long? Requested, int Workers, long Behaviours, long Generated, double MeanLength, int MaxLength, long? FailedBehaviour);

internal sealed record JsonCheckStatistics(long Generated, long Distinct, long LeftOnQueue, int Depth, double Seconds);

internal sealed record JsonTraceStep(string? Action, string? Location, IReadOnlyDictionary<string, string> State);

internal sealed record JsonCoverage(string Action, string? Location, long Generated, long Distinct);

internal sealed record JsonCheckDiagnostic(string Code, string Severity, string Message, string Location);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(JsonCheckReport))]
internal sealed partial class CheckJsonContext : JsonSerializerContext;
