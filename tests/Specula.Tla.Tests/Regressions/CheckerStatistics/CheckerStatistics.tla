---- MODULE CheckerStatistics ----
\* What TLC-style trace specs read from the model checker: TLCGet("level") in actions, invariants and a VIEW,
\* registers (TLCSet/TLCGet), TLCExt's Trace, and TLCGet("stats") / "distinct" / "generated" in a POSTCONDITION.
EXTENDS Naturals, Sequences, TLC, TLCExt
VARIABLES x, l
Log == <<1, 2, 2, 3>>
Init == x = 0 /\ l = 1 /\ TLCSet(2, "init")
Next == /\ l <= Len(Log)
        /\ Len(Trace) = TLCGet("level")
        /\ x' \in {Log[l], 7}
        /\ l' = l + 1
\* Without the level, states repeating x and l would be merged: TLC keeps them apart.
View == <<x, TLCGet("level")>>
Inv == /\ Len(Trace) = TLCGet("level")
       /\ Trace[Len(Trace)].x = x
       /\ TLCGet("level") = l
       /\ TLCGet(2) = "init"
\* Both checkers pass only with these figures.
Post == /\ TLCGet("stats").diameter = 5
        /\ TLCGet("stats").distinct = 9
        /\ TLCGet("distinct") = 9
        /\ TLCGet("generated") = 15
        /\ TLCGet("queue") = 0
        /\ TLCGet("level") = 0
        /\ TLCGet("config").mode = "bfs"
====
