using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace Specula.Agents.Plugins;

/// <summary>A collected trace file.</summary>
/// <param name="Path">Relative to the run folder (traces/...).</param>
/// <param name="Events">Trace events in it.</param>
/// <param name="Nodes">Nodes that emitted events.</param>
/// <param name="EventCounts">Events by kind.</param>
public sealed record TraceFileInfo(string Path, int Events, IReadOnlyList<string> Nodes, IReadOnlyDictionary<string, int> EventCounts);

/// <summary>What building the target found.</summary>
/// <param name="Ok">The manifest is valid and the target can be run.</param>
/// <param name="System">The system's name.</param>
/// <param name="Workloads">Workload names.</param>
/// <param name="Diagnostics">Manifest problems (file:line:col: code message).</param>
/// <param name="Error">The failure.</param>
public sealed record SandboxBuildResult(bool Ok, string? System, IReadOnlyList<string> Workloads, IReadOnlyList<string> Diagnostics, ToolError? Error) : IToolOutcome;

/// <summary>One workload run per seed.</summary>
/// <param name="Runs">Per seed: workload, seed, status, exit code, traces.</param>
/// <param name="Traces">Trace files now in the run folder.</param>
/// <param name="Error">The failure.</param>
public sealed record SandboxRunResult(IReadOnlyList<SandboxRunEntry> Runs, IReadOnlyList<TraceFileInfo> Traces, ToolError? Error) : IToolOutcome;

/// <summary>One run of a workload.</summary>
/// <param name="Workload">Workload.</param>
/// <param name="Seed">Seed.</param>
/// <param name="Status">How it ended.</param>
/// <param name="ExitCode">Exit code.</param>
/// <param name="Ok">Exited 0 with valid traces.</param>
/// <param name="Error">The sandbox's error.</param>
public sealed record SandboxRunEntry(string Workload, long Seed, string Status, long ExitCode, bool Ok, string? Error);

/// <summary>Trace files collected so far.</summary>
/// <param name="Traces">The files.</param>
/// <param name="Error">The failure.</param>
public sealed record TraceListResult(IReadOnlyList<TraceFileInfo> Traces, ToolError? Error) : IToolOutcome;

/// <summary>
/// The seam between the sandbox tools and Specula.Sandboxes: builds the target, runs workloads in a sandbox and
/// collects their traces into the run folder.
/// </summary>
public interface ITraceCollector
{
    /// <summary>Whether this collector can build and run the target (false: only traces already collected).</summary>
    bool CanRun { get; }

    /// <summary>Reads the target's harness manifest and reports whether it can be built and run.</summary>
    Task<SandboxBuildResult> BuildAsync(CancellationToken cancellationToken);

    /// <summary>Runs a workload (all when null) for <paramref name="seeds"/> seeds and collects the traces.</summary>
    Task<SandboxRunResult> RunAsync(string? workload, int seeds, CancellationToken cancellationToken);

    /// <summary>The traces in the run folder.</summary>
    IReadOnlyList<TraceFileInfo> Collected();
}

/// <summary>Building and running the real system in a sandbox to observe it: traces are the ground truth.</summary>
public sealed class SandboxPlugin(ITraceCollector collector)
{
    /// <summary>The plugin's name in tool calls.</summary>
    public const string Name = "sandbox";

    /// <summary>Builds the target.</summary>
    [KernelFunction("build"), Description("Check the target's harness manifest (specula.yaml) and that it can be built in the sandbox; lists its workloads.")]
    public Task<SandboxBuildResult> BuildAsync(CancellationToken cancellationToken = default) => collector.BuildAsync(cancellationToken);

    /// <summary>Runs a workload.</summary>
    [KernelFunction("run_workload"), Description("Build the target and run a workload in an isolated sandbox for N seeds under the manifest's faults; the traces land in the run's traces/ folder.")]
    public Task<SandboxRunResult> RunWorkloadAsync(
        [Description("The workload's name; empty for every workload")] string? workload = null,
        [Description("How many seeds (1..20)")] int seeds = 3,
        CancellationToken cancellationToken = default) =>
        collector.RunAsync(string.IsNullOrWhiteSpace(workload) ? null : workload, Math.Clamp(seeds, 1, 20), cancellationToken);

    /// <summary>Lists collected traces.</summary>
    [KernelFunction("collect_traces"), Description("List the traces collected in the run folder: events, nodes and event kinds of each.")]
    public TraceListResult CollectTraces() => new(collector.Collected(), null);
}
