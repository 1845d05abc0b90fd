---------------------------- MODULE BulletLists ----------------------------
(***************************************************************************)
(* A traffic-intersection controller whose definitions use deeply nested  *)
(* conjunction and disjunction lists.  The meaning of these lists depends *)
(* on the column of each bullet: a bullet left of the current list ends   *)
(* it, a bullet aligned with it adds an item, and text indented further   *)
(* continues the current item.  The ASSUMEs at the end pin down the       *)
(* intended parse of each tricky layout.                                   *)
(***************************************************************************)
EXTENDS Naturals

CONSTANT MaxWait

Light == {"red", "yellow", "green"}

VARIABLES ns, ew, wait, ped

vars == <<ns, ew, wait, ped>>

TypeOK ==
  /\ ns \in Light
  /\ ew \in Light
  /\ wait \in 0..MaxWait
  /\ ped \in BOOLEAN

Init == /\ ns = "green" /\ ew = "red"
        /\ wait = 0
        /\ ped = FALSE

\* A conjunction list whose items are disjunction lists, one of which
\* contains a further conjunction list.
NSYellow ==
  /\ ns = "green"
  /\ \/ wait = MaxWait
     \/ /\ ped
        /\ wait > 0
     \/ ew = "red"
        /\ wait >= 1         \* continues the item "ew = "red"" above
  /\ ns' = "yellow"
  /\ UNCHANGED <<ew, wait, ped>>

NSRed ==
  /\ ns = "yellow"
  /\ ns' = "red"
  /\ ew' = "green"
  /\ wait' = 0
  /\ ped' = FALSE

\* A list inside parentheses, inside an IF branch.
EWChange ==
  /\ IF ew = "green"
       THEN (/\ \/ wait = MaxWait
                \/ ped /\ wait > 0
             /\ ew' = "yellow"
             /\ UNCHANGED <<ns, wait, ped>>)
       ELSE /\ ew = "yellow"
            /\ ew' = "red"
            /\ ns' = "green"
            /\ wait' = 0
            /\ ped' = FALSE

Tick ==
  /\ wait < MaxWait
  /\ wait' = wait + 1
  /\ UNCHANGED <<ns, ew, ped>>

Press ==
  /\ ~ped
  /\ ped' = TRUE
  /\ UNCHANGED <<ns, ew, wait>>

Next ==
  \/ NSYellow
  \/ NSRed
  \/ EWChange
  \/ Tick
  \/ Press

Spec == Init /\ [][Next]_vars /\ WF_vars(Next)

\* At least one direction is red at all times.
Safe ==
  \/ ns = "red"
  \/ ew = "red"

\* Both directions are never simultaneously not red.
Exclusive ==
  ~ /\ ns # "red"
    /\ ew # "red"

\* A nested list whose items continue on more-indented lines.
Consistent ==
  /\ \/ /\ ns = "green"
        /\ ew = "red"
     \/ /\ ns = "yellow"
        /\ ew =
             "red"
     \/ /\ ns = "red"
        /\ ew \in {"green",
                   "yellow"}
  /\ ped => \/ wait \in 0..MaxWait
            \/ FALSE

Liveness == []<>(ew = "green")
-----------------------------------------------------------------------------
(* The ASSUMEs below only hold under the correct, layout-sensitive parse. *)

\* A new item at a smaller column ends the inner disjunction.
ASSUME /\ \/ TRUE
          \/ FALSE
       /\ TRUE

\* (FALSE /\ FALSE) \/ TRUE: the outer disjunction contains a conjunction.
ASSUME \/ /\ FALSE
          /\ FALSE
       \/ TRUE

\* Within a list item, an infix operator binds to the whole item.
ASSUME /\ \/ FALSE
          \/ TRUE
       /\ TRUE

\* A list inside parentheses, then an operator outside them.
ASSUME (\/ FALSE
        \/ TRUE) /\ TRUE

\* Lists in IF branches and in a LET body.
ASSUME LET a == TRUE
           b == FALSE
       IN  IF a THEN /\ a
                     /\ ~b
                ELSE /\ b
                     /\ FALSE

\* Lists as arguments of an operator and in a set constructor.
Both(x, y) == x /\ y
ASSUME Both(/\ TRUE
            /\ TRUE,
            \/ FALSE
            \/ TRUE)
ASSUME {x \in 1..5 : \/ x = 1
                     \/ x = 5} = {1, 5}

\* A singleton list and a list that is the body of a quantifier.
ASSUME /\ \A x \in 1..3 : /\ x >= 1
                          /\ x <= 3
       /\ \E y \in 1..3 : \/ y = 7
                          \/ y = 2
=============================================================================
