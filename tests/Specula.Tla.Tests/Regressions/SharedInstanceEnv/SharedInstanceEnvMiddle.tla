---- MODULE SharedInstanceEnvMiddle ----
EXTENDS Naturals
CONSTANT Cap
VARIABLES a, b
Twice(n) == 2 * n
INSTANCE SharedInstanceEnvInner WITH Limit <- Cap + 1, Step <- Twice, y <- b, z <- a
Grow == /\ Room > 0 /\ b' = Bumped % (Cap + 1) /\ a' = (a + 1) % 3
====
