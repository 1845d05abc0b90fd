using System.Collections.Immutable;

namespace Specula.Tla.Checking.Simulation;

/// <summary>A simulation setting that is out of range: which option, and why.</summary>
/// <param name="Option">The option, as the command line names it (<c>--depth</c>).</param>
/// <param name="Message">What is wrong with it.</param>
public sealed record SimulationOptionError(string Option, string Message);

/// <summary>How to simulate: how long and how many behaviours, the seed of their random choices, the checks.</summary>
public sealed record SimulationOptions
{
    /// <summary>TLC's default length of a behaviour, in steps.</summary>
    public const int DefaultDepth = 100;

    /// <summary>The most steps a behaviour takes (TLC's <c>-depth</c>); it has at most one state more.</summary>
    public int Depth { get; init; } = DefaultDepth;

    /// <summary>How many behaviours to generate (TLC's <c>-simulate num=N</c>); null: until <see cref="MaxTime"/> or cancellation.</summary>
    public long? Behaviours { get; init; }

    /// <summary>The seed of every random choice: the same seed gives the same behaviours, whatever <see cref="Workers"/> is.</summary>
    public long Seed { get; init; }

    /// <summary>Threads generating behaviours. Results do not depend on it.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>Report states without any successor as deadlocks (TLC's CHECK_DEADLOCK, on by default).</summary>
    public bool CheckDeadlock { get; init; } = true;

    /// <summary>Stop after this much wall time.</summary>
    public TimeSpan? MaxTime { get; init; }

    /// <summary>How often <see cref="Progress"/> is called.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Called with the statistics so far, every <see cref="ProgressInterval"/>.</summary>
    public Action<SimulationStatistics>? Progress { get; init; }

    /// <summary>Temporal properties: the step and state properties among them (<c>[][A]_v</c>, <c>[]P</c>,
    /// <c>[](P =&gt; []Q)</c>) are checked on every behaviour; liveness is not (see <see cref="Simulator.UncheckedProperties"/>).</summary>
    public Evaluation.TemporalChecks? Temporal { get; init; }

    /// <summary>Measures elapsed time; the system clock unless a test gives another.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Every setting out of range, all at once; empty when the options can be run.</summary>
    public ImmutableArray<SimulationOptionError> Validate()
    {
        var errors = ImmutableArray.CreateBuilder<SimulationOptionError>();
        if (Depth < 1)
        {
            errors.Add(new SimulationOptionError("--depth", $"--depth must be at least 1 (a behaviour of at least one step), not {Depth}."));
        }
        if (Behaviours is < 1)
        {
            errors.Add(new SimulationOptionError("--num", $"--num must be at least 1 behaviour, not {Behaviours}."));
        }
        if (Workers < 1)
        {
            errors.Add(new SimulationOptionError("--workers", $"--workers must be at least 1, not {Workers}."));
        }
        if (MaxTime is { } time && time <= TimeSpan.Zero)
        {
            errors.Add(new SimulationOptionError("--max-time", "--max-time must be positive."));
        }
        return errors.ToImmutable();
    }
}
