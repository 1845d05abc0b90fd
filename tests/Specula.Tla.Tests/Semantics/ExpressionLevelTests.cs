using Specula.Tla.Semantics;
using Specula.Tla.Syntax;

namespace Specula.Tla.Tests.Semantics;

public sealed class ExpressionLevelTests
{
    private static readonly ResolvedModule Module = Sem.Clean("""
        ---- MODULE L ----
        EXTENDS Naturals
        CONSTANT N
        VARIABLE x, y
        P(a) == a' = 1
        Q(a) == a + N
        Next == x' = x + 1 /\ UNCHANGED y
        Spec == /\ x = 0
                /\ [][Next]_<<x, y>>
                /\ WF_x(Next)
        Mixed == /\ N > 0
                 /\ Q(x) > 1
                 /\ P(y)
                 /\ P(N)
                 /\ ENABLED Next
                 /\ LET z == x IN z = 1
                 /\ \E i \in 1..N : x' = i
        Live == /\ []<>(x = 1)
                /\ ENABLED Next
                /\ \EE h : h = x
        ====
        """);

    private static JunctionList Items(string name) =>
        (JunctionList)((OperatorDef)Module.Lookup(name)!.Declaration!).Body;

    [Fact]
    public void Conjuncts_of_a_specification()
    {
        var items = Items("Spec").Items;
        Assert.Equal([Level.State, Level.Temporal, Level.Temporal], items.Select(Module.LevelOf));
    }

    [Fact]
    public void Conjuncts_with_operator_applications()
    {
        var items = Items("Mixed").Items;
        Assert.Equal(
            [Level.Constant, Level.State, Level.Action, Level.Constant, Level.State, Level.State, Level.Action],
            items.Select(Module.LevelOf));
    }

    [Fact]
    public void Conjuncts_with_temporal_operators() =>
        Assert.Equal([Level.Temporal, Level.State, Level.Temporal], Items("Live").Items.Select(Module.LevelOf));

    [Fact]
    public void Definition_bodies_match_definition_levels()
    {
        foreach (var symbol in Module.Definitions)
        {
            if (symbol.Declaration is OperatorDef { Parameters.Length: 0 } def)
            {
                Assert.Equal(symbol.Level, Module.LevelOf(def.Body));
            }
        }
    }
}
