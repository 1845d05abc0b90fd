---------------------------- MODULE AtomicCommit ----------------------------
(***************************************************************************)
(* Atomic commitment, abstractly.  Every participant of a transaction is  *)
(* working, prepared, committed or aborted; the only requirement is that *)
(* no participant commits while another aborts.                           *)
(***************************************************************************)
CONSTANT Participant  \* the participants of the transaction

VARIABLE pstate       \* pstate[p]: where participant p stands

PStates == {"working", "prepared", "committed", "aborted"}

ACTypeOK == pstate \in [Participant -> PStates]

ACInit == pstate = [p \in Participant |-> "working"]

\* Every participant has prepared (some may already have committed).
allPrepared == \A p \in Participant : pstate[p] \in {"prepared", "committed"}

\* Nobody has committed yet, so aborting is still possible.
noneCommitted == \A p \in Participant : pstate[p] # "committed"

GetReady(p) == /\ pstate[p] = "working"
               /\ pstate' = [pstate EXCEPT ![p] = "prepared"]

Conclude(p) == \/ /\ pstate[p] = "prepared"
                  /\ allPrepared
                  /\ pstate' = [pstate EXCEPT ![p] = "committed"]
               \/ /\ pstate[p] \in {"working", "prepared"}
                  /\ noneCommitted
                  /\ pstate' = [pstate EXCEPT ![p] = "aborted"]

ACNext == \E p \in Participant : GetReady(p) \/ Conclude(p)

ACSpec == ACInit /\ [][ACNext]_pstate

\* No participant commits while another aborts.
ACConsistent == \A p, q \in Participant : ~ /\ pstate[p] = "aborted"
                                            /\ pstate[q] = "committed"

THEOREM ACSpec => [](ACTypeOK /\ ACConsistent)
=============================================================================
