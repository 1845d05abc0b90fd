-------------------------- MODULE WriteThroughCache --------------------------
(***************************************************************************)
(* A write-through cache.  Each processor has a private cache.  Reads hit *)
(* in the cache or fill it from main memory; writes update the writer's   *)
(* cache, invalidate the other caches and are queued (memQ) for the main  *)
(* memory.  A read miss is served only when no write to that address is   *)
(* still queued.  The implementation refines Memory under the mapping     *)
(* mem <- vmem, where vmem is main memory with the queued writes applied. *)
(***************************************************************************)
EXTENDS Naturals, Sequences

CONSTANTS Proc, Adr, Val, NoVal, QLen

ASSUME /\ NoVal \notin Val
       /\ QLen \in Nat \ {0}

VARIABLES wmem,  \* main memory
          ctl, buf,
          cache, \* cache[p][a]: cached value of a at p, or NoVal
          memQ   \* queued writes: a sequence of <<p, request>>

vars == <<wmem, ctl, buf, cache, memQ>>

LOCAL M0 == INSTANCE Memory WITH mem <- wmem

MReq == M0!MReq

TypeOK == /\ wmem \in [Adr -> Val]
          /\ ctl \in [Proc -> {"rdy", "busy", "done"}]
          /\ buf \in [Proc -> MReq \cup Val \cup {NoVal}]
          /\ cache \in [Proc -> [Adr -> Val \cup {NoVal}]]
          /\ memQ \in Seq(Proc \X MReq)
          /\ Len(memQ) <= QLen

\* Main memory as it will be once every queued write is done; defined
\* with a recursive function local to a LET.
vmem ==
  LET f[i \in 0..Len(memQ)] ==
        IF i = 0 THEN wmem
                 ELSE [f[i - 1] EXCEPT ![memQ[i][2].adr] = memQ[i][2].val]
  IN f[Len(memQ)]

\* Addresses with a write still queued.
PendingAdrs == {memQ[i][2].adr : i \in 1..Len(memQ)}

Init == /\ M0!MInit
        /\ cache = [p \in Proc |-> [a \in Adr |-> NoVal]]
        /\ memQ = << >>

Req(p) == /\ \E req \in MReq : M0!Req(p, req)
          /\ UNCHANGED <<wmem, cache, memQ>>

Rsp(p) == /\ M0!Rsp(p)
          /\ UNCHANGED <<wmem, cache, memQ>>

\* A read that hits in the cache.
DoRd(p) ==
  /\ ctl[p] = "busy"
  /\ buf[p].op = "Rd"
  /\ cache[p][buf[p].adr] # NoVal
  /\ buf' = [buf EXCEPT ![p] = cache[p][buf[p].adr]]
  /\ ctl' = [ctl EXCEPT ![p] = "done"]
  /\ UNCHANGED <<wmem, cache, memQ>>

\* A read miss fills the cache line from main memory.
RdMiss(p) ==
  /\ ctl[p] = "busy"
  /\ buf[p].op = "Rd"
  /\ cache[p][buf[p].adr] = NoVal
  /\ buf[p].adr \notin PendingAdrs
  /\ cache' = [cache EXCEPT ![p][buf[p].adr] = wmem[buf[p].adr]]
  /\ UNCHANGED <<wmem, ctl, buf, memQ>>

\* A write updates the local cache, invalidates others, and is queued.
DoWr(p) ==
  LET r == buf[p]
  IN  /\ ctl[p] = "busy"
      /\ r.op = "Wr"
      /\ Len(memQ) < QLen
      /\ cache' = [q \in Proc |->
                     IF q = p THEN [cache[q] EXCEPT ![r.adr] = r.val]
                              ELSE [cache[q] EXCEPT ![r.adr] = NoVal]]
      /\ memQ' = Append(memQ, <<p, r>>)
      /\ buf' = [buf EXCEPT ![p] = NoVal]
      /\ ctl' = [ctl EXCEPT ![p] = "done"]
      /\ UNCHANGED wmem

\* The memory performs the write at the head of the queue.
MemQWr ==
  /\ memQ # << >>
  /\ LET w == Head(memQ)[2]
     IN  wmem' = [wmem EXCEPT ![w.adr] = w.val]
  /\ memQ' = Tail(memQ)
  /\ UNCHANGED <<ctl, buf, cache>>

\* A cache line is evicted.
Evict(p, a) ==
  /\ cache[p][a] # NoVal
  /\ cache' = [cache EXCEPT ![p][a] = NoVal]
  /\ UNCHANGED <<wmem, ctl, buf, memQ>>

Next == \/ \E p \in Proc : Req(p) \/ DoRd(p) \/ RdMiss(p) \/ DoWr(p) \/ Rsp(p)
        \/ MemQWr
        \/ \E p \in Proc, a \in Adr : Evict(p, a)

Spec == Init /\ [][Next]_vars

\* Every cached value is the current value of the (virtual) memory.
Coherence == \A p \in Proc, a \in Adr :
                cache[p][a] # NoVal => cache[p][a] = vmem[a]

\* The refinement: the cache implements linearizable memory.
LM == INSTANCE Memory WITH mem <- vmem

Refines == LM!MSpec

THEOREM Spec => LM!MSpec
=============================================================================
