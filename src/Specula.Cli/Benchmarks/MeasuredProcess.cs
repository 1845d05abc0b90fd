using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Specula.Cli.Benchmarks;

/// <summary>What one measured child process did.</summary>
/// <param name="ExitCode">Its exit code (-1 when it was killed at the time limit).</param>
/// <param name="Output">Standard output and error, interleaved.</param>
/// <param name="WallSeconds">Wall time from start to exit.</param>
/// <param name="CpuSeconds">User and system CPU time of the process (all its threads), when the platform tells.</param>
/// <param name="PeakRssBytes">Its peak resident set (sampled), when the platform tells.</param>
internal sealed record ProcessMeasurement(int ExitCode, string Output, double WallSeconds, double? CpuSeconds, long? PeakRssBytes);

/// <summary>
/// Runs a child process to its end and measures it the same way whatever it is (Specula or TLC's JVM): wall time,
/// CPU time (the children's CPU time of this process, which a reaped child adds to) and peak resident memory
/// (the child's <c>VmHWM</c>, polled). CPU time matters on a shared machine, where wall time also measures the load.
/// </summary>
internal static class MeasuredProcess
{
    public static ProcessMeasurement Run(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeLimit,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        var output = new StringBuilder();
        var cpuBefore = ChildrenCpuSeconds();
        var watch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        long? peak = null;
        var killed = false;
        while (!process.WaitForExit(20))
        {
            if (PeakRss(process.Id) is { } rss)
            {
                peak = Math.Max(peak ?? 0, rss);
            }
            if (watch.Elapsed > timeLimit || cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                killed = true;
                process.WaitForExit();
                break;
            }
        }
        process.WaitForExit();
        var wall = watch.Elapsed.TotalSeconds;
        var cpuAfter = ChildrenCpuSeconds();
        lock (output)
        {
            return new ProcessMeasurement(killed ? -1 : process.ExitCode, output.ToString(), wall,
                cpuBefore is { } b && cpuAfter is { } a ? a - b : null, peak);
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    /// <summary>The <c>VmHWM</c> of a running process (Linux), or null.</summary>
    private static long? PeakRss(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kb = line["VmHWM:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
            // The process has just exited.
        }
        catch (UnauthorizedAccessException)
        {
        }
        return null;
    }

    /// <summary>User and system CPU time of this process's reaped children (Linux <c>/proc/self/stat</c>), or null.</summary>
    public static double? ChildrenCpuSeconds()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            // Fields after the command name, which is in parentheses and may hold spaces: state is field 3, cutime 16, cstime 17.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
            // USER_HZ is 100 on every Linux platform .NET runs on.
            return ticks / 100.0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
