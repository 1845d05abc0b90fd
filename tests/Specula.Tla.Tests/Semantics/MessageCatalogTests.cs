namespace Specula.Tla.Tests.Semantics;

/// <summary>A snapshot of what users read: one spec with one problem of each kind, rendered as the CLI prints them.</summary>
public sealed class MessageCatalogTests
{
    [Fact]
    public void Every_kind_of_problem_renders_as_expected()
    {
        var result = Sem.Check("""
            ---- MODULE Catalog ----
            EXTENDS Naturals, Lib
            CONSTANT N
            VARIABLE x, y
            Two(a, b) == a + b
            A1 == undefinedThing
            A2 == Two(1)
            A2 == 3
            A3 == \E x \in {1} : x = 1
            A4 == Later
            Later == 1
            RECURSIVE Never(_)
            A5 == @
            A6 == LAMBDA q : q
            A7 == x'' = 1
            A8 == []( x' = 1)
            A9 == x' = 1 /\ <>(x = 2)
            ASSUME x = N
            A10 == \A i \in {1} : lbl(j) :: i = 1
            A11 == ENABLED [](x = 1)
            I == INSTANCE Inner WITH Bogus <- 1
            A12 == I!Op /\ Secret /\ x!y
            A13 == UNCHANGED x' /\ (x ~> y')
            A14 == [][x' = 1]_(y') /\ Fact(3)
            Fact(n) == IF n = 0 THEN 1 ELSE n * Fact(n - 1)
            A15 == Seq(1)
            ====
            """, """
            ---- MODULE Inner ----
            CONSTANT K
            ====
            """, """
            ---- MODULE Lib ----
            LOCAL Secret == 1
            ====
            """);
        const string expected = """
            6:7 TLA3001 Unknown operator: 'undefinedThing'.
            7:7 TLA3002 The operator Two requires 2 arguments.
            8:1 TLA3003 Multiply-defined symbol 'A2': this definition or declaration conflicts with the one at line 7, col 1 to line 7, col 2 of module Catalog.
            9:10 TLA3004 Multiply-defined symbol 'x': this definition or declaration conflicts with the one at line 4, col 10 to line 4, col 10 of module Catalog.
            10:7 TLA3005 'Later' is used before its definition at line 11, col 1; TLA+ requires definition before use (declare mutually recursive operators RECURSIVE).
            12:11 TLA3006 Operator 'Never' is declared RECURSIVE but never defined.
            13:7 TLA3011 '@' can only be used in the value of an EXCEPT clause, as in [f EXCEPT ![i] = @ + 1].
            14:7 TLA3008 A LAMBDA expression can only be an argument of an operator that takes an operator argument.
            15:7 TLA3030 Level error in applying operator ': the level of argument 1 (action) exceeds the maximum level allowed by the operator (state).
            16:7 TLA3032 [] followed by action not of form [A]_v.
            17:7 TLA3033 /\ has both temporal formula and action as arguments.
            18:8 TLA3034 Level error: ASSUME must be a constant-level formula, but this one has state level.
            19:27 TLA3013 Label parameter 'j' is not a bound identifier or parameter in scope at the label.
            20:8 TLA3031 Level error in applying operator ENABLED: the level of argument 1 (temporal) exceeds the maximum level allowed by the operator (action).
            21:15 TLA3024 The instance of module Inner needs a substitution for constant 'K': write WITH K <- ..., or define 'K' in module Catalog.
            21:26 TLA3023 Symbol 'Bogus' is not a constant or variable of module Inner, so it cannot be substituted.
            22:10 TLA3001 Unknown operator: 'I!Op'.
            22:16 TLA3010 Unknown operator: 'Secret'. 'Secret' is LOCAL to module Lib and not visible here.
            22:26 TLA3009 'x' is not a module instance, so 'x!...' cannot be used.
            23:8 TLA3030 Level error in applying operator UNCHANGED: the level of argument 1 (action) exceeds the maximum level allowed by the operator (state).
            23:8 TLA3033 /\ has both temporal formula and action as arguments.
            23:25 TLA3033 Action used where only temporal formula or state predicate allowed.
            24:19 TLA3031 Level error in [A]_v: the subscript v has action level; it must be at most state level.
            24:27 TLA3005 'Fact' is used before its definition at line 25, col 1; TLA+ requires definition before use (declare mutually recursive operators RECURSIVE).
            25:37 TLA3005 Operator 'Fact' is used in its own definition; a recursive operator must be declared RECURSIVE before its definition.
            26:8 TLA3001 Unknown operator: 'Seq'. It is defined in the standard module Sequences; add Sequences to EXTENDS.
            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), Sem.Render(result));
    }
}
