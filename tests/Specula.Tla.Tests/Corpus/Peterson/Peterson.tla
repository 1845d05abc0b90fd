------------------------------ MODULE Peterson ------------------------------
(***************************************************************************)
(* Peterson's mutual exclusion algorithm for two processes, written in    *)
(* PlusCal (C-syntax).  Processes are numbered 0 and 1; Other(p) is the    *)
(* other one.  The algorithm is checked for mutual exclusion and           *)
(* starvation freedom under weak fairness.                                 *)
(***************************************************************************)
EXTENDS Naturals, TLC

Other(p) == 1 - p

(* --algorithm Peterson {
     variables interested = [i \in {0, 1} |-> FALSE],  \* i wants to enter
               turn = 0;                               \* who defers

     fair process (proc \in {0, 1}) {
       ncs:       while (TRUE) {
                    skip;  \* the noncritical section
       want:        interested[self] := TRUE;
       yield:       turn := Other(self);
       checkFlag:   if (interested[Other(self)]) {
                      goto checkTurn
                    } else {
                      goto cs
                    };
       checkTurn:   if (turn = Other(self)) {
                      goto checkFlag
                    } else {
                      goto cs
                    };
       cs:          skip;  \* the critical section
       leave:       interested[self] := FALSE;
                  } \* end while
     } \* end process
   } *)
\* BEGIN TRANSLATION
VARIABLES pc, interested, turn

vars == << pc, interested, turn >>

ProcSet == ({0, 1})

Init == (* Global variables *)
        /\ interested = [i \in {0, 1} |-> FALSE]
        /\ turn = 0
        /\ pc = [self \in ProcSet |-> "ncs"]

ncs(self) == /\ pc[self] = "ncs"
             /\ TRUE
             /\ pc' = [pc EXCEPT ![self] = "want"]
             /\ UNCHANGED << interested, turn >>

want(self) == /\ pc[self] = "want"
              /\ interested' = [interested EXCEPT ![self] = TRUE]
              /\ pc' = [pc EXCEPT ![self] = "yield"]
              /\ turn' = turn

yield(self) == /\ pc[self] = "yield"
               /\ turn' = Other(self)
               /\ pc' = [pc EXCEPT ![self] = "checkFlag"]
               /\ UNCHANGED interested

checkFlag(self) == /\ pc[self] = "checkFlag"
                   /\ IF interested[Other(self)]
                         THEN /\ pc' = [pc EXCEPT ![self] = "checkTurn"]
                         ELSE /\ pc' = [pc EXCEPT ![self] = "cs"]
                   /\ UNCHANGED << interested, turn >>

checkTurn(self) == /\ pc[self] = "checkTurn"
                   /\ IF turn = Other(self)
                         THEN /\ pc' = [pc EXCEPT ![self] = "checkFlag"]
                         ELSE /\ pc' = [pc EXCEPT ![self] = "cs"]
                   /\ UNCHANGED << interested, turn >>

cs(self) == /\ pc[self] = "cs"
            /\ TRUE
            /\ pc' = [pc EXCEPT ![self] = "leave"]
            /\ UNCHANGED << interested, turn >>

leave(self) == /\ pc[self] = "leave"
               /\ interested' = [interested EXCEPT ![self] = FALSE]
               /\ pc' = [pc EXCEPT ![self] = "ncs"]
               /\ turn' = turn

proc(self) == ncs(self) \/ want(self) \/ yield(self) \/ checkFlag(self)
                 \/ checkTurn(self) \/ cs(self) \/ leave(self)

Next == (\E self \in {0, 1}: proc(self))

Spec == /\ Init /\ [][Next]_vars
        /\ \A self \in {0, 1} : WF_vars(proc(self))

\* END TRANSLATION

\* Both processes are never in their critical sections at the same time.
MutualExclusion == ~ (pc[0] = "cs" /\ pc[1] = "cs")

\* Every process that wants to enter eventually does.
StarvationFree == \A p \in {0, 1} : (pc[p] = "want") ~> (pc[p] = "cs")

\* A simple inductive invariant that implies mutual exclusion.
Inv == /\ \A i \in {0, 1} :
            pc[i] \in {"yield", "checkFlag", "checkTurn", "cs", "leave"} => interested[i]
       /\ \A i \in {0, 1} :
            pc[i] \in {"cs", "leave"} =>
               /\ pc[Other(i)] \notin {"cs", "leave"}
               /\ pc[Other(i)] \in {"checkFlag", "checkTurn"} => turn = i
=============================================================================
