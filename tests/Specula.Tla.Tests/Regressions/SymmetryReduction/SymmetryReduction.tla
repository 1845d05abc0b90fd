---- MODULE SymmetryReduction ----
\* Specula: SYMMETRY is ignored (warning), so it reports the unreduced state count; TLC reduces by permutations of Proc
EXTENDS TLC
CONSTANT Proc
VARIABLE owner
Init == owner = {}
Next == \E p \in Proc : owner' = owner \cup {p}
Sym == Permutations(Proc)
====
