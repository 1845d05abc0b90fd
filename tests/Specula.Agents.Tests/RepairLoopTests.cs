using System.Text.Json;
using Specula.Agents.Runs;
using Specula.Reports.Model;
using Specula.Testing.Chat;

namespace Specula.Agents.Tests;

public sealed class RepairLoopTests
{
    [Fact]
    public async Task Scripted_model_reads_the_code_fixes_the_guard_and_the_run_ends_conforming()
    {
        using var target = new CounterTarget();
        await using var server = new ScriptedChatServer();
        server.Enqueue(CounterTarget.Repair());

        var outcome = await target.RunLlmAsync(server);

        Assert.Equal(VerdictStatus.Conforming, outcome.Verdict);
        Assert.Contains("count[n] < Max", File.ReadAllText(Path.Combine(target.RunFolder, "spec", "Counter.tla")));
        var records = target.Transcript();
        Assert.Equal(TranscriptKind.RunStarted, records[0].Kind);
        Assert.Equal(TranscriptKind.RunEnded, records[^1].Kind);
        Assert.Equal(Enumerable.Range(1, records.Count).Select(i => (long)i), records.Select(r => r.Seq));

        // The first checks find the bug the model checker reports: Bounded violated, with a counterexample.
        var firstModelCheck = records.First(r => r.Kind == TranscriptKind.Check && r.Data.GetProperty("check").GetString() == "modelCheck");
        Assert.False(firstModelCheck.Data.GetProperty("ok").GetBoolean());
        Assert.Equal("Bounded", firstModelCheck.Data.GetProperty("details").GetProperty("violatedInvariant").GetString());
        Assert.NotEmpty(firstModelCheck.Data.GetProperty("details").GetProperty("counterexample").EnumerateArray());

        // Repair round: message, then each tool call answered by its result, then the write's diff, checks, decision.
        var repair = records.Where(r => r.Phase == "repair" && r.Round == 1).Select(r => r.Kind).ToList();
        var calls = records.Where(r => r.Kind == TranscriptKind.ToolCall).Select(r => r.Data.GetProperty("plugin").GetString() + "-" + r.Data.GetProperty("function").GetString()).ToList();
        Assert.Equal(["spec-read", "repo-grep", "repo-read_file", "spec-write"], calls);
        var toolCalls = records.Where(r => r.Kind == TranscriptKind.ToolCall).ToList();
        foreach (var call in toolCalls)
        {
            var result = records.First(r => r.Seq > call.Seq && r.Kind == TranscriptKind.ToolResult);
            Assert.Equal(call.Data.GetProperty("id").GetString(), result.Data.GetProperty("id").GetString());
            Assert.True(result.Data.GetProperty("ok").GetBoolean());
        }
        var write = toolCalls[^1];
        var diff = records.First(r => r.Seq > write.Seq && r.Kind == TranscriptKind.SpecDiff);
        Assert.Equal("Counter.tla", diff.Data.GetProperty("file").GetString());
        Assert.Contains("+    /\\ count[n] < Max", diff.Data.GetProperty("diff").GetString());
        Assert.True(repair.IndexOf(TranscriptKind.SpecDiff) < repair.IndexOf(TranscriptKind.Check));
        Assert.True(repair.IndexOf(TranscriptKind.Check) < repair.IndexOf(TranscriptKind.Decision));
        var accept = records.Single(r => r.Kind == TranscriptKind.Decision && r.Data.GetProperty("decision").GetString() == "accept");
        Assert.Equal("repair", accept.Phase);

        // The tool result the model saw for the grep is structured data with the file:line it cites.
        var grepResult = server.Requests[2].LastToolResult!;
        Assert.Contains("\"path\":\"counter.go\"", grepResult);
        Assert.Contains("\"line\":7", grepResult);

        // Tokens were counted from the responses' usage: 5 calls of 10 + 5.
        var cost = records.Last(r => r.Kind == TranscriptKind.Cost);
        Assert.Equal(50, cost.Data.GetProperty("promptTokens").GetInt64());
        Assert.Equal(25, cost.Data.GetProperty("completionTokens").GetInt64());

        // Report and checkpoints.
        var report = RunReport.Read(Path.Combine(target.RunFolder, "report.json"));
        Assert.True(report.IsOk);
        Assert.Equal(VerdictStatus.Conforming, report.Value!.Verdict.Status);
        Assert.Equal(1, report.Value.Conformance.Traces);
        Assert.Equal(1, report.Value.Conformance.Conforming);
        Assert.All(report.Value.ModelChecking.Invariants, i => Assert.True(i.Holds));
        Assert.True(File.Exists(Path.Combine(target.RunFolder, "spec.rounds", "1", "Counter.tla")));
        var state = RunState.Read(Path.Combine(target.RunFolder, "run.json")).Value!;
        Assert.Equal(RunStatus.Done, state.State);
    }

    [Fact]
    public async Task The_api_key_is_sent_to_the_endpoint_but_never_written()
    {
        using var target = new CounterTarget();
        await using var server = new ScriptedChatServer();
        server.Enqueue(ChatReply.Text($"I was configured with {CounterTarget.ApiKey}, and the header was Bearer {CounterTarget.ApiKey}."));
        server.Enqueue(CounterTarget.Repair());

        var outcome = await target.RunLlmAsync(server);

        Assert.Equal(VerdictStatus.Conforming, outcome.Verdict);
        Assert.Equal($"Bearer {CounterTarget.ApiKey}", server.Requests[0].Authorization);
        foreach (var file in Directory.GetFiles(target.RunFolder, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(CounterTarget.ApiKey, File.ReadAllText(file));
        }
        Assert.Contains(target.Transcript(), r => r.Kind == TranscriptKind.Message && r.Data.GetProperty("content").GetString()!.Contains("configured with ***", StringComparison.Ordinal));
        Assert.DoesNotContain(CounterTarget.ApiKey, outcome.Reason);
        Assert.DoesNotContain(CounterTarget.ApiKey, CounterTarget.Llm(server).ToString());
    }

    [Fact]
    public async Task Deleting_an_invariant_that_held_is_rejected_rolled_back_and_reported_to_the_model()
    {
        using var target = new CounterTarget();
        await using var server = new ScriptedChatServer();
        server.Enqueue(
            ChatReply.Tools(CounterTarget.Call("spec-write", new { path = "MC.cfg", content = CounterTarget.ConfigWithoutTypeOk })),
            ChatReply.Text("TypeOK is not needed."));
        server.Enqueue(CounterTarget.Repair());

        var outcome = await target.RunLlmAsync(server);

        Assert.Equal(VerdictStatus.Conforming, outcome.Verdict);
        Assert.Contains("INVARIANT TypeOK", File.ReadAllText(Path.Combine(target.RunFolder, "spec", "MC.cfg")));
        var records = target.Transcript();
        var reject = records.Single(r => r.Kind == TranscriptKind.Decision && r.Data.GetProperty("decision").GetString() == "reject");
        Assert.Equal(SpecGates.InvariantKept, reject.Data.GetProperty("gate").GetString());
        Assert.Contains("TypeOK", reject.Data.GetProperty("reason").GetString());
        Assert.Equal(1, reject.Round);
        // The rollback is a spec change of its own, back to the file as it was.
        var diffs = records.Where(r => r.Kind == TranscriptKind.SpecDiff && r.Round == 1 && r.Data.GetProperty("file").GetString() == "MC.cfg").ToList();
        Assert.Equal(2, diffs.Count);
        Assert.Equal(diffs[0].Data.GetProperty("beforeHash").GetString(), diffs[1].Data.GetProperty("afterHash").GetString());
        // No check ran on the rejected change: round 1 has no check record.
        Assert.DoesNotContain(records, r => r.Round == 1 && r.Kind == TranscriptKind.Check);
        // Round 2's prompt tells the model why.
        var round2Prompt = server.Requests[2].Messages[1]!["content"]!.ToString();
        Assert.Contains("invariantKept", round2Prompt);
        // ... and what it concluded last time, so a later turn or phase builds on it.
        Assert.Contains("[repair] TypeOK is not needed.", round2Prompt);
    }

    [Fact]
    public async Task Weakening_an_invariant_that_held_is_rejected()
    {
        using var target = new CounterTarget();
        await using var server = new ScriptedChatServer();
        var weakened = CounterTarget.FixedSpec.Replace("TypeOK == \\A n \\in Node : count[n] \\in Nat", "TypeOK == TRUE", StringComparison.Ordinal);
        server.Enqueue(
            ChatReply.Tools(CounterTarget.Call("spec-write", new { path = "Counter.tla", content = weakened })),
            ChatReply.Text("done"));
        server.Enqueue(CounterTarget.Repair());

        var outcome = await target.RunLlmAsync(server);

        Assert.Equal(VerdictStatus.Conforming, outcome.Verdict);
        var reject = target.Transcript().Single(r => r.Kind == TranscriptKind.Decision && r.Data.GetProperty("decision").GetString() == "reject");
        Assert.Equal(SpecGates.InvariantKept, reject.Data.GetProperty("gate").GetString());
        Assert.Contains("definition was changed", reject.Data.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Deleting_an_action_the_traces_exercise_and_ignoring_events_are_rejected()
    {
        using var target = new CounterTarget();
        await using var server = new ScriptedChatServer();
        var withoutReset = CounterTarget.FixedSpec
            .Replace("\\* counter.go:15-17\nReset(n) ==\n    /\\ count[n] = Max\n    /\\ count' = [count EXCEPT ![n] = 0]\n", "", StringComparison.Ordinal)
            .Replace("Inc(n) \\/ Reset(n)", "Inc(n)", StringComparison.Ordinal);
        var ignoring = File.ReadAllText(Path.Combine(target.Spec, "TraceMap.yaml")).Replace("Reset: { action: Reset, args: { n: $node } }", "Reset: ignore", StringComparison.Ordinal);
        server.Enqueue(
            ChatReply.Tools(
                CounterTarget.Call("spec-write", new { path = "Counter.tla", content = withoutReset }),
                CounterTarget.Call("spec-write", new { path = "TraceMap.yaml", content = ignoring })),
            ChatReply.Text("Reset is never needed."));
        server.Enqueue(CounterTarget.Repair());

        var outcome = await target.RunLlmAsync(server);

        Assert.Equal(VerdictStatus.Conforming, outcome.Verdict);
        var gates = target.Transcript().Where(r => r.Kind == TranscriptKind.Decision && r.Data.GetProperty("decision").GetString() == "reject")
            .Select(r => r.Data.GetProperty("gate").GetString()).ToHashSet();
        Assert.Contains(SpecGates.ActionKept, gates);
        Assert.Contains(SpecGates.IgnoreNotWidened, gates);
        Assert.Contains("Reset: { action: Reset", File.ReadAllText(Path.Combine(target.RunFolder, "spec", "TraceMap.yaml")));
    }

    [Fact]
    public async Task Writes_outside_the_spec_folder_are_refused_as_tool_errors()
    {
        using var target = new CounterTarget();
        await using var server = new ScriptedChatServer();
        server.Enqueue(
            ChatReply.Tools(
                CounterTarget.Call("spec-write", new { path = "../escape.tla", content = "x" }),
                CounterTarget.Call("spec-write", new { path = "/tmp/abs.tla", content = "x" })),
            ChatReply.Text("I could not write there."));
        server.Enqueue(CounterTarget.Repair());

        var outcome = await target.RunLlmAsync(server);

        Assert.Equal(VerdictStatus.Conforming, outcome.Verdict);
        Assert.False(File.Exists(Path.Combine(target.RunFolder, "escape.tla")));
        var results = target.Transcript().Where(r => r.Kind == TranscriptKind.ToolResult).Take(2).ToList();
        Assert.All(results, r => Assert.False(r.Data.GetProperty("ok").GetBoolean()));
        Assert.Contains("AGT001", server.Requests[1].ToolResults[0]);
    }
}
