---- MODULE SymmetryActionProperty ----
\* Specula: under SYMMETRY an action property was checked on the edge to the stored representative of the
\* successor's class, <<v1, v1>> for the step to <<v2, v2>>, which looks like a change of d: a false violation
EXTENDS TLC
CONSTANTS V, None
VARIABLES d, e
Init == d = None /\ e = None
Next == \/ e = None /\ \E v \in V : e' = v /\ d' = d
        \/ e # None /\ d = None /\ \E v \in V : d' = v /\ e' = e
        \/ d # None /\ e # d /\ e' = d /\ d' = d
DecidedOnce == [][d = None]_d
Sym == Permutations(V)
====
