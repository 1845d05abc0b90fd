--------------------------- MODULE TwoPhaseCommit ---------------------------
(***************************************************************************)
(* Two-phase commit with a coordinator.  Participants vote by sending a   *)
(* "prepared" message; once the coordinator holds a vote from everyone it *)
(* may decide commit, and it may decide abort at any time before that.    *)
(* A participant that has not prepared may abort on its own.  Messages    *)
(* are kept in a set, so they can be received any number of times.  The  *)
(* coordinator writes its decision to a durable log and can re-announce  *)
(* it (e.g. after a restart).                                             *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANT Participant

VARIABLES
  pstate,       \* pstate[p]: the state of participant p
  coord,        \* the coordinator's state: "init", "committed", "aborted"
  votesIn,      \* participants whose "prepared" vote the coordinator has
  mailbox,      \* every message sent so far
  decisionLog   \* the coordinator's durable decision, if any

vars == <<pstate, coord, votesIn, mailbox, decisionLog>>

Messages ==
  [type : {"prepared"}, rm : Participant]  \cup  [type : {"commit", "abort"}]

TypeOK ==
  /\ pstate \in [Participant -> {"working", "prepared", "committed", "aborted"}]
  /\ coord \in {"init", "committed", "aborted"}
  /\ votesIn \subseteq Participant
  /\ mailbox \subseteq Messages
  /\ decisionLog \in {"none", "commit", "abort"}

Init ==
  /\ pstate = [p \in Participant |-> "working"]
  /\ coord = "init"
  /\ votesIn = {}
  /\ mailbox = {}
  /\ decisionLog = "none"
-----------------------------------------------------------------------------
(* Coordinator actions *)

CoordCollectVote(p) ==
  /\ coord = "init"
  /\ [type |-> "prepared", rm |-> p] \in mailbox
  /\ votesIn' = votesIn \cup {p}
  /\ UNCHANGED <<pstate, coord, mailbox, decisionLog>>

CoordCommit ==
  /\ coord = "init"
  /\ votesIn = Participant
  /\ coord' = "committed"
  /\ decisionLog' = "commit"
  /\ mailbox' = mailbox \cup {[type |-> "commit"]}
  /\ UNCHANGED <<pstate, votesIn>>

CoordAbort ==
  /\ coord = "init"
  /\ coord' = "aborted"
  /\ decisionLog' = "abort"
  /\ mailbox' = mailbox \cup {[type |-> "abort"]}
  /\ UNCHANGED <<pstate, votesIn>>

\* The coordinator announces its logged decision again.
CoordResend ==
  /\ decisionLog # "none"
  /\ mailbox' = mailbox \cup {CASE decisionLog = "commit" -> [type |-> "commit"]
                               [] decisionLog = "abort"  -> [type |-> "abort"]}
  /\ UNCHANGED <<pstate, coord, votesIn, decisionLog>>
-----------------------------------------------------------------------------
(* Participant actions *)

PartPrepare(p) ==
  /\ pstate[p] = "working"
  /\ pstate' = [pstate EXCEPT ![p] = "prepared"]
  /\ mailbox' = mailbox \cup {[type |-> "prepared", rm |-> p]}
  /\ UNCHANGED <<coord, votesIn, decisionLog>>

PartAbortAlone(p) ==
  /\ pstate[p] = "working"
  /\ pstate' = [pstate EXCEPT ![p] = "aborted"]
  /\ UNCHANGED <<coord, votesIn, mailbox, decisionLog>>

PartLearnCommit(p) ==
  /\ [type |-> "commit"] \in mailbox
  /\ pstate' = [pstate EXCEPT ![p] = "committed"]
  /\ UNCHANGED <<coord, votesIn, mailbox, decisionLog>>

PartLearnAbort(p) ==
  /\ [type |-> "abort"] \in mailbox
  /\ pstate' = [pstate EXCEPT ![p] = "aborted"]
  /\ UNCHANGED <<coord, votesIn, mailbox, decisionLog>>

Next ==
  \/ CoordCommit \/ CoordAbort \/ CoordResend
  \/ \E p \in Participant :
       CoordCollectVote(p) \/ PartPrepare(p) \/ PartAbortAlone(p)
         \/ PartLearnCommit(p) \/ PartLearnAbort(p)

Spec == Init /\ [][Next]_vars

\* Under weak fairness of receiving decisions, every Participant eventually decides.
FairSpec == /\ Spec
            /\ WF_vars(CoordCommit \/ CoordAbort)
            /\ \A p \in Participant : /\ WF_vars(PartLearnCommit(p))
                                     /\ WF_vars(PartLearnAbort(p))
                                     /\ WF_vars(PartPrepare(p))
                                     /\ WF_vars(CoordCollectVote(p))

AllDecide == <>(\A p \in Participant : pstate[p] \in {"committed", "aborted"})

\* The decision is stable: once committed, always committed.
CommitStable == \A p \in Participant : [](pstate[p] = "committed" => [](pstate[p] = "committed"))

\* A prepared participant eventually learns the outcome.
PreparedLeadsToDecided ==
  \A p \in Participant : (pstate[p] = "prepared") ~> (pstate[p] \in {"committed", "aborted"})
-----------------------------------------------------------------------------
\* Two-phase commit implements the abstract transaction commit spec.
AC == INSTANCE AtomicCommit

ACSpecHolds == AC!ACSpec
ACConsistentHolds == AC!ACConsistent

THEOREM Spec => AC!ACSpec
=============================================================================
