---- MODULE OverrideStdSeq ----
\* Specula: the cfg overrides the standard-module operator Seq (Seq <- LimitedSeq); Specula keeps the built-in Seq
EXTENDS Naturals, Sequences
VARIABLE seq
LimitedSeq(S) == UNION {[1 .. n -> S] : n \in 1 .. 2}
Init == seq \in Seq({0, 1}) \ {<< >>}
Next == UNCHANGED seq
====
