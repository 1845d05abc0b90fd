using System.Collections.Immutable;
using Specula.Tla.Semantics;
using Specula.Tla.Syntax;
using Specula.Tla.Values;

namespace Specula.Tla.Evaluation;

/// <summary>The community module VectorClocks: ordering logs gathered from several nodes by their vector clocks.</summary>
internal sealed partial class Evaluator
{
    private Value VectorClocks(Symbol symbol, SyntaxNode at, ImmutableArray<Expr> args, Env env, StatePair st, bool primed)
    {
        switch (symbol.Name)
        {
            case "CausalOrder":
            {
                var log = SeqArg(EvalCore(args[0], env, st, primed), at, "CausalOrder", "first");
                return FunctionValue.Tuple(CausalOrder(log, args, env, st, primed, at)).AsValue;
            }
            case "IsCausalOrder":
            {
                var log = SeqArg(EvalCore(args[0], env, st, primed), at, "IsCausalOrder", "first");
                var clocks = log.Select(line => FunctionArg(Op(args, 1, env, st, primed, line), at, "IsCausalOrder", "second")).ToArray();
                for (var i = 0; i < clocks.Length; i++)
                {
                    for (var j = 0; j < i; j++)
                    {
                        if (!HappenedBeforeOrConcurrent(clocks[j], clocks[i], at))
                        {
                            return Value.False;
                        }
                    }
                }
                return Value.True;
            }
        }
        return Unsupported(symbol, at);
    }

    /// <summary>
    /// TLC's override of CausalOrder: each node's lines sorted by the node's own clock, each line made to wait for the
    /// lines of other nodes its clock has seen, then rounds that take, node by node, the first line of each node that
    /// waits for nothing. TLC visits the nodes in the order of a Java hash map keyed by fingerprints whose polynomial
    /// TLC picks at random per run (-fp), so the order of concurrent lines is TLC's only up to that choice; here nodes are
    /// visited in TLC's value order, which is one of TLC's possible orders and the same on every run.
    /// </summary>
    private Value[] CausalOrder(Value[] log, ImmutableArray<Expr> args, Env env, StatePair st, bool primed, SyntaxNode at)
    {
        var byNode = new SortedDictionary<Value, List<ClockedLine>>(ValueOps.TlcComparer);
        foreach (var line in log)
        {
            var node = Op(args, 2, env, st, primed, line);
            var clock = Op(args, 1, env, st, primed, line);
            var time = FunctionArg(clock, at, "CausalOrder", "second").Apply(node);
            var hosts = Enumerate(Op(args, 3, env, st, primed, clock), at).ToArray();
            if (!byNode.TryGetValue(node, out var lines))
            {
                byNode[node] = lines = [];
            }
            lines.Add(new ClockedLine(clock.AsFunction, time, hosts, line));
        }
        foreach (var lines in byNode.Values)
        {
            // List.Sort is not stable; Java's is, and a node logs its lines in its own clock's order anyway.
            var sorted = lines.Select((l, i) => (l, i)).OrderBy(p => p.l.Time, ValueOps.TlcComparer).ThenBy(p => p.i).Select(p => p.l).ToList();
            lines.Clear();
            lines.AddRange(sorted);
        }
        foreach (var (node, lines) in byNode)
        {
            var latest = byNode.Keys.ToDictionary(k => k, _ => Value.Int(0));
            foreach (var line in lines)
            {
                latest[node] = line.Time;
                foreach (var host in line.Hosts)
                {
                    var time = line.Clock.Apply(host);
                    if (!latest.TryGetValue(host, out var known))
                    {
                        throw Error(at, $"CausalOrder: the clock of a line names {host}, which logged no line.");
                    }
                    if (ValueOps.Compare(known, time) < 0)
                    {
                        latest[host] = time;
                        // The host's line with this clock value is taken by position, as TLC does: a gap in the log
                        // makes it another line, or none (TLC's IndexOutOfBoundsException).
                        var index = IntOf(time, at).AsInt64 - 1;
                        var hostLines = byNode[host];
                        if (index < 0 || index >= hostLines.Count)
                        {
                            throw Error(at, $"CausalOrder failed: Index: {index}, Size: {hostLines.Count} (the log lacks lines of {host}).");
                        }
                        line.Parents.Add(hostLines[(int)index]);
                        hostLines[(int)index].Children.Add(line);
                    }
                }
            }
        }
        var result = new List<Value>(log.Length);
        var heads = byNode.Values.Select(l => new Queue<ClockedLine>(l)).ToArray();
        for (var round = 0; round < log.Length; round++)
        {
            foreach (var head in heads)
            {
                if (head.Count > 0 && head.Peek().Parents.Count == 0)
                {
                    var line = head.Dequeue();
                    foreach (var child in line.Children)
                    {
                        child.Parents.Remove(line);
                    }
                    result.Add(line.Line);
                }
            }
        }
        // Lines still waiting after as many rounds as the log has lines (a gap in some node's clock) are left out, as
        // TLC leaves them out: its check that every line was ordered is a Java assertion, off when TLC runs.
        return [.. result];
    }

    private bool HappenedBeforeOrConcurrent(FunctionValue before, FunctionValue after, SyntaxNode at)
    {
        // VectorClocks' IsCausalOrder aligns both clocks on the union of their domains, missing entries being 0.
        var domain = Enumerable.Range(0, before.Count).Select(before.KeyAt).Concat(Enumerable.Range(0, after.Count).Select(after.KeyAt))
            .Distinct().ToArray();
        long Time(FunctionValue clock, Value key) => clock.TryApply(key, out var v) ? IntOf(v, at).AsInt64 : 0;
        var allLessOrEqual = domain.All(d => Time(before, d) <= Time(after, d));
        var someLess = domain.Any(d => Time(before, d) < Time(after, d));
        var concurrent = domain.Any(i => domain.Any(j => !i.Equals(j) && Time(before, i) < Time(after, i) && Time(before, j) > Time(after, j)));
        return (allLessOrEqual && someLess) || concurrent;
    }

    /// <summary>One line of a log in CausalOrder, with the lines of other nodes it must follow and those following it.</summary>
    private sealed class ClockedLine(FunctionValue clock, Value time, Value[] hosts, Value line)
    {
        public FunctionValue Clock => clock;

        public Value Time => time;

        public Value[] Hosts => hosts;

        public Value Line => line;

        public HashSet<ClockedLine> Parents { get; } = [];

        public HashSet<ClockedLine> Children { get; } = [];
    }
}
