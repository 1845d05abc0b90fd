using System.Globalization;
using System.Text;

namespace Specula.Cli.Tlc;

/// <summary>One log of the corpus: its file, how many events it has and whether it was mutated to diverge.</summary>
/// <param name="Path">The NDJSON file.</param>
/// <param name="Events">Its number of lines.</param>
/// <param name="Mutated">True when one line logs a wrong version, so the log does not conform.</param>
internal sealed record CorpusTrace(string Path, int Events, bool Mutated);

/// <summary>
/// A generated corpus of TLC-style trace validations: a versioned key-value store, the trace spec TLC users write for
/// it (a cursor <c>l</c> and CCF's <c>TraceMatched</c> over <c>TLCGet("queue")</c>, the log read from
/// <c>IOEnv.JSON</c>), and seeded random logs of 50 to 1,000 events, every third with one wrong value.
/// </summary>
internal static class TraceSpecCorpus
{
    /// <summary>The trace spec's module name (file <c>TraceKV.tla</c> with <c>TraceKV.cfg</c>).</summary>
    public const string SpecName = "TraceKV";

    private const string Store = """
        ------------------------------- MODULE KVStore -------------------------------
        EXTENDS Naturals
        CONSTANTS Keys, Vals, NoVal
        VARIABLES store, version
        vars == <<store, version>>
        Init == store = [k \in Keys |-> NoVal] /\ version = 0
        Put(k, v) == store' = [store EXCEPT ![k] = v] /\ version' = version + 1
        Delete(k) == store[k] # NoVal /\ store' = [store EXCEPT ![k] = NoVal] /\ version' = version + 1
        Next == \/ \E k \in Keys, v \in Vals : Put(k, v)
                \/ \E k \in Keys : Delete(k)
        Spec == Init /\ [][Next]_vars
        ==============================================================================
        """;

    private const string Trace = """
        ------------------------------- MODULE TraceKV -------------------------------
        EXTENDS KVStore, Json, IOUtils, Sequences, TLC
        ASSUME TLCGet("config").mode = "bfs" /\ TLCGet("config").worker = 1
        TraceLog == TLCEval(ndJsonDeserialize(IOEnv.JSON))
        VARIABLE l
        logline == TraceLog[l]
        TraceInit == Init /\ l = 1
        Step(e) == /\ \/ e.op = "put" /\ Put(e.key, e.val)
                      \/ e.op = "del" /\ Delete(e.key)
                   /\ version' = e.version
        TraceNext == l <= Len(TraceLog) /\ Step(logline) /\ l' = l + 1
        TraceSpec == TraceInit /\ [][TraceNext]_<<vars, l>>
        TraceView == <<vars, l>>
        TraceMatched == [](l <= Len(TraceLog) => [](TLCGet("queue") = 1 \/ l > Len(TraceLog)))
        ==============================================================================
        """;

    private const string Config = """
        CONSTANTS
            Keys = {"a", "b", "c"}
            Vals = {1, 2, 3}
            NoVal = NoVal
        SPECIFICATION TraceSpec
        VIEW TraceView
        PROPERTY TraceMatched
        CHECK_DEADLOCK FALSE
        """;

    /// <summary>Writes the specs and <paramref name="count"/> logs into <paramref name="folder"/>.</summary>
    public static IReadOnlyList<CorpusTrace> Write(string folder, int count, int minEvents, int maxEvents, int seed)
    {
        File.WriteAllText(Path.Combine(folder, "KVStore.tla"), Store + "\n");
        File.WriteAllText(Path.Combine(folder, SpecName + ".tla"), Trace + "\n");
        File.WriteAllText(Path.Combine(folder, SpecName + ".cfg"), Config + "\n");
        var random = new Random(seed);
        var traces = new List<CorpusTrace>();
        for (var i = 0; i < count; i++)
        {
            // Lengths spread evenly on a log scale between the bounds.
            var events = count == 1 ? maxEvents : (int)Math.Round(minEvents * Math.Pow((double)maxEvents / minEvents, (double)i / (count - 1)));
            var mutated = i % 3 == 2;
            var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"trace-{i + 1:00}-{events}.ndjson"));
            File.WriteAllText(path, Log(random, events, mutated ? random.Next(events / 2, events) : -1));
            traces.Add(new CorpusTrace(path, events, mutated));
        }
        return traces;
    }

    private static string Log(Random random, int events, int wrongAt)
    {
        string[] keys = ["a", "b", "c"];
        var store = new Dictionary<string, int>();
        var text = new StringBuilder();
        for (var version = 1; version <= events; version++)
        {
            var key = keys[random.Next(keys.Length)];
            var logged = version - 1 == wrongAt ? version + 7 : version;
            if (store.ContainsKey(key) && random.NextDouble() < 0.3)
            {
                store.Remove(key);
                text.Append(CultureInfo.InvariantCulture, $$"""{"op":"del","key":"{{key}}","version":{{logged}}}""").Append('\n');
            }
            else
            {
                var value = random.Next(1, 4);
                store[key] = value;
                text.Append(CultureInfo.InvariantCulture, $$"""{"op":"put","key":"{{key}}","val":{{value}},"version":{{logged}}}""").Append('\n');
            }
        }
        return text.ToString();
    }
}
