---- MODULE GeneratedCountLet ----
\* Generated-state count differs (distinct agrees): TLC walks into the body of a LET definition used in an action
\* (Q below), so each witness of its \E yields a successor; Specula evaluates Q as one guard (TLC 7 generated, Specula 4)
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x < 3 /\ (LET Q == \E j \in 1..2 : j >= 1 IN Q) /\ x' = x + 1
====
