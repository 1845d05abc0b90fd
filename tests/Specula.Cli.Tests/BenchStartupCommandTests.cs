namespace Specula.Cli.Tests;

/// <summary>
/// <c>specula bench startup</c> runs real <c>specula</c> processes (this build, through <c>dotnet specula.dll</c>):
/// the row must come out whole and say what it measured; the figures themselves are the benchmark's, not a test's.
/// </summary>
public sealed class BenchStartupCommandTests
{
    [Fact]
    public async Task Startup_row_reports_the_tiny_spec_and_the_runtime_floor_without_TLC()
    {
        var (code, output, errors) = await Cli.Run("bench", "startup", "--runs", "1", "--no-tlc");
        Assert.True(code == 0, errors + output);
        Assert.Contains("TLC: not run (--no-tlc)", output, StringComparison.Ordinal);
        Assert.Contains("median of 1; specula is a JIT-only build", output, StringComparison.Ordinal);
        Assert.Matches(@"\n  specula +wall +\d+\.\d\d s \(fastest \d+\.\d\d s\), CPU \d+\.\d\d s\r?\n", output);
        Assert.Matches(@"\n  specula --version +wall", output);
        Assert.DoesNotContain("not a valid measurement", output, StringComparison.Ordinal);
        Assert.Contains("target <= 0.3 s wall:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_runs_must_be_positive()
    {
        var (code, _, errors) = await Cli.Run("bench", "startup", "--runs", "0");
        Assert.Equal(2, code);
        Assert.Contains("--runs must be at least 1", errors, StringComparison.Ordinal);
    }
}
