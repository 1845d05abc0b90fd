namespace Specula.Sandboxes;

/// <summary>Resource limits of one sandboxed run.</summary>
/// <param name="MemoryBytes">Memory limit (swap disabled).</param>
/// <param name="Pids">Maximum number of processes and threads.</param>
/// <param name="NanoCpus">CPU limit in billionths of a CPU; 0 for none.</param>
/// <param name="TmpfsBytes">Size of the tmpfs mounted at /tmp.</param>
public sealed record ResourceLimits(long MemoryBytes, long Pids, long NanoCpus = 0, long TmpfsBytes = 64L * 1024 * 1024)
{
    /// <summary>Defaults for a small traced workload: 512 MiB, 256 pids, 64 MiB of /tmp.</summary>
    public static ResourceLimits Default { get; } = new(512L * 1024 * 1024, 256);
}

/// <summary>A read-only view of a host folder inside the sandbox (toolchains, sources).</summary>
/// <param name="HostPath">Absolute path on the host.</param>
/// <param name="SandboxPath">Absolute path inside the sandbox.</param>
public sealed record ReadOnlyMount(string HostPath, string SandboxPath);

/// <summary>Everything needed to run one command in a sandbox. Immutable.</summary>
public sealed record RunSpec
{
    /// <summary>Path inside a container where results are written; exposed to the command as <c>SPECULA_OUT</c>.</summary>
    public const string ContainerOutputPath = "/out";

    /// <summary>The image to run (Docker only).</summary>
    public required string Image { get; init; }

    /// <summary>The command and its arguments (no shell unless the command names one).</summary>
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>Extra environment variables.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Working directory inside the sandbox; null for the image's default (or, for processes, the output folder).</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Wall-clock limit; the sandbox is killed when it is reached.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Resource limits.</summary>
    public ResourceLimits Limits { get; init; } = ResourceLimits.Default;

    /// <summary>The non-root user (uid:gid) the command runs as.</summary>
    public string User { get; init; } = "10001:10001";

    /// <summary>Host folders visible read-only inside the sandbox.</summary>
    public IReadOnlyList<ReadOnlyMount> ReadOnlyMounts { get; init; } = [];

    /// <summary>Identifies the run; containers and volumes carry it as a label for the sweeper.</summary>
    public string RunId { get; init; } = "adhoc";

    /// <summary>Short human name for logs and container names (letters, digits, dashes).</summary>
    public string Name { get; init; } = "run";

    /// <summary>Faults the sandbox injects from outside while the command runs.</summary>
    public IReadOnlyList<SandboxFault> Faults { get; init; } = [];
}

/// <summary>A fault a sandbox can inject into a running command from outside.</summary>
public enum SandboxFaultKind
{
    /// <summary>Freeze every process (cgroup freezer), then thaw them after the fault's duration.</summary>
    Pause,
}

/// <summary>A fault scheduled relative to the start of the run.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="At">When, after the start.</param>
/// <param name="Duration">For how long.</param>
public sealed record SandboxFault(SandboxFaultKind Kind, TimeSpan At, TimeSpan Duration);

/// <summary>A fault that was injected, with the offsets at which it began and ended.</summary>
/// <param name="Kind">What was done.</param>
/// <param name="Start">Offset from the start of the run.</param>
/// <param name="End">Offset from the start of the run.</param>
public sealed record AppliedFault(SandboxFaultKind Kind, TimeSpan Start, TimeSpan End);

/// <summary>How a sandboxed run ended.</summary>
public enum RunStatus
{
    /// <summary>The command exited by itself (see the exit code).</summary>
    Exited,

    /// <summary>The wall-clock limit was reached and the sandbox was killed.</summary>
    TimedOut,

    /// <summary>The run was cancelled (Ctrl-C) and the sandbox was killed.</summary>
    Cancelled,

    /// <summary>The kernel killed the command for exceeding its memory limit.</summary>
    OutOfMemory,
}

/// <summary>Which stream a log line came from.</summary>
public enum LogSource
{
    /// <summary>Standard output.</summary>
    Stdout,

    /// <summary>Standard error.</summary>
    Stderr,
}

/// <summary>One line the sandboxed command wrote.</summary>
/// <param name="Source">stdout or stderr.</param>
/// <param name="Text">The line without its newline.</param>
public readonly record struct LogLine(LogSource Source, string Text);

/// <summary>The result of a run that the sandbox carried out (whatever the command did).</summary>
/// <param name="Status">How the run ended.</param>
/// <param name="ExitCode">The command's exit code (137 when killed).</param>
/// <param name="Stdout">Standard output (the last megabyte at most).</param>
/// <param name="Stderr">Standard error (the last megabyte at most).</param>
/// <param name="Duration">Start-to-exit wall time.</param>
/// <param name="OutputFiles">Files copied out of the output folder, relative paths with '/' separators, sorted.</param>
public sealed record RunOutcome(RunStatus Status, long ExitCode, string Stdout, string Stderr, TimeSpan Duration, IReadOnlyList<string> OutputFiles)
{
    /// <summary>True when the command exited by itself with status 0.</summary>
    public bool Succeeded => Status == RunStatus.Exited && ExitCode == 0;

    /// <summary>Faults injected from outside during the run.</summary>
    public IReadOnlyList<AppliedFault> AppliedFaults { get; init; } = [];
}

/// <summary>Runs commands in isolation and brings back what they wrote to their output folder.</summary>
public interface ISandbox
{
    /// <summary>Short name: <c>docker</c> or <c>process</c>.</summary>
    string Kind { get; }

    /// <summary>False for sandboxes that give no isolation (the local-process one).</summary>
    bool IsIsolated { get; }

    /// <summary>Runs <paramref name="spec"/>; files the command writes under <c>$SPECULA_OUT</c> end up in <paramref name="hostOutputDirectory"/>.
    /// Cancellation kills the command and is reported as <see cref="RunStatus.Cancelled"/>, not thrown.</summary>
    Task<SandboxResult<RunOutcome>> RunAsync(RunSpec spec, string hostOutputDirectory, Action<LogLine>? onLog = null, CancellationToken cancellationToken = default);
}
