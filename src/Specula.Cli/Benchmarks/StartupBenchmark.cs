using System.Collections.Immutable;
using System.Globalization;

namespace Specula.Cli.Benchmarks;

/// <summary>Whole runs of one checker on one model, repeated.</summary>
/// <param name="Checker">Who ran: <c>specula</c> or <c>TLC</c>.</param>
/// <param name="Runs">Each run as measured.</param>
internal sealed record RepeatedRuns(string Checker, ImmutableArray<ProcessMeasurement> Runs)
{
    /// <summary>The median wall time: start-up is what is measured, not the machine's load at one moment.</summary>
    public double MedianWall => Median(Runs.Select(r => r.WallSeconds));

    /// <summary>The fastest run's wall time.</summary>
    public double MinWall => Runs.Min(r => r.WallSeconds);

    /// <summary>The median CPU time (user and system, all threads), steadier than wall time on a busy machine.</summary>
    public double? MedianCpu => Runs.All(r => r.CpuSeconds is not null) ? Median(Runs.Select(r => r.CpuSeconds!.Value)) : null;

    /// <summary>The exit codes that were not 0, to tell a failed run from a fast one.</summary>
    public IEnumerable<int> Failures => Runs.Select(r => r.ExitCode).Where(c => c != 0).Distinct();

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

/// <summary>
/// The start-up row of the benchmarks: the wall and CPU time of a whole <c>check</c> of a tiny spec, one process per
/// run, for Specula and (when given) TLC, runs interleaved so both see the same load; beside it Specula's runtime floor
/// (<c>specula --version</c>, which starts the runtime and parses no TLA+).
/// </summary>
internal static class StartupBenchmark
{
    /// <summary>The issue's target for a whole run on a tiny spec.</summary>
    public const double TargetSeconds = 0.3;

    /// <summary>What one start-up measurement found.</summary>
    /// <param name="Floor">Specula's <c>--version</c> runs.</param>
    /// <param name="Ours">Specula's runs of the tiny spec.</param>
    /// <param name="Theirs">TLC's runs of it, when TLC ran.</param>
    public sealed record Result(RepeatedRuns Floor, RepeatedRuns Ours, RepeatedRuns? Theirs);

    public static Result Run(string folder, TlcLauncher? tlc, int runs, CancellationToken cancellationToken)
    {
        var tiny = CheckBenchmarkModels.Tiny;
        var spec = tiny.WriteTo(Directory.CreateDirectory(Path.Combine(folder, "tiny")).FullName);
        var config = Path.ChangeExtension(spec, ".cfg");
        var limit = TimeSpan.FromMinutes(2);
        var floor = ImmutableArray.CreateBuilder<ProcessMeasurement>(runs);
        var ours = ImmutableArray.CreateBuilder<ProcessMeasurement>(runs);
        var theirs = ImmutableArray.CreateBuilder<ProcessMeasurement>(runs);
        for (var i = 0; i < runs; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            floor.Add(SpeculaLauncher.Version(limit, cancellationToken));
            ours.Add(SpeculaLauncher.Check(spec, config, 1, limit, cancellationToken));
            if (tlc is not null)
            {
                theirs.Add(tlc.Check(spec, config, 1, limit, cancellationToken));
            }
        }
        return new Result(new RepeatedRuns("specula --version", floor.MoveToImmutable()), new RepeatedRuns("specula", ours.MoveToImmutable()),
            tlc is null ? null : new RepeatedRuns("TLC", theirs.MoveToImmutable()));
    }

    public static void Print(TextWriter stdout, Result result)
    {
        var ours = result.Ours;
        var build = SpeculaLauncher.DescribeBuild();
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Start-up: whole `check` runs of a tiny spec ({CheckBenchmarkModels.Tiny.Description}), one process each, median of {ours.Runs.Length}; specula is {build}."));
        foreach (var runs in (RepeatedRuns?[])[ours, result.Theirs, result.Floor])
        {
            if (runs is null)
            {
                continue;
            }
            var cpu = runs.MedianCpu is { } c ? c.ToString("F2", CultureInfo.InvariantCulture) + " s" : "-";
            var failed = runs.Failures.ToList() is { Count: > 0 } codes ? $"  (exit {string.Join(", ", codes)}: not a valid measurement)" : string.Empty;
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {runs.Checker,-18} wall {runs.MedianWall,5:F2} s (fastest {runs.MinWall:F2} s), CPU {cpu}{failed}"));
        }
        var verdict = string.Create(CultureInfo.InvariantCulture,
            $"target <= {TargetSeconds:F1} s wall: {(ours.MedianWall <= TargetSeconds ? "met" : "not met")}");
        if (result.Theirs is { } theirs)
        {
            var cpuRatio = ours.MedianCpu is > 0 and var a && theirs.MedianCpu is { } b ? string.Create(CultureInfo.InvariantCulture, $", CPU {b / a:F1}x") : string.Empty;
            verdict = string.Create(CultureInfo.InvariantCulture, $"TLC/specula: wall {theirs.MedianWall / ours.MedianWall:F1}x{cpuRatio}; ") + verdict;
        }
        stdout.WriteLine($"  {verdict} (a busy machine slows wall time; load average {LoadAverage.Current()}).");
    }
}
