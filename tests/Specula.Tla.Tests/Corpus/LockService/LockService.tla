---------------------------- MODULE LockService ----------------------------
(***************************************************************************)
(* A centralized lock service, written in PlusCal C-syntax.  Clients send *)
(* "acquire" and "release" messages to a server over FIFO channels; the   *)
(* server grants the lock to one client at a time and queues the others. *)
(* Acquire and Release are procedures, message passing uses macros, and  *)
(* the server and clients are separate process types.                     *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets, TLC

CONSTANTS Client,      \* the set of clients
          Server,      \* the server's identifier
          NoOne,       \* a value that is not a process
          MaxRequests  \* how many times each client takes the lock

ASSUME /\ Server \notin Client
       /\ NoOne \notin Client \cup {Server}
       /\ MaxRequests \in Nat

Proc == Client \cup {Server}

Msg(t, f) == [type |-> t, from |-> f]

NoMsg == Msg("none", NoOne)

(* --algorithm LockService {
  variables
    network = [p \in Proc |-> << >>],  \* network[p]: messages for p
    inCS = {};                          \* clients in the critical section

  define {
    Mutex == Cardinality(inCS) <= 1
    Pending(p) == Len(network[p])
  }

  macro Send(to, m) {
    network[to] := Append(network[to], m);
  }

  \* Receive into v the first message addressed to p.  (In a process
  \* declared with "=", self is not available, so p is explicit.)
  macro Recv(p, v) {
    await network[p] # << >>;
    v := Head(network[p]);
    network[p] := Tail(network[p]);
  }

  procedure Acquire() {
    acq1: Send(Server, Msg("acquire", self));
    acq2: await network[self] # << >> /\ Head(network[self]).type = "grant";
          network[self] := Tail(network[self]);
          return;
  }

  procedure Release() {
    rel1: Send(Server, Msg("release", self));
          return;
  }

  fair process (srv = Server)
    variables owner = NoOne, waiting = << >>, req = NoMsg;
  {
    s1: while (TRUE) {
          Recv(Server, req);
    s2:   if (req.type = "acquire") {
            if (owner = NoOne) {
              owner := req.from;
              Send(req.from, Msg("grant", Server));
            } else {
              waiting := Append(waiting, req.from);
            }
          } else if (req.type = "release") {
            assert owner = req.from;
            if (waiting = << >>) {
              owner := NoOne;
            } else {
              owner := Head(waiting);
              Send(Head(waiting), Msg("grant", Server));
              waiting := Tail(waiting);
            }
          } else {
            skip;
          }
        }
  }

  fair process (client \in Client)
    variables done = 0;
  {
    c0: while (done < MaxRequests) {
    c1:   call Acquire();
    cs:   inCS := inCS \cup {self};
    c2:   inCS := inCS \ {self};
          done := done + 1;
          call Release();
        };
    c3: assert done = MaxRequests;
  }
} *)
\* BEGIN TRANSLATION
VARIABLES pc, network, inCS, stack

(* define statement *)
Mutex == Cardinality(inCS) <= 1
Pending(p) == Len(network[p])

VARIABLES owner, waiting, req, done

vars == << pc, network, inCS, stack, owner, waiting, req, done >>

ProcSet == {Server} \cup (Client)

Init == (* Global variables *)
        /\ network = [p \in Proc |-> << >>]
        /\ inCS = {}
        (* Process srv *)
        /\ owner = NoOne
        /\ waiting = << >>
        /\ req = NoMsg
        (* Process client *)
        /\ done = [self \in Client |-> 0]
        /\ stack = [self \in ProcSet |-> << >>]
        /\ pc = [self \in ProcSet |-> CASE self = Server -> "s1"
                                        [] self \in Client -> "c0"]

acq1(self) == /\ pc[self] = "acq1"
              /\ network' = [network EXCEPT ![Server] = Append(network[Server], (Msg("acquire", self)))]
              /\ pc' = [pc EXCEPT ![self] = "acq2"]
              /\ UNCHANGED << inCS, stack, owner, waiting, req, done >>

acq2(self) == /\ pc[self] = "acq2"
              /\ network[self] # << >> /\ Head(network[self]).type = "grant"
              /\ network' = [network EXCEPT ![self] = Tail(network[self])]
              /\ pc' = [pc EXCEPT ![self] = Head(stack[self]).pc]
              /\ stack' = [stack EXCEPT ![self] = Tail(stack[self])]
              /\ UNCHANGED << inCS, owner, waiting, req, done >>

Acquire(self) == acq1(self) \/ acq2(self)

rel1(self) == /\ pc[self] = "rel1"
              /\ network' = [network EXCEPT ![Server] = Append(network[Server], (Msg("release", self)))]
              /\ pc' = [pc EXCEPT ![self] = Head(stack[self]).pc]
              /\ stack' = [stack EXCEPT ![self] = Tail(stack[self])]
              /\ UNCHANGED << inCS, owner, waiting, req, done >>

Release(self) == rel1(self)

s1 == /\ pc[Server] = "s1"
      /\ network[Server] # << >>
      /\ req' = Head(network[Server])
      /\ network' = [network EXCEPT ![Server] = Tail(network[Server])]
      /\ pc' = [pc EXCEPT ![Server] = "s2"]
      /\ UNCHANGED << inCS, stack, owner, waiting, done >>

s2 == /\ pc[Server] = "s2"
      /\ IF req.type = "acquire"
            THEN /\ IF owner = NoOne
                       THEN /\ owner' = req.from
                            /\ network' = [network EXCEPT ![(req.from)] = Append(network[(req.from)], (Msg("grant", Server)))]
                            /\ UNCHANGED waiting
                       ELSE /\ waiting' = Append(waiting, req.from)
                            /\ UNCHANGED << network, owner >>
            ELSE /\ IF req.type = "release"
                       THEN /\ Assert(owner = req.from, 
                                      "Failure of assertion at line 73, column 13.")
                            /\ IF waiting = << >>
                                  THEN /\ owner' = NoOne
                                       /\ UNCHANGED << network, waiting >>
                                  ELSE /\ owner' = Head(waiting)
                                       /\ network' = [network EXCEPT ![(Head(waiting))] = Append(network[(Head(waiting))], (Msg("grant", Server)))]
                                       /\ waiting' = Tail(waiting)
                       ELSE /\ TRUE
                            /\ UNCHANGED << network, owner, waiting >>
      /\ pc' = [pc EXCEPT ![Server] = "s1"]
      /\ UNCHANGED << inCS, stack, req, done >>

srv == s1 \/ s2

c0(self) == /\ pc[self] = "c0"
            /\ IF done[self] < MaxRequests
                  THEN /\ pc' = [pc EXCEPT ![self] = "c1"]
                  ELSE /\ pc' = [pc EXCEPT ![self] = "c3"]
            /\ UNCHANGED << network, inCS, stack, owner, waiting, req, done >>

c1(self) == /\ pc[self] = "c1"
            /\ stack' = [stack EXCEPT ![self] = << [ procedure |->  "Acquire",
                                                     pc        |->  "cs" ] >>
                                                 \o stack[self]]
            /\ pc' = [pc EXCEPT ![self] = "acq1"]
            /\ UNCHANGED << network, inCS, owner, waiting, req, done >>

cs(self) == /\ pc[self] = "cs"
            /\ inCS' = (inCS \cup {self})
            /\ pc' = [pc EXCEPT ![self] = "c2"]
            /\ UNCHANGED << network, stack, owner, waiting, req, done >>

c2(self) == /\ pc[self] = "c2"
            /\ inCS' = inCS \ {self}
            /\ done' = [done EXCEPT ![self] = done[self] + 1]
            /\ stack' = [stack EXCEPT ![self] = << [ procedure |->  "Release",
                                                     pc        |->  "c0" ] >>
                                                 \o stack[self]]
            /\ pc' = [pc EXCEPT ![self] = "rel1"]
            /\ UNCHANGED << network, owner, waiting, req >>

c3(self) == /\ pc[self] = "c3"
            /\ Assert(done[self] = MaxRequests, 
                      "Failure of assertion at line 97, column 9.")
            /\ pc' = [pc EXCEPT ![self] = "Done"]
            /\ UNCHANGED << network, inCS, stack, owner, waiting, req, done >>

client(self) == c0(self) \/ c1(self) \/ cs(self) \/ c2(self) \/ c3(self)

Next == srv
           \/ (\E self \in ProcSet: Acquire(self) \/ Release(self))
           \/ (\E self \in Client: client(self))

Spec == /\ Init /\ [][Next]_vars
        /\ WF_vars(srv)
        /\ \A self \in Client : WF_vars(client(self)) /\ WF_vars(Acquire(self)) /\ WF_vars(Release(self))

\* END TRANSLATION
-----------------------------------------------------------------------------
TypeOK == /\ inCS \subseteq Client
          /\ owner \in Client \cup {NoOne}
          /\ waiting \in Seq(Client)
          /\ done \in [Client -> 0..MaxRequests]

\* A client in its critical section owns the lock.
OwnerInCS == \A c \in inCS : owner = c

\* No client waits twice.
NoDoubleWait == \A i, j \in 1..Len(waiting) : i # j => waiting[i] # waiting[j]

\* The owner never waits for the lock it holds.
OwnerNotWaiting == \A i \in 1..Len(waiting) : waiting[i] # owner

\* Every client eventually completes all its requests.
AllDone == <>(\A c \in Client : pc[c] = "Done")

\* Whenever a client asks for the lock, it eventually gets it.
Progress == \A c \in Client : (pc[c] = "acq2") ~> (pc[c] = "cs")
=============================================================================
