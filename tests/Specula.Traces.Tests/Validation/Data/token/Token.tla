---- MODULE Token ----
(* A token passed between nodes; only the holder counts. Messages can be lost. *)
EXTENDS Naturals, FiniteSets

CONSTANTS Node, Max

VARIABLES counter, holder, msgs

vars == <<counter, holder, msgs>>

NoHolder == "none"

Init ==
    /\ counter = [n \in Node |-> 0]
    /\ holder \in Node
    /\ msgs = {}

\* Inc: the holder counts up to Max.
Inc(n) ==
    /\ holder = n
    /\ counter[n] < Max
    /\ counter' = [counter EXCEPT ![n] = @ + 1]
    /\ UNCHANGED <<holder, msgs>>

\* Send: the holder gives the token away.
Send(n, m) ==
    /\ holder = n
    /\ m # n
    /\ holder' = NoHolder
    /\ msgs' = msgs \cup {m}
    /\ UNCHANGED counter

\* Receive: a node takes a token sent to it.
Receive(m) ==
    /\ m \in msgs
    /\ holder' = m
    /\ msgs' = msgs \ {m}
    /\ UNCHANGED counter

\* Regenerate: with no holder and nothing in flight, a node makes a new token.
Regenerate(n) ==
    /\ holder = NoHolder
    /\ msgs = {}
    /\ holder' = n
    /\ UNCHANGED <<counter, msgs>>

\* Lose: the network drops a token in flight (never logged).
Lose ==
    /\ \E m \in msgs : msgs' = msgs \ {m}
    /\ UNCHANGED <<counter, holder>>

Next ==
    \/ \E n \in Node : Inc(n)
    \/ \E n, m \in Node : Send(n, m)
    \/ \E m \in Node : Receive(m)
    \/ \E n \in Node : Regenerate(n)
    \/ Lose

Spec == Init /\ [][Next]_vars

AtMostOneHolder == holder \in Node \cup {NoHolder}
====
