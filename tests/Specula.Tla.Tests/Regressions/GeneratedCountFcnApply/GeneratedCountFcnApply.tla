---- MODULE GeneratedCountFcnApply ----
\* Generated-state count differs (distinct agrees): for f[e] with f a function definition not yet evaluated
\* (FcnLambdaValue), TLC's generator walks into f's body at e (Tool.getNextStates, OPCODE_fa), so each witness of its \E
\* yields a successor; Specula evaluates SA[0] as one guard (TLC 7 generated, Specula 4). Pattern of byzpaxos VoteProof's SafeAt.
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x < 3 /\ (LET SA[k \in 0..1] == \E j \in 1..2 : j >= k IN SA[0]) /\ x' = x + 1
====
