---- MODULE RefinementInitViolated ----
\* Specula: the initial predicate of a refinement property (y = 1, with y <- x % 2) was not checked
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = (x + 1) % 4
Spec == Init /\ [][Next]_x /\ WF_x(Next)
A == INSTANCE RefinementInitViolatedAbstract WITH y <- x % 2
Refines == A!Spec
====
