using System.Collections.Concurrent;
using System.Collections.Immutable;
using Specula.Tla.Checking;

namespace Specula.Synthesis;

/// <summary>
/// A state space that checks the spec's own invariants (TypeOK) as the model checker does, and screens every mined
/// invariant on the side: one that a reachable state violates is recorded with that state and no longer checked. One
/// exploration then judges every candidate, instead of one run per dropped invariant.
/// </summary>
/// <remarks>
/// Only states the search stores count. With several workers the checker expands states ahead of its merge, and a
/// bounded search (<c>--max-states</c>) stops at a point of the merge while workers may already have generated, and
/// checked, successors it never stores: how far they got depends on timing. A candidate dropped for such a state would
/// make the kept invariants, and so the spec's bytes, differ from run to run on the same traces. So a violation found
/// while a successor is generated waits until the merge accepts that state (the checker asks the action constraints
/// of exactly the new states it is about to store, in its deterministic merge order); initial states count at once.
/// </remarks>
/// <param name="inner">The spec's state space with the invariants the checker stops on.</param>
/// <param name="candidates">One state space per mined invariant, holding that invariant only.</param>
internal sealed class ScreeningStateSpace(IStateSpace inner, IReadOnlyList<IStateSpace> candidates) : IStateSpace
{
    private readonly object _gate = new();
    private readonly (State State, ulong Fingerprint)?[] _violations = new (State, ulong)?[candidates.Count];

    /// <summary>Generated states that violate some candidate, by fingerprint, until the merge stores them.</summary>
    private readonly ConcurrentDictionary<ulong, (State State, int[] Violated)> _pending = new();

    public ImmutableArray<string> Variables => inner.Variables;

    public ImmutableArray<ActionInfo> Actions => inner.Actions;

    public ImmutableArray<string> Invariants => inner.Invariants;

    /// <summary>Per candidate, the stored violating state with the smallest fingerprint (so the report does not depend
    /// on which worker got there first); null when no stored state violates it.</summary>
    public IReadOnlyList<State?> Violations
    {
        get
        {
            lock (_gate)
            {
                return [.. _violations.Select(v => v?.State)];
            }
        }
    }

    public void InitialStates(IStateSink sink) => inner.InitialStates(new InitialScreen(this, sink));

    public void Successors(State state, IStateSink sink) => inner.Successors(state, sink);

    public ulong Fingerprint(State state) => inner.Fingerprint(state);

    public bool SatisfiesConstraints(State state) => inner.SatisfiesConstraints(state);

    public bool SatisfiesActionConstraints(State from, State to)
    {
        if (!inner.SatisfiesActionConstraints(from, to))
        {
            return false;
        }
        // The merge stores this state: what its generation found violated now counts.
        var fingerprint = inner.Fingerprint(to);
        if (_pending.TryGetValue(fingerprint, out var found))
        {
            Record(found.State, fingerprint, found.Violated);
        }
        return true;
    }

    public int ViolatedInvariant(State state)
    {
        // Violated candidates are still screened: the smallest violating fingerprint must not depend on timing.
        var violated = Screen(state);
        if (violated.Length > 0)
        {
            _pending.TryAdd(inner.Fingerprint(state), (state, violated));
        }
        return inner.ViolatedInvariant(state);
    }

    private int[] Screen(State state) => [.. Enumerable.Range(0, candidates.Count).Where(i => candidates[i].ViolatedInvariant(state) >= 0)];

    private void Record(State state, ulong fingerprint, int[] violated)
    {
        lock (_gate)
        {
            foreach (var i in violated)
            {
                if (_violations[i] is not { } seen || fingerprint < seen.Fingerprint)
                {
                    _violations[i] = (state, fingerprint);
                }
            }
        }
    }

    /// <summary>Initial states are stored before any merge, so their violations count when they are generated.</summary>
    private sealed class InitialScreen(ScreeningStateSpace owner, IStateSink sink) : IStateSink
    {
        public void Add(State state, int action)
        {
            if (owner.Screen(state) is { Length: > 0 } violated)
            {
                owner.Record(state, owner.Fingerprint(state), violated);
            }
            sink.Add(state, action);
        }

        public void AddIntermediate(int count) => sink.AddIntermediate(count);
    }
}
