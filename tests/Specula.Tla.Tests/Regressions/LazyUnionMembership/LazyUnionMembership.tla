---- MODULE LazyUnionMembership ----
\* Specula: x \in UNION {[D -> Int]} tries to enumerate [D -> Int]; TLC tests membership element-wise
\* (\E s \in {[D -> Int]} : x \in s), enumerating only the outer set
EXTENDS Integers
VARIABLE x
Init == x = [i \in 0..1 |-> 0]
Next == x' = [x EXCEPT ![0] = (@ + 1) % 3]
Inv == x \in UNION {[0..1 -> Int]}
====
