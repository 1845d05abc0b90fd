using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Specula.Cli.Benchmarks;
using Specula.Tla.Evaluation;
using Specula.Traces.Mapping;
using Specula.Traces.Simulation;
using Specula.Traces.Validation;

namespace Specula.Cli.Commands;

/// <summary>
/// <c>specula bench validate</c>: trace-validation throughput on one core, on a long simulated trace of a 3-node
/// Raft, once with every variable observed and once with about half of them.
/// </summary>
internal static class BenchValidateCommand
{
    /// <summary>Events per second the issue asks for when every variable is observed.</summary>
    private const double Target = 50_000;

    /// <summary>Events of the untimed warm-up run.</summary>
    private const int WarmUpEvents = 20_000;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var events = new Option<int>("--events") { Description = "Length of the simulated trace", DefaultValueFactory = _ => 100_000 };
        var seed = new Option<long>("--seed") { Description = "Seed of the simulation", DefaultValueFactory = _ => 1 };
        var keep = new Option<string?>("--keep") { Description = "Write the spec, maps and trace to this folder (to inspect, or to time other tools on them)" };
        var reuse = new Option<string?>("--trace") { Description = "Validate this trace (the bench.ndjson of an earlier --keep) instead of simulating one" };
        var command = new Command("validate", "Trace-validation throughput on one core: a long simulated trace of a 3-node Raft, fully and half observed") { events, seed, keep, reuse };
        command.SetAction((result, cancellationToken) =>
        {
            var count = result.GetValue(events);
            if (count < 10)
            {
                stderr.WriteLine("error: --events must be at least 10.");
                return Task.FromResult(2);
            }
            if (result.GetValue(reuse) is { } given && !File.Exists(given))
            {
                stderr.WriteLine($"error: there is no file {given}.");
                return Task.FromResult(2);
            }
            Run(count, result.GetValue(seed), result.GetValue(keep), result.GetValue(reuse), stdout, cancellationToken);
            return Task.FromResult(0);
        });
        return command;
    }

    private static void Run(int events, long seed, string? keep, string? reuse, TextWriter stdout, CancellationToken cancellationToken)
    {
        var folder = keep is null ? Directory.CreateTempSubdirectory("specula-bench-validate-").FullName : Directory.CreateDirectory(keep).FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "BenchRaft.tla"), ValidationBenchmarkSpec.Module);
            File.WriteAllText(Path.Combine(folder, "BenchRaft.cfg"), ValidationBenchmarkSpec.Config);
            var fullMap = Path.Combine(folder, "Full.TraceMap.yaml");
            var halfMap = Path.Combine(folder, "Half.TraceMap.yaml");
            File.WriteAllText(fullMap, ValidationBenchmarkSpec.FullMap);
            File.WriteAllText(halfMap, ValidationBenchmarkSpec.HalfMap);

            var watch = Stopwatch.StartNew();
            var trace = reuse is null ? Simulate(fullMap, folder, events, seed) : (Path: Path.GetFullPath(reuse), Events: File.ReadLines(reuse).Count(l => l.Length > 0));
            var size = new FileInfo(trace.Path).Length / 1024.0 / 1024.0;
            stdout.WriteLine(reuse is null
                ? string.Create(CultureInfo.InvariantCulture, $"Simulated BenchRaft (3 nodes, 7 variables, seed {seed}): {trace.Events:N0} events, {size:F1} MiB, in {watch.Elapsed.TotalSeconds:F1} s.")
                : string.Create(CultureInfo.InvariantCulture, $"BenchRaft (3 nodes, 7 variables), the trace {trace.Path}: {trace.Events:N0} events, {size:F1} MiB."));
            // A warm-up on the trace's start, untimed, so that the figures are the steady state and not the JIT compiling the reader.
            var warmUp = Path.Combine(folder, "warm-up.ndjson");
            File.WriteAllLines(warmUp, File.ReadLines(trace.Path).Take(WarmUpEvents));
            // The spec and each map are loaded once, before timing: the figures are about the trace, not the loading.
            var sessions = new[] { ("all 7 variables", fullMap), ("3 of 7 variables", halfMap) }
                .Select(m => (Name: m.Item1, Session: TraceValidation.Prepare(new ValidationRequest(m.Item2, [])).Session
                    ?? throw new InvalidOperationException("The benchmark's own map does not bind to its spec.")))
                .ToArray();
            foreach (var (_, session) in sessions)
            {
                session.Run([warmUp], workers: 1, cancellationToken: cancellationToken);
            }
            WaitForJit(cancellationToken);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Validation on one worker thread (reading, mapping and checking each event, streamed; the spec and map loaded before), after an untimed warm-up on the first {WarmUpEvents:N0} events;"));
            stdout.WriteLine("events/s counts the trace's events over the validation's CPU time (the process's, so a busy machine does not distort it)");
            stdout.WriteLine("and over its wall time. Peak working set is the process's highest resident memory during that validation.");
            stdout.WriteLine();
            stdout.WriteLine("observed              events/CPU-s   vs target   events/wall-s   max candidates   peak working set   verdict");
            var resettable = true;
            var jitSeconds = 0.0;
            foreach (var (name, session) in sessions)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // Give back what the simulation held, so that the peak is the validation's.
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                resettable &= TryResetPeakMemory();
                using var process = Process.GetCurrentProcess();
                var cpuBefore = process.TotalProcessorTime;
                var jitBefore = JitInfo.GetCompilationTime();
                var clock = Stopwatch.StartNew();
                var report = session.Run([trace.Path], workers: 1, cancellationToken: cancellationToken);
                var seconds = clock.Elapsed.TotalSeconds;
                process.Refresh();
                var cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
                jitSeconds += (JitInfo.GetCompilationTime() - jitBefore).TotalSeconds;
                var verdict = report.Traces.SingleOrDefault() is { } v
                    ? v.Conforms ? "conforms" : "DIVERGES: " + v.Divergence!.Summary
                    : "ERROR: " + string.Join("; ", report.Diagnostics);
                var rate = trace.Events / cpuSeconds;
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-20} {rate,14:N0} {rate / Target,11:P0} {trace.Events / seconds,15:N0} {report.Traces.FirstOrDefault()?.MaxCandidates,16} {process.PeakWorkingSet64 / 1024.0 / 1024.0,14:F0} MiB{(resettable ? " " : "*")}  {verdict}"));
            }
            stdout.WriteLine();
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"The JIT compiled for {jitSeconds * 1000:F0} ms in all during the measured validations (counted in their CPU time)."));
            if (!resettable)
            {
                stdout.WriteLine("* This platform cannot reset a process's peak memory: the figure is the highest since the process started (simulation included).");
            }
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Target: {Target:N0} events per CPU-second with every variable observed (\"vs target\" is the ratio)."));
        }
        finally
        {
            if (keep is null)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>
    /// The JIT recompiles hot methods in the background, with what it learned about them, a while after they got hot:
    /// waits (idly, which costs no CPU time) until it has compiled nothing for half a second, at most ten seconds, so
    /// that it does not run inside the measurement.
    /// </summary>
    private static void WaitForJit(CancellationToken cancellationToken)
    {
        var quiet = TimeSpan.FromMilliseconds(500);
        var watch = Stopwatch.StartNew();
        var compiled = JitInfo.GetCompiledMethodCount();
        var since = watch.Elapsed;
        while (watch.Elapsed - since < quiet && watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            cancellationToken.ThrowIfCancellationRequested();
            Thread.Sleep(50);
            if (JitInfo.GetCompiledMethodCount() is var now && now != compiled)
            {
                compiled = now;
                since = watch.Elapsed;
            }
        }
    }

    /// <summary>
    /// Starts a new measure of the process's peak resident memory (<c>VmHWM</c>, which <see cref="Process.PeakWorkingSet64"/>
    /// reads on Linux), so that the figure is the validation's and not the simulation's; false where the platform cannot.
    /// </summary>
    private static bool TryResetPeakMemory()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        try
        {
            // 5 resets the peak resident set size (proc(5), /proc/pid/clear_refs).
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static (string Path, int Events) Simulate(string mapPath, string folder, int events, long seed)
    {
        var map = TraceMapReader.ReadFile(mapPath).Map ?? throw new InvalidOperationException("The benchmark's own map does not read.");
        var model = ModelLoader.Load(map.ResolvedSpecPath, map.ResolvedConfigPath).Model ?? throw new InvalidOperationException("The benchmark's own spec does not load.");
        var trace = new TraceSimulator(SpecStepper.Create(model), map).Simulate(new SimulationOptions(events, seed, SilentProbability: 0));
        var path = Path.Combine(folder, "bench.ndjson");
        File.WriteAllText(path, trace.Text);
        return (path, trace.Events);
    }
}
