--------------------------- MODULE UserOperators ---------------------------
(***************************************************************************)
(* User-defined infix, prefix and postfix operators, higher-order         *)
(* operators and LAMBDA expressions, applied to relations over a small    *)
(* set of nodes (transitive closure of a graph's edge relation).          *)
(***************************************************************************)
LOCAL INSTANCE Naturals
LOCAL INSTANCE Sequences
LOCAL INSTANCE FiniteSets

CONSTANT Node

VARIABLE edges   \* a set of pairs <<a, b>>

(***************************************************************************)
(* Relations as sets of pairs.                                            *)
(***************************************************************************)
\* Relational composition, written as an infix operator (\bullet).
R \bullet S == {<<a, c>> \in Node \X Node : \E b \in Node : <<a, b>> \in R /\ <<b, c>> \in S}

\* Union of relations, written (+).
R (+) S == R \cup S

\* Symmetric difference, written (-).
R (-) S == (R \ S) \cup (S \ R)

\* Transitive closure as a postfix operator, using a recursive function.
R^+ == LET step[n \in Nat] == IF n = 0 THEN R ELSE step[n - 1] \cup (step[n - 1] \bullet R)
       IN  step[Cardinality(Node)]

\* Reflexive-transitive closure.
R^* == R^+ \cup {<<a, a>> : a \in Node}

\* The inverse relation; a postfix operator.
R^# == {<<b, a>> : <<a, b>> \in R}

\* Reachability order on nodes under the current edges.
a \preceq b == <<a, b>> \in edges^*
a \prec b == a \preceq b /\ a # b

\* A prefix operator (unary minus) on relations: the complement.
-. R == (Node \X Node) \ R

\* Some more infix symbols with ad hoc meanings.
s ++ t == s \o t                  \* sequence concatenation
S ** T == S \X T                  \* an alias for the cartesian product
a // b == a \div b                \* integer division
a %% b == a % b
a ## b == <<a, b>>                \* pairing
a \uplus b == a \cup b \cup {}    \* disjoint union (assumed disjoint)
a \sqsubseteq b == a \subseteq b

(***************************************************************************)
(* Higher-order operators.                                                *)
(***************************************************************************)
Twice(F(_), x) == F(F(x))
Compose(F(_), G(_), x) == F(G(x))
MapSet(F(_), S) == {F(x) : x \in S}
FilterSet(P(_), S) == {x \in S : P(x)}
Zip(F(_, _), s, t) == [i \in 1..Len(s) |-> F(s[i], t[i])]
ExistsUnique(S, P(_)) == \E x \in S : P(x) /\ \A y \in S : P(y) => y = x
ArgMax(S, F(_)) == CHOOSE x \in S : \A y \in S : F(y) <= F(x)

\* Operator parameters passed on to other higher-order operators.
ApplyTwiceToAll(F(_), S) == MapSet(LAMBDA x : Twice(F, x), S)
Call(F(_), x) == F(x)

\* Successors of a node, defined with a LAMBDA passed to FilterSet.
Succ(a) == FilterSet(LAMBDA b : <<a, b>> \in edges, Node)

\* Node with the most successors.
Hub == ArgMax(Node, LAMBDA a : Cardinality(Succ(a)))

ASSUME Twice(LAMBDA n : n * 3, 2) = 18
ASSUME Compose(LAMBDA n : n + 1, LAMBDA n : n * 2, 5) = 11
ASSUME Zip(LAMBDA a, b : a + b, <<1, 2>>, <<10, 20>>) = <<11, 22>>
ASSUME ApplyTwiceToAll(LAMBDA n : n + 1, {1, 2}) = {3, 4}
ASSUME Call(LAMBDA n : n * n, 4) = 16
ASSUME 17 // 5 = 3 /\ 17 %% 5 = 2
ASSUME <<1>> ++ <<2, 3>> = <<1, 2, 3>>
ASSUME (1 ## 2) = <<1, 2>>
ASSUME {1} \uplus {2} = {1, 2}
ASSUME ExistsUnique(1..5, LAMBDA n : n * n = 9)
-----------------------------------------------------------------------------
Init == edges = {}

AddEdge == \E a, b \in Node :
              /\ a # b
              /\ <<a, b>> \notin edges
              /\ edges' = edges (+) {<<a, b>>}

RemoveEdge == \E e \in edges : edges' = edges (-) {e}

Next == AddEdge \/ RemoveEdge

Spec == Init /\ [][Next]_edges

TypeOK == edges \subseteq Node ** Node

\* Closure properties that must hold for every relation.
ClosureIsTransitive == (edges^+ \bullet edges^+) \sqsubseteq edges^+
ClosureContains == edges \sqsubseteq edges^+
InverseInvolution == (edges^#)^# = edges
ComplementInvolution == - (- edges) = edges
PreorderReflexive == \A a \in Node : a \preceq a
StrictIrreflexive == \A a \in Node : ~ (a \prec a)
HubIsNode == Hub \in Node
=============================================================================
