---- MODULE OverrideInit ----
\* Specula: a definition used in SPECIFICATION and overridden in the cfg (Init <- MCInit) is evaluated as a guard instead of generating initial states
EXTENDS Naturals
VARIABLE x
Init == x = 0
MCInit == x \in {1, 2}
Next == x' = (x + 1) % 4
Spec == Init /\ [][Next]_x
====
