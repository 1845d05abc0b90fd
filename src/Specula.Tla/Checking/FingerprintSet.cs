namespace Specula.Tla.Checking;

/// <summary>
/// The set of visited state fingerprints, mapping each to the index of its state: open addressing with linear
/// probing over plain arrays. Inserts and <see cref="IndexOf"/> happen on one thread (the BFS merge step);
/// <see cref="Contains"/> may run on other threads at the same time, and then may miss the latest insertions.
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

    /// <summary>
    /// True when the fingerprint is present. Safe while another thread inserts: it reads one table whole (a grown
    /// table is published only once filled) and only its keys, which are written in one store each.
    /// </summary>
    public bool Contains(ulong fingerprint)
    {
        var key = Key(fingerprint);
        var keys = Volatile.Read(ref _keys);
        var mask = keys.Length - 1;
        for (var slot = (int)(key ^ (key >> 29)) & mask; ; slot = (slot + 1) & mask)
        {
            var k = keys[slot];
            if (k == key)
            {
                return true;
            }
            if (k == 0)
            {
                return false;
            }
        }
    }

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
        var keys = new ulong[oldKeys.Length * 2];
        var indices = new int[oldKeys.Length * 2];
        var mask = keys.Length - 1;
        for (var i = 0; i < oldKeys.Length; i++)
        {
            var key = oldKeys[i];
            if (key == 0)
            {
                continue;
            }
            for (var slot = (int)(key ^ (key >> 29)) & mask; ; slot = (slot + 1) & mask)
            {
                if (keys[slot] == 0)
                {
                    keys[slot] = key;
                    indices[slot] = oldIndices[i];
                    break;
                }
            }
        }
        // Filled before published, for Contains on other threads.
        _indices = indices;
        _mask = mask;
        Volatile.Write(ref _keys, keys);
    }

    /// <summary>Approximate memory held, in bytes.</summary>
    public long MemoryBytes => (long)_keys.Length * (sizeof(ulong) + sizeof(int));
}
