---- MODULE MiniRaft ----
(* A small Raft: elections, log replication by whole logs, commit by the leader.
   Messages are a set; handlers name the message they take by its sender and term,
   as a trace logs them, so that validation need not guess which message was taken. *)
EXTENDS Naturals, Sequences, FiniteSets

CONSTANTS Node, MaxTerm, MaxLog, Nil

VARIABLES currentTerm, role, votedFor, log, commitIndex, votes, msgs

vars == <<currentTerm, role, votedFor, log, commitIndex, votes, msgs>>

Quorum(S) == Cardinality(S) * 2 > Cardinality(Node)

LastTerm(l) == IF Len(l) = 0 THEN 0 ELSE l[Len(l)]

Init ==
    /\ currentTerm = [n \in Node |-> 0]
    /\ role = [n \in Node |-> "Follower"]
    /\ votedFor = [n \in Node |-> Nil]
    /\ log = [n \in Node |-> <<>>]
    /\ commitIndex = [n \in Node |-> 0]
    /\ votes = [n \in Node |-> {}]
    /\ msgs = {}

\* A follower or candidate starts an election.
Timeout(n) ==
    /\ role[n] /= "Leader"
    /\ currentTerm[n] < MaxTerm
    /\ currentTerm' = [currentTerm EXCEPT ![n] = @ + 1]
    /\ role' = [role EXCEPT ![n] = "Candidate"]
    /\ votedFor' = [votedFor EXCEPT ![n] = n]
    /\ votes' = [votes EXCEPT ![n] = {n}]
    /\ msgs' = msgs \cup {[type |-> "RequestVote", from |-> n, to |-> m, term |-> currentTerm[n] + 1,
                           lastTerm |-> LastTerm(log[n]), lastIndex |-> Len(log[n])] : m \in Node \ {n}}
    /\ UNCHANGED <<log, commitIndex>>

LogOk(n, m) ==
    \/ m.lastTerm > LastTerm(log[n])
    \/ /\ m.lastTerm = LastTerm(log[n])
       /\ m.lastIndex >= Len(log[n])

\* A node answers a vote request from 'from' for 'term'.
HandleRequestVote(n, from, term) ==
    \E m \in msgs :
        /\ m.type = "RequestVote"
        /\ m.to = n
        /\ m.from = from
        /\ m.term = term
        /\ LET newer == m.term > currentTerm[n]
               t == IF newer THEN m.term ELSE currentTerm[n]
               grant == /\ m.term = t
                        /\ newer \/ votedFor[n] \in {Nil, m.from}
                        /\ LogOk(n, m)
           IN /\ currentTerm' = [currentTerm EXCEPT ![n] = t]
              /\ role' = [role EXCEPT ![n] = IF newer THEN "Follower" ELSE @]
              /\ votedFor' = [votedFor EXCEPT ![n] = IF grant THEN m.from ELSE IF newer THEN Nil ELSE @]
              /\ msgs' = (msgs \ {m}) \cup {[type |-> "Vote", from |-> n, to |-> m.from, term |-> t, granted |-> grant]}
        /\ UNCHANGED <<log, commitIndex, votes>>

\* A candidate counts a vote for its current term.
HandleVote(n, from) ==
    \E m \in msgs :
        /\ m.type = "Vote"
        /\ m.to = n
        /\ m.from = from
        /\ m.term = currentTerm[n]
        /\ role[n] = "Candidate"
        /\ votes' = [votes EXCEPT ![n] = IF m.granted THEN @ \cup {m.from} ELSE @]
        /\ msgs' = msgs \ {m}
        /\ UNCHANGED <<currentTerm, role, votedFor, log, commitIndex>>

\* A candidate with a quorum of votes leads.
BecomeLeader(n) ==
    /\ role[n] = "Candidate"
    /\ Quorum(votes[n])
    /\ role' = [role EXCEPT ![n] = "Leader"]
    /\ UNCHANGED <<currentTerm, votedFor, log, commitIndex, votes, msgs>>

\* The leader takes a client request into its log.
ClientRequest(n) ==
    /\ role[n] = "Leader"
    /\ Len(log[n]) < MaxLog
    /\ log' = [log EXCEPT ![n] = Append(@, currentTerm[n])]
    /\ UNCHANGED <<currentTerm, role, votedFor, commitIndex, votes, msgs>>

\* The leader sends its whole log to 'to'.
AppendEntries(n, to) ==
    /\ role[n] = "Leader"
    /\ to /= n
    /\ msgs' = msgs \cup {[type |-> "Append", from |-> n, to |-> to, term |-> currentTerm[n],
                           entries |-> log[n], commit |-> commitIndex[n]]}
    /\ UNCHANGED <<currentTerm, role, votedFor, log, commitIndex, votes>>

\* A node takes the log of a leader of its term or a newer one.
HandleAppendEntries(n, from, term) ==
    \E m \in msgs :
        /\ m.type = "Append"
        /\ m.to = n
        /\ m.from = from
        /\ m.term = term
        /\ m.term >= currentTerm[n]
        /\ currentTerm' = [currentTerm EXCEPT ![n] = m.term]
        /\ role' = [role EXCEPT ![n] = "Follower"]
        /\ votedFor' = [votedFor EXCEPT ![n] = IF m.term > currentTerm[n] THEN Nil ELSE @]
        /\ log' = [log EXCEPT ![n] = m.entries]
        /\ commitIndex' = [commitIndex EXCEPT ![n] = IF m.commit > commitIndex[n] THEN m.commit ELSE @]
        /\ msgs' = msgs \ {m}
        /\ UNCHANGED votes

\* The leader commits its log when a quorum voted for it in this term.
AdvanceCommitIndex(n) ==
    /\ role[n] = "Leader"
    /\ commitIndex[n] < Len(log[n])
    /\ log[n][Len(log[n])] = currentTerm[n]
    /\ commitIndex' = [commitIndex EXCEPT ![n] = Len(log[n])]
    /\ UNCHANGED <<currentTerm, role, votedFor, log, votes, msgs>>

\* The network loses a message (never logged).
Drop ==
    /\ \E m \in msgs : msgs' = msgs \ {m}
    /\ UNCHANGED <<currentTerm, role, votedFor, log, commitIndex, votes>>

Next ==
    \/ \E n \in Node : Timeout(n)
    \/ \E n, from \in Node, term \in 1..MaxTerm : HandleRequestVote(n, from, term)
    \/ \E n, from \in Node : HandleVote(n, from)
    \/ \E n \in Node : BecomeLeader(n)
    \/ \E n \in Node : ClientRequest(n)
    \/ \E n, to \in Node : AppendEntries(n, to)
    \/ \E n, from \in Node, term \in 1..MaxTerm : HandleAppendEntries(n, from, term)
    \/ \E n \in Node : AdvanceCommitIndex(n)
    \/ Drop

Spec == Init /\ [][Next]_vars

TypeOK ==
    /\ currentTerm \in [Node -> 0..MaxTerm]
    /\ role \in [Node -> {"Follower", "Candidate", "Leader"}]
    /\ commitIndex \in [Node -> 0..MaxLog]

ElectionSafety ==
    \A a, b \in Node : role[a] = "Leader" /\ role[b] = "Leader" /\ currentTerm[a] = currentTerm[b] => a = b
====
