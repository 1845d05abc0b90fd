---------------------------- MODULE Registration ----------------------------
(***************************************************************************)
(* Course registration: students enrol in sections of courses, subject to *)
(* capacities and prerequisites.  The spec is a tour of TLA+ expressions: *)
(* records and record sets, nested EXCEPT paths (![c].sections[s].seats), *)
(* multiple EXCEPT clauses and @, tuple binders, set comprehensions of    *)
(* both kinds, SUBSET, UNION, CHOOSE, DOMAIN, function sets, CASE/OTHER   *)
(* and nested IF/THEN/ELSE.                                              *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets, Sequences

CONSTANTS Student, Course, Section, Capacity, Prereq

\* Prereq[c] is the set of courses that must be passed before c.
ASSUME /\ Capacity \in Nat \ {0}
       /\ Prereq \in [Course -> SUBSET Course]
       /\ \A c \in Course : c \notin Prereq[c]

Grade == {"A", "B", "C", "F", "none"}

VARIABLES catalog,   \* catalog[c] = [open, sections |-> [s |-> [seats, roster]]]
          record,    \* record[st][c]: the student's grade in c
          log        \* a sequence of [who, what, course] events

vars == <<catalog, record, log>>

SectionRec == [seats : 0..Capacity, roster : SUBSET Student]
CourseRec  == [open : BOOLEAN, sections : [Section -> SectionRec]]
Event      == [who : Student, what : {"enrol", "drop", "grade"}, course : Course]

TypeOK == /\ catalog \in [Course -> CourseRec]
          /\ record \in [Student -> [Course -> Grade]]
          /\ log \in Seq(Event)

Init == /\ catalog = [c \in Course |->
                        [open |-> TRUE,
                         sections |-> [s \in Section |-> [seats |-> Capacity, roster |-> {}]]]]
        /\ record = [st \in Student |-> [c \in Course |-> "none"]]
        /\ log = << >>

\* Derived views.
EnrolledIn(st) == {c \in Course : \E s \in Section : st \in catalog[c].sections[s].roster}
Passed(st) == {c \in Course : record[st][c] \in {"A", "B", "C"}}
Eligible(st, c) == Prereq[c] \subseteq Passed(st)
AllRosters == UNION {catalog[c].sections[s].roster : <<c, s>> \in Course \X Section}
FreeSections(c) == {s \in DOMAIN catalog[c].sections : catalog[c].sections[s].seats > 0}

\* Enrol st in section s of c: decrement seats, add to roster, log it.
Enrol(st, c, s) ==
  /\ catalog[c].open
  /\ c \notin EnrolledIn(st)
  /\ record[st][c] \notin {"A", "B", "C"}
  /\ Eligible(st, c)
  /\ s \in FreeSections(c)
  /\ catalog' = [catalog EXCEPT ![c].sections[s].seats = @ - 1,
                                ![c].sections[s].roster = @ \cup {st}]
  /\ log' = Append(log, [who |-> st, what |-> "enrol", course |-> c])
  /\ UNCHANGED record

Drop(st, c) ==
  /\ \E s \in Section :
       /\ st \in catalog[c].sections[s].roster
       /\ catalog' = [catalog EXCEPT ![c].sections[s] =
                         [seats |-> @.seats + 1, roster |-> @.roster \ {st}]]
  /\ log' = Append(log, [who |-> st, what |-> "drop", course |-> c])
  /\ UNCHANGED record

\* The instructor grades a student and removes them from the roster.
GradeStudent(st, c, g) ==
  /\ g \in Grade \ {"none"}
  /\ \E s \in Section :
       /\ st \in catalog[c].sections[s].roster
       /\ catalog' = [catalog EXCEPT ![c].sections[s].roster = @ \ {st},
                                     ![c].sections[s].seats = @ + 1]
  /\ record' = [record EXCEPT ![st][c] = g]
  /\ log' = Append(log, [who |-> st, what |-> "grade", course |-> c])

\* The registrar closes a course with no enrolment.
Close(c) == /\ catalog[c].open
            /\ \A s \in Section : catalog[c].sections[s].roster = {}
            /\ catalog' = [catalog EXCEPT ![c].open = FALSE]
            /\ UNCHANGED <<record, log>>

Next == \/ \E <<st, c>> \in Student \X Course :
              \/ \E s \in Section : Enrol(st, c, s)
              \/ Drop(st, c)
              \/ \E g \in {"A", "F"} : GradeStudent(st, c, g)
        \/ \E c \in Course : Close(c)

Spec == Init /\ [][Next]_vars

LogBound == Len(log) <= 4
-----------------------------------------------------------------------------
(* Invariants *)

SeatsConsistent ==
  \A c \in Course, s \in Section :
     catalog[c].sections[s].seats + Cardinality(catalog[c].sections[s].roster) = Capacity

OneSectionPerCourse ==
  \A st \in Student, c \in Course :
     Cardinality({s \in Section : st \in catalog[c].sections[s].roster}) <= 1

\* Everyone enrolled in a course has passed its prerequisites.
PrereqsRespected ==
  \A <<st, c>> \in Student \X Course : c \in EnrolledIn(st) => Prereq[c] \subseteq Passed(st)

ClosedCoursesEmpty == \A c \in Course : ~catalog[c].open =>
                         \A s \in Section : catalog[c].sections[s].roster = {}

\* The summary of a grade, with nested IF and CASE.
Standing(st) ==
  LET n == Cardinality(Passed(st))
      f == Cardinality({c \in Course : record[st][c] = "F"})
  IN  IF n = 0
        THEN IF f = 0 THEN "new" ELSE "probation"
        ELSE CASE f = 0 -> "good"
               [] f > n -> "probation"
               [] OTHER -> "fair"

StandingOK == \A st \in Student : Standing(st) \in {"new", "probation", "good", "fair"}

\* Pairs of distinct students sharing a section (a set of tuples filtered
\* with a tuple pattern).
Classmates == {<<a, b>> \in Student \X Student :
                 a # b /\ \E <<c, s>> \in Course \X Section :
                            {a, b} \subseteq catalog[c].sections[s].roster}

ClassmatesSymmetric == \A <<a, b>> \in Classmates : <<b, a>> \in Classmates

\* Every set of students in a roster is among the subsets of Student.
RostersAreSubsets == \A c \in Course, s \in Section :
                        catalog[c].sections[s].roster \in SUBSET Student

\* The event log only refers to real students.
LogWellFormed == {log[i].who : i \in 1..Len(log)} \subseteq AllRosters \cup Student

\* Some student with the most passed courses (CHOOSE).
TopStudent == CHOOSE st \in Student :
                \A other \in Student : Cardinality(Passed(other)) <= Cardinality(Passed(st))
TopOK == TopStudent \in Student

\* A function from each course to the students passing it.
PassList == [c \in Course |-> {st \in Student : c \in Passed(st)}]
PassListOK == PassList \in [Course -> SUBSET Student]
=============================================================================
