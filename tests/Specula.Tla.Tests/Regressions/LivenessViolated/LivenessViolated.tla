---- MODULE LivenessViolated ----
\* []<>(y = 1) fails: once x = 3 nothing forces Toggle, so y may stay 0 forever (stuttering).
EXTENDS Naturals
VARIABLES x, y
vars == <<x, y>>
Init == x = 0 /\ y = 0
IncX == x < 3 /\ x' = x + 1 /\ UNCHANGED y
Toggle == y' = 1 - y /\ UNCHANGED x
Next == IncX \/ Toggle
Spec == Init /\ [][Next]_vars /\ WF_vars(IncX)
Reach == <>(x = 3)
Stable == <>[](x = 3)
Leads == \A i \in 0..2 : (x = i) ~> (x = 3)
Mono == [][x' >= x]_vars
Often == []<>(y = 1)
====
