---- MODULE RecursiveLetScope ----
\* The extended module's LET operators R and z must not clash with, nor stand for, names of this module; and z,
\* which depends on Op's parameter, must not be evaluated once as if it were a constant definition.
EXTENDS RecursiveLetScopeLib
R(k) == k
c == 7
VARIABLE x
Init == x = 0
Next == x' = (x + 1) % 3
Inv == Op(x) = {2 * (x + 1), x + 1} /\ R(5) = 5 /\ c = 7
====
