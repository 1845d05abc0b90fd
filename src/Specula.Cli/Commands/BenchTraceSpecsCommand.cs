using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Specula.Cli.Benchmarks;
using Specula.Cli.Tlc;

namespace Specula.Cli.Commands;

/// <summary>
/// <c>specula bench tracespecs</c>: end-to-end time of TLC-style trace validation (<c>JSON=log.ndjson check
/// TraceKV.tla</c>) on a generated corpus of logs of 50 to 1,000 events: in this one process (batched), as one
/// <c>specula check</c> process per log and, when TLC is found (<c>TLA2TOOLS_JAR</c> with the Community Modules jar,
/// or <c>TLA2TOOLS_CP</c>), as one TLC JVM per log, the way TLC users run it; wall and CPU time of both, and whether
/// verdicts and stop points agree.
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
        var noTlc = new Option<bool>("--no-tlc") { Description = "Do not run TLC even when it is found" };
        var command = new Command("tracespecs",
            "End-to-end TLC-style trace validation of a corpus of 50 to 1,000-event logs, one process per log, beside real TLC when "
            + $"{TlcInstallation.JarVariable} (with {TlcInstallation.CommunityModulesVariable}, or a CommunityModules*.jar beside it) or {TlcInstallation.ClassPathVariable} (a class path with both) is set")
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

    private static string Seconds(double? seconds) => seconds is { } s ? s.ToString("0.00", CultureInfo.InvariantCulture) : "?";

    private static string Verdict(int exit) => exit switch { 0 => "conforms", 12 => "diverges", -1 => "killed", _ => $"exit {exit}" };

    private static int Run(int count, int min, int max, int seed, string? keep, bool noTlc, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var folder = keep is null ? Directory.CreateTempSubdirectory("specula-bench-tracespecs-").FullName : Directory.CreateDirectory(keep).FullName;
        var previousJson = Environment.GetEnvironmentVariable("JSON");
        try
        {
            var corpus = TraceSpecCorpus.Write(folder, count, min, max, seed);
            string? tlcProblem = null;
            var tlc = noTlc ? null : TlcInstallation.Locate(null, null, out tlcProblem);
            var events = corpus.Sum(t => t.Events);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Corpus: {corpus.Count} logs of a versioned key-value store, {min} to {max} events ({events:N0} in all, {corpus.Count(t => t.Mutated)} with a wrong value), validated by {TraceSpecCorpus.SpecName}.tla"));
            stdout.WriteLine("(cursor l, TraceMatched over TLCGet(\"queue\"), the log from IOEnv.JSON). Each log is validated three ways, one after the other:");
            stdout.WriteLine("  batched: `specula check` in this one process (parse, load the log, check; the runtime warm), as `bench` runs many logs;");
            stdout.WriteLine("  specula: its own `specula check TraceKV.tla --config TraceKV.cfg` process, JSON=log, as a user runs it (runtime start included);");
            stdout.WriteLine("  TLC:     its own `java -XX:+UseParallelGC -cp <tla2tools, CommunityModules> tlc2.TLC -workers 1 -noGenerateSpecTE` JVM, as TLC users run it.");
            stdout.WriteLine("Wall and CPU (user + system, all threads) seconds per process; \"agree\": the same exit code, distinct states and depth (where the log stops matching).");
            stdout.WriteLine(noTlc ? "TLC: not run (--no-tlc)." : tlc?.Describe() ?? $"TLC: not run: {tlcProblem}");
            stdout.WriteLine($"specula: {(SpeculaLauncher.IsAppHost ? Environment.ProcessPath : "dotnet " + typeof(SpeculaLauncher).Assembly.Location)} ({SpeculaLauncher.DescribeBuild()}).");
            stdout.WriteLine();
            stdout.WriteLine(tlc is null
                ? "log                      events  verdict    batched   specula wall/cpu"
                : "log                      events  verdict    batched   specula wall/cpu      TLC wall/cpu   TLC/specula wall  agree");
            var configPath = Path.Combine(folder, TraceSpecCorpus.SpecName + ".cfg");
            var options = new CheckCommand.Options(Path.Combine(folder, TraceSpecCorpus.SpecName + ".tla"), configPath, 1, null, null, null, false, false, []);
            var tlcOptions = (string[])["-noGenerateSpecTE"];
            var batched = new Totals();
            var specula = new Totals();
            var tlcTotals = new Totals();
            int agreed = 0, tlcVerdicts = 0, wrongVerdicts = 0;
            string? tlcFailure = null;
            // One untimed run first, so the batched times do not include compiling the checker.
            Environment.SetEnvironmentVariable("JSON", corpus[0].Path);
            CheckCommand.Run(options, TextWriter.Null, TextWriter.Null, cancellationToken);
            foreach (var trace in corpus)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Environment.SetEnvironmentVariable("JSON", trace.Path);
                var clock = Stopwatch.StartNew();
                var nativeExit = CheckCommand.Run(options, TextWriter.Null, TextWriter.Null, cancellationToken);
                batched.Add(clock.Elapsed.TotalSeconds, null);
                wrongVerdicts += nativeExit == (trace.Mutated ? CheckCommand.SafetyViolated : CheckCommand.Success) ? 0 : 1;
                var own = SpeculaLauncher.Check(options.Spec, configPath, 1, TimeSpan.FromMinutes(10), cancellationToken);
                specula.Add(own.WallSeconds, own.CpuSeconds);
                var name = Path.GetFileName(trace.Path);
                var row = string.Create(CultureInfo.InvariantCulture,
                    $"{name,-24} {trace.Events,6}  {Verdict(own.ExitCode),-9} {batched.Last,8:0.000} {own.WallSeconds,9:0.00} {Seconds(own.CpuSeconds),5}");
                if (tlc is null)
                {
                    stdout.WriteLine(row);
                    continue;
                }
                var theirs = new TlcLauncher(tlc.Java, tlc.ClassPath, tlc.Source).Check(options.Spec, configPath, 1, TimeSpan.FromMinutes(10), cancellationToken, tlcOptions);
                tlcTotals.Add(theirs.WallSeconds, theirs.CpuSeconds);
                var (ourStop, theirStop) = (StopPoint.Of(own.Output), StopPoint.Of(theirs.Output));
                var gaveVerdict = theirs.ExitCode is 0 or 10 or 11 or 12 or 13;
                tlcVerdicts += gaveVerdict ? 1 : 0;
                tlcFailure ??= gaveVerdict ? null : StopPoint.FirstError(theirs.Output);
                var agree = own.ExitCode == theirs.ExitCode && ourStop == theirStop && ourStop.Distinct is not null;
                agreed += agree ? 1 : 0;
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{row} {theirs.WallSeconds,9:0.00} {Seconds(theirs.CpuSeconds),5} {theirs.WallSeconds / own.WallSeconds,12:0.0}x     {(agree ? "yes" : $"NO (TLC: {Verdict(theirs.ExitCode)}, {theirStop}; specula: {ourStop})")}"));
            }
            stdout.WriteLine();
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"batched: {batched.Wall:0.00} s wall for {events:N0} events, {events / batched.Wall:N0} events/s; {corpus.Count - wrongVerdicts}/{corpus.Count} verdicts as generated."));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"specula: {specula.Wall:0.00} s wall, {Seconds(specula.Cpu)} s CPU, one process per log: {events / specula.Wall:N0} events/s, {specula.Wall / corpus.Count:0.000} s wall per log."));
            if (tlc is not null)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"TLC:     {tlcTotals.Wall:0.00} s wall, {Seconds(tlcTotals.Cpu)} s CPU, one JVM per log: {events / tlcTotals.Wall:N0} events/s, {tlcTotals.Wall / corpus.Count:0.000} s wall per log; verdicts for {tlcVerdicts}/{corpus.Count} logs."));
                if (tlcFailure is not null)
                {
                    stdout.WriteLine($"TLC gave no verdict for some logs; its first error: {tlcFailure}");
                }
                var ratio = tlcTotals.Wall / specula.Wall;
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"TLC's total wall time / specula's, one process per log each: {ratio:0.0}x (target >= {Target:0}x: {(ratio >= Target ? "met" : "not met")}); CPU time: {(tlcTotals.Cpu is { } t && specula.Cpu is > 0 and var p ? (t / p).ToString("0.0", CultureInfo.InvariantCulture) + "x" : "unknown")}; batched: {tlcTotals.Wall / batched.Wall:0}x. Verdicts and stop points agree on {agreed}/{corpus.Count} logs."));
            }
            stdout.WriteLine($"Load average {LoadAverage.Current()} on {Environment.ProcessorCount} cores (wall times grow with the load; CPU times much less).");
            return tlc is not null && agreed < corpus.Count || wrongVerdicts > 0 ? 1 : 0;
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

    /// <summary>Running sums of one column: wall seconds and, while every run reported it, CPU seconds.</summary>
    private sealed class Totals
    {
        public double Wall { get; private set; }

        public double? Cpu { get; private set; } = 0;

        public double Last { get; private set; }

        public void Add(double wall, double? cpu)
        {
            Wall += wall;
            Last = wall;
            Cpu = Cpu is { } sum && cpu is { } c ? sum + c : null;
        }
    }
}
