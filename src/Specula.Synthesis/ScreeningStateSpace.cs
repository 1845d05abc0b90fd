using System.Collections.Immutable;
using Specula.Tla.Checking;

namespace Specula.Synthesis;

/// <summary>
/// A state space that checks the spec's own invariants (TypeOK) as the model checker does, and screens every mined
/// invariant on the side: one that a reachable state violates is recorded with that state and no longer checked. One
/// exploration then judges every candidate, instead of one run per dropped invariant.
/// </summary>
/// <param name="inner">The spec's state space with the invariants the checker stops on.</param>
/// <param name="candidates">One state space per mined invariant, holding that invariant only.</param>
internal sealed class ScreeningStateSpace(IStateSpace inner, IReadOnlyList<IStateSpace> candidates) : IStateSpace
{
    private readonly object _gate = new();
    private readonly (State State, ulong Fingerprint)?[] _violations = new (State, ulong)?[candidates.Count];

    public ImmutableArray<string> Variables => inner.Variables;

    public ImmutableArray<ActionInfo> Actions => inner.Actions;

    public ImmutableArray<string> Invariants => inner.Invariants;

    /// <summary>Per candidate, the violating state with the smallest fingerprint seen (so the report does not depend on
    /// which worker got there first); null when none was.</summary>
    public IReadOnlyList<State?> Violations => [.. _violations.Select(v => v?.State)];

    public void InitialStates(IStateSink sink) => inner.InitialStates(sink);

    public void Successors(State state, IStateSink sink) => inner.Successors(state, sink);

    public ulong Fingerprint(State state) => inner.Fingerprint(state);

    public bool SatisfiesConstraints(State state) => inner.SatisfiesConstraints(state);

    public bool SatisfiesActionConstraints(State from, State to) => inner.SatisfiesActionConstraints(from, to);

    public int ViolatedInvariant(State state)
    {
        for (var i = 0; i < candidates.Count; i++)
        {
            // Violated candidates are still screened: the smallest violating fingerprint must not depend on timing.
            if (candidates[i].ViolatedInvariant(state) < 0)
            {
                continue;
            }
            var fingerprint = inner.Fingerprint(state);
            lock (_gate)
            {
                if (_violations[i] is not { } seen || fingerprint < seen.Fingerprint)
                {
                    _violations[i] = (state, fingerprint);
                }
            }
        }
        return inner.ViolatedInvariant(state);
    }
}
