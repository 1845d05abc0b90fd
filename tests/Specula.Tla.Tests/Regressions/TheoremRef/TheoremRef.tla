---- MODULE TheoremRef ----
\* Specula: a named THEOREM (and its assertion T!:) used in an ASSUME cannot be evaluated
EXTENDS Naturals
THEOREM T1 == \A n \in 1..3 : n + n > n
ASSUME T1
ASSUME T1!:
VARIABLE x
Init == x = 0
Next == x' = 1 - x
====
