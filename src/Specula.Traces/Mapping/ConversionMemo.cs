using Specula.Tla.Values;

namespace Specula.Traces.Mapping;

/// <summary>
/// Recently converted JSON objects and arrays, by field and JSON as written: a message sits in an inbox for several
/// events, a leader's log is copied into its followers' logs and messages, and each time the JSON is the same, so its
/// value need not be built again. A fixed number of slots, each holding the last value that hashed to it: bounded,
/// and nothing to evict. Also lends the lists that conversions fill. Not thread-safe: one per trace.
/// </summary>
internal sealed class ConversionMemo
{
    private const int Slots = 1024;

    /// <summary>Objects longer than this are converted each time (copying them would cost what it saves).</summary>
    public const int MaxLength = 512;

    private readonly (int Hash, string? Field, byte[]? Json, Value Value)[] _slots = new (int, string?, byte[]?, Value)[Slots];
    private readonly Stack<List<Value>> _lists = new();

    /// <summary>An empty list to fill; give it back with <see cref="Return"/>.</summary>
    public List<Value> Rent() => _lists.TryPop(out var list) ? list : [];

    /// <summary>Gives back a list from <see cref="Rent"/>.</summary>
    public void Return(List<Value> list)
    {
        list.Clear();
        _lists.Push(list);
    }

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
