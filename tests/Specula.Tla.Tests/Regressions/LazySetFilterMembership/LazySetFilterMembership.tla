---- MODULE LazySetFilterMembership ----
\* Specula: x \in {y \in S : P(y)} enumerates S (here SUBSET SUBSET (1..5), 2^32 elements);
\* TLC tests x \in S /\ P(x) without enumerating S
EXTENDS Naturals
VARIABLE x
Partitions == {P \in SUBSET SUBSET (1..5) : UNION P = 1..5}
Init == x = {{1, 2}, {3, 4, 5}}
Next == x' = IF x = {{1, 2}, {3, 4, 5}} THEN {1..5} ELSE x
Inv == x \in Partitions
====
