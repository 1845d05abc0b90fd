---------------------------- MODULE TraceKVQueue -----------------------------
(* Style (a): a cursor variable l and the property TraceMatched over l and     *)
(* TLCGet("queue"), the pattern of CCF's and Specula's trace specs.            *)
EXTENDS TraceKVCommon

ASSUME TLCGet("config").mode = "bfs" /\ TLCGet("config").worker = 1

VARIABLE l

logline == TraceLog[l]

TraceInit ==
    /\ Init
    /\ l = 1

TraceNext ==
    /\ l <= Len(TraceLog)
    /\ Step(logline)
    /\ l' = l + 1

TraceSpec == TraceInit /\ [][TraceNext]_<<vars, l>>

TraceView == <<vars, l>>

TraceMatched ==
    [](l <= Len(TraceLog) => [](TLCGet("queue") = 1 \/ l > Len(TraceLog)))
==============================================================================
