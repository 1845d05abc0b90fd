using System.Collections.Immutable;

namespace Specula.Synthesis.Mining;

/// <summary>A guard conjunct kept for an action, with the evidence for it.</summary>
/// <param name="Pred">The condition.</param>
/// <param name="Support">The steps it holds on.</param>
/// <param name="Chance">How likely so many independent observations would all satisfy it by chance.</param>
/// <param name="Observations">The independent observations among them: steps of one trace that show the condition the
/// same values count once (<see cref="Pred.Witness"/>).</param>
internal sealed record GuardAtom(Pred Pred, int Support, double Chance, int Observations);

/// <summary>What was learned for one event kind: its guard, its effects, the arguments it takes.</summary>
internal sealed record ActionModel(string Event, string Name, int Steps, int Traces, ImmutableArray<GuardAtom> Guard, ImmutableArray<Effect> Effects,
    ImmutableArray<string> Args);

/// <summary>Mining thresholds.</summary>
internal sealed record MiningOptions(int MinSupport = 3, double MaxChance = 0.01, int ArgAtomSupport = 10, int MaxConstants = 12);

/// <summary>Builds the term and condition pools from the schema, and mines each action.</summary>
internal sealed class ActionMiner(TraceSchema schema, IReadOnlyList<Transition> population, MiningOptions options, Comparability? comparability = null)
{
    /// <summary>Which integers may be related (all of them when the caller did not infer it from the steps).</summary>
    private readonly Comparability _comparable = comparability ?? Comparability.All;

    private readonly Dictionary<Pred, Bits> _truth = [];
    private Dictionary<Transition, long>? _stretch;

    private static bool Compatible(SKind a, SKind b) =>
        a == b || (a is SKind.Str or SKind.Node && b is SKind.Str or SKind.Node);

    /// <summary>Terms for variable <paramref name="v"/>, smallest first; the first is "unchanged".</summary>
    public List<Term> Terms(int v, IReadOnlyList<FieldFacts> args, IEnumerable<SValue> posts)
    {
        var kind = schema.Variables[v].Kind;
        var self = new VarTerm(v, schema.Variables[v].Name);
        var terms = new List<Term> { self };
        var constants = posts.Where(c => !c.MentionsNode).Distinct().Order().ToList();
        if (constants.Count <= options.MaxConstants)
        {
            terms.AddRange(constants.Select(c => new ConstTerm(c)));
        }
        if (kind is SKind.Node or SKind.Str)
        {
            terms.Add(new SelfTerm());
        }
        var others = Enumerable.Range(0, schema.Variables.Length).Where(w => w != v && Compatible(schema.Variables[w].Kind, kind))
            .Select(w => new VarTerm(w, schema.Variables[w].Name)).Where(o => kind != SKind.Int || _comparable.Comparable(self, o)).ToList();
        var argTerms = args.Where(a => Compatible(a.Kind, kind)).Select(a => new ArgTerm(a.Name))
            .Where(a => kind != SKind.Int || _comparable.Comparable(self, a)).ToList();
        terms.AddRange(others);
        if (kind == SKind.Int)
        {
            terms.Add(new PlusTerm(self, 1));
            terms.Add(new PlusTerm(self, -1));
            terms.AddRange(others.Select(o => new PlusTerm(o, 1)));
            terms.AddRange(others.Select(o => new PlusTerm(o, -1)));
        }
        terms.AddRange(argTerms);
        if (kind == SKind.Int)
        {
            terms.AddRange(argTerms.Select(a => new PlusTerm(a, 1)));
            terms.AddRange(argTerms.Select(a => new MaxTerm(self, a)));
            terms.AddRange(others.Select(o => new MaxTerm(self, o)));
        }
        if (kind == SKind.Seq)
        {
            terms.Add(new AppendTerm(self, new SelfTerm()));
            terms.AddRange(args.Select(a => new AppendTerm(self, new ArgTerm(a.Name))));
            // An item from the node's own state (a log entry of the node's current term), and a copy of a peer's
            // sequence up to an integer argument (a log catching up with another's).
            var item = ItemKind(schema.Variables[v]);
            terms.AddRange(Enumerable.Range(0, schema.Variables.Length).Where(w => w != v && item is { } k && Compatible(schema.Variables[w].Kind, k))
                .Select(w => new AppendTerm(self, new VarTerm(w, schema.Variables[w].Name))));
            terms.AddRange(args.Where(a => a.Kind == SKind.Int).Select(a => new PeerPrefixTerm(v, new ArgTerm(a.Name))));
            terms.Add(new InsertTerm(self, new SelfTerm()));
            terms.AddRange(args.Select(a => new InsertTerm(self, new ArgTerm(a.Name))));
        }
        return [.. terms.Select((t, i) => (t, i)).OrderBy(p => p.t.Size).ThenBy(p => p.i).Select(p => p.t)];
    }

    /// <summary>The kind every item of a sequence variable's observed values has; null when they are mixed or none is seen.</summary>
    internal static SKind? ItemKind(FieldFacts facts)
    {
        var items = new FieldFacts(facts.Name);
        foreach (var item in facts.Values.SelectMany(x => x.Items))
        {
            items.Add(item);
        }
        return items.Values.Count == 0 || items.Kind == SKind.Other ? null : items.Kind;
    }

    /// <summary>Conditions on one step: equalities with observed constants, orderings, comparisons with arguments.</summary>
    /// <param name="args">The event's arguments.</param>
    /// <param name="forGuards">Also the negations and non-strict orderings a guard may need.</param>
    /// <param name="actors">The nodes that take the event, when known: variables none of them has are left out (the
    /// acting node only ever shows their initial value).</param>
    public List<Pred> Conditions(IReadOnlyList<FieldFacts> args, bool forGuards, IReadOnlySet<string>? actors = null)
    {
        var preds = new List<Pred>();
        var vars = Enumerable.Range(0, schema.Variables.Length).Select(v => (Index: v, Facts: schema.Variables[v], Term: new VarTerm(v, schema.Variables[v].Name)))
            .Where(x => actors is null || x.Facts.Nodes.Overlaps(actors)).ToList();
        foreach (var (v, facts, term) in vars)
        {
            if (facts.Kind is SKind.Str or SKind.Node or SKind.Bool)
            {
                var constants = facts.Values.Where(c => !c.MentionsNode).ToList();
                if (constants.Count <= options.MaxConstants && facts.Values.Count > 1)
                {
                    foreach (var c in constants)
                    {
                        var eq = new CmpPred(term, Cmp.Eq, new ConstTerm(c));
                        preds.Add(eq);
                        if (forGuards && facts.Kind != SKind.Bool)
                        {
                            preds.Add(new NotPred(eq));
                        }
                    }
                }
                if (facts.Kind == SKind.Node)
                {
                    preds.Add(new CmpPred(term, Cmp.Eq, new SelfTerm()));
                    if (forGuards)
                    {
                        preds.Add(new NotPred(new CmpPred(term, Cmp.Eq, new SelfTerm())));
                    }
                }
            }
        }
        foreach (var (v, facts, term) in vars.Where(x => x.Facts.Kind == SKind.Int))
        {
            // Variables no node has in common (a replica's log, a client's requests) say nothing about each other.
            foreach (var (w, _, other) in vars.Where(x => x.Facts.Kind == SKind.Int && x.Index > v && x.Facts.Nodes.Overlaps(facts.Nodes)
                && _comparable.Comparable(term, x.Term)))
            {
                preds.Add(new CmpPred(term, Cmp.Lt, other));
                preds.Add(new CmpPred(other, Cmp.Lt, term));
                preds.Add(new CmpPred(term, Cmp.Eq, other));
                if (forGuards)
                {
                    preds.Add(new CmpPred(term, Cmp.Le, other));
                    preds.Add(new CmpPred(other, Cmp.Le, term));
                }
            }
        }
        foreach (var arg in args)
        {
            var a = new ArgTerm(arg.Name);
            switch (arg.Kind)
            {
                case SKind.Int:
                    foreach (var (_, _, term) in vars.Where(x => x.Facts.Kind == SKind.Int && _comparable.Comparable(a, x.Term)))
                    {
                        preds.Add(new CmpPred(a, Cmp.Lt, term));
                        preds.Add(new CmpPred(term, Cmp.Lt, a));
                        preds.Add(new CmpPred(a, Cmp.Eq, term));
                        if (forGuards)
                        {
                            preds.Add(new CmpPred(a, Cmp.Le, term));
                            preds.Add(new CmpPred(term, Cmp.Le, a));
                        }
                    }
                    break;
                case SKind.Bool when !forGuards:
                    preds.Add(new CmpPred(a, Cmp.Eq, new ConstTerm(SValue.True)));
                    break;
                case SKind.Str or SKind.Node:
                    if (!forGuards && arg.Values.Count <= options.MaxConstants)
                    {
                        preds.AddRange(arg.Values.Where(c => !c.MentionsNode).Select(c => new CmpPred(a, Cmp.Eq, new ConstTerm(c))));
                    }
                    if (arg.Kind == SKind.Node)
                    {
                        preds.Add(new CmpPred(a, Cmp.Eq, new SelfTerm()));
                        if (forGuards)
                        {
                            preds.Add(new NotPred(new CmpPred(a, Cmp.Eq, new SelfTerm())));
                        }
                        foreach (var (_, _, term) in vars.Where(x => x.Facts.Kind == SKind.Node))
                        {
                            preds.Add(new CmpPred(a, Cmp.Eq, term));
                        }
                    }
                    break;
            }
        }
        // A guard reads only what the acting node can know: its own state and its event's arguments (the message it
        // handles). Other nodes' state is not, so conditions on it (a majority pointing at the node, no other node in
        // some role) can only be correlations of the runs seen (a crashed leader that still says Leader breaks them);
        // they may still tell an effect's cases apart.
        if (!forGuards)
        {
            var ints = vars.Where(x => x.Facts.Kind == SKind.Int).Select(x => x.Index).ToList();
            foreach (var (v, facts, _) in vars.Where(x => x.Facts.Kind == SKind.Node))
            {
                preds.Add(new MajorityPred(v, null));
                preds.AddRange(ints.Select(u => new MajorityPred(v, u)));
            }
        }
        foreach (var (v, facts, _) in vars.Where(x => x.Facts.Kind == SKind.Seq && ItemKind(x.Facts) == SKind.Node))
        {
            preds.Add(new QuorumPred(v));
        }
        return preds;
    }

    private Bits Truth(Pred p)
    {
        if (!_truth.TryGetValue(p, out var bits))
        {
            bits = new Bits(population.Count);
            for (var i = 0; i < population.Count; i++)
            {
                if (p.Eval(population[i]))
                {
                    bits.Set(i);
                }
            }
            _truth[p] = bits;
        }
        return bits;
    }

    private double Frequency(Pred p) => population.Count == 0 ? 1 : (double)Truth(p).Count() / population.Count;

    /// <summary>Mines one action from its observed steps.</summary>
    public ActionModel Mine(string eventName, string actionName, IReadOnlyList<Transition> examples)
    {
        var facts = schema.Events[eventName];
        var args = facts.ScalarArgs.ToList();
        var effects = ImmutableArray.CreateBuilder<Effect>();
        var conditions = Conditions(args, forGuards: false);
        for (var v = 0; v < schema.Variables.Length; v++)
        {
            // Steps that do not show v keep it (as the reconstruction does): the spec must not leave it free there, or
            // the validator would have to follow every value it could take.
            // A variable only some nodes show is learned from their steps; the spec keeps it elsewhere (ScopedNodes).
            var relevant = schema.IsScoped(v) ? [.. examples.Where(e => schema.Variables[v].Nodes.Contains(e.NodeName))] : examples;
            var terms = Terms(v, args, relevant.Select(e => e.Post[v]));
            effects.Add(EffectSynthesizer.Synthesize(relevant, v, terms, conditions));
        }
        var guard = MineGuard(args, examples, schema.Receives.Contains(eventName));
        var message = schema.Messages?.ArgsOf(eventName) ?? [];
        var used = new SortedSet<string>(effects.SelectMany(e => e.Args).Concat(guard.SelectMany(g => g.Pred.Args)).Concat(message), StringComparer.Ordinal);
        var traces = examples.Select(e => e.Trace).Distinct(StringComparer.Ordinal).Count();
        return new ActionModel(eventName, actionName, examples.Count, traces, guard, effects.ToImmutable(), [.. used]);
    }

    /// <summary>
    /// Guard conjuncts as weak as the evidence allows: a condition true on every example is kept only when so many
    /// examples would rarely all satisfy it by chance, with the chance level divided by the number of conditions
    /// tried (each one more chance of a coincidence), and unconditionally only when every value of an enumerated
    /// argument has that evidence on its own steps; otherwise it may still hold under the values that do.
    /// </summary>
    private ImmutableArray<GuardAtom> MineGuard(IReadOnlyList<FieldFacts> args, IReadOnlyList<Transition> examples, bool receive)
    {
        var n = examples.Count;
        if (n < options.MinSupport)
        {
            return [];
        }
        var pool = Conditions(args, forGuards: true, examples.Select(e => e.NodeName).ToHashSet(StringComparer.Ordinal));
        if (receive)
        {
            // A node cannot refuse what the network delivers: a receive is enabled by its message being in flight, and
            // the receiver's state only decides what it does with it (its effects). Its guard relates the message's
            // fields to each other and to the receiver's identity, never to the receiver's state.
            pool = [.. pool.Where(p => !ReadsState(p))];
        }
        var splits = Splits(args, examples);
        var flagValues = args.Where(a => a.Kind == SKind.Bool && a.Values.Count > 1).Sum(a => a.Values.Count);
        var threshold = options.MaxChance / Math.Max(1, pool.Count * (1 + splits.Count * (1 + flagValues)));
        var kept = new List<GuardAtom>();
        foreach (var pred in pool)
        {
            if ((!pred.StateOnly && n < options.ArgAtomSupport) || !examples.All(pred.Eval))
            {
                continue;
            }
            var p = pred.StateOnly ? Frequency(pred) : ArgFrequency(pred, examples);
            var observations = Observations(pred, examples);
            var chance = Math.Pow(p, observations);
            if (p < 1 && chance < threshold && splits.All(s => Math.Pow(p, Observations(pred, s.Subset)) < threshold))
            {
                kept.Add(new GuardAtom(pred, n, chance, observations));
            }
        }
        var guard = Explained(Weakest(kept).ToList(), null, threshold);
        guard.AddRange(Conditional(args, pool, splits, guard, threshold));
        return [.. guard];
    }

    /// <summary>
    /// The independent observations of a condition among steps: distinct situations, a situation being a stretch of
    /// one node's steps in one trace over which its state stands still, with the values the condition reads. A burst
    /// of steps in one situation (thirty vote responses sent while no leader is known) is one observation that the
    /// condition held there, not thirty: counted as thirty, a state that merely persists through the burst would look
    /// like a law.
    /// </summary>
    private int Observations(Pred pred, IReadOnlyList<Transition> steps) =>
        steps.Select(s => (s.Trace, s.NodeName, Stretch(s), pred.Witness(s))).Distinct().Count();

    /// <summary>The stretch of its node's unchanged state a step belongs to: numbered per trace and node along the
    /// population, a new one after every step that changes the node's state; a step from elsewhere is its own.</summary>
    private long Stretch(Transition t)
    {
        if (_stretch is null)
        {
            _stretch = new Dictionary<Transition, long>(ReferenceEqualityComparer.Instance);
            var current = new Dictionary<(string, int), long>();
            foreach (var step in population)
            {
                var key = (step.Trace, step.Node);
                var n = current.GetValueOrDefault(key);
                _stretch[step] = n;
                if (Enumerable.Range(0, step.Post.Length).Any(v => !step.Post[v].Equals(step.PreOf(v))))
                {
                    current[key] = n + 1;
                }
            }
        }
        return _stretch.TryGetValue(t, out var stretch) ? stretch : -1 - t.Index;
    }

    /// <summary>Whether a condition reads a node's state (not only the event's arguments and the acting node's name).</summary>
    private static bool ReadsState(Pred pred) => pred switch
    {
        CmpPred c => ReadsState(c.Left) || ReadsState(c.Right),
        NotPred n => ReadsState(n.Inner),
        ImpliesPred i => ReadsState(i.When) || ReadsState(i.Then),
        AndPred a => ReadsState(a.Left) || ReadsState(a.Right),
        _ => true,
    };

    private static bool ReadsState(Term term) => term switch
    {
        ConstTerm or SelfTerm or ArgTerm => false,
        PlusTerm p => ReadsState(p.Inner),
        _ => true,
    };

    /// <summary>The steps under each value of each enumerated argument (a message's type, say).</summary>
    private List<(CmpPred When, List<Transition> Subset)> Splits(IReadOnlyList<FieldFacts> args, IReadOnlyList<Transition> examples) =>
        [.. args.Where(a => a.Kind == SKind.Str && a.Values.Count > 1 && a.Values.Count <= options.MaxConstants)
            .SelectMany(a => a.Values.Select(v => new CmpPred(new ArgTerm(a.Name), Cmp.Eq, new ConstTerm(v))))
            .Select(when => (when, examples.Where(when.Eval).ToList()))
            .Where(s => s.Item2.Count > 0)];

    /// <summary>
    /// How often a condition on arguments holds when the arguments of one step meet the state of another (shifted
    /// pairs): its frequency were the arguments unrelated to the state, the baseline its support is judged by.
    /// </summary>
    private static double ArgFrequency(Pred pred, IReadOnlyList<Transition> examples)
    {
        var n = examples.Count;
        var shifts = Math.Min(8, n - 1);
        if (shifts <= 0)
        {
            return 1;
        }
        var hits = 0;
        for (var k = 1; k <= shifts; k++)
        {
            for (var i = 0; i < n; i++)
            {
                if (pred.Eval(examples[(i + k) % n] with { Args = examples[i].Args }))
                {
                    hits++;
                }
            }
        }
        return (double)hits / (shifts * n);
    }

    /// <summary>
    /// Guard conjuncts that hold whenever an enumerated argument has one value (a message's type, say), or that value
    /// and one value of a boolean argument (a granted vote: <c>type = "MsgVoteResp" /\ reject = FALSE</c>), as
    /// implications: likely invariants of that subset of the steps, as justified as the unconditional ones (a state
    /// condition by its chance, a comparison with an argument by its support).
    /// </summary>
    private IEnumerable<GuardAtom> Conditional(IReadOnlyList<FieldFacts> args, List<Pred> pool, List<(CmpPred When, List<Transition> Subset)> splits,
        List<GuardAtom> unconditional, double threshold)
    {
        var flags = args.Where(a => a.Kind == SKind.Bool && a.Values.Count > 1).ToList();
        var context = unconditional.Where(g => g.Pred.StateOnly).Aggregate(Bits.All(population.Count), (b, g) => b.And(Truth(g.Pred)));
        foreach (var (premise, premiseSubset) in splits)
        {
            var premises = new List<(Pred When, List<Transition> Subset)> { (premise, premiseSubset) };
            premises.AddRange(flags.SelectMany(f => f.Values.Select(b => (Pred)new AndPred(premise, new CmpPred(new ArgTerm(f.Name), Cmp.Eq, new ConstTerm(b)))))
                .Select(when => (when, premiseSubset.Where(when.Eval).ToList())));
            var kept = new List<Pred>();
            var whole = -1;
            foreach (var (when, subset) in premises)
            {
                // A flag that is the same on every step of the kind splits nothing: its premise would only repeat the kind's.
                if (subset.Count < options.MinSupport || subset.Count == whole)
                {
                    continue;
                }
                whole = whole < 0 ? subset.Count : whole;
                var group = new List<GuardAtom>();
                foreach (var pred in pool)
                {
                    if ((!pred.StateOnly && subset.Count < options.ArgAtomSupport) || unconditional.Any(g => g.Pred.Equals(pred)) || kept.Contains(pred)
                        || Mentions(pred, when) || !subset.All(pred.Eval))
                    {
                        continue;
                    }
                    var p = pred.StateOnly ? Frequency(pred) : ArgFrequency(pred, subset);
                    var observations = Observations(pred, subset);
                    var chance = Math.Pow(p, observations);
                    if (p < 1 && chance < threshold)
                    {
                        group.Add(new GuardAtom(pred, subset.Count, chance, observations));
                    }
                }
                foreach (var atom in Explained(Weakest(group).ToList(), context, threshold))
                {
                    kept.Add(atom.Pred);
                    yield return atom with { Pred = new ImpliesPred(when, atom.Pred) };
                }
            }
        }
    }

    /// <summary>Whether a consequent reads an argument its premise fixes (then it says nothing new).</summary>
    private static bool Mentions(Pred pred, Pred premise) => pred.Args.Intersect(premise.Args, StringComparer.Ordinal).Any();

    /// <summary>
    /// Drops, weakest evidence first, each state conjunct the others already account for: its chance recomputed over
    /// the observed steps where the other kept state conjuncts (and <paramref name="context"/>) hold, since conjuncts
    /// that move together (a status and who else shares the view) are not independent evidence.
    /// </summary>
    private List<GuardAtom> Explained(List<GuardAtom> atoms, Bits? context, double threshold)
    {
        var kept = atoms.ToList();
        foreach (var atom in atoms.Where(a => a.Pred.StateOnly).OrderByDescending(a => a.Chance).ThenBy(a => atoms.IndexOf(a)).ToList())
        {
            var others = context ?? Bits.All(population.Count);
            foreach (var other in kept.Where(o => o != atom && o.Pred.StateOnly))
            {
                others = others.And(Truth(other.Pred));
            }
            var total = others.Count();
            if (total == 0)
            {
                continue;
            }
            var p = (double)others.CountAnd(Truth(atom.Pred)) / total;
            if (!(p < 1 && Math.Pow(p, atom.Observations) < threshold))
            {
                kept.Remove(atom);
            }
        }
        return kept;
    }

    /// <summary>Drops conjuncts implied by another kept one (over all observed steps, or by the order's laws for
    /// comparisons with arguments), so the guard says no more than it must.</summary>
    private IEnumerable<GuardAtom> Weakest(List<GuardAtom> atoms)
    {
        static bool Same(CmpPred x, CmpPred y) => (x.Left.Equals(y.Left) && x.Right.Equals(y.Right)) || (x.Left.Equals(y.Right) && x.Right.Equals(y.Left));
        var comparisons = atoms.Select(a => a.Pred).OfType<CmpPred>().ToList();
        atoms = [.. atoms.Where(a => a.Pred is not CmpPred { Op: Cmp.Le or Cmp.Lt } c
            || !comparisons.Any(o => o != c && Same(o, c) && (o.Op == Cmp.Eq || (c.Op == Cmp.Le && o.Op == Cmp.Lt && o.Left.Equals(c.Left)))))];
        var truth = atoms.Select(a => a.Pred.StateOnly ? Truth(a.Pred) : null).ToArray();
        for (var i = 0; i < atoms.Count; i++)
        {
            if (truth[i] is not { } ti)
            {
                yield return atoms[i];
                continue;
            }
            var implied = false;
            for (var j = 0; j < atoms.Count && !implied; j++)
            {
                if (j == i || truth[j] is not { } tj)
                {
                    continue;
                }
                // atom j implies atom i: i is redundant, unless they are equivalent and i comes first.
                var jImpliesI = tj.SubsetOf(ti);
                var iImpliesJ = ti.SubsetOf(tj);
                implied = jImpliesI && (!iImpliesJ || j < i);
            }
            if (!implied)
            {
                yield return atoms[i];
            }
        }
    }
}
