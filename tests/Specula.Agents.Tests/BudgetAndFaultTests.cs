using System.Diagnostics;
using Specula.Agents.Llm;
using Specula.Agents.Runs;
using Specula.Reports.Model;
using Specula.Testing.Chat;

namespace Specula.Agents.Tests;

public sealed class BudgetAndFaultTests
{
    [Fact]
    public async Task Token_budget_spent_ends_the_run_with_budgetExhausted_naming_tokens()
    {
        using var target = new CounterTarget();
        await using var server = new ScriptedChatServer();
        server.Fallback = _ => ChatReply.Tools(600, 0, CounterTarget.Call("spec-read", new { path = "Counter.tla" }));

        var outcome = await target.RunLlmAsync(server, target.Options(new BudgetLimits(Rounds: 10, Tokens: 1000)));

        Assert.Equal(VerdictStatus.BudgetExhausted, outcome.Verdict);
        Assert.Contains("tokens: 1200 of 1000", outcome.Reason);
        Assert.Equal(2, server.Requests.Count);
        var ended = target.Transcript()[^1];
        Assert.Equal("budgetExhausted", ended.Data.GetProperty("verdict").GetString());
        Assert.Equal(1200, RunReport.Read(Path.Combine(target.RunFolder, "report.json")).Value!.Cost.PromptTokens);
    }

    [Fact]
    public async Task Round_budget_spent_ends_the_run_with_budgetExhausted_naming_rounds()
    {
        using var target = new CounterTarget();
        await using var server = new ScriptedChatServer();
        server.Fallback = _ => ChatReply.Text("I think the spec is fine.");

        var outcome = await target.RunLlmAsync(server, target.Options(new BudgetLimits(Rounds: 2)));

        Assert.Equal(VerdictStatus.BudgetExhausted, outcome.Verdict);
        Assert.Contains("rounds: 2 of 2", outcome.Reason);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(2, RunReport.Read(Path.Combine(target.RunFolder, "report.json")).Value!.Rounds.Count);
        // The second round's prompt says the exit criteria still do not hold.
        Assert.Contains("do not hold yet", server.Requests[1].Messages[1]!["content"]!.ToString());
    }

    [Fact]
    public async Task Malformed_arguments_and_unknown_tools_go_back_to_the_model_as_errors_and_count()
    {
        using var target = new CounterTarget();
        await using var server = new ScriptedChatServer();
        server.Enqueue(ChatReply.Tools(new ScriptedToolCall("spec-write", "{\"path\": \"Counter.tla\", \"content\": "), new ScriptedToolCall("shell-exec", "{\"cmd\":\"rm -rf /\"}")));
        server.Enqueue(CounterTarget.Repair());

        var outcome = await target.RunLlmAsync(server);

        Assert.Equal(VerdictStatus.Conforming, outcome.Verdict);
        var errors = server.Requests[1].ToolResults;
        Assert.Contains("AGT003", errors[0]);
        Assert.Contains("AGT004", errors[1]);
        Assert.Contains("spec-write", errors[1]);
        var failed = target.Transcript().Where(r => r.Kind == TranscriptKind.ToolResult && !r.Data.GetProperty("ok").GetBoolean()).ToList();
        Assert.Equal(2, failed.Count);
        var unknownCall = target.Transcript().First(r => r.Kind == TranscriptKind.ToolCall && r.Data.GetProperty("function").GetString() == "exec");
        Assert.Equal("rm -rf /", unknownCall.Data.GetProperty("arguments").GetProperty("cmd").GetString());
    }

    [Fact]
    public async Task Invalid_tool_calls_past_the_limit_end_the_run_instead_of_looping()
    {
        using var target = new CounterTarget();
        await using var server = new ScriptedChatServer();
        server.Fallback = _ => ChatReply.Tools(new ScriptedToolCall("nope-nothing", "{}"));

        var outcome = await target.RunLlmAsync(server, target.Options(new BudgetLimits(Rounds: 50, InvalidToolCalls: 3)));

        Assert.Equal(VerdictStatus.BudgetExhausted, outcome.Verdict);
        Assert.Contains("invalid tool calls: 3 of 3", outcome.Reason);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_waited_out_and_the_run_goes_on()
    {
        using var target = new CounterTarget();
        await using var server = new ScriptedChatServer();
        server.Enqueue(ChatReply.Status(429, retryAfterSeconds: 1));
        server.Enqueue(CounterTarget.Repair());
        var clock = Stopwatch.StartNew();

        var outcome = await target.RunLlmAsync(server);

        Assert.Equal(VerdictStatus.Conforming, outcome.Verdict);
        Assert.Equal(6, server.Requests.Count);
        // The backoff would be 10 ms; Retry-After asked for a second.
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.95), $"{clock.Elapsed}");
        // A retried request is the same request.
        Assert.Equal(server.Requests[0].Messages.ToJsonString(), server.Requests[1].Messages.ToJsonString());
    }

    [Fact]
    public async Task Repeated_500s_open_the_circuit_and_the_run_stops_with_a_clear_error()
    {
        using var target = new CounterTarget();
        await using var server = new ScriptedChatServer();
        server.Fallback = _ => ChatReply.Status(500);
        var resilience = new LlmResilienceOptions(MaxRetries: 6, BaseDelay: TimeSpan.FromMilliseconds(5), BreakerFailures: 3);

        var outcome = await target.RunLlmAsync(server, resilience: resilience);

        Assert.Equal(VerdictStatus.Error, outcome.Verdict);
        Assert.Equal(LlmErrorCodes.Unreachable, outcome.Fatal!.Code);
        Assert.Contains("circuit breaker", outcome.Reason);
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal("error", target.Transcript()[^1].Data.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task A_hanging_endpoint_times_out_per_attempt_and_is_reported_unreachable()
    {
        using var target = new CounterTarget();
        await using var server = new ScriptedChatServer();
        server.Fallback = _ => ChatReply.Slow(TimeSpan.FromSeconds(30), ChatReply.Text("too late"));
        var resilience = new LlmResilienceOptions(MaxRetries: 1, BaseDelay: TimeSpan.FromMilliseconds(5), AttemptTimeout: TimeSpan.FromMilliseconds(300));

        var outcome = await target.RunLlmAsync(server, resilience: resilience);

        Assert.Equal(VerdictStatus.Error, outcome.Verdict);
        Assert.Equal(LlmErrorCodes.Unreachable, outcome.Fatal!.Code);
        Assert.Contains("did not answer in time", outcome.Reason);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_401_is_not_retried_and_says_to_check_the_configuration()
    {
        using var target = new CounterTarget();
        await using var server = new ScriptedChatServer();
        server.Fallback = _ => ChatReply.Status(401);

        var outcome = await target.RunLlmAsync(server);

        Assert.Equal(VerdictStatus.Error, outcome.Verdict);
        Assert.Equal(LlmErrorCodes.Refused, outcome.Fatal!.Code);
        Assert.Contains("HTTP 401", outcome.Reason);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Cancelled_mid_run_keeps_the_checkpoint_and_resume_finishes_with_every_record_kept()
    {
        using var target = new CounterTarget();
        using var cancel = new CancellationTokenSource();
        long recordsBefore;
        await using (var server = new ScriptedChatServer())
        {
            server.Enqueue(ChatReply.Tools(CounterTarget.Call("spec-write", new { path = "Counter.tla", content = "half a thought" })));
            server.Enqueue(request =>
            {
                cancel.Cancel();
                return ChatReply.Slow(TimeSpan.FromSeconds(10), ChatReply.Text("never seen"));
            });

            var cancelled = await target.RunLlmAsync(server, cancellationToken: cancel.Token);

            Assert.Equal(VerdictStatus.Cancelled, cancelled.Verdict);
            var state = RunState.Read(Path.Combine(target.RunFolder, "run.json")).Value!;
            Assert.Equal(RunStatus.Running, state.State);
            Assert.Equal(0, state.Round);
            recordsBefore = target.Transcript().Count;
            Assert.Equal(TranscriptKind.RunEnded, target.Transcript()[^1].Kind);
        }

        await using (var server = new ScriptedChatServer())
        {
            server.Enqueue(CounterTarget.Repair());

            var resumed = await target.RunLlmAsync(server, target.Options(resume: true));

            Assert.Equal(VerdictStatus.Conforming, resumed.Verdict);
            // The half-written spec of the killed round was rolled back to the checkpoint before the model saw it.
            Assert.Contains("Inc(n) ==", server.Requests[1].LastToolResult);
        }
        var records = target.Transcript();
        Assert.True(records.Count > recordsBefore);
        Assert.Equal(Enumerable.Range(1, records.Count).Select(i => (long)i), records.Select(r => r.Seq));
        Assert.Single(records, r => r.Kind == TranscriptKind.RunStarted);
        Assert.Contains(records, r => r.Kind == TranscriptKind.Decision && r.Data.GetProperty("reason").GetString()!.StartsWith("resumed from the checkpoint of round 0", StringComparison.Ordinal));
        Assert.Equal("conforming", records[^1].Data.GetProperty("verdict").GetString());
        Assert.Equal(RunStatus.Done, RunState.Read(Path.Combine(target.RunFolder, "run.json")).Value!.State);
    }

    [Fact]
    public async Task Resuming_a_finished_run_or_starting_over_an_existing_one_is_refused()
    {
        using var target = new CounterTarget();
        await using var server = new ScriptedChatServer();
        server.Enqueue(CounterTarget.Repair());
        await target.RunLlmAsync(server);

        await Assert.ThrowsAsync<ArgumentException>(() => target.RunLlmAsync(server, target.Options(resume: true)));
        await Assert.ThrowsAsync<ArgumentException>(() => target.RunLlmAsync(server));
    }
}
