using Specula.Tla.Semantics;
using Specula.Tla.Syntax;

namespace Specula.Tla.Tests.Semantics;

public sealed class ResolvedModelTests
{
    private static ResolvedModule Model() => Sem.Clean("""
        ---- MODULE Model ----
        EXTENDS Naturals
        CONSTANT N, F(_)
        VARIABLES x, y
        Inc(a) == a + 1
        Next == \E i \in 1..N : x' = Inc(i) /\ y' = LET z == y IN z
        LOCAL Aux == F(x)
        Apply(G(_, _)) == G(1, 2)
        ====
        """);

    private static OperatorDef Def(ResolvedModule m, string name) => (OperatorDef)m.Lookup(name)!.Declaration!;

    [Fact]
    public void Module_lists_constants_variables_and_definitions_in_order()
    {
        var m = Model();
        Assert.Equal(["N", "F"], m.Constants.Select(s => s.Name));
        Assert.Equal([0, 1], m.Constants.Select(s => s.Arity));
        Assert.Equal(["x", "y"], m.Variables.Select(s => s.Name));
        Assert.Equal(["Inc", "Next", "Aux", "Apply"], m.Definitions.Select(s => s.Name));
        Assert.True(m.Lookup("Aux")!.IsLocal);
        Assert.False(m.Exports.ContainsKey("Aux"));
        Assert.True(m.Exports.ContainsKey("Inc"));
        Assert.Equal([2], m.Lookup("Apply")!.ParameterArities.ToArray());
        Assert.Equal("Naturals", Assert.Single(m.Extends).Name);
    }

    [Fact]
    public void Symbols_know_where_they_are_declared()
    {
        var m = Model();
        var location = m.Lookup("Inc")!.Location!.Value;
        Assert.Equal("/spec/Model.tla:5:1", location.ToString());
        Assert.Null(m.Lookup("+")!.Location);
    }

    [Fact]
    public void References_map_each_use_to_its_symbol()
    {
        var m = Model();
        var next = Def(m, "Next");
        var exists = Assert.IsType<Quantified>(next.Body);
        var and = Assert.IsType<Binary>(exists.Body);
        Assert.Equal(SymbolKind.BuiltIn, m.Resolve(and)!.Kind);

        var first = Assert.IsType<Binary>(and.Left);          // x' = Inc(i)
        Assert.Equal("=", m.Resolve(first)!.Name);
        var prime = Assert.IsType<Postfix>(first.Left);
        Assert.Same(m.Lookup("x"), m.Resolve(prime.Operand));
        var inc = Assert.IsType<OpApp>(first.Right);
        Assert.Same(m.Lookup("Inc"), m.Resolve(inc));
        var i = m.Resolve(inc.Arguments[0])!;
        Assert.Equal(SymbolKind.BoundVariable, i.Kind);
        Assert.Same(exists.Bounds[0].Names[0], i.Declaration);

        var range = Assert.IsType<Binary>(exists.Bounds[0].Set);
        var dots = m.Resolve(range)!;
        Assert.Equal(SymbolKind.StandardOperator, dots.Kind);
        Assert.Equal("Naturals", dots.ModuleName);
        Assert.Same(m.Lookup("N"), m.Resolve(range.Right));
    }

    [Fact]
    public void Let_and_parameter_references_resolve_to_their_declarations()
    {
        var m = Model();
        var inc = Def(m, "Inc");
        var plus = Assert.IsType<Binary>(inc.Body);
        var a = m.Resolve(plus.Left)!;
        Assert.Equal(SymbolKind.Parameter, a.Kind);
        Assert.Same(inc.Parameters[0], a.Declaration);

        var next = Def(m, "Next");
        var second = (Binary)((Binary)((Quantified)next.Body).Body).Right;
        var let = Assert.IsType<Let>(second.Right);
        var z = m.Resolve(let.Body)!;
        Assert.Equal(SymbolKind.Operator, z.Kind);
        Assert.Same(let.Definitions[0], z.Declaration);
        Assert.Equal(Level.State, z.Level);
    }

    [Fact]
    public void Equal_nodes_are_distinct_keys()
    {
        var m = Sem.Clean("""
            ---- MODULE M ----
            A == \E v \in {1} : v = 1
            B == \E v \in {2} : v = 1
            ====
            """);
        var a = (Binary)((Quantified)Def(m, "A").Body).Body;
        var b = (Binary)((Quantified)Def(m, "B").Body).Body;
        Assert.Equal(SyntaxDump.Dump(a.Left), SyntaxDump.Dump(b.Left));
        Assert.NotSame(m.Resolve(a.Left), m.Resolve(b.Left));
    }

    [Fact]
    public void Higher_order_arguments_resolve_to_the_operator()
    {
        var m = Sem.Clean("""
            ---- MODULE M ----
            EXTENDS Naturals
            Apply(G(_, _)) == G(1, 2)
            A == Apply(+)
            ====
            """.Replace("Apply(+)", "Apply(+ )", StringComparison.Ordinal));
        var app = Assert.IsType<OpApp>(Def(m, "A").Body);
        Assert.Equal("+", m.Resolve(app.Arguments[0])!.Name);
    }

    [Fact]
    public void Result_succeeds_only_without_errors()
    {
        Assert.True(Sem.Check("---- MODULE M ----\nA == 1\n====\n").Succeeded);
        Assert.False(Sem.Check("---- MODULE M ----\nA == b\n====\n").Succeeded);
    }

    [Fact]
    public void Recursive_operators_expose_their_definition()
    {
        var m = Sem.Clean("""
            ---- MODULE M ----
            EXTENDS Naturals
            RECURSIVE Sum(_)
            Sum(n) == IF n = 0 THEN 0 ELSE n + Sum(n - 1)
            f[n \in Nat] == n
            I == INSTANCE Naturals
            ====
            """);
        var sum = m.Lookup("Sum")!;
        Assert.True(sum.IsRecursive);
        Assert.IsType<OpDecl>(sum.Declaration);
        Assert.Equal("Sum", Assert.IsType<OperatorDef>(sum.Definition).Name.Text);
        Assert.IsType<FunctionDef>(m.Lookup("f")!.Definition);
        Assert.IsType<ModuleInstanceDef>(m.Lookup("I")!.Definition);
        Assert.Null(m.Lookup("+")!.Definition);
    }
}
