---- MODULE DyadicRationalsOps ----
\* The community module DyadicRationals (tlaplus/Examples' Huang): a weight is split in halves and summed back;
\* the sums are reduced (1/4 + 1/4 = 1/2, 1/2 + 1/2 = One) and Zero is the neutral element of Add.
EXTENDS Naturals, DyadicRationals
VARIABLES w, s
Init == w = One /\ s = Zero
Next == \/ w.den < 16 /\ w' = Half(w) /\ s' = Add(s, Half(w))
        \/ s # Zero /\ w' = Add(w, s) /\ s' = Zero
Inv == /\ IsDyadicRational(w) /\ IsDyadicRational(s)
       /\ Add(w, s) = One
       /\ PrettyPrint(Half(One)) = "1/2" /\ PrettyPrint(Add(Half(One), Half(One))) = "1"
====
