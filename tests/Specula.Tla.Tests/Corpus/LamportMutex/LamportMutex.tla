---------------------------- MODULE LamportMutex ----------------------------
(***************************************************************************)
(* Lamport's distributed mutual exclusion algorithm based on logical      *)
(* clocks (1978).  Processes broadcast timestamped requests over FIFO     *)
(* channels; a process enters its critical section once its own request   *)
(* is the oldest it knows of and it has heard from every other process.   *)
(***************************************************************************)
EXTENDS Naturals, Sequences

CONSTANTS N, MaxClock

ASSUME N \in Nat \ {0} /\ MaxClock \in Nat

Proc == 1..N
Clock == Nat \ {0}

\* Messages: request ("ask"), acknowledgement ("oks"), release ("rel").
ReqMessage(c) == [type |-> "ask", ticks |-> c]
AckMessage    == [type |-> "oks", ticks |-> 0]
RelMessage    == [type |-> "rel", ticks |-> 0]

Message == [type : {"ask"}, ticks : Clock] \cup [type : {"oks", "rel"}, ticks : {0}]

VARIABLES
  ticks,    \* ticks[p]: the logical clock of process p
  ask,      \* ask[p][q]: p's view of q's request timestamp (0: none)
  oks,      \* oks[p]: processes that acknowledged p's current request
  channel,  \* channel[p][q]: FIFO channel from p to q
  inCS      \* the set of processes in the critical section

vars == <<ticks, ask, oks, channel, inCS>>

TypeOK ==
  /\ ticks \in [Proc -> Clock]
  /\ ask \in [Proc -> [Proc -> Nat]]
  /\ oks \in [Proc -> SUBSET Proc]
  /\ channel \in [Proc -> [Proc -> Seq(Message)]]
  /\ inCS \subseteq Proc

Init ==
  /\ ticks = [p \in Proc |-> 1]
  /\ ask = [p \in Proc |-> [q \in Proc |-> 0]]
  /\ oks = [p \in Proc |-> {}]
  /\ channel = [p \in Proc |-> [q \in Proc |-> << >>]]
  /\ inCS = {}

\* p's request precedes q's, in p's view (ties broken by process id).
Prior(p, q) == \/ ask[p][q] = 0
               \/ ask[p][p] < ask[p][q]
               \/ ask[p][p] = ask[p][q] /\ p < q

Send(p, q, m) == [channel EXCEPT ![p][q] = Append(@, m)]

SendToAll(p, m) == [channel EXCEPT ![p] = [q \in Proc |->
                       IF q = p THEN channel[p][q] ELSE Append(channel[p][q], m)]]

\* p requests access.
Acquire(p) ==
  /\ ask[p][p] = 0
  /\ ask' = [ask EXCEPT ![p][p] = ticks[p]]
  /\ channel' = SendToAll(p, ReqMessage(ticks[p]))
  /\ oks' = [oks EXCEPT ![p] = {p}]
  /\ UNCHANGED <<ticks, inCS>>

\* p receives a request from q and acknowledges it.
RecvRequestMsg(p, q) ==
  /\ channel[q][p] # << >>
  /\ LET m == Head(channel[q][p])
         c == m.ticks
     IN  /\ m.type = "ask"
         /\ ask' = [ask EXCEPT ![p][q] = c]
         /\ ticks' = [ticks EXCEPT ![p] = IF c > @ THEN c + 1 ELSE @ + 1]
         /\ channel' = [Send(p, q, AckMessage) EXCEPT ![q][p] = Tail(@)]
  /\ UNCHANGED <<oks, inCS>>

\* p receives an acknowledgement from q.
RecvAckMsg(p, q) ==
  /\ channel[q][p] # << >>
  /\ Head(channel[q][p]).type = "oks"
  /\ oks' = [oks EXCEPT ![p] = @ \cup {q}]
  /\ channel' = [channel EXCEPT ![q][p] = Tail(@)]
  /\ UNCHANGED <<ticks, ask, inCS>>

\* p enters the critical section.
Enter(p) ==
  /\ ask[p][p] # 0
  /\ oks[p] = Proc
  /\ \A q \in Proc \ {p} : Prior(p, q)
  /\ inCS' = inCS \cup {p}
  /\ UNCHANGED <<ticks, ask, oks, channel>>

\* p exits and tells everyone.
Exit(p) ==
  /\ p \in inCS
  /\ inCS' = inCS \ {p}
  /\ channel' = SendToAll(p, RelMessage)
  /\ ask' = [ask EXCEPT ![p][p] = 0]
  /\ oks' = [oks EXCEPT ![p] = {}]
  /\ UNCHANGED ticks

\* p learns that q has released.
RecvReleaseMsg(p, q) ==
  /\ channel[q][p] # << >>
  /\ Head(channel[q][p]).type = "rel"
  /\ ask' = [ask EXCEPT ![p][q] = 0]
  /\ channel' = [channel EXCEPT ![q][p] = Tail(@)]
  /\ UNCHANGED <<ticks, oks, inCS>>

Next ==
  \/ \E p \in Proc : Acquire(p) \/ Enter(p) \/ Exit(p)
  \/ \E p \in Proc : \E q \in Proc \ {p} :
        \/ RecvRequestMsg(p, q)
        \/ RecvAckMsg(p, q)
        \/ RecvReleaseMsg(p, q)

Spec == Init /\ [][Next]_vars /\ WF_vars(Next)

-----------------------------------------------------------------------------
TicksConstraint == \A p \in Proc : ticks[p] <= MaxClock

Mutex == \A p, q \in inCS : p = q

\* A process in the critical section has its request registered everywhere
\* it has been acknowledged.
InCSHasRequest == \A p \in inCS : ask[p][p] # 0 /\ oks[p] = Proc

\* Channels carry at most a few messages (a sanity bound).
ChannelsBounded == \A p, q \in Proc : Len(channel[p][q]) <= 3
=============================================================================
