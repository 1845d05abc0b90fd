using Specula.Tla.Checking;

namespace Specula.Tla.Tests.Checking;

/// <summary>
/// Fairness in a model whose CONSTRAINT or ACTION_CONSTRAINT cuts a state's successors from the graph (tlaplus/Examples'
/// MCReplicatedLog): TLC evaluates <c>ENABLED &lt;&lt;A&gt;&gt;_v</c> on the state, where the cut steps still count, so
/// stuttering forever in that state is not fair. Expected verdicts from TLC (built from source) on the same module.
/// </summary>
public sealed class ConstrainedFairnessTests : IDisposable
{
    private const string Module = """
        ---- MODULE Cut ----
        EXTENDS Naturals
        VARIABLE x
        Init == x = 0
        Inc == x' = x + 1
        Spec == Init /\ [][Inc]_x /\ WF_x(Inc)
        Back == x = 2 /\ x' = 0
        Cycling == Init /\ [][Inc \/ Back]_x /\ WF_x(Inc)
        Bounded == x < 3
        Step3 == x' < 3
        Reaches5 == <>(x = 5)
        Stays2 == <>[](x = 2)
        ====
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("specula-cut-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private CheckResult Check(string constraint, string property, string specification = "Spec") =>
        ModelFiles.Check(_dir, "Cut", Module, $"SPECIFICATION {specification}\n{constraint}\nPROPERTY {property}\n");

    [Theory]
    [InlineData("CONSTRAINT Bounded", "Reaches5")]
    [InlineData("CONSTRAINT Bounded", "Stays2")]
    [InlineData("ACTION_CONSTRAINT Step3", "Reaches5")]
    public void Stuttering_where_the_constraint_cut_the_steps_is_no_fair_counterexample(string constraint, string property)
    {
        var result = Check(constraint, property);

        Assert.Equal(Verdict.Success, result.Verdict);
        Assert.Equal(3, result.Statistics.Distinct);
    }

    [Fact]
    public void A_cycle_taking_the_fair_action_inside_the_constraint_still_refutes_a_property()
    {
        var result = Check("CONSTRAINT Bounded", "Stays2", "Cycling");

        Assert.Equal(Verdict.TemporalPropertyViolated, result.Verdict);
        // TLC: x = 0, 1, 2, then "Back to state 1".
        Assert.Equal([0L, 1L, 2L], result.Trace.Select(s => s.State[0].AsInt64));
        Assert.Equal(1, result.BackToState);
    }
}
