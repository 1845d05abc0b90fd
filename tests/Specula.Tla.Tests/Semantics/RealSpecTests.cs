using Specula.Tla.Semantics;

namespace Specula.Tla.Tests.Semantics;

/// <summary>Whole specifications in the styles users write: PlusCal translations, refinement, recursion, Unicode.</summary>
public sealed class RealSpecTests
{
    [Fact]
    public void PlusCal_translation_with_procedures_checks_cleanly()
    {
        var module = Sem.Clean("""
            ---------------------------- MODULE Mutex ----------------------------
            EXTENDS Naturals, Sequences, TLC
            CONSTANT N
            (* --algorithm mutex
            variables flag = [i \in 1..N |-> FALSE], turn = 1;
            end algorithm; *)
            \* BEGIN TRANSLATION
            VARIABLES flag, turn, pc, stack, who

            vars == << flag, turn, pc, stack, who >>

            ProcSet == (1..N)

            Init == (* Global variables *)
                    /\ flag = [i \in 1..N |-> FALSE]
                    /\ turn = 1
                    (* Procedure enter *)
                    /\ who = [ self \in ProcSet |-> defaultInitValue]
                    /\ stack = [self \in ProcSet |-> << >>]
                    /\ pc = [self \in ProcSet |-> "ncs"]

            defaultInitValue == 0

            e1(self) == /\ pc[self] = "e1"
                        /\ flag' = [flag EXCEPT ![self] = TRUE]
                        /\ pc' = [pc EXCEPT ![self] = "e2"]
                        /\ UNCHANGED << turn, stack, who >>

            e2(self) == /\ pc[self] = "e2"
                        /\ IF \A j \in ProcSet \ {self} : ~flag[j]
                              THEN /\ pc' = [pc EXCEPT ![self] = Head(stack[self]).pc]
                                   /\ who' = [who EXCEPT ![self] = Head(stack[self]).who]
                                   /\ stack' = [stack EXCEPT ![self] = Tail(stack[self])]
                              ELSE /\ pc' = [pc EXCEPT ![self] = "e2"]
                                   /\ UNCHANGED << stack, who >>
                        /\ UNCHANGED << flag, turn >>

            enter(self) == e1(self) \/ e2(self)

            ncs(self) == /\ pc[self] = "ncs"
                         /\ stack' = [stack EXCEPT ![self] = << [ procedure |->  "enter",
                                                                  pc        |->  "cs",
                                                                  who       |->  who[self] ] >>
                                                              \o stack[self]]
                         /\ who' = [who EXCEPT ![self] = self]
                         /\ pc' = [pc EXCEPT ![self] = "e1"]
                         /\ UNCHANGED << flag, turn >>

            cs(self) == /\ pc[self] = "cs"
                        /\ flag' = [flag EXCEPT ![self] = FALSE]
                        /\ pc' = [pc EXCEPT ![self] = "ncs"]
                        /\ UNCHANGED << turn, stack, who >>

            p(self) == ncs(self) \/ cs(self)

            Terminating == /\ \A self \in ProcSet: pc[self] = "Done"
                           /\ UNCHANGED vars

            Next == (\E self \in ProcSet: enter(self) \/ p(self))
                       \/ Terminating

            Spec == /\ Init /\ [][Next]_vars
                    /\ \A self \in 1..N : WF_vars(p(self)) /\ WF_vars(enter(self))

            Termination == <>(\A self \in ProcSet: pc[self] = "Done")
            \* END TRANSLATION
            MutualExclusion == \A i, j \in ProcSet : i # j => ~(pc[i] = "cs" /\ pc[j] = "cs")
            ====
            """.Replace("/\\ who = [ self \\in ProcSet |-> defaultInitValue]", "/\\ who = [ self \\in ProcSet |-> 0]", StringComparison.Ordinal));
        Assert.Equal(Level.Temporal, module.LevelOf("Spec"));
        Assert.Equal(Level.State, module.LevelOf("MutualExclusion"));
        Assert.Equal(Level.Action, module.LevelOf("Next"));
        Assert.Equal(["flag", "turn", "pc", "stack", "who"], module.Variables.Select(v => v.Name));
    }

    [Fact]
    public void PlusCal_translation_without_sequences_reports_each_missing_operator()
    {
        var result = Sem.Check("""
            ---- MODULE NoSeq ----
            VARIABLES pc, stack
            Ret(self) == /\ pc' = [pc EXCEPT ![self] = Head(stack[self]).pc]
                         /\ stack' = [stack EXCEPT ![self] = Tail(stack[self])]
            ====
            """);
        Assert.Equal(
            [
                "3:44 TLA3001 Unknown operator: 'Head'. It is defined in the standard module Sequences; add Sequences to EXTENDS.",
                "4:50 TLA3001 Unknown operator: 'Tail'. It is defined in the standard module Sequences; add Sequences to EXTENDS.",
            ],
            result.Diagnostics.Select(Sem.Render));
    }

    [Fact]
    public void Refinement_through_instance_checks_cleanly()
    {
        var module = Sem.Clean("""
            ---- MODULE HourClock2 ----
            EXTENDS Naturals
            VARIABLES h, m
            Init == h \in 1..12 /\ m = 0
            Next == /\ m' = (m + 1) % 60
                    /\ h' = IF m = 59 THEN (h % 12) + 1 ELSE h
            Spec == Init /\ [][Next]_<<h, m>>
            HC == INSTANCE HourClock WITH hr <- h
            THEOREM Spec => HC!HC
            Refines == HC!HC
            ====
            """, """
            ---- MODULE HourClock ----
            EXTENDS Naturals
            VARIABLE hr
            HCini == hr \in (1 .. 12)
            HCnxt == hr' = IF hr # 12 THEN hr + 1 ELSE 1
            HC == HCini /\ [][HCnxt]_hr
            ====
            """);
        Assert.Equal(Level.Temporal, module.LevelOf("Refines"));
    }

    [Fact]
    public void Recursion_heavy_module_checks_cleanly() => Sem.Clean("""
        ---- MODULE Rec ----
        EXTENDS Integers, Sequences, FiniteSets
        RECURSIVE SeqSum(_), Flatten(_), Ack(_, _)
        SeqSum(s) == IF s = <<>> THEN 0 ELSE Head(s) + SeqSum(Tail(s))
        Flatten(ss) == IF ss = <<>> THEN <<>> ELSE Head(ss) \o Flatten(Tail(ss))
        Ack(m, n) == IF m = 0 THEN n + 1
                     ELSE IF n = 0 THEN Ack(m - 1, 1)
                     ELSE Ack(m - 1, Ack(m, n - 1))
        RECURSIVE SetSum(_)
        SetSum(S) == IF S = {} THEN 0 ELSE LET x == CHOOSE y \in S : TRUE IN x + SetSum(S \ {x})
        fib[n \in Nat] == IF n < 2 THEN n ELSE fib[n - 1] + fib[n - 2]
        Tree == LET RECURSIVE Depth(_)
                    Depth(t) == IF t = <<>> THEN 0 ELSE 1 + Depth(Tail(t))
                IN Depth(<<1, 2>>)
        ====
        """);

    [Fact]
    public void Unicode_operators_are_understood() => Sem.Clean("""
        ---- MODULE Uni ----
        EXTENDS Naturals
        VARIABLE x
        Init ≜ x ∈ 1‥3 ∧ x ≤ 3
        Next ≜ x' ≠ x ∨ ¬(x ≥ 2)
        Spec ≜ Init ∧ □[Next]_x
        Safe ≜ ∀ i ∈ {1} : ∃ j ∈ {2} : i ∉ {j} ⇒ i ⊆ j ∪ (i ∩ j)
        ====
        """);
}
