using System.Globalization;

namespace Specula.Agents.Llm;

/// <summary>Which API the endpoint speaks.</summary>
public enum LlmProvider
{
    /// <summary>The OpenAI chat-completions API (OpenAI, vLLM, Ollama, LM Studio, llama.cpp ...).</summary>
    OpenAI,

    /// <summary>Azure OpenAI (deployment names, api-key header).</summary>
    AzureOpenAI,
}

/// <summary>How hard the HTTP client tries before the model counts as unreachable.</summary>
/// <param name="MaxRetries">Retries after the first attempt on 429, 5xx, timeouts and connection failures.</param>
/// <param name="BaseDelay">First backoff delay; doubled per retry, with jitter.</param>
/// <param name="MaxDelay">Longest backoff delay.</param>
/// <param name="MaxRetryAfter">Longest Retry-After honoured; a longer one is capped.</param>
/// <param name="AttemptTimeout">Timeout of one HTTP attempt.</param>
/// <param name="BreakerFailures">Failed attempts in <paramref name="BreakerWindow"/> (with no success) that open the circuit.</param>
/// <param name="BreakerWindow">The breaker's sampling window.</param>
/// <param name="BreakDuration">How long the open circuit refuses calls.</param>
/// <param name="JitterSeed">Seed of the jitter, so a run's delays can be reproduced.</param>
public sealed record LlmResilienceOptions(
    int MaxRetries = 4,
    TimeSpan? BaseDelay = null,
    TimeSpan? MaxDelay = null,
    TimeSpan? MaxRetryAfter = null,
    TimeSpan? AttemptTimeout = null,
    int BreakerFailures = 6,
    TimeSpan? BreakerWindow = null,
    TimeSpan? BreakDuration = null,
    int JitterSeed = 1);

/// <summary>
/// Where the language model is and how to reach it. The key is never printed: <see cref="ToString"/> leaves it out
/// and the transcript's redactor masks it.
/// </summary>
public sealed record LlmOptions
{
    /// <summary>Environment variable of the endpoint (base URL).</summary>
    public const string EndpointVariable = "SPECULA_LLM_ENDPOINT";

    /// <summary>Environment variable of the model (or Azure deployment).</summary>
    public const string ModelVariable = "SPECULA_LLM_MODEL";

    /// <summary>Environment variable of the API key.</summary>
    public const string ApiKeyVariable = "SPECULA_LLM_API_KEY";

    /// <summary>Environment variable choosing the provider: openai (default) or azure.</summary>
    public const string ProviderVariable = "SPECULA_LLM_PROVIDER";

    /// <summary>The API.</summary>
    public LlmProvider Provider { get; init; } = LlmProvider.OpenAI;

    /// <summary>Base URL (OpenAI: ending in /v1/; Azure: the resource URL).</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>Model name (OpenAI) or deployment name (Azure).</summary>
    public required string Model { get; init; }

    /// <summary>The API key; may be empty for local servers.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Resilience of the HTTP client.</summary>
    public LlmResilienceOptions Resilience { get; init; } = new();

    /// <summary>Model calls per reasoner turn (each answer to tool results is one).</summary>
    public int MaxCallsPerTurn { get; init; } = 24;

    /// <summary>
    /// Builds options from explicit values, falling back to the environment; null with a reason when the endpoint
    /// or model is missing or the endpoint is not an absolute http(s) URL.
    /// </summary>
    public static (LlmOptions? Options, string? Error) Resolve(string? endpoint, string? model, string? apiKey, string? provider, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        endpoint ??= environment(EndpointVariable);
        model ??= environment(ModelVariable);
        apiKey ??= environment(ApiKeyVariable);
        provider ??= environment(ProviderVariable);
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return (null, $"no LLM endpoint: give --endpoint or set {EndpointVariable}");
        }
        if (string.IsNullOrWhiteSpace(model))
        {
            return (null, $"no LLM model: give --model or set {ModelVariable}");
        }
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return (null, $"the LLM endpoint '{endpoint}' is not an http(s) URL");
        }
        var kind = provider?.ToLowerInvariant() switch
        {
            "azure" or "azureopenai" => LlmProvider.AzureOpenAI,
            null or "" or "openai" => uri.Host.EndsWith(".openai.azure.com", StringComparison.OrdinalIgnoreCase) ? LlmProvider.AzureOpenAI : LlmProvider.OpenAI,
            _ => (LlmProvider?)null,
        };
        if (kind is null)
        {
            return (null, $"unknown LLM provider '{provider}': use openai or azure");
        }
        return (new LlmOptions { Provider = kind.Value, Endpoint = uri, Model = model, ApiKey = string.IsNullOrEmpty(apiKey) ? null : apiKey }, null);
    }

    /// <summary>Describes the options without the key.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Provider} {Model} at {Endpoint} (key {(ApiKey is null ? "none" : "set")})");
}
