----------------------------- MODULE Handshake -----------------------------
(***************************************************************************)
(* An asynchronous handshake channel.  The sender may put a value on the  *)
(* wire only when the receiver has acknowledged the previous one; the     *)
(* "rdy" and "ack" bits alternate.                                         *)
(***************************************************************************)
EXTENDS Naturals

CONSTANT Data
VARIABLE wire

TypeInvariant == wire \in [val : Data, rdy : {0, 1}, ack : {0, 1}]

Init == /\ TypeInvariant
        /\ wire.ack = wire.rdy

Send(d) == /\ wire.rdy = wire.ack
           /\ wire' = [wire EXCEPT !.val = d, !.rdy = 1 - @]

Rcv == /\ wire.rdy # wire.ack
       /\ wire' = [wire EXCEPT !.ack = 1 - @]

Next == (\E d \in Data : Send(d)) \/ Rcv

Spec == Init /\ [][Next]_wire

THEOREM Spec => []TypeInvariant
=============================================================================
