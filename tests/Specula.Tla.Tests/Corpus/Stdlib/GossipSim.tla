------------------------------ MODULE GossipSim ------------------------------
(* Random-simulation harness for Gossip: run with tlc -simulate. *)
EXTENDS Gossip
=============================================================================
