---------------------------- MODULE PriorityQueue ----------------------------
(***************************************************************************)
(* A priority queue of tasks built on OrderedSet.  The module exercises  *)
(* many kinds of instantiation:                                           *)
(*  - named instances of a user module with operator substitution,        *)
(*  - a parameterized instance (one instance per priority order),         *)
(*  - named instances of standard modules (Naturals, Sequences),          *)
(*  - LOCAL INSTANCE and instances with implicit substitution.            *)
(***************************************************************************)
EXTENDS FiniteSets

LOCAL INSTANCE TLC
LOCAL INSTANCE Naturals
Nat0 == INSTANCE Naturals
S == INSTANCE Sequences

CONSTANTS Task, Weight, MaxQ

ASSUME /\ Weight \in [Task -> Nat0!Nat]
       /\ \A a, b \in Task : a # b => Weight[a] # Weight[b]
       /\ MaxQ \in Nat0!Nat

\* Order tasks by weight, or by reverse weight.
ByWeight(a, b) == Nat0!<(Weight[a], Weight[b])
ByReverse(a, b) == Nat0!>(Weight[a], Weight[b])

Heavy == INSTANCE OrderedSet WITH Elem <- Task, LessThan <- ByWeight
Light == INSTANCE OrderedSet WITH Elem <- Task, LessThan <- ByReverse

\* A parameterized instance: the ordering is an argument.
\* (Instances are only parameterized by ordinary values, so the order is
\*  chosen by a flag.)
Ordered(desc) == INSTANCE OrderedSet
                   WITH Elem <- Task,
                        LessThan <- LAMBDA a, b : IF desc THEN ByReverse(a, b)
                                                          ELSE ByWeight(a, b)

VARIABLES queue,   \* the tasks waiting, as a sorted sequence
          served   \* the sequence of served tasks

vars == <<queue, served>>

TypeOK == /\ queue \in S!Seq(Task)
          /\ served \in S!Seq(Task)
          /\ S!Len(queue) <= MaxQ

Init == queue = << >> /\ served = << >>

InQueue == {queue[i] : i \in 1..S!Len(queue)}
Served == {served[i] : i \in 1..S!Len(served)}

Add(t) == /\ t \notin InQueue \cup Served
          /\ Nat0!<(S!Len(queue), MaxQ)
          /\ queue' = Heavy!Insert(queue, t)
          /\ UNCHANGED served

\* Serve the highest-weight task (last in ascending order).
Serve == /\ queue # << >>
         /\ served' = S!Append(served, queue[S!Len(queue)])
         /\ queue' = S!SubSeq(queue, 1, S!Len(queue) - 1)

Next == (\E t \in Task : Add(t)) \/ Serve

Spec == Init /\ [][Next]_vars

QueueSorted == Heavy!IsSortedSeq(queue)
ReverseSorted == Light!IsSortedSeq(S!SubSeq(served, 1, 0))
SameAsSortSet == queue = Heavy!SortSet(InQueue)
OrdersAgree == /\ Ordered(FALSE)!SortSet(InQueue) = Heavy!SortSet(InQueue)
               /\ Ordered(TRUE)!SortSet(InQueue) = Light!SortSet(InQueue)
MaxServedFirst == queue # << >> => queue[S!Len(queue)] = Heavy!Max(InQueue)
QueueChained == Heavy!Chained(queue)
RankOK == \A i \in 1..S!Len(queue) : Heavy!Rank(InQueue, queue[i]) = i - 1
=============================================================================
