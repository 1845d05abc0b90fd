---- MODULE RecursiveLetBlowup ----
\* A LET definition without parameters used k times in a RECURSIVE operator: TLC evaluates it once (LazyValue),
\* a re-evaluation at every use costs k^depth. The same in a state (Inv) and in an action (Next).
EXTENDS Naturals
RECURSIVE G(_)
G(n) == IF n = 0 THEN 1 ELSE LET t == G(n - 1) IN t + t - t
ASSUME G(30) = 1
VARIABLE v
Init == v = 0
Next == G(20 + v) = 1 /\ v' = 1 - v
Inv == G(25 + v) = 1
====
