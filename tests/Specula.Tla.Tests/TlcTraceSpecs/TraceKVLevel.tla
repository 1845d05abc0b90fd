---------------------------- MODULE TraceKVLevel -----------------------------
(* The pattern of tlaplus/Examples' EWD998ChanTrace: no cursor variable; the   *)
(* log line is TLCGet("level"), an ACTION_CONSTRAINT takes it, the VIEW keeps  *)
(* states at different levels apart, and the POSTCONDITION TraceAccepted      *)
(* checks that the search got as deep as the log is long.                      *)
EXTENDS TraceKVCommon

ASSUME TLCGet("config").mode = "bfs"

TraceSpec == Init /\ [][Next \/ UNCHANGED vars]_vars

TraceNextConstraint ==
    LET i == TLCGet("level") IN
    /\ i <= Len(TraceLog)
    /\ Step(TraceLog[i])

TraceView == <<vars, TLCGet("level")>>

TraceAccepted ==
    LET d == TLCGet("stats").diameter IN
    IF d - 1 = Len(TraceLog) THEN TRUE
    ELSE Print(<<"Failed matching the trace at line", d>>, FALSE)
==============================================================================
