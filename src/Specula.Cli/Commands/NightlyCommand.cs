using System.CommandLine;
using System.Globalization;
using System.Text;
using Specula.Agents.Llm;
using Specula.Agents.Nightly;
using Specula.Agents.Reasoning;

namespace Specula.Cli.Commands;

/// <summary>
/// <c>specula nightly</c>: watch the targets of nightly.yaml: fetch, re-trace and re-validate what changed, repair
/// drift within budget, report on GitHub. Exit codes are for CI (<see cref="NightlyExitCodes"/>).
/// </summary>
internal static class NightlyCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr) => Create(stdout, stderr, Environment.GetEnvironmentVariable);

    /// <summary>The command with its environment given (tests pass their own, so they share no process state).</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
    {
        var config = new Option<string>("--config") { Description = "The nightly configuration (nightly.yaml): targets, spec folders, workloads, budgets, GitHub", Required = true };
        var stateDir = new Option<string?>("--state-dir") { Description = "Where state, clones, run folders and nightly-summary.json live (default: the config's stateDir, else .specula-nightly beside the config)" };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON (specula.nightly-summary/v1) on stdout; progress goes to stderr" };
        var wait = new Option<int>("--wait") { Description = "Seconds to wait for another nightly holding the state folder before giving up (exit 3)", DefaultValueFactory = _ => 600 };
        var force = new Option<bool>("--force") { Description = "Check every target even when nothing changed since its last good check" };
        var artifacts = new Option<string?>("--artifacts-url") { Description = "Where people find the run folders (e.g. the CI run's page), linked from GitHub issues and statuses" };
        var command = new Command("nightly", "Watch targets every night: re-trace and re-validate what changed, repair drift within budget, report on GitHub")
        {
            config, stateDir, json, wait, force, artifacts,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(config)!, parse.GetValue(stateDir), parse.GetValue(json), parse.GetValue(wait), parse.GetValue(force), parse.GetValue(artifacts),
            environment, stdout, stderr, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string configPath, string? stateDir, bool json, int wait, bool force, string? artifactsUrl,
        Func<string, string?> environment, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var loaded = NightlyConfigLoader.LoadFile(configPath);
        if (!loaded.IsSuccess)
        {
            foreach (var error in loaded.Errors)
            {
                await stderr.WriteLineAsync(error.ToString()).ConfigureAwait(false);
            }
            await stderr.WriteLineAsync($"{loaded.Errors.Count} error(s) in {configPath}.").ConfigureAwait(false);
            return NightlyExitCodes.Error;
        }
        Uri? artifacts = null;
        if (artifactsUrl is not null && (!Uri.TryCreate(artifactsUrl, UriKind.Absolute, out artifacts) || artifacts.Scheme is not ("http" or "https")))
        {
            await stderr.WriteLineAsync($"error: --artifacts-url '{artifactsUrl}' is not an http(s) address.").ConfigureAwait(false);
            return NightlyExitCodes.Error;
        }
        var cfg = loaded.Config!;
        var state = stateDir ?? cfg.StateDir ?? Path.Combine(Path.GetDirectoryName(cfg.Path)!, ".specula-nightly");
        var progress = json ? stderr : stdout;
        var clock = TimeProvider.System;
        var services = new NightlyServices(clock, environment, new SandboxTraceRunners(clock), _ => Reasoner(environment, clock), line => progress.WriteLine(line));
        var options = new NightlyOptions
        {
            Config = cfg,
            StateDir = state,
            LockWait = TimeSpan.FromSeconds(Math.Max(0, wait)),
            Force = force,
            ArtifactsUrl = artifacts,
            Secrets = [.. new[] { environment(LlmOptions.ApiKeyVariable) }.OfType<string>()],
        };
        var result = await new NightlyRunner(services).RunAsync(options, cancellationToken).ConfigureAwait(false);
        if (result.Summary is not { } summary)
        {
            return result.ExitCode;
        }
        if (json)
        {
            await stdout.WriteLineAsync(summary.ToJson()).ConfigureAwait(false);
        }
        else
        {
            await stdout.WriteLineAsync(Table(summary)).ConfigureAwait(false);
            await stdout.WriteLineAsync($"summary: {Path.Combine(Path.GetFullPath(state), NightlyRunner.SummaryFile)}").ConfigureAwait(false);
            await stdout.WriteLineAsync($"exit {summary.ExitCode}: {Meaning(summary.ExitCode)}").ConfigureAwait(false);
        }
        return summary.ExitCode;
    }

    /// <summary>A language model when one is configured in the environment; none otherwise (drift is then reported unrepaired).</summary>
    private static LlmReasoner? Reasoner(Func<string, string?> environment, TimeProvider clock)
    {
        var (options, _) = LlmOptions.Resolve(null, null, null, null, environment);
        return options is null ? null : new LlmReasoner(options, clock);
    }

    /// <summary>The summary as a plain table: target, status, commit, what happened, where the artifacts are.</summary>
    internal static string Table(NightlySummary summary)
    {
        var rows = summary.Targets.Select(t => new[]
        {
            t.Name,
            NightlyRunner.StatusName(t.Status),
            t.Commit is { Length: > 12 } c ? c[..12] : t.Commit ?? "-",
            t.Summary,
        }).ToList();
        string[] header = ["target", "status", "commit", "summary"];
        var widths = Enumerable.Range(0, 3).Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max()).ToArray();
        var text = new StringBuilder();
        void Row(string[] cells) => text.Append(CultureInfo.InvariantCulture, $"{cells[0].PadRight(widths[0])}  {cells[1].PadRight(widths[1])}  {cells[2].PadRight(widths[2])}  {cells[3]}\n");
        Row(header);
        foreach (var (row, target) in rows.Zip(summary.Targets, (r, t) => (r, t)))
        {
            Row(row);
            foreach (var note in target.Notes)
            {
                text.Append(CultureInfo.InvariantCulture, $"{new string(' ', widths[0] + 2)}note: {note}\n");
            }
            if (target.IssueUrl is { } url)
            {
                text.Append(CultureInfo.InvariantCulture, $"{new string(' ', widths[0] + 2)}issue: {url}\n");
            }
            if (target.RunFolder is { } folder && target.Status != TargetStatus.Unchanged)
            {
                text.Append(CultureInfo.InvariantCulture, $"{new string(' ', widths[0] + 2)}run folder: {folder}\n");
            }
        }
        return text.ToString().TrimEnd('\n');
    }

    private static string Meaning(int code) => code switch
    {
        NightlyExitCodes.Conforming => "every target conforms",
        NightlyExitCodes.Repaired => "drift was found and repaired",
        NightlyExitCodes.Drift => "drift was found and not repaired, or an invariant is violated",
        _ => "a target could not be checked",
    };
}
