using Specula.Sandboxes.Manifest;
using Specula.Sandboxes.Tracing;

namespace Specula.Agents.Plugins;

/// <summary>
/// Traces already in the run folder, no sandbox: listing works, building and running answer that no sandbox is
/// configured (for runs on collected traces, machines without Docker, and tests).
/// </summary>
public sealed class FolderTraceCollector(string tracesFolder, string reason = "No sandbox is configured for this run; only the traces already in the run folder can be used.") : ITraceCollector
{
    /// <inheritdoc />
    public bool CanRun => false;

    /// <inheritdoc />
    public Task<SandboxBuildResult> BuildAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new SandboxBuildResult(false, null, [], [], new ToolError(ToolErrorCodes.NotAvailable, reason)));

    /// <inheritdoc />
    public Task<SandboxRunResult> RunAsync(string? workload, int seeds, CancellationToken cancellationToken) =>
        Task.FromResult(new SandboxRunResult([], Collected(), new ToolError(ToolErrorCodes.NotAvailable, reason)));

    /// <inheritdoc />
    public IReadOnlyList<TraceFileInfo> Collected() => List(tracesFolder);

    /// <summary>The trace files of a folder with their event counts.</summary>
    public static IReadOnlyList<TraceFileInfo> List(string tracesFolder)
    {
        if (!Directory.Exists(tracesFolder))
        {
            return [];
        }
        var runFolder = Path.GetDirectoryName(Path.GetFullPath(tracesFolder))!;
        return [.. Directory.EnumerateFiles(tracesFolder, "*.ndjson", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(TraceFileValidator.ValidateFile)
            .Select(r => new TraceFileInfo(Path.GetRelativePath(runFolder, r.Path).Replace('\\', '/'), r.Events, r.Nodes,
                r.EventCounts.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)))];
    }
}

/// <summary>
/// Runs the target through Specula.Sandboxes' <see cref="TraceRunner"/> (Docker or a local process) and copies
/// the valid traces into the run folder's traces/.
/// </summary>
public sealed class SandboxTraceCollector(TraceRunner runner, string targetDirectory, string runFolder) : ITraceCollector
{
    private string TracesFolder => Path.Combine(runFolder, "traces");

    /// <inheritdoc />
    public bool CanRun => true;

    /// <inheritdoc />
    public Task<SandboxBuildResult> BuildAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(targetDirectory, HarnessManifest.FileName);
        if (!File.Exists(path))
        {
            return Task.FromResult(new SandboxBuildResult(false, null, [], [],
                new ToolError(ToolErrorCodes.NotFound, $"The target has no {HarnessManifest.FileName}: write a harness (the harness phase) before building.")));
        }
        var manifest = ManifestLoader.LoadFile(path, HarnessManifest.FileName);
        return Task.FromResult(new SandboxBuildResult(manifest.IsSuccess, manifest.Manifest?.Name,
            [.. manifest.Manifest?.Workloads.Select(w => w.Name) ?? []], [.. manifest.Diagnostics.Select(d => d.ToString())], null));
    }

    /// <inheritdoc />
    public async Task<SandboxRunResult> RunAsync(string? workload, int seeds, CancellationToken cancellationToken)
    {
        var output = Path.Combine(runFolder, "sandbox");
        var outcome = await runner.RunAsync(new TraceOptions { TargetDirectory = targetDirectory, OutputDirectory = output, Workload = workload, Seeds = seeds },
            cancellationToken: cancellationToken).ConfigureAwait(false);
        if (outcome.ManifestDiagnostics.Count > 0)
        {
            return new SandboxRunResult([], Collected(), new ToolError("SBX001", string.Join("; ", outcome.ManifestDiagnostics.Select(d => d.ToString()))));
        }
        if (outcome.Error is { } error)
        {
            return new SandboxRunResult([], Collected(), new ToolError(error.Code, error.Message));
        }
        var runs = new List<SandboxRunEntry>();
        Directory.CreateDirectory(TracesFolder);
        foreach (var run in outcome.Summary!.Runs)
        {
            // A run that exited well but left a trace the schema refuses says why, or the reasoner is left guessing.
            var invalid = run.Traces.FirstOrDefault(t => !t.IsValid) is { } bad
                ? $"{Path.GetFileName(bad.Path)}: " + (bad.Diagnostics.Count > 0 ? bad.Diagnostics[0].ToString() : "no trace events")
                : null;
            runs.Add(new SandboxRunEntry(run.Workload, run.Seed, run.Status.ToString(), run.ExitCode, run.Succeeded, run.Error?.Message ?? invalid));
            foreach (var trace in run.Traces.Where(t => t.IsValid))
            {
                // The runner names traces after their workload and seed already; others get them as a prefix.
                var file = Path.GetFileName(trace.Path);
                var prefix = $"{run.Workload}-seed{run.Seed}";
                var name = file.StartsWith(prefix, StringComparison.Ordinal) ? file : $"{prefix}-{file}";
                File.Copy(trace.Path, Path.Combine(TracesFolder, name), overwrite: true);
                var meta = Path.ChangeExtension(trace.Path, ".meta.json");
                if (File.Exists(meta))
                {
                    File.Copy(meta, Path.Combine(TracesFolder, Path.ChangeExtension(name, ".meta.json")), overwrite: true);
                }
            }
        }
        return new SandboxRunResult(runs, Collected(), null);
    }

    /// <inheritdoc />
    public IReadOnlyList<TraceFileInfo> Collected() => FolderTraceCollector.List(TracesFolder);
}
