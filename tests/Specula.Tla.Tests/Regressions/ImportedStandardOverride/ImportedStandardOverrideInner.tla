---- MODULE ImportedStandardOverrideInner ----
EXTENDS Naturals, Sequences
VARIABLE q
Init == q \in Seq({0, 1})
Next == q' = q
Spec == Init /\ [][Next]_q
====
