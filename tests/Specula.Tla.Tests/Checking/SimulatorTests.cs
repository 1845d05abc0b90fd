using Specula.Tla.Checking;
using Specula.Tla.Checking.Simulation;
using Specula.Tla.Evaluation;

namespace Specula.Tla.Tests.Checking;

/// <summary>
/// Simulation (TLC's <c>-simulate</c>) on real specs: what it finds depends on how deep it goes, the seed decides
/// every choice, and deadlocks, constraints, step properties and evaluation errors are handled as in exhaustive checking.
/// </summary>
public sealed class SimulatorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("specula-simulate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>x counts IncX steps; Flip toggles y. x = 12 is reached after exactly 12 IncX steps, no sooner.</summary>
    private const string Climb = """
        ---- MODULE Climb ----
        EXTENDS Naturals, TLC
        VARIABLES x, y
        Init == x = 0 /\ y \in {0, 1}
        IncX == x' = x + 1 /\ UNCHANGED y
        Flip == y' = 1 - y /\ UNCHANGED x
        Next == IncX \/ Flip
        Low == x < 12
        ====
        """;

    /// <summary>Ten choices a step: two seeds agreeing on seven steps would be a one-in-ten-million coincidence.</summary>
    private const string Walk = """
        ---- MODULE Walk ----
        EXTENDS Naturals, TLC
        VARIABLE x
        Init == x = 0
        Next == x' \in 0..9
        Short == TLCGet("level") < 8
        ====
        """;

    private (LoadedModel Model, IStateSpace Space) Load(string module, string config)
    {
        var name = module.Split("MODULE ")[1].Split(' ')[0];
        var spec = Path.Combine(_dir, name + ".tla");
        File.WriteAllText(spec, module);
        File.WriteAllText(Path.Combine(_dir, name + ".cfg"), config);
        var loaded = ModelLoader.Load(spec);
        Assert.Empty(loaded.Diagnostics.Where(d => d.Severity == Diagnostics.DiagnosticSeverity.Error));
        return (loaded.Model!, loaded.Model!.CreateStateSpace());
    }

    private SimulationResult Simulate(string module, string config, SimulationOptions options)
    {
        var (model, space) = Load(module, config);
        return Simulator.Run(space, options with { Temporal = model.Temporal, CheckDeadlock = options.CheckDeadlock && model.Config.CheckDeadlock });
    }

    private static long X(TraceStep step) => step.State[0].AsInt64;

    [Fact]
    public void A_violation_deep_in_the_state_space_is_found_with_enough_depth_and_not_with_too_little()
    {
        const string config = "INIT Init\nNEXT Next\nINVARIANT Low\n";
        var deep = Simulate(Climb, config, new SimulationOptions { Depth = 60, Behaviours = 200, Seed = 5 });
        Assert.Equal(Verdict.InvariantViolated, deep.Verdict);
        Assert.Equal("Low", deep.ViolatedInvariant);
        Assert.Equal(12, X(deep.Trace[^1]));
        // Each step of the behaviour printed is one IncX or one Flip from the state before it.
        for (var i = 1; i < deep.Trace.Length; i++)
        {
            var (before, after) = (deep.Trace[i - 1].State, deep.Trace[i].State);
            var name = deep.Trace[i].Action!.Name;
            Assert.Equal(name == "IncX" ? before[0].AsInt64 + 1 : before[0].AsInt64, after[0].AsInt64);
            Assert.Equal(name == "Flip" ? 1 - before[1].AsInt64 : before[1].AsInt64, after[1].AsInt64);
        }
        Assert.True(deep.Behaviour >= 1);
        Assert.Equal(deep.Behaviour, deep.Statistics.Behaviours);

        var shallow = Simulate(Climb, config, new SimulationOptions { Depth = 11, Behaviours = 200, Seed = 5 });
        Assert.Equal(Verdict.Success, shallow.Verdict);
        Assert.Equal(200, shallow.Statistics.Behaviours);
        // Nothing deadlocks, so every behaviour takes all its steps: one successor per step, two initial states.
        Assert.Equal(11, shallow.Statistics.MaxLength);
        Assert.Equal(11, shallow.Statistics.MeanLength);
        Assert.Equal(2 + (200 * 11), shallow.Statistics.Generated);
    }

    [Fact]
    public void The_same_seed_gives_the_same_run_whatever_the_number_of_workers()
    {
        const string config = "INIT Init\nNEXT Next\nINVARIANT Low\n";
        SimulationResult Run(int workers) => Simulate(Climb, config, new SimulationOptions { Depth = 40, Behaviours = 300, Seed = 11, Workers = workers });
        var first = Run(1);
        var again = Run(1);
        var parallel = Run(2);
        foreach (var other in new[] { again, parallel })
        {
            Assert.Equal(first.Verdict, other.Verdict);
            Assert.Equal(first.Behaviour, other.Behaviour);
            Assert.Equal(first.Statistics with { Elapsed = default }, other.Statistics with { Elapsed = default });
            Assert.Equal(first.Trace.Select(s => s.State), other.Trace.Select(s => s.State));
            Assert.Equal(first.Trace.Select(s => s.Action), other.Trace.Select(s => s.Action));
        }
    }

    [Fact]
    public void Different_seeds_give_different_behaviours()
    {
        const string config = "INIT Init\nNEXT Next\nINVARIANT Short\n";
        var traces = new[] { 1L, 2L, 3L }
            .Select(seed => Simulate(Walk, config, new SimulationOptions { Depth = 20, Behaviours = 1, Seed = seed }))
            .Select(result =>
            {
                // TLCGet("level") is the level of the state checked: the first state at level 8 fails.
                Assert.Equal(Verdict.InvariantViolated, result.Verdict);
                return string.Join(",", result.Trace.Select(X));
            })
            .ToList();
        Assert.Equal(3, traces.Distinct().Count());
    }

    [Fact]
    public void A_deadlock_is_found_unless_deadlock_checking_is_off()
    {
        const string module = """
            ---- MODULE Stops ----
            EXTENDS Naturals
            VARIABLE x
            Init == x = 0
            Next == \/ x < 3 /\ x' = x + 1
                    \/ x = 1 /\ x' = 0
            ====
            """;
        var deadlock = Simulate(module, "INIT Init\nNEXT Next\n", new SimulationOptions { Depth = 100, Behaviours = 10, Seed = 3 });
        Assert.Equal(Verdict.Deadlock, deadlock.Verdict);
        Assert.Equal(3, X(deadlock.Trace[^1]));
        Assert.Equal(0, X(deadlock.Trace[0]));

        var off = Simulate(module, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n", new SimulationOptions { Depth = 100, Behaviours = 10, Seed = 3 });
        Assert.Equal(Verdict.Success, off.Verdict);
        Assert.Equal(10, off.Statistics.Behaviours);
    }

    [Fact]
    public void States_outside_the_constraints_are_checked_but_never_taken()
    {
        const string module = """
            ---- MODULE Bounded ----
            EXTENDS Naturals
            VARIABLE x
            Init == x = 0
            Next == x' = x + 1
            Small == x < 5
            NotBeyond == x <= 5
            ====
            """;
        var result = Simulate(module, "INIT Init\nNEXT Next\nCONSTRAINT Small\nINVARIANT NotBeyond\n",
            new SimulationOptions { Depth = 50, Behaviours = 4, Seed = 1 });
        // x = 5 is generated and checked from x = 4, never expanded: the behaviour ends there, and it is not a deadlock.
        Assert.Equal(Verdict.Success, result.Verdict);
        Assert.Equal(4, result.Statistics.MaxLength);
        Assert.Equal(1 + (4 * 5), result.Statistics.Generated);

        var checkedOutside = Simulate(module, "INIT Init\nNEXT Next\nCONSTRAINT Small\nINVARIANT Small\n",
            new SimulationOptions { Depth = 50, Behaviours = 4, Seed = 1 });
        Assert.Equal(Verdict.InvariantViolated, checkedOutside.Verdict);
        Assert.Equal(5, X(checkedOutside.Trace[^1]));
    }

    [Fact]
    public void Action_constraints_drop_steps()
    {
        const string module = """
            ---- MODULE Jumps ----
            EXTENDS Naturals
            VARIABLE x
            Init == x = 0
            Next == x' \in {x + 1, x + 2}
            OneAtATime == x' = x + 1
            Reach == x <= 31
            ====
            """;
        // Taking only x + 1, the behaviour is at 29 before its last step, whose successors 30 and 31 are both checked.
        var constrained = Simulate(module, "INIT Init\nNEXT Next\nACTION_CONSTRAINT OneAtATime\nINVARIANT Reach\n",
            new SimulationOptions { Depth = 30, Behaviours = 5, Seed = 9 });
        Assert.Equal(Verdict.Success, constrained.Verdict);
        Assert.Equal(30, constrained.Statistics.MaxLength);
        Assert.Equal(1 + (5 * 30 * 2), constrained.Statistics.Generated);

        var free = Simulate(module, "INIT Init\nNEXT Next\nINVARIANT Reach\n", new SimulationOptions { Depth = 30, Behaviours = 5, Seed = 9 });
        Assert.Equal(Verdict.InvariantViolated, free.Verdict);
    }

    [Fact]
    public void An_action_property_is_checked_on_every_step()
    {
        const string module = """
            ---- MODULE Back ----
            EXTENDS Naturals
            VARIABLE x
            Init == x = 0
            Next == \/ x' = x + 1
                    \/ x > 4 /\ x' = x - 1
            Spec == Init /\ [][Next]_x
            Grows == [][x' > x]_x
            ====
            """;
        var result = Simulate(module, "SPECIFICATION Spec\nPROPERTY Grows\n", new SimulationOptions { Depth = 40, Behaviours = 20, Seed = 2 });
        Assert.Equal(Verdict.TemporalPropertyViolated, result.Verdict);
        Assert.False(result.IsSafety);
        Assert.Equal("Action property Grows is violated.", result.Message);
        Assert.Equal(X(result.Trace[^2]) - 1, X(result.Trace[^1]));
    }

    [Fact]
    public void A_state_predicate_property_is_checked_on_the_initial_state()
    {
        // PROPERTY Starts is a state predicate: it holds of a behaviour when it holds in its first state (TLC:
        // "Property Starts is violated by the initial state"), whatever the later states are.
        const string module = """
            ---- MODULE Starts ----
            EXTENDS Naturals
            VARIABLE x
            Init == x \in {0, 1}
            Next == x' = x + 2
            Spec == Init /\ [][Next]_x
            Starts == x = 0
            ====
            """;
        var result = Simulate(module, "SPECIFICATION Spec\nPROPERTY Starts\n", new SimulationOptions { Depth = 5, Behaviours = 20, Seed = 4 });
        Assert.Equal(Verdict.TemporalPropertyViolated, result.Verdict);
        Assert.Equal("Temporal property Starts was violated.", result.Message);
        Assert.Equal(1, X(Assert.Single(result.Trace)));
    }

    [Fact]
    public void An_evaluation_error_is_reported_with_the_behaviour_that_reached_it()
    {
        const string module = """
            ---- MODULE Breaks ----
            EXTENDS Naturals
            VARIABLE x
            Init == x = 0
            Next == IF x < 3 THEN x' = x + 1 ELSE x' = x + "a"
            ====
            """;
        var result = Simulate(module, "INIT Init\nNEXT Next\n", new SimulationOptions { Depth = 10, Behaviours = 1, Seed = 1 });
        Assert.Equal(Verdict.EvaluationError, result.Verdict);
        Assert.NotNull(result.Location);
        Assert.Equal([0L, 1L, 2L, 3L], result.Trace.Select(X));
    }

    [Fact]
    public void Out_of_range_options_are_all_reported()
    {
        var errors = new SimulationOptions { Depth = 0, Behaviours = -1 }.Validate();
        Assert.Equal(["--depth", "--num"], errors.Select(e => e.Option));
        var (_, space) = Load(Walk, "INIT Init\nNEXT Next\n");
        Assert.Throws<ArgumentException>(() => Simulator.Run(space, new SimulationOptions { Depth = 0 }));
    }

    /// <summary>A clock that moves one millisecond each time it is read, so a time limit is a number of readings.</summary>
    private sealed class TickingClock : TimeProvider
    {
        private long _now;

        public override long TimestampFrequency => 1000;

        public override long GetTimestamp() => Interlocked.Increment(ref _now);
    }

    [Fact]
    public void A_time_limit_ends_an_unbounded_simulation()
    {
        var (_, space) = Load(Walk, "INIT Init\nNEXT Next\n");
        var options = new SimulationOptions { Depth = 5, Seed = 4, MaxTime = TimeSpan.FromSeconds(1) };
        var result = Simulator.Run(space, options with { Clock = new TickingClock() });
        Assert.Equal(Verdict.Success, result.Verdict);
        Assert.InRange(result.Statistics.Behaviours, 1, 1000);
        Assert.Equal(5, result.Statistics.MaxLength);

        // With a number of behaviours asked for, running out of time is a limit reached.
        var limited = Simulator.Run(space, options with { Clock = new TickingClock(), Behaviours = 1_000_000 });
        Assert.Equal(Verdict.LimitReached, limited.Verdict);
        Assert.Equal(result.Statistics.Behaviours, limited.Statistics.Behaviours);
    }

    [Fact]
    public void TLCGet_answers_as_in_tlcs_simulation_mode()
    {
        // Fails in the third behaviour at its second state, if TLCGet reads what TLC's simulator gives it.
        const string module = """
            ---- MODULE Probe ----
            EXTENDS Naturals, TLC
            VARIABLE x
            Init == x = 0
            Next == x' = x + 1
            Config == TLCGet("config").mode = "simulate" /\ TLCGet("config").depth = 9 /\ TLCGet("config").seed = "21"
            Where == TLCGet("diameter") = 3 => TLCGet("level") < 2
            Stats == TLCGet("stats").behavior.id = TLCGet("diameter")
            ====
            """;
        var result = Simulate(module, "INIT Init\nNEXT Next\nINVARIANTS Config Stats Where\n", new SimulationOptions { Depth = 9, Behaviours = 5, Seed = 21 });
        Assert.Equal(Verdict.InvariantViolated, result.Verdict);
        Assert.Equal("Where", result.ViolatedInvariant);
        Assert.Equal(3, result.Behaviour);
        Assert.Equal([0L, 1L], result.Trace.Select(X));
        // The initial state once, nine successors in each of the first two behaviours, one in the third.
        Assert.Equal(1 + 9 + 9 + 1, result.Statistics.Generated);
    }

    [Fact]
    public void Progress_is_reported_with_the_counts_so_far()
    {
        var (_, space) = Load(Walk, "INIT Init\nNEXT Next\n");
        var reports = new List<SimulationStatistics>();
        var result = Simulator.Run(space, new SimulationOptions
        {
            Depth = 3, Behaviours = 50, Seed = 8, Clock = new TickingClock(), ProgressInterval = TimeSpan.FromMilliseconds(20), Progress = reports.Add,
        });
        Assert.NotEmpty(reports);
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.First.Behaviours < p.Second.Behaviours));
        Assert.True(reports[^1].Behaviours <= result.Statistics.Behaviours);
        // Each of the three steps of a behaviour computes all ten successors of the one action.
        Assert.All(reports, r => Assert.Equal(1 + (r.Behaviours * 3 * 10), r.Generated));
    }
}
