---- MODULE InstanceImplicitVars ----
\* Specula: the spec comes from an unnamed INSTANCE whose variables are substituted implicitly (x <- x)
VARIABLE x
INSTANCE InstanceImplicitVarsInner
====
