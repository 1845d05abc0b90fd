using System.CommandLine;
using System.Globalization;
using Specula.Agents.Checks;
using Specula.Agents.Llm;
using Specula.Agents.Phases;
using Specula.Agents.Plugins;
using Specula.Agents.Reasoning;
using Specula.Agents.Runs;
using Specula.Reports.Model;
using Specula.Repos;
using Specula.Repos.Git;
using Specula.Sandboxes.Docker;
using Specula.Sandboxes.Images;
using Specula.Sandboxes.Process;
using Specula.Sandboxes.Tracing;

namespace Specula.Cli.Commands;

/// <summary><c>specula run</c>: from a repository to a spec that conforms to the system's traces, through the agent loop.</summary>
internal static class RunCommand
{
    /// <summary>Every trace conforms and every invariant holds.</summary>
    public const int Conforming = 0;

    /// <summary>The run ended (budget spent, phases over) without conformance.</summary>
    public const int NotConforming = 1;

    /// <summary>Bad arguments, a bad phase file, a repository that cannot be opened.</summary>
    public const int BadInput = 2;

    /// <summary>No sandbox, or the LLM endpoint is unreachable.</summary>
    public const int Unavailable = 3;

    public static Command Create(TextWriter stdout, TextWriter stderr) => Create(stdout, stderr, Environment.GetEnvironmentVariable);

    /// <summary>Creates the command reading configuration from <paramref name="environment"/> (a seam for tests).</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
    {
        var target = new Argument<string?>("repo") { Description = "Repository URL or local path of the system", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string?>("--out") { Description = "Run folder (default: runs/<repository name>)" };
        var reasoner = new Option<string>("--reasoner") { Description = "synthesizer (also: deterministic; the default, no LLM) or llm", DefaultValueFactory = _ => "synthesizer" };
        reasoner.AcceptOnlyFromAmong("synthesizer", "deterministic", "llm");
        var endpoint = new Option<string?>("--endpoint") { Description = $"OpenAI-compatible base URL or Azure OpenAI resource (default: ${LlmOptions.EndpointVariable}); the key is read from ${LlmOptions.ApiKeyVariable}" };
        var model = new Option<string?>("--model") { Description = $"Model or Azure deployment (default: ${LlmOptions.ModelVariable})" };
        var provider = new Option<string?>("--provider") { Description = "openai or azure (default: from the endpoint)" };
        var maxRounds = new Option<int?>("--max-rounds") { Description = "Reasoner rounds over the whole run (default 30)" };
        var maxTokens = new Option<long?>("--max-tokens") { Description = "Prompt plus completion tokens" };
        var maxCost = new Option<decimal?>("--max-cost", "--budget-usd") { Description = "US dollars, from --price-in/--price-out" };
        var priceIn = new Option<decimal>("--price-in") { Description = "USD per million prompt tokens", DefaultValueFactory = _ => 0m };
        var priceOut = new Option<decimal>("--price-out") { Description = "USD per million completion tokens", DefaultValueFactory = _ => 0m };
        var maxTime = new Option<double?>("--max-time") { Description = "Wall-time budget in seconds" };
        var resume = new Option<string?>("--resume") { Description = "Continue the run in this folder from its last checkpoint" };
        var spec = new Option<string?>("--spec") { Description = "Start from this spec folder instead of drafting one" };
        var traces = new Option<string?>("--traces") { Description = "Use the traces (*.ndjson) in this folder" };
        var sandbox = new Option<string>("--sandbox") { Description = "docker (default), process (NOT isolated) or none", DefaultValueFactory = _ => "docker" };
        sandbox.AcceptOnlyFromAmong("docker", "process", "none");
        var maxStates = new Option<long>("--max-states") { Description = "Distinct states each model-checking step explores at most (a bounded check beyond that)", DefaultValueFactory = _ => 200_000 };
        var repoCache = new Option<string?>("--repo-cache") { Description = "Where repositories given by address are cloned (default: ~/.cache/specula/repos)" };
        var branch = new Option<string?>("--branch") { Description = "Branch of the repository (a local work tree is then cloned into the cache, never switched)" };
        var retries = new Option<int>("--llm-retries") { Description = "Retries of a model call on 429, 5xx and timeouts", DefaultValueFactory = _ => 4 };
        var command = new Command("run", "Turn a repository into a TLA+ spec that conforms to its traces: analyze, draft, collect, validate, repair until conforming or a budget is spent")
        {
            target, output, reasoner, endpoint, model, provider, maxRounds, maxTokens, maxCost, priceIn, priceOut, maxTime, resume, spec, traces, sandbox, retries, maxStates, repoCache, branch,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new Options(parse.GetValue(target), parse.GetValue(output), parse.GetValue(reasoner) ?? "synthesizer", parse.GetValue(endpoint),
                parse.GetValue(model), parse.GetValue(provider), parse.GetValue(maxRounds), parse.GetValue(maxTokens), parse.GetValue(maxCost),
                parse.GetValue(priceIn), parse.GetValue(priceOut), parse.GetValue(maxTime), parse.GetValue(resume), parse.GetValue(spec),
                parse.GetValue(traces), parse.GetValue(sandbox) ?? "docker", parse.GetValue(retries), parse.GetValue(maxStates),
                parse.GetValue(repoCache), parse.GetValue(branch));
            return await RunAsync(options, environment, stdout, stderr, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private sealed record Options(
        string? Target, string? Out, string Reasoner, string? Endpoint, string? Model, string? Provider, int? MaxRounds, long? MaxTokens,
        decimal? MaxCost, decimal PriceIn, decimal PriceOut, double? MaxTime, string? Resume, string? Spec, string? Traces, string Sandbox, int Retries, long MaxStates,
        string? RepoCache, string? Branch);

    private static async Task<int> RunAsync(Options options, Func<string, string?> environment, TextWriter stdout, TextWriter stderr, CancellationToken invocationToken)
    {
        if (Validate(options) is { } problem)
        {
            await stderr.WriteLineAsync($"error: {problem}").ConfigureAwait(false);
            return BadInput;
        }
        RunState? resumed = null;
        if (options.Resume is { } resumeFolder)
        {
            var read = RunState.Read(Path.Combine(resumeFolder, "run.json"));
            if (!read.IsOk)
            {
                await stderr.WriteLineAsync($"error: cannot resume: {read.Error!.Message}").ConfigureAwait(false);
                return BadInput;
            }
            resumed = read.Value!;
        }
        var reasonerKind = resumed?.Reasoner.Kind switch
        {
            ReasonerKind.Llm => "llm",
            ReasonerKind.Synthesizer => "synthesizer",
            _ => options.Reasoner == "deterministic" ? "synthesizer" : options.Reasoner,
        };
        LlmOptions? llm = null;
        if (reasonerKind == "llm")
        {
            (llm, var llmError) = LlmOptions.Resolve(options.Endpoint, options.Model, null, options.Provider, environment);
            if (llm is null)
            {
                await stderr.WriteLineAsync($"error: {llmError}.").ConfigureAwait(false);
                return BadInput;
            }
            llm = llm with { Resilience = new LlmResilienceOptions(MaxRetries: Math.Max(0, options.Retries)) };
        }
        var plan = PhaseLoader.Load(null, null, ToolCatalog.Names);
        if (plan.Plan is null)
        {
            foreach (var error in plan.Errors)
            {
                await stderr.WriteLineAsync(error.ToString()).ConfigureAwait(false);
            }
            return BadInput;
        }

        using var interruption = Interruption.Listen(invocationToken);
        var cancellationToken = interruption.Token;
        var clock = TimeProvider.System;

        // A target given again on --resume wins: run.json keeps the address without credentials, which a fetch may need.
        var targetPath = options.Target ?? resumed!.Target.Repo;
        LocalRepository? repository = null;
        DockerConnection? docker = null;
        try
        {
            IRepositoryReader reader;
            if (Directory.Exists(targetPath) && !RepositorySource.IsRepositoryRoot(targetPath))
            {
                if (options.Branch is not null)
                {
                    await stderr.WriteLineAsync($"error: --branch needs a repository, and '{targetPath}' is a plain folder; pass the repository's root or its address.").ConfigureAwait(false);
                    return BadInput;
                }
                reader = new FolderRepositoryReader(targetPath);
                await stdout.WriteLineAsync($"repository: {reader.Root}").ConfigureAwait(false);
            }
            else
            {
                var repositoryOptions = new RepositoryOptions { CacheDirectory = options.RepoCache, Branch = options.Branch };
                var opened = await RepositorySource.OpenAsync(targetPath, repositoryOptions, new RepositoryProgressPrinter(stdout, targetPath), cancellationToken).ConfigureAwait(false);
                if (opened.Repository is null)
                {
                    if (opened.Error!.Code == RepoErrorCodes.Cancelled)
                    {
                        await stderr.WriteLineAsync("cancelled.").ConfigureAwait(false);
                        return ExitCodes.Cancelled;
                    }
                    await stderr.WriteLineAsync($"error {opened.Error.Code}: {opened.Error.Message}").ConfigureAwait(false);
                    return BadInput;
                }
                repository = opened.Repository;
                reader = new LocalRepositoryReader(repository);
                var where = repository.IsCachedClone ? $"cloned in {repository.WorkTree}" : "in place";
                await stdout.WriteLineAsync($"repository: {SecretRedactor.RedactCommon(targetPath)} @ {repository.HeadCommit?[..12] ?? "(no commits)"}{(repository.Branch is { } b ? $" ({b})" : "")}, {where}").ConfigureAwait(false);
            }

            Func<string, ITraceCollector> collector = runFolder => new FolderTraceCollector(Path.Combine(runFolder, "traces"));
            if (options.Sandbox == "process")
            {
                await stderr.WriteLineAsync("warning: --sandbox process runs the target as a local process with no isolation.").ConfigureAwait(false);
                collector = runFolder => new SandboxTraceCollector(new TraceRunner(new ProcessSandbox(clock), null, clock), reader.Root, runFolder);
            }
            else if (options.Sandbox == "docker")
            {
                var connected = await DockerConnection.ConnectAsync(cancellationToken).ConfigureAwait(false);
                if (!connected.IsSuccess)
                {
                    if (options.Traces is null && resumed is null)
                    {
                        await stderr.WriteLineAsync($"error {connected.Error!.Code}: no sandbox: {connected.Error.Message} (use --traces DIR, --sandbox process or --sandbox none)").ConfigureAwait(false);
                        return Unavailable;
                    }
                    await stderr.WriteLineAsync($"warning: no sandbox ({connected.Error!.Message}); using the traces given.").ConfigureAwait(false);
                }
                else
                {
                    docker = connected.Value!;
                    var connection = docker;
                    collector = runFolder => new SandboxTraceCollector(
                        new TraceRunner(new DockerSandbox(connection, clock), new ImageBuilder(connection, clock), clock, new DockerPod(connection, clock)), reader.Root, runFolder);
                }
            }

            var runFolder = options.Resume ?? options.Out ?? DefaultRunFolder("runs", RunName(SecretRedactor.RedactCommon(targetPath)));
            var apiKey = environment(LlmOptions.ApiKeyVariable);
            using var llmReasoner = llm is null ? null : new LlmReasoner(llm, clock);
            IReasoner reasoner = llmReasoner is not null ? llmReasoner : new SynthesizerReasoner(reader.Root, workers: Environment.ProcessorCount, maxStates: options.MaxStates);
            await stdout.WriteLineAsync($"reasoner: {(llm is null ? "deterministic synthesizer (no LLM)" : llm.ToString())}").ConfigureAwait(false);
            var services = new RunServices(reasoner, reader, collector, new EngineTraceValidation(), clock, line => stdout.WriteLine(line));
            var runOptions = new RunOptions
            {
                RunFolder = runFolder,
                Target = new RunTarget(SecretRedactor.RedactCommon(targetPath), reader.Commit, null),
                Resume = resumed is not null,
                Budget = new BudgetLimits(options.MaxRounds ?? 30, options.MaxTokens, options.MaxCost,
                    options.MaxTime is { } seconds ? TimeSpan.FromSeconds(seconds) : null, PromptPricePerMillion: options.PriceIn, CompletionPricePerMillion: options.PriceOut),
                ModelCheck = new ModelCheckLimits(options.MaxStates, Workers: Environment.ProcessorCount),
                InitialSpec = options.Spec,
                InitialTraces = options.Traces is { } folder ? [.. Directory.GetFiles(folder, "*.ndjson").Order(StringComparer.Ordinal)] : [],
                Secrets = [.. new[] { apiKey, UrlCredential(targetPath) }.OfType<string>().Where(secret => secret.Length > 0)],
            };
            Specula.Agents.Runs.RunOutcome outcome;
            try
            {
                outcome = await new Orchestrator(plan.Plan, services).RunAsync(runOptions, cancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentException ex)
            {
                await stderr.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
                return BadInput;
            }
            await stdout.WriteLineAsync($"run folder: {outcome.RunFolder}").ConfigureAwait(false);
            if (outcome.Fatal is { } fatal)
            {
                await stderr.WriteLineAsync($"error {fatal.Code}: {fatal.Message}").ConfigureAwait(false);
            }
            return outcome.Verdict switch
            {
                VerdictStatus.Conforming => Conforming,
                VerdictStatus.Cancelled => ExitCodes.Cancelled,
                VerdictStatus.Error when outcome.Fatal is { Code: LlmErrorCodes.Unreachable } => Unavailable,
                VerdictStatus.Error when outcome.Fatal is not null => BadInput,
                _ => NotConforming,
            };
        }
        finally
        {
            repository?.Dispose();
            docker?.Dispose();
        }
    }

    private static string? Validate(Options options)
    {
        if (options.Resume is null && string.IsNullOrWhiteSpace(options.Target))
        {
            return "give the repository (URL or path) or --resume <run folder>";
        }
        if (options.Resume is { } folder && !Directory.Exists(folder))
        {
            return $"no run folder '{folder}' to resume";
        }
        if (options.Resume is null && !RepositorySource.IsAddress(options.Target!) && !Directory.Exists(options.Target))
        {
            return $"no folder '{options.Target}' (and it is not a repository address)";
        }
        if (options.MaxRounds is < 1 || options.MaxTokens is < 1 || options.MaxCost is <= 0 || options.MaxTime is <= 0 || options.MaxStates < 1)
        {
            return "--max-rounds, --max-tokens, --max-cost, --max-time and --max-states must be positive";
        }
        if (options.Spec is { } spec && !Directory.Exists(spec))
        {
            return $"no spec folder '{spec}'";
        }
        if (options.Traces is { } traces && !Directory.Exists(traces))
        {
            return $"no traces folder '{traces}'";
        }
        return null;
    }

    /// <summary>The password or token in an address's user info (<c>https://user:token@host/...</c>), masked in every transcript line.</summary>
    private static string? UrlCredential(string target)
    {
        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || uri.UserInfo.Length == 0)
        {
            return null;
        }
        var info = Uri.UnescapeDataString(uri.UserInfo);
        var colon = info.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? info : info[(colon + 1)..];
    }

    /// <summary>
    /// <c>runs/&lt;name&gt;</c>, or <c>runs/&lt;name&gt;-2</c>, <c>-3</c>, ... when earlier runs are there: running the same
    /// command again starts a new run beside the old one instead of refusing (an explicit --out still refuses).
    /// </summary>
    internal static string DefaultRunFolder(string root, string name)
    {
        var folder = Path.Combine(root, name);
        for (var n = 2; File.Exists(Path.Combine(folder, "run.json")); n++)
        {
            folder = Path.Combine(root, $"{name}-{n.ToString(CultureInfo.InvariantCulture)}");
        }
        return folder;
    }

    private static string RunName(string target)
    {
        var trimmed = target.TrimEnd('/', '\\');
        var name = Path.GetFileName(trimmed);
        if (name.EndsWith(".git", StringComparison.Ordinal))
        {
            name = name[..^4];
        }
        return string.IsNullOrEmpty(name) ? "run" : name.ToLowerInvariant().Replace(' ', '-');
    }
}
