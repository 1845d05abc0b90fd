namespace Specula.Tla.Checking;

/// <summary>
/// The set of visited state fingerprints, mapping each to the index of its state: open addressing with linear
/// probing over plain arrays. Inserts happen on one thread (the BFS merge step); lookups may run on many threads
/// between inserts, since the arrays are then not changing.
/// </summary>
internal sealed class FingerprintSet
{
    private ulong[] _keys;
    private int[] _indices;
    private int _mask;

    public FingerprintSet(int capacity = 1 << 16)
    {
        var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity));
        _keys = new ulong[size];
        _indices = new int[size];
        _mask = size - 1;
    }

    /// <summary>Number of fingerprints stored.</summary>
    public int Count { get; private set; }

    // 0 marks an empty slot, so the fingerprint 0 is stored as 1 (a one-in-2^64 merge, as likely as any collision).
    private static ulong Key(ulong fingerprint) => fingerprint == 0 ? 1 : fingerprint;

    /// <summary>True when the fingerprint is present.</summary>
    public bool Contains(ulong fingerprint) => IndexOf(fingerprint) >= 0;

    /// <summary>The state index stored for the fingerprint, or -1.</summary>
    public int IndexOf(ulong fingerprint)
    {
        var key = Key(fingerprint);
        var keys = _keys;
        var mask = keys.Length - 1;
        for (var slot = (int)(key ^ (key >> 29)) & mask; ; slot = (slot + 1) & mask)
        {
            var k = keys[slot];
            if (k == key)
            {
                return _indices[slot];
            }
            if (k == 0)
            {
                return -1;
            }
        }
    }

    /// <summary>Adds a fingerprint with its state index; false when it was already present.</summary>
    public bool TryAdd(ulong fingerprint, int index)
    {
        if ((Count + 1) * 4 > _keys.Length * 3)
        {
            Grow();
        }
        var key = Key(fingerprint);
        for (var slot = (int)(key ^ (key >> 29)) & _mask; ; slot = (slot + 1) & _mask)
        {
            var k = _keys[slot];
            if (k == key)
            {
                return false;
            }
            if (k == 0)
            {
                _keys[slot] = key;
                _indices[slot] = index;
                Count++;
                return true;
            }
        }
    }

    private void Grow()
    {
        var oldKeys = _keys;
        var oldIndices = _indices;
        _keys = new ulong[oldKeys.Length * 2];
        _indices = new int[oldKeys.Length * 2];
        _mask = _keys.Length - 1;
        for (var i = 0; i < oldKeys.Length; i++)
        {
            var key = oldKeys[i];
            if (key == 0)
            {
                continue;
            }
            for (var slot = (int)(key ^ (key >> 29)) & _mask; ; slot = (slot + 1) & _mask)
            {
                if (_keys[slot] == 0)
                {
                    _keys[slot] = key;
                    _indices[slot] = oldIndices[i];
                    break;
                }
            }
        }
    }

    /// <summary>Approximate memory held, in bytes.</summary>
    public long MemoryBytes => (long)_keys.Length * (sizeof(ulong) + sizeof(int));
}
