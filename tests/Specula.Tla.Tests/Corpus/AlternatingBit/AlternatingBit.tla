--------------------------- MODULE AlternatingBit ---------------------------
(***************************************************************************)
(* The alternating bit protocol over lossy FIFO channels.  The sender    *)
(* retransmits <<bit, data>> until it sees an acknowledgement carrying   *)
(* the same bit.  The protocol implements a reliable FIFO channel: the   *)
(* sequence of data delivered is a prefix of the sequence sent.          *)
(***************************************************************************)
EXTENDS Naturals, Sequences

CONSTANTS Data, MaxMsgs, ChanCap

ASSUME /\ Data # {}
       /\ MaxMsgs \in Nat
       /\ ChanCap \in Nat \ {0}

VARIABLES sent,       \* the sequence of data the client asked to send
          delivered,  \* the sequence of data delivered to the receiver
          sBit,       \* the sender's current bit
          sVal,       \* the value being sent (or the last one)
          sBusy,      \* the sender has an unacknowledged value
          rBit,       \* the bit the receiver expects next
          msgQ,       \* data channel: sequence of <<bit, data>>
          ackQ        \* ack channel: sequence of bits

vars == <<sent, delivered, sBit, sVal, sBusy, rBit, msgQ, ackQ>>

TypeOK == /\ sent \in Seq(Data)
          /\ delivered \in Seq(Data)
          /\ sBit \in {0, 1} /\ rBit \in {0, 1}
          /\ sBusy \in BOOLEAN
          /\ msgQ \in Seq({0, 1} \X Data)
          /\ ackQ \in Seq({0, 1})

Init == /\ sent = << >>
        /\ delivered = << >>
        /\ sBit = 0 /\ rBit = 0
        /\ sVal \in Data
        /\ sBusy = FALSE
        /\ msgQ = << >> /\ ackQ = << >>

\* Remove the i-th element of a sequence.
Remove(i, s) == [j \in 1..(Len(s) - 1) |-> IF j < i THEN s[j] ELSE s[j + 1]]

\* The client hands the sender a new value.
Accept(d) == /\ ~sBusy
             /\ Len(sent) < MaxMsgs
             /\ sent' = Append(sent, d)
             /\ sVal' = d
             /\ sBusy' = TRUE
             /\ UNCHANGED <<delivered, sBit, rBit, msgQ, ackQ>>

\* The sender (re)transmits the current value.
SndMsg == /\ sBusy
          /\ Len(msgQ) < ChanCap
          /\ msgQ' = Append(msgQ, <<sBit, sVal>>)
          /\ UNCHANGED <<sent, delivered, sBit, sVal, sBusy, rBit, ackQ>>

\* The receiver takes a message: delivers it if it has the expected bit.
RcvMsg == /\ msgQ # << >>
          /\ msgQ' = Tail(msgQ)
          /\ LET m == Head(msgQ)
             IN  IF m[1] = rBit
                   THEN /\ delivered' = Append(delivered, m[2])
                        /\ rBit' = 1 - rBit
                   ELSE UNCHANGED <<delivered, rBit>>
          /\ UNCHANGED <<sent, sBit, sVal, sBusy, ackQ>>

\* The receiver acknowledges the last bit it accepted.
SndAck == /\ Len(ackQ) < ChanCap
          /\ ackQ' = Append(ackQ, 1 - rBit)
          /\ UNCHANGED <<sent, delivered, sBit, sVal, sBusy, rBit, msgQ>>

\* The sender takes an ack; a matching one completes the transfer.
RcvAck == /\ ackQ # << >>
          /\ ackQ' = Tail(ackQ)
          /\ IF Head(ackQ) = sBit /\ sBusy
                THEN /\ sBit' = 1 - sBit
                     /\ sBusy' = FALSE
                ELSE UNCHANGED <<sBit, sBusy>>
          /\ UNCHANGED <<sent, delivered, sVal, rBit, msgQ>>

\* Either channel may lose any message.
LoseMsg == \E i \in 1..Len(msgQ) : /\ msgQ' = Remove(i, msgQ)
                                   /\ UNCHANGED <<sent, delivered, sBit, sVal, sBusy, rBit, ackQ>>
LoseAck == \E i \in 1..Len(ackQ) : /\ ackQ' = Remove(i, ackQ)
                                   /\ UNCHANGED <<sent, delivered, sBit, sVal, sBusy, rBit, msgQ>>

Next == \/ \E d \in Data : Accept(d)
        \/ SndMsg \/ RcvMsg \/ SndAck \/ RcvAck
        \/ LoseMsg \/ LoseAck

\* Fairness: retransmission and reception are weakly fair; the channels
\* are strongly fair in the sense that a message sent infinitely often
\* is eventually received.
Spec == /\ Init /\ [][Next]_vars
        /\ WF_vars(SndMsg) /\ WF_vars(SndAck)
        /\ SF_vars(RcvMsg) /\ SF_vars(RcvAck)

-----------------------------------------------------------------------------
IsPrefix(s, t) == Len(s) <= Len(t) /\ SubSeq(t, 1, Len(s)) = s

\* Safety: the receiver delivers a prefix of what was sent, and at most
\* one value is in transit.
Safety == /\ IsPrefix(delivered, sent)
          /\ Len(sent) - Len(delivered) \in {0, 1}

\* Every message in the data channel carries either the current value or
\* was already delivered.
ChannelInv == \A i \in 1..Len(msgQ) :
                 msgQ[i][1] = sBit => msgQ[i][2] = sVal

\* Liveness: everything that is sent is eventually delivered.
Delivery == \A n \in 1..MaxMsgs : (Len(sent) >= n) ~> (Len(delivered) >= n)
=============================================================================
