using System.Collections.Immutable;
using Specula.Traces.Format;

namespace Specula.Synthesis.Mining;

/// <summary>What the traces show of one field (an event argument or a state field).</summary>
internal sealed class FieldFacts(string name)
{
    public string Name { get; } = name;

    public SortedSet<SValue> Values { get; } = [];

    public int Seen { get; set; }

    public bool Unusable { get; set; }

    public SKind Kind => Values.Count == 0 ? SKind.Other
        : Values.All(v => v.Kind == SKind.Int) ? SKind.Int
        : Values.All(v => v.Kind == SKind.Bool) ? SKind.Bool
        : Values.All(v => v.IsStringLike) ? (Values.Any(v => v.Kind == SKind.Node) ? SKind.Node : SKind.Str)
        : Values.All(v => v.Kind == SKind.Seq) ? SKind.Seq
        : SKind.Other;

    public long Min => Values.Where(v => v.Kind == SKind.Int).Select(v => v.Number).DefaultIfEmpty(0).Min();

    public long Max => Values.Where(v => v.Kind == SKind.Int).Select(v => v.Number).DefaultIfEmpty(0).Max();

    /// <summary>The nodes whose events show this field.</summary>
    public SortedSet<string> Nodes { get; } = new(StringComparer.Ordinal);

    public void Add(SValue? value)
    {
        Seen++;
        if (value is null)
        {
            Unusable = true;
            return;
        }
        Values.Add(value);
    }
}

/// <summary>What the traces show of one event kind.</summary>
internal sealed class EventFacts(string name)
{
    public string Name { get; } = name;

    public int Count { get; set; }

    public SortedDictionary<string, FieldFacts> Args { get; } = new(StringComparer.Ordinal);

    /// <summary>Arguments every event of the kind carries with one scalar kind: those an action can take as parameters.</summary>
    public IEnumerable<FieldFacts> ScalarArgs => Args.Values.Where(a => !a.Unusable && a.Seen == Count && a.Kind is SKind.Int or SKind.Bool or SKind.Str or SKind.Node);
}

/// <summary>
/// The schema of a set of traces: the nodes, the event kinds with their arguments, the state fields (each a
/// per-node variable) with their kinds and observed values.
/// </summary>
internal sealed class TraceSchema
{
    /// <summary>The environment's pseudo-node: its events (faults, the driver) are not steps of the system.</summary>
    public const string Environment = "env";

    private TraceSchema(ImmutableArray<string> nodes, SortedDictionary<string, EventFacts> events, ImmutableArray<FieldFacts> variables, HashSet<string> nodeSet,
        HashSet<string> environment)
    {
        Nodes = nodes;
        Events = events;
        Variables = variables;
        NodeSet = nodeSet;
        EnvironmentNodes = environment;
    }

    /// <summary>The pseudo-nodes whose events are the environment's (faults, the driver, the sandbox): none is a node of the system.</summary>
    public HashSet<string> EnvironmentNodes { get; }

    /// <summary>The messages the traces show, when some event kinds send and others receive; null when none do.</summary>
    public MessageShape? Messages { get; private set; }

    /// <summary>Event kinds that handle a message from another node (every one names a sender other than the acting
    /// node), whether or not the message set could be modelled.</summary>
    public ImmutableHashSet<string> Receives { get; private set; } = [];

    /// <summary>Whether <paramref name="node"/> is the environment's, not the system's.</summary>
    public bool IsEnvironment(string node) => EnvironmentNodes.Contains(node);

    public ImmutableArray<string> Nodes { get; }

    public HashSet<string> NodeSet { get; }

    public SortedDictionary<string, EventFacts> Events { get; }

    /// <summary>State fields, ordinal order; their index is the variable's slot.</summary>
    public ImmutableArray<FieldFacts> Variables { get; }

    /// <summary>Whether only some nodes show the variable (a field of one role, e.g. a coordinator's): the others keep it.</summary>
    public bool IsScoped(int v) => Variables[v].Nodes.Count < Nodes.Length;

    public int VariableIndex(string name)
    {
        for (var i = 0; i < Variables.Length; i++)
        {
            if (Variables[i].Name == name)
            {
                return i;
            }
        }
        return -1;
    }

    public static TraceSchema Infer(IReadOnlyList<Trace> traces)
    {
        var environment = EnvironmentOf(traces);
        var nodes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var e in traces.SelectMany(t => t.Events).Where(e => !environment.Contains(e.Node)))
        {
            nodes.Add(e.Node);
        }
        var nodeSet = new HashSet<string>(nodes, StringComparer.Ordinal);
        var events = new SortedDictionary<string, EventFacts>(StringComparer.Ordinal);
        var state = new SortedDictionary<string, FieldFacts>(StringComparer.Ordinal);
        foreach (var e in traces.SelectMany(t => t.Events).Where(e => !environment.Contains(e.Node)))
        {
            if (!events.TryGetValue(e.Event, out var facts))
            {
                events[e.Event] = facts = new EventFacts(e.Event);
            }
            facts.Count++;
            foreach (var (name, json) in e.Args)
            {
                if (!facts.Args.TryGetValue(name, out var arg))
                {
                    facts.Args[name] = arg = new FieldFacts(name);
                }
                arg.Add(SValue.FromJson(json, nodeSet));
            }
            foreach (var (name, json) in e.State)
            {
                if (!state.TryGetValue(name, out var field))
                {
                    state[name] = field = new FieldFacts(name);
                }
                field.Add(SValue.FromJson(json, nodeSet));
                field.Nodes.Add(e.Node);
            }
        }
        var variables = state.Values.Where(f => !f.Unusable && f.Kind != SKind.Other).ToImmutableArray();
        var schema = new TraceSchema([.. nodes], events, variables, nodeSet, environment);
        schema.Messages = MessageShape.Infer(schema, traces);
        schema.Receives = MessageShape.ReceiveKinds(schema, traces);
        return schema;
    }

    /// <summary>
    /// The environment: <c>env</c>, and every pseudo-node that shares no event kind and no state field with the
    /// others when there are at least two others (the sandbox's own fault events, say): it is no peer of the system.
    /// </summary>
    private static HashSet<string> EnvironmentOf(IReadOnlyList<Trace> traces)
    {
        var environment = new HashSet<string>(StringComparer.Ordinal) { Environment };
        var kinds = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var e in traces.SelectMany(t => t.Events).Where(e => e.Node != Environment))
        {
            if (!kinds.TryGetValue(e.Node, out var set))
            {
                kinds[e.Node] = set = new HashSet<string>(StringComparer.Ordinal);
            }
            set.Add("event:" + e.Event);
            set.UnionWith(e.State.Keys.Select(k => "state:" + k));
        }
        foreach (var (node, set) in kinds)
        {
            var others = kinds.Where(kv => kv.Key != node).Select(kv => kv.Value).ToList();
            if (others.Count >= 2 && others.All(o => !o.Overlaps(set)))
            {
                environment.Add(node);
            }
        }
        return environment;
    }
}

/// <summary>
/// One observed step: the global state before it (every node's last observed values), the node that took it, its
/// arguments and that node's values after it.
/// </summary>
internal sealed record Transition(string Trace, int Index, int Line, string Event, int Node, IReadOnlyDictionary<string, SValue> Args,
    SValue[][] Pre, SValue[] Post, bool[] Observed)
{
    public SValue PreOf(int variable) => Pre[Node][variable];

    /// <summary>The acting node's name.</summary>
    public required string NodeName { get; init; }
}

/// <summary>Rebuilds the global states a trace passes through, as the validator will follow them.</summary>
internal static class TransitionExtractor
{
    /// <summary>
    /// The initial value of each variable: the one most nodes show first (ties: the smallest), so Init is one state
    /// and a node whose first event shows another value changes to it in that event.
    /// </summary>
    public static SValue[] InitialValues(TraceSchema schema, IReadOnlyList<Trace> traces)
    {
        var counts = schema.Variables.Select(_ => new SortedDictionary<SValue, int>()).ToArray();
        foreach (var trace in traces)
        {
            foreach (var perNode in FirstObserved(schema, trace))
            {
                for (var v = 0; v < perNode.Length; v++)
                {
                    if (perNode[v] is { } value)
                    {
                        counts[v][value] = counts[v].GetValueOrDefault(value) + 1;
                    }
                }
            }
        }
        return [.. counts.Select((c, v) => c.Count == 0 ? schema.Variables[v].Values.Min! : c.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).First().Key)];
    }

    private static SValue?[][] FirstObserved(TraceSchema schema, Trace trace)
    {
        var first = schema.Nodes.Select(_ => new SValue?[schema.Variables.Length]).ToArray();
        foreach (var e in trace.Events)
        {
            var n = schema.Nodes.IndexOf(e.Node);
            if (n < 0)
            {
                continue;
            }
            foreach (var (name, json) in e.State)
            {
                var v = schema.VariableIndex(name);
                if (v >= 0 && first[n][v] is null)
                {
                    first[n][v] = SValue.FromJson(json, schema.NodeSet);
                }
            }
        }
        return first;
    }

    /// <summary>The steps of a trace and the global states after each (the first entry is the initial state).</summary>
    public static (List<Transition> Steps, List<SValue[][]> States) Extract(TraceSchema schema, Trace trace, SValue[] init)
    {
        var current = new SValue[schema.Nodes.Length][];
        for (var n = 0; n < current.Length; n++)
        {
            current[n] = new SValue[schema.Variables.Length];
            for (var v = 0; v < schema.Variables.Length; v++)
            {
                current[n][v] = init[v];
            }
        }
        var steps = new List<Transition>();
        var states = new List<SValue[][]> { Snapshot(current) };
        for (var i = 0; i < trace.Events.Count; i++)
        {
            var e = trace.Events[i];
            var n = schema.Nodes.IndexOf(e.Node);
            if (n < 0)
            {
                continue;
            }
            var pre = Snapshot(current);
            var args = new SortedDictionary<string, SValue>(StringComparer.Ordinal);
            foreach (var (name, json) in e.Args)
            {
                if (SValue.FromJson(json, schema.NodeSet) is { } value)
                {
                    args[name] = value;
                }
            }
            var post = (SValue[])current[n].Clone();
            var observed = new bool[schema.Variables.Length];
            foreach (var (name, json) in e.State)
            {
                var v = schema.VariableIndex(name);
                if (v >= 0 && SValue.FromJson(json, schema.NodeSet) is { } value)
                {
                    post[v] = value;
                    observed[v] = true;
                }
            }
            current[n] = post;
            steps.Add(new Transition(trace.Name, i + 1, e.Line, e.Event, n, args, pre, post, observed) { NodeName = e.Node });
            states.Add(Snapshot(current));
        }
        return (steps, states);
    }

    private static SValue[][] Snapshot(SValue[][] current) => [.. current.Select(row => (SValue[])row.Clone())];
}
