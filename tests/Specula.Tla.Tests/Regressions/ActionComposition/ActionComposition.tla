---- MODULE ActionComposition ----
\* A \cdot B as TLC composes actions (with -Dtlc2.tool.impl.Tool.cdot=true, which tlaplus/Examples' MCCRDT and
\* MCReplicatedLog assume): B starts from each state A leads to and reads it as the current state; a variable
\* assigned before the composition starts from its current value; TLC counts the intermediate states as generated.
\* As a formula on a step (ActionOk, an action constraint), A \cdot B holds when B leads to the next state from a
\* state A leads to.
EXTENDS Naturals, TLC
ASSUME TLCGet("-Dtlc2.tool.impl.Tool.cdot") = "true"
VARIABLES x, y
Init == x = 0 /\ y = 0
Inc == x < 3 /\ x' = x + 1 /\ y' = y
Dbl == x' = 2 * x /\ y' = y + x
Reset == x' = 0 /\ UNCHANGED y
Next == \/ Inc \cdot Dbl
        \/ (Inc \/ Reset) \cdot Inc
        \/ y' = y /\ (Inc \cdot Inc)
Constraint == y < 12
ActionOk == y < 6 \/ ~(Inc \cdot Inc)
====
