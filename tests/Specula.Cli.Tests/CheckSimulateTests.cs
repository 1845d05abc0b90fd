using System.Text.Json;
using static Specula.Cli.Tests.Cli;

namespace Specula.Cli.Tests;

/// <summary><c>specula check --simulate</c>: TLC's simulation report and exit codes, reproducible with <c>--seed</c>.</summary>
public sealed class CheckSimulateTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("specula-simulate-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Climb = """
        ---- MODULE Climb ----
        EXTENDS Naturals
        VARIABLES x, y
        Init == x = 0 /\ y = 0
        IncX == x < 10 /\ x' = x + 1 /\ UNCHANGED y
        IncY == y < 3 /\ y' = y + 1 /\ UNCHANGED x
        Next == IncX \/ IncY
        Low == x < 8
        ====
        """;

    private string Write(string config)
    {
        File.WriteAllText(Path.Combine(_dir, "Climb.cfg"), config);
        var path = Path.Combine(_dir, "Climb.tla");
        File.WriteAllText(path, Climb);
        return path;
    }

    /// <summary>Everything but the wall time, which is the only thing a seed does not fix.</summary>
    private static string WithoutTime(string output) =>
        string.Join('\n', output.Split(Environment.NewLine).Where(l => !l.StartsWith("Finished in ", StringComparison.Ordinal)));

    [Fact]
    public async Task A_violation_is_printed_as_tlc_prints_it_and_the_seed_reproduces_the_run()
    {
        var spec = Write("INIT Init\nNEXT Next\nINVARIANT Low\n");
        var (code, output, _) = await Run("check", spec, "--simulate", "--num", "20", "--seed", "7");
        Assert.Equal(12, code);
        Assert.Contains("Simulating Climb.tla with Climb.cfg: 20 random behaviours of at most 100 steps, seed 7, 1 worker, 2 actions.", output, StringComparison.Ordinal);
        Assert.Contains("Error: Invariant Low is violated.", output, StringComparison.Ordinal);
        Assert.Contains("Error: The behavior up to this point is:", output, StringComparison.Ordinal);
        Assert.Contains("State 1: <Initial predicate>", output, StringComparison.Ordinal);
        Assert.Contains("/\\ x = 8", output, StringComparison.Ordinal);
        Assert.Contains("The number of states generated: ", output, StringComparison.Ordinal);
        Assert.Contains("Simulation using seed 7.", output, StringComparison.Ordinal);

        var again = await Run("check", spec, "--simulate", "--num", "20", "--seed", "7", "--workers", "2");
        Assert.Equal(code, again.Code);
        Assert.Equal(WithoutTime(output).Replace("1 worker", "2 workers", StringComparison.Ordinal), WithoutTime(again.Out));
    }

    [Fact]
    public async Task The_seed_also_fixes_what_RandomElement_picks()
    {
        File.WriteAllText(Path.Combine(_dir, "Pick.tla"), """
            ---- MODULE Pick ----
            EXTENDS Naturals, TLC
            VARIABLE x
            Init == x = RandomElement(1..1000000000)
            Next == x' = x
            Never == x = 0
            ====
            """);
        File.WriteAllText(Path.Combine(_dir, "Pick.cfg"), "INIT Init\nNEXT Next\nINVARIANT Never\n");
        var spec = Path.Combine(_dir, "Pick.tla");

        async Task<string> Picked(string seed)
        {
            var (code, output, _) = await Run("check", spec, "--simulate", "--num", "1", "--seed", seed);
            Assert.Equal(12, code);
            return output.Split(Environment.NewLine).Single(l => l.StartsWith("x = ", StringComparison.Ordinal));
        }

        var first = await Picked("5");
        Assert.Equal(first, await Picked("5"));
        // Two seeds drawing the same one of 10^9 values would be a generator that ignores its seed.
        Assert.NotEqual(first, await Picked("6"));
    }

    [Fact]
    public async Task Json_reports_the_seed_and_the_counts()
    {
        var spec = Write("INIT Init\nNEXT Next\nINVARIANT Low\nCHECK_DEADLOCK FALSE\n");
        var (code, output, _) = await Run("check", spec, "--simulate", "--num", "3", "--depth", "5", "--seed", "1", "--json");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("Success", root.GetProperty("verdict").GetString());
        var simulation = root.GetProperty("simulation");
        Assert.Equal(1, simulation.GetProperty("seed").GetInt64());
        Assert.Equal(3, simulation.GetProperty("behaviours").GetInt64());
        // Both actions stay enabled for five steps, and each step computes the one action picked: 1 + 3 × 5 states.
        Assert.Equal(16, simulation.GetProperty("generated").GetInt64());
        Assert.Equal(5, simulation.GetProperty("maxLength").GetInt32());
    }

    [Fact]
    public async Task A_deadlock_exits_11()
    {
        var spec = Write("INIT Init\nNEXT Next\n");
        var (code, output, _) = await Run("check", spec, "--simulate", "--num", "5", "--seed", "3");
        Assert.Equal(11, code);
        Assert.Contains("Error: Deadlock reached.", output, StringComparison.Ordinal);
        Assert.Contains("/\\ x = 10\n/\\ y = 3".Replace("\n", Environment.NewLine, StringComparison.Ordinal), output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--depth must be at least 1", "--simulate", "--depth", "0")]
    [InlineData("--num must be at least 1", "--simulate", "--num", "-4")]
    [InlineData("--depth, --num and --seed apply only with --simulate", "--seed", "3")]
    [InlineData("--max-states and --max-memory do not apply to --simulate", "--simulate", "--max-states", "10")]
    public async Task Bad_options_are_refused_with_a_clear_error(string message, params string[] options)
    {
        var spec = Write("INIT Init\nNEXT Next\n");
        var (code, output, error) = await Run(["check", spec, .. options]);
        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Empty(output);
    }
}
