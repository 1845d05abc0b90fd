using System.Collections.Immutable;
using Specula.Tla.Diagnostics;

namespace Specula.Tla.Checking.Simulation;

/// <summary>Counts of a simulation, as TLC reports them at its end.</summary>
/// <param name="Behaviours">Behaviours generated (TLC's traces), the one that failed included.</param>
/// <param name="Generated">States generated: the initial states once, then every successor computed on the way.</param>
/// <param name="MeanLength">Mean number of steps of the behaviours.</param>
/// <param name="MaxLength">Steps of the longest behaviour.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record SimulationStatistics(long Behaviours, long Generated, double MeanLength, int MaxLength, TimeSpan Elapsed);

/// <summary>The outcome of a simulation.</summary>
/// <param name="Verdict">How it ended; <see cref="Verdict.Success"/> says only that no behaviour generated failed.</param>
/// <param name="Statistics">The counts.</param>
/// <param name="Trace">The behaviour up to the violation, deadlock or error (finite stuttering removed, as TLC does).</param>
/// <param name="Message">What went wrong, in TLC's words; for a success, a remark or null.</param>
/// <param name="Location">Where the failing expression is, when known.</param>
/// <param name="ViolatedInvariant">The violated invariant, for <see cref="Verdict.InvariantViolated"/>.</param>
/// <param name="Seed">The seed that reproduces the run.</param>
/// <param name="Behaviour">The 1-based number of the behaviour that failed; null when none did or an initial state did.</param>
public sealed record SimulationResult(
    Verdict Verdict,
    SimulationStatistics Statistics,
    ImmutableArray<TraceStep> Trace,
    string? Message,
    SourceLocation? Location,
    string? ViolatedInvariant,
    long Seed,
    long? Behaviour)
{
    /// <summary>For <see cref="Verdict.TemporalPropertyViolated"/>: a safety property (<c>[](P =&gt; []Q)</c>) that TLC reports with exit code 12.</summary>
    public bool IsSafety { get; init; }
}
