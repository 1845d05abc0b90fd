using Specula.Tla.Semantics;

namespace Specula.Tla.Tests.Semantics;

public sealed class MoreResolutionTests
{
    [Fact]
    public void Infix_constant_operator() => Sem.Clean("""
        ---- MODULE M ----
        CONSTANT _ \prec _, Nodes
        Least(S) == CHOOSE x \in S : \A y \in S : x = y \/ x \prec y
        ====
        """);

    [Fact]
    public void Infix_constant_substituted_by_a_definition() => Sem.Clean("""
        ---- MODULE Main ----
        EXTENDS Naturals
        a \ll b == a < b
        O == INSTANCE Order WITH Elements <- 1..3
        Min == O!Least
        ====
        """, """
        ---- MODULE Order ----
        CONSTANT _ \ll _, Elements
        Least == CHOOSE x \in Elements : \A y \in Elements : x = y \/ x \ll y
        ====
        """);

    [Fact]
    public void Instance_of_nested_module_through_a_path()
    {
        var module = Sem.Clean("""
            ---- MODULE Outer ----
            EXTENDS Naturals
            CONSTANT N
            ---- MODULE Cell ----
            VARIABLE val
            Set(v) == val' = v
            ====
            ---- MODULE Array ----
            VARIABLE cells
            C(i) == INSTANCE Cell WITH val <- cells[i]
            Write(i, v) == C(i)!Set(v) /\ \A j \in 1..N \ {i} : C(j)!Set(cells[j])
            ====
            VARIABLE mem
            A == INSTANCE Array WITH cells <- mem
            Next == \E i \in 1..N : A!Write(i, 0) \/ A!C(i)!Set(1)
            ====
            """);
        Assert.Equal(Level.Action, module.LevelOf("Next"));
        Assert.Equal(["Array", "Cell"], module.NestedModules.Keys.Order());
    }

    [Fact]
    public void Wrong_argument_count_deep_in_a_path()
    {
        Sem.Single("""
            ---- MODULE Outer ----
            ---- MODULE Cell ----
            VARIABLE val
            Get == val
            ====
            ---- MODULE Array ----
            VARIABLE cells
            C(i) == INSTANCE Cell WITH val <- cells[i]
            ====
            VARIABLE mem
            A == INSTANCE Array WITH cells <- mem
            Bad == A!C!Get
            ====
            """, SemanticCodes.ArityMismatch, 12, 10, "The instance C requires 1 argument.");
    }

    [Fact]
    public void Unknown_name_deep_in_a_path()
    {
        Sem.Single("""
            ---- MODULE Outer ----
            ---- MODULE Cell ----
            VARIABLE val
            ====
            VARIABLE mem
            A == INSTANCE Cell WITH val <- mem
            Bad == A!B!Get
            ====
            """, SemanticCodes.UnknownOperator, 7, 10, "Unknown operator: 'A!B'.");
    }

    [Fact]
    public void Subexpression_names_resolve_to_the_definition() => Sem.Clean("""
        ---- MODULE M ----
        VARIABLE x
        Next == lbl :: x' = 1
        Part == Next!lbl
        ====
        """);

    [Fact]
    public void Label_parameters_are_bound_identifiers() => Sem.Clean("""
        ---- MODULE M ----
        A == \A i \in {1} : \E j \in {2} : step(i, j) :: i = j
        ====
        """);

    [Fact]
    public void Local_definitions_are_visible_in_their_own_module() => Sem.Clean("""
        ---- MODULE M ----
        LOCAL Helper(a) == a
        LOCAL INSTANCE Naturals
        A == Helper(1) + 1
        ====
        """);

    [Fact]
    public void Instance_substitution_values_can_use_instance_parameters() => Sem.Clean("""
        ---- MODULE Main ----
        VARIABLE state
        P(self) == INSTANCE Proc WITH me <- self, local <- state[self]
        Next == \E s \in {1, 2} : P(s)!Step
        ====
        """, """
        ---- MODULE Proc ----
        CONSTANT me
        VARIABLE local
        Step == local' = me
        ====
        """);

    [Fact]
    public void Instance_parameter_shadowing_is_illegal()
    {
        Sem.Single("""
            ---- MODULE Main ----
            VARIABLE state
            P(state) == INSTANCE Proc WITH me <- 1, local <- state
            ====
            """, SemanticCodes.IllegalShadowing, 3, 3, null, """
            ---- MODULE Proc ----
            CONSTANT me
            VARIABLE local
            ====
            """);
    }

    [Fact]
    public void Theorem_and_assumption_names_clash_with_definitions()
    {
        Sem.Single("""
            ---- MODULE M ----
            CONSTANT N
            ASSUME Positive == N = 1
            Positive == TRUE
            ====
            """, SemanticCodes.MultiplyDefined, 4, 1);
    }

    [Fact]
    public void Temporal_quantifier_binds_flexible_variables() => Sem.Clean("""
        ---- MODULE M ----
        VARIABLE x
        Hidden == \EE h : [](h = x) /\ \AA k : [](k = k)
        ====
        """);

    [Fact]
    public void Except_record_paths_and_nested_at() => Sem.Clean("""
        ---- MODULE M ----
        EXTENDS Naturals
        VARIABLE r
        Next == r' = [r EXCEPT !.a[1].b = @ + 1, ![2] = [@ EXCEPT !.c = @ * 2]]
        ====
        """);

    [Fact]
    public void Bound_names_visible_in_later_bounds() => Sem.Clean("""
        ---- MODULE M ----
        A == \E S \in {{1}}, x \in S : x = 1
        B == {<<a, b>> : a \in {{1}}, b \in a}
        ====
        """);

    [Fact]
    public void Duplicate_parameter_names()
    {
        Sem.Single("""
            ---- MODULE M ----
            F(a, a) == a
            ====
            """, SemanticCodes.IllegalShadowing, 2, 6,
            "Multiply-defined symbol 'a': this definition or declaration conflicts with the one at line 2, col 3 to line 2, col 3 of module M.");
    }

    [Fact]
    public void Duplicate_bound_names_in_one_quantifier()
    {
        Sem.Single("""
            ---- MODULE M ----
            A == \E x, x \in {1} : x = 1
            ====
            """, SemanticCodes.IllegalShadowing, 2, 12);
    }

    [Fact]
    public void Function_used_with_parentheses()
    {
        Sem.Single("""
            ---- MODULE M ----
            f[i \in {1}] == i
            A == f(1)
            ====
            """, SemanticCodes.ArityMismatch, 3, 6, "The operator f requires 0 arguments.");
    }
}
