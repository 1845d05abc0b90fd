---- MODULE InstanceUnchangedDefinitionInner ----
EXTENDS Naturals
VARIABLES s, vars
Flip == UNCHANGED vars /\ s' = 1 - s
====
