using System.ComponentModel;
using Microsoft.SemanticKernel;
using Specula.Agents.Checks;

namespace Specula.Agents.Plugins;

/// <summary>The result of the parse tool.</summary>
/// <param name="Result">Diagnostics with codes and file:line:col.</param>
/// <param name="Error">The failure.</param>
public sealed record TlaParseResult(ParseCheck? Result, ToolError? Error) : IToolOutcome;

/// <summary>The result of the model-check tool.</summary>
/// <param name="Result">Verdict, states, invariants, counterexample.</param>
/// <param name="Error">The failure.</param>
public sealed record TlaModelCheckResult(ModelCheck? Result, ToolError? Error) : IToolOutcome;

/// <summary>The result of the validate tool.</summary>
/// <param name="Result">Traces, conforming, divergences.</param>
/// <param name="Error">Validation is not available, or failed.</param>
public sealed record TlaValidateResult(ValidationCheck? Result, ToolError? Error) : IToolOutcome;

/// <summary>The TLA+ engine's checks on the spec folder, with structured results (not prose).</summary>
public sealed class TlaPlugin(SpecChecker checker, string specFolder, Func<IReadOnlyList<string>> traces, ModelCheckLimits limits)
{
    /// <summary>The plugin's name in tool calls.</summary>
    public const string Name = "tla";

    /// <summary>Parses the spec.</summary>
    [KernelFunction("parse"), Description("Parse and semantically check the spec module: diagnostics with stable codes (TLA1xxx lexical, TLA2xxx syntax, TLA3xxx semantic) at file:line:col.")]
    public TlaParseResult Parse() => new(SpecChecker.Parse(specFolder), null);

    /// <summary>Model-checks MC.cfg.</summary>
    [KernelFunction("model_check"), Description("Model-check the spec with MC.cfg (breadth-first): verdict, states, which invariants hold, and the shortest counterexample when one is violated.")]
    public TlaModelCheckResult ModelCheck(
        [Description("Stop after this many distinct states (capped by the run's limit)")] long? maxStates = null,
        [Description("Stop after this many seconds (capped by the run's limit)")] double? maxSeconds = null,
        CancellationToken cancellationToken = default)
    {
        var capped = limits with
        {
            MaxStates = maxStates is > 0 ? Math.Min(maxStates.Value, limits.MaxStates) : limits.MaxStates,
            MaxTime = maxSeconds is > 0 ? Min(TimeSpan.FromSeconds(maxSeconds.Value), limits.MaxTime) : limits.MaxTime,
        };
        return new TlaModelCheckResult(checker.ModelCheck(specFolder, capped, cancellationToken), null);
    }

    /// <summary>Validates the traces.</summary>
    [KernelFunction("validate"), Description("Validate every collected trace against the spec through TraceMap.yaml: how many conform, and for each diverging trace the event that cannot be taken, the failing conjunct with its location and values, and the mismatched variables.")]
    public TlaValidateResult Validate(CancellationToken cancellationToken = default)
    {
        var result = checker.Validate(specFolder, traces(), cancellationToken);
        return result.Available ? new TlaValidateResult(result, null) : new TlaValidateResult(result, new ToolError(ToolErrorCodes.NotAvailable, result.Error ?? "Validation is not available."));
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan? b) => b is { } limit && limit < a ? limit : a;
}
