-------------------------- MODULE MCRegistration --------------------------
EXTENDS Registration

MCPrereq == [c \in Course |-> IF c = "algo" THEN {"intro"} ELSE {}]
=============================================================================
