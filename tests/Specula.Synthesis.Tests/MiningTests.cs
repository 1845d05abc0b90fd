using System.Text;
using Specula.Synthesis.Mining;
using Specula.Traces.Format;

namespace Specula.Synthesis.Tests;

public class MiningTests
{
    internal static Trace TraceOf(string name, IEnumerable<string> lines)
    {
        var text = string.Join("\n", lines) + "\n";
        var read = TraceReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), name + ".ndjson");
        Assert.Empty(read.Diagnostics);
        return read.Trace!;
    }

    internal static string Event(long seq, string node, string ev, string args, string state) =>
        $"{{\"tag\":\"trace\",\"v\":1,\"seq\":{seq},\"node\":\"{node}\",\"event\":\"{ev}\",\"args\":{args},\"state\":{state}}}";

    /// <summary>Two nodes counting up, with a role, a pointer to a node and a value copied from an argument.</summary>
    internal static Trace Counter(string name, int steps) => TraceOf(name, CounterLines(steps));

    internal static List<string> CounterLines(int steps)
    {
        var lines = new List<string>
        {
            Event(1, "n1", "Init", "{}", "{\"count\":0,\"role\":\"Idle\",\"owner\":\"\",\"last\":0,\"high\":0,\"peer\":\"\"}"),
            Event(1, "n2", "Init", "{}", "{\"count\":0,\"role\":\"Idle\",\"owner\":\"\",\"last\":0,\"high\":0,\"peer\":\"\"}"),
        };
        var count = new Dictionary<string, int> { ["n1"] = 0, ["n2"] = 0 };
        var seq = new Dictionary<string, int> { ["n1"] = 1, ["n2"] = 1 };
        for (var i = 0; i < steps; i++)
        {
            var node = i % 3 == 0 ? "n2" : "n1";
            count[node]++;
            var top = Math.Max(count["n1"], count["n2"]);
            lines.Add(Event(++seq[node], node, "Tick", $"{{\"k\":{i % 5},\"peer\":\"{(node == "n1" ? "n2" : "n1")}\"}}",
                $"{{\"count\":{count[node]},\"role\":\"Busy\",\"owner\":\"{node}\",\"last\":{i % 5},\"high\":{top},\"peer\":\"{(node == "n1" ? "n2" : "n1")}\"}}"));
            if (i % 4 == 3)
            {
                lines.Add(Event(++seq[node], node, "Rest", "{}",
                    $"{{\"count\":{count[node]},\"role\":\"Idle\",\"owner\":\"{node}\",\"last\":{i % 5},\"high\":{top},\"peer\":\"{(node == "n1" ? "n2" : "n1")}\"}}"));
            }
        }
        return lines;
    }

    private static (TraceSchema Schema, List<Transition> Steps) Extract(params Trace[] traces)
    {
        var schema = TraceSchema.Infer(traces);
        var init = TransitionExtractor.InitialValues(schema, traces);
        return (schema, [.. traces.SelectMany(t => TransitionExtractor.Extract(schema, t, init).Steps)]);
    }

    private static Effect EffectOf(TraceSchema schema, ActionModel action, string field) => action.Effects[schema.VariableIndex(field)];

    [Fact]
    public void Schema_finds_nodes_kinds_and_scalar_arguments()
    {
        var (schema, steps) = Extract(Counter("c", 20));
        Assert.Equal(["n1", "n2"], schema.Nodes.ToArray());
        Assert.Equal(SKind.Int, schema.Variables[schema.VariableIndex("count")].Kind);
        Assert.Equal(SKind.Str, schema.Variables[schema.VariableIndex("role")].Kind);
        Assert.Equal(SKind.Node, schema.Variables[schema.VariableIndex("owner")].Kind);
        Assert.Equal(["k", "peer"], schema.Events["Tick"].ScalarArgs.Select(a => a.Name));
        Assert.Equal(27, steps.Count);
    }

    [Fact]
    public void Effects_are_the_smallest_term_of_the_grammar_that_fits_every_step()
    {
        var (schema, steps) = Extract(Counter("c", 40));
        var miner = new ActionMiner(schema, steps, new MiningOptions());
        var tick = miner.Mine("Tick", "Tick", [.. steps.Where(s => s.Event == "Tick")]);
        Assert.Equal(["k", "peer"], tick.Args.ToArray());
        var rest = miner.Mine("Rest", "Rest", [.. steps.Where(s => s.Event == "Rest")]);
        Assert.Equal(new PlusTerm(new VarTerm(schema.VariableIndex("count"), "count"), 1), Assert.IsType<LeafEffect>(EffectOf(schema, tick, "count")).Term);
        Assert.Equal(new ConstTerm(SValue.Str("Busy")), Assert.IsType<LeafEffect>(EffectOf(schema, tick, "role")).Term);
        Assert.Equal(new ConstTerm(SValue.Str("Idle")), Assert.IsType<LeafEffect>(EffectOf(schema, rest, "role")).Term);
        Assert.IsType<SelfTerm>(Assert.IsType<LeafEffect>(EffectOf(schema, tick, "owner")).Term);
        Assert.Equal(new ArgTerm("k"), Assert.IsType<LeafEffect>(EffectOf(schema, tick, "last")).Term);
        Assert.Equal(new ArgTerm("peer"), Assert.IsType<LeafEffect>(EffectOf(schema, tick, "peer")).Term);
        // Unchanged: Rest leaves the count alone.
        Assert.Equal(new VarTerm(schema.VariableIndex("count"), "count"), Assert.IsType<LeafEffect>(EffectOf(schema, rest, "count")).Term);
        Assert.Equal(["k", "peer"], tick.Args.ToArray());
    }

    [Fact]
    public void Max_and_case_splits_are_found_when_no_smaller_term_fits()
    {
        var lines = new List<string>();
        var term = 0;
        for (var i = 0; i < 30; i++)
        {
            var t = (i * 7) % 5;
            term = Math.Max(term, t);
            lines.Add(Event(i + 1, "n1", "Recv", $"{{\"t\":{t},\"kind\":\"{(i % 2 == 0 ? "A" : "B")}\"}}",
                $"{{\"term\":{term},\"mark\":{(i % 2 == 0 ? 1 : 2)}}}"));
        }
        var (schema, steps) = Extract(TraceOf("r", lines));
        var recv = new ActionMiner(schema, steps, new MiningOptions()).Mine("Recv", "Recv", steps);
        var termVar = new VarTerm(schema.VariableIndex("term"), "term");
        Assert.Equal(new MaxTerm(termVar, new ArgTerm("t")), Assert.IsType<LeafEffect>(EffectOf(schema, recv, "term")).Term);
        var split = Assert.IsType<IfEffect>(EffectOf(schema, recv, "mark"));
        Assert.Equal(new CmpPred(new ArgTerm("kind"), Cmp.Eq, new ConstTerm(SValue.Str("A"))), split.Condition);
    }

    [Fact]
    public void Appending_an_argument_to_a_sequence_is_found()
    {
        var lines = new List<string> { Event(1, "n1", "Init", "{}", "{\"log\":[]}") };
        var items = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            items.Add(i * 3);
            lines.Add(Event(i + 2, "n1", "Add", $"{{\"x\":{i * 3}}}", $"{{\"log\":[{string.Join(",", items)}]}}"));
        }
        var (schema, steps) = Extract(TraceOf("s", lines));
        var add = new ActionMiner(schema, steps, new MiningOptions()).Mine("Add", "Add", [.. steps.Where(s => s.Event == "Add")]);
        var log = new VarTerm(schema.VariableIndex("log"), "log");
        Assert.Equal(new AppendTerm(log, new ArgTerm("x")), Assert.IsType<LeafEffect>(EffectOf(schema, add, "log")).Term);
    }

    [Fact]
    public void Guards_keep_only_justified_conjuncts_and_a_counterexample_weakens_them()
    {
        var (schema, steps) = Extract(Counter("c", 160));
        var rests = steps.Where(s => s.Event == "Rest").ToList();
        var miner = new ActionMiner(schema, steps, new MiningOptions());
        var role = schema.VariableIndex("role");
        var busy = new CmpPred(new VarTerm(role, "role"), Cmp.Eq, new ConstTerm(SValue.Str("Busy")));
        // Every Rest follows a Tick: role = "Busy" before it, in all steps and rarely by chance.
        Assert.Contains(miner.Mine("Rest", "Rest", rests).Guard, g => g.Pred.Equals(busy));
        // Two examples are not enough support.
        Assert.Empty(miner.Mine("Rest", "Rest", rests.Take(2).ToList()).Guard);
        // A step where the conjunct is false (a held-out divergence) removes it.
        var counter = rests[0] with { Pre = [.. rests[0].Pre.Select(r => (SValue[])r.Clone())] };
        counter.Pre[counter.Node][role] = SValue.Str("Idle");
        Assert.DoesNotContain(miner.Mine("Rest", "Rest", [.. rests, counter]).Guard, g => g.Pred.Equals(busy));
    }

    [Fact]
    public void Invariants_include_cross_node_uniqueness_when_the_states_show_it()
    {
        var lines = new List<string>
        {
            Event(1, "n1", "Up", "{}", "{\"role\":\"Leader\",\"term\":1}"),
            Event(1, "n2", "Up", "{}", "{\"role\":\"Follower\",\"term\":1}"),
            Event(2, "n2", "Up", "{}", "{\"role\":\"Leader\",\"term\":2}"),
            Event(2, "n1", "Up", "{}", "{\"role\":\"Follower\",\"term\":2}"),
            Event(3, "n1", "Up", "{}", "{\"role\":\"Leader\",\"term\":3}"),
            Event(3, "n2", "Up", "{}", "{\"role\":\"Follower\",\"term\":3}"),
        };
        var trace = TraceOf("u", lines);
        var schema = TraceSchema.Infer([trace]);
        var init = TransitionExtractor.InitialValues(schema, [trace]);
        var states = TransitionExtractor.Extract(schema, trace, init).States;
        var found = InvariantMiner.Mine(schema, states);
        Assert.Contains(found, i => i.Name == "AtMostOneRoleLeaderPerTerm"
            && i.Text == "\\A a, b \\in Node : role[a] = \"Leader\" /\\ role[b] = \"Leader\" /\\ term[a] = term[b] => a = b");
    }
}
