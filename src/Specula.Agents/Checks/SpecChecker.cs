using System.Globalization;
using Specula.Tla.Checking;
using Specula.Tla.Diagnostics;
using Specula.Tla.Evaluation;
using Specula.Tla.Semantics;

namespace Specula.Agents.Checks;

/// <summary>Limits of the model-checking step: the loop must not hang on a spec with an unbounded state space.</summary>
/// <param name="MaxStates">Stop after this many distinct states (then the verdict is LimitReached, which counts as holding within the bound).</param>
/// <param name="MaxTime">Stop after this much time.</param>
/// <param name="Workers">Worker threads.</param>
public sealed record ModelCheckLimits(long MaxStates = 200_000, TimeSpan? MaxTime = null, int Workers = 1);

/// <summary>
/// Runs the engine on a spec folder: parse and semantic check of the spec module, model checking with MC.cfg, trace
/// validation. Results are the engine's structured data (codes, file:line:col, states, counterexamples), not prose,
/// so reasoners and gates read them as data.
/// </summary>
public sealed class SpecChecker(ITraceValidation validation, TimeProvider clock)
{
    /// <summary>The model-checking configuration every spec folder has.</summary>
    public const string ConfigFile = "MC.cfg";

    /// <summary>Finds the spec module of a folder: TraceMap.yaml's <c>spec</c>, else its only .tla besides Trace.tla and MC.tla.</summary>
    public static string? FindModule(string specFolder)
    {
        if (!Directory.Exists(specFolder))
        {
            return null;
        }
        var map = Path.Combine(specFolder, "TraceMap.yaml");
        if (File.Exists(map) && TraceMapFacts.Read(File.ReadAllText(map)).Spec is { } named && File.Exists(Path.Combine(specFolder, named)))
        {
            return named;
        }
        var candidates = Directory.EnumerateFiles(specFolder, "*.tla")
            .Select(Path.GetFileName)
            .Where(n => n is not ("Trace.tla" or "MC.tla"))
            .Order(StringComparer.Ordinal)
            .ToList();
        return candidates.FirstOrDefault();
    }

    /// <summary>Parses and semantically checks the spec module.</summary>
    public static ParseCheck Parse(string specFolder)
    {
        var module = FindModule(specFolder);
        if (module is null)
        {
            return new ParseCheck(false, null, [new DiagnosticInfo("SPEC001", "error", "The spec folder has no .tla module.", "spec:1:1")]);
        }
        var modules = new ModuleSet();
        var source = modules.AddFile(Path.Combine(specFolder, module));
        if (source is null)
        {
            return new ParseCheck(false, module, [new DiagnosticInfo("SPEC001", "error", $"Cannot read {module}.", $"{module}:1:1")]);
        }
        IEnumerable<Diagnostic> diagnostics = source.Diagnostics;
        if (source.Module is not null)
        {
            diagnostics = diagnostics.Concat(SemanticChecker.Check(modules, source).Diagnostics);
        }
        var infos = diagnostics.Distinct().Select(d => Info(d, specFolder)).ToList();
        return new ParseCheck(source.Module is not null && infos.All(d => d.Severity != "error"), module, infos);
    }

    /// <summary>Model-checks the spec module with MC.cfg within <paramref name="limits"/>.</summary>
    public ModelCheck ModelCheck(string specFolder, ModelCheckLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var module = FindModule(specFolder);
        var config = Path.Combine(specFolder, ConfigFile);
        if (module is null || !File.Exists(config))
        {
            return Invalid([], [new DiagnosticInfo("SPEC002", "error", module is null ? "The spec folder has no .tla module." : "The spec folder has no MC.cfg.", $"{ConfigFile}:1:1")]);
        }
        var loaded = ModelLoader.Load(Path.Combine(specFolder, module), config, cancellationToken: cancellationToken);
        var diagnostics = loaded.Diagnostics.Select(d => Info(d, specFolder)).ToList();
        if (loaded.Model is not { } model)
        {
            return Invalid([], diagnostics);
        }
        var invariants = model.Config.Invariants.Select(i => i.Name).ToList();
        if (model.Definitions is null)
        {
            return new ModelCheck(true, nameof(Verdict.Success), null, null, null, 0, 0, 0, 0, invariants, invariants, [], diagnostics);
        }
        IStateSpace space;
        try
        {
            space = model.CreateStateSpace();
        }
        catch (EvaluationException ex)
        {
            return Invalid(invariants, [.. diagnostics, new DiagnosticInfo(ModelCodes.EvaluationFailed, "error", ex.Message, $"{module}:1:1")]);
        }
        var options = new CheckOptions
        {
            Workers = Math.Max(1, limits.Workers),
            CheckDeadlock = model.Config.CheckDeadlock,
            MaxStates = limits.MaxStates,
            MaxTime = limits.MaxTime,
            Clock = clock,
        };
        CheckResult result;
        try
        {
            result = ModelChecker.Run(space, options, cancellationToken);
        }
        catch (EvaluationException ex)
        {
            return Invalid(invariants, [.. diagnostics, new DiagnosticInfo(ModelCodes.EvaluationFailed, "error", ex.Message, $"{module}:1:1")]);
        }
        cancellationToken.ThrowIfCancellationRequested();
        // A bounded search that found no violation is as much as the loop can know: the invariants held in every state seen.
        var ok = result.Verdict is Verdict.Success or Verdict.LimitReached;
        var holding = result.Verdict switch
        {
            Verdict.Success or Verdict.LimitReached or Verdict.Deadlock => invariants,
            Verdict.InvariantViolated => [.. invariants.Where(i => i != result.ViolatedInvariant)],
            _ => [],
        };
        var counterexample = result.Trace.Select(step => new CounterexampleStepInfo(
            step.Action is null ? "Initial predicate" : $"{step.Action.Name}{(step.Action.Location is { } l ? " at " + Relative(l, specFolder) : "")}",
            space.Variables.Select((name, i) => (name, value: step.State[i].ToString())).ToDictionary(p => p.name, p => p.value, StringComparer.Ordinal)))
            .ToList();
        return new ModelCheck(ok, result.Verdict.ToString(), result.Message, result.ViolatedInvariant,
            result.Location is { } location ? Relative(location, specFolder) : null,
            result.Statistics.Generated, result.Statistics.Distinct, result.Statistics.Depth, result.Statistics.Elapsed.TotalSeconds,
            invariants, holding, counterexample, diagnostics);
    }

    /// <summary>Validates <paramref name="traces"/> against the spec folder.</summary>
    public ValidationCheck Validate(string specFolder, IReadOnlyList<string> traces, CancellationToken cancellationToken) =>
        validation.Validate(specFolder, traces, cancellationToken);

    /// <summary>Runs parse, then (when it parses) model checking and validation of <paramref name="traces"/>.</summary>
    public CheckSuite Run(string specFolder, IReadOnlyList<string> traces, ModelCheckLimits limits, CancellationToken cancellationToken)
    {
        var parse = Parse(specFolder);
        if (!parse.Ok)
        {
            return new CheckSuite(parse, null, null);
        }
        var model = ModelCheck(specFolder, limits, cancellationToken);
        var validated = validation.Validate(specFolder, traces, cancellationToken);
        return new CheckSuite(parse, model, validated);
    }

    private static ModelCheck Invalid(IReadOnlyList<string> invariants, IReadOnlyList<DiagnosticInfo> diagnostics) =>
        new(false, "InvalidInput", diagnostics.FirstOrDefault(d => d.Severity == "error")?.Message, null, null, 0, 0, 0, 0, invariants, [], [], diagnostics);

    private static DiagnosticInfo Info(Diagnostic d, string specFolder) =>
        new(d.Code, d.Severity == DiagnosticSeverity.Error ? "error" : "warning", d.Message, Relative(d.Location, specFolder));

    private static string Relative(SourceLocation location, string specFolder)
    {
        var path = location.Path;
        if (Path.IsPathRooted(path))
        {
            var relative = Path.GetRelativePath(specFolder, path);
            path = relative.StartsWith("..", StringComparison.Ordinal) ? Path.GetFileName(path) : relative.Replace('\\', '/');
        }
        return string.Create(CultureInfo.InvariantCulture, $"{path}:{location.Line}:{location.Column}");
    }
}
