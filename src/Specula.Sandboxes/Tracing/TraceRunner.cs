using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Specula.Sandboxes.Images;
using Specula.Sandboxes.Manifest;

namespace Specula.Sandboxes.Tracing;

/// <summary>What to trace and where to put it. Immutable.</summary>
public sealed record TraceOptions
{
    /// <summary>The target's folder (holding specula.yaml).</summary>
    public required string TargetDirectory { get; init; }

    /// <summary>Where traces, run folders and the summary go.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Only this workload; null for all.</summary>
    public string? Workload { get; init; }

    /// <summary>Run this many seeds instead of the manifest's.</summary>
    public int? Seeds { get; init; }

    /// <summary>The first seed when <see cref="Seeds"/> is given.</summary>
    public long SeedStart { get; init; } = 1;

    /// <summary>Where Specula's tracing kits are (sandboxes/kits); null to look next to the program.</summary>
    public string? KitsDirectory { get; init; }

    /// <summary>Where built targets are cached by content hash.</summary>
    public string? CacheDirectory { get; init; }
}

/// <summary>One workload run with one seed.</summary>
/// <param name="Workload">Workload name.</param>
/// <param name="Seed">Seed.</param>
/// <param name="Status">How the run ended.</param>
/// <param name="ExitCode">Exit code.</param>
/// <param name="RunTime">Command start to exit.</param>
/// <param name="StartToTrace">From asking for the sandbox to holding the validated traces.</param>
/// <param name="Traces">Trace files collected, validated.</param>
/// <param name="Faults">Faults injected (target-side names and sandbox-side pauses).</param>
/// <param name="Error">Why the run could not be carried out, if it could not.</param>
public sealed record TraceRunResult(string Workload, long Seed, RunStatus Status, long ExitCode, TimeSpan RunTime, TimeSpan StartToTrace,
    IReadOnlyList<TraceFileReport> Traces, IReadOnlyList<string> Faults, SandboxError? Error)
{
    /// <summary>True when the command succeeded and left at least one valid trace and no invalid one.</summary>
    public bool Succeeded => Error is null && Status == RunStatus.Exited && ExitCode == 0 && Traces.Count > 0 && Traces.All(t => t.IsValid);
}

/// <summary>Timings and cache hits of the build.</summary>
/// <param name="BaseImage">The base image (Docker only).</param>
/// <param name="BuildCached">True when the target was taken from the build cache.</param>
/// <param name="BuildTime">Time spent building (or finding the cached build).</param>
/// <param name="TargetImage">The target image (Docker only).</param>
public sealed record BuildReport(ImageRef? BaseImage, bool BuildCached, TimeSpan BuildTime, ImageRef? TargetImage);

/// <summary>Everything a trace session did.</summary>
/// <param name="System">The manifest's name.</param>
/// <param name="Sandbox">docker or process.</param>
/// <param name="Isolated">False for the process sandbox.</param>
/// <param name="Build">The build.</param>
/// <param name="Runs">Every run, in order.</param>
/// <param name="OutputDirectory">Where it all is.</param>
public sealed record TraceSummary(string System, string Sandbox, bool Isolated, BuildReport Build, IReadOnlyList<TraceRunResult> Runs, string OutputDirectory)
{
    /// <summary>True when every run succeeded.</summary>
    public bool Succeeded => Runs.Count > 0 && Runs.All(r => r.Succeeded);
}

/// <summary>The result of a trace session: a summary, or the manifest's problems, or the error that stopped it.</summary>
/// <param name="Summary">What ran.</param>
/// <param name="ManifestDiagnostics">Problems in specula.yaml (all of them).</param>
/// <param name="Error">What stopped the session.</param>
public sealed record TraceOutcome(TraceSummary? Summary, IReadOnlyList<ManifestDiagnostic> ManifestDiagnostics, SandboxError? Error);

/// <summary>Builds a target in a sandbox, runs its workloads once per seed, and collects and validates their traces.</summary>
public sealed class TraceRunner(ISandbox sandbox, ImageBuilder? images, TimeProvider clock, Docker.DockerPod? pods = null)
{
    private const string SourcePath = "/src";
    private const string TargetPath = "/opt/target";
    private const string KitsPath = "/specula/kits";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Runs the session, reporting progress lines to <paramref name="progress"/>.</summary>
    public async Task<TraceOutcome> RunAsync(TraceOptions options, Action<string>? progress = null, Action<LogLine>? onLog = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var say = progress ?? (_ => { });
        var target = Path.GetFullPath(options.TargetDirectory);
        var manifestPath = Path.Combine(target, HarnessManifest.FileName);
        if (!File.Exists(manifestPath))
        {
            return Fail(SandboxErrorCodes.InvalidSpec, $"{target} has no {HarnessManifest.FileName}.", "Add a harness manifest; see sandboxes/README.md.");
        }
        var loaded = ManifestLoader.LoadFile(manifestPath, Path.Combine(options.TargetDirectory, HarnessManifest.FileName)); // named as the user named it
        if (!loaded.IsSuccess)
        {
            return new TraceOutcome(null, loaded.Diagnostics, null);
        }
        var manifest = loaded.Manifest!;
        var workloads = manifest.Workloads.Where(w => options.Workload is null || w.Name == options.Workload).ToArray();
        if (workloads.Length == 0)
        {
            return Fail(SandboxErrorCodes.InvalidSpec, $"No workload named '{options.Workload}'.", "Workloads: " + string.Join(", ", manifest.Workloads.Select(w => w.Name)));
        }
        var output = Path.GetFullPath(options.OutputDirectory);
        Directory.CreateDirectory(output);
        var runId = $"{ImageBuilder.Sanitize(manifest.Name)}-{clock.GetUtcNow():yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        say($"{manifest.Name}: {workloads.Length} workload(s), sandbox {sandbox.Kind}{(sandbox.IsIsolated ? "" : " (NOT isolated)")}, run {runId}");

        // Build.
        var built = await BuildAsync(manifest, target, options, runId, say, onLog, cancellationToken).ConfigureAwait(false);
        if (!built.IsSuccess)
        {
            return new TraceOutcome(null, [], built.Error);
        }
        var (report, targetDir) = built.Value;

        // Workloads × seeds; the build's toolchain stays visible (read-only) for targets that need a runtime (dotnet).
        IReadOnlyList<ReadOnlyMount> runtimeMounts = [];
        IReadOnlyDictionary<string, string> runtimeEnv = new Dictionary<string, string>();
        if (ToolchainFor(manifest.Build?.Toolchain, [], manifest.Image.Base == "busybox") is { IsSuccess: true } runtime)
        {
            (runtimeMounts, runtimeEnv) = Apply(runtime.Value);
        }
        // Kits stay visible too (interpreted targets import them at run time).
        var runtimeKits = ResolveKits(manifest.AllKits, options.KitsDirectory);
        if (!runtimeKits.IsSuccess)
        {
            return new TraceOutcome(null, [], runtimeKits.Error);
        }
        runtimeMounts = [.. runtimeMounts, .. runtimeKits.Value.Mounts];
        runtimeEnv = new Dictionary<string, string>(runtimeEnv.Concat(runtimeKits.Value.Environment).GroupBy(kv => kv.Key).Select(g => g.Last()));
        var commit = GitCommit(target);
        var runs = new List<TraceRunResult>();
        var tracesDir = Path.Combine(output, "traces");
        Directory.CreateDirectory(tracesDir);
        foreach (var workload in workloads)
        {
            var seeds = options.Seeds is { } n ? Enumerable.Range(0, n).Select(i => options.SeedStart + i).ToArray() : workload.Seeds;
            foreach (var seed in seeds)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }
                var run = await RunWorkloadAsync(manifest, workload, seed, target, targetDir, report, output, tracesDir, runId, commit, (runtimeMounts, runtimeEnv), onLog, cancellationToken).ConfigureAwait(false);
                runs.Add(run);
                say(Describe(run));
            }
        }
        var summary = new TraceSummary(manifest.Name, sandbox.Kind, sandbox.IsIsolated, report, runs, output);
        await File.WriteAllTextAsync(Path.Combine(output, "trace-summary.json"), JsonSerializer.Serialize(SummaryJson(summary), Json), CancellationToken.None).ConfigureAwait(false);
        return new TraceOutcome(summary, [], null);
    }

    private async Task<SandboxResult<(BuildReport Report, string? TargetDir)>> BuildAsync(HarnessManifest manifest, string target, TraceOptions options, string runId,
        Action<string> say, Action<LogLine>? onLog, CancellationToken cancellationToken)
    {
        ImageRef? baseImage = null;
        if (images is not null)
        {
            SandboxResult<ImageRef> ensured;
            if (manifest.Image.Base == "debian")
            {
                ensured = await images.EnsureDebianImageAsync(manifest.Image.Packages, say, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var rootfs = BusyboxRootfs.Create();
                if (!rootfs.IsSuccess)
                {
                    return rootfs.Error!;
                }
                ensured = await images.EnsureBaseImageAsync(rootfs.Value, cancellationToken).ConfigureAwait(false);
            }
            if (!ensured.IsSuccess)
            {
                return ensured.Error!;
            }
            baseImage = ensured.Value;
            say($"base image {baseImage.Tag} {(baseImage.Cached ? "cached" : "built")} in {Seconds(baseImage.Elapsed)}");
        }
        if (manifest.Build is not { } build)
        {
            return (new BuildReport(baseImage, true, TimeSpan.Zero, baseImage), (string?)null);
        }

        var started = clock.GetTimestamp();
        var kits = ResolveKits(manifest.AllKits, options.KitsDirectory);
        if (!kits.IsSuccess)
        {
            return kits.Error!;
        }
        var mounts = new List<ReadOnlyMount>(kits.Value.Mounts);
        var env = new Dictionary<string, string>(kits.Value.Environment);
        var identity = new StringBuilder(kits.Value.Identity).Append(manifest.Image.Base).Append(string.Join(',', manifest.Image.Packages));
        var kitPaths = kits.Value.Paths;
        var toolchain = ToolchainFor(build.Toolchain, kitPaths, manifest.Image.Base == "busybox");
        if (toolchain is { IsSuccess: false })
        {
            return toolchain.Value.Error!;
        }
        if (toolchain is { } view)
        {
            var (toolMounts, toolEnv) = Apply(view.Value);
            mounts.AddRange(toolMounts);
            foreach (var (k, v) in toolEnv)
            {
                env[k] = v;
            }
            identity.Append(view.Value.Identity);
        }

        // The build cache key: the source tree, the kits, the toolchain and the build section.
        var key = Hash($"{HashDirectory(target)}\n{identity}\n{build.Command}\n{string.Join(',', build.Outputs)}\n{sandbox.Kind}");
        var cacheRoot = options.CacheDirectory ?? Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".cache", "specula", "builds");
        var cached = Path.Combine(cacheRoot, key[..16]);
        var cacheHit = build.Outputs.All(o => File.Exists(Path.Combine(cached, o)));
        if (!cacheHit)
        {
            var shown = string.Join(' ', build.Command.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            say($"building {manifest.Name} ({(shown.Length > 80 ? shown[..77] + "..." : shown)})");
            var buildOut = Path.Combine(cacheRoot, key[..16] + ".partial-" + Guid.NewGuid().ToString("N")[..6]);
            env["SPECULA_SRC"] = images is null ? target : SourcePath;
            mounts.Add(new ReadOnlyMount(target, images is null ? target : SourcePath));
            var spec = new RunSpec
            {
                Image = baseImage?.Tag ?? "",
                Command = ["/bin/sh", "-c", build.Command],
                Environment = env,
                WorkingDirectory = images is null ? target : SourcePath,
                Timeout = build.Timeout,
                Limits = build.Limits,
                ReadOnlyMounts = mounts,
                RunId = runId,
                Name = manifest.Name + "-build",
            };
            var result = await sandbox.RunAsync(spec, buildOut, onLog, cancellationToken).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                return result.Error!;
            }
            if (!result.Value.Succeeded)
            {
                var tail = string.Join('\n', result.Value.Stderr.Split('\n').TakeLast(15));
                TryDelete(buildOut);
                return new SandboxError(SandboxErrorCodes.ImageBuildFailed, $"The build of {manifest.Name} {(result.Value.Status == RunStatus.Exited ? $"exited with {result.Value.ExitCode}" : result.Value.Status.ToString().ToLowerInvariant())}:\n{tail}");
            }
            var missing = build.Outputs.Where(o => !File.Exists(Path.Combine(buildOut, o))).ToArray();
            if (missing.Length > 0)
            {
                TryDelete(buildOut);
                return new SandboxError(SandboxErrorCodes.ImageBuildFailed, $"The build of {manifest.Name} did not write {string.Join(", ", missing)} to $SPECULA_OUT.");
            }
            TryDelete(cached);
            try
            {
                Directory.Move(buildOut, cached);
            }
            catch (IOException) when (build.Outputs.All(o => File.Exists(Path.Combine(cached, o))))
            {
                TryDelete(buildOut); // a concurrent session built the same target first: same hash, same result
            }
        }
        var buildTime = clock.GetElapsedTime(started);
        say($"target {manifest.Name} {(cacheHit ? "cached" : "built")} in {Seconds(buildTime)} ({string.Join(", ", build.Outputs.Select(o => $"{o} {new FileInfo(Path.Combine(cached, o)).Length / 1024} KiB"))})");

        ImageRef? targetImage = null;
        if (images is not null)
        {
            var layer = new ImageLayer();
            foreach (var o in build.Outputs)
            {
                layer.Add(LayerEntry.File($"{TargetPath}/{o}", await File.ReadAllBytesAsync(Path.Combine(cached, o), cancellationToken).ConfigureAwait(false), (UnixFileMode)0b111_101_101));
            }
            var ensured = await images.EnsureTargetImageAsync(baseImage!, manifest.Name, layer, cancellationToken).ConfigureAwait(false);
            if (!ensured.IsSuccess)
            {
                return ensured.Error!;
            }
            targetImage = ensured.Value;
            say($"target image {targetImage.Tag} {(targetImage.Cached ? "cached" : "built")} in {Seconds(targetImage.Elapsed)}");
        }
        return (new BuildReport(baseImage, cacheHit, buildTime, targetImage), cached);
    }

    private async Task<TraceRunResult> RunWorkloadAsync(HarnessManifest manifest, Workload workload, long seed, string target, string? targetDir, BuildReport build,
        string output, string tracesDir, string runId, string? commit, (IReadOnlyList<ReadOnlyMount> Mounts, IReadOnlyDictionary<string, string> Environment) runtime,
        Action<LogLine>? onLog, CancellationToken cancellationToken)
    {
        var startedAt = clock.GetUtcNow();
        var started = clock.GetTimestamp();
        var seedText = seed.ToString(CultureInfo.InvariantCulture);
        var runDir = Path.Combine(output, "runs", workload.Name, "seed-" + seedText);
        TryDelete(runDir);
        var docker = images is not null;
        var env = new Dictionary<string, string>(runtime.Environment)
        {
            ["SPECULA_SEED"] = seedText,
            ["SPECULA_WORKLOAD"] = workload.Name,
            ["SPECULA_FAULTS"] = string.Join(',', workload.TargetFaults),
            ["SPECULA_SRC"] = docker ? SourcePath : target,
            ["SPECULA_TARGET"] = docker ? TargetPath : targetDir ?? target,
        };
        var spec = new RunSpec
        {
            Image = build.TargetImage?.Tag ?? build.BaseImage?.Tag ?? "",
            Command = ["/bin/sh", "-c", workload.Command],
            Environment = env,
            WorkingDirectory = docker ? "/work" : null,
            Timeout = workload.Timeout,
            Limits = workload.Limits,
            ReadOnlyMounts = [new ReadOnlyMount(target, docker ? SourcePath : target), .. runtime.Mounts],
            RunId = runId,
            Name = $"{manifest.Name}-{workload.Name}-{seedText}",
            Faults = workload.SandboxFaults,
        };
        var result = workload.Nodes.Count == 0
            ? await RunSingleAsync(spec, workload, runDir, onLog, cancellationToken).ConfigureAwait(false)
            : await RunPodAsync(workload, spec, runDir, onLog, cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            return new TraceRunResult(workload.Name, seed, RunStatus.Exited, -1, TimeSpan.Zero, clock.GetElapsedTime(started), [], workload.TargetFaults, result.Error);
        }
        var (outcome, planned, appliedText) = result.Value;
        var faults = workload.TargetFaults.Concat(appliedText).ToArray();

        var produced = Directory.Exists(Path.Combine(runDir, manifest.Traces.Directory))
            ? Directory.GetFiles(Path.Combine(runDir, manifest.Traces.Directory), manifest.Traces.Pattern, SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal).ToArray()
            : [];
        var reports = new List<TraceFileReport>();
        foreach (var file in produced)
        {
            var stem = produced.Length == 1 ? "" : "-" + Path.GetFileNameWithoutExtension(file);
            var name = $"{workload.Name}-seed{seedText}{stem}";
            var dest = Path.Combine(tracesDir, name + ".ndjson");
            File.Copy(file, dest, overwrite: true);
            AppendSandboxFaultEvents(dest, planned);
            var report = TraceFileValidator.ValidateFile(dest);
            reports.Add(report);
            var meta = new
            {
                schema = "specula.trace-meta/v1",
                system = manifest.Name,
                commit,
                workload = workload.Name,
                seed,
                faults,
                nodes = report.Nodes,
                startTime = startedAt.ToString("O", CultureInfo.InvariantCulture),
                sandbox = new { kind = sandbox.Kind, isolated = sandbox.IsIsolated, image = spec.Image },
                status = outcome.Status.ToString(),
                exitCode = outcome.ExitCode,
                durationMs = (long)outcome.Duration.TotalMilliseconds,
                events = report.Events,
                bytes = report.Bytes,
                valid = report.IsValid,
                diagnostics = report.Diagnostics,
            };
            await File.WriteAllTextAsync(Path.Combine(tracesDir, name + ".meta.json"), JsonSerializer.Serialize(meta, Json), CancellationToken.None).ConfigureAwait(false);
        }
        return new TraceRunResult(workload.Name, seed, outcome.Status, outcome.ExitCode, outcome.Duration, clock.GetElapsedTime(started), reports, faults, null);
    }

    private async Task<SandboxResult<(RunOutcome Outcome, IReadOnlyList<PlannedFault> Planned, IReadOnlyList<string> Applied)>> RunSingleAsync(
        RunSpec spec, Workload workload, string runDir, Action<LogLine>? onLog, CancellationToken cancellationToken)
    {
        var result = await sandbox.RunAsync(spec, runDir, onLog, cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            return result.Error!;
        }
        var outcome = result.Value;
        var planned = workload.SandboxFaults.OrderBy(f => f.At).Take(outcome.AppliedFaults.Count)
            .Select(f => new PlannedFault("Pause", "Unpause", null, f.At, f.Duration)).ToArray();
        var applied = outcome.AppliedFaults.Select(f => string.Create(CultureInfo.InvariantCulture, $"pause@{f.Start.TotalSeconds:0.0}s-{f.End.TotalSeconds:0.0}s")).ToArray();
        return (outcome, (IReadOnlyList<PlannedFault>)planned, (IReadOnlyList<string>)applied);
    }

    /// <summary>Runs a pod workload: one container per node plus the driver, on a private network of their own.</summary>
    private async Task<SandboxResult<(RunOutcome Outcome, IReadOnlyList<PlannedFault> Planned, IReadOnlyList<string> Applied)>> RunPodAsync(
        Workload workload, RunSpec driver, string runDir, Action<LogLine>? onLog, CancellationToken cancellationToken)
    {
        if (pods is null)
        {
            return new SandboxError(SandboxErrorCodes.InvalidSpec, $"Workload '{workload.Name}' runs several nodes (a pod), which needs the Docker sandbox.",
                "Run without --sandbox process.");
        }
        var specs = workload.Nodes
            .Select(n => driver with { Name = n.Name, Command = ["/bin/sh", "-c", n.Command] })
            .Append(driver with { Name = "driver" })
            .ToArray();
        var pod = new Docker.PodSpec(driver.Name, driver.RunId, specs, workload.Timeout, workload.NodeFaults);
        var result = await pods.RunAsync(pod, runDir, onLog is null ? null : (_, line) => onLog(line), cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            return result.Error!;
        }
        var p = result.Value;
        var d = p.Nodes.GetValueOrDefault("driver");
        var outcome = new RunOutcome(p.Status, d?.ExitCode ?? -1, d?.Stdout ?? "", d?.Stderr ?? "", p.Duration, p.OutputFiles);
        var planned = workload.NodeFaults.OrderBy(f => f.At).Take(p.AppliedFaults.Count)
            .Select(f => f.Kind switch
            {
                Docker.NodeFaultKind.Pause => new PlannedFault("Pause", "Unpause", f.Node, f.At, f.Duration),
                Docker.NodeFaultKind.Disconnect => new PlannedFault("Disconnect", "Reconnect", f.Node, f.At, f.Duration),
                _ => new PlannedFault("Kill", "Restart", f.Node, f.At, f.Duration),
            }).ToArray();
        var applied = p.AppliedFaults.Select(f => string.Create(CultureInfo.InvariantCulture,
            $"{FaultName(f.Kind)}:{f.Node}@{f.Start.TotalSeconds:0.0}s-{f.End.TotalSeconds:0.0}s")).ToArray();
        return (outcome, (IReadOnlyList<PlannedFault>)planned, (IReadOnlyList<string>)applied);
    }

    private static string FaultName(Docker.NodeFaultKind kind) => kind switch
    {
        Docker.NodeFaultKind.Pause => "pause",
        Docker.NodeFaultKind.Disconnect => "disconnect",
        _ => "kill",
    };

    /// <summary>A fault as planned in the manifest, recorded in traces as a pair of events of node "sandbox".</summary>
    private sealed record PlannedFault(string StartEvent, string EndEvent, string? Node, TimeSpan At, TimeSpan Duration);

    /// <summary>Records the faults the sandbox injected from outside as events of a node named "sandbox" at the end of the trace
    /// (a frozen or killed process cannot write them itself). Only planned values go in the trace, so it stays
    /// reproducible; the measured times are in the .meta.json.</summary>
    private static void AppendSandboxFaultEvents(string trace, IReadOnlyList<PlannedFault> planned)
    {
        if (planned.Count == 0)
        {
            return;
        }
        using var writer = new StreamWriter(trace, append: true);
        var seq = 0;
        foreach (var fault in planned)
        {
            foreach (var (name, active) in new[] { (fault.StartEvent, true), (fault.EndEvent, false) })
            {
                seq++;
                var args = new SortedDictionary<string, object>(StringComparer.Ordinal)
                {
                    ["kind"] = fault.StartEvent,
                    ["plannedAtMs"] = (long)fault.At.TotalMilliseconds,
                    ["forMs"] = (long)fault.Duration.TotalMilliseconds,
                };
                if (fault.Node is not null)
                {
                    args["target"] = fault.Node;
                }
                var line = new
                {
                    tag = "trace",
                    v = 1,
                    seq,
                    node = "sandbox",
                    @event = name,
                    args,
                    state = new { faulted = active },
                    clock = new Dictionary<string, int> { ["sandbox"] = seq },
                };
                writer.Write(JsonSerializer.Serialize(line));
                writer.Write('\n');
            }
        }
    }

    /// <summary>Kits resolved to mounts (read-only), variables (SPECULA_KIT_X; PYTHONPATH for python) and an identity for the cache key.</summary>
    private sealed record KitView(IReadOnlyList<ReadOnlyMount> Mounts, IReadOnlyDictionary<string, string> Environment, string Identity, IReadOnlyList<string> Paths);

    private SandboxResult<KitView> ResolveKits(IReadOnlyList<string> names, string? configured)
    {
        var root = FindKits(configured);
        var mounts = new List<ReadOnlyMount>();
        var env = new Dictionary<string, string>();
        var identity = new StringBuilder();
        var paths = new List<string>();
        foreach (var kit in names)
        {
            if (root is null || !Directory.Exists(Path.Combine(root, kit)))
            {
                return SandboxResult<KitView>.Fail(SandboxErrorCodes.ImageInputMissing, $"The target uses the '{kit}' tracing kit, but sandboxes/kits/{kit} was not found.",
                    "Set SPECULA_KITS to the sandboxes/kits folder of a Specula checkout.");
            }
            var host = Path.Combine(root, kit);
            var inside = images is null ? host : $"{KitsPath}/{kit}";
            mounts.Add(new ReadOnlyMount(host, inside));
            paths.Add(inside);
            env[$"SPECULA_KIT_{kit.ToUpperInvariant()}"] = inside;
            if (kit == "python")
            {
                env["PYTHONPATH"] = inside;
                env["PYTHONDONTWRITEBYTECODE"] = "1";
            }
            identity.Append(HashDirectory(host));
        }
        return new KitView(mounts, env, identity.ToString(), paths);
    }

    private static SandboxResult<ToolchainView>? ToolchainFor(string? name, IReadOnlyList<string> kitPaths, bool hostLibc) => name switch
    {
        "go" => Toolchains.Go(kitPaths, hostLibc),
        "dotnet" => Toolchains.DotNet(hostLibc),
        _ => (SandboxResult<ToolchainView>?)null,
    };

    /// <summary>The mounts and variables of a toolchain for this sandbox: containers get its container-only variables;
    /// local processes keep the user's homes and caches (Go's cache goes to a temp folder) and get PATH prepended.</summary>
    private (IReadOnlyList<ReadOnlyMount> Mounts, IReadOnlyDictionary<string, string> Environment) Apply(ToolchainView view)
    {
        var env = new Dictionary<string, string>(view.Environment);
        if (images is not null)
        {
            foreach (var (k, v) in view.ContainerEnvironment ?? new Dictionary<string, string>())
            {
                env[k] = v;
            }
            return (view.Mounts, env);
        }
        if (view.ContainerEnvironment?.TryGetValue("PATH", out var path) == true)
        {
            env["PATH"] = string.Join(':', path.Split(':').Where(p => p is not "/bin" and not "/usr/bin")) + ":" + System.Environment.GetEnvironmentVariable("PATH");
        }
        if (view.ContainerEnvironment?.ContainsKey("GOCACHE") == true)
        {
            env["GOCACHE"] = Path.Combine(Path.GetTempPath(), "specula-go-cache");
        }
        return ([], env);
    }

    private static string Describe(TraceRunResult r)
    {
        var head = $"  {r.Workload} seed {r.Seed}: ";
        if (r.Error is not null)
        {
            return head + "error " + r.Error;
        }
        var status = r.Status == RunStatus.Exited ? $"exit {r.ExitCode}" : r.Status.ToString().ToLowerInvariant();
        var traces = r.Traces.Count == 0 ? "no traces"
            : string.Join("; ", r.Traces.Select(t => $"{Path.GetFileName(t.Path)} {t.Events} events {t.Bytes / 1024.0:0.0} KiB{(t.IsValid ? "" : $" INVALID ({t.Diagnostics[0].Code} line {t.Diagnostics[0].Line}: {t.Diagnostics[0].Message})")}"));
        var faults = r.Faults.Count == 0 ? "" : $", faults {string.Join(",", r.Faults)}";
        return head + $"{status} in {Seconds(r.RunTime)} (start to trace {Seconds(r.StartToTrace)}){faults}: {traces}";
    }

    private static object SummaryJson(TraceSummary s) => new
    {
        schema = "specula.trace-summary/v1",
        system = s.System,
        sandbox = s.Sandbox,
        isolated = s.Isolated,
        build = new
        {
            base_image = s.Build.BaseImage?.Tag,
            base_image_cached = s.Build.BaseImage?.Cached,
            base_image_ms = (long?)s.Build.BaseImage?.Elapsed.TotalMilliseconds,
            build_cached = s.Build.BuildCached,
            build_ms = (long)s.Build.BuildTime.TotalMilliseconds,
            target_image = s.Build.TargetImage?.Tag,
            target_image_cached = s.Build.TargetImage?.Cached,
            target_image_ms = (long?)s.Build.TargetImage?.Elapsed.TotalMilliseconds,
        },
        runs = s.Runs.Select(r => new
        {
            workload = r.Workload,
            seed = r.Seed,
            status = r.Status.ToString(),
            exit_code = r.ExitCode,
            run_ms = (long)r.RunTime.TotalMilliseconds,
            start_to_trace_ms = (long)r.StartToTrace.TotalMilliseconds,
            faults = r.Faults,
            error = r.Error?.ToString(),
            traces = r.Traces.Select(t => new { file = Path.GetFileName(t.Path), events = t.Events, bytes = t.Bytes, valid = t.IsValid, nodes = t.Nodes }),
        }),
    };

    private static string? FindKits(string? configured)
    {
        if (configured is not null)
        {
            return Path.GetFullPath(configured);
        }
        if (System.Environment.GetEnvironmentVariable("SPECULA_KITS") is { Length: > 0 } env)
        {
            return Path.GetFullPath(env);
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "sandboxes", "kits");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    private static string HashDirectory(string root)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith(".git/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal)
                && !f.StartsWith("traces/", StringComparison.Ordinal) && !f.StartsWith("out/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var f in files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(f + "\0"));
            sha.AppendData(File.ReadAllBytes(Path.Combine(root, f)));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string? GitCommit(string dir)
    {
        try
        {
            var info = new ProcessStartInfo("git", ["-C", dir, "rev-parse", "HEAD"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var p = System.Diagnostics.Process.Start(info);
            if (p is null)
            {
                return null;
            }
            var sha = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return p.ExitCode == 0 && sha.Length >= 40 ? sha : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (IOException)
        {
            // Left for the next run to overwrite.
        }
    }

    private static TraceOutcome Fail(string code, string message, string? hint = null) => new(null, [], new SandboxError(code, message, hint));

    internal static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + "s";
}
