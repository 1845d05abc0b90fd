---- MODULE BitwiseXor ----
\* Specula: the community module Bitwise's ^^ (xor) is not evaluated ("not supported by Specula's evaluator yet")
EXTENDS Naturals, Bitwise
VARIABLE x
Init == x = 0
Next == x' = (x ^^ 5) % 8
====
