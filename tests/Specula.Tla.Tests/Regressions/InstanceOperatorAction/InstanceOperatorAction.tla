---- MODULE InstanceOperatorAction ----
\* Specula: an operator constant of an instance, substituted implicitly and replaced by an action in the cfg
\* (Step <- StepImpl), was evaluated as a guard, so x' was read before it was given a value
EXTENDS Naturals
CONSTANT Step(_, _)
VARIABLE x
I == INSTANCE InstanceOperatorActionInner
StepImpl(a, b) == b = (a + 1) % 3
Init == I!Init
Next == I!Next
====
