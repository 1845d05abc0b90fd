------------------------------- MODULE Bakery -------------------------------
(***************************************************************************)
(* Lamport's bakery algorithm for N processes, in PlusCal P-syntax.        *)
(* Taking a number is factored into a procedure that scans the other       *)
(* processes' numbers one at a time (the scan is not atomic).  The order   *)
(* on tickets is the lexicographic order on <<num[i], i>>, written with    *)
(* the user-defined infix operator \prec.                                  *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets, TLC

CONSTANT N
ASSUME NAssumption == N \in Nat \ {0}

Procs == 1..N

(***************************************************************************
--algorithm Bakery
variables num = [i \in Procs |-> 0],
          flag = [i \in Procs |-> FALSE];

define
  \* Process i goes before process j.
  i \prec j == \/ num[i] < num[j]
               \/ /\ num[i] = num[j]
                  /\ i < j
end define;

procedure TakeNumber()
  variables toScan = {}, maxSeen = 0;
begin
  tn1: flag[self] := TRUE;
       toScan := Procs \ {self};
       maxSeen := 0;
  tn2: while toScan # {} do
         with i \in toScan do
           toScan := toScan \ {i};
           if num[i] > maxSeen then
             maxSeen := num[i]
           end if
         end with
       end while;
  tn3: num[self] := maxSeen + 1;
  tn4: flag[self] := FALSE;
       return;
end procedure;

fair process p \in Procs
  variables unread = {};
begin
  ncs: while TRUE do
         skip;     \* the non-critical section
  enter: call TakeNumber();
  w1:    unread := Procs \ {self};
  w2:    while unread # {} do
           with i \in unread do
             await ~ flag[i];
             await (num[i] = 0) \/ (self \prec i);
             unread := unread \ {i}
           end with
         end while;
  cs:    skip;     \* the critical section
  exit:  num[self] := 0;
       end while;
end process;
end algorithm;
***************************************************************************)
\* BEGIN TRANSLATION
VARIABLES pc, num, flag, stack

(* define statement *)
i \prec j == \/ num[i] < num[j]
             \/ /\ num[i] = num[j]
                /\ i < j

VARIABLES toScan, maxSeen, unread

vars == << pc, num, flag, stack, toScan, maxSeen, unread >>

ProcSet == (Procs)

Init == (* Global variables *)
        /\ num = [i \in Procs |-> 0]
        /\ flag = [i \in Procs |-> FALSE]
        (* Procedure TakeNumber *)
        /\ toScan = [ self \in ProcSet |-> {}]
        /\ maxSeen = [ self \in ProcSet |-> 0]
        (* Process p *)
        /\ unread = [self \in Procs |-> {}]
        /\ stack = [self \in ProcSet |-> << >>]
        /\ pc = [self \in ProcSet |-> "ncs"]

tn1(self) == /\ pc[self] = "tn1"
             /\ flag' = [flag EXCEPT ![self] = TRUE]
             /\ toScan' = [toScan EXCEPT ![self] = Procs \ {self}]
             /\ maxSeen' = [maxSeen EXCEPT ![self] = 0]
             /\ pc' = [pc EXCEPT ![self] = "tn2"]
             /\ UNCHANGED << num, stack, unread >>

tn2(self) == /\ pc[self] = "tn2"
             /\ IF toScan[self] # {}
                   THEN /\ \E i \in toScan[self]:
                             /\ toScan' = [toScan EXCEPT ![self] = toScan[self] \ {i}]
                             /\ IF num[i] > maxSeen[self]
                                   THEN /\ maxSeen' = [maxSeen EXCEPT ![self] = num[i]]
                                   ELSE /\ TRUE
                                        /\ UNCHANGED maxSeen
                        /\ pc' = [pc EXCEPT ![self] = "tn2"]
                   ELSE /\ pc' = [pc EXCEPT ![self] = "tn3"]
                        /\ UNCHANGED << toScan, maxSeen >>
             /\ UNCHANGED << num, flag, stack, unread >>

tn3(self) == /\ pc[self] = "tn3"
             /\ num' = [num EXCEPT ![self] = maxSeen[self] + 1]
             /\ pc' = [pc EXCEPT ![self] = "tn4"]
             /\ UNCHANGED << flag, stack, toScan, maxSeen, unread >>

tn4(self) == /\ pc[self] = "tn4"
             /\ flag' = [flag EXCEPT ![self] = FALSE]
             /\ pc' = [pc EXCEPT ![self] = Head(stack[self]).pc]
             /\ toScan' = [toScan EXCEPT ![self] = Head(stack[self]).toScan]
             /\ maxSeen' = [maxSeen EXCEPT ![self] = Head(stack[self]).maxSeen]
             /\ stack' = [stack EXCEPT ![self] = Tail(stack[self])]
             /\ UNCHANGED << num, unread >>

TakeNumber(self) == tn1(self) \/ tn2(self) \/ tn3(self) \/ tn4(self)

ncs(self) == /\ pc[self] = "ncs"
             /\ TRUE
             /\ pc' = [pc EXCEPT ![self] = "enter"]
             /\ UNCHANGED << num, flag, stack, toScan, maxSeen, unread >>

enter(self) == /\ pc[self] = "enter"
               /\ stack' = [stack EXCEPT ![self] = << [ procedure |->  "TakeNumber",
                                                        pc        |->  "w1",
                                                        toScan    |->  toScan[self],
                                                        maxSeen   |->  maxSeen[self] ] >>
                                                    \o stack[self]]
               /\ toScan' = [toScan EXCEPT ![self] = {}]
               /\ maxSeen' = [maxSeen EXCEPT ![self] = 0]
               /\ pc' = [pc EXCEPT ![self] = "tn1"]
               /\ UNCHANGED << num, flag, unread >>

w1(self) == /\ pc[self] = "w1"
            /\ unread' = [unread EXCEPT ![self] = Procs \ {self}]
            /\ pc' = [pc EXCEPT ![self] = "w2"]
            /\ UNCHANGED << num, flag, stack, toScan, maxSeen >>

w2(self) == /\ pc[self] = "w2"
            /\ IF unread[self] # {}
                  THEN /\ \E i \in unread[self]:
                            /\ ~ flag[i]
                            /\ (num[i] = 0) \/ (self \prec i)
                            /\ unread' = [unread EXCEPT ![self] = unread[self] \ {i}]
                       /\ pc' = [pc EXCEPT ![self] = "w2"]
                  ELSE /\ pc' = [pc EXCEPT ![self] = "cs"]
                       /\ UNCHANGED unread
            /\ UNCHANGED << num, flag, stack, toScan, maxSeen >>

cs(self) == /\ pc[self] = "cs"
            /\ TRUE
            /\ pc' = [pc EXCEPT ![self] = "exit"]
            /\ UNCHANGED << num, flag, stack, toScan, maxSeen, unread >>

exit(self) == /\ pc[self] = "exit"
              /\ num' = [num EXCEPT ![self] = 0]
              /\ pc' = [pc EXCEPT ![self] = "ncs"]
              /\ UNCHANGED << flag, stack, toScan, maxSeen, unread >>

p(self) == ncs(self) \/ enter(self) \/ w1(self) \/ w2(self) \/ cs(self)
              \/ exit(self)

Next == (\E self \in ProcSet: TakeNumber(self))
           \/ (\E self \in Procs: p(self))

Spec == /\ Init /\ [][Next]_vars
        /\ \A self \in Procs : WF_vars(p(self)) /\ WF_vars(TakeNumber(self))

\* END TRANSLATION
-----------------------------------------------------------------------------
\* Bound on ticket numbers for model checking.
CONSTANT MaxNum

NumConstraint == \A i \in Procs : num[i] <= MaxNum

TypeOK == /\ num \in [Procs -> Nat]
          /\ flag \in [Procs -> BOOLEAN]
          /\ unread \in [Procs -> SUBSET Procs]

MutualExclusion == \A i, j \in Procs : (i # j) => ~ (pc[i] = "cs" /\ pc[j] = "cs")

\* Tickets of processes in the critical section are smallest among
\* those holding a ticket that has finished being chosen.
CSHasPriority ==
    \A i \in Procs : pc[i] = "cs" =>
        \A j \in Procs \ {i} : (num[j] # 0 /\ pc[j] \in {"w1", "w2"}) => i \prec j
=============================================================================
