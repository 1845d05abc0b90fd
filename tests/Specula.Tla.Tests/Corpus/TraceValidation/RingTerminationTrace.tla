----------------------- MODULE RingTerminationTrace -----------------------
(***************************************************************************)
(* Trace validation for RingTermination.  An implementation logged one   *)
(* JSON object per line (ndjson); this spec replays the log against the  *)
(* high-level spec.  The variable l is the cursor into the log: each      *)
(* step consumes exactly one log line and must be a step of the base     *)
(* spec consistent with the logged values.  The trace is accepted iff    *)
(* TLC can reach a state in which every line has been consumed.          *)
(***************************************************************************)
EXTENDS RingTermination, Json, Sequences, TLC, TLCExt

\* The log file, relative to TLC's working directory.
JsonFile == "RingTermination.ndjson"

\* Evaluate the (constant) log once, when TLC starts.
TraceLog == TLCEval(ndJsonDeserialize(JsonFile))

ASSUME Len(TraceLog) > 0
ASSUME TraceLog[1].event = "init"

VARIABLE l   \* the index of the next log line to match

logline == TraceLog[l]

traceVars == <<l, vars>>

\* The logged initial state fixes which nodes start active.
TraceInit == /\ l = 2
             /\ Init
             /\ active = [i \in Node |-> TraceLog[1].active[i + 1]]

\* Consume one line if it has the given event name.
IsEvent(e) == /\ l \in 1..Len(TraceLog)
              /\ logline.event = e
              /\ l' = l + 1

IsSend == /\ IsEvent("send")
          /\ SendMsgTo(logline.node, logline.to)

IsRecv == /\ IsEvent("recv")
          /\ RecvMsg(logline.node)

IsDeactivate == /\ IsEvent("deactivate")
                /\ Deactivate(logline.node)

IsInitiate == /\ IsEvent("initiate")
              /\ InitiateProbe

\* The logged token contents must match the token after the step.
IsPass == /\ IsEvent("pass")
          /\ PassToken(logline.node)
          /\ token'.q = logline.q
          /\ token'.color = logline.color

\* "detected" is a logged observation, not an action: a stuttering step.
IsDetected == /\ IsEvent("detected")
              /\ terminationDetected
              /\ UNCHANGED vars

TraceNext == \/ IsSend
             \/ IsRecv
             \/ IsDeactivate
             \/ IsInitiate
             \/ IsPass
             \/ IsDetected

TraceSpec == TraceInit /\ [][TraceNext]_traceVars

-----------------------------------------------------------------------------
\* Every log line must be matched.  TLC checks temporal properties after
\* generating all successors, so a state with an empty queue and an
\* unconsumed log means the trace could not be matched.
TraceMatched ==
    [](l <= Len(TraceLog) => [](TLCGet("queue") # 0 \/ l > Len(TraceLog)))

\* Alternatively, as a post-condition on the final statistics.
TraceAccepted ==
    LET d == TLCGet("stats").diameter
    IN  IF d - 1 = Len(TraceLog) - 1 THEN TRUE
        ELSE Print(<<"Failed matching the trace to (a prefix of) a behavior:",
                     TraceLog[d + 1]>>, FALSE)

\* The base spec's invariants also hold along the trace.
TraceSafety == Safety /\ CounterInv

\* A sanity check with TLCExt: the log cursor grows with the trace length.
CursorMatchesTrace == l = Len(Trace) + 1
=============================================================================
