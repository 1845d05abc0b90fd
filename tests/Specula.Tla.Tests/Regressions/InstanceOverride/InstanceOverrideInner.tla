---- MODULE InstanceOverrideInner ----
EXTENDS Naturals
CONSTANT Limit
Max == Limit
====
