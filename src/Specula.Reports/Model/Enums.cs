using System.Text.Json.Serialization;

namespace Specula.Reports.Model;

/// <summary>What a transcript record tells; the <c>kind</c> field of <c>specula.transcript/v1</c>.</summary>
public enum TranscriptKind
{
    /// <summary>The run began: target, reasoner, budget.</summary>
    [JsonStringEnumMemberName("runStarted")] RunStarted,

    /// <summary>A phase began, with its goal.</summary>
    [JsonStringEnumMemberName("phaseStarted")] PhaseStarted,

    /// <summary>A phase ended, with its outcome.</summary>
    [JsonStringEnumMemberName("phaseEnded")] PhaseEnded,

    /// <summary>A chat message to or from the reasoner.</summary>
    [JsonStringEnumMemberName("message")] Message,

    /// <summary>The reasoner called a tool.</summary>
    [JsonStringEnumMemberName("toolCall")] ToolCall,

    /// <summary>A tool answered.</summary>
    [JsonStringEnumMemberName("toolResult")] ToolResult,

    /// <summary>A parse, model-check or validation check ran.</summary>
    [JsonStringEnumMemberName("check")] Check,

    /// <summary>A spec file changed.</summary>
    [JsonStringEnumMemberName("specDiff")] SpecDiff,

    /// <summary>A gate decided what happens next.</summary>
    [JsonStringEnumMemberName("decision")] Decision,

    /// <summary>Running cost totals.</summary>
    [JsonStringEnumMemberName("cost")] Cost,

    /// <summary>The run ended, with its verdict.</summary>
    [JsonStringEnumMemberName("runEnded")] RunEnded,
}

/// <summary>How a run ended: the verdict of report.json and of the <c>runEnded</c> record.</summary>
public enum VerdictStatus
{
    /// <summary>Every trace conforms and every invariant holds.</summary>
    [JsonStringEnumMemberName("conforming")] Conforming,

    /// <summary>Some trace does not conform to the spec.</summary>
    [JsonStringEnumMemberName("diverging")] Diverging,

    /// <summary>Some invariant is violated.</summary>
    [JsonStringEnumMemberName("violating")] Violating,

    /// <summary>The budget ran out before the spec conformed.</summary>
    [JsonStringEnumMemberName("budgetExhausted")] BudgetExhausted,

    /// <summary>The run failed.</summary>
    [JsonStringEnumMemberName("error")] Error,

    /// <summary>The run was cancelled.</summary>
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}

/// <summary>Which reasoner drafts and repairs the spec.</summary>
public enum ReasonerKind
{
    /// <summary>The deterministic, trace-grounded synthesizer.</summary>
    [JsonStringEnumMemberName("synthesizer")] Synthesizer,

    /// <summary>A language model.</summary>
    [JsonStringEnumMemberName("llm")] Llm,
}

/// <summary>Who speaks in a <c>message</c> record.</summary>
public enum MessageRole
{
    /// <summary>The system prompt.</summary>
    [JsonStringEnumMemberName("system")] System,

    /// <summary>The user (or the loop speaking for it).</summary>
    [JsonStringEnumMemberName("user")] User,

    /// <summary>The reasoner.</summary>
    [JsonStringEnumMemberName("assistant")] Assistant,

    /// <summary>A tool's answer as the model sees it.</summary>
    [JsonStringEnumMemberName("tool")] Tool,
}

/// <summary>Which check a <c>check</c> record reports.</summary>
public enum CheckKind
{
    /// <summary>Parse and semantic check.</summary>
    [JsonStringEnumMemberName("parse")] Parse,

    /// <summary>Model checking of the invariants.</summary>
    [JsonStringEnumMemberName("modelCheck")] ModelCheck,

    /// <summary>Conformance of the traces.</summary>
    [JsonStringEnumMemberName("validate")] Validate,
}

/// <summary>What a gate decided at the end of a round.</summary>
public enum DecisionKind
{
    /// <summary>Go on with another round.</summary>
    [JsonStringEnumMemberName("continue")] Continue,

    /// <summary>Keep the change.</summary>
    [JsonStringEnumMemberName("accept")] Accept,

    /// <summary>Throw the change away.</summary>
    [JsonStringEnumMemberName("reject")] Reject,

    /// <summary>End the run.</summary>
    [JsonStringEnumMemberName("stop")] Stop,
}

/// <summary>Whether a run is still going; the <c>state</c> of run.json.</summary>
public enum RunStatus
{
    /// <summary>The run is going on, or was killed: <c>--resume</c> continues it.</summary>
    [JsonStringEnumMemberName("running")] Running,

    /// <summary>The run finished.</summary>
    [JsonStringEnumMemberName("done")] Done,
}
