using System.Text;
using System.Text.RegularExpressions;
using Specula.Traces.Format;

namespace Specula.Synthesis;

/// <summary>Training and held-out traces: whole runs, never parts of one.</summary>
/// <param name="Training">Traces synthesis and refinement may use.</param>
/// <param name="HeldOut">Traces only validated at the end: nothing in the spec comes from them.</param>
internal sealed record TraceSplitResult(List<Trace> Training, List<Trace> HeldOut);

/// <summary>
/// Splits traces by run (a seed of a fault schedule), deterministically: runs are grouped by their schedule (the
/// workload and faults of their <c>.meta.json</c>, else the file name without its seed), and in each group the runs
/// whose names hash highest (FNV-1a) are held out, so every schedule is both learned and tested when it has at least
/// two runs, and the split does not depend on file order.
/// </summary>
internal static partial class TraceSplit
{
    /// <summary>Splits <paramref name="traces"/>, holding out about <paramref name="holdout"/> of each schedule's runs.</summary>
    /// <param name="traces">Every trace read.</param>
    /// <param name="holdout">The share held out, 0 to 0.9; at least one training trace always stays.</param>
    /// <param name="seed">Chooses another split of the same traces (the hash is salted with it); 0 for the default.</param>
    public static TraceSplitResult Split(IReadOnlyList<Trace> traces, double holdout, int seed = 0)
    {
        uint Rank(Trace t) => Fnv(seed == 0 ? t.Name : $"{seed.ToString(System.Globalization.CultureInfo.InvariantCulture)}:{t.Name}");
        holdout = Math.Clamp(holdout, 0, 0.9);
        var groups = traces.GroupBy(Schedule, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        // A schedule run once cannot be both learned and tested: such runs are pooled and split among themselves.
        var pools = groups.Where(g => g.Count() > 1).Select(g => g.ToList()).ToList();
        var singles = groups.Where(g => g.Count() == 1).SelectMany(g => g).ToList();
        if (singles.Count > 0)
        {
            pools.Add(singles);
        }
        var heldOut = new HashSet<Trace>(ReferenceEqualityComparer.Instance);
        foreach (var pool in pools)
        {
            var count = pool.Count < 2 ? 0 : Math.Clamp((int)Math.Round(pool.Count * holdout, MidpointRounding.AwayFromZero), holdout > 0 ? 1 : 0, pool.Count - 1);
            heldOut.UnionWith(pool.OrderByDescending(Rank).ThenBy(t => t.Name, StringComparer.Ordinal).Take(count));
        }
        if (heldOut.Count == traces.Count && traces.Count > 0)
        {
            heldOut.Remove(traces.OrderBy(Rank).ThenBy(t => t.Name, StringComparer.Ordinal).First());
        }
        return new TraceSplitResult([.. traces.Where(t => !heldOut.Contains(t))], [.. traces.Where(heldOut.Contains)]);
    }

    /// <summary>The fault schedule a trace was run under: workload and faults from its metadata, else its name with
    /// the seed taken out (<c>partition-seed3</c> is <c>partition</c>).</summary>
    public static string Schedule(Trace trace)
    {
        if (trace.Meta is { Workload: { Length: > 0 } workload } meta)
        {
            return meta.Faults.Count == 0 ? workload : $"{workload} [{string.Join(",", meta.Faults.Order(StringComparer.Ordinal))}]";
        }
        return SeedSuffix().Replace(trace.Name, "");
    }

    [GeneratedRegex(@"[-_.]?seed[-_]?\d+$|[-_]\d+$", RegexOptions.IgnoreCase)]
    private static partial Regex SeedSuffix();

    private static uint Fnv(string s)
    {
        var h = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            h = (h ^ b) * 16777619u;
        }
        return h;
    }
}
