using Specula.Tla.Checking;
using Specula.Tla.Evaluation;
using Specula.Tla.Tests.Checking;

namespace Specula.Tla.Tests.Evaluation;

/// <summary>ENABLED as TLC evaluates it; expected verdicts from TLC (built from source) on the same module.</summary>
public sealed class EnabledTests : IDisposable
{
    private const string Module = """
        ---- MODULE EnPartial ----
        EXTENDS Naturals
        VARIABLES x, y
        Init == x = 0 /\ y = 0
        Next == x < 2 /\ x' = x + 1 /\ y' = y
        SetX == x' = 1
        CanSet == ENABLED SetX
        CanNext == ENABLED Next
        ====
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("specula-enabled-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private CheckResult Check(string invariant) =>
        ModelFiles.Check(_dir, "EnPartial", Module, $"INIT Init\nNEXT Next\nINVARIANT {invariant}\nCHECK_DEADLOCK FALSE\n");

    [Fact]
    public void An_action_that_leaves_a_variable_free_is_enabled()
    {
        // SetX says nothing of y': TLC's enabled() accepts the partial state, so CanSet holds everywhere.
        var result = Check("CanSet");

        Assert.Equal(Verdict.Success, result.Verdict);
        Assert.Equal(3, result.Statistics.Distinct);
    }

    [Fact]
    public void An_action_whose_guard_fails_is_not_enabled()
    {
        var result = Check("CanNext");

        Assert.Equal(Verdict.InvariantViolated, result.Verdict);
        Assert.Equal([0L, 1L, 2L], result.Trace.Select(s => s.State[0].AsInt64));
    }
}
