---- MODULE InstanceUnchangedDefinition ----
\* Specula: UNCHANGED vars in an instance whose variable vars is substituted (implicitly) by the definition
\* vars == <<x>> was evaluated instead of generated from, so x' was read before it was given a value
EXTENDS Naturals
VARIABLES x, s
vars == <<x>>
INSTANCE InstanceUnchangedDefinitionInner
Init == x = 0 /\ s = 0
Next == (x' = (x + 1) % 2 /\ UNCHANGED s) \/ Flip
====
