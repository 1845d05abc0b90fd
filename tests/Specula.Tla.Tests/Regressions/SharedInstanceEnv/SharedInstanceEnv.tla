---- MODULE SharedInstanceEnv ----
\* Definitions of instances (unnamed, nested, named) whose substitutions read the state: the instance bindings are
\* built once and shared by every state, and each substitution is still evaluated in the state at hand
EXTENDS Naturals
VARIABLES a, b, c
Inc(n) == n + 1
INSTANCE SharedInstanceEnvMiddle WITH Cap <- 4
N == INSTANCE SharedInstanceEnvInner WITH Limit <- 9, Step <- Inc, y <- a + b, z <- c
Init == a = 0 /\ b = 1 /\ c = 0
Next == \/ Grow /\ UNCHANGED c
        \/ N!Room > 2 /\ c' = (c + N!Bumped) % 4 /\ UNCHANGED <<a, b>>
Inv == Room >= 0 - 6 /\ N!Room <= 9
====
