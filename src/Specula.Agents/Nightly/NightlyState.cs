using System.Text.Json;
using System.Text.Json.Serialization;

namespace Specula.Agents.Nightly;

/// <summary>How one target's night ended.</summary>
public enum TargetStatus
{
    /// <summary>Fresh traces conform to the spec and its invariants hold.</summary>
    Conforming,

    /// <summary>Nothing changed since the last good check: nothing was run.</summary>
    Unchanged,

    /// <summary>The spec had drifted and a repair run made one that conforms.</summary>
    Repaired,

    /// <summary>Traces do not conform and no repair succeeded.</summary>
    Diverging,

    /// <summary>An invariant is violated (model checking found a counterexample).</summary>
    Violating,

    /// <summary>The target could not be checked (repository, sandbox, spec folder missing...).</summary>
    Error,
}

/// <summary>
/// What the nightly remembers of a target between nights (<c>state.json</c>, <c>specula.nightly-state/v1</c>): the
/// last commit checked, the hashes of its inputs, the verdict. Written atomically, so a killed nightly leaves either
/// the old or the new state, never half a file.
/// </summary>
/// <param name="Schema">The format's name and version.</param>
/// <param name="Target">The target's name.</param>
/// <param name="Commit">The commit checked.</param>
/// <param name="RepoSpecHash">The hash of the repository's spec folder at that commit.</param>
/// <param name="InputsHash">The hash of what else decides the traces: the harness manifest and the target's settings.</param>
/// <param name="Status">The verdict.</param>
/// <param name="AcceptedSpec">The spec folder that conforms (a repaired one lives in its run folder); null when none does.</param>
/// <param name="RunFolder">The run folder of that check.</param>
/// <param name="CheckedAt">When.</param>
public sealed record NightlyState(
    string Schema,
    string Target,
    string Commit,
    string RepoSpecHash,
    string InputsHash,
    TargetStatus Status,
    string? AcceptedSpec,
    string? RunFolder,
    DateTimeOffset CheckedAt)
{
    /// <summary>The schema this version reads and writes.</summary>
    public const string SchemaV1 = "specula.nightly-state/v1";

    /// <summary>A check whose result still stands when nothing changes.</summary>
    public bool IsGood => Status is TargetStatus.Conforming or TargetStatus.Repaired or TargetStatus.Unchanged;

    /// <summary>Reads a state file; null when it is missing, unreadable or of another version (the target is then checked again).</summary>
    public static NightlyState? Read(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }
            var state = JsonSerializer.Deserialize<NightlyState>(File.ReadAllText(path), NightlyJson.Options);
            return state?.Schema == SchemaV1 ? state : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes the state atomically.</summary>
    public void Write(string path) => NightlyJson.WriteAtomically(path, this);
}

/// <summary>One target's line of the summary.</summary>
/// <param name="Name">The target.</param>
/// <param name="Status">How its night ended.</param>
/// <param name="Commit">The commit checked (or last checked, when unchanged).</param>
/// <param name="Summary">One sentence: the verdict, the first divergence, or the error.</param>
/// <param name="RunFolder">Where the artifacts are (report.json, traces, spec, transcript).</param>
/// <param name="ErrorCode">The error's stable code (NGT0xx, REP0xx, SBX0xx), for <see cref="TargetStatus.Error"/>.</param>
/// <param name="IssueUrl">The GitHub issue opened or updated for the drift.</param>
/// <param name="Notes">What else happened (GitHub reporting, a missing reasoner).</param>
public sealed record TargetSummary(
    string Name,
    TargetStatus Status,
    string? Commit,
    string Summary,
    string? RunFolder,
    string? ErrorCode,
    string? IssueUrl,
    IReadOnlyList<string> Notes);

/// <summary>The night's summary (<c>nightly-summary.json</c>, <c>specula.nightly-summary/v1</c>).</summary>
/// <param name="Schema">The format's name and version.</param>
/// <param name="StartedAt">When the nightly started.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="ExitCode">0 all conforming, 1 drift repaired, 2 drift unrepaired or a violation, 3 errors.</param>
/// <param name="Targets">One line per target, in config order.</param>
public sealed record NightlySummary(string Schema, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, int ExitCode, IReadOnlyList<TargetSummary> Targets)
{
    /// <summary>The schema this version writes.</summary>
    public const string SchemaV1 = "specula.nightly-summary/v1";

    /// <summary>The summary as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, NightlyJson.Options);

    /// <summary>Writes the summary atomically.</summary>
    public void Write(string path) => NightlyJson.WriteAtomically(path, this);
}

/// <summary>The exit codes of <c>specula nightly</c>, for CI.</summary>
public static class NightlyExitCodes
{
    /// <summary>Every target conforms (or is unchanged since it last did).</summary>
    public const int Conforming = 0;

    /// <summary>Drift was found and repaired (a new spec waits in the run folder).</summary>
    public const int Repaired = 1;

    /// <summary>Drift was found and not repaired, or an invariant is violated.</summary>
    public const int Drift = 2;

    /// <summary>A target could not be checked, the config is invalid, or another nightly holds the state folder.</summary>
    public const int Error = 3;

    /// <summary>The exit code of one target's status.</summary>
    public static int For(TargetStatus status) => status switch
    {
        TargetStatus.Conforming or TargetStatus.Unchanged => Conforming,
        TargetStatus.Repaired => Repaired,
        TargetStatus.Diverging or TargetStatus.Violating => Drift,
        _ => Error,
    };

    /// <summary>The worst of the targets: errors above unrepaired drift above repairs above conformance.</summary>
    public static int Combine(IEnumerable<TargetStatus> statuses) => statuses.Select(For).DefaultIfEmpty(Conforming).Max();
}

/// <summary>JSON of the nightly's own files: camelCase, enums as camelCase words, indented for people.</summary>
internal static class NightlyJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Temporary file beside the target, flushed, then renamed over it: readers never see half a file.</summary>
    public static void WriteAtomically<T>(string path, T value) =>
        Replace(path, stream =>
        {
            JsonSerializer.Serialize(stream, value, Options);
            stream.WriteByte((byte)'\n');
        });

    /// <summary>Writes a text atomically.</summary>
    public static void WriteText(string path, string text) =>
        Replace(path, stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(text)));

    private static void Replace(string path, Action<Stream> write)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
