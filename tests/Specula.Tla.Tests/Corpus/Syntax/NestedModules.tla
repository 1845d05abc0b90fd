--------------------------- MODULE NestedModules ---------------------------
(***************************************************************************)
(* A module containing inner modules.  Inner modules see the constants,   *)
(* variables and definitions that precede them in the outer module; they  *)
(* can be instantiated like ordinary modules.  The outer module is split  *)
(* into sections by module separators.                                    *)
(***************************************************************************)
EXTENDS Naturals, Sequences

CONSTANTS N, Data
VARIABLES hi, lo, log

Digits == 0..(N - 1)

----------------------------------------------------------------------------
(* A single digit of an N-ary counter, as a submodule.  It can refer to   *)
(* N and Digits from the enclosing module.                                *)
------------------------------ MODULE Digit ------------------------------
VARIABLE d

DInit == d = 0
Tick == d' = (d + 1) % N
Wraps == d = N - 1
DSpec == DInit /\ [][Tick]_d
==========================================================================

(* Another submodule, itself containing a nested submodule. *)
---------------------------- MODULE Journal ----------------------------
VARIABLE entries

JInit == entries = << >>
Record(e) == entries' = Append(entries, e)

  ------------------------- MODULE Bounded -------------------------
  CONSTANT Max
  BoundedRecord(e) == Len(entries) < Max /\ Record(e)
  ==================================================================

B == INSTANCE Bounded WITH Max <- 3
========================================================================

Hi == INSTANCE Digit WITH d <- hi
Lo == INSTANCE Digit WITH d <- lo
J  == INSTANCE Journal WITH entries <- log

vars == <<hi, lo, log>>
----------------------------------------------------------------------------
Init == Hi!DInit /\ Lo!DInit /\ J!JInit

\* Increment the two-digit counter, logging every carry.
Inc == /\ Lo!Tick
       /\ IF Lo!Wraps
             THEN /\ Hi!Tick
                  /\ \/ J!B!BoundedRecord(<<hi, "carry">>)
                     \/ /\ Len(log) >= 3
                        /\ UNCHANGED log
             ELSE UNCHANGED <<hi, log>>

Next == Inc

Spec == Init /\ [][Next]_vars

----------------------------------------------------------------------------
TypeOK == /\ hi \in Digits
          /\ lo \in Digits
          /\ log \in Seq(Digits \X {"carry"})

Value == hi * N + lo

LogBounded == Len(log) <= 3

\* Each digit, viewed on its own, is a Digit.
HiSpec == Hi!DSpec
LoSpec == Lo!DSpec
============================================================================
