---- MODULE LivenessNotChecked ----
\* Specula: a violated liveness property (no fairness, so <>(x = 2) fails by stuttering) is reported as "not checked" and the run ends "No error has been found"; TLC reports the temporal violation
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = (x + 1) % 3
Spec == Init /\ [][Next]_x
Reach == <>(x = 2)
====
