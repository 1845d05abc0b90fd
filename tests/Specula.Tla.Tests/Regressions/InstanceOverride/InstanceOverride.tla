---- MODULE InstanceOverride ----
\* Specula: an override of a definition in an instantiated module (Max <- [InstanceOverrideInner] MCMax) is rejected as unsupported
EXTENDS Naturals
VARIABLE x
I == INSTANCE InstanceOverrideInner WITH Limit <- 10
MCMax == 3
Init == x = 0
Next == x < I!Max /\ x' = x + 1
====
