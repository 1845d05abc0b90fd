---------------------------- MODULE TraceKVCommon ----------------------------
(* What the three trace specs share: the log (an NDJSON file named by the      *)
(* JSON environment variable, as TLC users run trace specs) and one step of    *)
(* the store per log line, with the logged version checked after the step.     *)
EXTENDS KVStore, Json, IOUtils, Sequences, TLC

TraceLog ==
    TLCEval(ndJsonDeserialize(IF "JSON" \in DOMAIN IOEnv THEN IOEnv.JSON ELSE "conforming.ndjson"))

IsPut(e) ==
    /\ e.op = "put"
    /\ Put(e.key, e.val)

IsDelete(e) ==
    /\ e.op = "del"
    /\ Delete(e.key)

\* One log line: the action it names, then the version the system logged.
Step(e) ==
    /\ IsPut(e) \/ IsDelete(e)
    /\ version' = e.version
==============================================================================
