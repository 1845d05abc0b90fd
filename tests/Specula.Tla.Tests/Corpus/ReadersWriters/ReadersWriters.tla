--------------------------- MODULE ReadersWriters ---------------------------
(***************************************************************************)
(* A readers-writers lock with a FIFO wait queue: many readers or one    *)
(* writer may hold the lock; waiting requests are granted in arrival     *)
(* order, so writers cannot starve.                                       *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets

CONSTANTS Actor

VARIABLES readers,   \* the set of actors reading
          writers,   \* the set of actors writing (at most one)
          waiting    \* FIFO queue of <<kind, actor>> requests

vars == <<readers, writers, waiting>>

Kind == {"read", "write"}

TypeOK == /\ readers \subseteq Actor
          /\ writers \subseteq Actor
          /\ waiting \in Seq(Kind \X Actor)

Init == readers = {} /\ writers = {} /\ waiting = << >>

WaitingActors == {waiting[i][2] : i \in 1..Len(waiting)}
Busy == readers \cup writers \cup WaitingActors

ToSet(s) == {s[i] : i \in 1..Len(s)}

TryRead(a) == /\ a \notin Busy
              /\ waiting' = Append(waiting, <<"read", a>>)
              /\ UNCHANGED <<readers, writers>>

TryWrite(a) == /\ a \notin Busy
               /\ waiting' = Append(waiting, <<"write", a>>)
               /\ UNCHANGED <<readers, writers>>

\* Grant the head of the queue if compatible with current holders.
Grant == /\ waiting # << >>
         /\ LET r == Head(waiting)
            IN  CASE r[1] = "read" ->
                       /\ writers = {}
                       /\ readers' = readers \cup {r[2]}
                       /\ UNCHANGED writers
                  [] r[1] = "write" ->
                       /\ readers = {} /\ writers = {}
                       /\ writers' = {r[2]}
                       /\ UNCHANGED readers
         /\ waiting' = Tail(waiting)

StopRead(a) == /\ a \in readers
               /\ readers' = readers \ {a}
               /\ UNCHANGED <<writers, waiting>>

StopWrite(a) == /\ a \in writers
                /\ writers' = writers \ {a}
                /\ UNCHANGED <<readers, waiting>>

Next == \/ \E a \in Actor : TryRead(a) \/ TryWrite(a) \/ StopRead(a) \/ StopWrite(a)
        \/ Grant

Fairness == /\ WF_vars(Grant)
            /\ \A a \in Actor : WF_vars(StopRead(a)) /\ WF_vars(StopWrite(a))

Spec == Init /\ [][Next]_vars /\ Fairness

-----------------------------------------------------------------------------
Safety == /\ writers = {} \/ readers = {}
          /\ Cardinality(writers) <= 1

NoDoubleQueue == Len(waiting) = Cardinality(WaitingActors)

\* Every request is eventually granted.
Liveness == \A a \in Actor :
              /\ (<<"write", a>> \in ToSet(waiting)) ~> (a \in writers)
              /\ (<<"read", a>> \in ToSet(waiting)) ~> (a \in readers)
=============================================================================
