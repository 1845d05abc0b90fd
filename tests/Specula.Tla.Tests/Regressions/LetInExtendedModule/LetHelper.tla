---- MODULE LetHelper ----
LOCAL INSTANCE Naturals

Count(s) == IF s = {} THEN 0 ELSE 1

\* A LET definition without parameters reads the operator's parameter; with a RECURSIVE LET beside it.
Leq(a, b) ==
  LET ca == Count(a)
      cb == Count(b)
      RECURSIVE Up(_)
      Up(i) == IF i >= 2 THEN ca <= cb ELSE Up(i + 1)
  IN Up(0)
====
