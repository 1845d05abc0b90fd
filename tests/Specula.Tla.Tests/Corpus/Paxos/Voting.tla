------------------------------ MODULE Voting -------------------------------
(***************************************************************************)
(* An abstract voting algorithm underlying Paxos.  Acceptors vote in       *)
(* numbered ballots; a value is chosen in a ballot when a quorum votes for *)
(* it.  An acceptor may vote for v in ballot b only if v is "safe at" b,   *)
(* which guarantees that no other value could have been or can be chosen  *)
(* in a lower-numbered ballot.                                             *)
(***************************************************************************)
EXTENDS Integers, FiniteSets

CONSTANTS Value, Acceptor, Quorum

ASSUME QuorumAssumption ==
          /\ \A Q \in Quorum : Q \subseteq Acceptor
          /\ \A Q1, Q2 \in Quorum : Q1 \cap Q2 # {}

THEOREM QuorumNonEmpty == \A Q \in Quorum : Q # {}
PROOF BY QuorumAssumption

\* Ballot numbers: a set of naturals (all of Nat in the real algorithm,
\* a finite prefix for model checking).
CONSTANT Ballot
ASSUME BallotAssumption == Ballot \subseteq Nat /\ 0 \in Ballot

VARIABLES votes,   \* votes[a] is the set of <<ballot, value>> pairs a voted for
          joined   \* joined[a]: the highest ballot a has joined; a never
                   \* votes in a ballot below it

vars == <<votes, joined>>

TypeOK == /\ votes \in [Acceptor -> SUBSET (Ballot \X Value)]
          /\ joined \in [Acceptor -> Ballot \cup {-1}]

Voted(a, b, v) == <<b, v>> \in votes[a]

ChosenIn(b, v) == \E Q \in Quorum : \A a \in Q : Voted(a, b, v)

chosen == {v \in Value : \E b \in Ballot : ChosenIn(b, v)}

Abstained(a, b) == \A v \in Value : ~ Voted(a, b, v)

\* a has moved past ballot b without voting in it, so it never will.
Skipped(a, b) == /\ joined[a] > b
                 /\ Abstained(a, b)

\* No value other than v is or can ever be chosen in ballot b.
OnlyChoosable(b, v) ==
   \E Q \in Quorum :
     \A a \in Q : Voted(a, b, v) \/ Skipped(a, b)

SafeAt(b, v) == \A c \in 0..(b-1) : OnlyChoosable(c, v)

\* Every vote is cast for a value safe at its ballot.
VotesAreSafe == \A a \in Acceptor, b \in Ballot, v \in Value :
                 Voted(a, b, v) => SafeAt(b, v)

SingleVote == \A a \in Acceptor, b \in Ballot, v, w \in Value :
              Voted(a, b, v) /\ Voted(a, b, w) => (v = w)

BallotUnanimity ==
    \A a1, a2 \in Acceptor, b \in Ballot, v1, v2 \in Value :
       Voted(a1, b, v1) /\ Voted(a2, b, v2) => (v1 = v2)

Inv == TypeOK /\ VotesAreSafe /\ BallotUnanimity

----------------------------------------------------------------------------
Init == /\ votes  = [a \in Acceptor |-> {}]
        /\ joined = [a \in Acceptor |-> -1]

JoinBallot(a, b) ==
    /\ b > joined[a]
    /\ joined' = [joined EXCEPT ![a] = b]
    /\ UNCHANGED votes

\* A quorum Q shows v safe at b when every member has advanced past b-1
\* and v is the value voted for at the highest ballot below b by Q
\* (or no member of Q voted below b).
QuorumShowsSafe(Q, b, v) ==
  /\ \A a \in Q : joined[a] \geq b
  /\ \E c \in -1..(b-1) :
       /\ (c # -1) => \E a \in Q : Voted(a, c, v)
       /\ \A d \in (c+1)..(b-1), a \in Q : Abstained(a, d)

\* Acceptor a votes for v in ballot b.
CastVote(a, b, v) ==
    /\ joined[a] \leq b
    /\ \A vt \in votes[a] : vt[1] # b
    /\ \A c \in Acceptor \ {a} :
          \A vt \in votes[c] : (vt[1] = b) => (vt[2] = v)
    /\ \E Q \in Quorum : QuorumShowsSafe(Q, b, v)
    /\ votes'  = [votes EXCEPT ![a] = @ \cup {<<b, v>>}]
    /\ joined' = [joined EXCEPT ![a] = b]

Next == \E a \in Acceptor, b \in Ballot :
           \/ JoinBallot(a, b)
           \/ \E v \in Value : CastVote(a, b, v)

Spec == Init /\ [][Next]_vars

----------------------------------------------------------------------------
\* Voting implements Consensus under the refinement mapping chosen <- chosen.

C == INSTANCE Consensus

THEOREM Refinement == Spec => C!Spec

\* A structured proof sketch of the key invariant.  The leaf steps are
\* justified by definitions only; TLAPS would need more facts.
THEOREM Invariance == Spec => []Inv
<1>1. Init => Inv
  <2> SUFFICES ASSUME Init PROVE Inv
    OBVIOUS
  <2>1. TypeOK
    BY DEF Init, TypeOK
  <2>2. VotesAreSafe
    BY DEF Init, VotesAreSafe, Voted
  <2>3. BallotUnanimity
    BY DEF Init, BallotUnanimity, Voted
  <2>4. QED
    BY <2>1, <2>2, <2>3 DEF Inv
<1>2. Inv /\ [Next]_vars => Inv'
  <2> SUFFICES ASSUME Inv, [Next]_vars PROVE Inv'
    OBVIOUS
  <2>1. CASE \E a \in Acceptor, b \in Ballot : JoinBallot(a, b)
    <3>1. PICK a \in Acceptor, b \in Ballot : JoinBallot(a, b)
      BY <2>1
    <3>2. QED
      BY <3>1 DEF Inv, TypeOK, VotesAreSafe, BallotUnanimity, JoinBallot,
                  SafeAt, OnlyChoosable, Skipped
  <2>2. CASE \E a \in Acceptor, b \in Ballot, v \in Value : CastVote(a, b, v)
    <3>1. PICK a \in Acceptor, b \in Ballot, v \in Value : CastVote(a, b, v)
      BY <2>2
    <3>2. QED
      BY <3>1, QuorumAssumption
         DEF Inv, TypeOK, VotesAreSafe, BallotUnanimity, CastVote, QuorumShowsSafe
  <2>3. CASE UNCHANGED vars
    BY <2>3 DEF vars, Inv, TypeOK, VotesAreSafe, BallotUnanimity, Voted,
                SafeAt, OnlyChoosable, Skipped, Abstained
  <2>4. QED
    BY <2>1, <2>2, <2>3 DEF Next
<1>3. QED
  PROOF OMITTED
=============================================================================
