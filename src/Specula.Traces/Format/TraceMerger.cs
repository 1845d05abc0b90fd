namespace Specula.Traces.Format;

/// <summary>What merging gave: one trace whose order agrees with every file's order and with the vector clocks.</summary>
/// <param name="Trace">The merged trace; null when there is any diagnostic.</param>
/// <param name="Diagnostics">Every problem found.</param>
public sealed record TraceMergeResult(Trace? Trace, IReadOnlyList<TraceDiagnostic> Diagnostics);

/// <summary>
/// Merges per-node trace files into one sequence that a validator can replay: a linear extension of the
/// happened-before order given by the vector clocks, which also keeps each file's own order (a file that already
/// holds several nodes' events in a causal order keeps it). Among events that may come next, the smallest
/// (node name, seq) goes first, so the result never depends on the order the files were given in.
/// </summary>
/// <remarks>
/// With vector clocks where each node counts its own events, event <c>e</c> of node <c>k</c> happened before
/// <c>h</c> exactly when <c>e.clock[k] &lt;= h.clock[k]</c>. So the head of a file may go next when, for every
/// other node <c>k</c> in its clock, no pending event of <c>k</c> has an own clock at or below <c>h.clock[k]</c>.
/// That needs only the smallest pending own clock per node, so merging is O(events × clock size × files).
/// An event without a clock (or without its own entry) is ordered by its file alone.
/// </remarks>
public static class TraceMerger
{
    /// <summary>Merges <paramref name="traces"/> into one trace.</summary>
    /// <param name="traces">The traces, typically one per node.</param>
    /// <param name="name">The merged trace's name; by default the names joined with <c>+</c>.</param>
    /// <returns>The merged trace, or the events that no order can place.</returns>
    public static TraceMergeResult Merge(IReadOnlyList<Trace> traces, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(traces);
        var diagnostics = new List<TraceDiagnostic>();
        // Pending own clocks per node, smallest first; duplicates (same node, same seq) are reported once.
        var pending = new Dictionary<string, SortedSet<(long Tick, int File, int Index)>>(StringComparer.Ordinal);
        var seen = new Dictionary<(string, long), TraceEvent>();
        for (var f = 0; f < traces.Count; f++)
        {
            var events = traces[f].Events;
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                if (seen.TryGetValue((e.Node, e.Seq), out var first) && traces.Count > 1 && !ReferenceEquals(first, e))
                {
                    diagnostics.Add(new TraceDiagnostic(TraceCodes.DuplicateEvent,
                        $"Node {e.Node} seq {e.Seq} appears twice: here and at {first.Location}.", e.File, e.Line, 1, "$.seq"));
                }
                seen.TryAdd((e.Node, e.Seq), e);
                if (e.Clock.TryGetValue(e.Node, out var own))
                {
                    if (!pending.TryGetValue(e.Node, out var set))
                    {
                        pending[e.Node] = set = [];
                    }
                    set.Add((own, f, i));
                }
            }
        }
        if (diagnostics.Count > 0)
        {
            return new TraceMergeResult(null, diagnostics);
        }

        var heads = new int[traces.Count];
        var total = traces.Sum(t => t.Events.Count);
        var merged = new List<TraceEvent>(total);
        while (merged.Count < total)
        {
            var best = -1;
            for (var f = 0; f < traces.Count; f++)
            {
                if (heads[f] >= traces[f].Events.Count)
                {
                    continue;
                }
                var h = traces[f].Events[heads[f]];
                if (!Ready(h, pending))
                {
                    continue;
                }
                if (best < 0 || Before(h, traces[best].Events[heads[best]]))
                {
                    best = f;
                }
            }
            if (best < 0)
            {
                ReportStuck(traces, heads, pending, diagnostics);
                return new TraceMergeResult(null, diagnostics);
            }
            var next = traces[best].Events[heads[best]];
            if (next.Clock.TryGetValue(next.Node, out var tick))
            {
                pending[next.Node].Remove((tick, best, heads[best]));
            }
            heads[best]++;
            merged.Add(next);
        }
        var metas = traces.Select(t => t.Meta).Where(m => m is not null).ToArray();
        var meta = metas.Length == 1 ? metas[0] : null;
        return new TraceMergeResult(
            new Trace(name ?? string.Join("+", traces.Select(t => t.Name)), string.Join(";", traces.Select(t => t.Path)), merged, meta), []);
    }

    /// <summary>True when nothing still pending happened before <paramref name="h"/>.</summary>
    private static bool Ready(TraceEvent h, Dictionary<string, SortedSet<(long Tick, int File, int Index)>> pending)
    {
        foreach (var (node, tick) in h.Clock)
        {
            if (node == h.Node || !pending.TryGetValue(node, out var set) || set.Count == 0)
            {
                continue;
            }
            if (set.Min.Tick <= tick)
            {
                return false;
            }
        }
        return true;
    }

    private static bool Before(TraceEvent a, TraceEvent b)
    {
        var byNode = string.CompareOrdinal(a.Node, b.Node);
        return byNode < 0 || (byNode == 0 && a.Seq < b.Seq);
    }

    private static void ReportStuck(IReadOnlyList<Trace> traces, int[] heads, Dictionary<string, SortedSet<(long Tick, int File, int Index)>> pending,
        List<TraceDiagnostic> diagnostics)
    {
        for (var f = 0; f < traces.Count; f++)
        {
            if (heads[f] >= traces[f].Events.Count)
            {
                continue;
            }
            var h = traces[f].Events[heads[f]];
            foreach (var (node, tick) in h.Clock)
            {
                if (node == h.Node || !pending.TryGetValue(node, out var set) || set.Count == 0 || set.Min.Tick > tick)
                {
                    continue;
                }
                var (_, file, index) = set.Min;
                var blocker = traces[file].Events[index];
                var why = file == f
                    ? $"it comes after it in the file but its clock says {node}:{tick}, so it happened before"
                    : "no order can place both (the clocks form a cycle with the files' orders)";
                diagnostics.Add(new TraceDiagnostic(TraceCodes.InconsistentClocks,
                    $"Event {h.Node}#{h.Seq} {h.Event} waits for {blocker.Node}#{blocker.Seq} {blocker.Event} at {blocker.Location}: {why}.",
                    h.File, h.Line, 1, $"$.clock.{node}"));
                break;
            }
        }
    }
}
