using System.Collections.Immutable;
using Specula.Tla.Checking;
using Specula.Tla.Evaluation;
using Specula.Tla.Values;

namespace Specula.Tla.Tests.Checking;

public sealed class ModelCheckerTests
{
    /// <summary>
    /// Two counters x, y in 0..n-1; IncX and IncY each add one while below n-1. The state graph is the n×n grid:
    /// n² distinct states, depth 2n-1, and (n-1, n-1) is the only deadlock.
    /// </summary>
    private sealed class Grid(int n, Func<long, long, bool>? invariant = null, Func<long, long, bool>? constraint = null, int errorAt = -1) : IStateSpace
    {
        public ImmutableArray<string> Variables => ["x", "y"];

        public ImmutableArray<ActionInfo> Actions => [new("IncX", null, "Grid"), new("IncY", null, "Grid")];

        public ImmutableArray<string> Invariants => invariant is null ? [] : ["Inv"];

        public void InitialStates(IStateSink sink) => sink.Add(S(0, 0), -1);

        public void Successors(State state, IStateSink sink)
        {
            var (x, y) = (state[0].AsInt64, state[1].AsInt64);
            if (x + y == errorAt)
            {
                throw new EvaluationException("boom");
            }
            if (x < n - 1)
            {
                sink.Add(S(x + 1, y), 0);
            }
            if (y < n - 1)
            {
                sink.Add(S(x, y + 1), 1);
            }
        }

        public ulong Fingerprint(State state) => state.Fingerprint;

        public bool SatisfiesConstraints(State state) => constraint is null || constraint(state[0].AsInt64, state[1].AsInt64);

        public bool SatisfiesActionConstraints(State from, State to) => true;

        public int ViolatedInvariant(State state) => invariant is null || invariant(state[0].AsInt64, state[1].AsInt64) ? -1 : 0;

        private static State S(long x, long y) => new([Value.Int(x), Value.Int(y)]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Counts_states_like_tlc(int workers)
    {
        var result = ModelChecker.Run(new Grid(200), new CheckOptions { CheckDeadlock = false, Workers = workers });
        Assert.Equal(Verdict.Success, result.Verdict);
        Assert.Equal(200 * 200, result.Statistics.Distinct);
        // Every state but the initial one is generated once from each neighbour it has on the left and below.
        Assert.Equal(1 + (2 * 200 * 199), result.Statistics.Generated);
        Assert.Equal(2 * 200 - 1, result.Statistics.Depth);
        Assert.Equal(0, result.Statistics.LeftOnQueue);
        Assert.Equal(199 * 200, result.Coverage[0].Generated);
    }

    [Fact]
    public void Finds_the_deadlock()
    {
        var result = ModelChecker.Run(new Grid(3), new CheckOptions());
        Assert.Equal(Verdict.Deadlock, result.Verdict);
        Assert.Equal(5, result.Trace.Length);
        Assert.Equal(2, result.Trace[^1].State[0].AsInt64);
        Assert.Equal(2, result.Trace[^1].State[1].AsInt64);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Invariant_violations_come_with_a_shortest_trace_for_any_number_of_workers(int workers)
    {
        var result = ModelChecker.Run(new Grid(100, invariant: (x, y) => x + y < 50), new CheckOptions { Workers = workers });
        Assert.Equal(Verdict.InvariantViolated, result.Verdict);
        Assert.Equal("Inv", result.ViolatedInvariant);
        Assert.Equal(51, result.Trace.Length);
        Assert.Null(result.Trace[0].Action);
        // Every step of the trace is one of the grid's steps, and the last state is the first to break the invariant.
        for (var i = 1; i < result.Trace.Length; i++)
        {
            var (before, after) = (result.Trace[i - 1].State, result.Trace[i].State);
            var movedX = result.Trace[i].Action!.Name == "IncX";
            Assert.Equal(before[0].AsInt64 + (movedX ? 1 : 0), after[0].AsInt64);
            Assert.Equal(before[1].AsInt64 + (movedX ? 0 : 1), after[1].AsInt64);
        }
        Assert.Equal(50, result.Trace[^1].State[0].AsInt64 + result.Trace[^1].State[1].AsInt64);
        if (workers == 1)
        {
            // A single BFS worker finds (50, 0) first: IncX is tried before IncY from every state. Several workers,
            // as TLC's, may show another violating state of the same depth.
            Assert.Equal(50, result.Trace[^1].State[0].AsInt64);
            Assert.All(result.Trace.Skip(1), step => Assert.Equal("IncX", step.Action!.Name));
        }
    }

    [Fact]
    public void States_outside_the_constraint_are_checked_but_not_explored()
    {
        var result = ModelChecker.Run(new Grid(100, constraint: (x, y) => x <= 3 && y <= 3), new CheckOptions { CheckDeadlock = false });
        Assert.Equal(Verdict.Success, result.Verdict);
        Assert.Equal(16, result.Statistics.Distinct);
        var violated = ModelChecker.Run(new Grid(100, invariant: (x, _) => x < 4, constraint: (x, y) => x <= 3 && y <= 3), new CheckOptions { CheckDeadlock = false });
        Assert.Equal(Verdict.InvariantViolated, violated.Verdict);
        Assert.Equal(5, violated.Trace.Length);
    }

    [Fact]
    public void Evaluation_errors_are_results_with_the_state_they_happened_in()
    {
        var result = ModelChecker.Run(new Grid(10, errorAt: 3), new CheckOptions());
        Assert.Equal(Verdict.EvaluationError, result.Verdict);
        Assert.Equal("boom", result.Message);
        Assert.Equal(4, result.Trace.Length);
    }

    [Fact]
    public void Stops_cleanly_at_the_state_limit_with_partial_statistics()
    {
        var result = ModelChecker.Run(new Grid(1000), new CheckOptions { MaxStates = 5000, CheckDeadlock = false });
        Assert.Equal(Verdict.LimitReached, result.Verdict);
        Assert.InRange(result.Statistics.Distinct, 5000, 6000);
        Assert.True(result.Statistics.LeftOnQueue > 0);
    }

    [Fact]
    public void Cancellation_ends_the_run_with_a_result()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var result = ModelChecker.Run(new Grid(1000), new CheckOptions { CheckDeadlock = false }, cancel.Token);
        Assert.Equal(Verdict.Cancelled, result.Verdict);
    }
}
