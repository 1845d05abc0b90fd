---- MODULE RefinementProperty ----
\* Specula: PROPERTY A!Spec (a refinement: initial predicate and [][Next]_y of an instance) and G => <>P were
\* reported as not checked
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = (x + 1) % 4
Spec == Init /\ [][Next]_x /\ WF_x(Next)
A == INSTANCE RefinementPropertyAbstract WITH y <- x % 2
Refines == A!Spec
Live == x = 0 => <>(x = 3)
Moves == []<>(ENABLED Next)
====
