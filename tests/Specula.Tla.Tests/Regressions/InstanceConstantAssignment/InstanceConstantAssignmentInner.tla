---- MODULE InstanceConstantAssignmentInner ----
CONSTANT NoVal
Empty == NoVal
====
