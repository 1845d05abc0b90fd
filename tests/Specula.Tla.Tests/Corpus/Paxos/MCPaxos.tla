------------------------------ MODULE MCPaxos ------------------------------
(***************************************************************************)
(* A finite model of Paxos: three acceptors with majority quorums, two    *)
(* values and ballots 0..1.  Checks the invariant, agreement, validity    *)
(* and the refinement chain Paxos => Voting => Consensus.                 *)
(***************************************************************************)
EXTENDS Paxos

CONSTANTS a1, a2, a3, v1, v2

MCAcceptor == {a1, a2, a3}
MCValue    == {v1, v2}
MCQuorum   == {{a1, a2}, {a1, a3}, {a2, a3}}
MCBallot   == 0..1

\* Refinement properties, as named formulas for the configuration file.
VotingSpec    == V!Spec
ConsensusSpec == V!C!Spec
=============================================================================
