-------------------------------- MODULE MSI --------------------------------
(***************************************************************************)
(* The MSI snooping cache-coherence protocol on an atomic bus.  Each      *)
(* processor's cache holds every address in one of three states:          *)
(*   M (modified: the only valid copy, possibly dirty),                    *)
(*   S (shared:   a clean, read-only copy),                                *)
(*   I (invalid).                                                          *)
(* The ghost variable latest records the value of the most recent write   *)
(* to each address, against which the data-value invariant is checked.    *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANTS Proc, Adr, Val

ASSUME /\ Proc # {} /\ Adr # {} /\ Val # {}

States == {"M", "S", "I"}

VARIABLES state,   \* state[p][a] \in States
          data,    \* data[p][a]: the value cached at p for a
          mem,     \* main memory
          latest,  \* ghost: the last value written to each address
          bus      \* the last bus transaction, for observation only

vars == <<state, data, mem, latest, bus>>

BusTxn == [kind : {"BusRd", "BusRdX", "BusUpgr", "Flush", "None"},
           proc : Proc \cup {"none"}, adr : Adr \cup {"none"}]

NoTxn == [kind |-> "None", proc |-> "none", adr |-> "none"]

TypeOK == /\ state \in [Proc -> [Adr -> States]]
          /\ data \in [Proc -> [Adr -> Val]]
          /\ mem \in [Adr -> Val]
          /\ latest \in [Adr -> Val]
          /\ bus \in BusTxn

Init == /\ mem \in [Adr -> Val]
        /\ latest = mem
        /\ state = [p \in Proc |-> [a \in Adr |-> "I"]]
        /\ data = [p \in Proc |-> mem]
        /\ bus = NoTxn

\* The owner of a (a processor in M), if there is one.
Owners(a) == {q \in Proc : state[q][a] = "M"}
HasOwner(a) == Owners(a) # {}
Owner(a) == CHOOSE q \in Owners(a) : TRUE

\* The value a bus read obtains: the owner's copy if any, else memory.
CurrentValue(a) == IF HasOwner(a) THEN data[Owner(a)][a] ELSE mem[a]

Txn(k, p, a) == bus' = [kind |-> k, proc |-> p, adr |-> a]

(***************************************************************************)
(* Read miss: BusRd.  An owner, if any, flushes and downgrades to S.      *)
(***************************************************************************)
ReadMiss(p, a) ==
  /\ state[p][a] = "I"
  /\ LET v == CurrentValue(a)
     IN /\ state' = [q \in Proc |->
                       [state[q] EXCEPT ![a] =
                          CASE q = p          -> "S"
                            [] @ = "M"        -> "S"
                            [] OTHER          -> @]]
        /\ data' = [data EXCEPT ![p][a] = v]
        /\ mem' = [mem EXCEPT ![a] = v]
  /\ Txn("BusRd", p, a)
  /\ UNCHANGED latest

(***************************************************************************)
(* Write miss (from I) or upgrade (from S): every other copy is           *)
(* invalidated and p becomes the owner with the newly written value.      *)
(***************************************************************************)
WriteMiss(p, a, v) ==
  /\ state[p][a] \in {"I", "S"}
  /\ mem' = [mem EXCEPT ![a] = CurrentValue(a)]
  /\ state' = [q \in Proc |->
                 [state[q] EXCEPT ![a] = IF q = p THEN "M" ELSE "I"]]
  /\ data' = [data EXCEPT ![p][a] = v]
  /\ latest' = [latest EXCEPT ![a] = v]
  /\ Txn(IF state[p][a] = "I" THEN "BusRdX" ELSE "BusUpgr", p, a)

\* A write hit in M needs no bus transaction.
WriteHit(p, a, v) ==
  /\ state[p][a] = "M"
  /\ data' = [data EXCEPT ![p][a] = v]
  /\ latest' = [latest EXCEPT ![a] = v]
  /\ UNCHANGED <<state, mem, bus>>

\* Eviction: a modified line is written back (Flush); a shared one dropped.
Evict(p, a) ==
  /\ state[p][a] # "I"
  /\ IF state[p][a] = "M"
        THEN /\ mem' = [mem EXCEPT ![a] = data[p][a]]
             /\ Txn("Flush", p, a)
        ELSE UNCHANGED <<mem, bus>>
  /\ state' = [state EXCEPT ![p][a] = "I"]
  /\ UNCHANGED <<data, latest>>

Next == \E p \in Proc, a \in Adr :
           \/ ReadMiss(p, a)
           \/ \E v \in Val : WriteMiss(p, a, v) \/ WriteHit(p, a, v)
           \/ Evict(p, a)

Spec == Init /\ [][Next]_vars
-----------------------------------------------------------------------------
\* Single writer / multiple readers.
SWMR == \A a \in Adr : \A p, q \in Proc :
           (p # q /\ state[p][a] = "M") => state[q][a] = "I"

\* At most one owner per address (a corollary of SWMR).
AtMostOneOwner == \A a \in Adr : Cardinality(Owners(a)) <= 1

\* Every valid copy holds the latest value; without an owner, memory does.
DataValue == \A a \in Adr :
               /\ \A p \in Proc : state[p][a] # "I" => data[p][a] = latest[a]
               /\ ~HasOwner(a) => mem[a] = latest[a]

\* Bus transactions are only issued by processors touching that address.
BusWellFormed == bus.kind # "None" => bus.proc \in Proc /\ bus.adr \in Adr
=============================================================================
