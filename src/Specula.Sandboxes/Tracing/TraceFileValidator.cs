using System.Text.Json;

namespace Specula.Sandboxes.Tracing;

/// <summary>A problem in a trace file, with a stable code and a 1-based line.</summary>
/// <param name="Code">Stable code, <c>TRC001</c>…</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Line">1-based line.</param>
public sealed record TraceDiagnostic(string Code, string Message, int Line);

/// <summary>What a trace file holds and whether it follows the trace format.</summary>
/// <param name="Path">The file.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Events">Trace events (lines tagged "trace").</param>
/// <param name="OtherLines">Lines that are not trace events (the program's own logging), ignored.</param>
/// <param name="Nodes">Nodes that emitted events, sorted.</param>
/// <param name="EventCounts">Events by name, sorted by name.</param>
/// <param name="Diagnostics">Schema problems; empty when the trace is valid.</param>
public sealed record TraceFileReport(string Path, long Bytes, int Events, int OtherLines, IReadOnlyList<string> Nodes,
    IReadOnlyList<KeyValuePair<string, int>> EventCounts, IReadOnlyList<TraceDiagnostic> Diagnostics)
{
    /// <summary>True when the file has events and no schema problems.</summary>
    public bool IsValid => Diagnostics.Count == 0 && Events > 0;
}

/// <summary>Checks NDJSON trace files against the trace format, version 1 (../shared/ARCHITECTURE.md):
/// <c>{"tag":"trace","v":1,"seq":N,"node":"n1","event":"Name","args":{},"state":{},"clock":{"n1":3}}</c>.
/// Also accepts Specula's own harness lines <c>{"tag":"trace","event":{"name","nid","state","msg"}}</c>.
/// Lines without <c>"tag":"trace"</c> are the program's own output and are ignored.
/// (A first cut; the full reader with trace-to-spec mapping belongs to Specula.Traces.)</summary>
public static class TraceFileValidator
{
    /// <summary>A line tagged "trace" is not a JSON object (often a line cut short by a crash).</summary>
    public const string Malformed = "TRC001";

    /// <summary>A required field is missing or has the wrong type.</summary>
    public const string BadField = "TRC002";

    /// <summary>The format version is not 1.</summary>
    public const string BadVersion = "TRC003";

    /// <summary>A node's sequence numbers do not increase.</summary>
    public const string SeqOrder = "TRC004";

    /// <summary>A node's own clock entry goes backwards.</summary>
    public const string ClockOrder = "TRC005";

    /// <summary>The file holds no trace events.</summary>
    public const string Empty = "TRC006";

    private const int MaxDiagnostics = 50;

    /// <summary>Validates the file at <paramref name="path"/>.</summary>
    public static TraceFileReport ValidateFile(string path)
    {
        using var reader = new StreamReader(path);
        return Validate(reader, path, new FileInfo(path).Length);
    }

    /// <summary>Validates NDJSON read from <paramref name="reader"/>.</summary>
    public static TraceFileReport Validate(TextReader reader, string path, long bytes)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var diagnostics = new List<TraceDiagnostic>();
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var lastSeq = new Dictionary<string, long>(StringComparer.Ordinal);
        var lastClock = new Dictionary<string, long>(StringComparer.Ordinal);
        var nodes = new SortedSet<string>(StringComparer.Ordinal);
        int events = 0, other = 0, lineNo = 0;
        void Report(string code, string message)
        {
            if (diagnostics.Count < MaxDiagnostics)
            {
                diagnostics.Add(new TraceDiagnostic(code, message, lineNo));
            }
        }

        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var tagged = line.Contains("\"tag\"", StringComparison.Ordinal) && line.Contains("\"trace\"", StringComparison.Ordinal);
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(line);
            }
            catch (JsonException ex)
            {
                if (tagged)
                {
                    Report(Malformed, $"Not a JSON object: {ex.Message}");
                }
                else
                {
                    other++;
                }
                continue;
            }
            using (doc)
            {
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("tag", out var tag) || tag.ValueKind != JsonValueKind.String || tag.GetString() != "trace")
                {
                    other++;
                    continue;
                }
                events++;
                if (root.TryGetProperty("event", out var ev) && ev.ValueKind == JsonValueKind.Object)
                {
                    if (ValidateHarnessLine(ev, counts, Report) is { } nid)
                    {
                        nodes.Add(nid);
                    }
                }
                else
                {
                    if (ValidateEventLine(root, counts, lastSeq, lastClock, Report) is { } node)
                    {
                        nodes.Add(node);
                    }
                }
            }
        }
        if (events == 0)
        {
            lineNo = Math.Max(1, lineNo);
            Report(Empty, "The file holds no trace events (lines with \"tag\":\"trace\").");
        }
        return new TraceFileReport(path, bytes, events, other, nodes.ToArray(), counts.ToArray(), diagnostics);
    }

    private static string? ValidateEventLine(JsonElement root, SortedDictionary<string, int> counts, Dictionary<string, long> lastSeq,
        Dictionary<string, long> lastClock, Action<string, string> report)
    {
        if (!root.TryGetProperty("v", out var v) || v.ValueKind != JsonValueKind.Number)
        {
            report(BadField, "Missing 'v' (the format version, 1).");
        }
        else if (!v.TryGetInt32(out var version) || version != 1)
        {
            report(BadVersion, $"Format version {v.GetRawText()} is not supported; expected 1.");
        }
        var node = String(root, "node", report);
        var name = String(root, "event", report);
        if (name is not null)
        {
            counts[name] = counts.GetValueOrDefault(name) + 1;
        }
        if (!root.TryGetProperty("state", out var state) || state.ValueKind != JsonValueKind.Object)
        {
            report(BadField, "Missing 'state' (an object of the node's observed variables).");
        }
        if (root.TryGetProperty("args", out var args) && args.ValueKind != JsonValueKind.Object)
        {
            report(BadField, "'args' must be an object.");
        }
        if (!root.TryGetProperty("seq", out var seqEl) || !seqEl.TryGetInt64(out var seq) || seq < 0)
        {
            report(BadField, "Missing 'seq' (a non-negative integer).");
        }
        else if (node is not null)
        {
            if (lastSeq.TryGetValue(node, out var previous) && seq <= previous)
            {
                report(SeqOrder, $"Node {node}: seq {seq} does not follow {previous}.");
            }
            lastSeq[node] = seq;
        }
        if (!root.TryGetProperty("clock", out var clock) || clock.ValueKind != JsonValueKind.Object)
        {
            report(BadField, "Missing 'clock' (an object of node to counter, vector or Lamport).");
            return node;
        }
        foreach (var entry in clock.EnumerateObject())
        {
            if (!entry.Value.TryGetInt64(out var tick) || tick < 0)
            {
                report(BadField, $"Clock entry '{entry.Name}' must be a non-negative integer.");
            }
            else if (entry.Name == node)
            {
                if (lastClock.TryGetValue(node, out var previous) && tick < previous)
                {
                    report(ClockOrder, $"Node {node}: its clock went back from {previous} to {tick}.");
                }
                lastClock[node] = tick;
            }
        }
        return node;
    }

    private static string? ValidateHarnessLine(JsonElement ev, SortedDictionary<string, int> counts, Action<string, string> report)
    {
        var name = String(ev, "name", report);
        if (name is not null)
        {
            counts[name] = counts.GetValueOrDefault(name) + 1;
        }
        var nid = String(ev, "nid", report);
        if (!ev.TryGetProperty("state", out var state) || state.ValueKind != JsonValueKind.Object)
        {
            report(BadField, "Missing 'event.state' (an object).");
        }
        return nid;
    }

    private static string? String(JsonElement obj, string name, Action<string, string> report)
    {
        if (obj.TryGetProperty(name, out var el) && el.ValueKind == JsonValueKind.String && el.GetString() is { Length: > 0 } s)
        {
            return s;
        }
        report(BadField, $"Missing '{name}' (a non-empty string).");
        return null;
    }
}
