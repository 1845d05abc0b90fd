using Specula.Tla.Checking;
using Specula.Tla.Evaluation;

namespace Specula.Tla.Tests.Checking;

/// <summary>
/// <c>P ~&gt; []Q</c> and its spelling <c>[](P =&gt; &lt;&gt;[]Q)</c> (tlaplus/Examples' MCRealTimeHourClock). Expected
/// verdicts and counterexample from TLC (built from source) on the same module.
/// </summary>
public sealed class LeadsToAlwaysTests : IDisposable
{
    private const string Module = """
        ---- MODULE LTA ----
        EXTENDS Naturals
        VARIABLE x
        Init == x = 0
        Next == x < 3 /\ x' = x + 1
        Spec == Init /\ [][Next]_x /\ WF_x(Next)
        Settles == (x = 1) ~> [](x = 3)
        SettlesEarly == [](x = 1 => <>[](x = 2))
        ====
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("specula-lta-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private CheckResult Check(string property) =>
        ModelFiles.Check(_dir, "LTA", Module, $"SPECIFICATION Spec\nPROPERTY {property}\nCHECK_DEADLOCK FALSE\n");

    [Fact]
    public void A_state_that_settles_for_good_satisfies_it()
    {
        var result = Check("Settles");

        Assert.Equal(Verdict.Success, result.Verdict);
        Assert.Equal(4, result.Statistics.Distinct);
    }

    [Fact]
    public void A_behaviour_that_never_settles_on_Q_refutes_it_with_tlcs_lasso()
    {
        var result = Check("SettlesEarly");

        Assert.Equal(Verdict.TemporalPropertyViolated, result.Verdict);
        // TLC: x = 0, 1, 2, 3, then "State 5: Stuttering".
        Assert.Equal([0L, 1L, 2L, 3L], result.Trace.Select(s => s.State[0].AsInt64));
        Assert.Equal(4, result.BackToState);
    }
}
