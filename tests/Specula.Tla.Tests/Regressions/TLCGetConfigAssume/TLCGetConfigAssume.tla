---- MODULE TLCGetConfigAssume ----
\* Specula: TLCGet("config") in an ASSUME is rejected ("needs the model checker's state"); TLC answers with its run configuration
EXTENDS Naturals, TLC
ASSUME TLCGet("config").mode = "bfs"
VARIABLE x
Init == x = 0
Next == x' = (x + 1) % 3
====
