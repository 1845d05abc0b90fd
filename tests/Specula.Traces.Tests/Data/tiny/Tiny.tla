---------------------------- MODULE Tiny ----------------------------
\* A small spec for trace tests: nodes count steps, switch between Idle and Busy, and give each other counts.
EXTENDS Naturals

CONSTANTS Node, Idle, Busy

VARIABLES count, mode, total

vars == <<count, mode, total>>

Init ==
    /\ count = [n \in Node |-> 0]
    /\ mode = [n \in Node |-> Idle]
    /\ total = 0

Start(i) ==
    /\ mode[i] = Idle
    /\ mode' = [mode EXCEPT ![i] = Busy]
    /\ UNCHANGED <<count, total>>

Stop(i) ==
    /\ mode[i] = Busy
    /\ mode' = [mode EXCEPT ![i] = Idle]
    /\ UNCHANGED <<count, total>>

Inc(i) ==
    /\ count' = [count EXCEPT ![i] = @ + 1]
    /\ total' = total + 1
    /\ UNCHANGED mode

Give(i, j) ==
    /\ i /= j
    /\ count' = [count EXCEPT ![j] = @ + 1]
    /\ total' = total + 1
    /\ UNCHANGED mode

\* Work the trace never shows: the total grows without any node's count.
Leak ==
    /\ total' = total + 1
    /\ UNCHANGED <<count, mode>>

Next == Leak \/ \E i \in Node : Start(i) \/ Stop(i) \/ Inc(i) \/ \E j \in Node : Give(i, j)

Spec == Init /\ [][Next]_vars
=============================================================================
