--------------------------- MODULE MCChangRoberts ---------------------------
EXTENDS ChangRoberts

MCUID == <<3, 1, 4>>   \* a function from 1..3 to identifiers
=============================================================================
