-------------------------------- MODULE Link --------------------------------
(***************************************************************************)
(* The externally visible behaviour of a FIFO link: the internal queue is *)
(* hidden with temporal existential quantification.  Inner(qq) is a       *)
(* parameterized instance of BufferedLink.                                 *)
(***************************************************************************)
CONSTANTS Message, QLen
VARIABLES in, out

Inner(qq) == INSTANCE BufferedLink WITH q <- qq

Spec == \EE qq : Inner(qq)!Spec

\* The channels are handshake channels in any behaviour of the link.
LOCAL Chan(w) == INSTANCE Handshake WITH Data <- Message, wire <- w

THEOREM Spec => Chan(in)!Spec /\ Chan(out)!Spec
=============================================================================
