-------------------------- MODULE UnicodeElevator --------------------------
(***************************************************************************)
(* A single elevator serving a few floors, written with the Unicode       *)
(* forms of the TLA+ operators (≜ ∧ ∨ ¬ ∈ ∉ ⊆ ∪ ∩ → ↦ ⟨ ⟩ □ ◇ ∀ ∃ ≤ ≥ ≠  *)
(* × ⇒ ↝).  Every Unicode symbol has the same meaning as its ASCII form. *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANTS Floor, Top

ASSUME Floor = 1..Top ∧ Top ≥ 1

Direction ≜ {"up", "down", "idle"}

VARIABLES at,        \* the floor the car is at
          dir,       \* its direction
          calls,     \* floors with a pending call
          doorOpen   \* whether the doors are open

vars ≜ ⟨at, dir, calls, doorOpen⟩

TypeOK ≜ ∧ at ∈ Floor
         ∧ dir ∈ Direction
         ∧ calls ⊆ Floor
         ∧ doorOpen ∈ BOOLEAN

Init ≜ ∧ at = 1
       ∧ dir = "idle"
       ∧ calls = {}
       ∧ doorOpen = FALSE

Call(f) ≜ ∧ f ∉ calls
          ∧ f ≠ at
          ∧ calls' = calls ∪ {f}
          ∧ UNCHANGED ⟨at, dir, doorOpen⟩

Above ≜ {f ∈ calls : f > at}
Below ≜ {f ∈ calls : f < at}

\* Choose a direction when idle.
Start ≜ ∧ dir = "idle"
        ∧ ¬doorOpen
        ∧ calls \ {at} ≠ {}
        ∧ dir' = IF Above ≠ {} THEN "up" ELSE "down"
        ∧ UNCHANGED ⟨at, calls, doorOpen⟩

Move ≜ ∧ dir ≠ "idle"
       ∧ ¬doorOpen
       ∧ at ∉ calls
       ∧ at' = IF dir = "up" THEN at + 1 ELSE at - 1
       ∧ at' ∈ Floor
       ∧ UNCHANGED ⟨dir, calls, doorOpen⟩

Open ≜ ∧ at ∈ calls
       ∧ ¬doorOpen
       ∧ doorOpen' = TRUE
       ∧ calls' = calls \ {at}
       ∧ UNCHANGED ⟨at, dir⟩

Close ≜ ∧ doorOpen
        ∧ doorOpen' = FALSE
        ∧ dir' = CASE dir = "up"   ∧ Above ≠ {} → "up"
                   □ dir = "down" ∧ Below ≠ {} → "down"
                   □ OTHER → "idle"
        ∧ UNCHANGED ⟨at, calls⟩

Next ≜ ∨ ∃ f ∈ Floor : Call(f)
       ∨ Start ∨ Move ∨ Open ∨ Close

Spec ≜ ∧ Init
       ∧ □[Next]_vars
       ∧ WF_vars(Start) ∧ WF_vars(Move) ∧ WF_vars(Open) ∧ WF_vars(Close)

\* Safety: doors are only open while stopped at a floor; the car never
\* leaves the building.
Safe ≜ ∧ TypeOK
       ∧ doorOpen ⇒ at ∈ Floor
       ∧ ∀ f ∈ calls : f ∈ Floor
       ∧ (dir = "up" ∧ ¬doorOpen ∧ at ∉ calls) ⇒ ∃ g ∈ calls : g > at

\* Liveness: every call is eventually served.
Served ≜ ∀ f ∈ Floor : (f ∈ calls) ↝ (at = f ∧ doorOpen)

EventuallyIdle ≜ □◇(dir = "idle" ∨ doorOpen ∨ calls ≠ {})

Pairs ≜ {p ∈ Floor × Floor : p[1] ≤ p[2]}
Dist ≜ [p ∈ Pairs ↦ p[2] - p[1]]
DistOK ≜ ∀ p ∈ Pairs : Dist[p] ≥ 0 ∧ Dist[p] ≤ Top - 1
Idx ≜ [f ∈ Floor ↦ ⟨f, f⟩] ∈ [Floor → Pairs]
Common ≜ (calls ∩ Floor) ∪ {} ⊆ Floor
=============================================================================
