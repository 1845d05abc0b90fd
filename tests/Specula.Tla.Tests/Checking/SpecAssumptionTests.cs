using Specula.Tla.Checking;

namespace Specula.Tla.Tests.Checking;

/// <summary>
/// A SPECIFICATION with a temporal conjunct that is not fairness (<c>&lt;&gt;[][A]_v</c>, as tlaplus/Examples'
/// FiniteMonotonic specs have): TLC checks <c>Spec =&gt; P</c>, so a counterexample must satisfy the conjunct too.
/// Expected verdicts and counterexample from TLC (built from source) on the same module.
/// </summary>
public sealed class SpecAssumptionTests : IDisposable
{
    private const string Module = """
        ---- MODULE Asm ----
        EXTENDS Naturals
        VARIABLE x
        Init == x = 0
        Inc == x < 2 /\ x' = x + 1
        Reset == x > 0 /\ x' = 0
        Next == Inc \/ Reset
        Spec == Init /\ [][Next]_x /\ WF_x(Inc)
        IncOnly == Spec /\ <>[][Inc]_x
        IncOnlyEach == Spec /\ \A k \in {1, 2} : <>[][Inc \/ x' = k - 1]_x
        Reaches2 == <>[](x = 2)
        Leaves2 == []<>(x # 2)
        ====
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("specula-asm-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private CheckResult Check(string specification, string property) =>
        ModelFiles.Check(_dir, "Asm", Module, $"SPECIFICATION {specification}\nPROPERTY {property}\n");

    [Fact]
    public void Without_the_conjunct_resetting_forever_refutes_the_property()
    {
        var result = Check("Spec", "Reaches2");

        Assert.Equal(Verdict.TemporalPropertyViolated, result.Verdict);
        // TLC: x = 0, 1, then "Back to state 1".
        Assert.Equal([0L, 1L], result.Trace.Select(s => s.State[0].AsInt64));
        Assert.Equal(1, result.BackToState);
    }

    [Fact]
    public void A_conjunct_that_rules_out_resetting_forever_makes_the_property_hold()
    {
        var result = Check("IncOnly", "Reaches2");

        Assert.Equal(Verdict.Success, result.Verdict);
        Assert.Equal(3, result.Statistics.Distinct);
    }

    [Fact]
    public void Conjuncts_under_a_quantifier_are_assumed_together()
    {
        var result = Check("IncOnlyEach", "Reaches2");

        Assert.Equal(Verdict.Success, result.Verdict);
    }

    [Fact]
    public void A_behaviour_satisfying_the_conjunct_still_refutes_a_property_it_violates()
    {
        var result = Check("IncOnly", "Leaves2");

        Assert.Equal(Verdict.TemporalPropertyViolated, result.Verdict);
        // TLC: x = 0, 1, 2, then "State 4: Stuttering".
        Assert.Equal([0L, 1L, 2L], result.Trace.Select(s => s.State[0].AsInt64));
        Assert.Equal(3, result.BackToState);
    }
}
