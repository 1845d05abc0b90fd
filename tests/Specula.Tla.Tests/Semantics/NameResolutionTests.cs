using Specula.Tla.Semantics;

namespace Specula.Tla.Tests.Semantics;

public sealed class NameResolutionTests
{
    [Fact]
    public void Clean_spec_has_no_diagnostics() => Sem.Clean("""
        ---- MODULE Counter ----
        EXTENDS Naturals
        CONSTANT N
        VARIABLE x
        Init == x = 0
        Next == x < N /\ x' = x + 1
        Spec == Init /\ [][Next]_x
        ====
        """);

    [Fact]
    public void Unknown_identifier_is_reported_at_its_position()
    {
        Sem.Single("""
            ---- MODULE M ----
            VARIABLE x
            Init == x = foo
            ====
            """, SemanticCodes.UnknownOperator, 3, 13, "Unknown operator: 'foo'.");
    }

    [Fact]
    public void Unknown_operator_application()
    {
        Sem.Single("""
            ---- MODULE M ----
            A == Bar(1, 2)
            ====
            """, SemanticCodes.UnknownOperator, 2, 6, "Unknown operator: 'Bar'.");
    }

    [Fact]
    public void Standard_operator_without_extends_names_the_module()
    {
        Sem.Single("""
            ---- MODULE M ----
            A == 1 + 2
            ====
            """, SemanticCodes.UnknownOperator, 2, 8,
            "Unknown operator: '+'. It is defined in the standard module Naturals; add Naturals to EXTENDS.");
    }

    [Fact]
    public void Len_without_sequences_names_the_module()
    {
        Sem.Single("""
            ---- MODULE M ----
            A(s) == Len(s)
            ====
            """, SemanticCodes.UnknownOperator, 2, 9,
            "Unknown operator: 'Len'. It is defined in the standard module Sequences; add Sequences to EXTENDS.");
    }

    [Fact]
    public void Misspelled_name_gets_a_suggestion()
    {
        Sem.Single("""
            ---- MODULE M ----
            VARIABLE counter
            Init == countr = 0
            ====
            """, SemanticCodes.UnknownOperator, 3, 9, "Unknown operator: 'countr'. Did you mean 'counter'?");
    }

    [Fact]
    public void Arity_mismatch_too_few()
    {
        Sem.Single("""
            ---- MODULE M ----
            Foo(a, b) == a = b
            A == Foo(1)
            ====
            """, SemanticCodes.ArityMismatch, 3, 6, "The operator Foo requires 2 arguments.");
    }

    [Fact]
    public void Arity_mismatch_operator_used_without_arguments()
    {
        Sem.Single("""
            ---- MODULE M ----
            Foo(a) == a
            A == Foo
            ====
            """, SemanticCodes.ArityMismatch, 3, 6, "The operator Foo requires 1 argument.");
    }

    [Fact]
    public void Arity_mismatch_on_variable_applied()
    {
        Sem.Single("""
            ---- MODULE M ----
            VARIABLE f
            A == f(1)
            ====
            """, SemanticCodes.ArityMismatch, 3, 6, "The operator f requires 0 arguments.");
    }

    [Fact]
    public void Arity_mismatch_standard_operator()
    {
        Sem.Single("""
            ---- MODULE M ----
            EXTENDS Sequences
            A == Append(<<1>>)
            ====
            """, SemanticCodes.ArityMismatch, 3, 6, "The operator Append requires 2 arguments.");
    }

    [Fact]
    public void Operator_constant_arity_is_checked()
    {
        Sem.Single("""
            ---- MODULE M ----
            CONSTANT F(_, _)
            A == F(1)
            ====
            """, SemanticCodes.ArityMismatch, 3, 6, "The operator F requires 2 arguments.");
    }

    [Fact]
    public void Duplicate_definition_in_module()
    {
        Sem.Single("""
            ---- MODULE M ----
            A == 1
            A == 2
            ====
            """, SemanticCodes.MultiplyDefined, 3, 1,
            "Multiply-defined symbol 'A': this definition or declaration conflicts with the one at line 2, col 1 to line 2, col 1 of module M.");
    }

    [Fact]
    public void Variable_and_constant_with_same_name()
    {
        Sem.Single("""
            ---- MODULE M ----
            CONSTANT x
            VARIABLE x
            ====
            """, SemanticCodes.MultiplyDefined, 3, 10);
    }

    [Fact]
    public void Definition_clashing_with_extended_standard_operator()
    {
        Sem.Single("""
            ---- MODULE M ----
            EXTENDS Sequences
            Len(s) == 0
            ====
            """, SemanticCodes.MultiplyDefined, 3, 1,
            "Multiply-defined symbol 'Len': this definition or declaration conflicts with the one of standard module Sequences.");
    }

    [Fact]
    public void Definition_clashing_with_extended_user_module()
    {
        Sem.Single("""
            ---- MODULE M ----
            EXTENDS Base
            Helper == 2
            ====
            """, SemanticCodes.MultiplyDefined, 3, 1,
            "Multiply-defined symbol 'Helper': this definition or declaration conflicts with the one at line 2, col 1 to line 2, col 6 of module Base.",
            """
            ---- MODULE Base ----
            Helper == 1
            ====
            """);
    }

    [Fact]
    public void Same_module_reached_twice_is_not_a_clash() => Sem.Clean("""
        ---- MODULE M ----
        EXTENDS Naturals, Integers, Sequences, SequencesExt, FiniteSets
        A == Len(<<1>>) + Cardinality({}) - 1
        ====
        """);

    [Fact]
    public void Bound_variable_shadowing_a_variable_is_illegal()
    {
        Sem.Single("""
            ---- MODULE M ----
            VARIABLE s
            A == \E s \in {1} : s = 1
            ====
            """, SemanticCodes.IllegalShadowing, 3, 9,
            "Multiply-defined symbol 's': this definition or declaration conflicts with the one at line 2, col 10 to line 2, col 10 of module M.");
    }

    [Fact]
    public void Nested_bound_variable_with_same_name_is_illegal()
    {
        Sem.Single("""
            ---- MODULE M ----
            A == \A i \in {1} : \E i \in {2} : i = i
            ====
            """, SemanticCodes.IllegalShadowing, 2, 24);
    }

    [Fact]
    public void Parameter_shadowing_a_definition_is_illegal()
    {
        Sem.Single("""
            ---- MODULE M ----
            N == 3
            A(N) == N
            ====
            """, SemanticCodes.IllegalShadowing, 3, 3);
    }

    [Fact]
    public void Function_constructor_variable_shadowing_is_illegal()
    {
        Sem.Single("""
            ---- MODULE M ----
            VARIABLE s
            A == [s \in {1} |-> 0]
            ====
            """, SemanticCodes.IllegalShadowing, 3, 7);
    }

    [Fact]
    public void Set_builder_and_choose_variables_are_scoped() => Sem.Clean("""
        ---- MODULE M ----
        A == {x \in {1, 2} : x = 1}
        B == {y : y \in {1, 2}}
        C == CHOOSE z \in {1} : z = 1
        D == {x : x \in {3}}
        E == [x \in {1} |-> x]
        F == \E <<p, q>> \in {<<1, 2>>} : p = q
        G == LAMBDA x : x
        ====
        """.Replace("G == LAMBDA x : x\n", string.Empty, StringComparison.Ordinal));

    [Fact]
    public void Bound_variable_is_not_visible_outside_its_scope()
    {
        Sem.Single("""
            ---- MODULE M ----
            A == (\E i \in {1} : i = 1) /\ i = 2
            ====
            """, SemanticCodes.UnknownOperator, 2, 32, "Unknown operator: 'i'.");
    }

    [Fact]
    public void Recursion_without_recursive_is_reported()
    {
        Sem.Single("""
            ---- MODULE M ----
            EXTENDS Naturals
            Fact(n) == IF n = 0 THEN 1 ELSE n * Fact(n - 1)
            ====
            """, SemanticCodes.UseBeforeDefinition, 3, 37,
            "Operator 'Fact' is used in its own definition; a recursive operator must be declared RECURSIVE before its definition.");
    }

    [Fact]
    public void Recursion_with_recursive_is_fine() => Sem.Clean("""
        ---- MODULE M ----
        EXTENDS Naturals
        RECURSIVE Fact(_)
        Fact(n) == IF n = 0 THEN 1 ELSE n * Fact(n - 1)
        A == Fact(3)
        ====
        """);

    [Fact]
    public void Mutual_recursion_with_recursive_is_fine() => Sem.Clean("""
        ---- MODULE M ----
        EXTENDS Naturals
        RECURSIVE Even(_), Odd(_)
        Even(n) == IF n = 0 THEN TRUE ELSE Odd(n - 1)
        Odd(n) == IF n = 0 THEN FALSE ELSE Even(n - 1)
        ====
        """);

    [Fact]
    public void Use_before_definition_is_reported()
    {
        Sem.Single("""
            ---- MODULE M ----
            A == B = 1
            B == 2
            ====
            """, SemanticCodes.UseBeforeDefinition, 2, 6,
            "'B' is used before its definition at line 3, col 1; TLA+ requires definition before use (declare mutually recursive operators RECURSIVE).");
    }

    [Fact]
    public void Recursive_declared_but_not_defined()
    {
        Sem.Single("""
            ---- MODULE M ----
            RECURSIVE F(_)
            ====
            """, SemanticCodes.RecursiveNotDefined, 2, 11, "Operator 'F' is declared RECURSIVE but never defined.");
    }

    [Fact]
    public void Recursive_arity_mismatch()
    {
        Sem.Single("""
            ---- MODULE M ----
            RECURSIVE F(_)
            F(a, b) == F(a, b)
            ====
            """, SemanticCodes.RecursiveMismatch, 3, 1, "Operator 'F' is declared RECURSIVE with 1 argument but defined with 2.");
    }

    [Fact]
    public void Recursive_function_definition_needs_no_declaration() => Sem.Clean("""
        ---- MODULE M ----
        EXTENDS Naturals
        fact[n \in Nat] == IF n = 0 THEN 1 ELSE n * fact[n - 1]
        ====
        """);

    [Fact]
    public void Let_definitions_see_earlier_let_definitions() => Sem.Clean("""
        ---- MODULE M ----
        EXTENDS Naturals
        A(n) == LET a == n + 1
                    b == a * 2
                    f[i \in 1..3] == i + b
                IN f[1] + b
        ====
        """);

    [Fact]
    public void Let_definition_forward_reference_is_reported()
    {
        Sem.Single("""
            ---- MODULE M ----
            A == LET a == b
                     b == 1
                 IN a
            ====
            """, SemanticCodes.UseBeforeDefinition, 2, 15);
    }

    [Fact]
    public void Let_definitions_are_not_visible_after_the_let()
    {
        Sem.Single("""
            ---- MODULE M ----
            A == (LET a == 1 IN a) = a
            ====
            """, SemanticCodes.UnknownOperator, 2, 26, "Unknown operator: 'a'.");
    }

    [Fact]
    public void Let_recursive_is_fine() => Sem.Clean("""
        ---- MODULE M ----
        EXTENDS Naturals
        A == LET RECURSIVE Sum(_)
                 Sum(n) == IF n = 0 THEN 0 ELSE n + Sum(n - 1)
             IN Sum(3)
        ====
        """);

    [Fact]
    public void Let_definition_shadowing_a_module_name_is_illegal()
    {
        Sem.Single("""
            ---- MODULE M ----
            B == 1
            A == LET B == 2 IN B
            ====
            """, SemanticCodes.IllegalShadowing, 3, 10);
    }

    [Fact]
    public void Duplicate_let_definitions()
    {
        Sem.Single("""
            ---- MODULE M ----
            A == LET a == 1
                     a == 2
                 IN a
            ====
            """, SemanticCodes.MultiplyDefined, 3, 10);
    }

    [Fact]
    public void Higher_order_operator_and_lambda() => Sem.Clean("""
        ---- MODULE M ----
        EXTENDS Naturals
        Apply(F(_), x) == F(x)
        Inc(n) == n + 1
        A == Apply(Inc, 1)
        B == Apply(LAMBDA n : n * 2, 1)
        C(Op(_, _)) == Op(1, 2)
        D == C(LAMBDA a, b : a + b)
        ====
        """);

    [Fact]
    public void Higher_order_argument_of_wrong_arity()
    {
        Sem.Single("""
            ---- MODULE M ----
            Apply(F(_), x) == F(x)
            Two(a, b) == a
            A == Apply(Two, 1)
            ====
            """, SemanticCodes.OperatorArgumentExpected, 4, 12,
            "Argument 1 of Apply must be an operator of arity 1, but 'Two' takes 2.");
    }

    [Fact]
    public void Lambda_with_wrong_parameter_count()
    {
        Sem.Single("""
            ---- MODULE M ----
            Apply(F(_), x) == F(x)
            A == Apply(LAMBDA a, b : a, 1)
            ====
            """, SemanticCodes.OperatorArgumentExpected, 3, 12);
    }

    [Fact]
    public void Value_where_operator_argument_expected()
    {
        Sem.Single("""
            ---- MODULE M ----
            Apply(F(_), x) == F(x)
            A == Apply(1, 1)
            ====
            """, SemanticCodes.OperatorArgumentExpected, 3, 12,
            "Argument 1 of Apply must be an operator of arity 1 (an operator name or a LAMBDA).");
    }

    [Fact]
    public void Standard_higher_order_operator_accepts_operator_names() => Sem.Clean("""
        ---- MODULE M ----
        EXTENDS Naturals, Sequences, FiniteSetsExt, TLC
        IsEven(n) == n % 2 = 0
        A == SelectSeq(<<1, 2>>, IsEven)
        B == FoldSet(+, 0, {1, 2})
        C == SortSeq(<<2, 1>>, LAMBDA a, b : a < b)
        ====
        """);

    [Fact]
    public void At_outside_except_is_reported()
    {
        Sem.Single("""
            ---- MODULE M ----
            A == @ = 1
            ====
            """, SemanticCodes.AtOutsideExcept, 2, 6);
    }

    [Fact]
    public void At_inside_except_value_is_fine() => Sem.Clean("""
        ---- MODULE M ----
        EXTENDS Naturals
        VARIABLE f
        Next == f' = [f EXCEPT ![1] = @ + 1, !.a.b = @ * 2]
        ====
        """);

    [Fact]
    public void At_in_except_index_is_reported()
    {
        Sem.Single("""
            ---- MODULE M ----
            VARIABLE f
            Next == f' = [f EXCEPT ![@] = 1]
            ====
            """, SemanticCodes.AtOutsideExcept, 3, 26);
    }

    [Fact]
    public void Builtin_constants_need_no_definition() => Sem.Clean("""
        ---- MODULE M ----
        A == TRUE \in BOOLEAN /\ "a" \in STRING /\ ~FALSE
        B == SUBSET {1} \cup UNION {{1}} /\ DOMAIN <<1>> \subseteq {1} \ {2}
        ====
        """);

    [Fact]
    public void User_defined_infix_operator() => Sem.Clean("""
        ---- MODULE M ----
        EXTENDS Naturals
        a \prec b == a < b
        a ++ b == a + b
        A == 1 \prec 2 /\ (1 ++ 2) = 3
        ====
        """);

    [Fact]
    public void Undefined_user_infix_operator()
    {
        Sem.Single("""
            ---- MODULE M ----
            A == 1 \prec 2
            ====
            """, SemanticCodes.UnknownOperator, 2, 8, @"Unknown operator: '\prec'.");
    }

    [Fact]
    public void Unary_minus_needs_integers()
    {
        Sem.Single("""
            ---- MODULE M ----
            EXTENDS Naturals
            A == -1
            ====
            """, SemanticCodes.UnknownOperator, 3, 6);
    }

    [Fact]
    public void Unary_minus_with_integers() => Sem.Clean("""
        ---- MODULE M ----
        EXTENDS Integers
        A == -1 + 2 - 3
        ====
        """);

    [Fact]
    public void Duplicate_labels()
    {
        Sem.Single("""
            ---- MODULE M ----
            A == /\ l1 :: TRUE
                 /\ l1 :: FALSE
            ====
            """, SemanticCodes.DuplicateLabel, 3, 9, "Multiply-defined label 'l1'.");
    }

    [Fact]
    public void Every_error_is_collected()
    {
        Sem.Codes("""
            ---- MODULE M ----
            A == foo
            B == bar(1)
            C == A(1)
            ====
            """, ["2:6 TLA3001", "3:6 TLA3001", "4:6 TLA3002"]);
    }

    [Fact]
    public void Theorem_and_assumption_bodies_are_resolved()
    {
        Sem.Single("""
            ---- MODULE M ----
            CONSTANT N
            ASSUME N = 1
            THEOREM T == N = unknown
            ====
            """, SemanticCodes.UnknownOperator, 4, 18);
    }

    [Fact]
    public void Assume_prove_new_declarations_are_bound() => Sem.Clean("""
        ---- MODULE M ----
        THEOREM ASSUME NEW S, NEW x \in S PROVE x \in S
        ====
        """);

    [Fact]
    public void Case_and_if_are_resolved()
    {
        Sem.Codes("""
            ---- MODULE M ----
            A(x) == CASE x = 1 -> a [] OTHER -> b
            B(x) == IF x THEN c ELSE x
            ====
            """, ["2:23 TLA3001", "2:37 TLA3001", "3:19 TLA3001"]);
    }

    [Fact]
    public void Record_field_names_are_not_resolved() => Sem.Clean("""
        ---- MODULE M ----
        VARIABLE r
        A == r.field = 1 /\ [field |-> 1].field = 1 /\ r \in [field : {1}]
        ====
        """);
}
