----------------------------- MODULE Recursion -----------------------------
(***************************************************************************)
(* A library of recursively defined operators and functions, exercised    *)
(* by a tiny state machine whose invariants compare different             *)
(* definitions of the same quantity.                                      *)
(***************************************************************************)
EXTENDS Naturals, Integers, Sequences, FiniteSets, TLC

CONSTANT Limit
ASSUME LimitOK == Limit \in 1..12

(***************************************************************************)
(* Recursive operators, declared before use.                              *)
(***************************************************************************)
RECURSIVE Fact(_)
Fact(n) == IF n = 0 THEN 1 ELSE n * Fact(n - 1)

RECURSIVE Fib(_)
Fib(n) == CASE n = 0 -> 0
            [] n = 1 -> 1
            [] OTHER -> Fib(n - 1) + Fib(n - 2)

RECURSIVE GCD(_, _)
GCD(a, b) == IF b = 0 THEN a ELSE GCD(b, a % b)

\* The Ackermann function, for small arguments only.
RECURSIVE Ack(_, _)
Ack(m, n) == IF m = 0 THEN n + 1
             ELSE IF n = 0 THEN Ack(m - 1, 1)
                  ELSE Ack(m - 1, Ack(m, n - 1))

\* Mutually recursive operators are declared together.
RECURSIVE IsEven(_), IsOdd(_)
IsEven(n) == IF n = 0 THEN TRUE  ELSE IsOdd(n - 1)
IsOdd(n)  == IF n = 0 THEN FALSE ELSE IsEven(n - 1)

\* Sum of a finite set of numbers.
RECURSIVE SetSum(_)
SetSum(S) == IF S = {} THEN 0
             ELSE LET x == CHOOSE y \in S : TRUE
                  IN  x + SetSum(S \ {x})

\* A higher-order fold over a finite set.
RECURSIVE FoldSet(_, _, _)
FoldSet(Op(_, _), base, S) ==
    IF S = {} THEN base
    ELSE LET x == CHOOSE y \in S : TRUE
         IN  Op(x, FoldSet(Op, base, S \ {x}))

\* A higher-order fold over a sequence, from the left.
RECURSIVE FoldLeft(_, _, _)
FoldLeft(Op(_, _), acc, s) ==
    IF s = << >> THEN acc ELSE FoldLeft(Op, Op(acc, Head(s)), Tail(s))

RECURSIVE Reverse(_)
Reverse(s) == IF s = << >> THEN << >> ELSE Append(Reverse(Tail(s)), Head(s))

\* Flatten a sequence of sequences.
RECURSIVE Flatten(_)
Flatten(ss) == IF ss = << >> THEN << >> ELSE Head(ss) \o Flatten(Tail(ss))

\* The number of moves that solve the Towers of Hanoi with n disks.
RECURSIVE HanoiMoves(_)
HanoiMoves(n) == IF n = 0 THEN 0 ELSE 2 * HanoiMoves(n - 1) + 1

\* All subsets of S of size k, built recursively.
RECURSIVE KSubsets(_, _)
KSubsets(S, k) ==
    IF k = 0 THEN {{}}
    ELSE IF S = {} THEN {}
    ELSE LET x == CHOOSE y \in S : TRUE
         IN  KSubsets(S \ {x}, k) \cup {T \cup {x} : T \in KSubsets(S \ {x}, k - 1)}

(***************************************************************************)
(* Recursive function definitions.                                        *)
(***************************************************************************)
fact[n \in Nat] == IF n = 0 THEN 1 ELSE n * fact[n - 1]

\* Binomial coefficients via Pascal's triangle; a function of two arguments.
binom[n \in Nat, k \in Nat] ==
    IF k = 0 \/ k = n THEN 1
    ELSE IF k > n THEN 0
    ELSE binom[n - 1, k - 1] + binom[n - 1, k]

\* Sum of the elements of a sequence, by a recursive function over indices.
SeqSum(s) == LET f[i \in 0..Len(s)] == IF i = 0 THEN 0 ELSE f[i - 1] + s[i]
             IN  f[Len(s)]

\* Fibonacci by a recursive function with a tuple result (linear time).
fibPair[n \in Nat] == IF n = 0 THEN <<0, 1>>
                      ELSE <<fibPair[n - 1][2], fibPair[n - 1][1] + fibPair[n - 1][2]>>

(***************************************************************************)
(* Recursive definitions local to a LET.                                  *)
(***************************************************************************)
Digits(n) ==
    LET RECURSIVE Go(_, _)
        Go(m, acc) == IF m < 10 THEN <<m>> \o acc ELSE Go(m \div 10, <<m % 10>> \o acc)
    IN  Go(n, << >>)

\* Integer square root by binary search, with two mutually dependent LET defs.
ISqrt(n) ==
    LET RECURSIVE Search(_, _)
        Mid(lo, hi) == (lo + hi + 1) \div 2
        Search(lo, hi) == IF lo = hi THEN lo
                          ELSE IF Mid(lo, hi) * Mid(lo, hi) <= n
                               THEN Search(Mid(lo, hi), hi)
                               ELSE Search(lo, Mid(lo, hi) - 1)
    IN  Search(0, n)

\* Compile-time checks that TLC evaluates when it starts.
ASSUME Fact(5) = 120
ASSUME fact[6] = 720
ASSUME \A n \in 0..10 : Fib(n) = fibPair[n][1]
ASSUME GCD(84, 36) = 12
ASSUME Ack(2, 3) = 9
ASSUME IsEven(10) /\ IsOdd(7) /\ ~IsEven(3)
ASSUME SetSum(1..10) = 55
ASSUME FoldSet(LAMBDA x, y : x + y, 0, {2, 4, 6}) = 12
ASSUME FoldLeft(LAMBDA acc, x : acc * 10 + x, 0, <<1, 2, 3>>) = 123
ASSUME Reverse(<<1, 2, 3>>) = <<3, 2, 1>>
ASSUME Flatten(<< <<1>>, << >>, <<2, 3>> >>) = <<1, 2, 3>>
ASSUME binom[5, 2] = 10
ASSUME Digits(4096) = <<4, 0, 9, 6>>
ASSUME ISqrt(50) = 7
ASSUME Cardinality(KSubsets(1..5, 2)) = binom[5, 2]
ASSUME SeqSum(<<3, 4, 5>>) = 12
-----------------------------------------------------------------------------
VARIABLES n, acc

Init == n = 0 /\ acc = 1

Step == /\ n < Limit
        /\ n' = n + 1
        /\ acc' = acc * (n + 1)

Done == n = Limit /\ UNCHANGED <<n, acc>>

Next == Step \/ Done

Spec == Init /\ [][Next]_<<n, acc>> /\ WF_<<n, acc>>(Next)

\* The iteratively computed factorial agrees with both recursive versions.
FactAgrees == acc = Fact(n) /\ acc = fact[n]

HanoiAgrees == HanoiMoves(n) = 2^n - 1

BinomRow == SeqSum([k \in 1..(n + 1) |-> binom[n, k - 1]]) = 2^n

Terminates == <>(n = Limit)
=============================================================================
