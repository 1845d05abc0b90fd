---- MODULE LetInExtendedModule ----
EXTENDS Naturals, LetHelper

VARIABLE x

Init == x = 0
Next == x < 3 /\ x' = x + 1

Inv == Leq({x}, {x, 1}) /\ ~Leq({x}, {})
====
