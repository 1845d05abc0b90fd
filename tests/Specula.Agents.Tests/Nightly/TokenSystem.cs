using System.Diagnostics;
using Specula.Agents.Nightly;
using Specula.Agents.Reasoning;
using Specula.Testing.Git;

namespace Specula.Agents.Tests.Nightly;

/// <summary>
/// A real git repository holding a tiny "system": a token-passing spec (spec/Token.tla, MC.cfg, TraceMap.yaml), a
/// harness manifest for the process sandbox, and a workload script that writes the system's trace. Commits made
/// by the test change the script, i.e. the system's behaviour. Everything lives in one temporary folder.
/// </summary>
internal sealed class TokenSystem : IDisposable
{
    public const string Spec = """
        ---- MODULE Token ----
        (* A token passed between nodes; only the holder counts. Messages can be lost. *)
        EXTENDS Naturals, FiniteSets

        CONSTANTS Node, Max

        VARIABLES counter, holder, msgs

        vars == <<counter, holder, msgs>>

        NoHolder == "none"

        Init ==
            /\ counter = [n \in Node |-> 0]
            /\ holder \in Node
            /\ msgs = {}

        Inc(n) ==
            /\ holder = n
            /\ counter[n] < Max
            /\ counter' = [counter EXCEPT ![n] = @ + 1]
            /\ UNCHANGED <<holder, msgs>>

        Send(n, m) ==
            /\ holder = n
            /\ m # n
            /\ holder' = NoHolder
            /\ msgs' = msgs \cup {m}
            /\ UNCHANGED counter

        Receive(m) ==
            /\ m \in msgs
            /\ holder' = m
            /\ msgs' = msgs \ {m}
            /\ UNCHANGED counter

        Regenerate(n) ==
            /\ holder = NoHolder
            /\ msgs = {}
            /\ holder' = n
            /\ UNCHANGED <<counter, msgs>>

        Lose ==
            /\ \E m \in msgs : msgs' = msgs \ {m}
            /\ UNCHANGED <<counter, holder>>

        Next ==
            \/ \E n \in Node : Inc(n)
            \/ \E n, m \in Node : Send(n, m)
            \/ \E m \in Node : Receive(m)
            \/ \E n \in Node : Regenerate(n)
            \/ Lose

        Spec == Init /\ [][Next]_vars

        AtMostOneHolder == holder \in Node \cup {NoHolder}
        ====
        """;

    public const string Config = """
        CONSTANTS
            Node = {n1, n2, n3}
            Max = 3
        INIT Init
        NEXT Next
        INVARIANT AtMostOneHolder
        """;

    public const string Map = """
        version: 1
        spec: Token.tla
        config: MC.cfg
        nodes: Node
        variables:
          count: counter
        unobserved: [holder, msgs]
        events:
          Count: { action: Inc, args: { n: $node } }
          Give: { action: Send, args: { n: $node, m: to } }
          Take: { action: Receive, args: { m: $node } }
          Regen: { action: Regenerate, args: { n: $node } }
          Log: ignore
        silent:
          actions: [Lose]
          bound: 1
        """;

    public const string Harness = """
        version: 1
        name: token
        language: shell
        workloads:
          - name: pass
            command: sh "$SPECULA_SRC/workload.sh"
            seeds: 1
            timeout: 20s
            limits: { memory: 32m, pids: 16 }
        traces:
          dir: traces
          pattern: "*.ndjson"
        """;

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

    public TokenSystem()
    {
        Root = Directory.CreateTempSubdirectory("specula-nightly-").FullName;
        Directory.CreateDirectory(Repo);
        Git("init -q -b main");
        Directory.CreateDirectory(Path.Combine(Repo, "spec"));
        File.WriteAllText(Path.Combine(Repo, "spec", "Token.tla"), Spec);
        File.WriteAllText(Path.Combine(Repo, "spec", "MC.cfg"), Config);
        File.WriteAllText(Path.Combine(Repo, "spec", "TraceMap.yaml"), Map);
        File.WriteAllText(Path.Combine(Repo, "specula.yaml"), Harness);
        Commit(Conforming, "the token system");
    }

    public string Root { get; }

    public string Repo => Path.Combine(Root, "repo");

    public string StateDir => Path.Combine(Root, "state");

    public string Head => Git("rev-parse HEAD").Trim();

    public string TargetDir => Path.Combine(StateDir, "targets", "token");

    public IReadOnlyList<string> RunFolders =>
        Directory.Exists(Path.Combine(TargetDir, "runs")) ? [.. Directory.GetDirectories(Path.Combine(TargetDir, "runs")).Order(StringComparer.Ordinal)] : [];

    /// <summary>Commits a workload that writes <paramref name="trace"/>: a new behaviour of the system.</summary>
    public string Commit(string trace, string message)
    {
        File.WriteAllText(Path.Combine(Repo, "workload.sh"), $"""
            #!/bin/sh
            set -eu
            mkdir -p "$SPECULA_OUT/traces"
            cat > "$SPECULA_OUT/traces/token.ndjson" <<'TRACE'
            {trace}
            TRACE
            """);
        Git("add -A");
        Git($"commit -q -m \"{message}\"");
        return Head;
    }

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

    public string Git(string arguments) => GitCommand.Run(Repo, arguments);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
