using System.ComponentModel;
using System.Diagnostics;

namespace Specula.Cli.Tlc;

/// <summary>What to ask TLC: the spec, its configuration and the options <c>specula check</c> passes on.</summary>
/// <param name="Spec">The root module.</param>
/// <param name="Config">The configuration file.</param>
/// <param name="Workers">TLC's <c>-workers</c>.</param>
/// <param name="CheckDeadlock">False adds TLC's <c>-deadlock</c> (do not check deadlock).</param>
internal sealed record TlcRequest(string Spec, string Config, int Workers, bool CheckDeadlock);

/// <summary>TLC's exit code and its messages (run with <c>-tool</c>), and how long the run took end to end.</summary>
/// <param name="ExitCode">TLC's exit code.</param>
/// <param name="Output">Standard output and error, in order.</param>
/// <param name="Elapsed">Wall time, JVM start included.</param>
internal sealed record TlcRawRun(int ExitCode, IReadOnlyList<string> Output, TimeSpan Elapsed);

/// <summary>A reason TLC could not be run at all.</summary>
internal sealed class TlcUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Runs real TLC on a spec, in the current directory (where TLC users run trace specs, so relative trace paths in the
/// environment mean the same as for the native checker), with a throw-away metadata folder and no trace-exploration
/// spec written beside the user's files.
/// </summary>
internal static class TlcRunner
{
    public static TlcRawRun Run(TlcInstallation tlc, TlcRequest request, CancellationToken cancellationToken)
    {
        var metadir = Path.Combine(Path.GetTempPath(), "specula-tlc-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo(tlc.Java)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Environment.CurrentDirectory,
        };
        foreach (var argument in (string[])["-XX:+UseParallelGC", "-cp", tlc.ClassPath, "tlc2.TLC", "-tool", "-workers",
                     request.Workers.ToString(System.Globalization.CultureInfo.InvariantCulture), "-metadir", metadir, "-cleanup",
                     "-noGenerateSpecTE", "-config", Path.GetFullPath(request.Config)])
        {
            start.ArgumentList.Add(argument);
        }
        if (!request.CheckDeadlock)
        {
            start.ArgumentList.Add("-deadlock");
        }
        start.ArgumentList.Add(Path.GetFullPath(request.Spec));
        var output = new List<string>();
        var clock = Stopwatch.StartNew();
        try
        {
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => Collect(output, e.Data);
            process.ErrorDataReceived += (_, e) => Collect(output, e.Data);
            try
            {
                process.Start();
            }
            catch (Win32Exception ex)
            {
                throw new TlcUnavailableException($"could not start '{tlc.Java}': {ex.Message}", ex);
            }
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using (cancellationToken.Register(() =>
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // It has just exited.
                }
            }))
            {
                process.WaitForExit();
            }
            cancellationToken.ThrowIfCancellationRequested();
            lock (output)
            {
                return new TlcRawRun(process.ExitCode, [.. output], clock.Elapsed);
            }
        }
        finally
        {
            try
            {
                if (Directory.Exists(metadir))
                {
                    Directory.Delete(metadir, recursive: true);
                }
            }
            catch (IOException)
            {
                // A left-over temporary folder is harmless.
            }
        }
    }

    private static void Collect(List<string> output, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.Add(line);
        }
    }
}
