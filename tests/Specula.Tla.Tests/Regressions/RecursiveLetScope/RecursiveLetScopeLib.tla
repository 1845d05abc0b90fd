---- MODULE RecursiveLetScopeLib ----
\* LET definitions beside RECURSIVE LET declarations: all of them belong to the LET, not to this module's exports.
EXTENDS Naturals
Op(n) == LET c == n + 1
             RECURSIVE z
             z == c * 2
             RECURSIVE R(_)
             R(k) == IF k = 0 THEN c ELSE R(k - 1)
         IN {z, R(c)}
====
