---- MODULE InstanceImportedActionInner ----
EXTENDS Naturals
VARIABLE x
Inc == x' = (x + 1) % 3
====
