// Specula tracing kit for C#: one file, no dependencies beyond the BCL. Writes trace events as NDJSON, format version 1:
//
//   {"tag":"trace","v":1,"seq":17,"node":"n2","event":"Receive","args":{...},"state":{...},"clock":{"n1":9,"n2":17}}
//
// Each event is one write on a file opened for appending with no buffer in the process: lines never interleave and a
// crash loses nothing already emitted. Vector clocks. Deterministic bytes: keys sorted (ordinal), compact, no
// timestamps; the same bytes as the Go, Python and C kits for the same events.
using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Specula.Trace;

/// <summary>Appends Specula trace events to one file. Thread-safe.</summary>
public sealed class TraceWriter : IDisposable
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly FileStream _file;
    private readonly bool _flushToDisk;
    private readonly Dictionary<string, long> _seq = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedDictionary<string, long>> _clocks = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Opens (creating or appending to) the trace file at <paramref name="path"/>; with <paramref name="flushToDisk"/>
    /// every event is also fsync'ed.</summary>
    public TraceWriter(string path, bool flushToDisk = false)
    {
        // FileMode.Append opens with O_APPEND; bufferSize 0 sends each Write straight to the kernel.
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        _flushToDisk = flushToDisk;
    }

    /// <summary>Number of events written.</summary>
    public long Events { get; private set; }

    /// <summary>Writes one event of <paramref name="node"/>, advancing its clock. Values: strings, numbers, booleans, null,
    /// and nested dictionaries or lists of them.</summary>
    public void Emit(string node, string name, IReadOnlyDictionary<string, object?>? args = null, IReadOnlyDictionary<string, object?>? state = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(name);
        lock (_gate)
        {
            var clock = ClockOf(node);
            clock[node] = clock.GetValueOrDefault(node) + 1;
            var seq = _seq[node] = _seq.GetValueOrDefault(node) + 1;
            var buffer = new ArrayBufferWriter<byte>(256);
            using (var json = new Utf8JsonWriter(buffer, Options))
            {
                json.WriteStartObject();
                json.WriteString("tag", "trace");
                json.WriteNumber("v", 1);
                json.WriteNumber("seq", seq);
                json.WriteString("node", node);
                json.WriteString("event", name);
                json.WritePropertyName("args");
                WriteValue(json, args ?? new Dictionary<string, object?>());
                json.WritePropertyName("state");
                WriteValue(json, state ?? new Dictionary<string, object?>());
                json.WritePropertyName("clock");
                json.WriteStartObject();
                foreach (var (k, v) in clock)
                {
                    json.WriteNumber(k, v);
                }
                json.WriteEndObject();
                json.WriteEndObject();
            }
            buffer.Write("\n"u8);
            _file.Write(buffer.WrittenSpan); // one write: an atomic append
            if (_flushToDisk)
            {
                _file.Flush(flushToDisk: true);
            }
            Events++;
        }
    }

    /// <summary>A copy of <paramref name="node"/>'s clock, to carry on an outgoing message.</summary>
    public IReadOnlyDictionary<string, long> Stamp(string node)
    {
        lock (_gate)
        {
            return new SortedDictionary<string, long>(ClockOf(node), StringComparer.Ordinal);
        }
    }

    /// <summary>Folds a received clock into <paramref name="node"/>'s (entry-wise maximum); then Emit the receive event.</summary>
    public void Merge(string node, IReadOnlyDictionary<string, long> received)
    {
        ArgumentNullException.ThrowIfNull(received);
        lock (_gate)
        {
            var clock = ClockOf(node);
            foreach (var (k, v) in received)
            {
                if (v > clock.GetValueOrDefault(k))
                {
                    clock[k] = v;
                }
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _file.Flush(flushToDisk: true);
            _file.Dispose();
        }
    }

    private SortedDictionary<string, long> ClockOf(string node)
    {
        if (!_clocks.TryGetValue(node, out var clock))
        {
            clock = new SortedDictionary<string, long>(StringComparer.Ordinal);
            _clocks[node] = clock;
        }
        return clock;
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case int or long or short or byte or uint or ushort or sbyte:
                json.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case ulong ul:
                json.WriteNumberValue(ul);
                break;
            case double or float or decimal:
                json.WriteNumberValue(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case IReadOnlyDictionary<string, object?> map:
                json.WriteStartObject();
                foreach (var key in map.Keys.Order(StringComparer.Ordinal))
                {
                    json.WritePropertyName(key);
                    WriteValue(json, map[key]);
                }
                json.WriteEndObject();
                break;
            case System.Collections.IEnumerable list:
                json.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(json, item);
                }
                json.WriteEndArray();
                break;
            default:
                json.WriteStringValue(value.ToString());
                break;
        }
    }
}
