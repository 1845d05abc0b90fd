using System.Collections.Immutable;
using Specula.Tla.Diagnostics;

namespace Specula.Tla.Checking;

/// <summary>How a model-checking run ended.</summary>
public enum Verdict
{
    /// <summary>Every reachable state was explored and no check failed.</summary>
    Success,

    /// <summary>A state violates an invariant.</summary>
    InvariantViolated,

    /// <summary>A reachable state has no successor and deadlock checking is on.</summary>
    Deadlock,

    /// <summary>Evaluating the spec failed (a type error, CHOOSE without witness, an incompletely specified successor, ...).</summary>
    EvaluationError,

    /// <summary>A limit (states, time, memory) stopped the run before it finished.</summary>
    LimitReached,

    /// <summary>The run was cancelled.</summary>
    Cancelled,

    /// <summary>A behaviour violates a temporal property (PROPERTY): liveness or <c>[][A]_v</c> (TLC's exit code 13).</summary>
    TemporalPropertyViolated,

    /// <summary>Every state was explored, but a POSTCONDITION is false or could not be evaluated (TLC's exit code 10).</summary>
    PostConditionViolated,
}

/// <summary>One state of a counterexample and the action that led to it (null for an initial state).</summary>
/// <param name="State">The state.</param>
/// <param name="Action">The action taken from the previous state; null for the initial state.</param>
public sealed record TraceStep(State State, ActionInfo? Action);

/// <summary>Counts of a run, as TLC reports them.</summary>
/// <param name="Generated">States generated, duplicates included.</param>
/// <param name="Distinct">Distinct states found (those satisfying the constraints).</param>
/// <param name="LeftOnQueue">States found but not yet explored when the run stopped.</param>
/// <param name="Depth">Length of the longest shortest path from an initial state, in states.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record CheckStatistics(long Generated, long Distinct, long LeftOnQueue, int Depth, TimeSpan Elapsed);

/// <summary>Per-action coverage: how often an action produced successors, and how many of them were new.</summary>
/// <param name="Action">The action.</param>
/// <param name="Generated">Successors it generated.</param>
/// <param name="Distinct">Successors that were new states.</param>
public sealed record ActionCoverage(ActionInfo Action, long Generated, long Distinct);

/// <summary>The outcome of a model-checking run.</summary>
/// <param name="Verdict">How it ended.</param>
/// <param name="Statistics">The counts.</param>
/// <param name="Trace">The shortest behaviour to the violation, deadlock or error, when there is one.</param>
/// <param name="Message">What went wrong, in TLC's words; null on success.</param>
/// <param name="Location">Where the failing expression is, when known.</param>
/// <param name="ViolatedInvariant">The name of the violated invariant, for <see cref="Verdict.InvariantViolated"/>.</param>
/// <param name="Coverage">Per-action coverage.</param>
public sealed record CheckResult(
    Verdict Verdict,
    CheckStatistics Statistics,
    ImmutableArray<TraceStep> Trace,
    string? Message,
    SourceLocation? Location,
    string? ViolatedInvariant,
    ImmutableArray<ActionCoverage> Coverage)
{
    /// <summary>For a behaviour that loops (a liveness counterexample), the 1-based number of the state the last state
    /// goes back to; the last state stutters forever when it equals the trace's length.</summary>
    public int? BackToState { get; init; }

    /// <summary>For a behaviour that loops back to an earlier state (not a stuttering one), the action of that last step,
    /// which TLC prints after "Back to state N:".</summary>
    public ActionInfo? BackToStateAction { get; init; }

    /// <summary>For <see cref="Verdict.TemporalPropertyViolated"/>: the property is refuted by a finite behaviour
    /// (<c>[](P =&gt; []Q)</c>), which TLC reports as a safety violation (exit code 12).</summary>
    public bool IsSafety { get; init; }
}

/// <summary>Limits and settings of a run.</summary>
public sealed record CheckOptions
{
    /// <summary>
    /// Threads generating successors. Counts, verdicts and counterexample lengths do not depend on it; which of several
    /// shortest counterexamples is shown may, as with TLC's workers.
    /// </summary>
    public int Workers { get; init; } = 1;

    /// <summary>Report states without successors as deadlocks (TLC's CHECK_DEADLOCK, on by default).</summary>
    public bool CheckDeadlock { get; init; } = true;

    /// <summary>Stop after this many distinct states.</summary>
    public long? MaxStates { get; init; }

    /// <summary>Stop after this much wall time.</summary>
    public TimeSpan? MaxTime { get; init; }

    /// <summary>Stop when the managed heap exceeds this many bytes.</summary>
    public long? MaxMemoryBytes { get; init; }

    /// <summary>How often <see cref="Progress"/> is called.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Called with the statistics so far, every <see cref="ProgressInterval"/>.</summary>
    public Action<CheckStatistics>? Progress { get; init; }

    /// <summary>
    /// Constant formulas evaluated once the state space has been explored without error, TLCGet reading the final
    /// statistics (TLC's POSTCONDITION).
    /// </summary>
    public ImmutableArray<Evaluation.NamedFormula> PostConditions { get; init; } = [];

    /// <summary>Temporal properties checked on the state graph once it is explored (the graph is stored only then).</summary>
    public Evaluation.TemporalChecks? Temporal { get; init; }

    /// <summary>Measures elapsed time; the system clock unless a test gives another.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
