---- MODULE UndeclaredConstantAssignment ----
\* Specula: the cfg assigns model values to names the spec does not declare (r1 = r1, then S = {r1, r2});
\* TLC accepts this, Specula rejects the model
CONSTANT S
VARIABLE x
Init == x \in S
Next == \E s \in S : x' = s
====
