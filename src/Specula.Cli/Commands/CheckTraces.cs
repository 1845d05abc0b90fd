using System.Diagnostics;
using System.Globalization;
using Specula.Cli.Benchmarks;

namespace Specula.Cli.Commands;

/// <summary>
/// <c>specula check Trace.tla --traces logs/</c>: a TLC-style trace spec checked once per log in one process, the log
/// named to the spec through an environment variable (<c>JSON</c> by default) as TLC users name it, with one line per
/// log. The same as running <c>JSON=log specula check Trace.tla</c> for each, without starting the runtime and
/// compiling the checker again for every log.
/// </summary>
internal static class CheckTraces
{
    /// <summary>The logs named by <paramref name="paths"/>: files as given, folders' <c>*.ndjson</c> files, each sorted by name.</summary>
    public static IReadOnlyList<string> Logs(IEnumerable<string> paths, out string? error)
    {
        var logs = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                logs.AddRange(Directory.EnumerateFiles(path, "*.ndjson").Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                logs.Add(path);
            }
            else
            {
                error = $"no trace file or folder '{path}'.";
                return [];
            }
        }
        error = logs.Count == 0 ? "--traces names no log (a folder gives its *.ndjson files)." : null;
        return logs;
    }

    /// <summary>Checks the spec against every log; the exit code is 0 when all conform, else the first failing log's.</summary>
    public static int Run(CheckCommand.Options options, IReadOnlyList<string> logs, string variable, TextWriter stdout, CancellationToken cancellationToken)
    {
        var previous = Environment.GetEnvironmentVariable(variable);
        var firstFailure = 0;
        var conforming = 0;
        var clock = Stopwatch.StartNew();
        try
        {
            foreach (var log in logs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Environment.SetEnvironmentVariable(variable, Path.GetFullPath(log));
                var output = new StringWriter(CultureInfo.InvariantCulture);
                var started = clock.Elapsed;
                var exit = options.Backend == "tlc"
                    ? CheckCommand.RunTlc(options, output, output, cancellationToken).ExitCode
                    : CheckCommand.Run(options, output, output, cancellationToken);
                var seconds = (clock.Elapsed - started).TotalSeconds;
                conforming += exit == CheckCommand.Success ? 1 : 0;
                firstFailure = firstFailure == 0 ? exit : firstFailure;
                var text = output.ToString();
                var verdict = exit == CheckCommand.Success ? "conforms" : $"exit {exit}: {StopPoint.FirstError(text) ?? "no verdict"}";
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{log}: {verdict} ({StopPoint.Of(text)}, {seconds:0.00} s)"));
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, previous);
        }
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{logs.Count} log{(logs.Count == 1 ? string.Empty : "s")}: {conforming} conform, {logs.Count - conforming} do not; {clock.Elapsed.TotalSeconds:0.00} s."));
        return firstFailure;
    }
}
