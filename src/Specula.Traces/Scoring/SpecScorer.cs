using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Specula.Tla.Checking;
using Specula.Tla.Diagnostics;
using Specula.Tla.Evaluation;
using Specula.Traces.Validation;

namespace Specula.Traces.Scoring;

/// <summary>What to score and how hard to look.</summary>
/// <param name="SpecPath">The spec.</param>
/// <param name="ConfigPath">Its model configuration (constants, INIT/NEXT or SPECIFICATION, INVARIANTS).</param>
/// <param name="MapPath">The trace map, for conformance; null to skip conformance.</param>
/// <param name="TraceFiles">Traces, for conformance.</param>
/// <param name="Invariants">Invariants to check; empty: those the configuration names.</param>
/// <param name="Walks">Random walks of the runtime-coverage simulation.</param>
/// <param name="Depth">Steps per walk.</param>
/// <param name="Seed">Seed of the simulation.</param>
/// <param name="MaxStates">Distinct states explored per invariant (a bounded model check: a limit reached counts as held).</param>
public sealed record ScoreRequest(string SpecPath, string ConfigPath, string? MapPath, IReadOnlyList<string> TraceFiles, IReadOnlyList<string> Invariants,
    int Walks = 20, int Depth = 50, long Seed = 1, long MaxStates = 200_000);

/// <summary>One dimension of the score.</summary>
/// <param name="Score">0–100, or null when it could not be measured (no traces given, the spec does not load).</param>
/// <param name="Detail">What the figure is made of, in words.</param>
public sealed record ScorePart(double? Score, string Detail);

/// <summary>An invariant's outcome under bounded model checking.</summary>
/// <param name="Name">The invariant.</param>
/// <param name="Holds">True when no violation was found within the bound.</param>
/// <param name="Exhaustive">True when every reachable state was explored.</param>
/// <param name="Message">Why it failed, when it did.</param>
public sealed record InvariantScore(string Name, bool Holds, bool Exhaustive, string? Message);

/// <summary>
/// A spec's quality in SysMoBench's four dimensions, each 0–100: syntax (it parses and checks), runtime coverage
/// (the share of its actions a random simulation enables without an evaluation error), conformance (per-action
/// acceptance of the traces) and invariants (the share that hold under model checking), and their mean.
/// </summary>
/// <param name="Syntax">Parse and semantic check.</param>
/// <param name="Runtime">Runtime coverage.</param>
/// <param name="Conformance">Conformance to traces.</param>
/// <param name="Invariants">Invariants.</param>
/// <param name="Overall">The mean of the parts that were measured.</param>
/// <param name="Actions">Per action: enabled in the simulation, and whether it raised an error.</param>
/// <param name="InvariantResults">Per invariant.</param>
public sealed record SpecScore(ScorePart Syntax, ScorePart Runtime, ScorePart Conformance, ScorePart Invariants, double Overall,
    ImmutableArray<ActionRuntime> Actions, ImmutableArray<InvariantScore> InvariantResults)
{
    /// <summary>The score as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, ScoreJson.Default.SpecScore);
}

/// <summary>An action in the runtime-coverage simulation.</summary>
/// <param name="Action">The action (as the model checker names it).</param>
/// <param name="Enabled">Times it had a successor.</param>
/// <param name="Error">The first evaluation error it raised, if any.</param>
public sealed record ActionRuntime(string Action, int Enabled, string? Error);

/// <summary>Scores specs (<c>specula score</c>).</summary>
public static class SpecScorer
{
    /// <summary>Scores the spec of <paramref name="request"/>.</summary>
    public static SpecScore Score(ScoreRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var load = ModelLoader.Load(request.SpecPath, request.ConfigPath, cancellationToken: cancellationToken);
        var errors = load.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var syntaxErrors = errors.Count(d => d.Code.StartsWith("TLA1", StringComparison.Ordinal) || d.Code.StartsWith("TLA2", StringComparison.Ordinal) || d.Code.StartsWith("TLA3", StringComparison.Ordinal));
        var syntax = new ScorePart(syntaxErrors == 0 ? 100 : 0,
            syntaxErrors == 0 ? "parses and passes the semantic checks" : $"{syntaxErrors} parse or semantic errors, first: {errors[0]}");
        if (load.Model is not { Definitions: { } definitions } model)
        {
            var why = errors.Count == 0 ? "the configuration names no behaviour" : $"the model does not load: {errors[0]}";
            var none = new ScorePart(null, why);
            return new SpecScore(syntax, none, none, none, syntax.Score ?? 0, [], []);
        }

        var (runtime, actions) = Runtime(model, definitions, request, cancellationToken);
        var conformance = Conformance(request, cancellationToken);
        var (invariants, invariantResults) = CheckInvariants(model, definitions, request, cancellationToken);
        var measured = new[] { syntax, runtime, conformance, invariants }.Where(p => p.Score is not null).Select(p => p.Score!.Value).ToList();
        return new SpecScore(syntax, runtime, conformance, invariants, Math.Round(measured.Average(), 1), actions, invariantResults);
    }

    private static (ScorePart Part, ImmutableArray<ActionRuntime> Actions) Runtime(LoadedModel model, ModelDefinitions definitions, ScoreRequest request,
        CancellationToken cancellationToken)
    {
        var space = SpecStateSpace.Create(model.Context, definitions with { Invariants = [] });
        var enabled = new int[space.Actions.Length];
        var failures = new string?[space.Actions.Length];
        var random = new Random(unchecked((int)request.Seed));
        var initial = new Collector();
        try
        {
            space.InitialStates(initial);
        }
        catch (EvaluationException ex)
        {
            return (new ScorePart(0, $"the initial predicate fails: {ex.Message}"), []);
        }
        if (initial.States.Count == 0)
        {
            return (new ScorePart(0, "the initial predicate has no solution"), []);
        }
        for (var walk = 0; walk < request.Walks; walk++)
        {
            var state = initial.States[random.Next(initial.States.Count)];
            for (var step = 0; step < request.Depth; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var successors = new Collector();
                for (var a = 0; a < space.Actions.Length; a++)
                {
                    var before = successors.States.Count;
                    try
                    {
                        space.Successors(state, a, successors);
                    }
                    catch (EvaluationException ex)
                    {
                        failures[a] ??= ex.Location is { } l ? $"{Path.GetFileName(l.Path)}:{l.Line}:{l.Column}: {ex.Message}" : ex.Message;
                    }
                    enabled[a] += successors.States.Count > before ? 1 : 0;
                }
                if (successors.States.Count == 0)
                {
                    break;
                }
                state = successors.States[random.Next(successors.States.Count)];
            }
        }
        // An action is a definition: Send(n1, n2) and Send(n1, n1) are one action, enabled when any instance is.
        var actions = space.Actions.Select((a, i) => (Name: ActionName(a.Name), Enabled: enabled[i], Error: failures[i]))
            .GroupBy(a => a.Name, StringComparer.Ordinal)
            .Select(g => new ActionRuntime(g.Key, g.Sum(a => a.Enabled), g.Select(a => a.Error).FirstOrDefault(e => e is not null)))
            .ToImmutableArray();
        var good = actions.Count(a => a.Enabled > 0 && a.Error is null);
        return (new ScorePart(100.0 * good / Math.Max(1, actions.Length),
            $"{good} of {actions.Length} actions enabled without error in {request.Walks} random walks of {request.Depth} steps (seed {request.Seed})"), actions);
    }

    private static string ActionName(string instance) => instance.IndexOf('(', StringComparison.Ordinal) is var open and > 0 ? instance[..open] : instance;

    private static ScorePart Conformance(ScoreRequest request, CancellationToken cancellationToken)
    {
        if (request.MapPath is null || request.TraceFiles.Count == 0)
        {
            return new ScorePart(null, "no traces given");
        }
        var report = TraceValidation.Run(new ValidationRequest(request.MapPath, request.TraceFiles, request.SpecPath, request.ConfigPath), cancellationToken: cancellationToken);
        if (!report.Diagnostics.IsEmpty || report.Actions.IsEmpty)
        {
            return new ScorePart(0, report.Diagnostics.IsEmpty ? "no trace event maps to an action" : $"validation could not run: {report.Diagnostics[0]}");
        }
        var rate = report.Actions.Average(a => a.Rate);
        return new ScorePart(Math.Round(100 * rate, 1),
            $"mean per-action acceptance over {report.Actions.Length} actions; {report.Conforming} of {report.Traces.Length} traces conform");
    }

    private static (ScorePart Part, ImmutableArray<InvariantScore> Results) CheckInvariants(LoadedModel model, ModelDefinitions definitions, ScoreRequest request,
        CancellationToken cancellationToken)
    {
        var names = request.Invariants.Count > 0 ? request.Invariants : [.. definitions.Invariants.Select(i => i.Name)];
        if (names.Count == 0)
        {
            return (new ScorePart(null, "no invariants given or named by the configuration"), []);
        }
        var results = ImmutableArray.CreateBuilder<InvariantScore>();
        foreach (var name in names)
        {
            NamedFormula invariant;
            try
            {
                invariant = definitions.Invariants.FirstOrDefault(i => i.Name == name) ?? new NamedFormula(name, ModelDefinitions.Body(model.Context, name));
            }
            catch (EvaluationException ex)
            {
                results.Add(new InvariantScore(name, false, false, ex.Message));
                continue;
            }
            var space = SpecStateSpace.Create(model.Context, definitions with { Invariants = [invariant] });
            var result = ModelChecker.Run(space, new CheckOptions { MaxStates = request.MaxStates, CheckDeadlock = false }, cancellationToken);
            var holds = result.Verdict is Verdict.Success or Verdict.LimitReached;
            results.Add(new InvariantScore(name, holds, result.Verdict == Verdict.Success,
                holds ? null : result.Message ?? $"{result.Verdict} after {result.Trace.Length} steps"));
        }
        var held = results.Count(r => r.Holds);
        return (new ScorePart(100.0 * held / results.Count,
            $"{held} of {results.Count} invariants hold ({results.Count(r => r.Exhaustive)} checked exhaustively, the rest up to {request.MaxStates:N0} states)"),
            results.ToImmutable());
    }

    private sealed class Collector : IStateSink
    {
        public List<State> States { get; } = [];

        public void Add(State state, int action) => States.Add(state);
    }
}

/// <summary>JSON of scores.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(SpecScore))]
internal sealed partial class ScoreJson : JsonSerializerContext;
