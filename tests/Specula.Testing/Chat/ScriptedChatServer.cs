using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Specula.Testing.Chat;

/// <summary>One request the scripted server received: the parsed JSON body and the headers that matter to tests.</summary>
public sealed record ChatRequest(int Index, string Path, JsonObject Body, string? Authorization, string? ApiKeyHeader)
{
    /// <summary>The request's messages (role, content, tool_calls, tool_call_id).</summary>
    public JsonArray Messages => Body["messages"] as JsonArray ?? [];

    /// <summary>The names of the tools offered to the model.</summary>
    public IReadOnlyList<string> ToolNames =>
        [.. (Body["tools"] as JsonArray ?? []).Select(t => t?["function"]?["name"]?.GetValue<string>() ?? "")];

    /// <summary>The content of the last message with role "tool", or null.</summary>
    public string? LastToolResult => Messages.LastOrDefault(m => m?["role"]?.GetValue<string>() == "tool")?["content"]?.ToString();

    /// <summary>Every tool result message's content, in order.</summary>
    public IReadOnlyList<string> ToolResults =>
        [.. Messages.Where(m => m?["role"]?.GetValue<string>() == "tool").Select(m => m?["content"]?.ToString() ?? "")];
}

/// <summary>A tool call the scripted model makes: the function's name as offered (Plugin-Function) and raw JSON arguments.</summary>
public sealed record ScriptedToolCall(string Name, string Arguments, string? Id = null);

/// <summary>What the scripted server answers to one request.</summary>
public abstract record ChatReply
{
    /// <summary>An assistant message with text only.</summary>
    public static ChatReply Text(string content, int promptTokens = 10, int completionTokens = 5) =>
        new AssistantReply(content, [], promptTokens, completionTokens);

    /// <summary>An assistant message asking for tool calls.</summary>
    public static ChatReply Tools(params ScriptedToolCall[] calls) => new AssistantReply(null, calls, 10, 5);

    /// <summary>An assistant message asking for tool calls, with token counts.</summary>
    public static ChatReply Tools(int promptTokens, int completionTokens, params ScriptedToolCall[] calls) =>
        new AssistantReply(null, calls, promptTokens, completionTokens);

    /// <summary>An error status with an OpenAI-style error body, optionally with Retry-After (seconds).</summary>
    public static ChatReply Status(int status, int? retryAfterSeconds = null) => new StatusReply(status, retryAfterSeconds);

    /// <summary>Waits before answering with <paramref name="then"/> (a hang when the delay exceeds the client's timeout).</summary>
    public static ChatReply Slow(TimeSpan delay, ChatReply then) => new SlowReply(delay, then);

    /// <summary>A 200 whose body is not JSON.</summary>
    public static ChatReply Garbage(string body) => new GarbageReply(body);
}

/// <summary>An assistant message.</summary>
public sealed record AssistantReply(string? Content, IReadOnlyList<ScriptedToolCall> Calls, int PromptTokens, int CompletionTokens) : ChatReply;

/// <summary>An HTTP error.</summary>
public sealed record StatusReply(int Code, int? RetryAfterSeconds) : ChatReply;

/// <summary>A delayed reply.</summary>
public sealed record SlowReply(TimeSpan Delay, ChatReply Then) : ChatReply;

/// <summary>A body that is not JSON.</summary>
public sealed record GarbageReply(string Body) : ChatReply;

/// <summary>
/// An OpenAI-compatible chat-completions server on 127.0.0.1 (a random free port), answering each POST with the
/// next scripted reply or with what a handler computes from the request. It never talks to anything but loopback,
/// so tests exercise the real HTTP client, serializer and resilience pipeline without a live model.
/// </summary>
public sealed class ScriptedChatServer : IAsyncDisposable
{
    private readonly LoopbackListener _server;
    private readonly ConcurrentQueue<Func<ChatRequest, ChatReply>> _script = new();
    private readonly ConcurrentQueue<ChatRequest> _requests = new();
    private readonly CancellationTokenSource _stop = new();
    private int _count;
    private int _callIds;

    /// <summary>Starts the server on a free loopback port.</summary>
    public ScriptedChatServer()
    {
        _server = LoopbackListener.Start(HandleAsync);
        BaseUri = new Uri(_server.BaseUrl, "v1/");
    }

    /// <summary>The base address to give an OpenAI client (ends with /v1/).</summary>
    public Uri BaseUri { get; }

    /// <summary>Called for requests after the script ran out; answers an error 500 by default.</summary>
    public Func<ChatRequest, ChatReply>? Fallback { get; set; }

    /// <summary>Every request received so far, in order.</summary>
    public IReadOnlyList<ChatRequest> Requests => [.. _requests];

    /// <summary>Appends fixed replies to the script.</summary>
    public ScriptedChatServer Enqueue(params ChatReply[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(_ => reply);
        }
        return this;
    }

    /// <summary>Appends a reply computed from the request (e.g. from the last tool result).</summary>
    public ScriptedChatServer Enqueue(Func<ChatRequest, ChatReply> handler)
    {
        _script.Enqueue(handler);
        return this;
    }

    /// <summary>Replies not yet used.</summary>
    public int Remaining => _script.Count;

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            string text;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                text = await reader.ReadToEndAsync().ConfigureAwait(false);
            }
            var body = (JsonNode.Parse(text.Length == 0 ? "{}" : text) as JsonObject) ?? [];
            var request = new ChatRequest(Interlocked.Increment(ref _count) - 1, context.Request.Url?.AbsolutePath ?? "",
                body, context.Request.Headers["Authorization"], context.Request.Headers["api-key"]);
            _requests.Enqueue(request);
            var reply = _script.TryDequeue(out var next) ? next(request) : (Fallback?.Invoke(request) ?? ChatReply.Status(500));
            await WriteAsync(context, request, reply).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The client gave up (timeout) or the server is stopping.
        }
    }

    private async Task WriteAsync(HttpListenerContext context, ChatRequest request, ChatReply reply)
    {
        var response = context.Response;
        switch (reply)
        {
            case SlowReply slow:
                await Task.Delay(slow.Delay, _stop.Token).ConfigureAwait(false);
                await WriteAsync(context, request, slow.Then).ConfigureAwait(false);
                return;
            case StatusReply status:
                response.StatusCode = status.Code;
                if (status.RetryAfterSeconds is { } seconds)
                {
                    response.Headers["Retry-After"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                var error = new JsonObject { ["error"] = new JsonObject { ["message"] = $"scripted status {status.Code}", ["type"] = "server_error", ["code"] = null } };
                await WriteBodyAsync(response, error.ToJsonString()).ConfigureAwait(false);
                return;
            case GarbageReply garbage:
                response.StatusCode = 200;
                await WriteBodyAsync(response, garbage.Body).ConfigureAwait(false);
                return;
            case AssistantReply assistant:
                response.StatusCode = 200;
                await WriteBodyAsync(response, Completion(request, assistant)).ConfigureAwait(false);
                return;
        }
    }

    private string Completion(ChatRequest request, AssistantReply reply)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = reply.Content };
        if (reply.Calls.Count > 0)
        {
            message["tool_calls"] = new JsonArray([.. reply.Calls.Select(c => (JsonNode)new JsonObject
            {
                ["id"] = c.Id ?? $"call_{Interlocked.Increment(ref _callIds)}",
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = c.Name, ["arguments"] = c.Arguments },
            })]);
        }
        var completion = new JsonObject
        {
            ["id"] = $"chatcmpl-{request.Index}",
            ["object"] = "chat.completion",
            ["created"] = 1_800_000_000,
            ["model"] = request.Body["model"]?.GetValue<string>() ?? "scripted",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = message,
                ["finish_reason"] = reply.Calls.Count > 0 ? "tool_calls" : "stop",
            }),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = reply.PromptTokens,
                ["completion_tokens"] = reply.CompletionTokens,
                ["total_tokens"] = reply.PromptTokens + reply.CompletionTokens,
            },
        };
        return completion.ToJsonString();
    }

    private static async Task WriteBodyAsync(HttpListenerResponse response, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentType = "application/json";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        response.Close();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _server.Dispose();
        _stop.Dispose();
    }
}
