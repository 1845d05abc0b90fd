------------------------------ MODULE Lexical ------------------------------
(***************************************************************************)
(* Lexical corner cases: string escapes, numbers in every radix, nested  *)
(* comments, and comment-like text inside strings.  The state machine   *)
(* below formats a small log with these strings.                        *)
(***************************************************************************)
EXTENDS Integers, Sequences, TLC

(* A block comment (* with a nested block comment (* two levels deep *) *)
   that continues here, and mentions ==== and ---- MODULE Fake ----
   without ending the module. *)

\* A line comment containing (* an unterminated comment opener.

(***************************************************************************)
(* Strings with escape sequences.                                         *)
(***************************************************************************)
Quote     == "She said \"hi\""
Backslash == "C:\\temp\\file.tla"
Newline   == "line one\nline two"
Tab       == "col1\tcol2"
Mixed     == "\"\\\n\t\""
NotAComment == "(* not a comment *) \\* nor this"
Empty     == ""

(***************************************************************************)
(* Numbers.                                                               *)
(***************************************************************************)
Binary   == \b1010          \* 10
BinaryUp == \B1111          \* 15
Octal    == \o17            \* 15
OctalUp  == \O777           \* 511
Hex      == \h1F            \* 31
HexUp    == \HfF            \* 255
Big      == 1234567890
Zero     == 0

\* Integer division and powers over Reals' superset of the integers.
Ratio    == 22 \div 7
Cube(x)  == x ^ 3

ASSUME Binary = 10 /\ BinaryUp = 15 /\ Octal = 15 /\ OctalUp = 511
ASSUME Hex = 31 /\ HexUp = 255
ASSUME Hex + Binary = \h29
ASSUME Quote # Backslash
-----------------------------------------------------------------------------
VARIABLES out, i

Messages == << Quote, Backslash, Newline, Tab, Mixed, NotAComment, Empty >>

Init == out = << >> /\ i = 1

Emit == /\ i <= Len(Messages)
        /\ out' = Append(out, Messages[i])
        /\ i' = i + \b1

Halt == i > Len(Messages) /\ UNCHANGED <<out, i>>

Next == Emit \/ Halt

Spec == Init /\ [][Next]_<<out, i>>

Inv == /\ Len(out) = i - 1
       /\ \A k \in 1..Len(out) : out[k] = Messages[k]
       /\ i \in 1..(Len(Messages) + \o1)
=============================================================================
