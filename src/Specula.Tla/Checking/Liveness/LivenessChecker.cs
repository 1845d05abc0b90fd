using System.Runtime.CompilerServices;
using Specula.Tla.Evaluation;
using Specula.Tla.Semantics;
using Specula.Tla.Syntax;
using Specula.Tla.Values;

namespace Specula.Tla.Checking.Liveness;

/// <summary>A behaviour violating a temporal property: states, and where its cycle starts (null: it stops there).</summary>
/// <param name="States">Stored state indices, from an initial state.</param>
/// <param name="LoopStart">The index in <paramref name="States"/> the last state returns to, for a lasso.</param>
internal sealed record Lasso(List<int> States, int? LoopStart);

/// <summary>
/// Checks temporal properties on the explored state graph. A property is refuted by a fair behaviour of its
/// negation, which on a finite graph is a lasso: a prefix from an initial state and a cycle. Every state may stutter
/// (TLA+ behaviours are closed under stuttering), so every state has a self-loop. The negation's
/// <see cref="Tableau"/> runs along the graph in a <see cref="ProductGraph"/>, as TLC's liveness checker does; a
/// strongly connected set C of its nodes holds a fair accepting cycle when C has a step, steps fulfilling every
/// eventuality of the tableau, and, for each fairness condition of the specification, an
/// <c>&lt;&lt;A&gt;&gt;_v</c> step or (WF) a state where it is disabled or (SF) no state where it is enabled; for SF,
/// the nodes where it is enabled are removed and the components searched again (Emerson and Lei). A cycle through
/// all of C's nodes and steps is then fair and accepting. The specification's fairness is kept out of the tableau
/// (TLC puts it in, as <c>[]&lt;&gt;</c> and <c>&lt;&gt;[]</c> clauses of the negation's normal form): the product
/// stays the size of the graph times the tableau of the property alone.
/// </summary>
internal sealed class LivenessChecker(
    Evaluator evaluator,
    IReadOnlyList<State> states,
    IReadOnlyList<List<int>?> successors,
    IReadOnlyList<int> initial,
    int stateCount,
    IReadOnlyList<FairnessCondition> fairness,
    Func<int, IReadOnlyList<(int Stored, State Generated)>>? generatedSteps = null,
    bool constrained = false,
    CancellationToken cancellation = default)
{
    // Under SYMMETRY or a VIEW an edge s -> t of the graph leads to the stored representative of a generated
    // successor's class, not to the successor itself; actions are evaluated on the generated successors (TLC's
    // liveness graph records each generated successor's checks), the edge standing for all those stored as t.
    private readonly Dictionary<int, IReadOnlyList<(int Stored, State Generated)>> _generated = [];
    private readonly Dictionary<(int Atom, int From, int Successor), bool> _generatedAtoms = [];

    private IReadOnlyList<(int Stored, State Generated)> Generated(int s)
    {
        if (!_generated.TryGetValue(s, out var list))
        {
            list = generatedSteps!(s);
            _generated[s] = list;
        }
        return list;
    }

    private readonly Dictionary<(int, int), FairnessBits> _edgeLabels = [];
    private FairnessBits?[]? _enabled;

    // Per atom, per state: 0 not evaluated yet, 1 false, 2 true.
    private readonly Dictionary<int, byte[]> _stateAtoms = [];
    private readonly Dictionary<(int Atom, int From, int To), bool> _actionAtoms = [];
    private InstanceEnabledness? _instanceEnabledness;

    private List<int> Successors(int s) => successors.Count > s && successors[s] is { } list ? list : [];

    private bool Holds(Bound predicate, int s) =>
        evaluator.EvalBool(predicate.Expression, predicate.Env, StatePair.Of(states[s].Values.ToArray()));

    // Labels of steps, by the successor's position in its state's list (a dictionary of every step of a large graph is
    // much of the temporal phase's memory and collections); the steps of states with many successors, and a stuttering
    // step listed nowhere, in the dictionary.
    private FairnessBits?[]?[]? _labels;
    private FairnessBits? _none;

    /// <summary>Condition i: the step s → t is an <c>&lt;&lt;A_i&gt;&gt;_v_i</c> step of fairness condition i.</summary>
    private FairnessBits EdgeLabel(int s, int t)
    {
        if (s == t && generatedSteps is null)
        {
            // A stuttering step changes no subscript: it is no <<A>>_v step.
            return _none ??= Intern(new FairnessBits(fairness.Count));
        }
        var list = Successors(s);
        var k = list.Count <= 64 ? list.IndexOf(t) : -1;
        if (k < 0)
        {
            if (!_edgeLabels.TryGetValue((s, t), out var label))
            {
                label = ComputeLabel(s, t);
                _edgeLabels[(s, t)] = label;
            }
            return label;
        }
        _labels ??= new FairnessBits?[stateCount][];
        var row = _labels[s] ??= new FairnessBits?[list.Count];
        return row[k] ??= ComputeLabel(s, t);
    }

    private FairnessBits ComputeLabel(int s, int t)
    {
        var label = new FairnessBits(fairness.Count);
        // A stuttering step changes no subscript: it is no <<A>>_v step.
        if (generatedSteps is null && s != t)
        {
            StatePair? pair = null;
            for (var i = 0; i < fairness.Count; i++)
            {
                var f = fairness[i];
                if (!SubscriptValue(i, s).Equals(SubscriptValue(i, t))
                    && (f.EveryStep || evaluator.EvalBool(f.Action.Expression, f.Action.Env, pair ??= Pair(s, states[t]))))
                {
                    label.Add(i);
                }
            }
        }
        else if (generatedSteps is not null)
        {
            // The edge is an A step when one of the generated successors it stands for is (a cycle can take each).
            foreach (var (stored, generated) in Generated(s))
            {
                if (stored != t)
                {
                    continue;
                }
                var pair = new StatePair
                {
                    Current = states[s].Values.ToArray(),
                    Next = generated.Values.ToArray(),
                    Assigned = Enumerable.Repeat(true, generated.Count).ToArray(),
                };
                for (var i = 0; i < fairness.Count; i++)
                {
                    var f = fairness[i];
                    if (!label[i] && !SubscriptValue(i, s).Equals(evaluator.Eval(f.Subscript.Expression, f.Subscript.Env, StatePair.Of(pair.Next)))
                        && (f.EveryStep || evaluator.EvalBool(f.Action.Expression, f.Action.Env, pair)))
                    {
                        label.Add(i);
                    }
                }
            }
        }
        return Intern(label);
    }

    /// <summary>The step from stored state s to <paramref name="next"/>, for evaluating an action.</summary>
    private StatePair Pair(int s, State next) => new()
    {
        Current = states[s].Values.ToArray(),
        Next = next.Values.ToArray(),
        Assigned = Enumerable.Repeat(true, next.Count).ToArray(),
    };

    // Values of fairness subscripts per state. \A m \in S : WF_vars(A(m)) gives one condition per m, each with its own
    // env, but a subscript naming a definition without parameters (vars) has one value per state and instance: the
    // conditions share a slot of values then.
    private int[]? _subscriptSlot;
    private readonly List<Value?[]> _subscriptValues = [];

    private Value SubscriptValue(int condition, int s)
    {
        if (_subscriptSlot is null)
        {
            var slots = new Dictionary<SubscriptKey, int>();
            _subscriptSlot = new int[fairness.Count];
            for (var i = 0; i < fairness.Count; i++)
            {
                var subscript = fairness[i].Subscript;
                var closed = subscript.Expression is OpApp { Path.Length: 0, Arguments.Length: 0 } app
                    && evaluator.Spec.Resolve(app) is { Kind: SymbolKind.Operator } symbol && symbol.Declaration is OperatorDef { Parameters.Length: 0 };
                var key = new SubscriptKey(subscript.Expression, closed ? subscript.Env.Base : subscript.Env);
                if (!slots.TryGetValue(key, out var slot))
                {
                    slot = slots.Count;
                    slots[key] = slot;
                    _subscriptValues.Add(new Value?[stateCount]);
                }
                _subscriptSlot[i] = slot;
            }
        }
        var values = _subscriptValues[_subscriptSlot[condition]];
        if (values[s] is not { } value)
        {
            var f = fairness[condition].Subscript;
            value = evaluator.Eval(f.Expression, f.Env, StatePair.Of(states[s].Values.ToArray()));
            values[s] = value;
        }
        return value;
    }

    /// <summary>An expression and env, compared by reference (expressions are records, compared by walking them).</summary>
    private readonly struct SubscriptKey(Expr expression, Env env) : IEquatable<SubscriptKey>
    {
        private readonly Expr _expression = expression;
        private readonly Env _env = env;

        public bool Equals(SubscriptKey other) => ReferenceEquals(_expression, other._expression) && ReferenceEquals(_env, other._env);

        public override bool Equals(object? obj) => obj is SubscriptKey other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(RuntimeHelpers.GetHashCode(_expression), RuntimeHelpers.GetHashCode(_env));
    }

    /// <summary>
    /// Condition i: <c>ENABLED &lt;&lt;A_i&gt;&gt;_v_i</c> holds in s: some step of the graph from s is one, or, when a
    /// CONSTRAINT or ACTION_CONSTRAINT may have cut steps from the graph, the action evaluated on s itself has one.
    /// TLC evaluates ENABLED on the state, so a state whose A steps all leave the constraint is not one where A is
    /// disabled: stuttering there forever is unfair, as on TLC.
    /// </summary>
    private FairnessBits Enabled(int s)
    {
        _enabled ??= new FairnessBits?[stateCount];
        if (_enabled[s] is { } known)
        {
            return known;
        }
        var enabled = new FairnessBits(fairness.Count);
        foreach (var t in Successors(s))
        {
            enabled.UnionWith(EdgeLabel(s, t));
        }
        if (constrained)
        {
            Value[]? current = null;
            for (var i = 0; i < fairness.Count; i++)
            {
                if (!enabled[i] && (_instanceEnabledness ??= new InstanceEnabledness(evaluator)).IsEnabled(Angle(i), current ??= states[s].Values.ToArray()))
                {
                    enabled.Add(i);
                }
            }
        }
        enabled = Intern(enabled);
        _enabled[s] = enabled;
        return enabled;
    }

    private Bound[]? _angles;

    /// <summary><c>&lt;&lt;A_i&gt;&gt;_v_i</c> of fairness condition i, as one expression whose ENABLED is evaluated.</summary>
    private Bound Angle(int i)
    {
        _angles ??= [.. fairness.Select(f => new Bound(new ActionExpr(f.Action.Expression, f.Subscript.Expression, IsAngle: true), f.Action.Env))];
        return _angles[i];
    }

    // Steps and states share the few distinct sets there are: one object per edge of a large graph is a lot of memory.
    private readonly Dictionary<FairnessBits, FairnessBits> _distinct = [];

    private FairnessBits Intern(FairnessBits bits)
    {
        if (_distinct.TryGetValue(bits, out var known))
        {
            return known;
        }
        _distinct[bits] = bits;
        return bits;
    }

    /// <summary>A fair lasso refuting <paramref name="property"/>, or null when the property holds.</summary>
    public Lasso? Refute(LivenessProperty property)
    {
        var graph = ProductGraph.Build(property.Tableau, initial, Successors, Satisfied, stutter: true, cancellation);
        var found = FindFair(graph, Enumerable.Range(0, graph.Count).ToList(), property.Tableau.AllAccepting);
        if (found is null)
        {
            return null;
        }
        var component = new HashSet<int>(found);
        var target = found.Min();
        var nodes = new List<int>();
        for (var n = target; n >= 0; n = graph.Parent(n))
        {
            nodes.Add(n);
        }
        nodes.Reverse();
        var loopNode = nodes.Count - 1;
        nodes.AddRange(Cycle(graph, component, target, property.Tableau.AllAccepting));
        // Steps the tableau needed to stutter in are not shown: a behaviour is the same up to stuttering.
        var path = new List<int>();
        var loopStart = 0;
        for (var i = 0; i < nodes.Count; i++)
        {
            var s = graph.State(nodes[i]);
            if (path.Count == 0 || path[^1] != s)
            {
                path.Add(s);
            }
            if (i == loopNode)
            {
                loopStart = path.Count - 1;
            }
        }
        if (path.Count - 1 > loopStart && path[^1] == path[loopStart])
        {
            path.RemoveAt(path.Count - 1);
        }
        return Shortest(path, loopStart);
    }

    /// <summary>
    /// The same behaviour as the lasso <paramref name="path"/> (its states from <paramref name="loopStart"/> on repeat
    /// forever) written shorter: a cycle that is a repetition of a shorter one is that one (the tableau may have gone
    /// round the states several times), and a prefix that ends with the cycle's last state is rolled into the cycle.
    /// </summary>
    private static Lasso Shortest(List<int> path, int loopStart)
    {
        var cycle = path.Skip(loopStart).ToList();
        for (var period = 1; period < cycle.Count; period++)
        {
            if (cycle.Count % period == 0 && Enumerable.Range(0, cycle.Count).All(i => cycle[i] == cycle[i % period]))
            {
                cycle.RemoveRange(period, cycle.Count - period);
                break;
            }
        }
        var prefix = path.Take(loopStart).ToList();
        while (prefix.Count > 0 && prefix[^1] == cycle[^1])
        {
            cycle.Insert(0, prefix[^1]);
            cycle.RemoveAt(cycle.Count - 1);
            prefix.RemoveAt(prefix.Count - 1);
        }
        return new Lasso([.. prefix, .. cycle], prefix.Count);
    }

    private bool Holds(LtlLiteral literal, int s, int t) => AtomHolds(literal.Atom, s, t) == literal.Positive;

    /// <summary>Whether the step s → t satisfies the literals of a tableau transition.</summary>
    private bool Satisfied(TableauTransition transition, int s, int t)
    {
        if (generatedSteps is null || s == t || transition.Literals.All(l => l.Atom.Kind != AtomKind.Action))
        {
            var all = true;
            foreach (var literal in transition.Literals)
            {
                if (!Holds(literal, s, t))
                {
                    all = false;
                    break;
                }
            }
            // s → s is the stuttering step, or, under SYMMETRY or a VIEW, a step to another member of s's class.
            if (all || generatedSteps is null || s != t || transition.Literals.All(l => l.Atom.Kind != AtomKind.Action))
            {
                return all;
            }
        }
        // Some generated successor stored as t satisfies all of them.
        var generated = Generated(s);
        for (var k = 0; k < generated.Count; k++)
        {
            if (generated[k].Stored == t && transition.Literals.All(l => (l.Atom.Kind == AtomKind.Action
                    ? GeneratedActionHolds(l.Atom, s, k)
                    : AtomHolds(l.Atom, s, t)) == l.Positive))
            {
                return true;
            }
        }
        return false;
    }

    private bool GeneratedActionHolds(LtlAtom atom, int s, int k)
    {
        if (!_generatedAtoms.TryGetValue((atom.Id, s, k), out var value))
        {
            var next = Generated(s)[k].Generated;
            var pair = new StatePair
            {
                Current = states[s].Values.ToArray(),
                Next = next.Values.ToArray(),
                Assigned = Enumerable.Repeat(true, next.Count).ToArray(),
            };
            value = evaluator.EvalBool(atom.Formula.Expression, atom.Formula.Env, pair);
            _generatedAtoms[(atom.Id, s, k)] = value;
        }
        return value;
    }

    private bool AtomHolds(LtlAtom atom, int s, int t)
    {
        if (atom.Kind == AtomKind.Action)
        {
            if (!_actionAtoms.TryGetValue((atom.Id, s, t), out var step))
            {
                var pair = new StatePair
                {
                    Current = states[s].Values.ToArray(),
                    Next = states[t].Values.ToArray(),
                    Assigned = Enumerable.Repeat(true, states[t].Count).ToArray(),
                };
                step = evaluator.EvalBool(atom.Formula.Expression, atom.Formula.Env, pair);
                _actionAtoms[(atom.Id, s, t)] = step;
            }
            return step;
        }
        if (!_stateAtoms.TryGetValue(atom.Id, out var values))
        {
            values = new byte[stateCount];
            _stateAtoms[atom.Id] = values;
        }
        if (values[s] == 0)
        {
            var value = atom.Kind == AtomKind.EnabledAngle
                ? (_instanceEnabledness ??= new InstanceEnabledness(evaluator)).IsEnabled(atom.Formula, states[s].Values.ToArray())
                : Holds(atom.Formula, s);
            values[s] = value ? (byte)2 : (byte)1;
        }
        return values[s] == 2;
    }

    /// <summary>
    /// The nodes of a strongly connected part of <paramref name="region"/> holding a fair accepting cycle: one with a
    /// step inside it, steps fulfilling every eventuality of the tableau, and every fairness condition met (see the
    /// class summary); null when there is none.
    /// </summary>
    private List<int>? FindFair(ProductGraph graph, List<int> region, ulong accepting)
    {
        // Of the fair components, the one nearest an initial state (nodes are numbered breadth first), so the
        // counterexample's prefix is short, as TLC's usually is.
        List<int>? best = null;
        foreach (var component in Components(graph, region))
        {
            cancellation.ThrowIfCancellationRequested();
            if (best is not null && component.Min() > best.Min())
            {
                continue;
            }
            if (FairIn(graph, component, accepting) is { } found && (best is null || found.Min() < best.Min()))
            {
                best = found;
            }
        }
        return best;
    }

    /// <summary>A fair accepting part of one strongly connected component (itself, or a part avoiding strongly fair
    /// actions' enabled states), or null.</summary>
    private List<int>? FairIn(ProductGraph graph, List<int> component, ulong accepting)
    {
        var inside = Mark(graph, component);
        FairnessBits taken = new(fairness.Count), enabledSomewhere = new(fairness.Count), disabledSomewhere = new(fairness.Count);
        ulong fulfilled = 0;
        var hasStep = false;
        foreach (var n in component)
        {
            var s = graph.State(n);
            if (fairness.Count > 0)
            {
                var enabled = Enabled(s);
                enabledSomewhere.UnionWith(enabled);
                disabledSomewhere.UnionWithComplement(enabled);
            }
            var edges = graph.Edges(n);
            for (var e = edges.Start.Value; e < edges.End.Value; e++)
            {
                var m = graph.Target(e);
                if (_mark[m] == inside)
                {
                    hasStep = true;
                    fulfilled |= graph.Accepting(e);
                    if (fairness.Count > 0)
                    {
                        taken.UnionWith(EdgeLabel(s, graph.State(m)));
                    }
                }
            }
        }
        if (!hasStep || (fulfilled & accepting) != accepting)
        {
            return null;
        }
        var fair = true;
        var strongViolated = new FairnessBits(fairness.Count);
        var weakViolated = false;
        for (var i = 0; i < fairness.Count && !weakViolated; i++)
        {
            if (taken[i])
            {
                continue;
            }
            if (!fairness[i].Strong)
            {
                if (!disabledSomewhere[i])
                {
                    fair = false;
                    weakViolated = true;
                }
            }
            else if (enabledSomewhere[i])
            {
                fair = false;
                strongViolated.Add(i);
            }
        }
        if (fair)
        {
            return component;
        }
        if (!weakViolated && !strongViolated.IsEmpty)
        {
            // Cycles avoiding the states where a strongly fair action is enabled may still be fair.
            var smaller = component.Where(n => !Enabled(graph.State(n)).Overlaps(strongViolated)).ToList();
            if (smaller.Count > 0 && FindFair(graph, smaller, accepting) is { } found)
            {
                return found;
            }
        }
        return null;
    }

    // Marks of nodes, one generation per marked set, so no set has to be cleared (regions, components).
    private int[] _mark = [];
    private int _generation;

    private int Mark(ProductGraph graph, IEnumerable<int> nodes)
    {
        if (_mark.Length < graph.Count)
        {
            _mark = new int[graph.Count];
            _generation = 0;
        }
        _generation++;
        foreach (var n in nodes)
        {
            _mark[n] = _generation;
        }
        return _generation;
    }

    /// <summary>Strongly connected components of the product restricted to <paramref name="region"/> (Tarjan, iterative).</summary>
    private List<List<int>> Components(ProductGraph graph, List<int> region)
    {
        var inRegion = Mark(graph, region);
        // Arrays for a region that is most of the product (the first search), dictionaries for the small ones a
        // strongly fair action's enabled states are removed from, which would otherwise each cost the whole product.
        var dense = region.Count * 4 >= graph.Count;
        var indexArray = dense ? new int[graph.Count] : [];
        var lowArray = dense ? new int[graph.Count] : [];
        var indexMap = dense ? null : new Dictionary<int, int>();
        var lowMap = dense ? null : new Dictionary<int, int>();
        // Index 0 means not visited: the counter starts at 1.
        int Index(int n) => dense ? indexArray[n] : indexMap!.GetValueOrDefault(n);
        int Low(int n) => dense ? lowArray[n] : lowMap![n];
        void SetIndex(int n, int value)
        {
            if (dense)
            {
                indexArray[n] = value;
                lowArray[n] = value;
            }
            else
            {
                indexMap![n] = value;
                lowMap![n] = value;
            }
        }
        void SetLow(int n, int value)
        {
            if (dense)
            {
                lowArray[n] = value;
            }
            else
            {
                lowMap![n] = value;
            }
        }
        var onStackArray = dense ? new bool[graph.Count] : [];
        var onStackSet = dense ? null : new HashSet<int>();
        void SetOnStack(int n, bool on)
        {
            if (dense)
            {
                onStackArray[n] = on;
            }
            else if (on)
            {
                onStackSet!.Add(n);
            }
            else
            {
                onStackSet!.Remove(n);
            }
        }
        var stack = new Stack<int>();
        var result = new List<List<int>>();
        var counter = 1;
        var work = new Stack<(int Node, int Edge)>();
        foreach (var root in region)
        {
            if (Index(root) != 0)
            {
                continue;
            }
            work.Push((root, graph.Edges(root).Start.Value));
            SetIndex(root, counter++);
            stack.Push(root);
            SetOnStack(root, true);
            while (work.Count > 0)
            {
                var (n, e) = work.Pop();
                if (e < graph.Edges(n).End.Value)
                {
                    work.Push((n, e + 1));
                    var m = graph.Target(e);
                    if (_mark[m] != inRegion)
                    {
                        continue;
                    }
                    var mIndex = Index(m);
                    if (mIndex == 0)
                    {
                        SetIndex(m, counter++);
                        stack.Push(m);
                        SetOnStack(m, true);
                        work.Push((m, graph.Edges(m).Start.Value));
                    }
                    else if (dense ? onStackArray[m] : onStackSet!.Contains(m))
                    {
                        SetLow(n, Math.Min(Low(n), mIndex));
                    }
                    continue;
                }
                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    SetLow(parent, Math.Min(Low(parent), Low(n)));
                }
                if (Low(n) == Index(n))
                {
                    var component = new List<int>();
                    int x;
                    do
                    {
                        x = stack.Pop();
                        SetOnStack(x, false);
                        component.Add(x);
                    }
                    while (x != n);
                    result.Add(component);
                }
            }
        }
        return result;
    }

    /// <summary>
    /// A cycle from <paramref name="start"/> through <paramref name="component"/> fulfilling every eventuality and
    /// meeting every fairness condition, as the nodes after <paramref name="start"/>, ending back at it (not repeated).
    /// Greedy: from where the cycle is, it goes to the nearest step (or, for a fairness condition, a state where its
    /// action is disabled) that meets a requirement the steps so far have not, so one step often meets several, and
    /// the cycle is about as short as TLC's.
    /// </summary>
    private List<int> Cycle(ProductGraph graph, HashSet<int> component, int start, ulong accepting)
    {
        ulong fulfilled = 0;
        var met = new FairnessBits(fairness.Count);
        var cycle = new List<int>();
        var at = start;
        Visit(start);
        while (!Done())
        {
            var missing = Missing();
            var path = PathToNeeded(graph, component, at, (n, e) => (graph.Accepting(e) & accepting & ~fulfilled) != 0
                    || (fairness.Count > 0 && EdgeLabel(graph.State(n), graph.State(graph.Target(e))).Overlaps(missing)),
                n => fairness.Count > 0 && missing.Overlaps(Disabled(graph.State(n))));
            if (path is null)
            {
                break;
            }
            foreach (var e in path)
            {
                Step(e);
            }
        }
        cycle.AddRange(PathWithin(graph, component, at, start));
        var startEdges = Enumerable.Range(graph.Edges(start).Start.Value, graph.Edges(start).End.Value - graph.Edges(start).Start.Value).ToList();
        if (cycle.Count == 0 && !startEdges.Any(e => graph.Target(e) == start))
        {
            // No requirement took a step: a cycle still needs one, which without a self-loop goes round the component.
            var next = startEdges.Select(graph.Target).First(component.Contains);
            cycle.Add(next);
            cycle.AddRange(PathWithin(graph, component, next, start));
        }
        if (cycle.Count > 0 && cycle[^1] == start)
        {
            cycle.RemoveAt(cycle.Count - 1);
        }
        return cycle;

        void Visit(int n)
        {
            if (fairness.Count > 0)
            {
                met.UnionWith(Disabled(graph.State(n)));
            }
        }

        void Step(int e)
        {
            fulfilled |= graph.Accepting(e);
            var to = graph.Target(e);
            if (fairness.Count > 0)
            {
                met.UnionWith(EdgeLabel(graph.State(at), graph.State(to)));
            }
            cycle.Add(to);
            at = to;
            Visit(to);
        }

        FairnessBits Missing()
        {
            var missing = new FairnessBits(fairness.Count);
            for (var i = 0; i < fairness.Count; i++)
            {
                if (!met[i])
                {
                    missing.Add(i);
                }
            }
            return missing;
        }

        bool Done() => (fulfilled & accepting) == accepting && (fairness.Count == 0 || Missing().IsEmpty);
    }

    /// <summary>The conditions whose action is disabled in s.</summary>
    private FairnessBits Disabled(int s)
    {
        var enabled = Enabled(s);
        var disabled = new FairnessBits(fairness.Count);
        for (var i = 0; i < fairness.Count; i++)
        {
            if (!enabled[i])
            {
                disabled.Add(i);
            }
        }
        return disabled;
    }

    /// <summary>
    /// The edges of a shortest path within the component from <paramref name="from"/> to a node
    /// <paramref name="nodeNeeded"/> accepts or through an edge (from a node) <paramref name="edgeNeeded"/> accepts
    /// (that edge last); null when there is none.
    /// </summary>
    private static List<int>? PathToNeeded(ProductGraph graph, HashSet<int> component, int from, Func<int, int, bool> edgeNeeded, Func<int, bool> nodeNeeded)
    {
        var parentEdge = new Dictionary<int, (int Node, int Edge)> { [from] = (-1, -1) };
        var queue = new Queue<int>();
        queue.Enqueue(from);
        while (queue.Count > 0)
        {
            var n = queue.Dequeue();
            if (n != from && nodeNeeded(n))
            {
                return PathTo(n, -1);
            }
            var edges = graph.Edges(n);
            for (var e = edges.Start.Value; e < edges.End.Value; e++)
            {
                var m = graph.Target(e);
                if (!component.Contains(m))
                {
                    continue;
                }
                if (edgeNeeded(n, e))
                {
                    return PathTo(n, e);
                }
                if (parentEdge.TryAdd(m, (n, e)))
                {
                    queue.Enqueue(m);
                }
            }
        }
        return null;

        List<int> PathTo(int n, int last)
        {
            var path = new List<int>();
            if (last >= 0)
            {
                path.Add(last);
            }
            for (var x = n; parentEdge[x].Node >= 0; x = parentEdge[x].Node)
            {
                path.Add(parentEdge[x].Edge);
            }
            path.Reverse();
            return path;
        }
    }

    /// <summary>The nodes after <paramref name="from"/> on a shortest path to <paramref name="to"/> within the component.</summary>
    private static List<int> PathWithin(ProductGraph graph, HashSet<int> component, int from, int to)
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
            var n = queue.Dequeue();
            var edges = graph.Edges(n);
            for (var e = edges.Start.Value; e < edges.End.Value; e++)
            {
                var m = graph.Target(e);
                if (component.Contains(m) && parent.TryAdd(m, n))
                {
                    if (m == to)
                    {
                        var path = new List<int>();
                        for (var x = m; x != from; x = parent[x])
                        {
                            path.Add(x);
                        }
                        path.Reverse();
                        return path;
                    }
                    queue.Enqueue(m);
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
        // The subscript's value of each stored state, evaluated once however many steps lead to it.
        var values = generated is null ? new Value?[stateCount] : null;
        Value SubscriptOf(State state, int stored)
        {
            if (stored >= 0 && values![stored] is { } known)
            {
                return known;
            }
            var value = evaluator.Eval(property.Subscript.Expression, property.Subscript.Env, StatePair.Of(state.Values.ToArray()));
            if (stored >= 0)
            {
                values![stored] = value;
            }
            return value;
        }

        var seen = new HashSet<int>();
        for (var s = 0; s < stateCount; s++)
        {
            if ((s & 1023) == 0)
            {
                cancellation.ThrowIfCancellationRequested();
            }
            Value[]? current = null;
            var steps = generated is null
                ? Successors(s).Select(t => (State: states[t], Stored: t, Action: -1))
                : GeneratedOnce(s, generated).Select(g => (g.State, Stored: -1, g.Action));
            Value? before = null;
            seen.Clear();
            foreach (var (to, stored, action) in steps)
            {
                // A state several actions lead to is one step to check.
                if (stored >= 0 && !seen.Add(stored))
                {
                    continue;
                }
                before ??= SubscriptOf(states[s], generated is null ? s : -1);
                if (before.Equals(SubscriptOf(to, stored)))
                {
                    continue;
                }
                current ??= states[s].Values.ToArray();
                var next = to.Values.ToArray();
                var pair = new StatePair { Current = current, Next = next, Assigned = Enumerable.Repeat(true, next.Length).ToArray() };
                if (!evaluator.EvalBool(property.Action.Expression, property.Action.Env, pair))
                {
                    return (s, to, stored, action);
                }
            }
        }
        return null;
    }

    // Successors as generated (under SYMMETRY), kept for the next [][A]_v property (a model often has several, each
    // would generate every state's successors again), up to a bound on how many are kept.
    private const int MaxKeptSuccessors = 4_000_000;
    private List<(State State, int Action)>?[]? _keptSuccessors;
    private int _kept;

    private IEnumerable<(State State, int Action)> GeneratedOnce(int s, Func<State, IEnumerable<(State State, int Action)>> generated)
    {
        _keptSuccessors ??= new List<(State State, int Action)>?[stateCount];
        if (_keptSuccessors[s] is { } known)
        {
            return known;
        }
        var list = generated(states[s]).ToList();
        if (_kept + list.Count <= MaxKeptSuccessors)
        {
            _kept += list.Count;
            _keptSuccessors[s] = list;
        }
        return list;
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
