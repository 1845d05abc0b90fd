using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Specula.Traces.Format;

/// <summary>
/// The fields of a JSON object as the reader found them: names and where each value's JSON is, in the order
/// written, over a copy of the line. The values become <see cref="JsonElement"/>s only when someone asks for one;
/// a validator that compares and converts the raw JSON never pays for a document.
/// </summary>
internal sealed class RawFields : IReadOnlyDictionary<string, JsonElement>
{
    private readonly byte[] _line;
    private readonly int _start;
    private readonly int _length;
    private readonly (string Name, int Start, int Length)[] _fields;
    private JsonElement[]? _values;

    /// <param name="line">The line (not shared with the reader's buffer).</param>
    /// <param name="start">Where the object starts in it.</param>
    /// <param name="length">The object's length.</param>
    /// <param name="fields">Each field's name and value range in <paramref name="line"/>.</param>
    public RawFields(byte[] line, int start, int length, (string Name, int Start, int Length)[] fields)
    {
        _line = line;
        _start = start;
        _length = length;
        _fields = fields;
    }

    /// <summary>The name of the field at <paramref name="index"/>.</summary>
    public string NameAt(int index) => _fields[index].Name;

    /// <summary>The index of the first field of that name, or -1.</summary>
    public int IndexOf(string key) => IndexOf(key, _fields.Length - 1);

    /// <summary>The index of the first field of that name, knowing that there is none after <paramref name="last"/>
    /// (the field at <paramref name="last"/> has that name, say), or -1.</summary>
    public int IndexOf(string key, int last)
    {
        for (var i = 0; i <= last; i++)
        {
            if (string.Equals(_fields[i].Name, key, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>The JSON of the value at <paramref name="index"/>, as written (a string with its quotes).</summary>
    public ReadOnlySpan<byte> Raw(int index) => _line.AsSpan(_fields[index].Start, _fields[index].Length);

    public JsonElement this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => _fields.Select(f => f.Name);

    public IEnumerable<JsonElement> Values => Elements();

    public int Count => _fields.Length;

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out JsonElement value)
    {
        var i = IndexOf(key);
        if (i < 0)
        {
            value = default;
            return false;
        }
        value = Elements()[i];
        return true;
    }

    public IEnumerator<KeyValuePair<string, JsonElement>> GetEnumerator()
    {
        var values = Elements();
        for (var i = 0; i < _fields.Length; i++)
        {
            yield return new(_fields[i].Name, values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The values as elements, parsed on first use (the object was valid JSON when it was read).</summary>
    private JsonElement[] Elements()
    {
        if (_values is { } values)
        {
            return values;
        }
        var reader = new Utf8JsonReader(_line.AsSpan(_start, _length), new JsonReaderOptions { MaxDepth = 256 });
        var root = JsonElement.ParseValue(ref reader);
        values = new JsonElement[_fields.Length];
        var i = 0;
        foreach (var property in root.EnumerateObject())
        {
            values[i++] = property.Value;
        }
        // Racing readers each build the same elements; either array will do.
        _values = values;
        return values;
    }
}
