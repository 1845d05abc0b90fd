using System.Text.Json;
using Specula.Agents.Checks;
using Specula.Agents.Llm;
using Specula.Agents.Phases;
using Specula.Agents.Plugins;
using Specula.Agents.Runs;
using Specula.Reports.Model;
using Specula.Testing.Chat;

namespace Specula.Agents.Tests;

/// <summary>
/// A tiny real target: per-node counters whose code bounds Inc (counter.go:8) while the drafted spec does not, so
/// model checking MC.cfg finds Bounded violated. Copied to a fresh folder per test.
/// </summary>
internal sealed class CounterTarget : IDisposable
{
    public const string ApiKey = "sk-test-SECRET-0123456789abcdef";

    public const string FixedSpec = """
        ---- MODULE Counter ----
        (* Per-node counters. *)
        EXTENDS Naturals

        CONSTANTS Node, Max

        VARIABLES count

        Init == count = [n \in Node |-> 0]

        \* counter.go:7-10: Inc counts only below the maximum
        Inc(n) ==
            /\ count[n] < Max
            /\ count' = [count EXCEPT ![n] = @ + 1]

        \* counter.go:15-17
        Reset(n) ==
            /\ count[n] = Max
            /\ count' = [count EXCEPT ![n] = 0]

        Next == \E n \in Node : Inc(n) \/ Reset(n)

        TypeOK == \A n \in Node : count[n] \in Nat

        Bounded == \A n \in Node : count[n] <= Max
        ====
        """;

    public const string ConfigWithoutTypeOk = """
        CONSTANTS
            Node = {n1, n2}
            Max = 2
        INIT Init
        NEXT Next
        INVARIANT Bounded
        """;

    public CounterTarget()
    {
        Root = Path.Combine(Path.GetTempPath(), "specula-agents-" + Guid.NewGuid().ToString("N")[..12]);
        Copy(Path.Combine(AppContext.BaseDirectory, "Targets", "counter"), Root);
    }

    public string Root { get; }

    public string Repo => Path.Combine(Root, "repo");

    public string Spec => Path.Combine(Root, "spec");

    public string RunFolder => Path.Combine(Root, "run");

    public IReadOnlyList<string> Traces => [.. Directory.GetFiles(Path.Combine(Root, "traces"), "*.ndjson")];

    public static PhasePlan Plan()
    {
        var loaded = PhaseLoader.Load(null, null, ToolCatalog.Names);
        Assert.Empty(loaded.Errors);
        return loaded.Plan!;
    }

    public static LlmOptions Llm(ScriptedChatServer server, LlmResilienceOptions? resilience = null) => new()
    {
        Endpoint = server.BaseUri,
        Model = "scripted-model",
        ApiKey = ApiKey,
        Resilience = resilience ?? new LlmResilienceOptions(MaxRetries: 2, BaseDelay: TimeSpan.FromMilliseconds(10), AttemptTimeout: TimeSpan.FromSeconds(20)),
    };

    public RunOptions Options(BudgetLimits? budget = null, bool resume = false) => new()
    {
        RunFolder = RunFolder,
        Target = new RunTarget(Repo, null, null),
        InitialSpec = Spec,
        InitialTraces = Traces,
        Budget = budget ?? new BudgetLimits(Rounds: 10),
        Secrets = [ApiKey],
        Resume = resume,
        RunId = "run-test",
    };

    public async Task<RunOutcome> RunLlmAsync(ScriptedChatServer server, RunOptions? options = null, LlmResilienceOptions? resilience = null, CancellationToken cancellationToken = default)
    {
        using var reasoner = new LlmReasoner(Llm(server, resilience), TimeProvider.System);
        var services = new RunServices(reasoner, new FolderRepositoryReader(Repo), root => new FolderTraceCollector(Path.Combine(root, "traces")),
            new EngineTraceValidation(), TimeProvider.System);
        return await new Orchestrator(Plan(), services).RunAsync(options ?? Options(), cancellationToken);
    }

    public IReadOnlyList<TranscriptRecord> Transcript()
    {
        var read = TranscriptReader.Read(Path.Combine(RunFolder, "transcript.jsonl"));
        Assert.Empty(read.Diagnostics);
        return read.Records;
    }

    public string TranscriptText() => File.ReadAllText(Path.Combine(RunFolder, "transcript.jsonl"));

    public static ScriptedToolCall Call(string name, object arguments) => new(name, JsonSerializer.Serialize(arguments));

    /// <summary>The scripted repair: read the spec, find and read the code, write the fix, end the turn.</summary>
    public static ChatReply[] Repair() =>
    [
        ChatReply.Tools(Call("spec-read", new { path = "Counter.tla" })),
        ChatReply.Tools(Call("repo-grep", new { regex = "func .*Inc" })),
        ChatReply.Tools(Call("repo-read_file", new { path = "counter.go", start = 6, end = 11 })),
        ChatReply.Tools(Call("spec-write", new { path = "Counter.tla", content = FixedSpec })),
        ChatReply.Text("Inc was unbounded; counter.go:8 only counts while c.n < c.max, so Inc now has the guard count[n] < Max."),
    ];

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
