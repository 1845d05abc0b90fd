-------------------------- MODULE RingTermination --------------------------
(***************************************************************************)
(* Termination detection on a ring of N nodes with a circulating token    *)
(* that sums per-node message counters (in the spirit of Safra's          *)
(* algorithm).  Node 0 is the initiator; the token travels from node N-1  *)
(* down to node 0.  A node that receives a message turns black, and a    *)
(* black node taints the token when passing it on.                        *)
(***************************************************************************)
EXTENDS Integers, FiniteSets

CONSTANT N
ASSUME NAssumption == N \in Nat \ {0}

Node == 0..(N - 1)
Initiator == 0
Color == {"white", "black"}

VARIABLES active,   \* active[i]: node i is doing work
          color,    \* color[i]
          counter,  \* counter[i]: messages sent minus messages received by i
          pending,  \* pending[i]: messages in flight to i
          token     \* [pos, q, color]

vars == <<active, color, counter, pending, token>>

TypeOK == /\ active \in [Node -> BOOLEAN]
          /\ color \in [Node -> Color]
          /\ counter \in [Node -> Int]
          /\ pending \in [Node -> Nat]
          /\ token \in [pos : Node, q : Int, color : Color]

Init == /\ active \in [Node -> BOOLEAN]
        /\ color = [i \in Node |-> "white"]
        /\ counter = [i \in Node |-> 0]
        /\ pending = [i \in Node |-> 0]
        /\ token = [pos |-> Initiator, q |-> 0, color |-> "black"]

terminationDetected ==
    /\ token.pos = Initiator
    /\ token.color = "white"
    /\ color[Initiator] = "white"
    /\ ~ active[Initiator]
    /\ token.q + counter[Initiator] = 0

\* The initiator starts a new probe when the previous one failed.
InitiateProbe ==
    /\ token.pos = Initiator
    /\ ~ terminationDetected
    /\ token' = [pos |-> N - 1, q |-> 0, color |-> "white"]
    /\ color' = [color EXCEPT ![Initiator] = "white"]
    /\ UNCHANGED <<active, counter, pending>>

\* An inactive node passes the token on, adding its counter.
PassToken(i) ==
    /\ i # Initiator
    /\ token.pos = i
    /\ ~ active[i]
    /\ token' = [token EXCEPT !.pos = @ - 1,
                              !.q = @ + counter[i],
                              !.color = IF color[i] = "black" THEN "black" ELSE @]
    /\ color' = [color EXCEPT ![i] = "white"]
    /\ UNCHANGED <<active, counter, pending>>

\* Active node i sends a message to node j.
SendMsgTo(i, j) ==
    /\ active[i]
    /\ j # i
    /\ counter' = [counter EXCEPT ![i] = @ + 1]
    /\ pending' = [pending EXCEPT ![j] = @ + 1]
    /\ UNCHANGED <<active, color, token>>

SendMsg(i) == \E j \in Node : SendMsgTo(i, j)

\* Node i receives a message, becomes active and turns black.
RecvMsg(i) ==
    /\ pending[i] > 0
    /\ pending' = [pending EXCEPT ![i] = @ - 1]
    /\ counter' = [counter EXCEPT ![i] = @ - 1]
    /\ active' = [active EXCEPT ![i] = TRUE]
    /\ color' = [color EXCEPT ![i] = "black"]
    /\ UNCHANGED token

Deactivate(i) ==
    /\ active[i]
    /\ active' = [active EXCEPT ![i] = FALSE]
    /\ UNCHANGED <<color, counter, pending, token>>

System == \/ InitiateProbe
          \/ \E i \in Node : PassToken(i)

Environment == \E i \in Node : SendMsg(i) \/ RecvMsg(i) \/ Deactivate(i)

Next == System \/ Environment

Spec == Init /\ [][Next]_vars /\ WF_vars(System)

-----------------------------------------------------------------------------
Sum(f) == LET S[D \in SUBSET Node] ==
                IF D = {} THEN 0
                ELSE LET d == CHOOSE x \in D : TRUE IN f[d] + S[D \ {d}]
          IN  S[Node]

Terminated == /\ \A i \in Node : ~ active[i]
              /\ \A i \in Node : pending[i] = 0

\* The counters account for all in-flight messages.
CounterInv == Sum(counter) = Sum(pending)

\* Termination is only ever detected correctly.
Safety == terminationDetected => Terminated

\* Once terminated, termination is eventually detected.
Liveness == Terminated ~> terminationDetected

\* Keep model checking finite.
CONSTANT MaxPending
StateConstraint == /\ \A i \in Node : pending[i] <= MaxPending
                   /\ \A i \in Node : counter[i] \in -MaxPending..MaxPending
=============================================================================
