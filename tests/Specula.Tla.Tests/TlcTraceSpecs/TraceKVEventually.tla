-------------------------- MODULE TraceKVEventually --------------------------
(* Style (b): the whole log is consumed eventually, <>(l > Len(TraceLog)),     *)
(* under weak fairness of the trace's next-state relation.                    *)
EXTENDS TraceKVCommon

VARIABLE l

TraceInit ==
    /\ Init
    /\ l = 1

TraceNext ==
    /\ l <= Len(TraceLog)
    /\ Step(TraceLog[l])
    /\ l' = l + 1

TraceSpec == TraceInit /\ [][TraceNext]_<<vars, l>> /\ WF_<<vars, l>>(TraceNext)

TraceMatched == <>(l > Len(TraceLog))
==============================================================================
