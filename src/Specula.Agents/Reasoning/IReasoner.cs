using Specula.Agents.Checks;
using Specula.Agents.Phases;
using Specula.Agents.Plugins;
using Specula.Agents.Runs;
using Specula.Reports.Model;

namespace Specula.Agents.Reasoning;

/// <summary>A whole-file edit of the spec folder proposed by a reasoner (null content deletes the file).</summary>
/// <param name="File">Relative to the spec folder.</param>
/// <param name="Content">The new content.</param>
public sealed record SpecEdit(string File, string? Content);

/// <summary>Why a reasoner could not take its turn.</summary>
/// <param name="Code">Stable code: LLM001 unreachable, LLM002 bad response, LLM003 budget.</param>
/// <param name="Message">One line for the user (never a secret).</param>
/// <param name="Fatal">The run cannot go on (e.g. the model endpoint is unreachable).</param>
public sealed record ReasonerFailure(string Code, string Message, bool Fatal);

/// <summary>A reasoner's turn: edits to apply (a reasoner that wrote through the spec tools returns none), and whether it considers the phase done.</summary>
/// <param name="Edits">Edits the orchestrator applies before checking.</param>
/// <param name="Done">The reasoner has nothing more to do in this phase.</param>
/// <param name="Note">What it did or concluded, for the transcript.</param>
/// <param name="Failure">Set when the turn failed.</param>
public sealed record ReasonerTurn(IReadOnlyList<SpecEdit> Edits, bool Done, string? Note = null, ReasonerFailure? Failure = null)
{
    /// <summary>A turn that changes nothing and ends the phase.</summary>
    public static ReasonerTurn Finished(string? note = null) => new([], true, note);

    /// <summary>A failed turn.</summary>
    public static ReasonerTurn Failed(ReasonerFailure failure) => new([], false, failure?.Message, failure);
}

/// <summary>Everything a reasoner sees for one turn; it reads state here and acts through edits or tools.</summary>
/// <param name="Phase">The phase.</param>
/// <param name="Round">The round number (1-based over the run).</param>
/// <param name="Target">The target system.</param>
/// <param name="Spec">The spec folder (read it; write through edits or the spec tools).</param>
/// <param name="Latest">The latest checks of the spec, null before there is a spec.</param>
/// <param name="Feedback">What the orchestrator rejected or noticed since the last turn (gates, refused paths).</param>
/// <param name="Traces">The collected traces.</param>
/// <param name="Tools">The gated tools of this phase.</param>
/// <param name="SystemPrompt">The rendered system prompt.</param>
/// <param name="Prompt">The rendered phase prompt.</param>
/// <param name="Budget">What the run has spent; a reasoner stops when it is exhausted.</param>
public sealed record ReasonerContext(
    PhaseDefinition Phase,
    int Round,
    RunTarget Target,
    SpecFolder Spec,
    CheckSuite? Latest,
    IReadOnlyList<string> Feedback,
    IReadOnlyList<TraceFileInfo> Traces,
    ToolBox Tools,
    string SystemPrompt,
    string Prompt,
    BudgetTracker Budget);

/// <summary>
/// Proposes the next step of a phase: spec-folder edits or tool calls. The orchestrator, shared by every reasoner,
/// applies the gates, runs the checks, keeps the budgets and the transcript; a reasoner only reasons.
/// An LLM agent and the deterministic synthesizer both implement it.
/// </summary>
public interface IReasoner
{
    /// <summary>What the transcript and report say about the reasoner (kind, model, endpoint; never a key).</summary>
    ReasonerInfo Info { get; }

    /// <summary>
    /// Whether the same context always gives the same turn: then a turn that ends the phase with no change ends it for
    /// good, as asking again would only spend the budget.
    /// </summary>
    bool IsDeterministic => false;

    /// <summary>Takes one turn of <paramref name="context"/>'s phase.</summary>
    Task<ReasonerTurn> ProposeAsync(ReasonerContext context, CancellationToken cancellationToken);
}
