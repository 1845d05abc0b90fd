-------------------------------- MODULE Raft --------------------------------
(***************************************************************************)
(* Raft consensus: leader election, log replication and commitment.       *)
(*                                                                         *)
(* Model overview                                                          *)
(*  - The network is a bag (multiset) of messages, so it may reorder,     *)
(*    duplicate and lose messages.                                        *)
(*  - A server may crash at any moment.  It recovers with its persistent  *)
(*    state (term, votedFor, log) and nothing else.                       *)
(*  - Each RPC is modelled as two halves: the request is produced by one  *)
(*    action and consumed by another, which produces the reply.           *)
(*  - AppendEntries carries at most one entry; longer batches behave like *)
(*    a sequence of single-entry requests.                                *)
(*  - Every action touches the local state of a single server.            *)
(***************************************************************************)
EXTENDS Naturals, Integers, FiniteSets, Sequences, Bags, TLC

CONSTANTS Server,   \* server identifiers
          Value,    \* client commands
          None      \* "no server", used for votedFor

ASSUME ServerAssumption == /\ IsFiniteSet(Server)
                           /\ Server # {}
                           /\ None \notin Server

\* Roles and message kinds are plain strings.
Follower  == "follower"
Candidate == "candidate"
Leader    == "leader"
Roles     == {Follower, Candidate, Leader}

RVReq == "RequestVote"
RVRep == "RequestVoteReply"
AEReq == "AppendEntries"
AERep == "AppendEntriesReply"

----------------------------------------------------------------------------
VARIABLE network          \* bag of messages in transit

\* Persistent state of each server.
VARIABLES term,           \* latest term the server has seen
          votedFor,       \* whom it voted for in that term (or None)
          log             \* its log: a sequence of [term, value] records

\* Volatile state of each server.
VARIABLES role,           \* follower, candidate or leader
          commitIndex     \* highest index known to be committed

\* Volatile state of candidates.
VARIABLES responded,      \* servers that answered this candidacy
          granted         \* servers that granted their vote

\* Volatile state of leaders.
VARIABLES nextIndex,      \* nextIndex[i][j]: next entry i sends to j
          matchIndex      \* matchIndex[i][j]: highest entry known replicated on j

persistent == <<term, votedFor, log>>
volatile   == <<role, commitIndex>>
election   == <<responded, granted>>
replication == <<nextIndex, matchIndex>>
vars == <<network, persistent, volatile, election, replication>>

----------------------------------------------------------------------------
(* Utilities *)

Majorities == {Q \in SUBSET Server : 2 * Cardinality(Q) > Cardinality(Server)}

Minimum(S) == CHOOSE x \in S : \A y \in S : x <= y
Maximum(S) == CHOOSE x \in S : \A y \in S : y <= x

LastIndex(lg) == Len(lg)
LastTerm(lg)  == IF lg = << >> THEN 0 ELSE lg[Len(lg)].term

TermAt(lg, k) == IF k = 0 THEN 0 ELSE lg[k].term

\* Is the log described by (t, k) at least as up to date as lg?
UpToDate(t, k, lg) == \/ t > LastTerm(lg)
                      \/ t = LastTerm(lg) /\ k >= LastIndex(lg)

\* Network operations on the bag.
One(m) == SetToBag({m})
Post(m) == network' = network (+) One(m)
Consume(m) == network' = network (-) One(m)
Respond(reply, req) == network' = (network (-) One(req)) (+) One(reply)

Pending == BagToSet(network)

----------------------------------------------------------------------------
(* Types *)

LogEntry == [term : Nat, value : Value]

MessageKinds == {RVReq, RVRep, AEReq, AERep}

TypeOK ==
    /\ IsABag(network)
    /\ \A m \in Pending : /\ m.type \in MessageKinds
                          /\ m.from \in Server
                          /\ m.to \in Server
                          /\ m.term \in Nat
    /\ term \in [Server -> Nat]
    /\ votedFor \in [Server -> Server \cup {None}]
    /\ \A i \in Server : \A k \in 1..Len(log[i]) : log[i][k] \in LogEntry
    /\ role \in [Server -> Roles]
    /\ commitIndex \in [Server -> Nat]
    /\ responded \in [Server -> SUBSET Server]
    /\ granted \in [Server -> SUBSET Server]
    /\ nextIndex \in [Server -> [Server -> Nat \ {0}]]
    /\ matchIndex \in [Server -> [Server -> Nat]]

----------------------------------------------------------------------------
(* Initial state: every server is a follower in term 1 with an empty log. *)

Init ==
    /\ network     = EmptyBag
    /\ term        = [i \in Server |-> 1]
    /\ votedFor    = [i \in Server |-> None]
    /\ log         = [i \in Server |-> << >>]
    /\ role        = [i \in Server |-> Follower]
    /\ commitIndex = [i \in Server |-> 0]
    /\ responded   = [i \in Server |-> {}]
    /\ granted     = [i \in Server |-> {}]
    \* Entries for i itself are kept for uniformity but never used.
    /\ nextIndex   = [i \in Server |-> [j \in Server |-> 1]]
    /\ matchIndex  = [i \in Server |-> [j \in Server |-> 0]]

----------------------------------------------------------------------------
(* Local actions *)

\* Crash and recover: only the persistent state survives.
Restart(i) ==
    /\ role'        = [role        EXCEPT ![i] = Follower]
    /\ commitIndex' = [commitIndex EXCEPT ![i] = 0]
    /\ responded'   = [responded   EXCEPT ![i] = {}]
    /\ granted'     = [granted     EXCEPT ![i] = {}]
    /\ nextIndex'   = [nextIndex   EXCEPT ![i] = [j \in Server |-> 1]]
    /\ matchIndex'  = [matchIndex  EXCEPT ![i] = [j \in Server |-> 0]]
    /\ UNCHANGED <<network, persistent>>

\* The election timer fires: become a candidate in a fresh term.  The
\* candidate's vote for itself arrives like any other vote, through the
\* network, which keeps this step small.
StartElection(i) ==
    /\ role[i] # Leader
    /\ role'      = [role      EXCEPT ![i] = Candidate]
    /\ term'      = [term      EXCEPT ![i] = @ + 1]
    /\ votedFor'  = [votedFor  EXCEPT ![i] = None]
    /\ responded' = [responded EXCEPT ![i] = {}]
    /\ granted'   = [granted   EXCEPT ![i] = {}]
    /\ UNCHANGED <<network, log, commitIndex, replication>>

\* A candidate asks server j (possibly itself) for its vote.
SolicitVote(i, j) ==
    /\ role[i] = Candidate
    /\ j \notin responded[i]
    /\ Post([type         |-> RVReq,
             term         |-> term[i],
             lastLogTerm  |-> LastTerm(log[i]),
             lastLogIndex |-> LastIndex(log[i]),
             from         |-> i,
             to           |-> j])
    /\ UNCHANGED <<persistent, volatile, election, replication>>

\* A candidate holding votes from a majority takes over.
WinElection(i) ==
    /\ role[i] = Candidate
    /\ granted[i] \in Majorities
    /\ role'       = [role       EXCEPT ![i] = Leader]
    /\ nextIndex'  = [nextIndex  EXCEPT ![i] = [j \in Server |-> Len(log[i]) + 1]]
    /\ matchIndex' = [matchIndex EXCEPT ![i] = [j \in Server |-> 0]]
    /\ UNCHANGED <<network, persistent, commitIndex, election>>

\* The leader appends a client command to its own log.
AcceptCommand(i, v) ==
    /\ role[i] = Leader
    /\ log' = [log EXCEPT ![i] = Append(@, [term |-> term[i], value |-> v])]
    /\ UNCHANGED <<network, term, votedFor, volatile, election, replication>>

\* The leader sends follower j the entry at nextIndex[i][j], if any,
\* together with the consistency check for the entry before it.
Replicate(i, j) ==
    /\ role[i] = Leader
    /\ j # i
    /\ LET next    == nextIndex[i][j]
           prev    == next - 1
           entries == IF next <= Len(log[i]) THEN << log[i][next] >> ELSE << >>
           last    == prev + Len(entries)
       IN  Post([type     |-> AEReq,
                 term     |-> term[i],
                 prevIndex |-> prev,
                 prevTerm |-> TermAt(log[i], prev),
                 entries  |-> entries,
                 commit   |-> Minimum({commitIndex[i], last}),
                 from     |-> i,
                 to       |-> j])
    /\ UNCHANGED <<persistent, volatile, election, replication>>

\* The leader commits the highest index that a majority stores, provided
\* that entry is from the leader's own term.
CommitEntries(i) ==
    /\ role[i] = Leader
    /\ LET holders(k)  == {i} \cup {j \in Server : matchIndex[i][j] >= k}
           replicated  == {k \in 1..Len(log[i]) : holders(k) \in Majorities}
           best        == IF replicated = {} THEN 0 ELSE Maximum(replicated)
       IN  /\ best > commitIndex[i]
           /\ log[i][best].term = term[i]
           /\ commitIndex' = [commitIndex EXCEPT ![i] = best]
    /\ UNCHANGED <<network, persistent, role, election, replication>>

----------------------------------------------------------------------------
(* Receiving messages.  In each handler, i is the receiver, j the sender. *)

\* Seeing a larger term makes any server adopt it and become a follower.
\* The message stays in the network and is handled in a later step.
StepDown(i, m) ==
    /\ m.term > term[i]
    /\ term'     = [term     EXCEPT ![i] = m.term]
    /\ role'     = [role     EXCEPT ![i] = Follower]
    /\ votedFor' = [votedFor EXCEPT ![i] = None]
    /\ UNCHANGED <<network, log, commitIndex, election, replication>>

\* Replies from older terms are useless.
IgnoreStale(i, m) ==
    /\ m.term < term[i]
    /\ Consume(m)
    /\ UNCHANGED <<persistent, volatile, election, replication>>

OnRequestVote(i, j, m) ==
    LET ok == /\ m.term = term[i]
              /\ votedFor[i] \in {None, j}
              /\ UpToDate(m.lastLogTerm, m.lastLogIndex, log[i])
    IN  /\ m.term <= term[i]
        /\ votedFor' = IF ok THEN [votedFor EXCEPT ![i] = j] ELSE votedFor
        /\ Respond([type    |-> RVRep,
                    term    |-> term[i],
                    granted |-> ok,
                    from    |-> i,
                    to      |-> j], m)
        /\ UNCHANGED <<term, log, volatile, election, replication>>

OnVoteReply(i, j, m) ==
    /\ m.term = term[i]
    /\ responded' = [responded EXCEPT ![i] = @ \cup {j}]
    /\ granted'   = IF m.granted THEN [granted EXCEPT ![i] = @ \cup {j}]
                                 ELSE granted
    /\ Consume(m)
    /\ UNCHANGED <<persistent, volatile, replication>>

AppendReply(i, j, m, ok, idx) ==
    Respond([type       |-> AERep,
             term       |-> term[i],
             success    |-> ok,
             matchIndex |-> idx,
             from       |-> i,
             to         |-> j], m)

OnAppendEntries(i, j, m) ==
    LET consistent == /\ m.prevIndex <= Len(log[i])
                      /\ m.prevTerm = TermAt(log[i], m.prevIndex)
        k          == m.prevIndex + 1
        hasEntry   == m.entries # << >>
    IN
    /\ m.term <= term[i]
    /\ CASE \/ m.term < term[i]
            \/ m.term = term[i] /\ role[i] = Follower /\ ~consistent ->
              \* reject: stale leader or failed consistency check
              /\ AppendReply(i, j, m, FALSE, 0)
              /\ UNCHANGED <<persistent, volatile>>
         [] m.term = term[i] /\ role[i] = Candidate ->
              \* someone else won this term: return to follower and
              \* handle the message again later
              /\ role' = [role EXCEPT ![i] = Follower]
              /\ UNCHANGED <<network, persistent, commitIndex>>
         [] m.term = term[i] /\ role[i] = Follower /\ consistent ->
              IF \/ ~hasEntry
                 \/ Len(log[i]) >= k /\ log[i][k].term = m.entries[1].term
              THEN \* nothing to add: acknowledge and learn the commit index
                   /\ commitIndex' = [commitIndex EXCEPT ![i] = Maximum({@, m.commit})]
                   /\ AppendReply(i, j, m, TRUE, m.prevIndex + Len(m.entries))
                   /\ UNCHANGED <<persistent, role>>
              ELSE IF Len(log[i]) >= k
              THEN \* conflicting entry: drop it and everything after it
                   /\ log' = [log EXCEPT ![i] = SubSeq(@, 1, k - 1)]
                   /\ UNCHANGED <<network, term, votedFor, volatile>>
              ELSE \* the entry is new: append it
                   /\ Len(log[i]) = m.prevIndex
                   /\ log' = [log EXCEPT ![i] = Append(@, m.entries[1])]
                   /\ UNCHANGED <<network, term, votedFor, volatile>>
         [] OTHER -> FALSE   \* e.g. a second leader in one term: impossible
    /\ UNCHANGED <<election, replication>>

OnAppendReply(i, j, m) ==
    /\ m.term = term[i]
    /\ IF m.success
         THEN /\ nextIndex'  = [nextIndex  EXCEPT ![i][j] = m.matchIndex + 1]
              /\ matchIndex' = [matchIndex EXCEPT ![i][j] = m.matchIndex]
         ELSE /\ nextIndex'  = [nextIndex  EXCEPT ![i][j] = Maximum({@ - 1, 1})]
              /\ UNCHANGED matchIndex
    /\ Consume(m)
    /\ UNCHANGED <<persistent, volatile, election>>

Deliver(m) ==
    LET i == m.to
        j == m.from
    IN  \/ StepDown(i, m)
        \/ /\ m.type = RVReq
           /\ OnRequestVote(i, j, m)
        \/ /\ m.type = RVRep
           /\ \/ IgnoreStale(i, m)
              \/ OnVoteReply(i, j, m)
        \/ /\ m.type = AEReq
           /\ OnAppendEntries(i, j, m)
        \/ /\ m.type = AERep
           /\ \/ IgnoreStale(i, m)
              \/ OnAppendReply(i, j, m)

----------------------------------------------------------------------------
(* Network faults *)

Duplicate(m) == /\ Post(m)
                /\ UNCHANGED <<persistent, volatile, election, replication>>

Lose(m) == /\ Consume(m)
           /\ UNCHANGED <<persistent, volatile, election, replication>>

----------------------------------------------------------------------------
Next ==
    \/ \E i \in Server : \/ Restart(i)
                         \/ StartElection(i)
                         \/ WinElection(i)
                         \/ CommitEntries(i)
    \/ \E i, j \in Server : SolicitVote(i, j) \/ Replicate(i, j)
    \/ \E i \in Server, v \in Value : AcceptCommand(i, v)
    \/ \E m \in Pending : Deliver(m) \/ Duplicate(m) \/ Lose(m)

Spec == Init /\ [][Next]_vars

\* Fairness assumptions under which a stable leader makes progress.  They
\* are not needed for the safety properties below.
Fairness ==
    /\ \A i \in Server : WF_vars(CommitEntries(i))
    /\ \A i, j \in Server : WF_vars(Replicate(i, j))
    /\ \A i \in Server : SF_vars(WinElection(i))

FairSpec == Spec /\ Fairness

----------------------------------------------------------------------------
(* Properties *)

\* Election Safety: at most one leader per term.
OneLeaderPerTerm ==
    \A i, j \in Server :
        /\ role[i] = Leader
        /\ role[j] = Leader
        /\ term[i] = term[j]
        => i = j

\* Log Matching: equal terms at an index imply equal prefixes.
LogMatching ==
    \A i, j \in Server :
        \A k \in 1..Minimum({Len(log[i]), Len(log[j])}) :
            log[i][k].term = log[j][k].term
                => SubSeq(log[i], 1, k) = SubSeq(log[j], 1, k)

\* Terms never decrease along a log.
TermsSorted ==
    \A i \in Server : \A k \in 2..Len(log[i]) : log[i][k - 1].term <= log[i][k].term

\* No server holds an entry from its future.
NoFutureEntries ==
    \A i \in Server : LastTerm(log[i]) <= term[i]

\* State Machine Safety: servers agree on every committed index.
CommittedAgree ==
    \A i, j \in Server :
        \A k \in 1..Minimum({commitIndex[i], commitIndex[j]}) :
            /\ k <= Len(log[i])
            /\ k <= Len(log[j])
            /\ log[i][k] = log[j][k]

\* A server's term only grows (checked as an action property).
TermsGrow == [][\A i \in Server : term'[i] >= term[i]]_vars

\* A leader's own log is append-only while it stays leader in a term.
LeaderAppendOnly ==
    [][\A i \in Server :
         (role[i] = Leader /\ role'[i] = Leader /\ term'[i] = term[i])
            => SubSeq(log'[i], 1, Len(log[i])) = log[i]]_vars

=============================================================================
