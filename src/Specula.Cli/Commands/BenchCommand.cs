using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Specula.Cli.Benchmarks;
using Specula.Tla.Semantics;
using Specula.Tla.Syntax;

namespace Specula.Cli.Commands;

/// <summary><c>specula bench</c>: measures the engine on generated inputs and prints the figures.</summary>
internal static class BenchCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var bench = new Command("bench", "Measure Specula's engine on generated inputs");
        var lines = new Option<int>("--lines") { Description = "Size of the generated spec in lines", DefaultValueFactory = _ => 200_000 };
        var iterations = new Option<int>("--iterations") { Description = "Measured runs (after one warm-up)", DefaultValueFactory = _ => 5 };
        var parse = new Command("parse", "Parse and check throughput on a large generated spec, on one core") { lines, iterations };
        parse.SetAction((result, cancellationToken) =>
        {
            var lineCount = result.GetValue(lines);
            var runs = result.GetValue(iterations);
            if (lineCount < 100 || runs < 1)
            {
                stderr.WriteLine("error: --lines must be at least 100 and --iterations at least 1.");
                return Task.FromResult(2);
            }
            RunParse(lineCount, runs, stdout, cancellationToken);
            return Task.FromResult(0);
        });
        bench.Subcommands.Add(parse);
        return bench;
    }

    private static void RunParse(int targetLines, int runs, TextWriter stdout, CancellationToken cancellationToken)
    {
        var text = SpecGenerator.Generate(targetLines);
        var lineCount = text.Count(c => c == '\n');
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Generated spec: {lineCount:N0} lines, {text.Length / 1024.0 / 1024.0:F1} MiB. One warm-up, then {runs} measured runs on one thread."));

        var source = new SourceText("Generated.tla", text);
        var parseTimes = new List<double>();
        var checkTimes = new List<double>();
        long parseAllocated = 0;
        for (var i = 0; i <= runs; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            var parsed = TlaParser.Parse(source);
            var parseSeconds = watch.Elapsed.TotalSeconds;
            var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            if (!parsed.Succeeded)
            {
                throw new CommandException($"the generated spec did not parse: {parsed.Diagnostics[0]}", 70);
            }
            var modules = new ModuleSet();
            var registered = modules.Add(parsed);
            var check = SemanticChecker.Check(modules, registered);
            var totalSeconds = watch.Elapsed.TotalSeconds;
            if (check.Diagnostics.Length > 0)
            {
                throw new CommandException($"the generated spec did not check: {check.Diagnostics[0]}", 70);
            }
            if (i == 0)
            {
                continue;
            }
            parseTimes.Add(parseSeconds);
            checkTimes.Add(totalSeconds);
            parseAllocated = allocated;
        }
        parseTimes.Sort();
        checkTimes.Sort();
        var parseMedian = parseTimes[parseTimes.Count / 2];
        var totalMedian = checkTimes[checkTimes.Count / 2];
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"",-22}{"median",10}{"lines/s",14}{"MiB/s",10}"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"parse",-22}{parseMedian * 1000,8:F0}ms{lineCount / parseMedian,14:N0}{text.Length / 1024.0 / 1024.0 / parseMedian,10:F1}"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"parse + check",-22}{totalMedian * 1000,8:F0}ms{lineCount / totalMedian,14:N0}{text.Length / 1024.0 / 1024.0 / totalMedian,10:F1}"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Parser allocations: {parseAllocated / (double)lineCount:F0} bytes per line. Target: parse + check >= 200,000 lines/s on one core."));
    }
}
