using System.Text;
using Specula.Tla.Semantics;
using Specula.Tla.Syntax;

namespace Specula.Tla.Tests.Semantics;

public sealed class ThroughputTests
{
    /// <summary>A spec in the shape of real ones: actions with LET, EXCEPT, records, quantifiers, per-action invariants.</summary>
    internal static string Generate(int actions)
    {
        var sb = new StringBuilder();
        sb.AppendLine("---- MODULE Big ----");
        sb.AppendLine("EXTENDS Naturals, Sequences, FiniteSets, TLC");
        sb.AppendLine("CONSTANTS Procs, Values, MaxLen");
        sb.AppendLine("VARIABLES pc, queue, store, msgs, count");
        sb.AppendLine("vars == <<pc, queue, store, msgs, count>>");
        sb.AppendLine("Init == /\\ pc = [p \\in Procs |-> \"idle\"]\n        /\\ queue = <<>>\n        /\\ store = [v \\in Values |-> 0]\n        /\\ msgs = {}\n        /\\ count = 0");
        for (var i = 0; i < actions; i++)
        {
            sb.Append("\\* Action number ").Append(i).AppendLine();
            sb.Append("Helper").Append(i).AppendLine("(p, v) ==");
            sb.AppendLine("    LET old == store[v]");
            sb.Append("        new == old + ").Append(i % 7).AppendLine(" * 2");
            sb.AppendLine("    IN  IF new > MaxLen THEN old ELSE new");
            sb.Append("Act").Append(i).AppendLine("(p) ==");
            sb.AppendLine("    /\\ pc[p] = \"idle\"");
            sb.AppendLine("    /\\ Len(queue) < MaxLen");
            sb.AppendLine("    /\\ \\E v \\in Values :");
            sb.Append("          /\\ store' = [store EXCEPT ![v] = Helper").Append(i).AppendLine("(p, v)]");
            sb.AppendLine("          /\\ queue' = Append(queue, v)");
            sb.Append("          /\\ msgs' = msgs \\cup {[type |-> \"m").Append(i).AppendLine("\", from |-> p, val |-> v]}");
            sb.AppendLine("    /\\ pc' = [pc EXCEPT ![p] = IF @ = \"idle\" THEN \"busy\" ELSE \"idle\"]");
            sb.AppendLine("    /\\ count' = count + 1");
            sb.Append("Inv").Append(i).Append(" == \\A m \\in msgs : m.type = \"m").Append(i)
              .AppendLine("\" => m.val \\in Values /\\ Cardinality({q \\in Procs : pc[q] = \"busy\"}) >= 0");
        }
        sb.AppendLine("Next == \\E p \\in Procs :");
        for (var i = 0; i < actions; i++)
        {
            sb.Append("    \\/ Act").Append(i).AppendLine("(p)");
        }
        sb.AppendLine("Spec == Init /\\ [][Next]_vars /\\ WF_vars(Next)");
        sb.AppendLine("====");
        return sb.ToString();
    }

    // How fast this goes is measured by benchmarks, not asserted here: a timed test fails on a loaded machine.
    [Fact]
    public void Checks_a_large_generated_spec_completely()
    {
        var text = Generate(1000);
        var parsed = TlaParser.Parse("/spec/Big.tla", text);
        Assert.Empty(parsed.Diagnostics);

        var result = SemanticChecker.Check(parsed);

        Assert.True(result.Succeeded, Sem.Render(result));
        Assert.Equal(Level.Temporal, result.Module!.LevelOf("Spec"));
        Assert.Equal(Level.Action, result.Module.LevelOf("Act999"));
        Assert.Equal(Level.State, result.Module.LevelOf("Inv999"));
    }
}
