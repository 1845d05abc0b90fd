using Specula.Tla.Checking;

namespace Specula.Tla.Tests.Checking;

/// <summary>A definition given a value in the configuration (TLC's <c>Def = value</c>) stands for that value.</summary>
public sealed class DefinitionValueTests : IDisposable
{
    private const string Module = """
        ---- MODULE Valued ----
        EXTENDS Naturals
        VARIABLE x
        Limit == 10
        Init == x = 0
        Next == x < Limit /\ x' = x + 1
        ====
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("specula-valued-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("", 11)]
    [InlineData("CONSTANT Limit = 3\n", 4)]
    public void The_value_replaces_the_body(string assignment, long distinct)
    {
        var result = ModelFiles.Check(_dir, "Valued", Module, assignment + "INIT Init\nNEXT Next\n");

        Assert.Equal(Verdict.Success, result.Verdict);
        Assert.Equal(distinct, result.Statistics.Distinct);
    }
}
