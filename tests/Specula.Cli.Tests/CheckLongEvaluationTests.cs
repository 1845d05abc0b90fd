using System.Diagnostics;
using System.Globalization;
using System.Text;
using Specula.Testing;

namespace Specula.Cli.Tests;

/// <summary>
/// SIGTERM and --max-time on a real <c>specula check</c> process busy in one evaluation that never ends by itself: an
/// ASSUME while loading, the initial states, a constant definition computed in the first step. The process stops
/// within seconds, with the exit code of a cancellation (130) or of a limit (3), instead of outliving the signal.
/// </summary>
public sealed class CheckLongEvaluationTests : IDisposable
{
    // A naive Fib(90) takes about 2^62 calls: only a stop ends it.
    private const string Fib = """
        RECURSIVE Fib(_)
        Fib(n) == IF n < 2 THEN n ELSE Fib(n - 1) + Fib(n - 2)
        """;

    private readonly TemporaryFolder _folder = new("specula-check-long-");

    public void Dispose() => _folder.Dispose();

    private string Write(string name, string body)
    {
        var spec = _folder.Combine(name + ".tla");
        File.WriteAllText(spec, $"---- MODULE {name} ----\nEXTENDS Naturals\n{Fib}\n{body}\n====\n");
        File.WriteAllText(_folder.Combine(name + ".cfg"), "INIT Init\nNEXT Next\n");
        return spec;
    }

    private sealed class Run(Process process, StringBuilder output) : IDisposable
    {
        public Process Process => process;

        public string Output()
        {
            lock (output)
            {
                return output.ToString();
            }
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
            process.Dispose();
        }
    }

    private static Run Start(string spec, params string[] options)
    {
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "specula"), ["check", spec, .. options])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var output = new StringBuilder();
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, line) =>
        {
            lock (output)
            {
                output.AppendLine(line.Data);
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            lock (output)
            {
                output.AppendLine(line.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new Run(process, output);
    }

    /// <summary>
    /// Waits until the run is inside its endless evaluation: past the line printed before the search when there is
    /// one, else (loading prints nothing) past more CPU time than starting and parsing take.
    /// </summary>
    private static async Task WaitUntilBusy(Run run, string? line)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!run.Process.HasExited && DateTime.UtcNow < deadline
            && (line is null ? run.Process.TotalProcessorTime < TimeSpan.FromSeconds(3) : !run.Output().Contains(line, StringComparison.Ordinal)))
        {
            await Task.Delay(50);
        }
        Assert.False(run.Process.HasExited, "the check ended before it could be stopped: " + run.Output());
        await Task.Delay(300);
    }

    private static async Task<TimeSpan> WaitForExit(Run run)
    {
        var clock = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await run.Process.WaitForExitAsync(timeout.Token);
        return clock.Elapsed;
    }

    [Theory]
    [InlineData("EndlessAssume", "ASSUME Fib(90) > 0\nVARIABLE x\nInit == x = 0\nNext == x' = x", null, "cancelled while loading")]
    [InlineData("EndlessInit", "VARIABLE x\nInit == x \\in 0..3 /\\ \\A a, b, c \\in 1..100000 : a + b + c > 0\nNext == x' = x", "Model checking EndlessInit", "Model checking was cancelled.")]
    [InlineData("EndlessConstant", "Big == Fib(90)\nVARIABLE x\nInit == x = 0\nNext == x' = Big", "Model checking EndlessConstant", "Model checking was cancelled.")]
    public async Task Sigterm_stops_an_evaluation_that_never_ends(string name, string body, string? busyLine, string stopped)
    {
        using var run = Start(Write(name, body));
        await WaitUntilBusy(run, busyLine);

        using (var kill = Process.Start("kill", ["-TERM", run.Process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        await WaitForExit(run);

        Assert.Equal(130, run.Process.ExitCode);
        Assert.Contains(stopped, run.Output(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Output(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("EndlessAssume", "ASSUME Fib(90) > 0\nVARIABLE x\nInit == x = 0\nNext == x' = x", "while loading the model")]
    [InlineData("EndlessInit", "VARIABLE x\nInit == x \\in 0..3 /\\ \\A a, b, c \\in 1..100000 : a + b + c > 0\nNext == x' = x", "0 distinct states found")]
    public async Task Max_time_stops_an_evaluation_that_never_ends(string name, string body, string stopped)
    {
        using var run = Start(Write(name, body), "--max-time", "2");

        await WaitForExit(run);

        Assert.Equal(3, run.Process.ExitCode);
        Assert.Contains("(--max-time)", run.Output(), StringComparison.Ordinal);
        Assert.Contains(stopped, run.Output(), StringComparison.Ordinal);
    }
}
