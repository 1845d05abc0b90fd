----------------------------- MODULE MCTwoPhaseCommit -----------------------------
EXTENDS TwoPhaseCommit, TLC

CONSTANTS p1, p2, p3

MCParticipant == {p1, p2, p3}

ParticipantSymmetry == Permutations(MCParticipant)
=============================================================================
