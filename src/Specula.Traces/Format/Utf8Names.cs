using System.Buffers.Binary;
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

    /// <summary>The names met last, by a cheap hash of their bytes: a line repeats the names of the line before, and a
    /// hit here costs a comparison of a few bytes, not decoding and hashing.</summary>
    private readonly (byte[]? Utf8, string? Text)[] _recent = new (byte[]?, string?)[RecentSlots];

    private const int RecentSlots = 1024;

    /// <summary>The string the reader is on (a string or a property name).</summary>
    public string Get(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > MaxLength)
        {
            return reader.GetString()!;
        }
        var utf8 = reader.ValueSpan;
        // Two slots per name, so that two names that hash alike do not keep evicting each other.
        var slot = Slot(utf8);
        if (_recent[slot].Utf8 is { } first && utf8.SequenceEqual(first))
        {
            return _recent[slot].Text!;
        }
        if (_recent[slot ^ 1].Utf8 is { } second && utf8.SequenceEqual(second))
        {
            return _recent[slot ^ 1].Text!;
        }
        // Bad UTF-8 is for GetString to reject, as it did before.
        if (!Utf8.IsValid(utf8))
        {
            return reader.GetString()!;
        }
        Span<char> chars = stackalloc char[MaxLength];
        var count = Encoding.UTF8.GetChars(utf8, chars);
        if (!_lookup.TryGetValue(chars[..count], out var name))
        {
            name = new string(chars[..count]);
            if (_names.Count < MaxNames)
            {
                _names.Add(name);
            }
        }
        _recent[_recent[slot].Utf8 is null || _recent[slot ^ 1].Utf8 is not null ? slot : slot ^ 1] = (utf8.ToArray(), name);
        return name;
    }

    /// <summary>A slot for a name: its length and first and last four bytes, mixed (Fibonacci hashing).</summary>
    private static int Slot(ReadOnlySpan<byte> utf8)
    {
        var bits = (ulong)utf8.Length;
        if (utf8.Length >= 4)
        {
            bits ^= ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(utf8) << 8) ^ ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(utf8[^4..]) << 30);
        }
        else
        {
            foreach (var b in utf8)
            {
                bits = (bits << 8) | b;
            }
        }
        return (int)((bits * 0x9E3779B97F4A7C15UL) >> (64 - 10));
    }
}
