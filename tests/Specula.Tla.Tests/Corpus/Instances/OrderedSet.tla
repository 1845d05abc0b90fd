----------------------------- MODULE OrderedSet -----------------------------
(***************************************************************************)
(* A generic module parameterized by a carrier set and a constant         *)
(* operator LessThan(_, _) giving a strict total order.  It provides     *)
(* sorted-sequence utilities; clients instantiate it with concrete       *)
(* orders.                                                                 *)
(***************************************************************************)
LOCAL INSTANCE Naturals
LOCAL INSTANCE Sequences
LOCAL INSTANCE FiniteSets

CONSTANTS Elem,          \* the carrier set
          LessThan(_, _) \* a strict total order on Elem

AXIOM Irreflexive == \A a \in Elem : ~LessThan(a, a)
ASSUME Total == \A a, b \in Elem : a # b => LessThan(a, b) \/ LessThan(b, a)

LessEq(a, b) == a = b \/ LessThan(a, b)

\* A helper that is not exported to modules that instantiate this one.
LOCAL Between(a, x, b) == LessThan(a, x) /\ LessThan(x, b)

\* x is the immediate successor of a in S.
Successor(S, a, x) == /\ LessThan(a, x)
                     /\ ~\E y \in S : Between(a, y, x)

Min(S) == CHOOSE a \in S : \A b \in S : LessEq(a, b)
Max(S) == CHOOSE a \in S : \A b \in S : LessEq(b, a)

RECURSIVE SortSet(_)
SortSet(S) == IF S = {} THEN << >> ELSE <<Min(S)>> \o SortSet(S \ {Min(S)})

IsSortedSeq(s) == \A i \in 1..(Len(s) - 1) : LessThan(s[i], s[i + 1])

Insert(s, x) == LET lower == SelectSeq(s, LAMBDA y : LessThan(y, x))
                    upper == SelectSeq(s, LAMBDA y : LessThan(x, y))
                IN  lower \o <<x>> \o upper

Rank(S, a) == Cardinality({b \in S : LessThan(b, a)})

\* Consecutive elements of a sorted sequence are successors.
Chained(s) == \A i \in 1..(Len(s) - 1) : Successor({s[j] : j \in 1..Len(s)}, s[i], s[i + 1])
=============================================================================
