---- MODULE SymmetryGroupClosure ----
\* SYMMETRY is a union of two permutation sets that share no model value, with states pairing an element of
\* each: TLC reduces by the group the set generates (both sets permuted at once), and a VIEW-free state is
\* represented by its smallest image in TLC's value order.
EXTENDS Naturals, TLC, FiniteSets
CONSTANTS A, B
VARIABLES pairs, last
Init == pairs = {} /\ last = <<>>
Next == \E a \in A, b \in B :
          /\ Cardinality(pairs) < 3
          /\ pairs' = pairs \cup {<<a, b>>}
          /\ last' = [x \in {a} |-> b]
Sym == Permutations(A) \cup Permutations(B)
====
