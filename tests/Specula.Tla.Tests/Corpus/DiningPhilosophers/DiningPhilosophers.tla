------------------------- MODULE DiningPhilosophers -------------------------
(***************************************************************************)
(* The dining philosophers, in PlusCal P-syntax.  Deadlock is avoided by  *)
(* resource ordering: every philosopher picks up the lower-numbered fork  *)
(* first.  Fork acquisition is a macro; eating is a procedure that        *)
(* records how many meals each philosopher has had.                       *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets, TLC

CONSTANTS NP,        \* number of philosophers
          MaxMeals   \* bound on meals, to keep the model finite

ASSUME NP \in Nat /\ NP >= 2 /\ MaxMeals \in Nat

Phil == 0..(NP - 1)
LeftFork(p)  == p
RightFork(p) == (p + 1) % NP
First(p)  == IF LeftFork(p) < RightFork(p) THEN LeftFork(p) ELSE RightFork(p)
Second(p) == IF LeftFork(p) < RightFork(p) THEN RightFork(p) ELSE LeftFork(p)

(* --algorithm DiningPhilosophers
variables
  holder = [f \in Phil |-> NP],   \* NP means "on the table"
  meals = [p \in Phil |-> 0];

define
  OnTable(f) == holder[f] = NP
  Holding(p) == {f \in Phil : holder[f] = p}
end define;

macro Take(f) begin
  await OnTable(f);
  holder[f] := self;
end macro;

\* Both forks go back in a single step (a multiple assignment).
macro PutBoth(f, g) begin
  holder[f] := NP || holder[g] := NP;
end macro;

procedure Eat(limit)
begin
  eat:
    if meals[self] < limit then
      meals[self] := meals[self] + 1;
    end if;
  doneEating:
    return;
end procedure;

fair process philosopher \in Phil
begin
  think:
    while meals[self] < MaxMeals do
      first:
        Take(First(self));
      second:
        Take(Second(self));
      dine:
        call Eat(MaxMeals);
      release:
        PutBoth(First(self), Second(self));
    end while;
end process;
end algorithm; *)
\* BEGIN TRANSLATION
CONSTANT defaultInitValue
VARIABLES pc, holder, meals, stack

(* define statement *)
OnTable(f) == holder[f] = NP
Holding(p) == {f \in Phil : holder[f] = p}

VARIABLE limit

vars == << pc, holder, meals, stack, limit >>

ProcSet == (Phil)

Init == (* Global variables *)
        /\ holder = [f \in Phil |-> NP]
        /\ meals = [p \in Phil |-> 0]
        (* Procedure Eat *)
        /\ limit = [ self \in ProcSet |-> defaultInitValue]
        /\ stack = [self \in ProcSet |-> << >>]
        /\ pc = [self \in ProcSet |-> "think"]

eat(self) == /\ pc[self] = "eat"
             /\ IF meals[self] < limit[self]
                   THEN /\ meals' = [meals EXCEPT ![self] = meals[self] + 1]
                   ELSE /\ TRUE
                        /\ meals' = meals
             /\ pc' = [pc EXCEPT ![self] = "doneEating"]
             /\ UNCHANGED << holder, stack, limit >>

doneEating(self) == /\ pc[self] = "doneEating"
                    /\ pc' = [pc EXCEPT ![self] = Head(stack[self]).pc]
                    /\ limit' = [limit EXCEPT ![self] = Head(stack[self]).limit]
                    /\ stack' = [stack EXCEPT ![self] = Tail(stack[self])]
                    /\ UNCHANGED << holder, meals >>

Eat(self) == eat(self) \/ doneEating(self)

think(self) == /\ pc[self] = "think"
               /\ IF meals[self] < MaxMeals
                     THEN /\ pc' = [pc EXCEPT ![self] = "first"]
                     ELSE /\ pc' = [pc EXCEPT ![self] = "Done"]
               /\ UNCHANGED << holder, meals, stack, limit >>

first(self) == /\ pc[self] = "first"
               /\ OnTable((First(self)))
               /\ holder' = [holder EXCEPT ![(First(self))] = self]
               /\ pc' = [pc EXCEPT ![self] = "second"]
               /\ UNCHANGED << meals, stack, limit >>

second(self) == /\ pc[self] = "second"
                /\ OnTable((Second(self)))
                /\ holder' = [holder EXCEPT ![(Second(self))] = self]
                /\ pc' = [pc EXCEPT ![self] = "dine"]
                /\ UNCHANGED << meals, stack, limit >>

dine(self) == /\ pc[self] = "dine"
              /\ /\ limit' = [limit EXCEPT ![self] = MaxMeals]
                 /\ stack' = [stack EXCEPT ![self] = << [ procedure |->  "Eat",
                                                          pc        |->  "release",
                                                          limit     |->  limit[self] ] >>
                                                      \o stack[self]]
              /\ pc' = [pc EXCEPT ![self] = "eat"]
              /\ UNCHANGED << holder, meals >>

release(self) == /\ pc[self] = "release"
                 /\ holder' = [holder EXCEPT ![(First(self))] = NP,
                                             ![(Second(self))] = NP]
                 /\ pc' = [pc EXCEPT ![self] = "think"]
                 /\ UNCHANGED << meals, stack, limit >>

philosopher(self) == think(self) \/ first(self) \/ second(self)
                        \/ dine(self) \/ release(self)

(* Allow infinite stuttering to prevent deadlock on termination. *)
Terminating == /\ \A self \in ProcSet: pc[self] = "Done"
               /\ UNCHANGED vars

Next == (\E self \in ProcSet: Eat(self))
           \/ (\E self \in Phil: philosopher(self))
           \/ Terminating

Spec == /\ Init /\ [][Next]_vars
        /\ \A self \in Phil : WF_vars(philosopher(self)) /\ WF_vars(Eat(self))

Termination == <>(\A self \in ProcSet: pc[self] = "Done")

\* END TRANSLATION

TypeOK == /\ holder \in [Phil -> Phil \cup {NP}]
          /\ meals \in [Phil -> 0..MaxMeals]

\* A fork is held by at most one philosopher (trivially, as holder is a
\* function), and a philosopher eats only when holding both forks.
EatingHoldsForks == \A p \in Phil :
                      pc[p] \in {"dine", "eat", "doneEating", "release"}
                         => Holding(p) = {LeftFork(p), RightFork(p)}

\* Neighbours never eat at the same time.
NeighboursExclusive == \A p \in Phil :
                         ~ (pc[p] = "eat" /\ pc[RightFork(p)] = "eat")

\* Every philosopher eventually finishes all its meals.
AllFed == <>(\A p \in Phil : meals[p] = MaxMeals)
=============================================================================
