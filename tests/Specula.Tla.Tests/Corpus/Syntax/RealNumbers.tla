---------------------------- MODULE RealNumbers ----------------------------
(***************************************************************************)
(* Decimal literals and real arithmetic (EXTENDS Reals).  TLC cannot      *)
(* evaluate real numbers, so this module is meant for parsing and level / *)
(* semantic checking only: it describes a thermostat whose temperature    *)
(* is a real number and proves nothing about it.                          *)
(***************************************************************************)
EXTENDS Reals

CONSTANTS Target,   \* the desired temperature
          Rate      \* heating or cooling per step

ASSUME /\ Target \in Real
       /\ Rate \in Real
       /\ 0.0 < Rate
       /\ Rate < 2.5

Tolerance == 0.25
Pi        == 3.14159
Half      == 0.5
Tiny      == 0.000001
Mixed     == 1 + 2.75 * 3 - 10 / 4
Neg       == -3.5

Abs(x) == IF x < 0 THEN -x ELSE x
Area(r) == Pi * r * r
Close(x, y) == Abs(x - y) <= Tolerance
Average(x, y) == (x + y) * Half

VARIABLES temp, heater

Init == /\ temp \in {x \in Real : Close(x, Target)}
        /\ heater = FALSE

Heat == /\ heater
        /\ temp' = temp + Rate
        /\ UNCHANGED heater

Cool == /\ ~heater
        /\ temp' = temp - Rate * Half
        /\ UNCHANGED heater

Switch == /\ heater' = (temp < Target - Tolerance)
          /\ UNCHANGED temp

Next == Heat \/ Cool \/ Switch

Spec == Init /\ [][Next]_<<temp, heater>> /\ WF_<<temp, heater>>(Switch)

Comfortable == Abs(temp - Target) <= 2.0 * Rate + Tolerance

Stable == <>[]Comfortable

Unbounded == Infinity > 100.0
=============================================================================
