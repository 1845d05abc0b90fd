namespace Specula.Tla.Checking.Liveness;

/// <summary>
/// A set of fairness conditions by index, of any size: a specification can have more than 64 of them (tlaplus/Examples'
/// AllocatorImplementation has a WF for each of its 72 messages), and none may be dropped.
/// </summary>
internal sealed class FairnessBits(int count) : IEquatable<FairnessBits>
{
    private readonly ulong[] _words = new ulong[(count + 63) / 64];

    /// <summary>Whether condition <paramref name="i"/> is in the set.</summary>
    public bool this[int i] => (_words[i >> 6] & (1UL << (i & 63))) != 0;

    /// <summary>Adds condition <paramref name="i"/>.</summary>
    public void Add(int i) => _words[i >> 6] |= 1UL << (i & 63);

    /// <summary>Adds the conditions of <paramref name="other"/>.</summary>
    public void UnionWith(FairnessBits other)
    {
        for (var w = 0; w < _words.Length; w++)
        {
            _words[w] |= other._words[w];
        }
    }

    /// <summary>Adds the conditions not in <paramref name="other"/>.</summary>
    public void UnionWithComplement(FairnessBits other)
    {
        for (var w = 0; w < _words.Length; w++)
        {
            _words[w] |= ~other._words[w];
        }
    }

    /// <summary>Whether the two sets share a condition.</summary>
    public bool Overlaps(FairnessBits other)
    {
        for (var w = 0; w < _words.Length; w++)
        {
            if ((_words[w] & other._words[w]) != 0)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Whether the set is empty.</summary>
    public bool IsEmpty => _words.All(w => w == 0);

    /// <summary>Equal when they hold the same conditions (sets used as keys are not changed afterwards).</summary>
    public bool Equals(FairnessBits? other) => other is not null && _words.AsSpan().SequenceEqual(other._words);

    public override bool Equals(object? obj) => Equals(obj as FairnessBits);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var w in _words)
        {
            hash.Add(w);
        }
        return hash.ToHashCode();
    }
}
