---------------------------- MODULE BufferedLink ----------------------------
(***************************************************************************)
(* A FIFO link built from two handshake channels and an internal queue.    *)
(* The two channels are named instances of Handshake with different       *)
(* substitutions for the channel variable.                                 *)
(***************************************************************************)
EXTENDS Naturals, Sequences

CONSTANTS Message, QLen
ASSUME QLen \in Nat \ {0}

VARIABLES in, out, q

InChan  == INSTANCE Handshake WITH Data <- Message, wire <- in
OutChan == INSTANCE Handshake WITH Data <- Message, wire <- out

vars == <<in, out, q>>

Init == /\ InChan!Init
        /\ OutChan!Init
        /\ q = << >>

TypeInvariant == /\ InChan!TypeInvariant
                 /\ OutChan!TypeInvariant
                 /\ q \in Seq(Message)
                 /\ Len(q) <= QLen

\* The environment sends a message on the input channel.
Input(msg) == /\ InChan!Send(msg)
              /\ UNCHANGED <<out, q>>

\* The link takes a message off the input channel into the queue.
Absorb == /\ Len(q) < QLen
          /\ InChan!Rcv
          /\ q' = Append(q, in.val)
          /\ UNCHANGED out

\* The link moves the head of the queue to the output channel.
Forward == /\ q # << >>
           /\ OutChan!Send(Head(q))
           /\ q' = Tail(q)
           /\ UNCHANGED in

\* The environment receives from the output channel.
Pull == /\ OutChan!Rcv
        /\ UNCHANGED <<in, q>>

Next == \/ \E msg \in Message : Input(msg)
        \/ Absorb
        \/ Forward
        \/ Pull

Spec == Init /\ [][Next]_vars

\* Liveness for the link's internal actions.
FairSpec == Spec /\ WF_vars(Absorb) /\ WF_vars(Forward)

\* The input and output channels each behave as a handshake channel.
InChanSpec  == InChan!Spec
OutChanSpec == OutChan!Spec
=============================================================================
