using System.Text;
using System.Text.Unicode;
using System.Text.Json;

namespace Specula.Traces.Format;

/// <summary>
/// The strings of the names a trace repeats on every line (node and event names, field names, small values),
/// decoded once: a JSON string's bytes are looked up without allocating, and a new name is remembered up to a
/// bound, so that a trace of unique strings costs no more than decoding them. Not thread-safe: one per reader.
/// </summary>
internal sealed class Utf8Names
{
    private const int MaxNames = 4096;

    /// <summary>Names no longer than this are looked up; longer ones are decoded each time.</summary>
    private const int MaxLength = 64;

    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public Utf8Names() => _lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The string the reader is on (a string or a property name).</summary>
    public string Get(ref Utf8JsonReader reader)
    {
        // Escapes, long strings and bad UTF-8 (which GetString rejects, as it did before) take the general way.
        if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > MaxLength || !Utf8.IsValid(reader.ValueSpan))
        {
            return reader.GetString()!;
        }
        var utf8 = reader.ValueSpan;
        Span<char> chars = stackalloc char[MaxLength];
        var count = Encoding.UTF8.GetChars(utf8, chars);
        if (_lookup.TryGetValue(chars[..count], out var known))
        {
            return known;
        }
        var name = new string(chars[..count]);
        if (_names.Count < MaxNames)
        {
            _names.Add(name);
        }
        return name;
    }
}
