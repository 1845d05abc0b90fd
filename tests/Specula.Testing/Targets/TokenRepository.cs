using Specula.Testing.Git;

namespace Specula.Testing.Targets;

/// <summary>
/// A real git repository holding a tiny "system": the token-passing spec of the trace validator's tests
/// (spec/Token.tla, MC.cfg, TraceMap.yaml), a harness manifest for the process sandbox, and a workload script that
/// writes the system's one trace. Each <see cref="Commit"/> replaces the script: a new behaviour of the system.
/// </summary>
public sealed class TokenRepository
{
    /// <summary>The harness manifest: one workload, one seed, the trace under <c>traces/</c>.</summary>
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

    private TokenRepository(string path) => Path = path;

    /// <summary>The repository's work tree.</summary>
    public string Path { get; }

    /// <summary>The commit id of HEAD.</summary>
    public string Head => Git("rev-parse HEAD").Trim();

    /// <summary>The text of one of the spec folder's files (<c>Token.tla</c>, <c>MC.cfg</c> or <c>TraceMap.yaml</c>).</summary>
    public static string SpecFile(string name) => File.ReadAllText(System.IO.Path.Combine(AppContext.BaseDirectory, "Targets", "token", name));

    /// <summary>Creates the repository at <paramref name="path"/> with a first commit whose workload writes <paramref name="trace"/>.</summary>
    public static TokenRepository Create(string path, string trace, string message = "the token system")
    {
        var repository = new TokenRepository(path);
        Directory.CreateDirectory(System.IO.Path.Combine(path, "spec"));
        repository.Git("init -q -b main");
        foreach (var name in new[] { "Token.tla", "MC.cfg", "TraceMap.yaml" })
        {
            File.WriteAllText(System.IO.Path.Combine(path, "spec", name), SpecFile(name));
        }
        File.WriteAllText(System.IO.Path.Combine(path, "specula.yaml"), Harness);
        repository.Commit(trace, message);
        return repository;
    }

    /// <summary>Commits a workload that writes <paramref name="trace"/> and returns the new commit's id.</summary>
    public string Commit(string trace, string message)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, "workload.sh"), $"""
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

    /// <summary>Runs git in the repository.</summary>
    public string Git(string arguments) => GitCommand.Run(Path, arguments);
}
