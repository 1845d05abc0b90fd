---- MODULE RecursiveArgumentBlowup ----
\* Specula: operator arguments are passed by name and re-evaluated at every use (ThunkBinding is not cached),
\* so a recursive operator that uses its argument k times costs k^depth evaluations; TLC caches the argument (LazyValue)
EXTENDS Naturals
RECURSIVE F(_, _)
F(x, n) == IF n = 0 THEN x ELSE F(x + x - x, n - 1)
ASSUME F(1, 30) = 1
VARIABLE v
Init == v = 0
Next == v' = 1 - v
====
