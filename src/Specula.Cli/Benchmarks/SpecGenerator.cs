using System.Globalization;
using System.Text;

namespace Specula.Cli.Benchmarks;

/// <summary>
/// Generates a large, valid TLA+ module in the style of real protocol specs (bullet lists, quantifiers, records,
/// EXCEPT, LET, CASE, sets and sequences), for measuring the front end. Deterministic: the same size gives the same text.
/// </summary>
internal static class SpecGenerator
{
    /// <summary>Generates a module of at least <paramref name="targetLines"/> lines.</summary>
    public static string Generate(int targetLines)
    {
        var text = new StringBuilder();
        var lines = 0;
        void Line(string s)
        {
            text.Append(s).Append('\n');
            lines++;
        }
        Line("---------------------------- MODULE Generated ----------------------------");
        Line("EXTENDS Naturals, Sequences, FiniteSets, TLC");
        Line("CONSTANTS Server, Value, MaxTerm");
        Line("VARIABLES term, role, log, votes, msgs, commit");
        Line("vars == <<term, role, log, votes, msgs, commit>>");
        Line(string.Empty);
        Line("TypeOK == /\\ term \\in [Server -> 0..MaxTerm]");
        Line("          /\\ role \\in [Server -> {\"Follower\", \"Candidate\", \"Leader\"}]");
        Line("          /\\ log \\in [Server -> Seq([term : 0..MaxTerm, value : Value])]");
        Line("          /\\ votes \\in [Server -> SUBSET Server]");
        Line("          /\\ commit \\in [Server -> Nat]");
        Line(string.Empty);
        Line("Init == /\\ term = [s \\in Server |-> 0]");
        Line("        /\\ role = [s \\in Server |-> \"Follower\"]");
        Line("        /\\ log = [s \\in Server |-> <<>>]");
        Line("        /\\ votes = [s \\in Server |-> {}]");
        Line("        /\\ msgs = {}");
        Line("        /\\ commit = [s \\in Server |-> 0]");
        Line(string.Empty);
        var actions = new List<string>();
        for (var i = 0; lines < targetLines - 10; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            var previous = i == 0 ? "TRUE" : $"Guard{(i - 1).ToString(CultureInfo.InvariantCulture)}(s)";
            Line($"\\* Action family {n}: a step of the protocol with its guard and helpers.");
            Line($"Guard{n}(s) == /\\ role[s] \\in {{\"Candidate\", \"Leader\"}}");
            Line($"              /\\ term[s] < MaxTerm");
            Line($"              /\\ \\/ Len(log[s]) > {(i % 5).ToString(CultureInfo.InvariantCulture)}");
            Line($"                 \\/ {previous}");
            Line(string.Empty);
            Line($"Quorum{n} == {{Q \\in SUBSET Server : Cardinality(Q) * 2 > Cardinality(Server)}}");
            Line(string.Empty);
            Line($"Step{n}(s, v) ==");
            Line($"    /\\ Guard{n}(s)");
            Line($"    /\\ LET entry == [term |-> term[s], value |-> v]");
            Line($"           next == Append(log[s], entry)");
            Line($"       IN  /\\ log' = [log EXCEPT ![s] = next]");
            Line($"           /\\ msgs' = msgs \\cup {{[type |-> \"Append{n}\", from |-> s, entry |-> entry]}}");
            Line($"    /\\ \\E Q \\in Quorum{n} : \\A q \\in Q : term[q] <= term[s]");
            Line($"    /\\ commit' = [commit EXCEPT ![s] = IF @ < Len(log[s]) THEN @ + 1 ELSE @]");
            Line($"    /\\ role' = [role EXCEPT ![s] = CASE term[s] > {n} -> \"Leader\"");
            Line($"                                     [] OTHER -> @]");
            Line($"    /\\ UNCHANGED <<term, votes>>");
            Line(string.Empty);
            actions.Add($"\\E s \\in Server, v \\in Value : Step{n}(s, v)");
        }
        Line("Next == \\/ " + string.Join("\n        \\/ ", actions.Take(200)));
        Line("Spec == Init /\\ [][Next]_vars /\\ WF_vars(Next)");
        Line("Safety == \\A s, t \\in Server : role[s] = \"Leader\" /\\ role[t] = \"Leader\" /\\ term[s] = term[t] => s = t");
        Line("=============================================================================");
        return text.ToString();
    }
}
