------------------------------- MODULE KVStore -------------------------------
(* A small key-value store with versioned writes: the system whose logs the   *)
(* trace specs beside this module validate.                                    *)
EXTENDS Naturals

CONSTANTS Keys, Vals, NoVal

VARIABLES store, version

vars == <<store, version>>

Init ==
    /\ store = [k \in Keys |-> NoVal]
    /\ version = 0

Put(k, v) ==
    /\ store' = [store EXCEPT ![k] = v]
    /\ version' = version + 1

Delete(k) ==
    /\ store[k] # NoVal
    /\ store' = [store EXCEPT ![k] = NoVal]
    /\ version' = version + 1

Next ==
    \/ \E k \in Keys, v \in Vals : Put(k, v)
    \/ \E k \in Keys : Delete(k)

Spec == Init /\ [][Next]_vars
==============================================================================
