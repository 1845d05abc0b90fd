--------------------------- MODULE InsertionSort ---------------------------
(***************************************************************************)
(* Insertion sort of an arbitrary sequence, in PlusCal P-syntax with      *)
(* explicit gotos.  The result is compared with TLC's SortSeq, and the    *)
(* invariant states that the array is always a permutation of the input. *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets, TLC

(* PlusCal options (-termination) *)

CONSTANTS Values, Size

ASSUME Size \in Nat /\ Values \subseteq Nat /\ Values # {}

\* All sequences of length Size over Values.
Inputs == [1..Size -> Values]

IsSorted(s) == \A i, j \in 1..Len(s) : i < j => s[i] <= s[j]

\* s and t are permutations of one another.
IsPermutation(s, t) ==
    /\ Len(s) = Len(t)
    /\ \E p \in Permutations(1..Len(s)) : \A i \in 1..Len(s) : s[i] = t[p[i]]

Sorted(s) == SortSeq(s, LAMBDA a, b : a < b)

(* --algorithm InsertionSort
variables input \in Inputs,
          A = input,
          i = 2,
          j = 0,
          key = 0;
begin
outer:
  if i <= Size then
    key := A[i];
    j := i - 1;
  else
    goto finished;
  end if;
inner:
  if j >= 1 /\ A[j] > key then
    A[j + 1] := A[j];
    j := j - 1;
    goto inner;
  end if;
place:
  A[j + 1] := key;
  i := i + 1;
  goto outer;
finished:
  assert IsSorted(A);
end algorithm; *)
\* BEGIN TRANSLATION
VARIABLES pc, input, A, i, j, key

vars == << pc, input, A, i, j, key >>

Init == (* Global variables *)
        /\ input \in Inputs
        /\ A = input
        /\ i = 2
        /\ j = 0
        /\ key = 0
        /\ pc = "outer"

outer == /\ pc = "outer"
         /\ IF i <= Size
               THEN /\ key' = A[i]
                    /\ j' = i - 1
                    /\ pc' = "inner"
               ELSE /\ pc' = "finished"
                    /\ UNCHANGED << j, key >>
         /\ UNCHANGED << input, A, i >>

inner == /\ pc = "inner"
         /\ IF j >= 1 /\ A[j] > key
               THEN /\ A' = [A EXCEPT ![j + 1] = A[j]]
                    /\ j' = j - 1
                    /\ pc' = "inner"
               ELSE /\ pc' = "place"
                    /\ UNCHANGED << A, j >>
         /\ UNCHANGED << input, i, key >>

place == /\ pc = "place"
         /\ A' = [A EXCEPT ![j + 1] = key]
         /\ i' = i + 1
         /\ pc' = "outer"
         /\ UNCHANGED << input, j, key >>

finished == /\ pc = "finished"
            /\ Assert(IsSorted(A), 
                      "Failure of assertion at line 50, column 3.")
            /\ pc' = "Done"
            /\ UNCHANGED << input, A, i, j, key >>

(* Allow infinite stuttering to prevent deadlock on termination. *)
Terminating == pc = "Done" /\ UNCHANGED vars

Next == outer \/ inner \/ place \/ finished
           \/ Terminating

Spec == /\ Init /\ [][Next]_vars
        /\ WF_vars(Next)

Termination == <>(pc = "Done")

\* END TRANSLATION

\* The prefix A[1..i-1] is sorted whenever we are at the outer loop.
PrefixSorted == pc = "outer" => IsSorted(SubSeq(A, 1, i - 1))

\* Outside the inner loop A is a permutation of the input.
Permuted == pc \in {"outer", "Done"} => IsPermutation(A, input)

\* The final result is what SortSeq computes.
Correct == pc = "Done" => A = Sorted(input)

Terminates == <>(pc = "Done")
=============================================================================
