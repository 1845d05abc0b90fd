using System.Text.Json;

namespace Specula.Agents.Checks;

/// <summary>A diagnostic of the TLA+ engine, as the reasoner and the transcript read it.</summary>
/// <param name="Code">Stable code (TLA2001, TLA4003, ...).</param>
/// <param name="Severity">"error" or "warning".</param>
/// <param name="Message">The engine's message.</param>
/// <param name="Location"><c>file:line:col</c>, the file relative to the spec folder.</param>
public sealed record DiagnosticInfo(string Code, string Severity, string Message, string Location);

/// <summary>Parse and semantic check of the spec folder's module.</summary>
/// <param name="Ok">No error.</param>
/// <param name="Module">The checked module's file, relative to the spec folder; null when there is none.</param>
/// <param name="Diagnostics">Every diagnostic.</param>
public sealed record ParseCheck(bool Ok, string? Module, IReadOnlyList<DiagnosticInfo> Diagnostics);

/// <summary>One state of a counterexample.</summary>
/// <param name="Action">The action that led to it, with its location; "Initial predicate" for the first.</param>
/// <param name="State">Variable → value, printed as TLA+.</param>
public sealed record CounterexampleStepInfo(string Action, IReadOnlyDictionary<string, string> State);

/// <summary>Model checking of MC.cfg with the engine's structured result.</summary>
/// <param name="Ok">Every reachable state (within the limits) satisfies every invariant, no deadlock, no error.</param>
/// <param name="Verdict">The engine's verdict: Success, InvariantViolated, Deadlock, EvaluationError, LimitReached, InvalidInput.</param>
/// <param name="Message">What went wrong, when something did.</param>
/// <param name="ViolatedInvariant">The violated invariant's name.</param>
/// <param name="Location">Where the failing expression is (file:line:col), when known.</param>
/// <param name="Generated">States generated.</param>
/// <param name="Distinct">Distinct states.</param>
/// <param name="Depth">Search depth.</param>
/// <param name="Seconds">Wall time.</param>
/// <param name="Invariants">The INVARIANT names of the configuration.</param>
/// <param name="InvariantsHolding">Those that held in every state explored.</param>
/// <param name="Counterexample">The shortest behaviour to the violation or error.</param>
/// <param name="Diagnostics">Load diagnostics (configuration and model errors).</param>
public sealed record ModelCheck(
    bool Ok,
    string Verdict,
    string? Message,
    string? ViolatedInvariant,
    string? Location,
    long Generated,
    long Distinct,
    int Depth,
    double Seconds,
    IReadOnlyList<string> Invariants,
    IReadOnlyList<string> InvariantsHolding,
    IReadOnlyList<CounterexampleStepInfo> Counterexample,
    IReadOnlyList<DiagnosticInfo> Diagnostics);

/// <summary>Validation of the collected traces against the spec.</summary>
/// <param name="Available">False when no validator could run (then nothing conforms).</param>
/// <param name="Traces">Traces validated.</param>
/// <param name="Conforming">Traces that conform.</param>
/// <param name="Divergences">One <c>specula.divergence/v1</c> object per diverging trace.</param>
/// <param name="Error">Why validation could not run.</param>
/// <param name="Actions">Per action, the observed steps mapped to it and how many the spec accepted (SysMoBench-style conformance).</param>
public sealed record ValidationCheck(bool Available, int Traces, int Conforming, IReadOnlyList<JsonElement> Divergences, string? Error,
    IReadOnlyList<Reports.Model.ActionConformance>? Actions = null)
{
    /// <summary>Every trace conforms (vacuously when there are none).</summary>
    public bool Ok => Available && Conforming == Traces;
}

/// <summary>The three checks the orchestrator runs after each change, in order; later ones are null when an earlier failed.</summary>
/// <param name="Parse">Parse and semantic check.</param>
/// <param name="ModelCheck">Model checking of MC.cfg; null when the spec does not parse.</param>
/// <param name="Validation">Trace validation; null when the spec does not parse.</param>
public sealed record CheckSuite(ParseCheck Parse, ModelCheck? ModelCheck, ValidationCheck? Validation)
{
    /// <summary>Parses, every invariant holds and every trace conforms.</summary>
    public bool Conforming => Parse.Ok && ModelCheck is { Ok: true } && Validation is { Ok: true };

    /// <summary>Names of the invariants that held in this check.</summary>
    public IReadOnlyList<string> InvariantsHolding => ModelCheck?.InvariantsHolding ?? [];

    /// <summary>One line for progress output and the transcript.</summary>
    public string Summary()
    {
        if (!Parse.Ok)
        {
            return Parse.Module is null ? "no spec module yet" : $"{Parse.Diagnostics.Count(d => d.Severity == "error")} parse error(s)";
        }
        var model = ModelCheck is null ? "not model-checked"
            : ModelCheck.Ok ? $"invariants hold ({ModelCheck.Invariants.Count}, {ModelCheck.Distinct} states)"
            : ModelCheck.ViolatedInvariant is { } v ? $"invariant {v} violated"
            : $"model checking: {ModelCheck.Verdict}";
        var traces = Validation is null ? "traces not validated"
            : !Validation.Available ? "validation not available"
            : Validation.Error is { } error ? $"traces not validated: {error}"
            : $"{Validation.Conforming}/{Validation.Traces} traces conform";
        return $"parses; {model}; {traces}";
    }
}
