namespace Specula.Synthesis.Mining;

/// <summary>
/// Which integers measure the same thing (a log index and a commit index; a term and a message's term), inferred from
/// how they move together in the observed steps, as Daikon's comparability analysis keeps an invariant from relating
/// a count of apples to a count of oranges. Two integers are linked when, over the steps that show both, their
/// difference varies far less than they do (one tracks the other up to a lag); comparability is the transitive
/// closure of the links. Integers of different kinds (a term and an index) both grow with time, so in short traces
/// they can stay ordered by luck (<c>term &lt;= commitIndex</c> until an early election): guards, effects and
/// invariants relate only comparable integers, and so keep such coincidences out of the spec.
/// </summary>
internal sealed class Comparability
{
    /// <summary>Steps showing both integers below which the pair is not judged (then they stay comparable).</summary>
    private const int MinPairs = 20;

    /// <summary>Share of the integers' joint variance their difference must not exceed for a link: 1 − var(a − b) /
    /// (var a + var b) at least this. Measured on the example targets: same-kind pairs score 0.79 to 1.00 and
    /// different-kind pairs 0.07 to 0.34 (0.65 for a candidate's last log term against its current term).</summary>
    private const double MinScore = 0.5;

    private readonly Dictionary<string, int> _class;
    private readonly HashSet<(string, string)> _unjudged;

    private Comparability(Dictionary<string, int> classes, HashSet<(string, string)> unjudged)
    {
        _class = classes;
        _unjudged = unjudged;
    }

    /// <summary>Every integer comparable with every other: for callers with no steps to learn from.</summary>
    public static Comparability All { get; } = new([], []);

    /// <summary>Infers the classes from the steps: the acting node's pre-state integers and the events' integer arguments.</summary>
    public static Comparability Of(TraceSchema schema, IReadOnlyList<Transition> steps)
    {
        var ints = Enumerable.Range(0, schema.Variables.Length).Where(v => schema.Variables[v].Kind == SKind.Int).ToList();
        var args = schema.Events.Values.SelectMany(e => e.Args.Values).Where(a => a.Kind == SKind.Int).Select(a => a.Name)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var keys = ints.Select(VarKey).Concat(args.Select(ArgKey)).ToList();
        long? Read(Transition t, string key) => key[0] == 'v'
            ? (t.Pre[t.Node][int.Parse(key.AsSpan(2), System.Globalization.CultureInfo.InvariantCulture)] is { Kind: SKind.Int } v ? v.Number : null)
            : (t.Args.TryGetValue(key[2..], out var a) && a.Kind == SKind.Int ? a.Number : null);

        var parent = keys.ToDictionary(k => k, k => k, StringComparer.Ordinal);
        string Find(string k) => parent[k] == k ? k : parent[k] = Find(parent[k]);
        var unjudged = new HashSet<(string, string)>();
        for (var i = 0; i < keys.Count; i++)
        {
            for (var j = i + 1; j < keys.Count; j++)
            {
                var (a, b) = (keys[i], keys[j]);
                var stats = new PairStats();
                foreach (var t in steps)
                {
                    if (Read(t, a) is { } x && Read(t, b) is { } y)
                    {
                        stats.Add(x, y);
                    }
                }
                if (stats.Count < MinPairs || stats.JointVariance == 0)
                {
                    unjudged.Add((a, b));
                    continue;
                }
                if (stats.Score >= MinScore)
                {
                    parent[Find(a)] = Find(b);
                }
            }
        }
        var roots = keys.Select(Find).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new Comparability(keys.ToDictionary(k => k, k => roots.IndexOf(Find(k)), StringComparer.Ordinal), unjudged);
    }

    /// <summary>Whether two integer terms may be compared, added or assigned to each other.</summary>
    public bool Comparable(Term a, Term b)
    {
        if (Key(a) is not { } x || Key(b) is not { } y || x == y)
        {
            return true;
        }
        if (!_class.TryGetValue(x, out var cx) || !_class.TryGetValue(y, out var cy))
        {
            return true;
        }
        return cx == cy || _unjudged.Contains((x, y)) || _unjudged.Contains((y, x));
    }

    /// <summary>Whether two integer variables may be compared.</summary>
    public bool Comparable(int v, int w) => Comparable(new VarTerm(v, ""), new VarTerm(w, ""));

    private static string VarKey(int v) => $"v:{v}";

    private static string ArgKey(string name) => $"a:{name}";

    /// <summary>The integer a term measures: a variable or an argument, through +k and max.</summary>
    private static string? Key(Term t) => t switch
    {
        VarTerm v => VarKey(v.Variable),
        ArgTerm a => ArgKey(a.Arg),
        PlusTerm p => Key(p.Inner),
        MaxTerm m => Key(m.Right) ?? Key(m.Left),
        _ => null,
    };

    /// <summary>Running sums for the variances of two integers and of their difference.</summary>
    private sealed class PairStats
    {
        private double _sx, _sy, _sxx, _syy, _sd, _sdd;

        public int Count { get; private set; }

        public void Add(long x, long y)
        {
            Count++;
            _sx += x;
            _sy += y;
            _sxx += (double)x * x;
            _syy += (double)y * y;
            var d = (double)(x - y);
            _sd += d;
            _sdd += d * d;
        }

        private double Variance(double sum, double squares) => Math.Max(0, squares / Count - (sum / Count) * (sum / Count));

        public double JointVariance => Variance(_sx, _sxx) + Variance(_sy, _syy);

        public double Score => 1 - Variance(_sd, _sdd) / JointVariance;
    }
}
