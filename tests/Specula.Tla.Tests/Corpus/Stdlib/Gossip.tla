------------------------------- MODULE Gossip -------------------------------
(***************************************************************************)
(* Push gossip (rumour spreading) among a set of nodes.  In each round an *)
(* informed node pushes the rumour to a random set of peers.  The spec is *)
(* meant for random simulation (tlc -simulate) and uses Randomization    *)
(* (RandomSubset, RandomSetOfSubsets, RandomSubsetSet) and TLCExt        *)
(* (AssertEq, TLCModelValue, TLCGetOrDefault, TLCNoOp, Trace).            *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets, Sequences, Randomization, TLC, TLCExt

CONSTANTS Node, Fanout, MaxRounds

ASSUME /\ Fanout \in 1..Cardinality(Node)
       /\ MaxRounds \in Nat

\* A distinguished model value created by TLCExt, used as "no sender".
Nobody == TLCModelValue("Nobody")

ASSUME AssertEq(Cardinality(RandomSubset(2, {1, 2, 3})), 2)
ASSUME \A S \in RandomSetOfSubsets(3, 2, {1, 2, 3, 4}) : S \subseteq {1, 2, 3, 4}
ASSUME TLCNoOp(TRUE)

VARIABLES informed,  \* the set of nodes that know the rumour
          from,      \* from[n]: who told n, or Nobody
          round

vars == <<informed, from, round>>

TypeOK == /\ informed \subseteq Node
          /\ from \in [Node -> Node \cup {Nobody}]
          /\ round \in 0..MaxRounds

\* The rumour starts at one arbitrary node.
Init == /\ \E n \in Node :
             /\ informed = {n}
             /\ from = [m \in Node |-> Nobody]
        /\ round = 0

\* Every informed node pushes to Fanout random peers; in model checking
\* mode all subsets of the right size are explored instead.
Push(n) == \E peers \in {P \in SUBSET (Node \ {n}) : Cardinality(P) <= Fanout} :
             /\ informed' = informed \cup peers
             /\ from' = [m \in Node |-> IF m \in peers \ informed THEN n ELSE from[m]]

\* The randomized variant, for simulation.  The random choice is bound
\* once by \E, since each evaluation of RandomSubset may differ.
RandomPush(n) == \E peers \in {RandomSubset(Fanout, Node \ {n})} :
                     /\ informed' = informed \cup peers
                     /\ from' = [m \in Node |-> IF m \in peers \ informed THEN n ELSE from[m]]

Round == /\ round < MaxRounds
         /\ round' = round + 1
         /\ \E n \in informed : Push(n)

RandomRound == /\ round < MaxRounds
               /\ round' = round + 1
               /\ \E n \in informed : RandomPush(n)

Next == Round \/ (round = MaxRounds /\ UNCHANGED vars)
SimNext == RandomRound \/ (round = MaxRounds /\ UNCHANGED vars)

Spec == Init /\ [][Next]_vars
SimSpec == Init /\ [][SimNext]_vars

\* Every informed node other than the origin was told by an informed node.
Provenance == \A m \in informed :
                 from[m] = Nobody \/ (from[m] \in informed /\ from[m] # m)

\* Exactly one origin.
OneOrigin == Cardinality({m \in informed : from[m] = Nobody}) = 1

\* The length of the current trace never exceeds the rounds performed + 1.
TraceBound == Len(Trace) <= round + 1

\* A statistic kept across behaviours in TLC's registers.
MaxInformed == TLCGetOrDefault(2, 0) <= Cardinality(Node) /\ informed # {}
=============================================================================
