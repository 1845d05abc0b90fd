---- MODULE NoBehaviour ----
\* Specula: a model with no SPECIFICATION and no INIT/NEXT (only ASSUMEs to check) is rejected; TLC checks the assumptions and reports 0 states
EXTENDS Naturals, TLC
CONSTANT N
ASSUME N \in Nat /\ N > 2
ASSUME PrintT(<<"sum", N + N>>)
====
