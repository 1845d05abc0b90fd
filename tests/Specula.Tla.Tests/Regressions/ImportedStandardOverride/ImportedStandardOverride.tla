---- MODULE ImportedStandardOverride ----
\* Specula: Seq <- Bounded replaced only the root's imported Seq, not the Seq of Sequences the instance uses,
\* so the instance's Init enumerated Seq({0, 1})
EXTENDS Naturals
VARIABLE q
Bounded(S) == UNION {[1 .. n -> S] : n \in 0 .. 2}
INSTANCE ImportedStandardOverrideInner
====
