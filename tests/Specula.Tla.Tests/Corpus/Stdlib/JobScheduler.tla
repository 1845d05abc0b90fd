---------------------------- MODULE JobScheduler ----------------------------
(***************************************************************************)
(* A priority job scheduler that uses the TLC module's operators: Print,  *)
(* PrintT, Assert, :>, @@, Permutations, SortSeq, ToString, JavaTime,     *)
(* TLCGet / TLCSet, RandomElement and TLCEval.                            *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets, TLC

CONSTANTS Job, Worker, MaxLevel

\* Fixed priorities: a function built with :> and @@.
Priority == LET jobs == CHOOSE s \in [1..Cardinality(Job) -> Job] :
                           \A i, j \in DOMAIN s : i # j => s[i] # s[j]
            IN  [j \in Job |-> CHOOSE k \in 1..Cardinality(Job) : jobs[k] = j]

\* A constant function written with :> and @@ (left entries take priority).
Weights == ("small" :> 1) @@ ("medium" :> 5) @@ ("large" :> 10) @@ ("small" :> 99)

ASSUME Weights["small"] = 1 /\ DOMAIN Weights = {"small", "medium", "large"}
ASSUME Assert(Cardinality(Job) >= 1, "there must be at least one job")
ASSUME PrintT(<<"scheduler starting with jobs", Job>>)
ASSUME Print("at " \o ToString(JavaTime > 0), TRUE)
ASSUME ToString(<<1, "a">>) = "<<1, \"a\">>"
ASSUME SortSeq(<<3, 1, 2>>, LAMBDA a, b : a < b) = <<1, 2, 3>>
ASSUME Cardinality(Permutations({1, 2, 3})) = 6
ASSUME TLCEval(2 + 2) = 4
ASSUME RandomElement({7}) = 7

VARIABLES queue,    \* pending jobs, sorted by priority
          running,  \* running[w]: the job w is running, or "idle"
          done      \* the set of completed jobs

vars == <<queue, running, done>>

\* Queue insertion keeps the queue sorted by priority.
Enqueue(q, j) == SortSeq(Append(q, j), LAMBDA a, b : Priority[a] < Priority[b])

SeqToSet(s) == {s[i] : i \in 1..Len(s)}

TypeOK == /\ queue \in Seq(Job)
          /\ running \in [Worker -> Job \cup {"idle"}]
          /\ done \subseteq Job

Init == /\ queue = << >>
        /\ running = [w \in Worker |-> "idle"]
        /\ done = {}
        /\ TLCSet(1, 0)

Running == {running[w] : w \in Worker} \ {"idle"}

Submit(j) == /\ j \notin SeqToSet(queue) \cup Running \cup done
             /\ queue' = Enqueue(queue, j)
             /\ UNCHANGED <<running, done>>

Dispatch(w) == /\ running[w] = "idle"
               /\ queue # << >>
               /\ running' = [running EXCEPT ![w] = Head(queue)]
               /\ queue' = Tail(queue)
               /\ UNCHANGED done

Finish(w) == /\ running[w] # "idle"
             /\ done' = done \cup {running[w]}
             /\ running' = [running EXCEPT ![w] = "idle"]
             /\ UNCHANGED queue

Next == /\ \/ \E j \in Job : Submit(j)
           \/ \E w \in Worker : Dispatch(w) \/ Finish(w)
        \* Count the steps explored (a TLC register, not part of the state).
        /\ TLCSet(1, TLCGet(1) + 1)

Spec == Init /\ [][Next]_vars

\* Bound the depth of the search with TLCGet("level").
DepthBound == TLCGet("level") < MaxLevel

QueueSorted == \A i \in 1..(Len(queue) - 1) : Priority[queue[i]] < Priority[queue[i + 1]]

NoDuplicates == /\ Cardinality(SeqToSet(queue)) = Len(queue)
                /\ SeqToSet(queue) \cap (Running \cup done) = {}
                /\ Running \cap done = {}
                /\ \A w1, w2 \in Worker : w1 # w2 /\ running[w1] # "idle"
                                             => running[w1] # running[w2]

\* Symmetry reduction over workers.
WorkerSymmetry == Permutations(Worker)

\* Print a message whenever every job is finished (an invariant that is
\* always true but has a side effect).
ReportDone == done = Job => PrintT(<<"all done", TLCGet("level")>>)
=============================================================================
