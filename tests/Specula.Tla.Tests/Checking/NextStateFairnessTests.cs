using Specula.Tla.Checking;
using Specula.Tla.Evaluation;

namespace Specula.Tla.Tests.Checking;

/// <summary>
/// <c>WF_v(Next)</c> of the specification's own next-state action: every step of the graph is a Next step, so the
/// checker does not evaluate Next on them, but a step is still an <c>&lt;&lt;Next&gt;&gt;_v</c> step only when it
/// changes v. Expected verdicts and counterexample from TLC (built from source) on the same module.
/// </summary>
public sealed class NextStateFairnessTests : IDisposable
{
    private const string Module = """
        ---- MODULE WFNext ----
        EXTENDS Naturals
        VARIABLES x, y
        vars == <<x, y>>
        Init == x = 0 /\ y = 0
        Next == \/ x = 0 /\ x' = 1 /\ y' = y
                \/ y' = 1 - y /\ x' = x
        Inc == x = 0 /\ x' = 1 /\ y' = y
        FairX == Init /\ [][Next]_vars /\ WF_x(Next)
        FairVars == Init /\ [][Next]_vars /\ WF_vars(Next)
        FairInc == Init /\ [][Next]_vars /\ WF_vars(Inc)
        SetsX == <>(x = 1)
        ====
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("specula-wfnext-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private CheckResult Check(string specification) =>
        ModelFiles.Check(_dir, "WFNext", Module, $"SPECIFICATION {specification}\nPROPERTY SetsX\n");

    [Fact]
    public void Steps_that_leave_the_subscript_unchanged_do_not_meet_fairness_of_next()
    {
        var result = Check("FairX");

        Assert.Equal(Verdict.Success, result.Verdict);
        Assert.Equal(4, result.Statistics.Distinct);
    }

    [Fact]
    public void Steps_that_change_the_subscript_meet_fairness_of_next()
    {
        var result = Check("FairVars");

        Assert.Equal(Verdict.TemporalPropertyViolated, result.Verdict);
        // TLC: <<x, y>> = <<0, 0>>, <<0, 1>>, then "Back to state 1".
        Assert.Equal([0L, 0L], result.Trace.Select(s => s.State[0].AsInt64));
        Assert.Equal([0L, 1L], result.Trace.Select(s => s.State[1].AsInt64));
        Assert.Equal(1, result.BackToState);
    }

    [Fact]
    public void Fairness_of_another_action_is_evaluated_on_the_steps()
    {
        var result = Check("FairInc");

        Assert.Equal(Verdict.Success, result.Verdict);
    }

    [Theory]
    [InlineData("FairVars", true)]
    [InlineData("FairInc", false)]
    public void Only_the_next_state_action_itself_is_taken_as_every_step(string specification, bool everyStep)
    {
        Check(specification);
        var loaded = ModelLoader.Load(Path.Combine(_dir, "WFNext.tla"));

        var condition = Assert.Single(loaded.Model!.Temporal!.Fairness);
        Assert.Equal(everyStep, condition.EveryStep);
    }
}
