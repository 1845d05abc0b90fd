---- MODULE InstanceConstantAssignment ----
\* Specula: a cfg assignment to a constant of an instantiated module (NoVal = [InstanceConstantAssignmentInner] NV) is rejected as unsupported
CONSTANT NV
VARIABLE x
I == INSTANCE InstanceConstantAssignmentInner WITH NoVal <- NV
Init == x = I!Empty
Next == x' = IF x = I!Empty THEN 1 ELSE I!Empty
====
