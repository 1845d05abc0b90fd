------------------------------- MODULE Euclid -------------------------------
(***************************************************************************)
(* Euclid's algorithm, twice: as an iterative PlusCal loop and as a       *)
(* recursive PlusCal procedure (C-syntax).  Both are checked against a    *)
(* mathematical definition of the greatest common divisor.                *)
(***************************************************************************)
EXTENDS Naturals, Sequences, TLC

CONSTANT MaxN
ASSUME MaxN \in Nat \ {0}

IsDivisor(p, n) == \E q \in 0..n : n = q * p
Divisors(n) == {p \in 1..n : IsDivisor(p, n)}
Largest(S) == CHOOSE x \in S : \A y \in S : x >= y
Gcd(m, n) == Largest(Divisors(m) \cap Divisors(n))

Inputs == 1..MaxN

(* --algorithm Euclid {
  variables x0 \in Inputs, y0 \in Inputs,
            result = 0;

  procedure EuclidRec(a, b) {
    r1: if (b = 0) {
          result := a;
          return;
        } else {
          call EuclidRec(b, a % b);
          return;
        }
  }

  process (iter = "iterative")
    variables x = x0, y = y0;
  {
    i1: while (x # y) {
          if (x < y) { y := y - x }
          else { x := x - y }
        };
    i2: assert x = Gcd(x0, y0);
  }

  process (rec = "recursive") {
    p1: call EuclidRec(x0, y0);
    p2: assert result = Gcd(x0, y0);
  }
} *)
\* BEGIN TRANSLATION
CONSTANT defaultInitValue
VARIABLES pc, x0, y0, result, stack, a, b, x, y

vars == << pc, x0, y0, result, stack, a, b, x, y >>

ProcSet == {"iterative"} \cup {"recursive"}

Init == (* Global variables *)
        /\ x0 \in Inputs
        /\ y0 \in Inputs
        /\ result = 0
        (* Procedure EuclidRec *)
        /\ a = [ self \in ProcSet |-> defaultInitValue]
        /\ b = [ self \in ProcSet |-> defaultInitValue]
        (* Process iter *)
        /\ x = x0
        /\ y = y0
        /\ stack = [self \in ProcSet |-> << >>]
        /\ pc = [self \in ProcSet |-> CASE self = "iterative" -> "i1"
                                        [] self = "recursive" -> "p1"]

r1(self) == /\ pc[self] = "r1"
            /\ IF b[self] = 0
                  THEN /\ result' = a[self]
                       /\ pc' = [pc EXCEPT ![self] = Head(stack[self]).pc]
                       /\ a' = [a EXCEPT ![self] = Head(stack[self]).a]
                       /\ b' = [b EXCEPT ![self] = Head(stack[self]).b]
                       /\ stack' = [stack EXCEPT ![self] = Tail(stack[self])]
                  ELSE /\ /\ a' = [a EXCEPT ![self] = b[self]]
                          /\ b' = [b EXCEPT ![self] = a[self] % b[self]]
                       /\ pc' = [pc EXCEPT ![self] = "r1"]
                       /\ UNCHANGED << result, stack >>
            /\ UNCHANGED << x0, y0, x, y >>

EuclidRec(self) == r1(self)

i1 == /\ pc["iterative"] = "i1"
      /\ IF x # y
            THEN /\ IF x < y
                       THEN /\ y' = y - x
                            /\ x' = x
                       ELSE /\ x' = x - y
                            /\ y' = y
                 /\ pc' = [pc EXCEPT !["iterative"] = "i1"]
            ELSE /\ pc' = [pc EXCEPT !["iterative"] = "i2"]
                 /\ UNCHANGED << x, y >>
      /\ UNCHANGED << x0, y0, result, stack, a, b >>

i2 == /\ pc["iterative"] = "i2"
      /\ Assert(x = Gcd(x0, y0), 
                "Failure of assertion at line 40, column 9.")
      /\ pc' = [pc EXCEPT !["iterative"] = "Done"]
      /\ UNCHANGED << x0, y0, result, stack, a, b, x, y >>

iter == i1 \/ i2

p1 == /\ pc["recursive"] = "p1"
      /\ /\ a' = [a EXCEPT !["recursive"] = x0]
         /\ b' = [b EXCEPT !["recursive"] = y0]
         /\ stack' = [stack EXCEPT !["recursive"] = << [ procedure |->  "EuclidRec",
                                                         pc        |->  "p2",
                                                         a         |->  a["recursive"],
                                                         b         |->  b["recursive"] ] >>
                                                     \o stack["recursive"]]
      /\ pc' = [pc EXCEPT !["recursive"] = "r1"]
      /\ UNCHANGED << x0, y0, result, x, y >>

p2 == /\ pc["recursive"] = "p2"
      /\ Assert(result = Gcd(x0, y0), 
                "Failure of assertion at line 45, column 9.")
      /\ pc' = [pc EXCEPT !["recursive"] = "Done"]
      /\ UNCHANGED << x0, y0, result, stack, a, b, x, y >>

rec == p1 \/ p2

(* Allow infinite stuttering to prevent deadlock on termination. *)
Terminating == /\ \A self \in ProcSet: pc[self] = "Done"
               /\ UNCHANGED vars

Next == iter \/ rec
           \/ (\E self \in ProcSet: EuclidRec(self))
           \/ Terminating

Spec == /\ Init /\ [][Next]_vars
        /\ WF_vars(iter)
        /\ WF_vars(rec) /\ WF_vars(EuclidRec("recursive"))

Termination == <>(\A self \in ProcSet: pc[self] = "Done")

\* END TRANSLATION

\* The loop invariant of the iterative version.
LoopInv == Gcd(x, y) = Gcd(x0, y0)

\* Partial correctness of both versions.
Correct == /\ pc["iterative"] = "Done" => x = Gcd(x0, y0)
           /\ pc["recursive"] = "Done" => result = Gcd(x0, y0)

\* The recursion depth is bounded.
StackBound == Len(stack["recursive"]) <= MaxN + 1

AllFinish == <>(\A p \in ProcSet : pc[p] = "Done")
=============================================================================
