using System.Numerics;

namespace Specula.Tla.Values;

/// <summary>
/// The 64-bit mixing functions behind <see cref="Value.Fingerprint"/>. Everything is defined on fixed-width
/// integers and UTF-16 code units, so fingerprints are the same on every run and platform.
/// </summary>
internal static class Hashing
{
    private const ulong P1 = 0x9E3779B185EBCA87UL;
    private const ulong P2 = 0xC2B2AE3D27D4EB4FUL;
    private const ulong P3 = 0x165667B19E3779F9UL;

    internal const ulong TagInt = 0x1001;
    internal const ulong TagBigInt = 0x1002;
    internal const ulong TagBool = 0x1003;
    internal const ulong TagString = 0x1004;
    internal const ulong TagModelValue = 0x1005;
    internal const ulong TagSet = 0x1006;
    internal const ulong TagFunction = 0x1007;
    internal const ulong TagPair = 0x1008;

    /// <summary>The MurmurHash3 64-bit finalizer: a bijective avalanche.</summary>
    internal static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xFF51AFD7ED558CCDUL;
        x ^= x >> 33;
        x *= 0xC4CEB9FE1A85EC53UL;
        x ^= x >> 33;
        return x;
    }

    /// <summary>Folds one word into an order-dependent running hash (an xxHash64 round).</summary>
    internal static ulong Combine(ulong h, ulong v)
    {
        h ^= BitOperations.RotateLeft(v * P2, 31) * P1;
        return (BitOperations.RotateLeft(h, 27) * P1) + P3;
    }

    internal static ulong Int(long n) => Mix(Combine(TagInt, (ulong)n));

    internal static ulong Bool(bool b) => Mix(Combine(TagBool, b ? 1UL : 0UL));

    internal static ulong Text(ulong tag, string s)
    {
        var h = Combine(tag, (ulong)s.Length);
        var i = 0;
        for (; i + 4 <= s.Length; i += 4)
        {
            var w = s[i] | ((ulong)s[i + 1] << 16) | ((ulong)s[i + 2] << 32) | ((ulong)s[i + 3] << 48);
            h = Combine(h, w);
        }

        ulong last = 0;
        for (var shift = 0; i < s.Length; i++, shift += 16)
        {
            last |= (ulong)s[i] << shift;
        }

        return Mix(Combine(h, last));
    }

    internal static ulong BigInt(BigInteger n)
    {
        var bytes = n.ToByteArray();
        var h = Combine(TagBigInt, (ulong)bytes.Length);
        foreach (var b in bytes)
        {
            h = Combine(h, b);
        }

        return Mix(h);
    }

    /// <summary>The contribution of one element to an order-independent set hash.</summary>
    internal static ulong Element(ulong fp) => Mix(fp + P3);

    /// <summary>The contribution of one mapping to an order-independent function hash.</summary>
    internal static ulong Pair(ulong key, ulong value) => Mix(Combine(Combine(TagPair, key), value));

    /// <summary>Closes a set hash: the count and the sum of element contributions.</summary>
    internal static ulong FinishSet(long count, ulong sum) => Mix(Combine(Combine(TagSet, (ulong)count), sum));

    /// <summary>Closes a function hash: the count and the sum of mapping contributions.</summary>
    internal static ulong FinishFunction(long count, ulong sum) =>
        Mix(Combine(Combine(TagFunction, (ulong)count), sum));
}
