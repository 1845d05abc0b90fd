using Specula.Tla.Evaluation;

namespace Specula.Tla.Checking.Liveness;

/// <summary>A behaviour violating a temporal property: states, and where its cycle starts (null: it stops there).</summary>
/// <param name="States">Stored state indices, from an initial state.</param>
/// <param name="LoopStart">The index in <paramref name="States"/> the last state returns to, for a lasso.</param>
internal sealed record Lasso(List<int> States, int? LoopStart);

/// <summary>
/// Checks temporal properties on the explored state graph. Each property is refuted by a fair behaviour of its
/// negation, which on a finite graph is a lasso: a prefix from an initial state and a cycle. Every state may stutter
/// (TLA+ behaviours are closed under stuttering), so every state has a self-loop. A strongly connected set of states
/// C holds a fair cycle when, for each fairness condition, C has an <c>&lt;&lt;A&gt;&gt;_v</c> step or (WF) a state
/// where it is disabled or (SF) no state where it is enabled; for SF, the states where it is enabled are removed and
/// the components searched again (Emerson and Lei). A cycle through all of C's states and steps is then fair. This is
/// the tableau construction of TLC specialised to the forms <c>&lt;&gt;P</c>, <c>[]&lt;&gt;P</c>,
/// <c>&lt;&gt;[]P</c> and <c>P ~&gt; Q</c>, whose negations need no tableau states.
/// </summary>
internal sealed class LivenessChecker(
    Evaluator evaluator,
    IReadOnlyList<State> states,
    IReadOnlyList<List<int>?> successors,
    IReadOnlyList<int> initial,
    int stateCount,
    IReadOnlyList<FairnessCondition> fairness)
{
    private readonly Dictionary<(int, int), ulong> _edgeLabels = [];
    private readonly Dictionary<int, ulong> _enabled = [];

    private List<int> Successors(int s) => successors.Count > s && successors[s] is { } list ? list : [];

    private bool Holds(Bound predicate, int s) =>
        evaluator.EvalBool(predicate.Expression, predicate.Env, StatePair.Of(states[s].Values.ToArray()));

    /// <summary>Bit i: the step s → t is an <c>&lt;&lt;A_i&gt;&gt;_v_i</c> step of fairness condition i.</summary>
    private ulong EdgeLabel(int s, int t)
    {
        if (_edgeLabels.TryGetValue((s, t), out var label))
        {
            return label;
        }
        label = 0;
        var pair = new StatePair
        {
            Current = states[s].Values.ToArray(),
            Next = states[t].Values.ToArray(),
            Assigned = Enumerable.Repeat(true, states[t].Count).ToArray(),
        };
        for (var i = 0; i < fairness.Count && i < 64; i++)
        {
            var f = fairness[i];
            var before = evaluator.Eval(f.Subscript.Expression, f.Subscript.Env, StatePair.Of(pair.Current));
            var after = evaluator.Eval(f.Subscript.Expression, f.Subscript.Env, StatePair.Of(pair.Next));
            if (!before.Equals(after) && evaluator.EvalBool(f.Action.Expression, f.Action.Env, pair))
            {
                label |= 1UL << i;
            }
        }
        _edgeLabels[(s, t)] = label;
        return label;
    }

    /// <summary>Bit i: <c>ENABLED &lt;&lt;A_i&gt;&gt;_v_i</c> holds in s (some step of the graph from s is one).</summary>
    private ulong Enabled(int s)
    {
        if (_enabled.TryGetValue(s, out var enabled))
        {
            return enabled;
        }
        enabled = 0;
        foreach (var t in Successors(s))
        {
            enabled |= EdgeLabel(s, t);
        }
        _enabled[s] = enabled;
        return enabled;
    }

    /// <summary>A fair lasso refuting <paramref name="property"/>, or null when the property holds.</summary>
    public Lasso? Refute(LivenessProperty property)
    {
        // Negations: <>P: [](~P); []<>P: <>[](~P); <>[]P: []<>(~P); P ~> Q: <>(P /\ [](~Q)); P ~> []Q: <>(P /\ []<>~Q).
        Func<int, bool> all = _ => true;
        Func<int, bool> notP = s => !Holds(property.P, s);
        var (prefix, entry, suffix, mustVisit) = property.Form switch
        {
            LivenessForm.Eventually => (notP, all, notP, (Func<int, bool>?)null),
            LivenessForm.InfinitelyOften => (all, all, notP, null),
            LivenessForm.EventuallyAlways => (all, all, all, notP),
            // P ~> []Q: <>(P /\ []<>~Q), a P state from which a fair cycle through a ~Q state is reachable.
            LivenessForm.LeadsToAlways => (all, s => Holds(property.P, s), all, s => !Holds(property.Q!, s)),
            _ => (all, s => Holds(property.P, s) && !Holds(property.Q!, s), s => !Holds(property.Q!, s), (Func<int, bool>?)null),
        };
        // States reachable within the prefix region, with BFS parents for the shortest prefix.
        var prefixParent = new Dictionary<int, int>();
        var queue = new Queue<int>();
        foreach (var s in initial)
        {
            if (property.Initially is { } guard && !Holds(guard, s))
            {
                continue;
            }
            if (!prefixParent.ContainsKey(s) && prefix(s))
            {
                prefixParent[s] = -1;
                queue.Enqueue(s);
            }
        }
        var entries = new List<int>();
        while (queue.Count > 0)
        {
            var s = queue.Dequeue();
            if (entry(s) && suffix(s))
            {
                entries.Add(s);
            }
            foreach (var t in Successors(s))
            {
                if (!prefixParent.ContainsKey(t) && prefix(t))
                {
                    prefixParent[t] = s;
                    queue.Enqueue(t);
                }
            }
        }
        // The suffix region: reachable from an entry within the suffix predicate.
        var suffixParent = new Dictionary<int, int>();
        foreach (var s in entries)
        {
            if (suffixParent.TryAdd(s, -1))
            {
                queue.Enqueue(s);
            }
        }
        var region = new HashSet<int>();
        var inSuffix = new Dictionary<int, bool>();
        bool InSuffix(int s) => inSuffix.TryGetValue(s, out var b) ? b : inSuffix[s] = suffix(s);
        while (queue.Count > 0)
        {
            var s = queue.Dequeue();
            region.Add(s);
            foreach (var t in Successors(s))
            {
                if (!suffixParent.ContainsKey(t) && InSuffix(t))
                {
                    suffixParent[t] = s;
                    queue.Enqueue(t);
                }
            }
        }
        var component = FindFair(region, mustVisit);
        if (component is null)
        {
            return null;
        }
        // Prefix: initial → entry (prefix region), entry → component (suffix region), then a cycle covering it.
        var target = component.OrderBy(s => s).First();
        var path = new List<int>();
        for (var s = target; s >= 0; s = suffixParent[s])
        {
            path.Add(s);
            if (suffixParent[s] < 0)
            {
                for (var p = prefixParent[s]; p >= 0; p = prefixParent[p])
                {
                    path.Add(p);
                }
                break;
            }
        }
        path.Reverse();
        var loopStart = path.Count - 1;
        var cycle = Cycle(component, target, mustVisit);
        path.AddRange(cycle);
        return new Lasso(path, loopStart);
    }

    /// <summary>A set of states, strongly connected within <paramref name="region"/>, holding a fair cycle.</summary>
    private HashSet<int>? FindFair(HashSet<int> region, Func<int, bool>? mustVisit)
    {
        foreach (var component in Components(region))
        {
            if (mustVisit is not null && !component.Any(mustVisit))
            {
                continue;
            }
            ulong taken = 0, enabledSomewhere = 0, disabledSomewhere = 0;
            foreach (var s in component)
            {
                var enabled = Enabled(s);
                enabledSomewhere |= enabled;
                disabledSomewhere |= ~enabled;
                foreach (var t in Successors(s))
                {
                    if (component.Contains(t))
                    {
                        taken |= EdgeLabel(s, t);
                    }
                }
            }
            var fair = true;
            ulong strongViolated = 0;
            for (var i = 0; i < fairness.Count && i < 64; i++)
            {
                var bit = 1UL << i;
                if ((taken & bit) != 0)
                {
                    continue;
                }
                if (!fairness[i].Strong)
                {
                    if ((disabledSomewhere & bit) == 0)
                    {
                        fair = false;
                        strongViolated = 0;
                        break;
                    }
                }
                else if ((enabledSomewhere & bit) != 0)
                {
                    fair = false;
                    strongViolated |= bit;
                }
            }
            if (fair)
            {
                return component;
            }
            if (strongViolated != 0)
            {
                // Cycles avoiding the states where a strongly fair action is enabled may still be fair.
                var smaller = new HashSet<int>(component.Where(s => (Enabled(s) & strongViolated) == 0));
                if (smaller.Count > 0 && FindFair(smaller, mustVisit) is { } found)
                {
                    return found;
                }
            }
        }
        return null;
    }

    /// <summary>Strongly connected components of the graph restricted to <paramref name="region"/> (Tarjan, iterative).
    /// A single state is one too: it can stutter.</summary>
    private List<HashSet<int>> Components(HashSet<int> region)
    {
        var index = new Dictionary<int, int>();
        var low = new Dictionary<int, int>();
        var onStack = new HashSet<int>();
        var stack = new Stack<int>();
        var result = new List<HashSet<int>>();
        var counter = 0;
        foreach (var root in region.OrderBy(s => s))
        {
            if (index.ContainsKey(root))
            {
                continue;
            }
            var work = new Stack<(int State, int Next)>();
            work.Push((root, 0));
            index[root] = low[root] = counter++;
            stack.Push(root);
            onStack.Add(root);
            while (work.Count > 0)
            {
                var (s, i) = work.Pop();
                var succ = Successors(s);
                if (i < succ.Count)
                {
                    work.Push((s, i + 1));
                    var t = succ[i];
                    if (!region.Contains(t))
                    {
                        continue;
                    }
                    if (!index.TryGetValue(t, out var tIndex))
                    {
                        index[t] = low[t] = counter++;
                        stack.Push(t);
                        onStack.Add(t);
                        work.Push((t, 0));
                    }
                    else if (onStack.Contains(t))
                    {
                        low[s] = Math.Min(low[s], tIndex);
                    }
                    continue;
                }
                if (work.Count > 0)
                {
                    var parent = work.Peek().State;
                    low[parent] = Math.Min(low[parent], low[s]);
                }
                if (low[s] == index[s])
                {
                    var component = new HashSet<int>();
                    int x;
                    do
                    {
                        x = stack.Pop();
                        onStack.Remove(x);
                        component.Add(x);
                    }
                    while (x != s);
                    result.Add(component);
                }
            }
        }
        return result;
    }

    /// <summary>
    /// A cycle from <paramref name="start"/> through <paramref name="component"/> meeting every fairness condition
    /// and <paramref name="mustVisit"/>, as the states after <paramref name="start"/>, ending back at it (not repeated).
    /// </summary>
    private List<int> Cycle(HashSet<int> component, int start, Func<int, bool>? mustVisit)
    {
        var goals = new List<(int From, int To)>();
        for (var i = 0; i < fairness.Count && i < 64; i++)
        {
            var bit = 1UL << i;
            var edge = component.SelectMany(s => Successors(s).Where(component.Contains).Select(t => (From: s, To: t)))
                .FirstOrDefault(e => (EdgeLabel(e.From, e.To) & bit) != 0, (From: -1, To: -1));
            if (edge.From >= 0)
            {
                goals.Add(edge);
            }
            else if (component.FirstOrDefault(s => (Enabled(s) & bit) == 0, -1) is var disabled and >= 0)
            {
                goals.Add((disabled, -1));
            }
        }
        if (mustVisit is not null && component.FirstOrDefault(s => mustVisit(s), -1) is var visit and >= 0)
        {
            goals.Add((visit, -1));
        }
        var cycle = new List<int>();
        var at = start;
        foreach (var (from, to) in goals)
        {
            cycle.AddRange(PathWithin(component, at, from));
            at = from;
            if (to >= 0)
            {
                cycle.Add(to);
                at = to;
            }
        }
        cycle.AddRange(PathWithin(component, at, start));
        if (cycle.Count > 0 && cycle[^1] == start)
        {
            cycle.RemoveAt(cycle.Count - 1);
        }
        return cycle;
    }

    /// <summary>The states after <paramref name="from"/> on a shortest path to <paramref name="to"/> within the component.</summary>
    private List<int> PathWithin(HashSet<int> component, int from, int to)
    {
        if (from == to)
        {
            return [];
        }
        var parent = new Dictionary<int, int> { [from] = -1 };
        var queue = new Queue<int>();
        queue.Enqueue(from);
        while (queue.Count > 0)
        {
            var s = queue.Dequeue();
            foreach (var t in Successors(s))
            {
                if (component.Contains(t) && parent.TryAdd(t, s))
                {
                    if (t == to)
                    {
                        var path = new List<int>();
                        for (var x = t; x != from; x = parent[x])
                        {
                            path.Add(x);
                        }
                        path.Reverse();
                        return path;
                    }
                    queue.Enqueue(t);
                }
            }
        }
        return [];
    }

    /// <summary>
    /// A step violating <c>[][A]_v</c>: the stored state it starts from and the successor, either a stored state
    /// (<c>Stored</c> its index) or one as generated by <c>Action</c>; null when there is none.
    /// </summary>
    /// <param name="property">The action property.</param>
    /// <param name="generated">The successors of a stored state as they are generated, for state spaces reduced by
    /// symmetry: there an edge of the graph leads to the stored representative of the successor's class, which may
    /// be another permutation of it than the step the action takes (TLC checks the generated successor). Null: the
    /// edges of the graph are the steps.</param>
    public (int From, State To, int Stored, int Action)? RefuteAction(ActionProperty property, Func<State, IEnumerable<(State State, int Action)>>? generated = null)
    {
        for (var s = 0; s < stateCount; s++)
        {
            var current = states[s].Values.ToArray();
            var steps = generated is null
                ? Successors(s).Select(t => (State: states[t], Stored: t, Action: -1))
                : generated(states[s]).Select(g => (g.State, Stored: -1, g.Action));
            foreach (var (to, stored, action) in steps)
            {
                var next = to.Values.ToArray();
                var before = evaluator.Eval(property.Subscript.Expression, property.Subscript.Env, StatePair.Of(current));
                var after = evaluator.Eval(property.Subscript.Expression, property.Subscript.Env, StatePair.Of(next));
                if (before.Equals(after))
                {
                    continue;
                }
                var pair = new StatePair { Current = current, Next = next, Assigned = Enumerable.Repeat(true, next.Length).ToArray() };
                if (!evaluator.EvalBool(property.Action.Expression, property.Action.Env, pair))
                {
                    return (s, to, stored, action);
                }
            }
        }
        return null;
    }

    /// <summary>An initial state violating a state predicate property, or -1.</summary>
    public int RefuteInitial(InitialProperty property)
    {
        foreach (var s in initial)
        {
            if (!Holds(property.Predicate, s))
            {
                return s;
            }
        }
        return -1;
    }

    /// <summary>A reachable state violating a nested <c>[]P</c>, or -1.</summary>
    public int RefuteAlways(AlwaysProperty property)
    {
        for (var s = 0; s < stateCount; s++)
        {
            if (!Holds(property.Predicate, s))
            {
                return s;
            }
        }
        return -1;
    }

    /// <summary>
    /// A behaviour violating <c>[](P =&gt; []Q)</c>: states from an initial state to one where Q is false after P
    /// held, or null. TLC's tableau evaluates P and Q on a state when it has expanded the state's predecessor (or
    /// the state itself, for its stuttering step), so each evaluation here reads the statistics of that moment; a
    /// trace spec's <c>TLCGet("queue") = 1</c> is then false exactly when the search has nothing left to explore.
    /// </summary>
    public List<int>? RefuteStable(StableProperty property, ExplorationTimeline timeline)
    {
        var outer = evaluator.Checker;
        try
        {
            bool HoldsAt(Bound predicate, int s, long queue)
            {
                evaluator.Checker = new TimedCheckerView(outer, queue, timeline.Level(s));
                return Holds(predicate, s);
            }

            // Nodes of the product of the state graph with "P has held": (state, seen), parents for the path.
            var parent = new Dictionary<(int State, bool Seen), (int State, bool Seen)?>();
            var queue = new Queue<(int State, bool Seen)>();
            foreach (var s in initial)
            {
                var q = timeline.InitialQueue.TryGetValue(s, out var size) ? size : 1;
                var seen = HoldsAt(property.P, s, q);
                if (seen && !HoldsAt(property.Q, s, q))
                {
                    return [s];
                }
                if (parent.TryAdd((s, seen), null))
                {
                    queue.Enqueue((s, seen));
                }
            }
            while (queue.Count > 0)
            {
                var node = queue.Dequeue();
                var size = timeline.QueueAfter(node.State);
                foreach (var t in Successors(node.State).Append(node.State))
                {
                    var seen = node.Seen || HoldsAt(property.P, t, size);
                    if (seen && !HoldsAt(property.Q, t, size))
                    {
                        var path = new List<int>();
                        if (t != node.State)
                        {
                            path.Add(t);
                        }
                        for ((int State, bool Seen)? at = node; at is { } n; at = parent[n])
                        {
                            path.Add(n.State);
                        }
                        path.Reverse();
                        return path;
                    }
                    if (parent.TryAdd((t, seen), node))
                    {
                        queue.Enqueue((t, seen));
                    }
                }
            }
            return null;
        }
        finally
        {
            evaluator.Checker = outer;
        }
    }
}
