---- MODULE SharedInstanceEnvInner ----
EXTENDS Naturals
CONSTANT Limit, Step(_)
VARIABLES y, z
Bumped == Step(y) + z
Room == Limit - y - z
====
