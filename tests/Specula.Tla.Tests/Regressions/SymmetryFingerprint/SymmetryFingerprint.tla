---- MODULE SymmetryFingerprint ----
\* Symmetry over a state of sets of records, functions keyed by model values and sequences of them
EXTENDS Naturals, Sequences, FiniteSets, TLC
CONSTANT Proc
VARIABLES msgs, val, log
Init == msgs = {} /\ val = [p \in Proc |-> 0] /\ log = <<>>
Send(p, q) ==
    /\ p # q /\ val[p] < 2
    /\ msgs' = msgs \cup {[from |-> p, to |-> q, v |-> val[p]]}
    /\ val' = [val EXCEPT ![p] = @ + 1]
    /\ UNCHANGED log
Recv(m) ==
    /\ msgs' = msgs \ {m}
    /\ val' = [val EXCEPT ![m.to] = m.v]
    /\ log' = IF Len(log) < 2 THEN Append(log, m.from) ELSE log
Next == (\E p, q \in Proc : Send(p, q)) \/ (\E m \in msgs : Recv(m))
Small == Cardinality(msgs) <= 2
Sym == Permutations(Proc)
====
