---- MODULE InstanceOperatorActionInner ----
EXTENDS Naturals
CONSTANT Step(_, _)
VARIABLE x
Init == x = 0
Next == Step(x, x')
====
