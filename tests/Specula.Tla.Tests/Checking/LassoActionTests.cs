using Specula.Tla.Checking;

namespace Specula.Tla.Tests.Checking;

/// <summary>
/// The actions a lasso counterexample names: each step's own, not the action that first reached the state. Here the
/// breadth-first search reaches 1 by <c>A</c> and 2 by <c>B</c>, while the fair cycle goes 1 -> 2 by <c>D</c> and
/// 2 -> 1 by <c>C</c>, so one of the lasso's steps always differs from its state's discovery.
/// </summary>
public sealed class LassoActionTests : IDisposable
{
    private const string Module = """
        ---- MODULE Lasso ----
        VARIABLE x
        Init == x = 0
        A == x = 0 /\ x' = 1
        B == x = 0 /\ x' = 2
        C == x = 2 /\ x' = 1
        D == x = 1 /\ x' = 2
        Next == A \/ B \/ C \/ D
        Spec == Init /\ [][Next]_x /\ WF_x(Next)
        BackToStart == []<>(x = 0)
        ====
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("specula-lasso-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Each_step_of_the_lasso_is_labelled_with_the_action_that_takes_it()
    {
        var result = ModelFiles.Check(_dir, "Lasso", Module, "SPECIFICATION Spec\nPROPERTY BackToStart\n");

        Assert.Equal(Verdict.TemporalPropertyViolated, result.Verdict);
        var values = result.Trace.Select(s => s.State[0].AsInt64).ToList();
        var names = result.Trace.Select(s => s.Action?.Name).ToList();
        Assert.Equal(3, values.Count);
        Assert.Equal(0L, values[0]);
        Assert.Null(names[0]);
        Assert.Equal(2, result.BackToState);
        // Every named step is a step of the spec: the action named takes the previous state to this one.
        var expected = new Dictionary<(long, long), string> { [(0, 1)] = "A", [(0, 2)] = "B", [(2, 1)] = "C", [(1, 2)] = "D" };
        for (var k = 1; k < values.Count; k++)
        {
            Assert.Equal(expected[(values[k - 1], values[k])], names[k]);
        }
        // TLC: "Back to state 2: <D line 7, ...>" after 0 -(B)-> 2 -(C)-> 1; either way round, the closing step's own action.
        Assert.Equal(expected[(values[^1], values[1])], result.BackToStateAction?.Name);
    }
}
