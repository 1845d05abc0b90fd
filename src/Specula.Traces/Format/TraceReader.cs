using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Specula.Traces.Format;

/// <summary>
/// Reads NDJSON trace files (format version 1, docs/formats.md "Trace events") into <see cref="Trace"/>s, line by
/// line, reporting every problem with its line and column. Also accepts Specula's harness lines
/// <c>{"tag":"trace","event":{"name","nid","state","msg"}}</c> (no version, seq or clock: seq is the node's count of
/// such lines, <c>msg</c> becomes the argument <c>msg</c>). Lines without <c>"tag":"trace"</c> are the program's
/// own output and are skipped; a line that mentions <c>"trace"</c> but is not JSON is reported, since that is how a
/// line cut short by a crash looks.
/// </summary>
/// <remarks>
/// Every line gets the cheap structural checks, which encode the rules of <c>schemas/trace-event-v1.schema.json</c>
/// (a test keeps the two in step). Evaluating the schema on every line would cost about a hundred times more, so it
/// runs only with <see cref="TraceReaderOptions.Strict"/>: for checking a new tracing kit, not for everyday reading.
/// </remarks>
public static class TraceReader
{
    /// <summary>Reads the trace at <paramref name="path"/> and the <c>.meta.json</c> beside it.</summary>
    /// <param name="path">The <c>.ndjson</c> file.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The trace, or the problems found.</returns>
    public static TraceReadResult ReadFile(string path, CancellationToken cancellationToken = default) =>
        ReadFile(path, TraceReaderOptions.Default, cancellationToken);

    /// <summary>Reads the trace at <paramref name="path"/> with the given options.</summary>
    /// <param name="path">The <c>.ndjson</c> file.</param>
    /// <param name="options">Strictness, limits, whether to read the meta file.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The trace, or the problems found.</returns>
    public static TraceReadResult ReadFile(string path, TraceReaderOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new TraceReadResult(null, [new TraceDiagnostic(TraceCodes.Unreadable, $"Cannot read the trace: {ex.Message}", path, 0, 1)]);
        }
        using (stream)
        {
            var result = Read(stream, path, options, cancellationToken);
            if (!options.ReadMeta)
            {
                return result;
            }
            var metaPath = MetaPathFor(path);
            if (!File.Exists(metaPath))
            {
                return result;
            }
            var meta = TraceMetaReader.ReadFile(metaPath, options.Strict);
            var diagnostics = result.Diagnostics.Concat(meta.Diagnostics).ToArray();
            return diagnostics.Length > 0
                ? new TraceReadResult(null, diagnostics)
                : new TraceReadResult(result.Trace! with { Meta = meta.Meta }, []);
        }
    }

    /// <summary>Reads NDJSON from <paramref name="stream"/> (no meta file).</summary>
    /// <param name="stream">UTF-8 NDJSON.</param>
    /// <param name="path">The name to report positions against; the trace's name is derived from it.</param>
    /// <param name="options">Strictness and limits; null for the defaults.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The trace, or the problems found.</returns>
    public static TraceReadResult Read(Stream stream, string path, TraceReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(path);
        var events = new List<TraceEvent>();
        var state = new ReaderState(path, options ?? TraceReaderOptions.Default, events.Add);
        ReadLines(stream, state, cancellationToken);
        return state.Diagnostics.Count > 0
            ? new TraceReadResult(null, [.. state.Diagnostics])
            : new TraceReadResult(new Trace(NameOf(path), path, events.ToArray(), null), []);
    }

    /// <summary>
    /// Reads the trace at <paramref name="path"/> one event at a time, without holding it: each valid event goes to
    /// <paramref name="onEvent"/> as soon as its line is read, so a long trace can be checked in constant memory.
    /// The checks and diagnostics are those of <see cref="ReadFile(string, TraceReaderOptions, CancellationToken)"/>;
    /// once a line has a problem no more events are handed out (the file is then rejected as a whole), but reading
    /// goes on to report every problem.
    /// </summary>
    /// <param name="path">The <c>.ndjson</c> file.</param>
    /// <param name="onEvent">Receives the events in file order.</param>
    /// <param name="options">Strictness, limits, whether to read the meta file; null for the defaults.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>How many events were read, the meta file, and every problem found.</returns>
    public static TraceStreamResult StreamFile(string path, Action<TraceEvent> onEvent, TraceReaderOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(onEvent);
        options ??= TraceReaderOptions.Default;
        var name = NameOf(path);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new TraceStreamResult(name, path, 0, null, [new TraceDiagnostic(TraceCodes.Unreadable, $"Cannot read the trace: {ex.Message}", path, 0, 1)]);
        }
        var state = new ReaderState(path, options, onEvent);
        using (stream)
        {
            ReadLines(stream, state, cancellationToken);
        }
        var diagnostics = state.Diagnostics;
        TraceMeta? meta = null;
        if (options.ReadMeta && File.Exists(MetaPathFor(path)))
        {
            var read = TraceMetaReader.ReadFile(MetaPathFor(path), options.Strict);
            meta = read.Meta;
            diagnostics = [.. diagnostics, .. read.Diagnostics];
        }
        return new TraceStreamResult(name, path, state.Events, diagnostics.Count > 0 ? null : meta, [.. diagnostics]);
    }

    /// <summary>Splits <paramref name="stream"/> into lines over one pooled buffer (grown only for a longer line).</summary>
    private static void ReadLines(Stream stream, ReaderState state, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            int filled = 0, lineNo = 0;
            var eof = false;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var start = 0;
                while (true)
                {
                    var nl = buffer.AsSpan(start, filled - start).IndexOf((byte)'\n');
                    if (nl < 0)
                    {
                        break;
                    }
                    state.Line(buffer.AsSpan(start, nl), ++lineNo);
                    start += nl + 1;
                }
                if (eof)
                {
                    if (filled > start)
                    {
                        state.Line(buffer.AsSpan(start, filled - start), ++lineNo);
                    }
                    break;
                }
                // Keep the unfinished line at the front; grow when one line fills the buffer.
                var rest = filled - start;
                if (start > 0)
                {
                    buffer.AsSpan(start, rest).CopyTo(buffer);
                }
                else if (rest == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, rest).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                filled = rest;
                var read = stream.Read(buffer, filled, buffer.Length - filled);
                if (read == 0)
                {
                    eof = true;
                }
                filled += read;
            }
            state.Finish(lineNo);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The meta file that belongs to a trace file: <c>x.ndjson</c> → <c>x.meta.json</c>.</summary>
    /// <param name="tracePath">The trace file.</param>
    /// <returns>The meta file's path.</returns>
    public static string MetaPathFor(string tracePath)
    {
        ArgumentNullException.ThrowIfNull(tracePath);
        var stem = tracePath.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase) ? tracePath[..^".ndjson".Length] : tracePath;
        return stem + ".meta.json";
    }

    /// <summary>A trace's name: its file name without <c>.ndjson</c>.</summary>
    internal static string NameOf(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        return name.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase) ? name[..^".ndjson".Length] : name;
    }

    private sealed class ReaderState(string path, TraceReaderOptions options, Action<TraceEvent> onEvent)
    {
        private readonly List<TraceDiagnostic> _diagnostics = [];
        private readonly Dictionary<string, long> _lastSeq = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Dictionary<string, long>> _lastClock = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> _legacyCount = new(StringComparer.Ordinal);
        private readonly Utf8Names _names = new();
        private readonly List<(string Name, int Start, int Length)> _fieldScratch = [];
        private readonly List<KeyValuePair<string, long>> _clockScratch = [];
        private int _dropped;
        private int _lineProblems;

        public void Line(ReadOnlySpan<byte> line, int lineNo)
        {
            if (line.Length > 0 && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }
            if (lineNo == 1 && line.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                line = line[3..];
            }
            if (line.Trim(" \t"u8).IsEmpty || line.IndexOf("\"tag\""u8) < 0)
            {
                return;
            }
            if (!options.Strict && FastLine(line) is { } fast)
            {
                _lineProblems = 0;
                Accept(Checked(line, lineNo, fast.Seq, fast.Node, fast.Name, fast.Args, fast.State, fast.Clock));
                return;
            }
            JsonElement root;
            try
            {
                var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 256 });
                root = JsonElement.ParseValue(ref reader);
                if (reader.Read())
                {
                    throw new JsonException("There is text after the JSON value.", null, 0, reader.TokenStartIndex);
                }
            }
            catch (JsonException ex)
            {
                if (line.IndexOf("\"trace\""u8) >= 0)
                {
                    var at = (int)Math.Min(ex.BytePositionInLine ?? 0, line.Length);
                    Report(TraceCodes.BadJson, $"Not valid JSON: {FirstSentence(ex.Message)}", lineNo, CharColumn(line, at), null);
                }
                return;
            }
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("tag", out var tag)
                || tag.ValueKind != JsonValueKind.String || !tag.ValueEquals("trace"u8))
            {
                return;
            }
            _lineProblems = 0;
            var isLegacy = root.TryGetProperty("event", out var legacy) && legacy.ValueKind == JsonValueKind.Object;
            var ev = isLegacy ? LegacyLine(line, lineNo, legacy) : EventLine(line, lineNo, root);
            if (options.Strict && !isLegacy && _lineProblems == 0 && ev is not null)
            {
                foreach (var (pointer, message) in TraceSchemas.Validate(root))
                {
                    Report(TraceCodes.SchemaViolation, $"Schema: {message}", lineNo, 1, pointer);
                }
            }
            Accept(ev);
        }

        private void Accept(TraceEvent? ev)
        {
            // After the first problem the file is rejected whole: later events would only be thrown away.
            if (ev is not null && _lineProblems == 0 && _diagnostics.Count == 0 && _dropped == 0)
            {
                Events++;
                onEvent(ev);
            }
        }

        /// <summary>
        /// The common line read in one pass of a reader, without a document: a version-1 event whose every field is
        /// well formed and written once. Anything else (a problem to report, a legacy line, a repeated key) returns
        /// null and goes the general way, which finds and reports it exactly.
        /// </summary>
        private (long Seq, string Node, string Name, IReadOnlyDictionary<string, JsonElement> Args, IReadOnlyDictionary<string, JsonElement> State,
            OrderedFields<long> Clock)? FastLine(ReadOnlySpan<byte> line)
        {
            const int Tag = 1, V = 2, Seq = 4, Node = 8, Event = 16, Args = 32, State = 64, Clock = 128;
            long seq = 0;
            string? node = null, name = null;
            (int Start, int Length, int First, int Count) args = default, state = default;
            var clock = OrderedFields<long>.Empty;
            var seen = 0;
            _fieldScratch.Clear();
            try
            {
                var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 256 });
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    return null;
                }
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var key = reader.ValueIsEscaped ? 0
                        : reader.ValueTextEquals("tag"u8) ? Tag
                        : reader.ValueTextEquals("v"u8) ? V
                        : reader.ValueTextEquals("seq"u8) ? Seq
                        : reader.ValueTextEquals("node"u8) ? Node
                        : reader.ValueTextEquals("event"u8) ? Event
                        : reader.ValueTextEquals("args"u8) ? Args
                        : reader.ValueTextEquals("state"u8) ? State
                        : reader.ValueTextEquals("clock"u8) ? Clock
                        : 0;
                    if (key == 0 && reader.ValueIsEscaped)
                    {
                        return null;
                    }
                    if ((seen & key) != 0)
                    {
                        return null;
                    }
                    seen |= key;
                    reader.Read();
                    switch (key)
                    {
                        case Tag when reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("trace"u8):
                            break;
                        case V when reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var version) && version == 1:
                            break;
                        case Seq when reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out seq) && seq >= 0:
                            break;
                        case Node when reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 0:
                            node = _names.Get(ref reader);
                            break;
                        case Event when reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 0:
                            name = _names.Get(ref reader);
                            break;
                        case Args or State when reader.TokenType == JsonTokenType.StartObject:
                        {
                            var start = (int)reader.TokenStartIndex;
                            var first = _fieldScratch.Count;
                            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                            {
                                var field = _names.Get(ref reader);
                                reader.Read();
                                var at = (int)reader.TokenStartIndex;
                                reader.Skip();
                                _fieldScratch.Add((field, at, (int)reader.BytesConsumed - at));
                            }
                            var range = (start, (int)reader.BytesConsumed - start, first, _fieldScratch.Count - first);
                            if (key == Args)
                            {
                                args = range;
                            }
                            else
                            {
                                state = range;
                            }
                            break;
                        }
                        case Clock when reader.TokenType == JsonTokenType.StartObject:
                        {
                            _clockScratch.Clear();
                            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                            {
                                var other = _names.Get(ref reader);
                                if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var tick) || tick < 0)
                                {
                                    return null;
                                }
                                _clockScratch.Add(new(other, tick));
                            }
                            clock = new OrderedFields<long>([.. _clockScratch]);
                            break;
                        }
                        case 0:
                            reader.Skip();
                            break;
                        default:
                            return null;
                    }
                }
                // The object is closed; anything after it but blanks is an error the general way reports.
                if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
                {
                    return null;
                }
            }
            catch (JsonException)
            {
                return null;
            }
            if ((seen & (Tag | V | Seq | Node | Event)) != (Tag | V | Seq | Node | Event))
            {
                return null;
            }
            var copy = (seen & (Args | State)) != 0 ? line.ToArray() : [];
            return (seq, node!, name!, Fields(copy, args), Fields(copy, state), clock);
        }

        private IReadOnlyDictionary<string, JsonElement> Fields(byte[] line, (int Start, int Length, int First, int Count) range) =>
            range.Count == 0
                ? OrderedFields<JsonElement>.Empty
                : new RawFields(line, range.Start, range.Length, CollectionsMarshal.AsSpan(_fieldScratch).Slice(range.First, range.Count).ToArray());

        /// <summary>Events handed out.</summary>
        public int Events { get; private set; }

        /// <summary>Every problem reported, in file order.</summary>
        public IReadOnlyList<TraceDiagnostic> Diagnostics => _diagnostics;

        public void Finish(int lines)
        {
            if (Events == 0 && _diagnostics.Count == 0)
            {
                Report(TraceCodes.Empty, $"The file holds no trace events (lines with \"tag\":\"trace\") in its {lines} lines.", 0, 1, null);
            }
            if (_dropped > 0)
            {
                _diagnostics.Add(new TraceDiagnostic(TraceCodes.TooManyProblems, $"{_dropped} more problems are not shown.", path, 0, 1));
            }
        }

        private TraceEvent? EventLine(ReadOnlySpan<byte> line, int lineNo, JsonElement root)
        {
            var ok = true;
            if (!root.TryGetProperty("v", out var v))
            {
                ok = Missing(line, lineNo, "v", "the format version, 1");
            }
            else if (v.ValueKind != JsonValueKind.Number)
            {
                ok = Wrong(line, lineNo, "v", null, "must be the number 1 (the format version)");
            }
            else if (!v.TryGetInt32(out var version) || version != 1)
            {
                Report(TraceCodes.UnknownVersion, $"Format version {v.GetRawText()} is not supported; this reader knows version 1.",
                    lineNo, ColumnOf(line, "v", null), "$.v");
                return null;
            }
            long seq = 0;
            if (!root.TryGetProperty("seq", out var seqEl))
            {
                ok = Missing(line, lineNo, "seq", "the node's sequence number");
            }
            else if (seqEl.ValueKind != JsonValueKind.Number || !seqEl.TryGetInt64(out seq) || seq < 0)
            {
                ok = Wrong(line, lineNo, "seq", null, "must be a non-negative integer");
            }
            var node = RequiredString(line, lineNo, root, "node", "the node that took the step", ref ok);
            var name = RequiredString(line, lineNo, root, "event", "the event kind", ref ok);
            var args = OptionalObject(line, lineNo, root, "args", ref ok);
            var state = OptionalObject(line, lineNo, root, "state", ref ok);
            var clock = OrderedFields<long>.Empty;
            if (root.TryGetProperty("clock", out var clockEl))
            {
                if (clockEl.ValueKind != JsonValueKind.Object)
                {
                    ok = Wrong(line, lineNo, "clock", null, "must be an object of node to counter");
                }
                else
                {
                    var entries = new List<KeyValuePair<string, long>>();
                    foreach (var entry in clockEl.EnumerateObject())
                    {
                        if (entry.Value.ValueKind != JsonValueKind.Number || !entry.Value.TryGetInt64(out var tick) || tick < 0)
                        {
                            ok = Wrong(line, lineNo, "clock", entry.Name, "must be a non-negative integer");
                            continue;
                        }
                        entries.Add(new(entry.Name, tick));
                    }
                    clock = new OrderedFields<long>([.. entries]);
                }
            }
            if (!ok || node is null || name is null)
            {
                return null;
            }
            return Checked(line, lineNo, seq, node, name, args, state, clock);
        }

        /// <summary>The event of a well-formed line, once its seq and clock are checked against the node's previous ones.</summary>
        private TraceEvent Checked(ReadOnlySpan<byte> line, int lineNo, long seq, string node, string name, IReadOnlyDictionary<string, JsonElement> args,
            IReadOnlyDictionary<string, JsonElement> state, OrderedFields<long> clock)
        {
            if (_lastSeq.TryGetValue(node, out var previous) && seq <= previous)
            {
                Report(TraceCodes.SeqNotIncreasing, $"Node {node}: seq {seq} does not follow {previous}; a node's seq must increase.",
                    lineNo, ColumnOf(line, "seq", null), "$.seq");
            }
            _lastSeq[node] = seq;
            CheckClock(line, lineNo, node, clock);
            return new TraceEvent(path, lineNo, seq, node, name, args, state, clock);
        }

        private void CheckClock(ReadOnlySpan<byte> line, int lineNo, string node, OrderedFields<long> clock)
        {
            if (clock.Count == 0)
            {
                return;
            }
            if (!_lastClock.TryGetValue(node, out var last))
            {
                _lastClock[node] = last = new Dictionary<string, long>(StringComparer.Ordinal);
            }
            foreach (var (other, tick) in clock)
            {
                if (last.TryGetValue(other, out var before) && tick < before)
                {
                    if (other == node)
                    {
                        Report(TraceCodes.OwnClockBack, $"Node {node}: its own clock went back from {before} to {tick}.",
                            lineNo, ColumnOf(line, "clock", other), $"$.clock.{other}");
                    }
                    else
                    {
                        Report(TraceCodes.ClockRegression,
                            $"Node {node}: its clock entry for {other} went back from {before} to {tick} (a vector clock never goes back).",
                            lineNo, ColumnOf(line, "clock", other), $"$.clock.{other}");
                    }
                    continue;
                }
                last[other] = tick;
            }
        }

        private TraceEvent? LegacyLine(ReadOnlySpan<byte> line, int lineNo, JsonElement ev)
        {
            var ok = true;
            string? name = null, nid = null;
            if (!ev.TryGetProperty("name", out var n) || n.ValueKind != JsonValueKind.String || n.GetString() is not { Length: > 0 })
            {
                ok = Report(TraceCodes.MissingField, "Missing 'event.name' (a non-empty string).", lineNo, ColumnOf(line, "event", "name"), "$.event.name");
            }
            else
            {
                name = n.GetString();
            }
            if (!ev.TryGetProperty("nid", out var id) || id.ValueKind != JsonValueKind.String || id.GetString() is not { Length: > 0 })
            {
                ok = Report(TraceCodes.MissingField, "Missing 'event.nid' (a non-empty string).", lineNo, ColumnOf(line, "event", "nid"), "$.event.nid");
            }
            else
            {
                nid = id.GetString();
            }
            var state = OrderedFields<JsonElement>.Empty;
            if (!ev.TryGetProperty("state", out var s) || s.ValueKind != JsonValueKind.Object)
            {
                ok = Report(TraceCodes.MissingField, "Missing 'event.state' (an object).", lineNo, ColumnOf(line, "event", "state"), "$.event.state");
            }
            else
            {
                state = Fields(s);
            }
            if (!ok || name is null || nid is null)
            {
                return null;
            }
            var args = ev.TryGetProperty("msg", out var msg) && msg.ValueKind != JsonValueKind.Null
                ? new OrderedFields<JsonElement>([new("msg", msg)])
                : OrderedFields<JsonElement>.Empty;
            var seq = _legacyCount.GetValueOrDefault(nid) + 1;
            _legacyCount[nid] = seq;
            return new TraceEvent(path, lineNo, seq, nid, name, args, state, OrderedFields<long>.Empty);
        }

        private string? RequiredString(ReadOnlySpan<byte> line, int lineNo, JsonElement root, string field, string what, ref bool ok)
        {
            if (!root.TryGetProperty(field, out var el))
            {
                ok = Missing(line, lineNo, field, what);
                return null;
            }
            if (el.ValueKind != JsonValueKind.String || el.GetString() is not { Length: > 0 } s)
            {
                ok = Wrong(line, lineNo, field, null, "must be a non-empty string");
                return null;
            }
            return s;
        }

        private OrderedFields<JsonElement> OptionalObject(ReadOnlySpan<byte> line, int lineNo, JsonElement root, string field, ref bool ok)
        {
            if (!root.TryGetProperty(field, out var el))
            {
                return OrderedFields<JsonElement>.Empty;
            }
            if (el.ValueKind != JsonValueKind.Object)
            {
                ok = Wrong(line, lineNo, field, null, "must be an object");
                return OrderedFields<JsonElement>.Empty;
            }
            return Fields(el);
        }

        private static OrderedFields<JsonElement> Fields(JsonElement obj)
        {
            var entries = new List<KeyValuePair<string, JsonElement>>();
            foreach (var p in obj.EnumerateObject())
            {
                entries.Add(new(p.Name, p.Value));
            }
            return entries.Count == 0 ? OrderedFields<JsonElement>.Empty : new OrderedFields<JsonElement>([.. entries]);
        }

        private bool Missing(ReadOnlySpan<byte> line, int lineNo, string field, string what) =>
            Report(TraceCodes.MissingField, $"Missing '{field}' ({what}).", lineNo, 1, "$." + field);

        private bool Wrong(ReadOnlySpan<byte> line, int lineNo, string field, string? sub, string rule) =>
            Report(TraceCodes.WrongType, $"'{(sub is null ? field : field + "." + sub)}' {rule}.", lineNo, ColumnOf(line, field, sub),
                sub is null ? "$." + field : $"$.{field}.{sub}");

        /// <summary>Records a problem; returns false so callers can write <c>ok = Report(...)</c>.</summary>
        private bool Report(string code, string message, int lineNo, int column, string? jsonPath)
        {
            _lineProblems++;
            if (_diagnostics.Count >= options.MaxDiagnostics)
            {
                _dropped++;
                return false;
            }
            _diagnostics.Add(new TraceDiagnostic(code, message, path, lineNo, column, jsonPath));
            return false;
        }
    }

    /// <summary>The 1-based character column of the value at <c>$.field</c> or <c>$.field.sub</c>: found again
    /// with a reader only when a problem is reported, so valid lines pay nothing for it.</summary>
    private static int ColumnOf(ReadOnlySpan<byte> line, string field, string? sub)
    {
        var reader = new Utf8JsonReader(line);
        try
        {
            var want = field;
            var depth = 1;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth && reader.ValueTextEquals(want))
                {
                    reader.Read();
                    if (sub is null || depth == 2 || reader.TokenType != JsonTokenType.StartObject)
                    {
                        return CharColumn(line, (int)reader.TokenStartIndex);
                    }
                    want = sub;
                    depth = 2;
                }
            }
        }
        catch (JsonException)
        {
            // The line was parsed before, so this does not happen; fall back to the line start.
        }
        return 1;
    }

    private static int CharColumn(ReadOnlySpan<byte> line, int byteIndex) =>
        Encoding.UTF8.GetCharCount(line[..Math.Clamp(byteIndex, 0, line.Length)]) + 1;

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd();
    }
}
