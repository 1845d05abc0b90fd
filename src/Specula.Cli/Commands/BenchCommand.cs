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
        var save = new Option<string?>("--save-spec") { Description = "Also write the generated spec to this file, to inspect or to time other tools on it" };
        var parse = new Command("parse", "Parse and check throughput on a large generated spec, on one core") { lines, iterations, save };
        parse.SetAction((result, cancellationToken) =>
        {
            var lineCount = result.GetValue(lines);
            var runs = result.GetValue(iterations);
            if (lineCount < 100 || runs < 1)
            {
                stderr.WriteLine("error: --lines must be at least 100 and --iterations at least 1.");
                return Task.FromResult(2);
            }
            RunParse(lineCount, runs, result.GetValue(save), stdout, cancellationToken);
            return Task.FromResult(0);
        });
        bench.Subcommands.Add(parse);
        bench.Subcommands.Add(BenchValidateCommand.Create(stdout, stderr));
        bench.Subcommands.Add(BenchCheckCommand.Create(stdout, stderr));
        bench.Subcommands.Add(BenchTraceSpecsCommand.Create(stdout, stderr));
        bench.Subcommands.Add(BenchStartupCommand.Create(stdout, stderr));
        bench.Subcommands.Add(BenchSynthesizeCommand.Create(stdout, stderr));
        return bench;
    }

    private static void RunParse(int targetLines, int runs, string? savePath, TextWriter stdout, CancellationToken cancellationToken)
    {
        var text = SpecGenerator.Generate(targetLines);
        if (savePath is not null)
        {
            File.WriteAllText(savePath, text);
        }
        var lineCount = text.Count(c => c == '\n');
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Generated spec: {lineCount:N0} lines, {text.Length / 1024.0 / 1024.0:F1} MiB. One warm-up, then {runs} measured runs on one thread."));

        var source = new SourceText("Generated.tla", text);
        var parseTimes = new List<double>();
        var checkTimes = new List<double>();
        var cpuTimes = new List<double>();
        using var process = Process.GetCurrentProcess();
        long parseAllocated = 0;
        for (var i = 0; i <= runs; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
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
            process.Refresh();
            var cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
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
            cpuTimes.Add(cpuSeconds);
            parseAllocated = allocated;
        }
        parseTimes.Sort();
        checkTimes.Sort();
        cpuTimes.Sort();
        var cpuMedian = cpuTimes[cpuTimes.Count / 2];
        var parseMedian = parseTimes[parseTimes.Count / 2];
        var totalMedian = checkTimes[checkTimes.Count / 2];
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"",-22}{"median",10}{"lines/s",14}{"MiB/s",10}"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"parse",-22}{parseMedian * 1000,8:F0}ms{lineCount / parseMedian,14:N0}{text.Length / 1024.0 / 1024.0 / parseMedian,10:F1}"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"parse + check",-22}{totalMedian * 1000,8:F0}ms{lineCount / totalMedian,14:N0}{text.Length / 1024.0 / 1024.0 / totalMedian,10:F1}"));
        // CPU time (all threads, GC included) is steadier than wall time when other work shares the machine.
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"parse + check (CPU)",-22}{cpuMedian * 1000,8:F0}ms{lineCount / cpuMedian,14:N0}{text.Length / 1024.0 / 1024.0 / cpuMedian,10:F1}"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Parser allocations: {parseAllocated / (double)lineCount:F0} bytes per line. Target: parse + check >= 200,000 lines/s on one core."));
    }
}
