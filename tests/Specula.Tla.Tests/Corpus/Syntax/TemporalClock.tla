--------------------------- MODULE TemporalClock ---------------------------
(***************************************************************************)
(* An hour clock with a minute hand, used to exercise the temporal and   *)
(* action operators of TLA: [A]_v, <<A>>_v, ENABLED, UNCHANGED, WF/SF,   *)
(* [] <> ~>, -+-> (guarantees), \cdot (action composition), \AA / \EE   *)
(* (temporal quantifiers) and labelled subexpressions.                   *)
(***************************************************************************)
EXTENDS Naturals

CONSTANT MinutesPerHour
ASSUME MinutesPerHour \in Nat \ {0}

VARIABLES hr, mn

vars == <<hr, mn>>

HCini == hr \in 1..12
HCnxt == hr' = IF hr # 12 THEN hr + 1 ELSE 1
HC == HCini /\ [][HCnxt]_hr

Init == /\ HCini
        /\ mn = 0

TickMinute == /\ mn < MinutesPerHour - 1
              /\ mn' = mn + 1
              /\ UNCHANGED hr

TickHour == /\ mn = MinutesPerHour - 1
            /\ mn' = 0
            /\ HCnxt

Next == TickMinute \/ TickHour

Spec == Init /\ [][Next]_vars /\ WF_vars(Next) /\ SF_vars(TickHour)

\* Labelled subexpressions, which proofs and tools can refer to.
Valid == /\ range:: hr \in 1..12
         /\ minutes:: mn \in 0..(MinutesPerHour - 1)

\* The hour changes only by the hour action; minutes keep ticking.
HourStepsOK == [][hr' # hr => mn = MinutesPerHour - 1 /\ mn' = 0]_vars

\* The hour eventually changes, and some step that changes it happens
\* infinitely often.
HourAdvances == []<><<HCnxt>>_hr
AlwaysTicking == []<><<Next>>_vars

\* It is always possible to tick.
CanTick == [](ENABLED Next)
CanTickAngle == [](ENABLED <<Next>>_vars)

\* Noon is reached infinitely often.
Noon == (hr = 11) ~> (hr = 12)

\* The clock implements the hour clock HC.
RefinesHC == HC

\* Composition: two minute ticks in a row is an action in its own right.
TwoMinutes == TickMinute \cdot TickMinute

\* An environment that never stops the clock guarantees it keeps running.
Env == [][UNCHANGED <<hr, mn>> \/ Next]_vars
Guarantee == Env -+-> Spec

\* Hiding the minute hand yields the hour clock.
HiddenMinutes == \EE m : /\ hr \in 1..12 /\ m = 0
                         /\ [][\/ /\ m' = m + 1 /\ UNCHANGED hr
                               \/ /\ m' = 0 /\ HCnxt]_<<hr, m>>

\* A temporal universal quantifier (for every flexible x, ...).
Rigid == \AA x : [](x = x)

THEOREM Spec => []Valid
THEOREM Spec => HiddenMinutes
THEOREM Spec => Noon
=============================================================================
