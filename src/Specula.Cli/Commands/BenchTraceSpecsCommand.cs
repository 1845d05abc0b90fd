using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Specula.Cli.Benchmarks;
using Specula.Cli.Tlc;

namespace Specula.Cli.Commands;

/// <summary>
/// <c>specula bench tracespecs</c>: end-to-end time of TLC-style trace validation (<c>JSON=log.ndjson check
/// TraceKV.tla</c>) on a generated corpus of logs of 50 to 1,000 events, natively and, when <c>TLA2TOOLS_JAR</c>
/// names a jar, on real TLC (one JVM per log, as TLC users run it), with whether the verdicts agree.
/// </summary>
internal static class BenchTraceSpecsCommand
{
    /// <summary>How much less total wall time than TLC the issue asks for.</summary>
    private const double Target = 10;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var traces = new Option<int>("--traces") { Description = "Logs in the corpus", DefaultValueFactory = _ => 12 };
        var minEvents = new Option<int>("--min-events") { Description = "Events of the shortest log", DefaultValueFactory = _ => 50 };
        var maxEvents = new Option<int>("--max-events") { Description = "Events of the longest log", DefaultValueFactory = _ => 1000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the generated logs", DefaultValueFactory = _ => 1 };
        var keep = new Option<string?>("--keep") { Description = "Write the corpus to this folder (to inspect it or time other tools on it)" };
        var noTlc = new Option<bool>("--no-tlc") { Description = "Do not run TLC even when TLA2TOOLS_JAR is set" };
        var command = new Command("tracespecs", "End-to-end TLC-style trace validation on a corpus of 50 to 1,000-event logs, beside TLC when TLA2TOOLS_JAR is set")
        {
            traces, minEvents, maxEvents, seed, keep, noTlc,
        };
        command.SetAction((result, cancellationToken) =>
        {
            var (count, min, max) = (result.GetValue(traces), result.GetValue(minEvents), result.GetValue(maxEvents));
            if (count < 1 || min < 1 || max < min)
            {
                stderr.WriteLine("error: --traces must be at least 1 and 1 <= --min-events <= --max-events.");
                return Task.FromResult(2);
            }
            return Task.FromResult(Run(count, min, max, result.GetValue(seed), result.GetValue(keep), result.GetValue(noTlc), stdout, stderr, cancellationToken));
        });
        return command;
    }

    /// <summary><c>specula check</c> as a child process, the log named by the inherited JSON variable, measured.</summary>
    private static ProcessMeasurement Spawn(string self, string spec, string config, CancellationToken cancellationToken) =>
        MeasuredProcess.Run(self, ["check", spec, "--config", config], Path.GetDirectoryName(spec)!, TimeSpan.FromMinutes(10), cancellationToken);

    private static string Cpu(double? seconds) => seconds is { } s ? s.ToString("0.00", CultureInfo.InvariantCulture) + " s" : "unknown";

    private static int Run(int count, int min, int max, int seed, string? keep, bool noTlc, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var folder = keep is null ? Directory.CreateTempSubdirectory("specula-bench-tracespecs-").FullName : Directory.CreateDirectory(keep).FullName;
        var previousJson = Environment.GetEnvironmentVariable("JSON");
        try
        {
            var corpus = TraceSpecCorpus.Write(folder, count, min, max, seed);
            var tlc = noTlc ? null : TlcInstallation.Locate(null, null, out _);
            var events = corpus.Sum(t => t.Events);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Corpus: {corpus.Count} logs of a versioned key-value store, {min} to {max} events ({events:N0} in all, {corpus.Count(t => t.Mutated)} with a wrong value), validated by {TraceSpecCorpus.SpecName}.tla"));
            stdout.WriteLine("(cursor l, TraceMatched over TLCGet(\"queue\"), the log from IOEnv.JSON). Times are wall times end to end: parse, load the log,");
            stdout.WriteLine(tlc is null
                ? "check; natively in this process. TLC: not run (set TLA2TOOLS_JAR, and TLA_COMMUNITY_MODULES_JAR, to run it beside)."
                : "check; natively in this process, TLC in one JVM per log as its users run it.");
            stdout.WriteLine();
            var self = Environment.ProcessPath is { } exe && Path.GetFileNameWithoutExtension(exe) == "specula" ? exe : null;
            if (self is not null)
            {
                stdout.WriteLine("\"process s\": the same check as its own `specula check` process per log (runtime start and JIT included, as TLC's JVM).");
            }
            stdout.WriteLine(tlc is null ? "log                      events  verdict    native s  process s" : "log                      events  verdict    native s  process s     TLC s   TLC/native  TLC/process  agree");
            var configPath = Path.Combine(folder, TraceSpecCorpus.SpecName + ".cfg");
            var options = new CheckCommand.Options(Path.Combine(folder, TraceSpecCorpus.SpecName + ".tla"), configPath, 1, null, null, null, false, true, []);
            double nativeTotal = 0, tlcTotal = 0, processTotal = 0;
            // CPU time (user and system) of the child processes: on a busy machine their wall time mostly measures the load.
            double? processCpu = 0, tlcCpu = 0;
            var agreed = 0;
            var wrongVerdicts = 0;
            // One untimed run first, so the native times do not include compiling the checker (TLC's include the JVM's).
            Environment.SetEnvironmentVariable("JSON", corpus[0].Path);
            CheckCommand.Run(options, TextWriter.Null, TextWriter.Null, cancellationToken);
            foreach (var trace in corpus)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Environment.SetEnvironmentVariable("JSON", trace.Path);
                var clock = Stopwatch.StartNew();
                var nativeExit = CheckCommand.Run(options, TextWriter.Null, TextWriter.Null, cancellationToken);
                var native = clock.Elapsed.TotalSeconds;
                nativeTotal += native;
                var expected = trace.Mutated ? CheckCommand.SafetyViolated : CheckCommand.Success;
                wrongVerdicts += nativeExit == expected ? 0 : 1;
                var verdict = nativeExit switch { 0 => "conforms", 12 => "diverges", _ => $"exit {nativeExit}" };
                var name = Path.GetFileName(trace.Path);
                var spawned = self is null ? null : Spawn(self, options.Spec, configPath, cancellationToken);
                var process = spawned?.WallSeconds ?? double.NaN;
                processTotal += process;
                processCpu += spawned?.CpuSeconds;
                if (tlc is null)
                {
                    stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-24} {trace.Events,6}  {verdict,-9} {native,9:0.000} {process,10:0.00}"));
                    continue;
                }
                var cpuBefore = MeasuredProcess.ChildrenCpuSeconds();
                var run = CheckCommand.RunTlc(options, TextWriter.Null, stderr, cancellationToken);
                tlcCpu += MeasuredProcess.ChildrenCpuSeconds() - cpuBefore;
                tlcTotal += run.Elapsed.TotalSeconds;
                var agree = run.ExitCode == nativeExit;
                agreed += agree ? 1 : 0;
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-24} {trace.Events,6}  {verdict,-9} {native,9:0.000} {process,10:0.00} {run.Elapsed.TotalSeconds,9:0.00} {run.Elapsed.TotalSeconds / native,10:0}x {run.Elapsed.TotalSeconds / process,11:0.0}x  {(agree ? "yes" : $"NO (TLC exit {run.ExitCode})")}"));
            }
            stdout.WriteLine();
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"native: {nativeTotal:0.00} s for {events:N0} events, {events / nativeTotal:N0} events/s end to end; {corpus.Count - wrongVerdicts}/{corpus.Count} verdicts as generated."));
            if (self is not null)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"process: {processTotal:0.00} s for {events:N0} events, {events / processTotal:N0} events/s, one `specula check` process per log; CPU {Cpu(processCpu)} (load average {LoadAverage.Current()})."));
            }
            if (tlc is not null)
            {
                var ratio = tlcTotal / nativeTotal;
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"TLC:    {tlcTotal:0.00} s for {events:N0} events, {events / tlcTotal:N0} events/s end to end, CPU {Cpu(tlcCpu)}; verdicts agree on {agreed}/{corpus.Count} logs."));
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"TLC's total wall time / native's = {ratio:0.0}x in one process (target >= {Target:0}x: {(ratio >= Target ? "met" : "not met")}){(self is null ? string.Empty : $", {tlcTotal / processTotal:0.0}x with one process per log")}{(self is not null && tlcCpu is { } t && processCpu is > 0 and var p ? $" (CPU time: {t / p:0.0}x)" : string.Empty)}."));
            }
            return 0;
        }
        finally
        {
            Environment.SetEnvironmentVariable("JSON", previousJson);
            if (keep is null)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
