------------------------------- MODULE Memory -------------------------------
(***************************************************************************)
(* A linearizable memory.  Each processor issues one request at a time;   *)
(* a request is performed atomically at some point between its issue and  *)
(* the response.  This is the specification the caches implement.         *)
(***************************************************************************)
CONSTANTS Proc,   \* the processors
          Adr,    \* memory addresses
          Val,    \* memory values
          NoVal   \* a value that is not in Val

ASSUME NoVal \notin Val

\* The set of requests a processor may issue.
MReq == [op : {"Rd"}, adr : Adr] \cup [op : {"Wr"}, adr : Adr, val : Val]

VARIABLES mem,  \* the contents of memory
          ctl,  \* ctl[p]: "rdy", "busy" or "done"
          buf   \* buf[p]: the pending request, or the response

memVars == <<mem, ctl, buf>>

MTypeOK == /\ mem \in [Adr -> Val]
           /\ ctl \in [Proc -> {"rdy", "busy", "done"}]
           /\ buf \in [Proc -> MReq \cup Val \cup {NoVal}]

MInit == /\ mem \in [Adr -> Val]
         /\ ctl = [p \in Proc |-> "rdy"]
         /\ buf = [p \in Proc |-> NoVal]

\* Processor p issues request req.
Req(p, req) == /\ ctl[p] = "rdy"
               /\ buf' = [buf EXCEPT ![p] = req]
               /\ ctl' = [ctl EXCEPT ![p] = "busy"]

\* The memory performs p's request atomically.
Do(p) ==
  LET r == buf[p]
  IN /\ ctl[p] = "busy"
     /\ mem' = IF r.op = "Wr" THEN [mem EXCEPT ![r.adr] = r.val] ELSE mem
     /\ buf' = [buf EXCEPT ![p] = IF r.op = "Wr" THEN NoVal ELSE mem[r.adr]]
     /\ ctl' = [ctl EXCEPT ![p] = "done"]

\* The response is delivered to p.
Rsp(p) == /\ ctl[p] = "done"
          /\ ctl' = [ctl EXCEPT ![p] = "rdy"]
          /\ UNCHANGED buf

MNext == \E p \in Proc : \/ \E req \in MReq : Req(p, req) /\ UNCHANGED mem
                         \/ Do(p)
                         \/ Rsp(p) /\ UNCHANGED mem

MSpec == MInit /\ [][MNext]_memVars
=============================================================================
