------------------------------- MODULE Paxos -------------------------------
(***************************************************************************)
(* Single-decree Paxos as a message-passing algorithm.                   *)
(*                                                                         *)
(*  prepare  (phase 1a): a proposer opens ballot b;                        *)
(*  promise  (phase 1b): an acceptor joins b and reports its last vote;    *)
(*  propose  (phase 2a): with promises from a quorum, the proposer picks   *)
(*                       the value of the highest reported vote (or any    *)
(*                       value if none) and proposes it in b;              *)
(*  accepted (phase 2b): an acceptor votes for the proposal unless it has  *)
(*                       promised a higher ballot.                         *)
(*                                                                         *)
(* Proposers are implicit: every ballot may be opened at any time, but at *)
(* most one proposal is made per ballot.  Sent messages stay in the set   *)
(* "sent" forever, which models loss, delay and duplication at once.     *)
(***************************************************************************)
EXTENDS Integers, FiniteSets, TLC

CONSTANTS Value,     \* the values that may be proposed
          Acceptor,  \* the acceptors
          Quorum,    \* the quorums
          Ballot     \* the ballot numbers (Nat; a finite prefix in models)

ASSUME QuorumsIntersect ==
          /\ \A Q \in Quorum : Q \subseteq Acceptor
          /\ \A Q1, Q2 \in Quorum : Q1 \cap Q2 # {}

ASSUME BallotsAreNumbers == Ballot \subseteq Nat

\* "Has not voted": a ballot below every real ballot and a non-value.
NoBallot == -1
NoValue == CHOOSE v : v \notin Value

PrepareMsg  == [type : {"prepare"}, bal : Ballot]
PromiseMsg  == [type : {"promise"}, from : Acceptor, bal : Ballot,
                voteBal : Ballot \cup {NoBallot}, voteVal : Value \cup {NoValue}]
ProposeMsg  == [type : {"propose"}, bal : Ballot, val : Value]
AcceptedMsg == [type : {"accepted"}, from : Acceptor, bal : Ballot, val : Value]

AnyMsg == PrepareMsg \cup PromiseMsg \cup ProposeMsg \cup AcceptedMsg
-----------------------------------------------------------------------------
VARIABLES
  promised,     \* promised[a]: highest ballot a has joined
  acceptedBal,  \* acceptedBal[a]: ballot of a's last vote (or NoBallot)
  acceptedVal,  \* acceptedVal[a]: value of a's last vote (or NoValue)
  sent          \* every message ever sent

acceptorVars == <<promised, acceptedBal, acceptedVal>>
vars == <<promised, acceptedBal, acceptedVal, sent>>

TypeOK == /\ promised    \in [Acceptor -> Ballot \cup {NoBallot}]
          /\ acceptedBal \in [Acceptor -> Ballot \cup {NoBallot}]
          /\ acceptedVal \in [Acceptor -> Value \cup {NoValue}]
          /\ sent \subseteq AnyMsg

Init == /\ promised    = [a \in Acceptor |-> NoBallot]
        /\ acceptedBal = [a \in Acceptor |-> NoBallot]
        /\ acceptedVal = [a \in Acceptor |-> NoValue]
        /\ sent = {}

Broadcast(m) == sent' = sent \cup {m}

SentOfType(t) == {m \in sent : m.type = t}
InBallot(t, b) == {m \in SentOfType(t) : m.bal = b}
-----------------------------------------------------------------------------
Prepare(b) ==
  /\ InBallot("prepare", b) = {}
  /\ Broadcast([type |-> "prepare", bal |-> b])
  /\ UNCHANGED acceptorVars

Promise(a) ==
  \E m \in SentOfType("prepare") :
     /\ promised[a] < m.bal
     /\ promised' = [promised EXCEPT ![a] = m.bal]
     /\ Broadcast([type |-> "promise", from |-> a, bal |-> m.bal,
                   voteBal |-> acceptedBal[a], voteVal |-> acceptedVal[a]])
     /\ UNCHANGED <<acceptedBal, acceptedVal>>

\* v is the value of the highest-ballot vote among the promises P, or P
\* reports no vote at all.
Safe(P, v) ==
  LET voted == {m \in P : m.voteBal # NoBallot}
  IN  \/ voted = {}
      \/ \E m \in voted : /\ m.voteVal = v
                          /\ \A other \in voted : other.voteBal <= m.voteBal

Propose(b, v) ==
  /\ InBallot("propose", b) = {}
  /\ \E Q \in Quorum :
        LET P == {m \in InBallot("promise", b) : m.from \in Q}
        IN  /\ \A a \in Q : \E m \in P : m.from = a
            /\ Safe(P, v)
  /\ Broadcast([type |-> "propose", bal |-> b, val |-> v])
  /\ UNCHANGED acceptorVars

Accept(a) ==
  \E m \in SentOfType("propose") :
     /\ promised[a] <= m.bal
     /\ promised'    = [promised    EXCEPT ![a] = m.bal]
     /\ acceptedBal' = [acceptedBal EXCEPT ![a] = m.bal]
     /\ acceptedVal' = [acceptedVal EXCEPT ![a] = m.val]
     /\ Broadcast([type |-> "accepted", from |-> a, bal |-> m.bal, val |-> m.val])

Next == \/ \E b \in Ballot : Prepare(b) \/ \E v \in Value : Propose(b, v)
        \/ \E a \in Acceptor : Promise(a) \/ Accept(a)

Spec == Init /\ [][Next]_vars
-----------------------------------------------------------------------------
(***************************************************************************)
(* Learning: a value is learned once a quorum has accepted it in a ballot. *)
(***************************************************************************)
Learned == {v \in Value :
              \E b \in Ballot, Q \in Quorum :
                 \A a \in Q : [type |-> "accepted", from |-> a, bal |-> b, val |-> v] \in sent}

Agreement == \A v, w \in Learned : v = w

\* A learned value was proposed.
Validity == Learned \subseteq {m.val : m \in SentOfType("propose")}
-----------------------------------------------------------------------------
(***************************************************************************)
(* Refinement of Voting: an acceptor's votes are read off the "accepted"  *)
(* messages it sent, and Voting's joined is Paxos's promised.               *)
(***************************************************************************)
votesOf == [a \in Acceptor |->
              {<<m.bal, m.val>> : m \in {mm \in SentOfType("accepted") : mm.from = a}}]

V == INSTANCE Voting WITH votes <- votesOf, joined <- promised

\* An inductive invariant relating the messages to the acceptors' state.
Inv ==
  /\ TypeOK
  /\ \A a \in Acceptor :
        IF acceptedBal[a] = NoBallot
          THEN acceptedVal[a] = NoValue
          ELSE <<acceptedBal[a], acceptedVal[a]>> \in votesOf[a]
  /\ \A m \in SentOfType("promise") :
        /\ promised[m.from] >= m.bal
        /\ m.voteBal # NoBallot => <<m.voteBal, m.voteVal>> \in votesOf[m.from]
  /\ \A m \in SentOfType("propose") :
        /\ \E Q \in Quorum : V!QuorumShowsSafe(Q, m.bal, m.val)
        /\ \A m2 \in InBallot("propose", m.bal) : m2.val = m.val
  /\ \A m \in SentOfType("accepted") : m.bal <= promised[m.from]
  /\ V!Inv

THEOREM Refinement == Spec => V!Spec
THEOREM Consistency == Spec => []Agreement
=============================================================================
