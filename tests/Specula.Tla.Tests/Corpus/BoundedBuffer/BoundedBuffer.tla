--------------------------- MODULE BoundedBuffer ---------------------------
(***************************************************************************)
(* A bounded buffer shared by a set of producers and a set of consumers.  *)
(* Producers block when the buffer is full; consumers block when it is     *)
(* empty.  Items are tagged with their producer so that per-producer FIFO  *)
(* order can be checked with SelectSeq.                                    *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets

CONSTANTS Producers,  \* set of producer ids
          Consumers,  \* set of consumer ids
          BufCapacity,\* maximum number of items in the buffer
          MaxItems    \* each producer produces items 1..MaxItems

ASSUME Assumptions ==
    /\ Producers # {} /\ Consumers # {}
    /\ Producers \cap Consumers = {}
    /\ BufCapacity \in Nat \ {0}
    /\ MaxItems \in Nat

Item == [from : Producers, seq : 1..MaxItems]

VARIABLES buffer,    \* the queue, a sequence of items
          produced,  \* produced[p]: number of items produced by p
          consumed   \* consumed[c]: sequence of items consumed by c

vars == <<buffer, produced, consumed>>

TypeOK ==
    /\ buffer \in Seq(Item)
    /\ Len(buffer) <= BufCapacity
    /\ produced \in [Producers -> 0..MaxItems]
    /\ consumed \in [Consumers -> Seq(Item)]

Init ==
    /\ buffer = << >>
    /\ produced = [p \in Producers |-> 0]
    /\ consumed = [c \in Consumers |-> << >>]

Put(p) ==
    /\ Len(buffer) < BufCapacity
    /\ produced[p] < MaxItems
    /\ buffer' = Append(buffer, [from |-> p, seq |-> produced[p] + 1])
    /\ produced' = [produced EXCEPT ![p] = @ + 1]
    /\ UNCHANGED consumed

Get(c) ==
    /\ buffer # << >>
    /\ buffer' = Tail(buffer)
    /\ consumed' = [consumed EXCEPT ![c] = Append(@, Head(buffer))]
    /\ UNCHANGED produced

\* A consumer may also grab a whole prefix of the buffer at once.
GetBatch(c, k) ==
    /\ 1 <= k /\ k <= Len(buffer)
    /\ buffer' = SubSeq(buffer, k + 1, Len(buffer))
    /\ consumed' = [consumed EXCEPT ![c] = @ \o SubSeq(buffer, 1, k)]
    /\ UNCHANGED produced

Done == /\ \A p \in Producers : produced[p] = MaxItems
        /\ buffer = << >>
        /\ UNCHANGED vars

Next == \/ \E p \in Producers : Put(p)
        \/ \E c \in Consumers : Get(c) \/ \E k \in 1..BufCapacity : GetBatch(c, k)
        \/ Done

Spec == /\ Init /\ [][Next]_vars
        /\ \A c \in Consumers : WF_vars(Get(c))
        /\ \A p \in Producers : WF_vars(Put(p))
-----------------------------------------------------------------------------
\* The items of producer p, in the order they appear in sequence s.
FromP(s, p) == SelectSeq(s, LAMBDA it : it.from = p)

\* All items ever consumed, across consumers (as a set).
AllConsumed == UNION {{consumed[c][i] : i \in 1..Len(consumed[c])} : c \in Consumers}

InBuffer == {buffer[i] : i \in 1..Len(buffer)}

\* Nothing is lost or invented: every produced item is in the buffer or
\* has been consumed, exactly once.
Conservation ==
    /\ \A p \in Producers :
          produced[p] = Len(FromP(buffer, p))
                        + Cardinality({it \in AllConsumed : it.from = p})
    /\ InBuffer \cap AllConsumed = {}

\* Per-producer FIFO: each consumer sees each producer's items in order.
PerProducerFIFO ==
    \A c \in Consumers, p \in Producers :
        LET s == FromP(consumed[c], p)
        IN \A i \in 1..(Len(s) - 1) : s[i].seq < s[i + 1].seq

\* The buffer itself is FIFO per producer.
BufferOrdered ==
    \A p \in Producers :
        LET s == FromP(buffer, p)
        IN \A i, j \in 1..Len(s) : i < j => s[i].seq < s[j].seq

\* Every item is eventually consumed.
EventuallyAllConsumed ==
    <>[](\A p \in Producers :
            Cardinality({it \in AllConsumed : it.from = p}) = MaxItems)
=============================================================================
