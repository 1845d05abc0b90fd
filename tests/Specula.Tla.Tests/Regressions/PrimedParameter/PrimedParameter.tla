---- MODULE PrimedParameter ----
\* Specula: an operator parameter bound to a variable, primed in the body (q' = e), is not treated as an assignment
EXTENDS Naturals
VARIABLE x
Set(q) == q' = (q + 1) % 3
Init == x = 0
Next == Set(x)
====
