---- MODULE PrimedArgument ----
\* Specula: an operator parameter bound to a primed variable, Set(x, x'), used as the left side of new = e is not treated as an assignment
EXTENDS Naturals
VARIABLE x
Set(old, new) == new = (old + 1) % 3
Init == x = 0
Next == Set(x, x')
====
