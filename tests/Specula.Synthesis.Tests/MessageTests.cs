using Specula.Synthesis.Mining;
using Specula.Traces.Format;
using static Specula.Synthesis.Tests.MiningTests;

namespace Specula.Synthesis.Tests;

/// <summary>Messages in flight, the environment's pseudo-nodes, replay and conditional guards.</summary>
public class MessageTests
{
    /// <summary>
    /// Three nodes: one claims an epoch and tells the others, who adopt it on receipt; the sandbox pauses and unpauses
    /// (its own events and state); the environment drops one message. <paramref name="duplicate"/> receives one
    /// message twice, as a network that duplicates would.
    /// </summary>
    internal static List<string> EpochLines(int rounds, bool duplicate = false)
    {
        var lines = new List<string>();
        var seq = new Dictionary<string, long> { ["n1"] = 0, ["n2"] = 0, ["n3"] = 0, ["sandbox"] = 0, ["env"] = 0 };
        var epoch = new Dictionary<string, int> { ["n1"] = 0, ["n2"] = 0, ["n3"] = 0 };
        string State(string n) => $"{{\"epoch\":{epoch[n]},\"role\":\"{(n == "n1" ? "claimer" : "follower")}\"}}";
        lines.Add(Event(++seq["sandbox"], "sandbox", "Pause", "{\"kind\":\"Pause\"}", "{\"faulted\":true}"));
        for (var r = 0; r < rounds; r++)
        {
            epoch["n1"]++;
            lines.Add(Event(++seq["n1"], "n1", "Claim", $"{{\"epoch\":{epoch["n1"]}}}", State("n1")));
            foreach (var to in new[] { "n2", "n3" })
            {
                lines.Add(Event(++seq["n1"], "n1", "Send", $"{{\"to\":\"{to}\",\"type\":\"Claim\",\"epoch\":{epoch["n1"]}}}", State("n1")));
            }
            if (r % 4 == 3)
            {
                lines.Add(Event(++seq["env"], "env", "Drop", $"{{\"msg\":{{\"from\":\"n1\",\"to\":\"n3\",\"type\":\"Claim\",\"epoch\":{epoch["n1"]}}}}}", "{\"round\":1}"));
            }
            foreach (var to in r % 4 == 3 ? new[] { "n2" } : new[] { "n2", "n3" })
            {
                epoch[to] = epoch["n1"];
                var times = duplicate && r == 1 ? 2 : 1;
                for (var i = 0; i < times; i++)
                {
                    lines.Add(Event(++seq[to], to, "Receive", $"{{\"from\":\"n1\",\"type\":\"Claim\",\"epoch\":{epoch["n1"]}}}", State(to)));
                }
            }
        }
        lines.Add(Event(++seq["sandbox"], "sandbox", "Unpause", "{\"kind\":\"Pause\"}", "{\"faulted\":false}"));
        return lines;
    }

    private static TraceSchema SchemaOf(params List<string>[] traces) =>
        TraceSchema.Infer([.. traces.Select((lines, i) => TraceOf("t" + i, lines))]);

    [Fact]
    public void A_pseudo_node_sharing_no_event_and_no_field_with_the_nodes_is_the_environment()
    {
        var schema = SchemaOf(EpochLines(8));
        Assert.Equal(["n1", "n2", "n3"], schema.Nodes.ToArray());
        Assert.True(schema.IsEnvironment("sandbox"));
        Assert.True(schema.IsEnvironment("env"));
        Assert.DoesNotContain(schema.Variables, v => v.Name == "faulted");
    }

    [Fact]
    public void Sends_and_receives_make_a_bag_of_messages_that_receives_consume_and_drops_remove()
    {
        var messages = SchemaOf(EpochLines(8)).Messages;
        Assert.NotNull(messages);
        Assert.Equal(["Send"], messages.Senders.Keys);
        Assert.Equal("to", messages.Senders["Send"]);
        Assert.Equal("from", messages.Receivers["Receive"]);
        Assert.Equal(["epoch", "type"], messages.Payload.ToArray());
        Assert.True(messages.Consumed);
        Assert.Equal(new DropShape("Drop", "msg", "from", "to"), messages.Drop);
    }

    [Fact]
    public void A_message_received_twice_keeps_messages_once_sent()
    {
        var messages = SchemaOf(EpochLines(8, duplicate: true)).Messages;
        Assert.NotNull(messages);
        Assert.False(messages.Consumed);
        Assert.Null(messages.Drop);
    }

    [Fact]
    public void A_receive_of_a_message_no_event_sent_leaves_messages_unmodelled()
    {
        var lines = EpochLines(8);
        lines.Add(Event(100, "n3", "Receive", "{\"from\":\"n2\",\"type\":\"Claim\",\"epoch\":1}", "{\"epoch\":8,\"role\":\"follower\"}"));
        Assert.Null(SchemaOf(lines).Messages);
    }

    [Fact]
    public void The_spec_grounds_receives_in_messages_in_flight_and_conforms()
    {
        var folder = TestFolders.Fresh("epoch");
        var files = new List<string>();
        foreach (var (name, rounds) in new[] { ("a", 12), ("b", 9), ("c", 14), ("d", 10) })
        {
            var path = Path.Combine(folder, name + ".ndjson");
            File.WriteAllLines(path, EpochLines(rounds));
            files.Add(path);
        }
        var result = Synthesizer.Run(new SynthesisOptions(files, Path.Combine(folder, "spec"), Holdout: 0.25, MaxStates: 2_000, ModuleName: "Epoch"));
        Assert.True(result.Ok, string.Join("; ", result.Diagnostics) + result.ModelCheck);
        var tla = File.ReadAllText(result.Files.Single(f => f.EndsWith("Epoch.tla", StringComparison.Ordinal)));
        Assert.Contains("msgs' = Put(msgs, [src |-> n, dst |-> to, epoch |-> epochArg, type |-> type])", tla, StringComparison.Ordinal);
        Assert.Contains("[src |-> from, dst |-> n, epoch |-> epochArg, type |-> type] \\in DOMAIN msgs", tla, StringComparison.Ordinal);
        Assert.Contains("\\E msg \\in DOMAIN msgs : Drop", tla, StringComparison.Ordinal);
        Assert.DoesNotContain("sandbox", File.ReadAllText(Path.Combine(folder, "spec", "MC.cfg")), StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_rejects_a_step_whose_guard_does_not_hold_and_accepts_the_examples()
    {
        var trace = TraceOf("e", EpochLines(10));
        var schema = TraceSchema.Infer([trace]);
        var init = TransitionExtractor.InitialValues(schema, [trace]);
        var steps = TransitionExtractor.Extract(schema, trace, init).Steps;
        var miner = new ActionMiner(schema, steps, new MiningOptions());
        var actions = schema.Events.Keys.ToDictionary(e => e, e => miner.Mine(e, e, [.. steps.Where(s => s.Event == e)]), StringComparer.Ordinal);
        Assert.Empty(Replay.Rejected(schema, actions, steps));

        // A claim that jumps the epoch by two: the effect epoch + 1 does not allow it.
        var claim = steps.First(s => s.Event == "Claim");
        var post = (SValue[])claim.Post.Clone();
        post[schema.VariableIndex("epoch")] = SValue.Int(claim.PreOf(schema.VariableIndex("epoch")).Number + 2);
        Assert.False(Replay.Accepts(schema, actions["Claim"], claim with { Post = post }));
    }

    [Fact]
    public void Guards_learn_conditions_that_hold_for_one_value_of_an_enumerated_argument()
    {
        // Nodes send "Ping" in any role, but "Order" only as a leader.
        var lines = new List<string>();
        var seq = 0L;
        for (var i = 0; i < 60; i++)
        {
            var leader = i % 3 == 0;
            var type = leader && i % 2 == 0 ? "Order" : "Ping";
            var node = i % 2 == 0 ? "n1" : "n2";
            lines.Add(Event(++seq, node, "Elect", "{}", $"{{\"role\":\"{(leader ? "Leader" : "Follower")}\"}}"));
            lines.Add(Event(++seq, node, "Send", $"{{\"to\":\"{(node == "n1" ? "n2" : "n1")}\",\"type\":\"{type}\"}}", $"{{\"role\":\"{(leader ? "Leader" : "Follower")}\"}}"));
        }
        var trace = TraceOf("g", lines);
        var schema = TraceSchema.Infer([trace]);
        var init = TransitionExtractor.InitialValues(schema, [trace]);
        var steps = TransitionExtractor.Extract(schema, trace, init).Steps;
        var send = new ActionMiner(schema, steps, new MiningOptions()).Mine("Send", "Send", [.. steps.Where(s => s.Event == "Send")]);
        var names = new Naming(["role"], new Dictionary<string, string> { ["type"] = "type", ["to"] = "to" }, "n");
        // role = "Leader" or its equivalent here, role # "Follower": the first of equivalent conditions is kept.
        Assert.Contains(send.Guard, g => g.Pred is ImpliesPred && g.Pred.Render(names) is "type = \"Order\" => role[n] = \"Leader\"" or "type = \"Order\" => role[n] # \"Follower\"");
        Assert.DoesNotContain(send.Guard, g => g.Pred.Render(names).StartsWith("type = \"Ping\" => role", StringComparison.Ordinal));
    }

    [Fact]
    public void An_event_naming_another_node_as_its_sender_is_a_receive_even_when_messages_are_not_modelled()
    {
        // Requests are answered by a different event kind than the one that got them, so no message set is modelled;
        // Handle still names its sender (sometimes the node itself, a replica counting its own vote) and is a receive.
        var lines = new List<string>();
        var seq = 0L;
        for (var i = 0; i < 12; i++)
        {
            var node = i % 2 == 0 ? "n1" : "n2";
            var from = i % 3 == 0 ? node : (node == "n1" ? "n2" : "n1");
            lines.Add(Event(++seq, node, "Ask", $"{{\"from\":\"{node}\",\"to\":\"{(node == "n1" ? "n2" : "n1")}\"}}", $"{{\"count\":{i}}}"));
            lines.Add(Event(++seq, node, "Handle", $"{{\"from\":\"{from}\"}}", $"{{\"count\":{i + 1}}}"));
        }
        var schema = TraceSchema.Infer([TraceOf("r", lines)]);
        Assert.Contains("Handle", schema.Receives);
        Assert.DoesNotContain("Ask", schema.Receives);
    }
}
