namespace Specula.Tla.Checking;

/// <summary>
/// The visited fingerprints, shared by the workers: 256 <see cref="FingerprintSet"/> stripes chosen by the top bits of
/// the fingerprint, each inserted into under its own lock, so that two workers rarely wait for each other. Lookups
/// take no lock: a negative may miss an insertion in flight (the caller then tries to insert, under the lock, and
/// learns it lost), a positive is always true.
/// </summary>
internal sealed class ConcurrentFingerprintSet
{
    private const int StripeBits = 8;
    private readonly FingerprintSet[] _stripes;

    public ConcurrentFingerprintSet(int capacity = 1 << 16)
    {
        _stripes = new FingerprintSet[1 << StripeBits];
        for (var i = 0; i < _stripes.Length; i++)
        {
            _stripes[i] = new FingerprintSet(capacity >> StripeBits);
        }
    }

    private FingerprintSet StripeOf(ulong fingerprint) => _stripes[(int)(fingerprint >> (64 - StripeBits))];

    /// <summary>Number of fingerprints stored (exact when no insertion is in flight).</summary>
    public int Count
    {
        get
        {
            var count = 0;
            foreach (var stripe in _stripes)
            {
                count += stripe.Count;
            }
            return count;
        }
    }

    /// <summary>True when the fingerprint is present; may miss an insertion made at the same time by another thread.</summary>
    public bool Contains(ulong fingerprint) => StripeOf(fingerprint).Contains(fingerprint);

    /// <summary>The state index stored with the fingerprint, or -1 (also for a fingerprint added without an index).</summary>
    public int IndexOf(ulong fingerprint)
    {
        var stripe = StripeOf(fingerprint);
        lock (stripe)
        {
            return stripe.IndexOf(fingerprint);
        }
    }

    /// <summary>
    /// Adds a fingerprint with its state index (-1 when the state gets its index later, as in the parallel search,
    /// which never looks indices up); false when it was already present, so exactly one of several threads adding the
    /// same fingerprint wins.
    /// </summary>
    public bool TryAdd(ulong fingerprint, int index)
    {
        var stripe = StripeOf(fingerprint);
        lock (stripe)
        {
            return stripe.TryAdd(fingerprint, index);
        }
    }
}
