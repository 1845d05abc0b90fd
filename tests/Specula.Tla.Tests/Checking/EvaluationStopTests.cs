using System.Diagnostics;
using Specula.Tla.Checking;
using Specula.Tla.Checking.Simulation;
using Specula.Tla.Evaluation;

namespace Specula.Tla.Tests.Checking;

/// <summary>
/// Cancellation and the time limit reach evaluations that never end on their own: an ASSUME while loading, the
/// initial states, a constant definition computed in the first step. Each would run for longer than the universe
/// lasts (a naive recursive Fib(90), or 10^15 bindings of a quantifier), so the run can only end by being stopped.
/// </summary>
public sealed class EvaluationStopTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("specula-stop-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Fib = """
        RECURSIVE Fib(_)
        Fib(n) == IF n < 2 THEN n ELSE Fib(n - 1) + Fib(n - 2)
        """;

    private string Write(string name, string body, string config = "INIT Init\nNEXT Next\n")
    {
        var spec = Path.Combine(_dir, name + ".tla");
        File.WriteAllText(spec, $"---- MODULE {name} ----\nEXTENDS Naturals\n{Fib}\n{body}\n====\n");
        File.WriteAllText(Path.Combine(_dir, name + ".cfg"), config);
        return spec;
    }

    private static LoadedModel Loaded(string spec)
    {
        var loaded = ModelLoader.Load(spec);
        Assert.True(loaded.Model is not null, string.Join("\n", loaded.Diagnostics));
        return loaded.Model!;
    }

    [Fact]
    public void Cancelling_the_load_stops_an_assumption_that_never_ends()
    {
        var spec = Write("EndlessAssume", "ASSUME Fib(90) > 0\nVARIABLE x\nInit == x = 0\nNext == x' = x");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        Assert.ThrowsAny<OperationCanceledException>(() => ModelLoader.Load(spec, cancellationToken: cancel.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"stopped only after {clock.Elapsed}");
    }

    [Fact]
    public void The_time_limit_stops_initial_states_whose_guard_never_ends()
    {
        // The guard holds, but only after 10^15 bindings.
        var spec = Write("EndlessInit", "VARIABLE x\nInit == x \\in 0..3 /\\ \\A a, b, c \\in 1..100000 : a + b + c > 0\nNext == x' = x");

        var result = ModelChecker.Run(Loaded(spec).CreateStateSpace(), new CheckOptions { MaxTime = TimeSpan.FromMilliseconds(300) });

        Assert.Equal(Verdict.LimitReached, result.Verdict);
        Assert.Contains("--max-time", result.Message, StringComparison.Ordinal);
        Assert.Equal(0, result.Statistics.Distinct);
    }

    [Fact]
    public void Cancelling_stops_a_constant_definition_computed_in_a_step()
    {
        // Big is constant-level: computed once, when the first successor needs it.
        var spec = Write("EndlessConstant", "Big == Fib(90)\nVARIABLE x\nInit == x = 0\nNext == x' = Big");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var result = ModelChecker.Run(Loaded(spec).CreateStateSpace(), new CheckOptions(), cancel.Token);

        Assert.Equal(Verdict.Cancelled, result.Verdict);
        Assert.Equal(1, result.Statistics.Distinct);
    }

    [Fact]
    public void Cancelling_stops_an_action_property_that_never_ends()
    {
        // The search ends at once (one state); the property's action is where the time goes.
        var spec = Write("EndlessProperty", "VARIABLE x\nInit == x = 0\nNext == x' = 1 - x\nSlow == [][Fib(90) > 0]_x",
            "INIT Init\nNEXT Next\nPROPERTY Slow\n");
        var model = Loaded(spec);
        Assert.Empty(model.UncheckedProperties);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var result = ModelChecker.Run(model.CreateStateSpace(), new CheckOptions { Temporal = model.Temporal }, cancel.Token);

        Assert.Equal(Verdict.Cancelled, result.Verdict);
    }

    [Fact]
    public void The_time_limit_stops_a_simulation_whose_initial_states_never_end()
    {
        var spec = Write("EndlessSimulation", "VARIABLE x\nInit == x \\in 0..3 /\\ \\A a, b, c \\in 1..100000 : a + b + c > 0\nNext == x' = x");

        var result = Simulator.Run(Loaded(spec).CreateStateSpace(), new SimulationOptions { Behaviours = 10, MaxTime = TimeSpan.FromMilliseconds(300) });

        Assert.Equal(Verdict.LimitReached, result.Verdict);
        Assert.Equal(0, result.Statistics.Behaviours);
    }
}
