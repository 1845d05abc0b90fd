--------------------------- MODULE TraceKVDeadlock ---------------------------
(* Style (c): TLC checks deadlock; the trace conforms when the only deadlock   *)
(* is past its end, which the trace spec turns into stuttering, so any         *)
(* deadlock is a line of the log the store cannot take.                        *)
EXTENDS TraceKVCommon

VARIABLE l

TraceInit ==
    /\ Init
    /\ l = 1

TraceNext ==
    \/ /\ l <= Len(TraceLog)
       /\ Step(TraceLog[l])
       /\ l' = l + 1
    \/ /\ l > Len(TraceLog)
       /\ UNCHANGED <<vars, l>>

TraceSpec == TraceInit /\ [][TraceNext]_<<vars, l>>
==============================================================================
