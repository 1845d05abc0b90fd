-------------------------- MODULE MCPriorityQueue --------------------------
EXTENDS PriorityQueue

MCWeight == [t \in Task |-> CASE t = "build" -> 3
                              [] t = "test"  -> 2
                              [] t = "lint"  -> 1
                              [] OTHER       -> 0]
=============================================================================
