---- MODULE RecursiveArgumentInAction ----
\* Arguments of a RECURSIVE operator used k times, while initial states and successors are generated: TLC
\* evaluates each argument once per assignment of the variables (LazyValue), a re-evaluation at every use costs
\* k^depth. H's argument takes another value in every branch of a' \in 0..5, so a value kept across branches
\* would give wrong successors.
EXTENDS Naturals
RECURSIVE F(_, _)
F(x, n) == IF n = 0 THEN x ELSE F(x + x - x, n - 1)
H(e) == e > 0 /\ e < 4 /\ e # 2
VARIABLES a, b
Init == a \in 0..3 /\ H(F(a, 20)) /\ b = 0
Next == /\ a' \in 0..5
        /\ H(F(a' + b, 25))
        /\ b' = (b + 1) % 3
====
