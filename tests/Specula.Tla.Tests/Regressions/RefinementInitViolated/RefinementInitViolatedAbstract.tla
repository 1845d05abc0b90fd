---- MODULE RefinementInitViolatedAbstract ----
EXTENDS Naturals
VARIABLE y
Init == y = 1
Next == y' = 1 - y
Spec == Init /\ [][Next]_y
====
