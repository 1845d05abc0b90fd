using System.Text.Json;

namespace Specula.Reports.Model;

/// <summary>The data of a <c>runStarted</c> record.</summary>
public sealed record RunStartedData(string RunId, RunTarget Target, ReasonerInfo Reasoner, RunBudget Budget);

/// <summary>The data of a <c>phaseStarted</c> record.</summary>
public sealed record PhaseStartedData(string Phase, string Goal);

/// <summary>The data of a <c>phaseEnded</c> record.</summary>
public sealed record PhaseEndedData(string Phase, string Outcome);

/// <summary>The data of a <c>message</c> record; token counts are those of this message, when the model reports them.</summary>
public sealed record MessageData(MessageRole Role, string Content, long? PromptTokens = null, long? CompletionTokens = null);

/// <summary>The data of a <c>toolCall</c> record; <paramref name="Id"/> pairs it with its <c>toolResult</c>.</summary>
public sealed record ToolCallData(string Id, string Plugin, string Function, JsonElement Arguments);

/// <summary>The data of a <c>toolResult</c> record.</summary>
public sealed record ToolResultData(string Id, bool Ok, double Milliseconds, JsonElement? Result = null, string? Error = null);

/// <summary>The data of a <c>check</c> record; for <see cref="CheckKind.Validate"/>, <paramref name="Details"/> holds <see cref="ValidateDetails"/>.</summary>
public sealed record CheckData(CheckKind Check, bool Ok, string Summary, JsonElement? Details = null);

/// <summary>The details of a <c>validate</c> check: the divergences are <c>specula.divergence/v1</c> objects, passed through untouched.</summary>
public sealed record ValidateDetails(int Traces, int Conforming, IReadOnlyList<JsonElement> Divergences);

/// <summary>The data of a <c>specDiff</c> record: <paramref name="Diff"/> is a unified diff of <paramref name="File"/>.</summary>
public sealed record SpecDiffData(string File, string Diff, string? BeforeHash = null, string? AfterHash = null);

/// <summary>The data of a <c>decision</c> record: what the gate named <paramref name="Gate"/> decided and why.</summary>
public sealed record DecisionData(DecisionKind Decision, string Reason, string? Gate = null);

/// <summary>The data of a <c>runEnded</c> record.</summary>
public sealed record RunEndedData(VerdictStatus Verdict, string? Reason = null);
