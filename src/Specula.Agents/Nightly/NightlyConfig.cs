using Specula.Agents.Runs;

namespace Specula.Agents.Nightly;

/// <summary>Which sandbox collects a target's traces.</summary>
public enum SandboxKind
{
    /// <summary>Isolated Docker containers (the default).</summary>
    Docker,

    /// <summary>Local processes, NOT isolated: for machines without Docker.</summary>
    Process,
}

/// <summary>Where and how a target reports on GitHub (or GitHub Enterprise).</summary>
/// <param name="Owner">The repository's owner.</param>
/// <param name="Repository">The repository's name.</param>
/// <param name="TokenEnv">
/// The NAME of the environment variable holding the token: the config file is committed and shared, the token is
/// not, so the file only says where to find it.
/// </param>
/// <param name="BaseUrl">GitHub Enterprise's API address; null for github.com.</param>
/// <param name="PullRequest">The pull request this target's branch belongs to: a repaired spec is posted there.</param>
public sealed record NightlyGitHub(string Owner, string Repository, string TokenEnv, Uri? BaseUrl, int? PullRequest);

/// <summary>One system the nightly watches.</summary>
/// <param name="Name">A short name (letters, digits, <c>.</c>, <c>_</c>, <c>-</c>): the folder of its state and runs, the key of its GitHub issue.</param>
/// <param name="Repo">An address (https, ssh, file://) or a local path (relative paths are relative to the config file).</param>
/// <param name="Branch">The branch to check; null for the default branch (or a work tree as it is).</param>
/// <param name="Spec">The spec folder (module, MC.cfg, TraceMap.yaml), relative to the repository's root.</param>
/// <param name="Harness">The harness manifest (specula.yaml) that defines the workloads, relative to the repository's root.</param>
/// <param name="Workload">Only this workload; null for all of the manifest's.</param>
/// <param name="Seeds">Seeds per workload instead of the manifest's.</param>
/// <param name="Sandbox">Where the workloads run.</param>
/// <param name="Budget">What a repair run may spend.</param>
/// <param name="GitHub">GitHub reporting; null for none.</param>
public sealed record NightlyTarget(
    string Name,
    string Repo,
    string? Branch,
    string Spec,
    string Harness,
    string? Workload,
    int? Seeds,
    SandboxKind Sandbox,
    BudgetLimits Budget,
    NightlyGitHub? GitHub);

/// <summary>A validated nightly configuration (nightly.yaml, version 1). Immutable.</summary>
/// <param name="Path">The file it was read from.</param>
/// <param name="StateDir">The state folder the file names (relative to the file); null when it names none.</param>
/// <param name="Targets">The targets, in file order.</param>
public sealed record NightlyConfig(string Path, string? StateDir, IReadOnlyList<NightlyTarget> Targets);

/// <summary>A problem in nightly.yaml at a position, with a stable code.</summary>
/// <param name="File">The file.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Code">NGT001…NGT006.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record NightlyConfigError(string File, int Line, int Column, string Code, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}:{Column}: error {Code}: {Message}";
}

/// <summary>Reading nightly.yaml: the configuration, or every problem found.</summary>
/// <param name="Config">Set when there was no error.</param>
/// <param name="Errors">Every error, in file order.</param>
public sealed record NightlyConfigResult(NightlyConfig? Config, IReadOnlyList<NightlyConfigError> Errors)
{
    /// <summary>True when <see cref="Config"/> is set.</summary>
    public bool IsSuccess => Config is not null;
}
