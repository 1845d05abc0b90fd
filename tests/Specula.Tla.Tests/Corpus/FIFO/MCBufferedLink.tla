--------------------------- MODULE MCBufferedLink ---------------------------
EXTENDS BufferedLink, TLC

\* Only consider behaviours in which each channel value is a real message.
MCMessage == {"m1", "m2"}
=============================================================================
