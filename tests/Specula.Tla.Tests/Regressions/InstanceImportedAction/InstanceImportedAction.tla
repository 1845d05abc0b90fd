---- MODULE InstanceImportedAction ----
\* Specula: an action imported by an unnamed INSTANCE (variables substituted implicitly) is evaluated as a guard, not generated from
VARIABLE x
INSTANCE InstanceImportedActionInner
Init == x = 0
Next == Inc
====
