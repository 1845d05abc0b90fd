------------------------------- MODULE MCRaft -------------------------------
(***************************************************************************)
(* Model-checking harness for Raft: bounds on terms, log length and the   *)
(* network, plus symmetry over server identities.                         *)
(***************************************************************************)
EXTENDS Raft

CONSTANTS MaxTerm, MaxLogLength, MaxInFlight

ServerSymmetry == Permutations(Server)

Bounds ==
    /\ \A i \in Server : term[i] <= MaxTerm
    /\ \A i \in Server : Len(log[i]) <= MaxLogLength
    /\ BagCardinality(network) <= MaxInFlight
    /\ \A m \in Pending : CopiesIn(m, network) <= 1

\* Expected to be violated: shows that a command can get committed.
\* (Add it to INVARIANTS to obtain an example trace.)
NeverCommits == \A i \in Server : commitIndex[i] = 0

\* Expected to be violated: shows that a leader can be elected.
NoLeader == \A i \in Server : role[i] # Leader
=============================================================================
