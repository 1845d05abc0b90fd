using Specula.Tla.Semantics;

namespace Specula.Tla.Tests.Semantics;

public sealed class LevelRulesTests
{
    private static readonly ResolvedModule Module = Sem.Clean("""
        ---- MODULE Roles ----
        EXTENDS Naturals
        VARIABLE x
        Init == x = 0
        Next == x' = x + 1
        Inv == x >= 0
        BadInv == x' >= x
        Spec == Init /\ [][Next]_x
        Param(a) == a
        ====
        """);

    [Theory]
    [InlineData("Init", DefinitionRole.Init)]
    [InlineData("Next", DefinitionRole.Next)]
    [InlineData("Inv", DefinitionRole.Invariant)]
    [InlineData("Inv", DefinitionRole.Property)]
    [InlineData("Spec", DefinitionRole.Specification)]
    [InlineData("Next", DefinitionRole.ActionConstraint)]
    public void Allowed_roles(string name, DefinitionRole role) => Assert.Null(LevelRules.Check(Module, name, role));

    [Fact]
    public void Invariant_with_primes_is_rejected()
    {
        var d = LevelRules.Check(Module, "BadInv", DefinitionRole.Invariant);
        Assert.NotNull(d);
        Assert.Equal("7:1 TLA3036 Invariant BadInv has action level (it contains primes or UNCHANGED); it must be a state predicate (no primes or temporal operators).", Sem.Render(d));
    }

    [Fact]
    public void Action_as_property_is_rejected() =>
        Assert.Equal(SemanticCodes.RoleLevel, LevelRules.Check(Module, "Next", DefinitionRole.Property)?.Code);

    [Fact]
    public void Temporal_formula_as_next_is_rejected() =>
        Assert.Equal(SemanticCodes.RoleLevel, LevelRules.Check(Module, "Spec", DefinitionRole.Next)?.Code);

    [Fact]
    public void Unknown_and_parameterized_names()
    {
        Assert.Equal(SemanticCodes.UnknownOperator, LevelRules.Check(Module, "Nope", DefinitionRole.Invariant)?.Code);
        Assert.Equal(SemanticCodes.ArityMismatch, LevelRules.Check(Module, "Param", DefinitionRole.Invariant)?.Code);
    }
}
