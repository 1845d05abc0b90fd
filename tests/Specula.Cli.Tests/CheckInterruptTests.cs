using System.Diagnostics;
using System.Text;
using Specula.Testing;

namespace Specula.Cli.Tests;

/// <summary>
/// Ctrl-C on a real <c>specula check</c> process: the search (or simulation) stops, prints what it did so far and exits
/// 130, as TLC prints its statistics when stopped.
/// </summary>
public sealed class CheckInterruptTests : IDisposable
{
    // No bound on x: the search never ends by itself.
    private const string Endless = """
        ---- MODULE Endless ----
        EXTENDS Naturals
        VARIABLES x, y
        Init == x = 0 /\ y = 0
        Next == \/ x' = x + 1 /\ UNCHANGED y
                \/ y' = 1 - y /\ UNCHANGED x
        ====
        """;

    private readonly TemporaryFolder _folder = new("specula-check-interrupt-");

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(new string[0], "Model checking was cancelled.", "states generated")]
    [InlineData(new[] { "--simulate", "--depth", "1000" }, "The number of states generated", "behaviours")]
    public async Task Ctrl_c_stops_the_run_which_prints_its_statistics_and_exits_130(string[] mode, string stopped, string statistics)
    {
        var spec = _folder.Combine("Endless.tla");
        File.WriteAllText(spec, Endless);
        File.WriteAllText(_folder.Combine("Endless.cfg"), "INIT Init\nNEXT Next\n");
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "specula"), ["check", spec, .. mode])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, line) =>
        {
            lock (output)
            {
                output.AppendLine(line.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        var errors = process.StandardError.ReadToEndAsync();
        string Output()
        {
            lock (output)
            {
                return output.ToString();
            }
        }

        // Interrupted once the search runs (its first line is out), as a user at the terminal would.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!process.HasExited && DateTime.UtcNow < deadline && !Output().Contains("Endless.cfg", StringComparison.Ordinal))
        {
            await Task.Delay(50);
        }
        Assert.False(process.HasExited, "the check ended before it could be interrupted: " + Output());
        await Task.Delay(500);
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(130, process.ExitCode);
        Assert.Contains(stopped, Output(), StringComparison.Ordinal);
        Assert.Contains(statistics, Output(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", await errors, StringComparison.Ordinal);
    }
}
