using Specula.Tla.Checking;
using Specula.Tla.Evaluation;

namespace Specula.Tla.Tests.Checking;

/// <summary>
/// Temporal properties checked by the tableau of their negation: refinements whose abstract specification has
/// fairness, <c>[]&lt;&gt;</c> and <c>&lt;&gt;[]</c> of actions, IF over temporal formulas, and more than 64 fairness
/// conditions. Every expected verdict and counterexample is TLC's (built from source) on the same modules.
/// </summary>
public sealed class TemporalFormulaTests : IDisposable
{
    private const string Abstract = """
        ---- MODULE Abs ----
        EXTENDS Naturals
        VARIABLE x
        Inc == x < 2 /\ x' = x + 1
        Spec == x = 0 /\ [][Inc]_x /\ WF_x(Inc)
        ====
        """;

    // y is the implementation's own variable: the abstract Inc leaves it free, and ENABLED must not ask for it.
    private const string Implementation = """
        ---- MODULE Impl ----
        EXTENDS Naturals
        VARIABLES x, y
        Step == y' = 1 - y /\ UNCHANGED x
        Inc == x < 2 /\ x' = x + 1 /\ UNCHANGED y
        Next == Step \/ Inc
        Fast == x = 0 /\ y = 0 /\ [][Next]_<<x, y>> /\ WF_<<x, y>>(Inc)
        Slow == x = 0 /\ y = 0 /\ [][Next]_<<x, y>> /\ WF_<<x, y>>(Step)
        A == INSTANCE Abs
        Refines == A!Spec
        TickTock == []<><<Step>>_<<x, y>>
        SettlesOnTwo == <>[][x' = 2]_x
        Branching == IF y = 0 THEN <>(x = 2) ELSE [](x = 0)
        NeverStep == <>[][~Step]_<<x, y>>
        ====
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("specula-ltl-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private CheckResult Check(string name, string module, string config, params (string Name, string Text)[] others) =>
        ModelFiles.Check(_dir, name, module, config, others);

    private CheckResult CheckImplementation(string specification, string property) =>
        Check("Impl", Implementation, $"SPECIFICATION {specification}\nPROPERTY {property}\n", ("Abs", Abstract));

    [Theory]
    [InlineData("Fast", "Refines")]
    [InlineData("Slow", "TickTock")]
    [InlineData("Fast", "SettlesOnTwo")]
    [InlineData("Slow", "SettlesOnTwo")]
    [InlineData("Fast", "Branching")]
    public void Holds_where_tlc_finds_no_error(string specification, string property)
    {
        var result = CheckImplementation(specification, property);

        Assert.Equal(Verdict.Success, result.Verdict);
        Assert.Equal(6, result.Statistics.Distinct);
    }

    [Fact]
    public void A_refinement_whose_abstract_fairness_is_not_met_is_violated_by_tlcs_lasso()
    {
        var result = CheckImplementation("Slow", "Refines");

        Assert.Equal(Verdict.TemporalPropertyViolated, result.Verdict);
        // TLC: <x = 0, y = 0>, <x = 0, y = 1>, back to state 1: Step forever, the abstract Inc enabled and never taken.
        Assert.Equal([(0L, 0L), (0L, 1L)], result.Trace.Select(s => (s.State[0].AsInt64, s.State[1].AsInt64)));
        Assert.Equal(1, result.BackToState);
    }

    [Fact]
    public void Infinitely_many_steps_of_an_action_are_not_promised_by_fairness_of_another()
    {
        var result = CheckImplementation("Fast", "TickTock");

        Assert.Equal(Verdict.TemporalPropertyViolated, result.Verdict);
        // TLC: x = 0, 1, 2 by Inc, then stuttering.
        Assert.Equal([0L, 1L, 2L], result.Trace.Select(s => s.State[0].AsInt64));
        Assert.All(result.Trace, s => Assert.Equal(0L, s.State[1].AsInt64));
        Assert.Equal(3, result.BackToState);
    }

    [Fact]
    public void The_else_branch_of_a_temporal_if_is_checked()
    {
        var result = CheckImplementation("Slow", "Branching");

        Assert.Equal(Verdict.TemporalPropertyViolated, result.Verdict);
        Assert.Equal(0L, result.Trace[0].State[1].AsInt64);
        Assert.NotNull(result.BackToState);
    }

    [Theory]
    [InlineData("Fast")]
    [InlineData("Slow")]
    public void Eventually_always_an_action_fails_on_a_cycle_of_its_negation(string specification)
    {
        var result = CheckImplementation(specification, "NeverStep");

        Assert.Equal(Verdict.TemporalPropertyViolated, result.Verdict);
        var loop = result.Trace.Skip(result.BackToState!.Value - 1).ToList();
        // The cycle takes a Step: y changes within it.
        Assert.Contains(loop, s => s.State[1].AsInt64 != loop[0].State[1].AsInt64);
    }

    // The abstract variable flag is substituted by an expression of x: ENABLED <<D>>_flag is taken over flag (TLA+'s
    // I!(ENABLED A)), so it holds wherever flag is FALSE, whether or not x can ever make flag TRUE.
    private const string Flag = """
        ---- MODULE Flag ----
        VARIABLE flag
        D == flag' = TRUE
        Spec == flag = FALSE /\ [][D]_flag /\ WF_flag(D)
        ====
        """;

    [Theory]
    [InlineData("x >= 1", Verdict.Success)]
    [InlineData("x >= 5", Verdict.TemporalPropertyViolated)]
    [InlineData("x = 7 /\\ x # 7", Verdict.TemporalPropertyViolated)]
    public void Fairness_of_an_instance_is_enabled_over_its_own_variables(string flag, Verdict expected)
    {
        var module = $"""
            ---- MODULE Counter ----
            EXTENDS Naturals
            VARIABLE x
            flag == {flag}
            Spec == x = 0 /\ [][x < 1 /\ x' = x + 1]_x /\ WF_x(x < 1 /\ x' = x + 1)
            F == INSTANCE Flag
            Refines == F!Spec
            ====
            """;

        var result = Check("Counter", module, "SPECIFICATION Spec\nPROPERTY Refines\n", ("Flag", Flag));

        Assert.Equal(expected, result.Verdict);
        if (expected == Verdict.TemporalPropertyViolated)
        {
            // TLC: x = 0, x = 1, then stuttering.
            Assert.Equal([0L, 1L], result.Trace.Select(s => s.State[0].AsInt64));
            Assert.Equal(2, result.BackToState);
        }
    }

    // With VIEW V the state x = 0, c = 2 is stored as x = 0, c = 0: the edge back to it is no decrease of c, which the
    // generated successor shows and the stored one would not.
    private const string Viewed = """
        ---- MODULE Viewed ----
        EXTENDS Naturals
        VARIABLES x, c
        Next == x' = 1 - x /\ c' = c + 1
        Spec == x = 0 /\ c = 0 /\ [][Next]_<<x, c>> /\ WF_<<x, c>>(Next)
        OnlyUp == [][c' > c]_<<x, c>>
        SometimesDown == []<><<c' < c>>_c
        AlwaysUp == []<><<c' > c>>_c
        V == x
        ====
        """;

    [Theory]
    [InlineData("OnlyUp", Verdict.Success)]
    [InlineData("AlwaysUp", Verdict.Success)]
    [InlineData("SometimesDown", Verdict.TemporalPropertyViolated)]
    public void Under_a_view_steps_are_those_generated_not_those_to_the_stored_state(string property, Verdict expected)
    {
        var result = Check("Viewed", Viewed, $"SPECIFICATION Spec\nPROPERTY {property}\nVIEW V\n");

        Assert.Equal(expected, result.Verdict);
        if (expected == Verdict.TemporalPropertyViolated)
        {
            // TLC: <x = 0, c = 0>, <x = 1, c = 1>, back to state 1.
            Assert.Equal([(0L, 0L), (1L, 1L)], result.Trace.Select(s => (s.State[0].AsInt64, s.State[1].AsInt64)));
            Assert.Equal(1, result.BackToState);
        }
    }

    [Fact]
    public void A_temporal_quantifier_is_reported_as_not_checked_rather_than_passed()
    {
        const string hidden = """
            ---- MODULE Hidden ----
            EXTENDS Naturals
            VARIABLE x
            Spec == x = 0 /\ [][x' = 1 - x]_x
            Witness == \EE h : [](h = x)
            ====
            """;
        File.WriteAllText(Path.Combine(_dir, "Hidden.tla"), hidden);
        File.WriteAllText(Path.Combine(_dir, "Hidden.cfg"), "SPECIFICATION Spec\nPROPERTY Witness\n");

        var loaded = ModelLoader.Load(Path.Combine(_dir, "Hidden.tla"));

        Assert.Equal("Witness", Assert.Single(loaded.Model!.UncheckedProperties));
        Assert.Contains(loaded.Diagnostics, d => d.Code == ModelCodes.PropertyNotChecked);
    }

    [Fact]
    public void Every_one_of_more_than_64_fairness_conditions_is_kept()
    {
        const string many = """
            ---- MODULE Many ----
            EXTENDS Naturals
            VARIABLE x
            Step(i) == x = i /\ x' = i + 1
            Spec == x = 1 /\ [][\E i \in 1..69 : Step(i)]_x /\ \A i \in 1..69 : WF_x(Step(i))
            Reaches70 == <>(x = 70)
            ====
            """;

        var result = Check("Many", many, "SPECIFICATION Spec\nPROPERTY Reaches70\n");

        Assert.Equal(Verdict.Success, result.Verdict);
        Assert.Equal(70, result.Statistics.Distinct);
    }
}
