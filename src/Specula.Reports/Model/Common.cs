namespace Specula.Reports.Model;

/// <summary>The system a run models: where its code came from.</summary>
/// <param name="Repo">Repository URL or local path.</param>
/// <param name="Commit">The commit the traces were taken from, when known.</param>
/// <param name="Path">The folder inside the repository that holds the system.</param>
public sealed record RunTarget(string Repo, string? Commit = null, string? Path = null);

/// <summary>Which reasoner a run uses.</summary>
/// <param name="Kind">Synthesizer or language model.</param>
/// <param name="Model">The model name (language models only).</param>
/// <param name="Endpoint">The endpoint the model is served from (language models only).</param>
public sealed record ReasonerInfo(ReasonerKind Kind, string? Model = null, string? Endpoint = null);

/// <summary>What a run may spend; a null limit means none.</summary>
public sealed record RunBudget(int? Rounds = null, long? Tokens = null, decimal? Money = null, double? WallSeconds = null);

/// <summary>What a run has spent so far (running totals).</summary>
public sealed record CostTotals(long PromptTokens, long CompletionTokens, decimal Money, double WallSeconds)
{
    /// <summary>Nothing spent yet.</summary>
    public static CostTotals Zero { get; } = new(0, 0, 0m, 0);
}
