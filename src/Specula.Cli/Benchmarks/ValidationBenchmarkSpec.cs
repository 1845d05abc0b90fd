namespace Specula.Cli.Benchmarks;

/// <summary>
/// The spec, configuration and trace maps of <c>specula bench validate</c>: a 3-node Raft of the size real trace
/// specs have (six per-node variables, elections, replication with per-node FIFO inboxes, commits), in which every
/// variable is observable as JSON, so the benchmark can compare a fully observed trace with a half observed one.
/// Terms are unbounded so that a random walk can run for 100,000 events.
/// </summary>
internal static class ValidationBenchmarkSpec
{
    public const string Module = """
        ---- MODULE BenchRaft ----
        EXTENDS Naturals, Sequences

        CONSTANTS Node, MaxLog, MaxInbox, Nil

        VARIABLES currentTerm, role, votedFor, log, commitIndex, votesGranted, inbox

        vars == <<currentTerm, role, votedFor, log, commitIndex, votesGranted, inbox>>

        LastTerm(l) == IF Len(l) = 0 THEN 0 ELSE l[Len(l)]

        \* The network drops a message when the receiver's inbox is full.
        Send(box, to, m) == IF Len(box[to]) < MaxInbox THEN [box EXCEPT ![to] = Append(@, m)] ELSE box

        Init ==
            /\ currentTerm = [n \in Node |-> 0]
            /\ role = [n \in Node |-> "Follower"]
            /\ votedFor = [n \in Node |-> Nil]
            /\ log = [n \in Node |-> <<>>]
            /\ commitIndex = [n \in Node |-> 0]
            /\ votesGranted = [n \in Node |-> 0]
            /\ inbox = [n \in Node |-> <<>>]

        Timeout(n) ==
            /\ role[n] /= "Leader"
            /\ currentTerm' = [currentTerm EXCEPT ![n] = @ + 1]
            /\ role' = [role EXCEPT ![n] = "Candidate"]
            /\ votedFor' = [votedFor EXCEPT ![n] = n]
            /\ votesGranted' = [votesGranted EXCEPT ![n] = 1]
            /\ inbox' = [m \in Node |-> IF m = n \/ Len(inbox[m]) >= MaxInbox THEN inbox[m]
                           ELSE Append(inbox[m], [type |-> "RequestVote", from |-> n, term |-> currentTerm[n] + 1, lastTerm |-> LastTerm(log[n]), lastIndex |-> Len(log[n])])]
            /\ UNCHANGED <<log, commitIndex>>

        Receive(n) ==
            /\ inbox[n] /= <<>>
            /\ LET m == Head(inbox[n])
                   rest == [inbox EXCEPT ![n] = Tail(@)]
                   newer == m.term > currentTerm[n]
                   t == IF newer THEN m.term ELSE currentTerm[n]
               IN CASE m.type = "RequestVote" ->
                         LET grant == /\ m.term = t
                                      /\ newer \/ votedFor[n] \in {Nil, m.from}
                                      /\ \/ m.lastTerm > LastTerm(log[n])
                                         \/ m.lastTerm = LastTerm(log[n]) /\ m.lastIndex >= Len(log[n])
                         IN /\ currentTerm' = [currentTerm EXCEPT ![n] = t]
                            /\ role' = [role EXCEPT ![n] = IF newer THEN "Follower" ELSE @]
                            /\ votedFor' = [votedFor EXCEPT ![n] = IF grant THEN m.from ELSE IF newer THEN Nil ELSE @]
                            /\ inbox' = Send(rest, m.from, [type |-> "Vote", from |-> n, term |-> t, granted |-> grant])
                            /\ UNCHANGED <<log, commitIndex, votesGranted>>
                    [] m.type = "Vote" ->
                         /\ votesGranted' = [votesGranted EXCEPT ![n] =
                               IF role[n] = "Candidate" /\ m.term = currentTerm[n] /\ m.granted THEN @ + 1 ELSE @]
                         /\ inbox' = rest
                         /\ UNCHANGED <<currentTerm, role, votedFor, log, commitIndex>>
                    [] m.type = "Append" ->
                         IF m.term >= currentTerm[n]
                         THEN /\ currentTerm' = [currentTerm EXCEPT ![n] = m.term]
                              /\ role' = [role EXCEPT ![n] = "Follower"]
                              /\ votedFor' = [votedFor EXCEPT ![n] = IF newer THEN Nil ELSE @]
                              /\ log' = [log EXCEPT ![n] = m.entries]
                              /\ commitIndex' = [commitIndex EXCEPT ![n] = IF m.commit > @ THEN m.commit ELSE @]
                              /\ inbox' = rest
                              /\ UNCHANGED votesGranted
                         ELSE /\ inbox' = rest
                              /\ UNCHANGED <<currentTerm, role, votedFor, log, commitIndex, votesGranted>>

        BecomeLeader(n) ==
            /\ role[n] = "Candidate"
            /\ votesGranted[n] * 2 > 3
            /\ role' = [role EXCEPT ![n] = "Leader"]
            /\ UNCHANGED <<currentTerm, votedFor, log, commitIndex, votesGranted, inbox>>

        ClientRequest(n) ==
            /\ role[n] = "Leader"
            /\ Len(log[n]) < MaxLog
            /\ log' = [log EXCEPT ![n] = Append(@, currentTerm[n])]
            /\ UNCHANGED <<currentTerm, role, votedFor, commitIndex, votesGranted, inbox>>

        AppendEntries(n, to) ==
            /\ role[n] = "Leader"
            /\ to /= n
            /\ Len(inbox[to]) < MaxInbox
            /\ inbox' = Send(inbox, to, [type |-> "Append", from |-> n, term |-> currentTerm[n], entries |-> log[n], commit |-> commitIndex[n]])
            /\ UNCHANGED <<currentTerm, role, votedFor, log, commitIndex, votesGranted>>

        AdvanceCommitIndex(n) ==
            /\ role[n] = "Leader"
            /\ commitIndex[n] < Len(log[n])
            /\ log[n][Len(log[n])] = currentTerm[n]
            /\ commitIndex' = [commitIndex EXCEPT ![n] = Len(log[n])]
            /\ UNCHANGED <<currentTerm, role, votedFor, log, votesGranted, inbox>>

        Next ==
            \/ \E n \in Node : Timeout(n) \/ Receive(n) \/ BecomeLeader(n) \/ ClientRequest(n) \/ AdvanceCommitIndex(n)
            \/ \E n, to \in Node : AppendEntries(n, to)

        Spec == Init /\ [][Next]_vars
        ====
        """;

    public const string Config = """
        CONSTANTS
            Node = {n1, n2, n3}
            MaxLog = 4
            MaxInbox = 3
            Nil = Nil
        INIT Init
        NEXT Next
        CHECK_DEADLOCK FALSE
        """;

    private const string Events = """
        events:
          Timeout: { action: Timeout, args: { n: $node } }
          Receive: { action: Receive, args: { n: $node } }
          BecomeLeader: { action: BecomeLeader, args: { n: $node } }
          ClientRequest: { action: ClientRequest, args: { n: $node } }
          AppendEntries: { action: AppendEntries, args: { n: $node, to: to } }
          AdvanceCommitIndex: { action: AdvanceCommitIndex, args: { n: $node } }
        """;

    /// <summary>The map observing every variable (each a function of the node).</summary>
    public const string FullMap = """
        version: 1
        spec: BenchRaft.tla
        config: BenchRaft.cfg
        nodes: Node
        values:
          vote: { "": Nil }
        variables:
          term: currentTerm
          role: role
          vote: votedFor
          log: log
          commitIndex: commitIndex
          votes: votesGranted
          inbox: inbox
        """ + "\n" + Events;

    /// <summary>The map observing three of the seven variables.</summary>
    public const string HalfMap = """
        version: 1
        spec: BenchRaft.tla
        config: BenchRaft.cfg
        nodes: Node
        variables:
          term: currentTerm
          role: role
          log: log
        unobserved: [votedFor, commitIndex, votesGranted, inbox]
        """ + "\n" + Events;
}
