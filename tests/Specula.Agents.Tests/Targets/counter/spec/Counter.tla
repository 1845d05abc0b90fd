---- MODULE Counter ----
(* Per-node counters, drafted from a textbook reading: Inc forgets the code's bound. *)
EXTENDS Naturals

CONSTANTS Node, Max

VARIABLES count

Init == count = [n \in Node |-> 0]

\* counter.go:7
Inc(n) ==
    /\ count' = [count EXCEPT ![n] = @ + 1]

\* counter.go:15-17
Reset(n) ==
    /\ count[n] = Max
    /\ count' = [count EXCEPT ![n] = 0]

Next == \E n \in Node : Inc(n) \/ Reset(n)

TypeOK == \A n \in Node : count[n] \in Nat

Bounded == \A n \in Node : count[n] <= Max
====
