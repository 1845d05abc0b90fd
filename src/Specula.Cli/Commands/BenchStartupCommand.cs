using System.CommandLine;
using Specula.Cli.Benchmarks;

namespace Specula.Cli.Commands;

/// <summary>
/// <c>specula bench startup</c>: the wall and CPU time of a whole <c>specula check</c> of a tiny spec, one process per
/// run, beside TLC's when <c>TLA2TOOLS_JAR</c> (or <c>TLA2TOOLS_CP</c>) is set; the start-up row of <c>bench check</c>
/// on its own, since that one first runs models of minutes.
/// </summary>
internal static class BenchStartupCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var runs = new Option<int>("--runs") { Description = "Runs of each command (the median is reported)", DefaultValueFactory = _ => 11 };
        var noTlc = new Option<bool>("--no-tlc") { Description = "Do not run TLC even when TLA2TOOLS_JAR or TLA2TOOLS_CP is set" };
        var command = new Command("startup", "Wall and CPU time of a whole `specula check` of a tiny spec, one process per run, beside TLC when TLA2TOOLS_JAR is set")
        {
            runs, noTlc,
        };
        command.SetAction((result, cancellationToken) =>
        {
            var count = result.GetValue(runs);
            if (count < 1)
            {
                stderr.WriteLine("error: --runs must be at least 1.");
                return Task.FromResult(2);
            }
            var tlc = result.GetValue(noTlc) ? null : TlcLauncher.FromEnvironment();
            var folder = Directory.CreateTempSubdirectory("specula-bench-startup-").FullName;
            try
            {
                stdout.WriteLine(TlcLauncher.Describe(tlc, result.GetValue(noTlc)));
                var measured = StartupBenchmark.Run(folder, tlc, count, cancellationToken);
                StartupBenchmark.Print(stdout, measured);
                return Task.FromResult(measured.Ours.Failures.Any() || measured.Theirs?.Failures.Any() == true ? 1 : 0);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        });
        return command;
    }
}
