---------------------------- MODULE ArithProofs ----------------------------
(***************************************************************************)
(* Structured (TLAPS-style) proofs about a small counter system and some  *)
(* elementary arithmetic.  The proofs exercise every proof construct of   *)
(* TLA+2: SUFFICES, ASSUME/PROVE with NEW, CASE, PICK, TAKE, HAVE,        *)
(* WITNESS, DEFINE, USE, HIDE, BY ... DEF, BY ONLY, OBVIOUS, OMITTED and  *)
(* QED.  The leaf steps are not meant to be machine-checked here.         *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANTS Bound, Step(_)

AXIOM BoundIsNat == Bound \in Nat
AXIOM StepPositive == \A n \in Nat : Step(n) \in Nat /\ Step(n) > 0

ASSUME BoundAtLeastOne == Bound >= 1

VARIABLE x

TypeOK == x \in 0..Bound

Init == x = 0

Inc == /\ x < Bound
       /\ x' = x + 1

Reset == /\ x = Bound
         /\ x' = 0

Next == Inc \/ Reset

Spec == Init /\ [][Next]_x /\ WF_x(Next)

Even(n) == \E k \in Nat : n = 2 * k
Odd(n) == \E k \in Nat : n = 2 * k + 1

-----------------------------------------------------------------------------
LEMMA InitTypeOK == Init => TypeOK
PROOF BY BoundIsNat DEF Init, TypeOK

LEMMA NextTypeOK == TypeOK /\ [Next]_x => TypeOK'
<1> SUFFICES ASSUME TypeOK, [Next]_x PROVE TypeOK'
  OBVIOUS
<1> USE BoundIsNat DEF TypeOK
<1>1. CASE Inc
  BY <1>1 DEF Inc
<1>2. CASE Reset
  BY <1>2 DEF Reset
<1>3. CASE UNCHANGED x
  BY <1>3
<1>4. QED
  BY <1>1, <1>2, <1>3 DEF Next

THEOREM TypeCorrect == Spec => []TypeOK
<1>1. Init => TypeOK
  BY InitTypeOK
<1>2. TypeOK /\ [Next]_x => TypeOK'
  BY NextTypeOK
<1>3. QED
  PROOF OMITTED

-----------------------------------------------------------------------------
(* Elementary arithmetic facts. *)

THEOREM EvenOrOdd == \A n \in Nat : Even(n) \/ Odd(n)
<1> TAKE n \in Nat
<1>1. CASE n = 0
  <2> WITNESS 0 \in Nat
  <2> QED
    BY <1>1 DEF Even
<1>2. CASE n # 0
  <2>1. PICK m \in Nat : n = m + 1
    BY <1>2
  <2>2. Even(m) \/ Odd(m)
    PROOF OMITTED
  <2>3. QED
    BY <2>1, <2>2 DEF Even, Odd
<1>3. QED
  BY <1>1, <1>2

THEOREM SumOfEvens ==
  ASSUME NEW a \in Nat, NEW b \in Nat,
         Even(a), Even(b)
  PROVE  Even(a + b)
<1>1. PICK i \in Nat : a = 2 * i
  BY DEF Even
<1>2. PICK j \in Nat : b = 2 * j
  BY DEF Even
<1>3. a + b = 2 * (i + j)
  BY <1>1, <1>2
<1>4. QED
  <2> WITNESS i + j \in Nat
  <2> QED
    BY <1>3

THEOREM ImplicationStyle == \A n \in Nat : Even(n) => Odd(n + 1)
<1> SUFFICES ASSUME NEW n \in Nat PROVE Even(n) => Odd(n + 1)
  OBVIOUS
<1> HAVE Even(n)
<1>1. PICK k \in Nat : n = 2 * k
  BY DEF Even
<1> DEFINE succ == n + 1
<1>2. succ = 2 * k + 1
  BY <1>1 DEF succ
<1> HIDE DEF succ
<1>3. QED
  BY ONLY <1>2 DEF Odd, succ

\* A theorem about a constant operator parameter.
PROPOSITION StepsGrow == \A n \in Nat : n + Step(n) > n
<1> USE StepPositive
<1> TAKE n \in Nat
<1> QED
  OBVIOUS

COROLLARY StepsNat == \A n \in Nat : Step(n) \in Nat
  BY StepPositive

\* A named step label using letters, and a proof with an intermediate
\* assertion written as an ASSUME/PROVE step.
THEOREM ResetReachesZero == TypeOK /\ Reset => x' = 0
<1>a. ASSUME TypeOK, Reset PROVE x' = 0
  BY DEF Reset
<1>b. QED
  BY <1>a

\* A finite-set fact, proved from the FiniteSets module's definitions.
THEOREM IntervalFinite == ASSUME NEW n \in Nat PROVE IsFiniteSet(1..n)
  PROOF OMITTED
=============================================================================
