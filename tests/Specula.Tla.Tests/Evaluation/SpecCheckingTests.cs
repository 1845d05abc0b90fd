using Specula.Tla.Checking;
using Specula.Tla.Evaluation;
using Specula.Tla.Semantics;
using Specula.Tla.Syntax;
using Specula.Tla.Values;

namespace Specula.Tla.Tests.Evaluation;

/// <summary>Whole specs through the checker, with state counts derived by hand (and confirmed with TLC).</summary>
public sealed class SpecCheckingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("specula-check-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private CheckResult Check(string module, string config, int workers = 1)
    {
        var name = module.Split("MODULE ")[1].Split(' ')[0].Trim();
        File.WriteAllText(Path.Combine(_dir, name + ".tla"), module);
        File.WriteAllText(Path.Combine(_dir, name + ".cfg"), config);
        var loaded = ModelLoader.Load(Path.Combine(_dir, name + ".tla"));
        Assert.True(loaded.Model is not null, string.Join("\n", loaded.Diagnostics));
        var space = SpecStateSpace.Create(loaded.Model!.Context, loaded.Model.Definitions!);
        return ModelChecker.Run(space, new CheckOptions { Workers = workers, CheckDeadlock = loaded.Model.Config.CheckDeadlock });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Counter_with_sequences_matches_tlc(int workers)
    {
        var result = Check("""
            ---- MODULE Counter ----
            EXTENDS Naturals, Sequences
            CONSTANTS N
            VARIABLES x, y, q
            Init == /\ x = 0
                    /\ y \in 0..2
                    /\ q = <<>>
            IncX == x < N /\ x' = x + 1 /\ UNCHANGED <<y, q>>
            IncY(k) == /\ y + k <= N
                       /\ y' = y + k
                       /\ UNCHANGED <<x, q>>
            Push == /\ Len(q) < 2
                    /\ \E v \in {"a", "b"} : q' = Append(q, v)
                    /\ UNCHANGED <<x, y>>
            Next == IncX \/ (\E k \in 1..2 : IncY(k)) \/ Push
            Inv == x + y <= 2 * N
            ====
            """, "CONSTANT N = 3\nINIT Init\nNEXT Next\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n", workers);
        Assert.Equal(Verdict.Success, result.Verdict);
        // Figures from TLC 2.19 on the same spec and configuration.
        Assert.Equal(323, result.Statistics.Generated);
        Assert.Equal(112, result.Statistics.Distinct);
        Assert.Equal(7, result.Statistics.Depth);
    }

    [Fact]
    public void A_mutex_without_its_lock_is_caught_at_minimal_depth()
    {
        var result = Check("""
            ---- MODULE BadMutex ----
            CONSTANTS Procs
            VARIABLES pc
            Init == pc = [p \in Procs |-> "idle"]
            Enter(p) == /\ pc[p] = "idle"
                        /\ pc' = [pc EXCEPT ![p] = "critical"]
            Leave(p) == /\ pc[p] = "critical"
                        /\ pc' = [pc EXCEPT ![p] = "idle"]
            Next == \E p \in Procs : Enter(p) \/ Leave(p)
            Mutex == \A p, q \in Procs : pc[p] = "critical" /\ pc[q] = "critical" => p = q
            Spec == Init /\ [][Next]_pc
            ====
            """, "CONSTANT Procs = {p1, p2}\nSPECIFICATION Spec\nINVARIANT Mutex\n");
        Assert.Equal(Verdict.InvariantViolated, result.Verdict);
        Assert.Equal("Mutex", result.ViolatedInvariant);
        Assert.Equal(3, result.Trace.Length);
        // As TLC describes the steps: <Enter(p1) line 5, col 13 to line 6, col 50 of module BadMutex>.
        Assert.Equal("Enter(p1)", result.Trace[1].Action!.Name);
        Assert.Equal("Enter(p2)", result.Trace[2].Action!.Name);
        Assert.Equal("<Enter(p1) line 5, col 13 to line 6, col 50 of module BadMutex>", result.Trace[1].Action!.Describe());
        Assert.Equal(5, result.Statistics.Generated);
        Assert.Equal(4, result.Statistics.Distinct);
        Assert.Equal(3, result.Statistics.Depth);
    }

    [Fact]
    public void A_deadlocking_protocol_is_reported_with_its_trace()
    {
        var result = Check("""
            ---- MODULE Handshake ----
            EXTENDS Naturals
            VARIABLES a, b
            Init == a = 0 /\ b = 0
            Ping == a = b /\ a < 2 /\ a' = a + 1 /\ UNCHANGED b
            Pong == a = b + 1 /\ b' = b + 1 /\ UNCHANGED a
            Next == Ping \/ Pong
            ====
            """, "INIT Init\nNEXT Next\n");
        Assert.Equal(Verdict.Deadlock, result.Verdict);
        Assert.Equal(5, result.Trace.Length);
        Assert.Equal(5, result.Statistics.Distinct);
    }

    [Fact]
    public void Constraints_bound_the_search_and_evaluation_errors_carry_the_state()
    {
        var bounded = Check("""
            ---- MODULE Unbounded ----
            EXTENDS Naturals
            VARIABLES n
            Init == n = 0
            Next == n' = n + 1
            Small == n < 10
            ====
            """, "INIT Init\nNEXT Next\nCONSTRAINT Small\n");
        Assert.Equal(Verdict.Success, bounded.Verdict);
        Assert.Equal(10, bounded.Statistics.Distinct);

        var failing = Check("""
            ---- MODULE Failing ----
            EXTENDS Naturals
            VARIABLES n
            Init == n = 0
            Next == n' = 10 \div (2 - n)
            ====
            """, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(Verdict.EvaluationError, failing.Verdict);
        Assert.Equal(5, failing.Location!.Value.Line);
    }

    [Fact]
    public void Instances_with_substitutions_are_evaluated_in_their_context()
    {
        File.WriteAllText(Path.Combine(_dir, "Channel.tla"), """
            ---- MODULE Channel ----
            CONSTANT Data
            VARIABLE chan
            Init == chan = <<>>
            Send(d) == chan' = <<d>>
            ====
            """);
        var result = Check("""
            ---- MODULE Sys ----
            VARIABLES in, out
            InChan == INSTANCE Channel WITH Data <- {1, 2}, chan <- in
            OutChan == INSTANCE Channel WITH Data <- {1, 2}, chan <- out
            Init == InChan!Init /\ OutChan!Init
            Next == \/ \E d \in {1, 2} : InChan!Send(d) /\ UNCHANGED out
                    \/ \E d \in {1, 2} : OutChan!Send(d) /\ UNCHANGED in
            ====
            """, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(Verdict.Success, result.Verdict);
        Assert.Equal(9, result.Statistics.Distinct);
    }
}
