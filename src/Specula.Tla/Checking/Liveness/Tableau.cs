using System.Collections.Immutable;

namespace Specula.Tla.Checking.Liveness;

/// <summary>
/// A step of a <see cref="Tableau"/>: taken on a step of a behaviour that satisfies its literals (state atoms on the
/// step's first state, actions on the step), it leads to <see cref="Target"/>. Bit i of <see cref="Accepting"/> says
/// the step fulfils eventuality i (it is not postponed past this step).
/// </summary>
internal sealed record TableauTransition(ImmutableArray<LtlLiteral> Literals, int Target, ulong Accepting);

/// <summary>
/// The tableau of a temporal formula in negation normal form: a generalized Büchi automaton whose transitions read
/// the steps of a behaviour, accepting exactly the behaviours that satisfy the formula. A state is the set of
/// formulas the rest of the behaviour must satisfy; expanding it (Manna and Pnueli, Gerth et al.) splits
/// disjunctions and <c>&lt;&gt;f</c> (f now, or <c>&lt;&gt;f</c> again later) into alternatives, each a set of
/// literals for the current step and the formulas for the next. A run is accepting when each <c>&lt;&gt;f</c> is
/// fulfilled infinitely often (eventually fulfilled every time it is postponed). Actions are atoms of the step, so
/// unlike TLC's tableau, which takes action formulas only in <c>[]&lt;&gt;A</c> and <c>&lt;&gt;[]A</c> clauses, this
/// one takes them anywhere.
/// </summary>
internal sealed class Tableau
{
    /// <summary>Transitions of each state; state 0 is the initial one.</summary>
    public required IReadOnlyList<IReadOnlyList<TableauTransition>> Transitions { get; init; }

    /// <summary>How many eventualities there are (acceptance bits, at most 64).</summary>
    public required int Eventualities { get; init; }

    /// <summary>All acceptance bits.</summary>
    public ulong AllAccepting => Eventualities == 64 ? ulong.MaxValue : (1UL << Eventualities) - 1;

    /// <summary>The tableau of <paramref name="formula"/>; null when it has more than 64 eventualities or
    /// <paramref name="maxStates"/> states.</summary>
    public static Tableau? Build(Ltl formula, int maxStates = 4096)
    {
        var eventualities = new Dictionary<Ltl, int>();
        CollectEventualities(formula, eventualities);
        if (eventualities.Count > 64)
        {
            return null;
        }
        var states = new Dictionary<FormulaSet, int>();
        var pending = new List<FormulaSet>();
        var initial = new FormulaSet([formula]);
        states[initial] = 0;
        pending.Add(initial);
        var transitions = new List<IReadOnlyList<TableauTransition>>();
        for (var i = 0; i < pending.Count; i++)
        {
            var outgoing = new List<TableauTransition>();
            foreach (var (literals, next) in Expand(pending[i].Items))
            {
                var target = new FormulaSet(next);
                if (!states.TryGetValue(target, out var id))
                {
                    if (states.Count >= maxStates)
                    {
                        return null;
                    }
                    id = states.Count;
                    states[target] = id;
                    pending.Add(target);
                }
                ulong accepting = 0;
                foreach (var (eventuality, bit) in eventualities)
                {
                    if (!next.Contains(eventuality))
                    {
                        accepting |= 1UL << bit;
                    }
                }
                var transition = new TableauTransition([.. literals], id, accepting);
                if (!outgoing.Any(t => t.Target == id && t.Accepting == accepting && t.Literals.SequenceEqual(transition.Literals)))
                {
                    outgoing.Add(transition);
                }
            }
            transitions.Add(outgoing);
        }
        return new Tableau { Transitions = transitions, Eventualities = eventualities.Count };
    }

    private static void CollectEventualities(Ltl f, Dictionary<Ltl, int> into)
    {
        switch (f)
        {
            case LtlEventually e:
                into.TryAdd(e, into.Count);
                CollectEventualities(e.Operand, into);
                break;
            case LtlAlways a:
                CollectEventualities(a.Operand, into);
                break;
            case LtlAnd conj:
                foreach (var o in conj.Operands)
                {
                    CollectEventualities(o, into);
                }
                break;
            case LtlOr disj:
                foreach (var o in disj.Operands)
                {
                    CollectEventualities(o, into);
                }
                break;
        }
    }

    /// <summary>The alternatives of a set of obligations: consistent literals now and the obligations of the next step.</summary>
    private static List<(List<LtlLiteral> Literals, HashSet<Ltl> Next)> Expand(IReadOnlyList<Ltl> obligations)
    {
        var results = new List<(List<LtlLiteral>, HashSet<Ltl>)>();
        Expand(ImmutableStack.CreateRange(obligations), [], [], [], results);
        return results;
    }

    private static void Expand(ImmutableStack<Ltl> todo, HashSet<Ltl> done, List<LtlLiteral> literals, HashSet<Ltl> next,
        List<(List<LtlLiteral>, HashSet<Ltl>)> results)
    {
        while (!todo.IsEmpty)
        {
            todo = todo.Pop(out var f);
            if (!done.Add(f))
            {
                continue;
            }
            switch (f)
            {
                case LtlConstant { Value: true }:
                    continue;
                case LtlConstant:
                    return;
                case LtlLiteral literal:
                    if (literals.Any(l => ReferenceEquals(l.Atom, literal.Atom) && l.Positive != literal.Positive))
                    {
                        return;
                    }
                    if (!literals.Contains(literal))
                    {
                        literals.Add(literal);
                    }
                    continue;
                case LtlAnd conj:
                    foreach (var o in conj.Operands)
                    {
                        todo = todo.Push(o);
                    }
                    continue;
                case LtlAlways always:
                    todo = todo.Push(always.Operand);
                    next.Add(always);
                    continue;
                case LtlOr disj:
                    foreach (var o in disj.Operands)
                    {
                        Expand(todo.Push(o), [.. done], [.. literals], [.. next], results);
                    }
                    return;
                case LtlEventually eventually:
                    // Fulfilled now, or postponed to the next step.
                    Expand(todo.Push(eventually.Operand), [.. done], [.. literals], [.. next], results);
                    next.Add(eventually);
                    continue;
            }
        }
        literals.Sort((a, b) => a.Atom.Id != b.Atom.Id ? a.Atom.Id.CompareTo(b.Atom.Id) : a.Positive.CompareTo(b.Positive));
        results.Add((literals, next));
    }

    /// <summary>A set of formulas, equal to another with the same members.</summary>
    private sealed class FormulaSet : IEquatable<FormulaSet>
    {
        private readonly HashSet<Ltl> _set;
        private readonly int _hash;

        public FormulaSet(IEnumerable<Ltl> formulas)
        {
            _set = [.. formulas];
            Items = [.. _set];
            _hash = _set.Aggregate(0, (h, f) => h ^ f.GetHashCode());
        }

        public IReadOnlyList<Ltl> Items { get; }

        public bool Equals(FormulaSet? other) => other is not null && _hash == other._hash && _set.SetEquals(other._set);

        public override bool Equals(object? obj) => Equals(obj as FormulaSet);

        public override int GetHashCode() => _hash;
    }
}
