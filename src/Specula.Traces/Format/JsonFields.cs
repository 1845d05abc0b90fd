using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Specula.Traces.Format;

/// <summary>An immutable dictionary that keeps the order its keys were written in. Events carry few fields, so a
/// linear scan beats hashing and the written order is what people expect to see printed back.</summary>
/// <typeparam name="T">The value type.</typeparam>
internal sealed class OrderedFields<T> : IReadOnlyDictionary<string, T>
{
    private readonly KeyValuePair<string, T>[] _entries;

    public OrderedFields(KeyValuePair<string, T>[] entries) => _entries = entries;

    public static OrderedFields<T> Empty { get; } = new([]);

    public T this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    public IEnumerable<T> Values => _entries.Select(e => e.Value);

    public int Count => _entries.Length;

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out T value)
    {
        foreach (var entry in _entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                value = entry.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    public IEnumerator<KeyValuePair<string, T>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, T>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
