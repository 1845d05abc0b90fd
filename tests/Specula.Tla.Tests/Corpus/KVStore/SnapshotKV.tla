----------------------------- MODULE SnapshotKV -----------------------------
(***************************************************************************)
(* A key-value store with snapshot isolation.  Each transaction reads    *)
(* from the snapshot taken when it started and buffers its writes; at    *)
(* commit time it aborts if another transaction that committed after its *)
(* start wrote one of the same keys ("first committer wins").  Snapshot  *)
(* isolation permits write skew, which the spec demonstrates with a      *)
(* property that TLC is expected to find violated when it is enabled.    *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets, Sequences

CONSTANTS Key, Val, TxId, NoVal

ASSUME NoVal \notin Val

VARIABLES store,       \* the committed store: [Key -> Val \cup {NoVal}]
          tx,          \* tx[t]: "idle", "running", "committed" or "aborted"
          snapshot,    \* snapshot[t]: the store as seen by t
          written,     \* written[t]: the keys t has written
          missed,      \* missed[t]: keys written by transactions that
                       \*   committed while t was running
          history      \* sequence of committed transactions' write sets

vars == <<store, tx, snapshot, written, missed, history>>

Store == [Key -> Val \cup {NoVal}]

TypeOK == /\ store \in Store
          /\ tx \in [TxId -> {"idle", "running", "committed", "aborted"}]
          /\ snapshot \in [TxId -> Store]
          /\ written \in [TxId -> SUBSET Key]
          /\ missed \in [TxId -> SUBSET Key]
          /\ history \in Seq([t : TxId, keys : SUBSET Key])

Init == /\ store = [k \in Key |-> NoVal]
        /\ tx = [t \in TxId |-> "idle"]
        /\ snapshot = [t \in TxId |-> store]
        /\ written = [t \in TxId |-> {}]
        /\ missed = [t \in TxId |-> {}]
        /\ history = << >>

Running == {t \in TxId : tx[t] = "running"}

Start(t) == /\ tx[t] = "idle"
            /\ tx' = [tx EXCEPT ![t] = "running"]
            /\ snapshot' = [snapshot EXCEPT ![t] = store]
            /\ UNCHANGED <<store, written, missed, history>>

\* A write goes to the transaction's private snapshot.
Write(t, k, v) == /\ tx[t] = "running"
                  /\ snapshot' = [snapshot EXCEPT ![t][k] = v]
                  /\ written' = [written EXCEPT ![t] = @ \cup {k}]
                  /\ UNCHANGED <<store, tx, missed, history>>

\* Commit: abort on a write-write conflict, otherwise install the writes
\* and tell every other running transaction which keys changed.
Commit(t) ==
  /\ tx[t] = "running"
  /\ IF written[t] \cap missed[t] = {}
       THEN /\ tx' = [tx EXCEPT ![t] = "committed"]
            /\ store' = [k \in Key |-> IF k \in written[t] THEN snapshot[t][k] ELSE store[k]]
            /\ missed' = [u \in TxId |-> IF u \in Running \ {t}
                                            THEN missed[u] \cup written[t]
                                            ELSE missed[u]]
            /\ history' = Append(history, [t |-> t, keys |-> written[t]])
       ELSE /\ tx' = [tx EXCEPT ![t] = "aborted"]
            /\ UNCHANGED <<store, missed, history>>
  /\ UNCHANGED <<snapshot, written>>

Abort(t) == /\ tx[t] = "running"
            /\ tx' = [tx EXCEPT ![t] = "aborted"]
            /\ UNCHANGED <<store, snapshot, written, missed, history>>

Next == \E t \in TxId :
          \/ Start(t)
          \/ \E k \in Key, v \in Val : Write(t, k, v)
          \/ Commit(t)
          \/ Abort(t)

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
Committed == {t \in TxId : tx[t] = "committed"}

\* The store's value of every key was written by some committed
\* transaction (or is still NoVal).
StoreWellFounded == \A k \in Key :
                      store[k] # NoVal => \E t \in Committed : k \in written[t]

\* No two transactions that were concurrent both committed writes to the
\* same key: write sets in the history that overlap belong to
\* transactions that did not overlap in time.  (Approximated: a
\* committed transaction never missed one of its own keys.)
FirstCommitterWins == \A t \in Committed : written[t] \cap missed[t] = {}

HistoryMatches == Cardinality({history[i].t : i \in 1..Len(history)}) = Len(history)

\* Write skew example: with keys {x, y}, a constraint "not both set"
\* enforced by each transaction locally can be broken under snapshot
\* isolation.  Not checked by default.
NoWriteSkew == ~ (\A k \in Key : store[k] # NoVal)
=============================================================================
