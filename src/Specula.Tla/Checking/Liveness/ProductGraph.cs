namespace Specula.Tla.Checking.Liveness;

/// <summary>
/// The product of the state graph with a <see cref="Tableau"/>: a node is a stored state and a tableau state, and a
/// step s → t of the graph (or s's stuttering step) leads from (s, q) to (t, q') when a transition q → q' of the
/// tableau has literals the step satisfies. Built breadth first from the initial states paired with the tableau's
/// initial state, so each node's edges are contiguous and <see cref="Parent"/> gives shortest paths to it.
/// </summary>
internal sealed class ProductGraph
{
    private readonly List<int> _state = [];
    private readonly List<int> _parent = [];
    private readonly List<int> _edgeStart = [0];
    private readonly List<int> _edgeTo = [];
    private readonly List<ulong> _edgeAccepting = [];

    private ProductGraph()
    {
    }

    /// <summary>How many nodes the product has.</summary>
    public int Count => _state.Count;

    /// <summary>The stored state of a node.</summary>
    public int State(int node) => _state[node];

    /// <summary>The node a shortest path from an initial node reaches <paramref name="node"/> from; -1 for an initial node.</summary>
    public int Parent(int node) => _parent[node];

    /// <summary>The edges of a node, as indices for <see cref="Target"/> and <see cref="Accepting"/>.</summary>
    public Range Edges(int node) => _edgeStart[node].._edgeStart[node + 1];

    /// <summary>The node an edge leads to.</summary>
    public int Target(int edge) => _edgeTo[edge];

    /// <summary>The eventualities an edge fulfils.</summary>
    public ulong Accepting(int edge) => _edgeAccepting[edge];

    /// <summary>Builds the product reachable from the initial states.</summary>
    /// <param name="tableau">The tableau of the negated property.</param>
    /// <param name="initial">The initial states.</param>
    /// <param name="steps">The successors of a state, its stuttering step included unless <paramref name="stutter"/>.</param>
    /// <param name="satisfied">Whether a step from the first state to the second satisfies a transition's literals.</param>
    /// <param name="stutter">Every state also steps to itself (when <paramref name="steps"/> does not list it), without
    /// a list of its steps made for each node.</param>
    /// <param name="cancellation">Stops the construction (Ctrl-C, a time limit).</param>
    public static ProductGraph Build(Tableau tableau, IEnumerable<int> initial, Func<int, IReadOnlyList<int>> steps,
        Func<TableauTransition, int, int, bool> satisfied, bool stutter = false, CancellationToken cancellation = default)
    {
        var graph = new ProductGraph();
        // The node of (s, q), plus one (0: none yet), in an array per tableau state indexed by s: a tableau has few
        // states, and a dictionary of a large product's nodes is most of the memory and time of the construction.
        var index = new int[tableau.Transitions.Count][];
        var tableauState = new List<int>();
        int NodeOf(int s, int q, int parent)
        {
            var nodes = index[q] ??= new int[Math.Max(16, s + 1)];
            if (s >= nodes.Length)
            {
                Array.Resize(ref nodes, Math.Max(s + 1, nodes.Length * 2));
                index[q] = nodes;
            }
            var node = nodes[s] - 1;
            if (node < 0)
            {
                node = graph._state.Count;
                nodes[s] = node + 1;
                graph._state.Add(s);
                graph._parent.Add(parent);
                tableauState.Add(q);
            }
            return node;
        }
        foreach (var s in initial)
        {
            NodeOf(s, 0, -1);
        }
        for (var node = 0; node < graph._state.Count; node++)
        {
            if ((node & 1023) == 0)
            {
                cancellation.ThrowIfCancellationRequested();
            }
            var s = graph._state[node];
            var transitions = tableau.Transitions[tableauState[node]];
            var successors = steps(s);
            for (var k = 0; k < successors.Count; k++)
            {
                Step(successors[k]);
            }
            if (stutter && !successors.Contains(s))
            {
                Step(s);
            }
            graph._edgeStart.Add(graph._edgeTo.Count);

            void Step(int t)
            {
                foreach (var transition in transitions)
                {
                    if (satisfied(transition, s, t))
                    {
                        graph._edgeTo.Add(NodeOf(t, transition.Target, node));
                        graph._edgeAccepting.Add(transition.Accepting);
                    }
                }
            }
        }
        return graph;
    }
}
