using Specula.Tla.Checking;

namespace Specula.Tla.Tests.Checking;

/// <summary>
/// The cycle of a liveness counterexample meets the fairness conditions and eventualities on the way rather than one
/// after the other: three counters modulo 3, each weakly fair, go round in 9 steps, the least any fair cycle can take
/// (each counter steps a multiple of 3 times, at least once), as in TLC's counterexamples (built from source) to
/// the same properties (9-state cycles; the cycle was 18 states before).
/// </summary>
public sealed class LassoLengthTests : IDisposable
{
    private const string Module = """
        ---- MODULE Ring ----
        EXTENDS Naturals
        VARIABLE c
        S == {1, 2, 3}
        Init == c = [s \in S |-> 0]
        Step(s) == c' = [c EXCEPT ![s] = (@ + 1) % 3]
        Next == \E s \in S : Step(s)
        Spec == Init /\ [][Next]_c /\ \A s \in S : WF_c(Step(s))
        AllEqual == []<>(c[1] = c[2] /\ c[2] = c[3] /\ c[1] = 2)
        TwoEqual == []<>(c[1] = c[2])
        ====
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("specula-ring-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("AllEqual")]
    [InlineData("TwoEqual")]
    public void The_cycle_is_as_short_as_tlcs(string property)
    {
        var result = ModelFiles.Check(_dir, "Ring", Module, $"SPECIFICATION Spec\nPROPERTY {property}\n");

        Assert.Equal(Verdict.TemporalPropertyViolated, result.Verdict);
        var back = Assert.IsType<int>(result.BackToState);
        Assert.Equal(9, result.Trace.Length - (back - 1));
        // A behaviour of the spec: each step moves one counter on, the last one back to the cycle's first state.
        var counters = result.Trace.Select(s => s.State[0].ToString()).ToList();
        counters.Add(counters[back - 1]);
        for (var i = 0; i + 1 < counters.Count; i++)
        {
            Assert.NotEqual(counters[i], counters[i + 1]);
        }
    }
}
