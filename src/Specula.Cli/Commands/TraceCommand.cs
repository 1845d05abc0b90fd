using System.CommandLine;
using System.Globalization;
using System.Net.Http;
using Docker.DotNet;
using Specula.Repos;
using Specula.Repos.Git;
using Specula.Sandboxes;
using Specula.Sandboxes.Docker;
using Specula.Sandboxes.Images;
using Specula.Sandboxes.Manifest;
using Specula.Sandboxes.Process;
using Specula.Sandboxes.Tracing;

namespace Specula.Cli.Commands;

/// <summary>
/// <c>specula trace</c>: build a target in a sandbox, run its workloads per seed, collect and validate the traces.
/// The target is a folder holding <c>specula.yaml</c>, or a repository (an address, or a repository's root folder)
/// that is opened with <see cref="RepositorySource"/>: cloned into the cache or fetched, and traced on its work tree.
/// </summary>
internal static class TraceCommand
{
    /// <summary>Exit code when every run left valid traces.</summary>
    public const int Ok = 0;

    /// <summary>Exit code when a run failed or a trace is invalid.</summary>
    public const int RunsFailed = 1;

    /// <summary>Exit code for an invalid manifest or arguments.</summary>
    public const int BadInput = 2;

    /// <summary>Exit code when the sandbox (Docker) is unavailable or the build failed.</summary>
    public const int SandboxUnavailable = 3;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var target = new Argument<string>("target") { Description = "Folder of the target system (holding specula.yaml), or a git repository: its address (https, ssh, file://) or its root folder" };
        var workload = new Option<string?>("--workload") { Description = "Run only this workload" };
        var seeds = new Option<int?>("--seeds") { Description = "Run N seeds per workload instead of the manifest's" };
        var seedStart = new Option<long>("--seed-start") { Description = "First seed with --seeds", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out") { Description = "Output folder (default: runs/trace/<target>)" };
        var sandbox = new Option<string>("--sandbox") { Description = "docker (isolated, default) or process (NOT isolated, for machines without Docker)", DefaultValueFactory = _ => "docker" };
        sandbox.AcceptOnlyFromAmong("docker", "process");
        var verbose = new Option<bool>("--verbose") { Description = "Print the sandboxed commands' output" };
        var repoCache = new Option<string?>("--repo-cache") { Description = "Where repositories are cloned (default: ~/.cache/specula/repos)" };
        var branch = new Option<string?>("--branch") { Description = "Branch of the repository to trace (a local work tree is then cloned into the cache, never switched)" };

        var command = new Command("trace", "Build a target in a sandbox, run its workloads for each seed, and collect and validate its traces")
        {
            target, workload, seeds, seedStart, output, sandbox, verbose, repoCache, branch,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(target)!;
            if (parse.GetValue(seeds) is < 1)
            {
                await stderr.WriteLineAsync("error SBX007: --seeds must be at least 1.").ConfigureAwait(false);
                return BadInput;
            }
            var branchName = parse.GetValue(branch);
            LocalRepository? repository = null;
            try
            {
                string folder;
                string name;
                if (RepositorySource.IsAddress(path) || RepositorySource.IsRepositoryRoot(path))
                {
                    var options = new RepositoryOptions { CacheDirectory = parse.GetValue(repoCache), Branch = branchName };
                    var opened = await RepositorySource.OpenAsync(path, options, new RepositoryProgressPrinter(stdout, path), cancellationToken).ConfigureAwait(false);
                    if (opened.Error is { } error)
                    {
                        if (error.Code == RepoErrorCodes.Cancelled)
                        {
                            await stderr.WriteLineAsync("cancelled.").ConfigureAwait(false);
                            return ExitCodes.Cancelled;
                        }
                        await stderr.WriteLineAsync($"error {error.Code}: {error.Message}").ConfigureAwait(false);
                        return BadInput;
                    }
                    repository = opened.Repository!;
                    folder = repository.WorkTree;
                    name = RepositoryName(path);
                    var where = repository.IsCachedClone ? $"cloned in {folder}" : "in place";
                    await stdout.WriteLineAsync($"repository {SecretRedactor.RedactCommon(path)} at {repository.HeadCommit?[..12] ?? "(no commits)"}{(repository.Branch is { } b ? $" ({b})" : "")}, {where}").ConfigureAwait(false);
                    if (!File.Exists(Path.Combine(folder, HarnessManifest.FileName)))
                    {
                        await stderr.WriteLineAsync($"error SBX007: the repository {SecretRedactor.RedactCommon(path)} has no {HarnessManifest.FileName} at its root; add a harness manifest there (see sandboxes/README.md) or pass the folder that holds one.").ConfigureAwait(false);
                        return BadInput;
                    }
                }
                else if (!Directory.Exists(path))
                {
                    await stderr.WriteLineAsync($"error SBX007: no folder '{path}'.").ConfigureAwait(false);
                    return BadInput;
                }
                else if (branchName is not null)
                {
                    await stderr.WriteLineAsync($"error SBX007: --branch needs a repository, and '{path}' is a plain folder; pass the repository's root or its address.").ConfigureAwait(false);
                    return BadInput;
                }
                else
                {
                    folder = path;
                    name = new DirectoryInfo(path).Name;
                }
                var traceOptions = new TraceOptions
                {
                    TargetDirectory = folder,
                    OutputDirectory = parse.GetValue(output) ?? Path.Combine("runs", "trace", name),
                    Workload = parse.GetValue(workload),
                    Seeds = parse.GetValue(seeds),
                    SeedStart = parse.GetValue(seedStart),
                };
                var printLogs = parse.GetValue(verbose);
                Action<LogLine>? onLog = printLogs ? line => stdout.WriteLine($"    | {(line.Source == LogSource.Stderr ? "!" : " ")} {line.Text}") : null;
                return await RunAsync(parse.GetValue(sandbox) ?? "docker", traceOptions, onLog, stdout, stderr, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                repository?.Dispose();
            }
        });
        return command;
    }

    // "https://host/team/raft.git" → "raft"; a folder → its name.
    private static string RepositoryName(string urlOrPath)
    {
        var trimmed = urlOrPath.TrimEnd('/', '\\');
        var last = trimmed[(trimmed.LastIndexOfAny(['/', '\\', ':']) + 1)..];
        if (last.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            last = last[..^4];
        }
        return last.Length == 0 || last.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.')) ? "repository" : last;
    }

    private static async Task<int> RunAsync(string kind, TraceOptions options, Action<LogLine>? onLog, TextWriter stdout, TextWriter stderr, CancellationToken invocationToken)
    {
        // Ctrl-C and SIGTERM cancel the session so containers are killed and removed before the process exits;
        // a second Ctrl-C exits at once (the sweeper removes what is left on the next run).
        using var interruption = Interruption.Listen(invocationToken);
        var cancellationToken = interruption.Token;
        var clock = TimeProvider.System;
        DockerConnection? connection = null;
        try
        {
            ISandbox sandbox;
            ImageBuilder? images = null;
            if (kind == "process")
            {
                sandbox = new ProcessSandbox(clock);
                await stderr.WriteLineAsync("warning: --sandbox process runs the target as a local process with no isolation (network, files and privileges are yours).").ConfigureAwait(false);
            }
            else
            {
                var connected = await DockerConnection.ConnectAsync(cancellationToken).ConfigureAwait(false);
                if (!connected.IsSuccess)
                {
                    await WriteErrorAsync(stderr, connected.Error!).ConfigureAwait(false);
                    return SandboxUnavailable;
                }
                connection = connected.Value;
                await stdout.WriteLineAsync($"docker {connection.ServerVersion} (API {connection.ApiVersion}) at {connection.Endpoint}").ConfigureAwait(false);
                var swept = await new Sweeper(connection, clock).SweepAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                if (swept.Containers.Count + swept.Volumes.Count + swept.Networks.Count > 0)
                {
                    await stdout.WriteLineAsync($"removed {swept.Containers.Count} container(s), {swept.Volumes.Count} volume(s) and {swept.Networks.Count} network(s) left by earlier runs").ConfigureAwait(false);
                }
                sandbox = new DockerSandbox(connection, clock);
                images = new ImageBuilder(connection, clock);
            }

            var runner = new TraceRunner(sandbox, images, clock, connection is null ? null : new DockerPod(connection, clock));
            var outcome = await runner.RunAsync(options, line => stdout.WriteLine(line), onLog, cancellationToken).ConfigureAwait(false);
            if (outcome.ManifestDiagnostics.Count > 0)
            {
                foreach (var d in outcome.ManifestDiagnostics)
                {
                    await stderr.WriteLineAsync(d.ToString()).ConfigureAwait(false);
                }
                await stderr.WriteLineAsync($"{outcome.ManifestDiagnostics.Count} error(s) in the manifest.").ConfigureAwait(false);
                return BadInput;
            }
            if (outcome.Error is { } error)
            {
                await WriteErrorAsync(stderr, error).ConfigureAwait(false);
                return error.Code == SandboxErrorCodes.InvalidSpec ? BadInput : SandboxUnavailable;
            }
            var summary = outcome.Summary!;
            var traces = summary.Runs.SelectMany(r => r.Traces).ToArray();
            var valid = traces.Count(t => t.IsValid);
            var bytes = traces.Sum(t => t.Bytes);
            var events = traces.Sum(t => t.Events);
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{summary.Runs.Count(r => r.Succeeded)}/{summary.Runs.Count} runs ok, {valid}/{traces.Length} traces valid, {events} events, {bytes / 1024.0:0.0} KiB in {Path.Combine(summary.OutputDirectory, "traces")}")).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                await stderr.WriteLineAsync("cancelled; the sandboxes were removed.").ConfigureAwait(false);
                return ExitCodes.Cancelled;
            }
            return summary.Succeeded ? Ok : RunsFailed;
        }
        catch (Exception ex) when (ex is DockerApiException or HttpRequestException or IOException)
        {
            await WriteErrorAsync(stderr, new SandboxError(SandboxErrorCodes.ContainerFailed, $"The sandbox failed: {ex.Message}")).ConfigureAwait(false);
            return SandboxUnavailable;
        }
        finally
        {
            connection?.Dispose();
        }
    }

    private static async Task WriteErrorAsync(TextWriter stderr, SandboxError error)
    {
        await stderr.WriteLineAsync($"error {error.Code}: {error.Message}").ConfigureAwait(false);
        if (error.Hint is not null)
        {
            await stderr.WriteLineAsync($"  hint: {error.Hint}").ConfigureAwait(false);
        }
    }
}
