using System.Text.Json;

namespace Specula.Traces.Format;

/// <summary>One step of the real system as its log recorded it.</summary>
/// <param name="File">The file the event was read from (kept through merging, so diagnostics point at the source).</param>
/// <param name="Line">1-based line in <paramref name="File"/>.</param>
/// <param name="Seq">The node's sequence number.</param>
/// <param name="Node">The node that took the step (<c>env</c> for the environment).</param>
/// <param name="Event">The event kind.</param>
/// <param name="Args">The event's parameters, in the order they were written.</param>
/// <param name="State">The node's observed variables after the step, in the order they were written.</param>
/// <param name="Clock">The vector clock (node to counter), empty when the line has none.</param>
public sealed record TraceEvent(string File, int Line, long Seq, string Node, string Event,
    IReadOnlyDictionary<string, JsonElement> Args, IReadOnlyDictionary<string, JsonElement> State,
    IReadOnlyDictionary<string, long> Clock)
{
    /// <summary>The position as <c>file:line</c>, the form every diagnostic about this event uses.</summary>
    public string Location => $"{File}:{Line}";

    /// <inheritdoc/>
    public override string ToString() => $"{Location} {Node}#{Seq} {Event}";
}

/// <summary>An observed execution: the events of one file (or of several, merged) in order.</summary>
/// <param name="Name">The trace's name: the file name without <c>.ndjson</c>.</param>
/// <param name="Path">The file read, or a description of the merged files.</param>
/// <param name="Events">The events in order.</param>
/// <param name="Meta">The <c>.meta.json</c> beside the file, when there is one.</param>
public sealed record Trace(string Name, string Path, IReadOnlyList<TraceEvent> Events, TraceMeta? Meta)
{
    /// <summary>The nodes that took steps, in order of first appearance.</summary>
    public IReadOnlyList<string> Nodes => Events.Select(e => e.Node).Distinct(StringComparer.Ordinal).ToArray();
}

/// <summary>Where a trace comes from (<c>&lt;name&gt;.meta.json</c>, schema <c>specula.trace-meta/v1</c>).</summary>
/// <param name="Schema">Always <c>specula.trace-meta/v1</c>.</param>
/// <param name="System">The system traced.</param>
/// <param name="Commit">Its commit.</param>
/// <param name="Workload">The workload run.</param>
/// <param name="Seed">The seed of the run.</param>
/// <param name="Faults">Faults injected.</param>
/// <param name="Nodes">Nodes of the run (may include <c>env</c>).</param>
/// <param name="StartTime">When the run started.</param>
public sealed record TraceMeta(string Schema, string? System, string? Commit, string? Workload, long? Seed,
    IReadOnlyList<string> Faults, IReadOnlyList<string> Nodes, DateTimeOffset? StartTime);

/// <summary>What reading a trace file gave: the trace when the file is valid, and every problem found.</summary>
/// <param name="Trace">The trace; null when there is any diagnostic.</param>
/// <param name="Diagnostics">Every problem, in file order.</param>
public sealed record TraceReadResult(Trace? Trace, IReadOnlyList<TraceDiagnostic> Diagnostics)
{
    /// <summary>True when the file was read without problems.</summary>
    public bool Ok => Trace is not null && Diagnostics.Count == 0;
}

/// <summary>How to read traces.</summary>
/// <param name="Strict">Also check every line against the JSON Schema (slower: the structural checks already cover
/// the schema's rules; strict mode is for proving a writer right, not for everyday reading).</param>
/// <param name="MaxDiagnostics">Stop reporting after this many problems (a broken writer can produce one per line).</param>
/// <param name="ReadMeta">Read <c>&lt;name&gt;.meta.json</c> beside the file.</param>
public sealed record TraceReaderOptions(bool Strict = false, int MaxDiagnostics = 200, bool ReadMeta = true)
{
    /// <summary>The defaults.</summary>
    public static TraceReaderOptions Default { get; } = new();
}

/// <summary>What streaming a trace file gave (<see cref="TraceReader.StreamFile"/>): the events went to the caller
/// as they were read; the file is valid only when there is no diagnostic.</summary>
/// <param name="Name">The trace's name: the file name without <c>.ndjson</c>.</param>
/// <param name="Path">The file read.</param>
/// <param name="Events">Events handed out.</param>
/// <param name="Meta">The <c>.meta.json</c> beside the file, when there is one and everything is valid.</param>
/// <param name="Diagnostics">Every problem, in file order.</param>
public sealed record TraceStreamResult(string Name, string Path, int Events, TraceMeta? Meta, IReadOnlyList<TraceDiagnostic> Diagnostics)
{
    /// <summary>True when the file was read without problems.</summary>
    public bool Ok => Diagnostics.Count == 0;
}
