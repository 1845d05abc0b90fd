----------------------------- MODULE Warehouse -----------------------------
(***************************************************************************)
(* A warehouse whose stock is a bag (multiset) of items, using the Bags   *)
(* standard module: EmptyBag, SetToBag, BagIn, (+), (-), CopiesIn,        *)
(* BagToSet, BagCardinality, SubBag, BagOfAll, BagUnion and \sqsubseteq.  *)
(***************************************************************************)
EXTENDS Naturals, Bags, FiniteSets

CONSTANTS Item, Capacity, MaxOrder, MaxThroughput

ASSUME /\ IsFiniteSet(Item)
       /\ Capacity \in Nat
       /\ MaxOrder \in Nat \ {0}

VARIABLES stock,     \* bag of items on the shelves
          shipped,   \* bag of items shipped so far
          received   \* bag of items received so far

vars == <<stock, shipped, received>>

\* A bag with k copies of item i.
Copies(i, k) == [x \in {i} |-> k]

\* All non-empty orders of up to MaxOrder copies of one item.
Orders == {Copies(i, k) : i \in Item, k \in 1..MaxOrder}

TypeOK == /\ IsABag(stock)
          /\ IsABag(shipped)
          /\ IsABag(received)
          /\ BagToSet(stock) \subseteq Item
          /\ BagCardinality(stock) <= Capacity

Init == /\ stock = EmptyBag
        /\ shipped = EmptyBag
        /\ received = EmptyBag

\* A delivery arrives.
Receive(o) == /\ BagCardinality(stock) + BagCardinality(o) <= Capacity
              /\ stock' = stock (+) o
              /\ received' = received (+) o
              /\ UNCHANGED shipped

\* An order is shipped if it is a sub-bag of the stock.
Ship(o) == /\ o \sqsubseteq stock
           /\ stock' = stock (-) o
           /\ shipped' = shipped (+) o
           /\ UNCHANGED received

\* Throw away one unit of every item in stock (e.g. damage inspection).
Inspect == /\ stock # EmptyBag
           /\ stock' = stock (-) SetToBag(BagToSet(stock))
           /\ received' = received (-) SetToBag(BagToSet(stock))
           /\ UNCHANGED shipped

Next == \/ \E o \in Orders : Receive(o) \/ Ship(o)
        \/ Inspect

Spec == Init /\ [][Next]_vars

\* Bounds the model: total items received.
ThroughputBound == BagCardinality(received) <= MaxThroughput

\* Conservation: what came in is on the shelf or has left.
Conservation == received = stock (+) shipped

\* Each item's count is consistent.
PerItem == \A i \in Item :
              CopiesIn(i, received) = CopiesIn(i, stock) + CopiesIn(i, shipped)

InStock(i) == BagIn(i, stock)

\* Items in stock are exactly those with a positive count.
StockSet == \A i \in Item : InStock(i) <=> CopiesIn(i, stock) > 0

\* The sub-bags of a small bag, and bag union of a set of bags.
ASSUME SubBag(SetToBag({1, 2})) = {EmptyBag, SetToBag({1}), SetToBag({2}), SetToBag({1, 2})}
ASSUME BagUnion({SetToBag({1}), SetToBag({1, 2})}) = SetToBag({1}) (+) SetToBag({1, 2})
ASSUME BagOfAll(LAMBDA x : x % 2, SetToBag({1, 2, 3})) = Copies(1, 2) (+) Copies(0, 1)
=============================================================================
