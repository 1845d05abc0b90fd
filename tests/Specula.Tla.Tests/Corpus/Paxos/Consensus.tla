----------------------------- MODULE Consensus -----------------------------
(***************************************************************************)
(* The abstract consensus problem: a set of values is proposed and at most *)
(* one of them is ever chosen.  This is the specification that Voting and  *)
(* Paxos refine.                                                           *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANT Value

VARIABLE chosen

TypeOK == /\ chosen \subseteq Value
          /\ IsFiniteSet(chosen)

Init == chosen = {}

\* Choose some value, provided nothing has been chosen yet.
Choose == /\ chosen = {}
          /\ \E v \in Value : chosen' = {v}

Next == Choose

Spec == Init /\ [][Next]_chosen

\* The safety requirement.
Inv == /\ TypeOK
       /\ Cardinality(chosen) \leq 1

\* Liveness: some value is eventually chosen (only under fairness).
Success == <>(chosen # {})
LiveSpec == Spec /\ WF_chosen(Next)

THEOREM InvariantHolds == Spec => []Inv
THEOREM Liveness == LiveSpec => Success
=============================================================================
