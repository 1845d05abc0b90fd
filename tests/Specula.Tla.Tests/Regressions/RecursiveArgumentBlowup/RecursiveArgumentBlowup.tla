---- MODULE RecursiveArgumentBlowup ----
\* Operator arguments are passed by name: a RECURSIVE operator that uses its argument k times costs k^depth
\* evaluations unless each argument is evaluated once, as TLC's LazyValue caches it (here in an ASSUME).
EXTENDS Naturals
RECURSIVE F(_, _)
F(x, n) == IF n = 0 THEN x ELSE F(x + x - x, n - 1)
ASSUME F(1, 30) = 1
VARIABLE v
Init == v = 0
Next == v' = 1 - v
====
