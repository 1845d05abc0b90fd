using System.Numerics;

namespace Specula.Synthesis.Mining;

/// <summary>A fixed-size bit set over the examples of one synthesis problem.</summary>
internal sealed class Bits
{
    private readonly ulong[] _words;

    public Bits(int length)
    {
        Length = length;
        _words = new ulong[(length + 63) / 64];
    }

    public int Length { get; }

    public static Bits All(int length)
    {
        var b = new Bits(length);
        for (var i = 0; i < length; i++)
        {
            b.Set(i);
        }
        return b;
    }

    public void Set(int i) => _words[i >> 6] |= 1UL << (i & 63);

    public bool Get(int i) => (_words[i >> 6] & (1UL << (i & 63))) != 0;

    public int Count()
    {
        var c = 0;
        foreach (var w in _words)
        {
            c += BitOperations.PopCount(w);
        }
        return c;
    }

    public Bits And(Bits other)
    {
        var r = new Bits(Length);
        for (var i = 0; i < _words.Length; i++)
        {
            r._words[i] = _words[i] & other._words[i];
        }
        return r;
    }

    public Bits AndNot(Bits other)
    {
        var r = new Bits(Length);
        for (var i = 0; i < _words.Length; i++)
        {
            r._words[i] = _words[i] & ~other._words[i];
        }
        return r;
    }

    /// <summary>Whether every bit of this set is in <paramref name="other"/>.</summary>
    public bool SubsetOf(Bits other)
    {
        for (var i = 0; i < _words.Length; i++)
        {
            if ((_words[i] & ~other._words[i]) != 0)
            {
                return false;
            }
        }
        return true;
    }

    public int CountAnd(Bits other)
    {
        var c = 0;
        for (var i = 0; i < _words.Length; i++)
        {
            c += BitOperations.PopCount(_words[i] & other._words[i]);
        }
        return c;
    }

    public bool IsEmpty => _words.All(w => w == 0);
}
