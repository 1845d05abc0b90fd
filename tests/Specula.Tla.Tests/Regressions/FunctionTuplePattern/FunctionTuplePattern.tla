---- MODULE FunctionTuplePattern ----
\* Specula: a function whose single bound is a tuple pattern, f[<<a, b>> \in S \X S] == e or [<<a, b>> \in S \X S |-> e],
\* binds the pattern to the first component of the argument (Evaluator.Forms.cs: single = ... Names.Length == 1)
EXTENDS Integers
VARIABLE v
f[<<a, b>> \in (0..2) \X (0..2)] == a + b + v
g == [<<a, b>> \in (0..2) \X (0..2) |-> a * b]
Inv == f[<<1, 2>>] = 3 + v /\ g[<<2, 2>>] = 4
Init == v = 0
Next == v' = 1 - v
====
