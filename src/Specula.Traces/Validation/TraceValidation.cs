using System.Collections.Concurrent;
using System.Collections.Immutable;
using Specula.Tla.Evaluation;
using Specula.Traces.Format;
using Specula.Traces.Mapping;

namespace Specula.Traces.Validation;

/// <summary>Progress of a validation run: a trace has been decided.</summary>
/// <param name="Done">Traces decided so far.</param>
/// <param name="Total">Traces in all.</param>
/// <param name="Verdict">The trace just decided.</param>
public sealed record ValidationProgress(int Done, int Total, TraceVerdict Verdict);

/// <summary>What to validate.</summary>
/// <param name="MapPath">The trace map (<c>TraceMap.yaml</c>).</param>
/// <param name="TraceFiles">Trace files (NDJSON).</param>
/// <param name="SpecPath">The spec, instead of the one the map names.</param>
/// <param name="ConfigPath">The configuration, instead of the one the map names.</param>
public sealed record ValidationRequest(string MapPath, IReadOnlyList<string> TraceFiles, string? SpecPath = null, string? ConfigPath = null);

/// <summary>What preparing a validation gave: the session, or the problems with the map or the spec.</summary>
/// <param name="Session">The map bound to its spec; null when there is any diagnostic.</param>
/// <param name="Diagnostics">Every problem found.</param>
public sealed record PreparedValidation(TraceValidationSession? Session, ImmutableArray<ValidationDiagnostic> Diagnostics);

/// <summary>A trace map bound to its loaded spec (<see cref="TraceValidation.Prepare"/>): validates trace files
/// without reading the map or loading the spec again.</summary>
public sealed class TraceValidationSession
{
    private readonly LoadedModel _model;
    private readonly MapBinding _binding;

    internal TraceValidationSession(LoadedModel model, MapBinding binding)
    {
        _model = model;
        _binding = binding;
    }

    /// <summary>Validates <paramref name="traceFiles"/>, in parallel over <paramref name="workers"/> (0: one per core).</summary>
    public ValidationReport Run(IReadOnlyList<string> traceFiles, ValidationOptions? options = null, int workers = 0,
        IProgress<ValidationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(traceFiles);
        return TraceValidation.Run(_model, _binding, traceFiles, options, workers, progress, cancellationToken);
    }
}

/// <summary>
/// Validation from files, as the CLI and the agent loop run it: the map (<c>TraceMap.yaml</c>) names the spec and its
/// configuration; each trace file is read, compiled against the map and validated. Traces are independent, so they
/// are validated in parallel, one stepper per worker; the report lists them in the order given.
/// </summary>
public static class TraceValidation
{
    /// <summary>Validates <paramref name="traceFiles"/> against the spec that <paramref name="mapPath"/> names.</summary>
    public static ValidationReport Run(string mapPath, IReadOnlyList<string> traceFiles, ValidationOptions? options = null, int workers = 0,
        IProgress<ValidationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Run(new ValidationRequest(mapPath, traceFiles), options, workers, progress, cancellationToken);

    /// <summary>Validates the traces of <paramref name="request"/>.</summary>
    public static ValidationReport Run(ValidationRequest request, ValidationOptions? options = null, int workers = 0,
        IProgress<ValidationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var prepared = Prepare(request);
        return prepared.Session is { } session
            ? session.Run(request.TraceFiles, options, workers, progress, cancellationToken)
            : Failed(prepared.Diagnostics);
    }

    /// <summary>
    /// Reads the map of <paramref name="request"/>, loads its spec and binds the two, once, for validating any number
    /// of trace files (<paramref name="request"/>'s own are not read): the session, or every problem found.
    /// </summary>
    public static PreparedValidation Prepare(ValidationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var mapResult = TraceMapReader.ReadFile(request.MapPath);
        if (mapResult.Map is not { } map || mapResult.Diagnostics.Count > 0)
        {
            return new(null, [.. mapResult.Diagnostics.Select(d => new ValidationDiagnostic(d.Code, d.Message + (d.Suggestion is null ? "" : $" Did you mean '{d.Suggestion}'?"), $"{d.File}:{d.Line}:{d.Column}"))]);
        }
        var specPath = request.SpecPath ?? map.ResolvedSpecPath;
        var configPath = request.ConfigPath ?? (request.SpecPath is null || map.ConfigPath is not null ? map.ResolvedConfigPath : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(specPath)) ?? ".", "MC.cfg"));
        if (!File.Exists(specPath) || !File.Exists(configPath))
        {
            var missing = File.Exists(specPath) ? configPath : specPath;
            return new(null, [new ValidationDiagnostic(ValidationCodes.BadSpec, $"There is no file {missing}.", request.MapPath)]);
        }
        var load = ModelLoader.Load(specPath, configPath);
        if (load.Model is not { Definitions: not null } model)
        {
            var problems = load.Diagnostics.Where(d => d.Severity == Tla.Diagnostics.DiagnosticSeverity.Error)
                .Select(d => new ValidationDiagnostic(d.Code, d.Message, $"{d.Location.Path}:{d.Location.Line}:{d.Location.Column}")).ToList();
            if (problems.Count == 0)
            {
                problems.Add(new ValidationDiagnostic(ValidationCodes.BadSpec, $"The configuration {configPath} names no behaviour (INIT and NEXT, or SPECIFICATION).", configPath));
            }
            return new(null, [.. problems]);
        }
        var (binding, bindProblems) = MapBinding.Bind(map, SpecStepper.Create(model));
        return binding is null ? new(null, bindProblems) : new(new TraceValidationSession(model, binding), []);
    }

    /// <summary>Validates <paramref name="traceFiles"/> with a bound map and spec.</summary>
    internal static ValidationReport Run(LoadedModel model, MapBinding binding, IReadOnlyList<string> traceFiles, ValidationOptions? options, int workers,
        IProgress<ValidationProgress>? progress, CancellationToken cancellationToken) =>
        RunCore(model, binding, traceFiles, options ?? ValidationOptions.Default, workers, progress, cancellationToken);

    private static ValidationReport RunCore(LoadedModel model, MapBinding binding, IReadOnlyList<string> traceFiles, ValidationOptions options, int workers,
        IProgress<ValidationProgress>? progress, CancellationToken cancellationToken)
    {
        var verdicts = new TraceVerdict?[traceFiles.Count];
        var diagnostics = new ConcurrentBag<(int Index, ValidationDiagnostic Diagnostic)>();
        var tallies = new ConcurrentBag<ActionTally>();
        var steppers = new ThreadLocal<(SpecStepper Stepper, TraceValidator Validator, ActionTally Tally)>(() =>
        {
            var stepper = SpecStepper.Create(model);
            var tally = new ActionTally();
            tallies.Add(tally);
            return (stepper, new TraceValidator(stepper, options), tally);
        });
        var done = 0;
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = workers > 0 ? workers : Math.Max(1, Environment.ProcessorCount),
            CancellationToken = cancellationToken,
        };
        try
        {
            Parallel.For(0, traceFiles.Count, parallel, i =>
            {
                var (_, validator, tally) = steppers.Value;
                var outcome = ValidateFile(traceFiles[i], binding, validator, cancellationToken);
                foreach (var d in outcome.Diagnostics)
                {
                    diagnostics.Add((i, d));
                }
                if (outcome.Verdict is { } verdict)
                {
                    tally.Add(outcome.Actions);
                    verdicts[i] = verdict;
                    progress?.Report(new ValidationProgress(Interlocked.Increment(ref done), traceFiles.Count, verdict));
                }
            });
        }
        finally
        {
            steppers.Dispose();
        }
        var actions = tallies.SelectMany(t => t.ToConformance())
            .GroupBy(a => a.Action, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ActionConformance(g.Key, g.Sum(a => a.Observed), g.Sum(a => a.Accepted)));
        return new ValidationReport([.. verdicts.OfType<TraceVerdict>()], [.. actions], [.. diagnostics.OrderBy(d => d.Index).Select(d => d.Diagnostic)]);
    }

    /// <summary>
    /// Reads, compiles and validates one file in one pass, event by event, so that memory does not grow with the
    /// trace. The outcome is the one of doing the three in turn: a file with a bad line gets the reader's diagnostics
    /// and no verdict, a file with events that do not compile gets those, and only a valid file gets a verdict and
    /// counts towards per-action conformance.
    /// </summary>
    private static (TraceVerdict? Verdict, ActionTally Actions, IReadOnlyList<ValidationDiagnostic> Diagnostics) ValidateFile(string path, MapBinding binding,
        TraceValidator validator, CancellationToken cancellationToken)
    {
        var compiler = binding.NewCompiler();
        var actions = new ActionTally();
        var problems = new List<ValidationDiagnostic>();
        TraceReplay? replay = null;
        EvaluationException? failure = null;
        var index = 0;
        var steps = 0;
        var read = TraceReader.StreamFile(path, e =>
        {
            var compiled = compiler.Compile(e, ++index);
            if (compiled.Problem is { } problem)
            {
                // A trace with hundreds of broken lines says the same thing hundreds of times: keep the first few.
                if (problems.Count < MapBinding.MaxProblems)
                {
                    problems.Add(problem);
                }
                return;
            }
            if (compiled.Step is not { } step)
            {
                return;
            }
            steps++;
            if (problems.Count > 0 || failure is not null)
            {
                return;
            }
            try
            {
                replay ??= validator.Start(TraceReader.NameOf(path), path, binding.Silent, actions, cancellationToken);
                replay.Advance(step);
            }
            catch (EvaluationException ex)
            {
                failure = ex;
            }
        }, cancellationToken: cancellationToken);
        if (!read.Ok)
        {
            return (null, actions, [.. read.Diagnostics.Take(10).Select(d => new ValidationDiagnostic(d.Code, d.Message, $"{d.File}:{d.Line}:{d.Column}"))]);
        }
        if (problems.Count > 0)
        {
            return (null, actions, problems);
        }
        try
        {
            replay ??= failure is null ? validator.Start(read.Name, path, binding.Silent, actions, cancellationToken) : null;
        }
        catch (EvaluationException ex)
        {
            failure = ex;
        }
        if (failure is not null || replay is null)
        {
            var at = failure?.Location is { } l ? $"{l.Path}:{l.Line}:{l.Column}" : null;
            return (null, actions, [new ValidationDiagnostic(ValidationCodes.BadInit, $"The spec cannot start: {failure?.Message}", at)]);
        }
        return (replay.Finish(read.Events, steps), actions, []);
    }

    private static ValidationReport Failed(ImmutableArray<ValidationDiagnostic> diagnostics) => new([], [], diagnostics);
}
