--------------------------- MODULE WriteBackCache ---------------------------
(***************************************************************************)
(* A single write-back cache shared by all processors, in front of main   *)
(* memory.  A line is either absent, clean or dirty; dirty lines must be  *)
(* written back before they are evicted.  The number of resident lines   *)
(* is bounded by CacheSize.                                                *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANTS Proc, Adr, Val, NoVal, CacheSize

ASSUME /\ NoVal \notin Val
       /\ CacheSize \in Nat \ {0}

Line == [val : Val, dirty : BOOLEAN]
Absent == [val |-> NoVal, dirty |-> FALSE]

VARIABLES wmem, ctl, buf, lines

vars == <<wmem, ctl, buf, lines>>

LOCAL Base == INSTANCE Memory WITH mem <- wmem

Resident == {a \in Adr : lines[a] # Absent}

TypeOK == /\ Base!MTypeOK
          /\ lines \in [Adr -> Line \cup {Absent}]
          /\ Cardinality(Resident) <= CacheSize

\* The memory the processors see.
vmem == [a \in Adr |-> IF lines[a].dirty THEN lines[a].val ELSE wmem[a]]

Init == /\ Base!MInit
        /\ lines = [a \in Adr |-> Absent]

Req(p) == /\ \E req \in Base!MReq : Base!Req(p, req)
          /\ UNCHANGED <<wmem, lines>>

Rsp(p) == Base!Rsp(p) /\ UNCHANGED <<wmem, lines>>

\* Bring address a into the cache (requires a free slot).
Fill(a) == /\ lines[a] = Absent
           /\ Cardinality(Resident) < CacheSize
           /\ lines' = [lines EXCEPT ![a] = [val |-> wmem[a], dirty |-> FALSE]]
           /\ UNCHANGED <<wmem, ctl, buf>>

\* Perform p's request in the cache.
Do(p) ==
  LET r == buf[p]
  IN  /\ ctl[p] = "busy"
      /\ lines[r.adr] # Absent
      /\ CASE r.op = "Rd" ->
                /\ buf' = [buf EXCEPT ![p] = lines[r.adr].val]
                /\ UNCHANGED lines
           [] r.op = "Wr" ->
                /\ lines' = [lines EXCEPT ![r.adr].val = r.val,
                                          ![r.adr].dirty = TRUE]
                /\ buf' = [buf EXCEPT ![p] = NoVal]
      /\ ctl' = [ctl EXCEPT ![p] = "done"]
      /\ UNCHANGED wmem

WriteBack(a) == /\ lines[a].dirty
                /\ wmem' = [wmem EXCEPT ![a] = lines[a].val]
                /\ lines' = [lines EXCEPT ![a].dirty = FALSE]
                /\ UNCHANGED <<ctl, buf>>

Evict(a) == /\ lines[a] # Absent
            /\ ~ lines[a].dirty
            /\ lines' = [lines EXCEPT ![a] = Absent]
            /\ UNCHANGED <<wmem, ctl, buf>>

Next == \/ \E p \in Proc : Req(p) \/ Do(p) \/ Rsp(p)
        \/ \E a \in Adr : Fill(a) \/ WriteBack(a) \/ Evict(a)

Spec == Init /\ [][Next]_vars

\* Clean lines agree with main memory.
CleanLinesAgree == \A a \in Resident : ~ lines[a].dirty => lines[a].val = wmem[a]

LM == INSTANCE Memory WITH mem <- vmem
Refines == LM!MSpec
=============================================================================
