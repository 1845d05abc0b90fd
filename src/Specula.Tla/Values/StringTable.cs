using System.Collections.Concurrent;

namespace Specula.Tla.Values;

/// <summary>
/// Interns strings and model values, assigning ids in first-seen order. TLC orders strings by interning order
/// (<c>util/UniqueString</c>), which decides CHOOSE and set order, so the evaluator interns names and string
/// literals in SANY's parse order. One table per run: values from different tables must not be compared.
/// Thread-safe.
/// </summary>
public sealed class StringTable
{
    private readonly ConcurrentDictionary<string, TlaString> _strings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ModelValue> _modelValues = new(StringComparer.Ordinal);
    private readonly List<TlaString> _byId = [];
    private readonly Lock _gate = new();

    /// <summary>The number of interned strings.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byId.Count;
            }
        }
    }

    /// <summary>The string with the given id.</summary>
    /// <param name="id">An id returned earlier.</param>
    public TlaString this[int id]
    {
        get
        {
            lock (_gate)
            {
                return _byId[id];
            }
        }
    }

    /// <summary>Interns <paramref name="text"/>, giving it the next id if it is new.</summary>
    /// <param name="text">The characters.</param>
    /// <returns>The unique interned string.</returns>
    public TlaString Intern(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_strings.TryGetValue(text, out var found))
        {
            return found;
        }

        lock (_gate)
        {
            if (_strings.TryGetValue(text, out found))
            {
                return found;
            }

            var s = new TlaString(text, _byId.Count, this);
            _byId.Add(s);
            _strings[text] = s;
            return s;
        }
    }

    /// <summary>Interns a sequence of strings in order (for example a module's tokens in parse order).</summary>
    /// <param name="texts">The strings, in first-seen order.</param>
    public void InternAll(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        foreach (var t in texts)
        {
            Intern(t);
        }
    }

    /// <summary>Finds an already interned string.</summary>
    /// <param name="text">The characters.</param>
    /// <param name="value">The interned string, when found.</param>
    /// <returns>Whether it was interned.</returns>
    public bool TryGet(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TlaString? value) =>
        _strings.TryGetValue(text, out value);

    /// <summary>The string as a value, interning it if needed.</summary>
    /// <param name="text">The characters.</param>
    /// <returns>The string value.</returns>
    public Value Str(string text) => Value.String(Intern(text));

    /// <summary>Finds a model value that exists already (one the configuration introduced), without creating one.</summary>
    /// <param name="name">Its name.</param>
    /// <param name="value">The model value, when it exists.</param>
    /// <returns>Whether it exists.</returns>
    public bool TryGetModelValue(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ModelValue? value) =>
        _modelValues.TryGetValue(name, out value);

    /// <summary>The model value named <paramref name="name"/> (its name interned like a string).</summary>
    /// <param name="name">The name as written in the configuration.</param>
    /// <returns>The unique model value of that name.</returns>
    public ModelValue ModelValue(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_modelValues.TryGetValue(name, out var mv))
        {
            return mv;
        }

        var interned = Intern(name);
        return _modelValues.GetOrAdd(name, _ => new ModelValue(interned));
    }
}
