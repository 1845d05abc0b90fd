using Specula.Synthesis.Mining;
using Specula.Traces.Format;

namespace Specula.Synthesis.Tests;

public class ComparabilityTests
{
    /// <summary>
    /// Two nodes appending to a log: the index grows every step, the commit index trails it by two, the term grows
    /// once every fifteen steps. A term stays below every index here by luck only (an early election would break it).
    /// </summary>
    private static Trace Log(string name, int steps, int termEvery)
    {
        var lines = new List<string>
        {
            MiningTests.Event(1, "n1", "Init", "{}", "{\"term\":1,\"index\":1,\"commit\":0}"),
            MiningTests.Event(1, "n2", "Init", "{}", "{\"term\":1,\"index\":1,\"commit\":0}"),
        };
        var index = new Dictionary<string, int> { ["n1"] = 1, ["n2"] = 1 };
        for (var i = 0; i < steps; i++)
        {
            var node = i % 2 == 0 ? "n1" : "n2";
            var term = 1 + (i / termEvery);
            index[node]++;
            lines.Add(MiningTests.Event(i + 2, node, "Append", $"{{\"index\":{index[node]},\"term\":{term}}}",
                $"{{\"term\":{term},\"index\":{index[node]},\"commit\":{Math.Max(0, index[node] - 2)}}}"));
        }
        return MiningTests.TraceOf(name, lines);
    }

    private static (TraceSchema Schema, List<Transition> Steps) Extract(params Trace[] traces)
    {
        var schema = TraceSchema.Infer(traces);
        var init = TransitionExtractor.InitialValues(schema, traces);
        return (schema, [.. traces.SelectMany(t => TransitionExtractor.Extract(schema, t, init).Steps)]);
    }

    private static VarTerm Var(TraceSchema schema, string name) => new(schema.VariableIndex(name), name);

    [Fact]
    public void Integers_that_track_each_other_are_comparable_and_a_term_is_not_an_index()
    {
        var (schema, steps) = Extract(Log("a", 120, 15), Log("b", 90, 10));
        var comparability = Comparability.Of(schema, steps);
        Assert.True(comparability.Comparable(Var(schema, "index"), Var(schema, "commit")));
        Assert.True(comparability.Comparable(Var(schema, "index"), new ArgTerm("index")));
        Assert.True(comparability.Comparable(Var(schema, "term"), new ArgTerm("term")));
        Assert.False(comparability.Comparable(Var(schema, "term"), Var(schema, "index")));
        Assert.False(comparability.Comparable(Var(schema, "term"), new ArgTerm("index")));
        Assert.False(comparability.Comparable(new ArgTerm("term"), new PlusTerm(Var(schema, "commit"), 1)));
    }

    [Fact]
    public void Guards_and_invariants_relate_only_comparable_integers()
    {
        var (schema, steps) = Extract(Log("a", 120, 15), Log("b", 90, 10));
        var comparability = Comparability.Of(schema, steps);
        var term = schema.VariableIndex("term");
        var index = schema.VariableIndex("index");

        static bool RelatesTermToIndex(Pred p, int term, int index) => p is CmpPred { Left: var l, Right: var r }
            && new[] { l, r }.Any(x => x is VarTerm { Variable: var v } && v == term || x is ArgTerm { Arg: "term" })
            && new[] { l, r }.Any(x => x is VarTerm { Variable: var v } && v == index || x is ArgTerm { Arg: "index" });
        var append = new ActionMiner(schema, steps, new MiningOptions(), comparability).Mine("Append", "Append", [.. steps.Where(s => s.Event == "Append")]);
        Assert.DoesNotContain(append.Guard, g => RelatesTermToIndex(g.Pred, term, index));
        Assert.Contains(append.Guard, g => g.Pred is CmpPred { Left: ArgTerm { Arg: "index" } } or CmpPred { Right: ArgTerm { Arg: "index" } });

        // Every term below every index: the luck of these runs, an invariant only when terms and indexes are not told apart.
        var states = steps.Select(s => s.Pre).ToList();
        Assert.Contains(InvariantMiner.Mine(schema, states), i => i.Name == "TermAtMostIndex");
        var mined = InvariantMiner.Mine(schema, states, comparability);
        Assert.DoesNotContain(mined, i => i.Name == "TermAtMostIndex");
        Assert.Contains(mined, i => i.Name == "CommitAtMostIndex");
    }
}
