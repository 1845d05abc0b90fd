using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.AzureOpenAI;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Specula.Agents.Reasoning;
using Specula.Agents.Runs;
using Specula.Reports.Model;

namespace Specula.Agents.Llm;

/// <summary>Codes of a language model's failures.</summary>
public static class LlmErrorCodes
{
    /// <summary>The endpoint cannot be reached, keeps failing (circuit open) or times out.</summary>
    public const string Unreachable = "LLM001";

    /// <summary>The endpoint refused the request (401, 403, 404, 400): configuration, not luck.</summary>
    public const string Refused = "LLM002";

    /// <summary>The endpoint answered something that is not a chat completion.</summary>
    public const string BadResponse = "LLM003";
}

/// <summary>
/// A language model as reasoner, through Semantic Kernel's chat completion with function calling. The loop is the
/// project's, not the connector's: functions are offered with auto-invocation off, and each call the model asks for
/// is run through the <see cref="ToolBox"/> (gated, counted, transcribed); malformed and unknown calls go back to the
/// model as tool errors. The HTTP client goes through <see cref="LlmResilience"/>.
/// </summary>
public sealed class LlmReasoner : IReasoner, IDisposable
{
    private readonly IChatCompletionService _chat;
    private readonly HttpClient _http;
    private readonly LlmOptions _options;

    /// <summary>Connects to the endpoint in <paramref name="options"/> (nothing is sent until the first turn).</summary>
    public LlmReasoner(LlmOptions options, TimeProvider clock, HttpMessageHandler? handler = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _http = LlmResilience.CreateClient(LlmResilience.Build(options.Resilience, clock), handler);
        _chat = options.Provider == LlmProvider.AzureOpenAI
            ? new AzureOpenAIChatCompletionService(options.Model, options.Endpoint.ToString(), options.ApiKey ?? "", httpClient: _http)
            : new OpenAIChatCompletionService(options.Model, options.Endpoint, options.ApiKey ?? "no-key", httpClient: _http);
    }

    /// <inheritdoc />
    public ReasonerInfo Info => new(ReasonerKind.Llm, _options.Model, _options.Endpoint.GetLeftPart(UriPartial.Path));

    /// <inheritdoc />
    public async Task<ReasonerTurn> ProposeAsync(ReasonerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var recorder = context.Tools;
        var history = new ChatHistory(context.SystemPrompt);
        history.AddUserMessage(context.Prompt);
        Record(context, MessageRole.System, context.SystemPrompt);
        Record(context, MessageRole.User, context.Prompt);
        var settings = new OpenAIPromptExecutionSettings
        {
            FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(context.Tools.Allowed, autoInvoke: false),
            Temperature = 0,
        };
        for (var call = 0; call < _options.MaxCallsPerTurn; call++)
        {
            if (context.Budget.Exhausted() is { } spent)
            {
                return new ReasonerTurn([], false, $"stopped: budget spent ({spent})");
            }
            ChatMessageContent reply;
            try
            {
                reply = await _chat.GetChatMessageContentAsync(history, settings, context.Tools.Kernel, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OutOfMemoryException)
            {
                return ReasonerTurn.Failed(Classify(ex));
            }
            var (prompt, completion) = Usage(reply);
            context.Budget.AddTokens(prompt, completion);
            var calls = FunctionCallContent.GetFunctionCalls(reply).ToList();
            Record(context, MessageRole.Assistant, Describe(reply, calls), prompt, completion);
            history.Add(reply);
            if (calls.Count == 0)
            {
                return ReasonerTurn.Finished(reply.Content);
            }
            var raw = RawArguments(reply);
            foreach (var functionCall in calls)
            {
                var id = functionCall.Id ?? $"call-{context.Round}-{call}";
                var request = new ToolRequest(id, Name(functionCall), functionCall.PluginName, functionCall.FunctionName, functionCall.Arguments,
                    raw.GetValueOrDefault(id), functionCall.Exception is { } bad ? (bad.InnerException ?? bad).Message : null);
                var outcome = await context.Tools.InvokeAsync(request, cancellationToken).ConfigureAwait(false);
                history.Add(new FunctionResultContent(functionCall, outcome.Json).ToChatMessage());
            }
            if (context.Tools.CallsLeft <= 0)
            {
                return new ReasonerTurn([], false, "the turn's tool calls are spent");
            }
        }
        return new ReasonerTurn([], false, $"the turn's {_options.MaxCallsPerTurn} model calls are spent");
    }

    /// <summary>Turns an HTTP or connector failure into one line for the user (status codes, never bodies or keys).</summary>
    public static ReasonerFailure Classify(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case BrokenCircuitException:
                    return new ReasonerFailure(LlmErrorCodes.Unreachable, "the LLM endpoint kept failing and the circuit breaker opened; try again later", true);
                case TimeoutRejectedException:
                    return new ReasonerFailure(LlmErrorCodes.Unreachable, "the LLM endpoint did not answer in time", true);
                case HttpOperationException { StatusCode: { } status }:
                    return LlmResilience.IsTransient(status)
                        ? new ReasonerFailure(LlmErrorCodes.Unreachable, $"the LLM endpoint kept answering HTTP {(int)status} ({status}) after retries", true)
                        : new ReasonerFailure(LlmErrorCodes.Refused, $"the LLM endpoint refused the request: HTTP {(int)status} ({status}); check the endpoint, model and key", true);
                case HttpRequestException http when http.StatusCode is null:
                    return new ReasonerFailure(LlmErrorCodes.Unreachable, $"cannot reach the LLM endpoint: {http.HttpRequestError}", true);
                case JsonException or FormatException:
                    return new ReasonerFailure(LlmErrorCodes.BadResponse, "the LLM endpoint's answer is not a valid chat completion", true);
            }
        }
        return new ReasonerFailure(LlmErrorCodes.BadResponse, $"the LLM call failed: {exception.GetType().Name}", true);
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private static void Record(ReasonerContext context, MessageRole role, string content, long? prompt = null, long? completion = null) =>
        context.Tools.Record(role, content, prompt, completion);

    private static string Name(FunctionCallContent call) =>
        call.PluginName is null ? call.FunctionName : $"{call.PluginName}-{call.FunctionName}";

    private static string Describe(ChatMessageContent reply, List<FunctionCallContent> calls)
    {
        var text = new StringBuilder(reply.Content ?? "");
        foreach (var call in calls)
        {
            text.Append(text.Length > 0 ? "\n" : "").Append("[tool call ").Append(Name(call)).Append(']');
        }
        return text.ToString();
    }

    private static (long Prompt, long Completion) Usage(ChatMessageContent reply)
    {
        if (reply.Metadata?.TryGetValue("Usage", out var usage) == true && usage is OpenAI.Chat.ChatTokenUsage tokens)
        {
            return (tokens.InputTokenCount, tokens.OutputTokenCount);
        }
        return (0, 0);
    }

    private static Dictionary<string, string> RawArguments(ChatMessageContent reply)
    {
        var raw = new Dictionary<string, string>(StringComparer.Ordinal);
        if (reply.InnerContent is OpenAI.Chat.ChatCompletion completion)
        {
            foreach (var toolCall in completion.ToolCalls)
            {
                raw[toolCall.Id] = toolCall.FunctionArguments.ToString();
            }
        }
        return raw;
    }
}
