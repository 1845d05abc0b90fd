namespace Specula.Cli.Benchmarks;

/// <summary>A model <c>specula bench check</c> runs: a module and its TLC configuration.</summary>
/// <param name="Name">The module name (files are <c>Name.tla</c> and <c>Name.cfg</c>).</param>
/// <param name="Description">What the model exercises.</param>
/// <param name="Module">The module text.</param>
/// <param name="Config">The configuration text.</param>
internal sealed record CheckBenchmarkModel(string Name, string Description, string Module, string Config)
{
    /// <summary>Writes <c>Name.tla</c> and <c>Name.cfg</c> into <paramref name="folder"/>; returns the module's path.</summary>
    public string WriteTo(string folder)
    {
        File.WriteAllText(Path.Combine(folder, Name + ".cfg"), Config);
        var path = Path.Combine(folder, Name + ".tla");
        File.WriteAllText(path, Module);
        return path;
    }
}

/// <summary>
/// The models <c>specula bench check</c> runs by default, written for this project: each has between 10^5 and 10^6
/// distinct states (counts agree with TLC), and together they exercise sets of records, sequences, functions with
/// EXCEPT, quantified guards, constraints and invariants. <see cref="Tiny"/> measures start-up.
/// </summary>
internal static class CheckBenchmarkModels
{
    /// <summary>Two-phase commit with seven resource managers and a message set (records, sets, SUBSET in TypeOK).</summary>
    public static CheckBenchmarkModel Commit { get; } = new("BenchCommit", "Two-phase commit with seven resource managers and a message set (records, sets, SUBSET in TypeOK).",
        """
        ---- MODULE BenchCommit ----
        \* Two-phase commit: a coordinator and resource managers exchanging messages kept in a set.
        EXTENDS Naturals, FiniteSets

        CONSTANTS RM

        VARIABLES rmState, tmState, tmPrepared, msgs

        vars == <<rmState, tmState, tmPrepared, msgs>>

        Messages == [type : {"Prepared"}, rm : RM] \cup [type : {"Commit", "Abort"}]

        TypeOK ==
            /\ rmState \in [RM -> {"working", "prepared", "committed", "aborted"}]
            /\ tmState \in {"init", "committed", "aborted"}
            /\ tmPrepared \subseteq RM
            /\ msgs \subseteq Messages

        Init ==
            /\ rmState = [r \in RM |-> "working"]
            /\ tmState = "init"
            /\ tmPrepared = {}
            /\ msgs = {}

        TMRcvPrepared(r) ==
            /\ tmState = "init"
            /\ [type |-> "Prepared", rm |-> r] \in msgs
            /\ tmPrepared' = tmPrepared \cup {r}
            /\ UNCHANGED <<rmState, tmState, msgs>>

        TMCommit ==
            /\ tmState = "init"
            /\ tmPrepared = RM
            /\ tmState' = "committed"
            /\ msgs' = msgs \cup {[type |-> "Commit"]}
            /\ UNCHANGED <<rmState, tmPrepared>>

        TMAbort ==
            /\ tmState = "init"
            /\ tmState' = "aborted"
            /\ msgs' = msgs \cup {[type |-> "Abort"]}
            /\ UNCHANGED <<rmState, tmPrepared>>

        RMPrepare(r) ==
            /\ rmState[r] = "working"
            /\ rmState' = [rmState EXCEPT ![r] = "prepared"]
            /\ msgs' = msgs \cup {[type |-> "Prepared", rm |-> r]}
            /\ UNCHANGED <<tmState, tmPrepared>>

        RMChooseToAbort(r) ==
            /\ rmState[r] = "working"
            /\ rmState' = [rmState EXCEPT ![r] = "aborted"]
            /\ UNCHANGED <<tmState, tmPrepared, msgs>>

        RMRcvCommitMsg(r) ==
            /\ [type |-> "Commit"] \in msgs
            /\ rmState' = [rmState EXCEPT ![r] = "committed"]
            /\ UNCHANGED <<tmState, tmPrepared, msgs>>

        RMRcvAbortMsg(r) ==
            /\ [type |-> "Abort"] \in msgs
            /\ rmState' = [rmState EXCEPT ![r] = "aborted"]
            /\ UNCHANGED <<tmState, tmPrepared, msgs>>

        Next ==
            \/ TMCommit \/ TMAbort
            \/ \E r \in RM :
                TMRcvPrepared(r) \/ RMPrepare(r) \/ RMChooseToAbort(r)
                  \/ RMRcvCommitMsg(r) \/ RMRcvAbortMsg(r)

        Consistent == \A r1, r2 \in RM : ~ (rmState[r1] = "aborted" /\ rmState[r2] = "committed")

        Spec == Init /\ [][Next]_vars
        ====
        """,
        """
        CONSTANT RM = {r1, r2, r3, r4, r5, r6, r7}
        SPECIFICATION Spec
        INVARIANTS TypeOK Consistent
        """);

    /// <summary>A sliding-window sender and receiver over lossy FIFO channels (sequences, records, modular arithmetic).</summary>
    public static CheckBenchmarkModel Channel { get; } = new("BenchChannel", "A sliding-window sender and receiver over lossy FIFO channels (sequences, records, modular arithmetic).",
        """
        ---- MODULE BenchChannel ----
        \* A sender and a receiver over two lossy FIFO channels: the sender keeps a window of unacknowledged
        \* messages, numbered modulo Modulus; the receiver delivers in order and acknowledges cumulatively.
        EXTENDS Naturals, Sequences

        CONSTANTS Data, Window, Modulus, Capacity, MaxSent

        VARIABLES next, acked, sent, delivered, toReceiver, toSender

        vars == <<next, acked, sent, delivered, toReceiver, toSender>>

        InFlight == (next - acked + Modulus) % Modulus

        TypeOK ==
            /\ next \in 0..(Modulus - 1)
            /\ acked \in 0..(Modulus - 1)
            /\ sent \in 0..MaxSent
            /\ delivered \in 0..(Modulus - 1)
            /\ Len(toReceiver) <= Capacity
            /\ Len(toSender) <= Capacity

        Init ==
            /\ next = 0
            /\ acked = 0
            /\ sent = 0
            /\ delivered = 0
            /\ toReceiver = <<>>
            /\ toSender = <<>>

        Send(d) ==
            /\ InFlight < Window
            /\ sent < MaxSent
            /\ Len(toReceiver) < Capacity
            /\ toReceiver' = Append(toReceiver, [seq |-> next, data |-> d])
            /\ next' = (next + 1) % Modulus
            /\ sent' = sent + 1
            /\ UNCHANGED <<acked, delivered, toSender>>

        \* Sends the oldest unacknowledged message again.
        Resend ==
            /\ InFlight > 0
            /\ Len(toReceiver) < Capacity
            /\ \E d \in Data : toReceiver' = Append(toReceiver, [seq |-> acked, data |-> d])
            /\ UNCHANGED <<next, acked, sent, delivered, toSender>>

        Receive ==
            /\ toReceiver /= <<>>
            /\ LET m == Head(toReceiver)
                   fresh == m.seq = delivered
               IN /\ toReceiver' = Tail(toReceiver)
                  /\ delivered' = IF fresh THEN (delivered + 1) % Modulus ELSE delivered
                  /\ toSender' = IF Len(toSender) < Capacity THEN Append(toSender, IF fresh THEN (delivered + 1) % Modulus ELSE delivered) ELSE toSender
            /\ UNCHANGED <<next, acked, sent>>

        ReceiveAck ==
            /\ toSender /= <<>>
            /\ LET a == Head(toSender)
               IN /\ acked' = IF (a - acked + Modulus) % Modulus <= InFlight THEN a ELSE acked
                  /\ toSender' = Tail(toSender)
            /\ UNCHANGED <<next, sent, delivered, toReceiver>>

        Lose ==
            \/ /\ toReceiver /= <<>>
               /\ \E i \in 1..Len(toReceiver) :
                    toReceiver' = SubSeq(toReceiver, 1, i - 1) \o SubSeq(toReceiver, i + 1, Len(toReceiver))
               /\ UNCHANGED <<next, acked, sent, delivered, toSender>>
            \/ /\ toSender /= <<>>
               /\ toSender' = Tail(toSender)
               /\ UNCHANGED <<next, acked, sent, delivered, toReceiver>>

        Next == (\E d \in Data : Send(d)) \/ Resend \/ Receive \/ ReceiveAck \/ Lose

        WindowRespected == InFlight <= Window

        Spec == Init /\ [][Next]_vars
        ====
        """,
        """
        CONSTANTS
          Data = {d1, d2, d3}
          Window = 2
          Modulus = 4
          Capacity = 4
          MaxSent = 10
        SPECIFICATION Spec
        INVARIANTS TypeOK WindowRespected
        CHECK_DEADLOCK FALSE
        """);

    /// <summary>Lamport's bakery algorithm for three processes, tickets bounded by a constraint (functions, EXCEPT, quantified guards).</summary>
    public static CheckBenchmarkModel Bakery { get; } = new("BenchBakery", "Lamport's bakery algorithm for three processes, tickets bounded by a constraint (functions, EXCEPT, quantified guards).",
        """
        ---- MODULE BenchBakery ----
        \* Lamport's bakery algorithm, one atomic step per line, with tickets bounded by a state constraint.
        EXTENDS Naturals

        CONSTANTS N, MaxTicket

        Procs == 1..N

        VARIABLES num, flag, pc, unread, max, nxt

        vars == <<num, flag, pc, unread, max, nxt>>

        LL(j, i) == \/ num[j] < num[i]
                    \/ num[j] = num[i] /\ j < i

        TypeOK ==
            /\ num \in [Procs -> Nat]
            /\ flag \in [Procs -> BOOLEAN]
            /\ unread \in [Procs -> SUBSET Procs]
            /\ max \in [Procs -> Nat]
            /\ nxt \in [Procs -> Procs]
            /\ pc \in [Procs -> {"ncs", "e1", "e2", "e3", "e4", "w1", "w2", "cs", "exit"}]

        Init ==
            /\ num = [i \in Procs |-> 0]
            /\ flag = [i \in Procs |-> FALSE]
            /\ unread = [i \in Procs |-> {}]
            /\ max = [i \in Procs |-> 0]
            /\ nxt = [i \in Procs |-> 1]
            /\ pc = [i \in Procs |-> "ncs"]

        Goto(i, from, to) == pc[i] = from /\ pc' = [pc EXCEPT ![i] = to]

        NCS(i) ==
            /\ Goto(i, "ncs", "e1")
            /\ UNCHANGED <<num, flag, unread, max, nxt>>

        E1(i) ==
            /\ Goto(i, "e1", "e2")
            /\ flag' = [flag EXCEPT ![i] = TRUE]
            /\ unread' = [unread EXCEPT ![i] = Procs \ {i}]
            /\ max' = [max EXCEPT ![i] = 0]
            /\ UNCHANGED <<num, nxt>>

        E2(i) ==
            /\ pc[i] = "e2"
            /\ IF unread[i] = {}
                 THEN /\ pc' = [pc EXCEPT ![i] = "e3"]
                      /\ UNCHANGED <<unread, max>>
                 ELSE \E j \in unread[i] :
                        /\ unread' = [unread EXCEPT ![i] = @ \ {j}]
                        /\ max' = [max EXCEPT ![i] = IF num[j] > @ THEN num[j] ELSE @]
                        /\ UNCHANGED pc
            /\ UNCHANGED <<num, flag, nxt>>

        E3(i) ==
            /\ Goto(i, "e3", "e4")
            /\ num' = [num EXCEPT ![i] = max[i] + 1]
            /\ UNCHANGED <<flag, unread, max, nxt>>

        E4(i) ==
            /\ Goto(i, "e4", "w1")
            /\ flag' = [flag EXCEPT ![i] = FALSE]
            /\ unread' = [unread EXCEPT ![i] = Procs \ {i}]
            /\ UNCHANGED <<num, max, nxt>>

        W1(i) ==
            /\ pc[i] = "w1"
            /\ IF unread[i] = {}
                 THEN /\ pc' = [pc EXCEPT ![i] = "cs"]
                      /\ UNCHANGED <<unread, nxt>>
                 ELSE \E j \in unread[i] :
                        /\ ~ flag[j]
                        /\ nxt' = [nxt EXCEPT ![i] = j]
                        /\ pc' = [pc EXCEPT ![i] = "w2"]
                        /\ UNCHANGED unread
            /\ UNCHANGED <<num, flag, max>>

        W2(i) ==
            /\ pc[i] = "w2"
            /\ LET j == nxt[i] IN
                 /\ num[j] = 0 \/ LL(i, j)
                 /\ unread' = [unread EXCEPT ![i] = @ \ {j}]
                 /\ pc' = [pc EXCEPT ![i] = "w1"]
            /\ UNCHANGED <<num, flag, max, nxt>>

        CS(i) ==
            /\ Goto(i, "cs", "exit")
            /\ UNCHANGED <<num, flag, unread, max, nxt>>

        Exit(i) ==
            /\ Goto(i, "exit", "ncs")
            /\ num' = [num EXCEPT ![i] = 0]
            /\ UNCHANGED <<flag, unread, max, nxt>>

        Proc(i) == NCS(i) \/ E1(i) \/ E2(i) \/ E3(i) \/ E4(i) \/ W1(i) \/ W2(i) \/ CS(i) \/ Exit(i)

        Next == \E i \in Procs : Proc(i)

        MutualExclusion == \A i, j \in Procs : i /= j => ~ (pc[i] = "cs" /\ pc[j] = "cs")

        TicketBound == \A i \in Procs : num[i] <= MaxTicket

        Spec == Init /\ [][Next]_vars
        ====
        """,
        """
        CONSTANTS
          N = 3
          MaxTicket = 3
        SPECIFICATION Spec
        CONSTRAINT TicketBound
        INVARIANTS TypeOK MutualExclusion
        """);

    /// <summary>A counter of ten states: the wall time of a whole run on it is start-up, parsing and loading.</summary>
    public static CheckBenchmarkModel Tiny { get; } = new("BenchTiny", "A counter with ten states.",
        """
        ---- MODULE BenchTiny ----
        EXTENDS Naturals
        VARIABLE x
        Init == x = 0
        Next == x' = (x + 1) % 10
        Small == x < 10
        ====
        """,
        """
        INIT Init
        NEXT Next
        INVARIANT Small
        """);

    /// <summary>The models run when none are given.</summary>
    public static IReadOnlyList<CheckBenchmarkModel> Defaults { get; } = [Commit, Channel, Bakery];
}
