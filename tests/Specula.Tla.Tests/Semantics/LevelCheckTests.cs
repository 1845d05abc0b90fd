using Specula.Tla.Semantics;

namespace Specula.Tla.Tests.Semantics;

public sealed class LevelCheckTests
{
    private static Level LevelOf(string spec, string name) =>
        Sem.Clean(spec).Lookup(name)?.Level ?? throw new InvalidOperationException(name + " not found");

    private const string Levels = """
        ---- MODULE L ----
        EXTENDS Naturals
        CONSTANT N
        VARIABLE x, y
        C == N + 1
        S == x + N
        A == x' = x + 1
        U == UNCHANGED <<x, y>>
        T == [][A]_x
        E == ENABLED A
        F == WF_x(A)
        Lv == <>(x = 1) ~> (y = 2)
        P(a) == a'
        PC == P(N)
        PS == P(x)
        Q(a) == a + N
        QS == Q(x)
        Box(f) == []f
        BS == Box(x = 1)
        Ch == CHOOSE v \in {x} : v = 1
        Inst == \EE z : z = x
        Let1 == LET k == x' IN k
        Fn[i \in 1..N] == i
        Ap == Fn[1] + x
        ====
        """;

    [Theory]
    [InlineData("C", Level.Constant)]
    [InlineData("S", Level.State)]
    [InlineData("A", Level.Action)]
    [InlineData("U", Level.Action)]
    [InlineData("T", Level.Temporal)]
    [InlineData("E", Level.State)]
    [InlineData("F", Level.Temporal)]
    [InlineData("Lv", Level.Temporal)]
    [InlineData("PC", Level.Constant)]
    [InlineData("PS", Level.Action)]
    [InlineData("Q", Level.Constant)]
    [InlineData("QS", Level.State)]
    [InlineData("BS", Level.Temporal)]
    [InlineData("Ch", Level.State)]
    [InlineData("Inst", Level.Temporal)]
    [InlineData("Let1", Level.Action)]
    [InlineData("Fn", Level.Constant)]
    [InlineData("Ap", Level.State)]
    public void Definition_levels_follow_sany(string name, Level expected) => Assert.Equal(expected, LevelOf(Levels, name));

    [Fact]
    public void Double_prime_is_an_error()
    {
        Sem.Single("""
            ---- MODULE M ----
            VARIABLE x
            A == x'' = 1
            ====
            """, SemanticCodes.PrimeLevel, 3, 6,
            "Level error in applying operator ': the level of argument 1 (action) exceeds the maximum level allowed by the operator (state).");
    }

    [Fact]
    public void Priming_an_action_definition_is_an_error()
    {
        Sem.Single("""
            ---- MODULE M ----
            VARIABLE x
            Next == x' = x
            B == Next'
            ====
            """, SemanticCodes.PrimeLevel, 4, 6);
    }

    [Fact]
    public void Unchanged_of_an_action_is_an_error()
    {
        Sem.Single("""
            ---- MODULE M ----
            VARIABLE x
            A == UNCHANGED x'
            ====
            """, SemanticCodes.PrimeLevel, 3, 6,
            "Level error in applying operator UNCHANGED: the level of argument 1 (action) exceeds the maximum level allowed by the operator (state).");
    }

    [Fact]
    public void Enabled_of_a_temporal_formula_is_an_error()
    {
        Sem.Single("""
            ---- MODULE M ----
            VARIABLE x
            A == ENABLED [](x = 1)
            ====
            """, SemanticCodes.ArgumentLevel, 3, 6);
    }

    [Fact]
    public void Box_of_an_action_not_of_the_form_square_a_v()
    {
        Sem.Single("""
            ---- MODULE M ----
            VARIABLE x
            Next == x' = x
            Spec == []Next
            ====
            """, SemanticCodes.TemporalOfAction, 4, 9, "[] followed by action not of form [A]_v.");
    }

    [Fact]
    public void Diamond_of_an_action_not_of_the_form_angle_a_v()
    {
        Sem.Single("""
            ---- MODULE M ----
            VARIABLE x
            Live == <>(x' = 1)
            ====
            """, SemanticCodes.TemporalOfAction, 3, 9, "<> followed by action not of form <<A>>_v.");
    }

    [Fact]
    public void Diamond_angle_action_is_fine() => Sem.Clean("""
        ---- MODULE M ----
        VARIABLE x
        Live == []<><<x' = 1>>_x
        ====
        """);

    [Fact]
    public void Leads_to_with_an_action_is_an_error()
    {
        Sem.Single("""
            ---- MODULE M ----
            VARIABLE x
            P == (x = 1) ~> (x' = 2)
            ====
            """, SemanticCodes.ActionInTemporal, 3, 6, "Action used where only temporal formula or state predicate allowed.");
    }

    [Fact]
    public void Conjunction_of_action_and_temporal_formula_is_an_error()
    {
        Sem.Single("""
            ---- MODULE M ----
            VARIABLE x
            Bad == x' = 1 /\ [](x = 1)
            ====
            """, SemanticCodes.ActionInTemporal, 3, 8, @"/\ has both temporal formula and action as arguments.");
    }

    [Fact]
    public void Conjunction_list_of_action_and_temporal_formula_is_an_error()
    {
        Sem.Single("""
            ---- MODULE M ----
            VARIABLE x
            Bad == /\ x' = 1
                   /\ [](x = 1)
            ====
            """, SemanticCodes.ActionInTemporal, 3, 8, "Conjunction list has both temporal formula and action as arguments.");
    }

    [Fact]
    public void Action_bound_of_temporal_quantifier_is_an_error()
    {
        Sem.Single("""
            ---- MODULE M ----
            VARIABLE x
            Bad == \E i \in {x'} : [](x = i)
            ====
            """, SemanticCodes.ActionInTemporal, 3, 17, "Action-level bound of quantified temporal formula.");
    }

    [Fact]
    public void Temporal_formula_inside_square_action_is_an_error()
    {
        Sem.Single("""
            ---- MODULE M ----
            VARIABLE x
            Bad == []([ [](x = 1) ]_x)
            ====
            """, SemanticCodes.ArgumentLevel, 3, 13,
            "Level error in [A]_v: the action A is a temporal formula; it must be at most action level.");
    }

    [Fact]
    public void Subscript_must_be_state_level()
    {
        Sem.Single("""
            ---- MODULE M ----
            VARIABLE x
            Bad == [][x' = 1]_(x')
            ====
            """, SemanticCodes.ArgumentLevel, 3, 19);
    }

    [Fact]
    public void Fairness_of_temporal_formula_is_an_error()
    {
        Sem.Single("""
            ---- MODULE M ----
            VARIABLE x
            Bad == WF_x([](x = 1))
            ====
            """, SemanticCodes.ArgumentLevel, 3, 13);
    }

    [Fact]
    public void Assume_must_be_constant()
    {
        Sem.Single("""
            ---- MODULE M ----
            CONSTANT N
            VARIABLE x
            ASSUME N = x
            ====
            """, SemanticCodes.AssumptionNotConstant, 4, 8,
            "Level error: ASSUME must be a constant-level formula, but this one has state level.");
    }

    [Fact]
    public void Constant_assume_is_fine() => Sem.Clean("""
        ---- MODULE M ----
        EXTENDS Naturals
        CONSTANT N
        ASSUME N \in Nat /\ N > 0
        ====
        """);

    [Fact]
    public void Action_passed_to_a_parameter_that_is_primed()
    {
        Sem.Single("""
            ---- MODULE M ----
            VARIABLE x
            P(a) == a' = 1
            Bad == P(x')
            ====
            """, SemanticCodes.ArgumentLevel, 4, 10,
            "Level error in applying operator P: the level of argument 1 (action) exceeds the maximum level allowed by the operator (state).");
    }

    [Fact]
    public void Temporal_formula_passed_to_a_parameter_under_enabled()
    {
        Sem.Single("""
            ---- MODULE M ----
            VARIABLE x
            En(a) == ENABLED a
            Bad == En([](x = 1))
            ====
            """, SemanticCodes.ArgumentLevel, 4, 11);
    }

    [Fact]
    public void Parameter_constraints_propagate_through_nested_definitions()
    {
        Sem.Single("""
            ---- MODULE M ----
            VARIABLE x
            P(a) == a' = 1
            Q(b) == P(b)
            Bad == Q(x')
            ====
            """, SemanticCodes.ArgumentLevel, 5, 10);
    }

    [Fact]
    public void Choose_body_cannot_be_temporal()
    {
        Sem.Single("""
            ---- MODULE M ----
            VARIABLE x
            Bad == CHOOSE i \in {1} : [](x = i)
            ====
            """, SemanticCodes.ArgumentLevel, 3, 27);
    }

    [Fact]
    public void Typical_spec_has_the_expected_levels()
    {
        var module = Sem.Clean("""
            ---- MODULE Spec ----
            EXTENDS Naturals
            CONSTANT Procs
            VARIABLES pc, count
            vars == <<pc, count>>
            TypeOK == pc \in [Procs -> {"a", "b"}] /\ count \in Nat
            Init == pc = [p \in Procs |-> "a"] /\ count = 0
            Step(p) == /\ pc[p] = "a"
                       /\ pc' = [pc EXCEPT ![p] = "b"]
                       /\ count' = count + 1
            Next == \E p \in Procs : Step(p)
            Spec == Init /\ [][Next]_vars /\ \A p \in Procs : WF_vars(Step(p))
            Inv == count <= 10
            ====
            """);
        Assert.Equal(Level.State, module.LevelOf("vars"));
        Assert.Equal(Level.State, module.LevelOf("TypeOK"));
        Assert.Equal(Level.State, module.LevelOf("Init"));
        Assert.Equal(Level.Action, module.LevelOf("Step"));
        Assert.Equal(Level.Action, module.LevelOf("Next"));
        Assert.Equal(Level.Temporal, module.LevelOf("Spec"));
        Assert.Equal(Level.State, module.LevelOf("Inv"));
    }

    [Fact]
    public void Parameter_slots_are_reused_across_sibling_lets()
    {
        var conjuncts = string.Join(" /\\ ", Enumerable.Range(0, 80).Select(i => $"(LET A{i}(b) == b IN A{i}(TRUE))"));
        var module = Sem.Clean($"""
            ---- MODULE M ----
            VARIABLE x
            Op == {conjuncts} /\ (LET G(p) == p' = 1 IN G(x))
            ====
            """);
        Assert.Equal(Level.Action, module.LevelOf("Op"));
    }
}
