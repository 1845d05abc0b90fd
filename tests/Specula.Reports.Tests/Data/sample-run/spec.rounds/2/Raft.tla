---- MODULE Raft ----
\* A small model of etcd raft's term and commit handling (raft.go).
EXTENDS Naturals, FiniteSets

CONSTANTS Server, Nil

VARIABLES currentTerm, state, commitIndex, messages

vars == <<currentTerm, state, commitIndex, messages>>

Init ==
    /\ currentTerm = [i \in Server |-> 0]
    /\ state = [i \in Server |-> "Follower"]
    /\ commitIndex = [i \in Server |-> 0]
    /\ messages = {}

\* raft.go:812 becomeCandidate
Timeout(i) ==
    /\ state[i] \in {"Follower", "Candidate"}
    /\ currentTerm' = [currentTerm EXCEPT ![i] = currentTerm[i] + 1]
    /\ state' = [state EXCEPT ![i] = "Candidate"]
    /\ UNCHANGED <<commitIndex, messages>>

\* raft.go:1421 handleAppendEntries
HandleAppendEntriesRequest(i, j, m) ==
    /\ m.mterm >= currentTerm[i]
    /\ currentTerm' = [currentTerm EXCEPT ![i] = m.mterm]
    /\ state' = [state EXCEPT ![i] = "Follower"]
    /\ commitIndex' = [commitIndex EXCEPT ![i] = m.mcommitIndex]
    /\ UNCHANGED messages

Next == \E i, j \in Server : Timeout(i) \/ \E m \in messages : HandleAppendEntriesRequest(i, j, m)

ElectionSafety == \A i, j \in Server : (state[i] = "Leader" /\ state[j] = "Leader" /\ currentTerm[i] = currentTerm[j]) => i = j
TermsNonNegative == \A i \in Server : currentTerm[i] >= 0
CommitNonNegative == \A i \in Server : commitIndex[i] >= 0
====
