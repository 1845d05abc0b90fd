using System.Text.Json;
using System.Text.Json.Serialization;

namespace Specula.Reports.Model;

/// <summary>
/// report.json (<c>specula.report/v1</c>): what a run found, stable for tools and dashboards. Divergences stay the
/// validator's own <c>specula.divergence/v1</c> JSON, passed through untouched.
/// </summary>
public sealed record RunReport(
    string Schema,
    DateTimeOffset GeneratedAt,
    RunTarget Target,
    SpecInfo Spec,
    Verdict Verdict,
    SyntaxResult Syntax,
    ModelCheckingResult ModelChecking,
    ConformanceResult Conformance,
    IReadOnlyList<RoundSummary> Rounds,
    CostTotals Cost)
{
    /// <summary>The schema this version reads and writes.</summary>
    public const string SchemaV1 = "specula.report/v1";

    /// <summary>Writes the report atomically (temporary file, then rename).</summary>
    public void Write(string path) => VersionedJsonFile.WriteAtomically(path, this, ReportsJson.Indented.RunReport);

    /// <summary>Reads a report; a missing file, broken JSON or an unknown schema is a <see cref="FileError"/>.</summary>
    public static ReadResult<RunReport> Read(string path) => VersionedJsonFile.Read(path, SchemaV1, ReportsJsonContext.Default.RunReport);

    /// <summary>The report as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, ReportsJson.Indented.RunReport);
}

/// <summary>Which spec the report is about.</summary>
/// <param name="Folder">The spec folder, relative to the run folder.</param>
/// <param name="Module">The main module's name.</param>
/// <param name="Hash">A hash of the spec folder (<c>sha256:…</c>).</param>
public sealed record SpecInfo(string Folder, string Module, string? Hash = null);

/// <summary>The outcome in one word and one sentence.</summary>
public sealed record Verdict(VerdictStatus Status, string Summary);

/// <summary>The parse and semantic check of the final spec.</summary>
public sealed record SyntaxResult(bool Ok, IReadOnlyList<SyntaxDiagnostic> Diagnostics);

/// <summary>One diagnostic of the TLA+ front end.</summary>
/// <param name="Code">The stable code, e.g. <c>TLA2001</c>.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Location"><c>file:line:col</c>; always written, null when the diagnostic has no place.</param>
/// <param name="Severity"><c>error</c>, <c>warning</c> or <c>info</c>.</param>
public sealed record SyntaxDiagnostic(string Code, string Message, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Location, string Severity);

/// <summary>Model checking of the final spec with its MC.cfg.</summary>
public sealed record ModelCheckingResult(bool Ok, long DistinctStates, long GeneratedStates, int Depth, double Seconds, IReadOnlyList<InvariantResult> Invariants);

/// <summary>One invariant; a violated one carries the behaviour that breaks it.</summary>
public sealed record InvariantResult(string Name, bool Holds, IReadOnlyList<CounterexampleStep>? Counterexample = null);

/// <summary>One state of a counterexample and the action that led to it (<c>Init</c> for the first).</summary>
/// <param name="Action">The action, as TLC names it (e.g. <c>Timeout(n1)</c>).</param>
/// <param name="State">Variable → value, printed as TLA+.</param>
public sealed record CounterexampleStep(string Action, IReadOnlyDictionary<string, string> State);

/// <summary>How the recorded traces fit the spec.</summary>
/// <param name="Traces">Traces validated.</param>
/// <param name="Conforming">Traces the spec accepts in full.</param>
/// <param name="Actions">Per action: events seen and accepted.</param>
/// <param name="Divergences"><c>specula.divergence/v1</c> objects, one per diverging trace.</param>
public sealed record ConformanceResult(int Traces, int Conforming, IReadOnlyList<ActionConformance> Actions, IReadOnlyList<JsonElement> Divergences);

/// <summary>How many events mapped to <paramref name="Action"/> were observed and how many the spec accepted.</summary>
public sealed record ActionConformance(string Action, int Observed, int Accepted);

/// <summary>One round of the repair loop, as the report lists it.</summary>
/// <remarks>The nullable fields are always written (as null when unknown), so readers can require every field.</remarks>
public sealed record RoundSummary(
    int Round,
    string Phase,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? SpecHash,
    int TracesConforming,
    int InvariantsHolding,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DecisionKind? Decision);
