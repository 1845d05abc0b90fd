using Specula.Tla.Evaluation;
using Specula.Tla.Semantics;
using Specula.Tla.Syntax;
using Specula.Tla.Values;

namespace Specula.Tla.Tests.TlcTraceSpecs;

/// <summary>
/// VectorClocks, which trace specs of logs gathered from several nodes sort their log with (EWD998ChanTrace). The
/// expected values were printed by TLC (with the CommunityModules jar) evaluating the same definitions.
/// </summary>
public sealed class VectorClocksTests
{
    // A causal chain A < B < C < D across two nodes, logged out of order.
    private const string Definitions = """
        Log == << [id |-> "D", node |-> "q", vc |-> [p |-> 2, q |-> 2]],
                  [id |-> "B", node |-> "q", vc |-> [p |-> 1, q |-> 1]],
                  [id |-> "C", node |-> "p", vc |-> [p |-> 2, q |-> 1]],
                  [id |-> "A", node |-> "p", vc |-> [p |-> 1]] >>
        Sorted == CausalOrder(Log, LAMBDA l : l.vc, LAMBDA l : l.node, LAMBDA vc : DOMAIN vc)
        """;

    private static string Eval(string expression)
    {
        var text = "---- MODULE V ----\nEXTENDS VectorClocks, Sequences, Naturals\n" + Definitions + "\nE == " + expression + "\n====\n";
        var modules = new ModuleSet();
        var source = modules.Add(TlaParser.Parse("V.tla", text));
        var checkedModule = SemanticChecker.Check(modules, source);
        Assert.True(checkedModule.Succeeded, string.Join("\n", checkedModule.Diagnostics));
        var context = new SpecContext(checkedModule.Module!, new StringTable());
        return new Evaluator(context).Eval(ModelDefinitions.Body(context, "E"), Env.Empty, new StatePair()).ToString();
    }

    [Fact]
    public void CausalOrder_sorts_a_causal_chain_as_tlc_does()
    {
        Assert.Equal("<<\"A\", \"B\", \"C\", \"D\">>", Eval("[i \\in 1..Len(Sorted) |-> Sorted[i].id]"));
    }

    [Fact]
    public void IsCausalOrder_accepts_the_sorted_log_and_rejects_the_logged_order()
    {
        Assert.Equal("<<TRUE, FALSE>>", Eval("<<IsCausalOrder(Sorted, LAMBDA l : l.vc), IsCausalOrder(Log, LAMBDA l : l.vc)>>"));
    }

    [Fact]
    public void A_clock_pointing_past_a_nodes_lines_fails_as_in_tlc()
    {
        // Without A, node p logged one line; D's clock names p's second one (TLC: "Index: 1, Size: 1").
        var text = "---- MODULE W ----\nEXTENDS VectorClocks, Sequences, Naturals\n" + Definitions +
            "\nE == CausalOrder(SubSeq(Log, 1, 3), LAMBDA l : l.vc, LAMBDA l : l.node, LAMBDA vc : DOMAIN vc)\n====\n";
        var modules = new ModuleSet();
        var source = modules.Add(TlaParser.Parse("W.tla", text));
        var context = new SpecContext(SemanticChecker.Check(modules, source).Module!, new StringTable());

        var error = Assert.Throws<EvaluationException>(() =>
            new Evaluator(context).Eval(ModelDefinitions.Body(context, "E"), Env.Empty, new StatePair()));
        Assert.Contains("Index: 1, Size: 1", error.Message, StringComparison.Ordinal);
    }
}
