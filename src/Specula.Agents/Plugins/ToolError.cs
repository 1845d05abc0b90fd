namespace Specula.Agents.Plugins;

/// <summary>An expected failure of a tool, returned to the reasoner as data: a stable code and a message it can act on.</summary>
/// <param name="Code">Stable code (AGT0xx for the loop's own; the wrapped library's code otherwise).</param>
/// <param name="Message">What went wrong and what to do instead.</param>
public sealed record ToolError(string Code, string Message);

/// <summary>A tool's result that may carry an error; the transcript's <c>ok</c> is whether it does not.</summary>
public interface IToolOutcome
{
    /// <summary>The failure, or null on success.</summary>
    ToolError? Error { get; }
}

/// <summary>The loop's own tool error codes.</summary>
public static class ToolErrorCodes
{
    /// <summary>A path outside the spec folder, or not a text file.</summary>
    public const string PathRefused = "AGT001";

    /// <summary>The file does not exist.</summary>
    public const string NotFound = "AGT002";

    /// <summary>The tool's arguments were not valid JSON or did not fit its parameters.</summary>
    public const string MalformedCall = "AGT003";

    /// <summary>The model named a tool that does not exist.</summary>
    public const string UnknownTool = "AGT004";

    /// <summary>The tool exists but is not allowed in this phase.</summary>
    public const string NotAllowed = "AGT005";

    /// <summary>A budget is spent; no more calls.</summary>
    public const string BudgetSpent = "AGT006";

    /// <summary>What the tool needs is not available in this build or on this machine.</summary>
    public const string NotAvailable = "AGT007";

    /// <summary>The tool failed unexpectedly.</summary>
    public const string Failed = "AGT008";
}
