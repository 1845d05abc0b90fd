---- MODULE OverrideAssign ----
\* Specula: a CONSTANT operator overridden with `<-` whose definition assigns a primed argument
EXTENDS Naturals
CONSTANT Set(_, _)
VARIABLE x
MCSet(old, new) == new = (old + 1) % 3
Init == x = 0
Next == x < 5 /\ Set(x, x')
====
