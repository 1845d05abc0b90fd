using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.SemanticKernel;
using Specula.Agents.Plugins;
using Specula.Reports.Model;

namespace Specula.Agents.Runs;

/// <summary>A tool call as a reasoner asks for it, before it is known to be valid.</summary>
/// <param name="Id">The call's id (the model's tool_call_id).</param>
/// <param name="Name">The tool's name as asked (e.g. <c>spec-write</c>).</param>
/// <param name="Plugin">The plugin, when the name could be split.</param>
/// <param name="Function">The function, when the name could be split.</param>
/// <param name="Arguments">The parsed arguments; null when they were not valid JSON.</param>
/// <param name="RawArguments">The arguments as sent, for the transcript.</param>
/// <param name="MalformedReason">Why the arguments could not be parsed.</param>
public sealed record ToolRequest(string Id, string Name, string? Plugin, string? Function, KernelArguments? Arguments, string? RawArguments, string? MalformedReason);

/// <summary>A tool call's outcome as the reasoner receives it.</summary>
/// <param name="Id">The call's id.</param>
/// <param name="Ok">The call ran and its result has no error.</param>
/// <param name="Json">The result (or the error) as JSON, for the model.</param>
/// <param name="Error">The error, when there is one.</param>
public sealed record ToolOutcome(string Id, bool Ok, string Json, ToolError? Error);

/// <summary>A refusal by the tool filter (not allowed in this phase, budget spent).</summary>
/// <param name="Error">Why.</param>
public sealed record ToolRefusal(ToolError Error) : IToolOutcome;

/// <summary>
/// The kernel's tools as one phase may use them. Every call, valid or not, goes through here: malformed arguments
/// and unknown names never reach a plugin but are counted and transcribed like the rest, and valid calls run
/// through the kernel so <see cref="ToolInvocationFilter"/> gates, times and transcribes them.
/// </summary>
public sealed class ToolBox
{
    /// <summary>JSON for tool results and transcript details: camelCase, enums as strings, no nulls.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly RunRecorder _recorder;
    private readonly BudgetTracker _budget;
    private readonly ToolInvocationFilter _filter;

    /// <summary>Builds a kernel with the plugins and the filter.</summary>
    public ToolBox(IEnumerable<(string Name, object Plugin)> plugins, RunRecorder recorder, BudgetTracker budget, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        _recorder = recorder ?? throw new ArgumentNullException(nameof(recorder));
        _budget = budget ?? throw new ArgumentNullException(nameof(budget));
        var builder = Kernel.CreateBuilder();
        foreach (var (name, plugin) in plugins)
        {
            builder.Plugins.AddFromObject(plugin, name);
        }
        Kernel = builder.Build();
        _filter = new ToolInvocationFilter(recorder, budget, clock);
        Kernel.FunctionInvocationFilters.Add(_filter);
    }

    /// <summary>The kernel holding every plugin.</summary>
    public Kernel Kernel { get; }

    /// <summary>Every tool as <c>plugin.function</c>.</summary>
    public IReadOnlySet<string> Names => Kernel.Plugins.SelectMany(p => p.Select(f => $"{p.Name}.{f.Name}")).ToHashSet(StringComparer.Ordinal);

    /// <summary>The functions the current phase allows.</summary>
    public IReadOnlyList<KernelFunction> Allowed =>
        [.. Kernel.Plugins.SelectMany(p => p.Where(f => _filter.Allowed.Contains($"{p.Name}.{f.Name}")))];

    /// <summary>Restricts the tools to <paramref name="allowed"/> with <paramref name="callsPerTurn"/> calls, for one turn.</summary>
    public void BeginTurn(IEnumerable<string> allowed, int callsPerTurn)
    {
        _filter.Allowed = allowed.ToHashSet(StringComparer.Ordinal);
        _filter.CallsLeft = callsPerTurn;
    }

    /// <summary>Transcribes a message of the reasoner's conversation.</summary>
    public void Record(MessageRole role, string content, long? promptTokens = null, long? completionTokens = null) =>
        _recorder.Message(role, content, promptTokens, completionTokens);

    /// <summary>Calls left in this turn.</summary>
    public int CallsLeft => _filter.CallsLeft;

    /// <summary>Runs one tool call, or refuses it, and returns what the reasoner sees.</summary>
    public async Task<ToolOutcome> InvokeAsync(ToolRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        KernelFunction? function = null;
        if (request.Plugin is not null && request.Function is not null)
        {
            Kernel.Plugins.TryGetFunction(request.Plugin, request.Function, out function);
        }
        if (request.MalformedReason is not null || function is null)
        {
            var error = request.MalformedReason is not null
                ? new ToolError(ToolErrorCodes.MalformedCall, $"The arguments of {request.Name} are not valid JSON for its parameters: {request.MalformedReason}. Send a JSON object with the parameters the tool lists.")
                : new ToolError(ToolErrorCodes.UnknownTool, $"There is no tool '{request.Name}'. Available: {string.Join(", ", Allowed.Select(f => $"{f.PluginName}-{f.Name}"))}.");
            _budget.AddToolCall(valid: false);
            _filter.CallsLeft--;
            var raw = ParseOrString(request.RawArguments);
            _recorder.Append((s, t, r, p) => TranscriptRecord.ToolCall(s, t, r, p, request.Id, request.Plugin ?? "", request.Function ?? request.Name, raw));
            var json = JsonSerializer.Serialize(new ToolRefusal(error), Json);
            _recorder.Append((s, t, r, p) => TranscriptRecord.ToolResult(s, t, r, p, request.Id, false, null, error.Message, 0));
            return new ToolOutcome(request.Id, false, json, error);
        }
        _filter.CurrentCallId = request.Id;
        var result = await function.InvokeAsync(Kernel, request.Arguments ?? [], cancellationToken).ConfigureAwait(false);
        var value = result.GetValue<object>();
        var outcome = value as IToolOutcome;
        return new ToolOutcome(request.Id, outcome?.Error is null, JsonSerializer.Serialize(value, value?.GetType() ?? typeof(object), Json), outcome?.Error);
    }

    internal static JsonElement ParseOrString(string? raw)
    {
        if (raw is { Length: > 0 })
        {
            try
            {
                using var document = JsonDocument.Parse(raw);
                return document.RootElement.Clone();
            }
            catch (JsonException)
            {
            }
        }
        return JsonSerializer.SerializeToElement(raw ?? "", Json);
    }
}

/// <summary>
/// The one place every kernel function call passes: refuses tools the phase does not allow and calls past the
/// turn's budget, transcribes the call and its result with timing, and counts it. Tools stay free of all this.
/// </summary>
internal sealed class ToolInvocationFilter(RunRecorder recorder, BudgetTracker budget, TimeProvider clock) : IFunctionInvocationFilter
{
    public IReadOnlySet<string> Allowed { get; set; } = new HashSet<string>();

    public int CallsLeft { get; set; }

    public string CurrentCallId { get; set; } = "";

    public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
    {
        var id = CurrentCallId;
        var plugin = context.Function.PluginName ?? "";
        var name = context.Function.Name;
        var arguments = JsonSerializer.SerializeToElement(
            context.Arguments.Where(a => a.Value is not CancellationToken).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal), ToolBox.Json);
        recorder.Append((s, t, r, p) => TranscriptRecord.ToolCall(s, t, r, p, id, plugin, name, arguments));
        budget.AddToolCall(valid: true);
        CallsLeft--;
        ToolError? refusal = !Allowed.Contains($"{plugin}.{name}")
            ? new ToolError(ToolErrorCodes.NotAllowed, $"{plugin}-{name} is not allowed in this phase; use {string.Join(", ", Allowed.Order(StringComparer.Ordinal))}.")
            : CallsLeft < 0 ? new ToolError(ToolErrorCodes.BudgetSpent, "This turn's tool calls are spent; answer without tools to end the turn.")
            : budget.Exhausted() is { } why ? new ToolError(ToolErrorCodes.BudgetSpent, $"The run's budget is spent ({why}).")
            : null;
        var started = clock.GetTimestamp();
        if (refusal is not null)
        {
            context.Result = new FunctionResult(context.Function, new ToolRefusal(refusal));
        }
        else
        {
            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                context.Result = new FunctionResult(context.Function, new ToolRefusal(new ToolError(ToolErrorCodes.Failed, $"{plugin}-{name} failed: {ex.Message}")));
            }
        }
        var value = context.Result.GetValue<object>();
        var error = (value as IToolOutcome)?.Error;
        var result = value is null ? (JsonElement?)null : JsonSerializer.SerializeToElement(value, value.GetType(), ToolBox.Json);
        var milliseconds = clock.GetElapsedTime(started).TotalMilliseconds;
        recorder.Append((s, t, r, p) => TranscriptRecord.ToolResult(s, t, r, p, id, error is null, result, error?.Message, milliseconds));
    }
}
