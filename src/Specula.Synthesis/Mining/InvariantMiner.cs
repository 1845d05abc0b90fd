namespace Specula.Synthesis.Mining;

/// <summary>A candidate safety invariant true on every observed state.</summary>
internal sealed record CandidateInvariant(string Name, string Text, string Template, int Support, Func<SValue[][], bool> Holds);

/// <summary>
/// Mines candidate invariants from the global states the traces pass through: orderings between a node's integers,
/// implications between its enumerated fields, and cross-node ones (∀a, b): at most one node in a given value per
/// integer (election safety's shape), agreement on a node-valued field per integer, and prefix agreement of
/// sequences (log matching's shape).
/// </summary>
internal static class InvariantMiner
{
    private const int MinSupport = 5;

    public static List<CandidateInvariant> Mine(TraceSchema schema, IReadOnlyList<SValue[][]> states, Comparability? comparability = null)
    {
        var found = new List<CandidateInvariant>();
        var vars = schema.Variables;
        var nodes = schema.Nodes;
        string V(int v) => SpecNames.VariableName(schema, v);
        var ints = Enumerable.Range(0, vars.Length).Where(v => vars[v].Kind == SKind.Int).ToList();
        var enums = Enumerable.Range(0, vars.Length).Where(v => vars[v].Kind is SKind.Str or SKind.Bool or SKind.Node && vars[v].Values.Count is > 1 and <= 6).ToList();
        var nodeVars = Enumerable.Range(0, vars.Length).Where(v => vars[v].Kind == SKind.Node).ToList();

        // support: how many (state, node) points or pairs make the invariant say something.
        void Try(string name, string text, string template, Func<SValue[][], bool> holds, Func<SValue[][], int> support)
        {
            var total = 0;
            foreach (var s in states)
            {
                if (!holds(s))
                {
                    return;
                }
                total += support(s);
            }
            if (total >= MinSupport)
            {
                found.Add(new CandidateInvariant(name, text, template, total, holds));
            }
        }

        foreach (var u in ints)
        {
            foreach (var w in ints.Where(w => w != u && (comparability ?? Comparability.All).Comparable(u, w)))
            {
                Try($"{Cap(V(u))}AtMost{Cap(V(w))}", $"\\A m \\in Node : {V(u)}[m] <= {V(w)}[m]", "ordering",
                    s => s.All(row => row[u].Number <= row[w].Number), s => s.Count(row => row[u].Number < row[w].Number));
            }
        }
        foreach (var v in enums)
        {
            foreach (var c in vars[v].Values.Where(c => !c.MentionsNode))
            {
                int When(SValue[][] s) => s.Count(row => row[v].Equals(c));
                foreach (var w in Enumerable.Range(0, vars.Length).Where(w => w != v && vars[w].Kind is SKind.Str or SKind.Bool or SKind.Node))
                {
                    if (vars[w].Kind == SKind.Node)
                    {
                        Try($"{Cap(V(v))}{Name(c)}Implies{Cap(V(w))}Self", $"\\A m \\in Node : {V(v)}[m] = {c.Text} => {V(w)}[m] = m", "implication",
                            s => Enumerable.Range(0, s.Length).All(m => !s[m][v].Equals(c) || (s[m][w].Kind == SKind.Node && s[m][w].Text == nodes[m])), When);
                    }
                    foreach (var d in vars[w].Values.Where(d => !d.MentionsNode))
                    {
                        Try($"{Cap(V(v))}{Name(c)}Implies{Cap(V(w))}{Name(d)}", $"\\A m \\in Node : {V(v)}[m] = {c.Text} => {V(w)}[m] = {d.Text}", "implication",
                            s => s.All(row => !row[v].Equals(c) || row[w].Equals(d)), When);
                    }
                }
                foreach (var u in ints)
                {
                    Try($"AtMostOne{Cap(V(v))}{Name(c)}Per{Cap(V(u))}",
                        $"\\A a, b \\in Node : {V(v)}[a] = {c.Text} /\\ {V(v)}[b] = {c.Text} /\\ {V(u)}[a] = {V(u)}[b] => a = b", "unique",
                        s => Pairs(s.Length).All(ab => !(s[ab.A][v].Equals(c) && s[ab.B][v].Equals(c) && s[ab.A][u].Equals(s[ab.B][u]))), When);
                }
            }
        }
        // Prefix agreement of per-node sequences (Raft's log matching): two nodes whose sequences hold the same item at
        // an index hold the same items up to it. Support: the agreeing items past the first.
        foreach (var v in Enumerable.Range(0, vars.Length).Where(v => vars[v].Kind == SKind.Seq))
        {
            Try($"{Cap(V(v))}Matching",
                $"\\A a, b \\in Node : \\A i \\in 1..Len({V(v)}[a]) : i <= Len({V(v)}[b]) /\\ {V(v)}[a][i] = {V(v)}[b][i] => SubSeq({V(v)}[a], 1, i) = SubSeq({V(v)}[b], 1, i)",
                "prefix agreement",
                s => Pairs(s.Length).All(ab => PrefixAgree(s[ab.A][v], s[ab.B][v])),
                s => Pairs(s.Length).Sum(ab => Agreeing(s[ab.A][v], s[ab.B][v])));
        }
        foreach (var w in nodeVars)
        {
            foreach (var u in ints)
            {
                bool Both(SValue[] x, SValue[] y) => x[u].Equals(y[u]) && x[w].Kind == SKind.Node && y[w].Kind == SKind.Node;
                Try($"{Cap(V(w))}AgreementPer{Cap(V(u))}",
                    $"\\A a, b \\in Node : {V(u)}[a] = {V(u)}[b] /\\ {V(w)}[a] \\in Node /\\ {V(w)}[b] \\in Node => {V(w)}[a] = {V(w)}[b]", "agreement",
                    s => Pairs(s.Length).All(ab => !Both(s[ab.A], s[ab.B]) || s[ab.A][w].Equals(s[ab.B][w])),
                    s => Pairs(s.Length).Count(ab => Both(s[ab.A], s[ab.B])));
            }
        }
        return found;
    }

    /// <summary>Whether, at every index where both sequences hold the same item, they agree on every earlier index.</summary>
    private static bool PrefixAgree(SValue a, SValue b)
    {
        var n = Math.Min(a.Items.Length, b.Items.Length);
        var differs = false;
        for (var i = 0; i < n; i++)
        {
            var same = a.Items[i].Equals(b.Items[i]);
            if (same && differs)
            {
                return false;
            }
            differs |= !same;
        }
        return true;
    }

    private static int Agreeing(SValue a, SValue b)
    {
        var n = Math.Min(a.Items.Length, b.Items.Length);
        var count = 0;
        for (var i = 1; i < n; i++)
        {
            count += a.Items[i].Equals(b.Items[i]) ? 1 : 0;
        }
        return count;
    }

    private static IEnumerable<(int A, int B)> Pairs(int n)
    {
        for (var a = 0; a < n; a++)
        {
            for (var b = a + 1; b < n; b++)
            {
                yield return (a, b);
            }
        }
    }

    private static string Cap(string s) => TlaText.Capitalized(s);

    private static string Name(SValue c) => c.Kind switch
    {
        SKind.Bool => c.Text == "TRUE" ? "True" : "False",
        SKind.Str => c.Text == "\"\"" ? "Empty" : Cap(TlaText.Identifier(c.Text.Trim('"'))),
        _ => Cap(TlaText.Identifier(c.Text)),
    };
}
