using Specula.Agents.Nightly;
using Specula.Agents.Reasoning;
using Specula.Testing;
using Specula.Testing.Targets;

namespace Specula.Agents.Tests.Nightly;

/// <summary>
/// The token system's repository (<see cref="TokenRepository"/>) with the nightly job's state beside it, in one
/// temporary folder: the behaviours the nightly tests commit, the nightly config and services that run on it.
/// </summary>
internal sealed class TokenSystem : IDisposable
{
    /// <summary>The spec folder's Token.tla.</summary>
    public static string Spec => TokenRepository.SpecFile("Token.tla");

    /// <summary>The spec folder's MC.cfg.</summary>
    public static string Config => TokenRepository.SpecFile("MC.cfg");

    /// <summary>What the system does at first: n1 counts, hands the token to n2, which counts.</summary>
    public const string Conforming = """
        {"tag":"trace","v":1,"seq":1,"node":"n1","event":"Count","args":{},"state":{"count":1},"clock":{"n1":1}}
        {"tag":"trace","v":1,"seq":2,"node":"n1","event":"Count","args":{},"state":{"count":2},"clock":{"n1":2}}
        {"tag":"trace","v":1,"seq":3,"node":"n1","event":"Give","args":{"to":"n2"},"state":{"count":2},"clock":{"n1":3}}
        {"tag":"trace","v":1,"seq":1,"node":"n2","event":"Take","args":{},"state":{"count":0},"clock":{"n1":3,"n2":1}}
        {"tag":"trace","v":1,"seq":2,"node":"n2","event":"Count","args":{},"state":{"count":1},"clock":{"n1":3,"n2":2}}
        """;

    /// <summary>After the behaviour change: n2 takes the token a second time, having given it to n3 (line 4).</summary>
    public const string TakeTwice = """
        {"tag":"trace","v":1,"seq":1,"node":"n1","event":"Give","args":{"to":"n2"},"state":{"count":0},"clock":{"n1":1}}
        {"tag":"trace","v":1,"seq":1,"node":"n2","event":"Take","args":{},"state":{"count":0},"clock":{"n1":1,"n2":1}}
        {"tag":"trace","v":1,"seq":2,"node":"n2","event":"Give","args":{"to":"n3"},"state":{"count":0},"clock":{"n1":1,"n2":2}}
        {"tag":"trace","v":1,"seq":3,"node":"n2","event":"Take","args":{},"state":{"count":0},"clock":{"n1":1,"n2":3}}
        """;

    private readonly TemporaryFolder _folder = new("specula-nightly-");
    private readonly TokenRepository _repository;

    public TokenSystem() => _repository = TokenRepository.Create(_folder.Combine("repo"), Conforming);

    public string Root => _folder.Path;

    public string Repo => _repository.Path;

    public string StateDir => Path.Combine(Root, "state");

    public string Head => _repository.Head;

    public string TargetDir => Path.Combine(StateDir, "targets", "token");

    public IReadOnlyList<string> RunFolders =>
        Directory.Exists(Path.Combine(TargetDir, "runs")) ? [.. Directory.GetDirectories(Path.Combine(TargetDir, "runs")).Order(StringComparer.Ordinal)] : [];

    /// <summary>Commits a workload that writes <paramref name="trace"/>: a new behaviour of the system.</summary>
    public string Commit(string trace, string message) => _repository.Commit(trace, message);

    public NightlyConfig Config1(NightlyGitHub? github = null, string branch = "main") => new(
        Path.Combine(Root, "nightly.yaml"), null,
        [new NightlyTarget("token", Repo, branch, "spec", "specula.yaml", null, null, SandboxKind.Process, new Runs.BudgetLimits(Rounds: 3), github)]);

    public static NightlyServices Services(Func<string, string?>? environment = null, Func<NightlyTarget, IReasoner?>? reasoners = null, List<string>? progress = null) =>
        new(TimeProvider.System, environment ?? (_ => null), new SandboxTraceRunners(TimeProvider.System), reasoners, line =>
        {
            if (progress is not null)
            {
                lock (progress)
                {
                    progress.Add(line);
                }
            }
        });

    public Task<NightlyResult> RunAsync(NightlyConfig config, NightlyServices services, TimeSpan? wait = null) =>
        new NightlyRunner(services).RunAsync(new NightlyOptions { Config = config, StateDir = StateDir, LockWait = wait ?? TimeSpan.FromMinutes(5) }, CancellationToken.None);

    public string Git(string arguments) => _repository.Git(arguments);

    public void Dispose() => _folder.Dispose();
}
