using Specula.Tla.Values;

namespace Specula.Traces.Mapping;

/// <summary>
/// Recently converted JSON objects, by field and JSON as written: a message sits in an inbox for several events, a
/// log entry in every later log, and each time its JSON is the same, so its record need not be built again. A fixed
/// number of slots, each holding the last object that hashed to it: bounded, and nothing to evict. Not thread-safe:
/// one per trace.
/// </summary>
internal sealed class ConversionMemo
{
    private const int Slots = 1024;

    /// <summary>Objects longer than this are converted each time (copying them would cost what it saves).</summary>
    public const int MaxLength = 512;

    private readonly (int Hash, string? Field, byte[]? Json, Value Value)[] _slots = new (int, string?, byte[]?, Value)[Slots];

    /// <summary>The value last converted from <paramref name="json"/> in <paramref name="field"/>, if it is still held.</summary>
    public bool TryGet(string? field, ReadOnlySpan<byte> json, out int hash, out Value value)
    {
        hash = Hash(field, json);
        ref var slot = ref _slots[hash & (Slots - 1)];
        if (slot.Json is { } held && slot.Hash == hash && string.Equals(slot.Field, field, StringComparison.Ordinal) && json.SequenceEqual(held))
        {
            value = slot.Value;
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>Remembers a conversion, in place of whatever its slot held.</summary>
    public void Add(int hash, string? field, ReadOnlySpan<byte> json, Value value) =>
        _slots[hash & (Slots - 1)] = (hash, field, json.ToArray(), value);

    private static int Hash(string? field, ReadOnlySpan<byte> json)
    {
        var hash = new HashCode();
        hash.Add(field, StringComparer.Ordinal);
        hash.AddBytes(json);
        return hash.ToHashCode();
    }
}
