---- MODULE SymmetryReduction ----
\* TLC reduces the states by the permutations of Proc
EXTENDS TLC
CONSTANT Proc
VARIABLE owner
Init == owner = {}
Next == \E p \in Proc : owner' = owner \cup {p}
Sym == Permutations(Proc)
====
