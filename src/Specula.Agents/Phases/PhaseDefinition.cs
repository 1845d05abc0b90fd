namespace Specula.Agents.Phases;

/// <summary>A condition on the run's state, named in a phase file's <c>exit</c> and <c>skipWhen</c> lists.</summary>
public enum PhaseCriterion
{
    /// <summary>The spec folder has a module and an MC.cfg.</summary>
    SpecPresent,

    /// <summary>The spec module parses and passes the semantic checks.</summary>
    SpecParses,

    /// <summary>Model checking of MC.cfg found no violation.</summary>
    InvariantsHold,

    /// <summary>The run folder holds at least one trace.</summary>
    TracesPresent,

    /// <summary>Parses, invariants hold and every trace conforms.</summary>
    Conforming,

    /// <summary>The reasoner said it is done with the phase (an answer without tool calls or edits).</summary>
    ReasonerDone,

    /// <summary>The target has a harness manifest (specula.yaml).</summary>
    HarnessPresent,

    /// <summary>No sandbox is available to this run.</summary>
    SandboxUnavailable,
}

/// <summary>A phase's own budget, inside the run's.</summary>
/// <param name="Rounds">Reasoner turns this phase may take before the loop moves on.</param>
/// <param name="ToolCalls">Tool calls per turn (malformed and unknown ones included).</param>
public sealed record PhaseBudget(int Rounds, int ToolCalls);

/// <summary>
/// One phase of the loop, read from agents/*.yaml: what it is for, which tools the reasoner may use, when it is
/// over and how much it may spend. Phases are data so their order, tools and limits change without code.
/// </summary>
/// <param name="Name">The phase's name (analyze, draft, ...).</param>
/// <param name="Goal">One sentence, shown to the reasoner and in the transcript.</param>
/// <param name="Prompt">The prompt template's file in prompts/.</param>
/// <param name="UsesReasoner">False for phases the orchestrator runs alone (validate, report).</param>
/// <param name="Tools">Allowed tools as <c>plugin.function</c>.</param>
/// <param name="Exit">Conditions that all hold when the phase is done.</param>
/// <param name="SkipWhen">Conditions of which any, holding at the start, skips the phase.</param>
/// <param name="Budget">The phase's budget.</param>
/// <param name="Source">The file it was read from.</param>
public sealed record PhaseDefinition(
    string Name,
    string Goal,
    string? Prompt,
    bool UsesReasoner,
    IReadOnlyList<string> Tools,
    IReadOnlyList<PhaseCriterion> Exit,
    IReadOnlyList<PhaseCriterion> SkipWhen,
    PhaseBudget Budget,
    string Source);

/// <summary>A problem in a phase or prompt file, at a position, with a stable code.</summary>
/// <param name="File">The file.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Code">PHS001…</param>
/// <param name="Message">What is wrong.</param>
public sealed record PhaseError(string File, int Line, int Column, string Code, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}:{Column}: error {Code}: {Message}";
}

/// <summary>The loaded phases in order, with their prompt templates.</summary>
/// <param name="Phases">The phases in pipeline order.</param>
/// <param name="SystemPrompt">The system prompt template.</param>
/// <param name="Prompts">Prompt file → template text.</param>
public sealed record PhasePlan(IReadOnlyList<PhaseDefinition> Phases, string SystemPrompt, IReadOnlyDictionary<string, string> Prompts);

/// <summary>Loading phases: the plan, or every error found.</summary>
/// <param name="Plan">The plan when there was no error.</param>
/// <param name="Errors">Every error, in file order.</param>
public sealed record PhaseLoadResult(PhasePlan? Plan, IReadOnlyList<PhaseError> Errors);
