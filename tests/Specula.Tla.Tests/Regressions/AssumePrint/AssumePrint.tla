---- MODULE AssumePrint ----
\* Specula evaluates ASSUMEs but prints nothing for Print/PrintT in them; TLC prints <<"sum", 6>> before checking
EXTENDS Naturals, TLC
CONSTANT N
ASSUME PrintT(<<"sum", N + N>>)
VARIABLE x
Init == x = 0
Next == UNCHANGED x
====
