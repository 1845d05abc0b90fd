---------------------------- MODULE ChangRoberts ----------------------------
(***************************************************************************)
(* Chang and Roberts' leader election on a unidirectional ring, in        *)
(* PlusCal C-syntax.  Node n has the unique identifier UID[n]; messages    *)
(* carry identifiers clockwise, and a node that receives its own          *)
(* identifier back is the leader.                                         *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets, TLC

CONSTANTS N,   \* number of nodes
          UID   \* UID[n]: identifier of node n, a permutation

Node == 1..N
ASSUME /\ N \in Nat \ {0}
       /\ UID \in [Node -> Nat]
       /\ \A m, n \in Node : m # n => UID[m] # UID[n]

Clockwise(n) == IF n = N THEN 1 ELSE n + 1
HighestUID == CHOOSE i \in {UID[n] : n \in Node} : \A n \in Node : i >= UID[n]

(* --algorithm ChangRoberts {
  variables inbox = [n \in Node |-> {}];   \* inbox[n]: ids in transit to n

  fair process (node \in Node)
    variables eager \in BOOLEAN,
              status = "candidate";
  {
    wake: if (eager) {
          inbox[Clockwise(self)] := @ \cup {UID[self]};
        };
    listen: while (TRUE) {
          with (id \in inbox[self]) {
            if (id = UID[self]) {
              inbox[self] := @ \ {id};
              status := "elected";
            } else if (id > UID[self]) {
              \* forward a larger id; this node drops out
              inbox[self] := @ \ {id} || inbox[Clockwise(self)] := @ \cup {id};
              status := "defeated";
            } else if (~ eager /\ status = "candidate") {
              \* discard a smaller id and start our own bid
              inbox[self] := @ \ {id} || inbox[Clockwise(self)] := @ \cup {UID[self]};
              eager := TRUE;
            } else {
              \* discard a smaller id
              inbox[self] := @ \ {id};
            };
          }
        }
  }
} *)
\* BEGIN TRANSLATION
VARIABLES pc, inbox, eager, status

vars == << pc, inbox, eager, status >>

ProcSet == (Node)

Init == (* Global variables *)
        /\ inbox = [n \in Node |-> {}]
        (* Process node *)
        /\ eager \in [Node -> BOOLEAN]
        /\ status = [self \in Node |-> "candidate"]
        /\ pc = [self \in ProcSet |-> "wake"]

wake(self) == /\ pc[self] = "wake"
              /\ IF eager[self]
                    THEN /\ inbox' = [inbox EXCEPT ![Clockwise(self)] = @ \cup {UID[self]}]
                    ELSE /\ TRUE
                         /\ inbox' = inbox
              /\ pc' = [pc EXCEPT ![self] = "listen"]
              /\ UNCHANGED << eager, status >>

listen(self) == /\ pc[self] = "listen"
                /\ \E id \in inbox[self]:
                     IF id = UID[self]
                        THEN /\ inbox' = [inbox EXCEPT ![self] = @ \ {id}]
                             /\ status' = [status EXCEPT ![self] = "elected"]
                             /\ eager' = eager
                        ELSE /\ IF id > UID[self]
                                   THEN /\ inbox' = [inbox EXCEPT ![self] = @ \ {id},
                                                                  ![Clockwise(self)] = @ \cup {id}]
                                        /\ status' = [status EXCEPT ![self] = "defeated"]
                                        /\ eager' = eager
                                   ELSE /\ IF ~ eager[self] /\ status[self] = "candidate"
                                              THEN /\ inbox' = [inbox EXCEPT ![self] = @ \ {id},
                                                                             ![Clockwise(self)] = @ \cup {UID[self]}]
                                                   /\ eager' = [eager EXCEPT ![self] = TRUE]
                                              ELSE /\ inbox' = [inbox EXCEPT ![self] = @ \ {id}]
                                                   /\ eager' = eager
                                        /\ UNCHANGED status
                /\ pc' = [pc EXCEPT ![self] = "listen"]

node(self) == wake(self) \/ listen(self)

(* Allow infinite stuttering to prevent deadlock on termination. *)
Terminating == /\ \A self \in ProcSet: pc[self] = "Done"
               /\ UNCHANGED vars

Next == (\E self \in Node: node(self))
           \/ Terminating

Spec == /\ Init /\ [][Next]_vars
        /\ \A self \in Node : WF_vars(node(self))

Termination == <>(\A self \in ProcSet: pc[self] = "Done")

\* END TRANSLATION

\* There is at most one leader, and it holds the largest identifier.
Safety == \A n \in Node : status[n] = "elected" => UID[n] = HighestUID
AtMostOneLeader == \A m, n \in Node : status[m] = "elected" /\ status[n] = "elected" => m = n

\* If some node initiates, the node with the largest id eventually wins.
Liveness == (\E n \in Node : eager[n]) ~> (\E n \in Node : status[n] = "elected")
=============================================================================
