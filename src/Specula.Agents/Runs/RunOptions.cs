using Specula.Agents.Checks;
using Specula.Reports.Model;

namespace Specula.Agents.Runs;

/// <summary>What one run is given. Validated by <see cref="Orchestrator"/> before anything is written.</summary>
public sealed record RunOptions
{
    /// <summary>The run folder (created when missing).</summary>
    public required string RunFolder { get; init; }

    /// <summary>The target system.</summary>
    public required RunTarget Target { get; init; }

    /// <summary>Continue the run in <see cref="RunFolder"/> from its last checkpoint instead of starting one.</summary>
    public bool Resume { get; init; }

    /// <summary>The run's budget.</summary>
    public BudgetLimits Budget { get; init; } = new();

    /// <summary>Limits of each model-checking step.</summary>
    public ModelCheckLimits ModelCheck { get; init; } = new();

    /// <summary>A spec folder to start from (copied into the run's spec/ on a new run); null to draft one.</summary>
    public string? InitialSpec { get; init; }

    /// <summary>Trace files to copy into the run's traces/ on a new run.</summary>
    public IReadOnlyList<string> InitialTraces { get; init; } = [];

    /// <summary>Secrets (API keys, tokens) masked in every transcript line.</summary>
    public IReadOnlyList<string> Secrets { get; init; } = [];

    /// <summary>The run's id; derived from the clock when null.</summary>
    public string? RunId { get; init; }
}

/// <summary>How a run ended.</summary>
/// <param name="Verdict">conforming, budgetExhausted, cancelled, ...</param>
/// <param name="Reason">One sentence: which budget, which error.</param>
/// <param name="RunFolder">Where everything is.</param>
/// <param name="Report">The report written to report.json.</param>
/// <param name="Fatal">The reasoner's fatal failure, when that ended the run (e.g. the model endpoint is unreachable).</param>
public sealed record RunOutcome(VerdictStatus Verdict, string Reason, string RunFolder, RunReport? Report, Reasoning.ReasonerFailure? Fatal = null);
