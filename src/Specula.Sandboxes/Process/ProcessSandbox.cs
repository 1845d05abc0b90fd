using System.ComponentModel;
using System.Diagnostics;

namespace Specula.Sandboxes.Process;

/// <summary>Runs commands as local processes, for machines without Docker. It is NOT isolated: the command sees the network,
/// the file system and the user's privileges; only the wall-clock limit (killing the whole process tree) is enforced.
/// Chosen explicitly with <c>--sandbox process</c>.</summary>
public sealed class ProcessSandbox(TimeProvider clock) : ISandbox
{
    /// <inheritdoc />
    public string Kind => "process";

    /// <inheritdoc />
    public bool IsIsolated => false;

    /// <inheritdoc />
    public async Task<SandboxResult<RunOutcome>> RunAsync(RunSpec spec, string hostOutputDirectory, Action<LogLine>? onLog = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(hostOutputDirectory);
        if (spec.Command.Count == 0 || spec.Timeout <= TimeSpan.Zero)
        {
            return SandboxResult<RunOutcome>.Fail(SandboxErrorCodes.InvalidSpec, "A run needs a command and a positive timeout.");
        }
        var output = Path.GetFullPath(hostOutputDirectory);
        Directory.CreateDirectory(output);
        var scratch = Directory.CreateTempSubdirectory("specula-tmp-");

        var info = new ProcessStartInfo(spec.Command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = spec.WorkingDirectory is { } wd && Directory.Exists(wd) ? wd : output,
        };
        foreach (var arg in spec.Command.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["SPECULA_OUT"] = output;
        info.Environment["TMPDIR"] = scratch.FullName;
        foreach (var (key, value) in spec.Environment)
        {
            info.Environment[key] = value;
        }

        var stdout = new OutputCollector(LogSource.Stdout, onLog);
        var stderr = new OutputCollector(LogSource.Stderr, onLog);
        using var process = new System.Diagnostics.Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { stdout.Write((e.Data + "\n").AsSpan()); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { stderr.Write((e.Data + "\n").AsSpan()); } };
        try
        {
            try
            {
                process.Start();
            }
            catch (Exception ex) when (ex is Win32Exception or InvalidOperationException)
            {
                return SandboxResult<RunOutcome>.Fail(SandboxErrorCodes.ProcessFailed, $"Could not start '{spec.Command[0]}': {ex.Message}");
            }
            var started = clock.GetTimestamp();
            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            using var timeout = new CancellationTokenSource(spec.Timeout, clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            var status = RunStatus.Exited;
            try
            {
                await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                status = cancellationToken.IsCancellationRequested ? RunStatus.Cancelled : RunStatus.TimedOut;
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
            var duration = clock.GetElapsedTime(started);
            stdout.Complete();
            stderr.Complete();
            var files = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(output, f).Replace('\\', '/'))
                .Order(StringComparer.Ordinal)
                .ToArray();
            return new RunOutcome(status, process.ExitCode, stdout.ToString(), stderr.ToString(), duration, files);
        }
        finally
        {
            try
            {
                scratch.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A killed process may still hold files; the OS temp cleaner takes it.
            }
        }
    }
}
