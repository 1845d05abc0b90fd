namespace Specula.Tla.Checking;

/// <summary>
/// The constraints' and invariants' verdicts on recently generated states, shared by the workers: with several
/// workers, states are expanded ahead of the merge into the visited set, so a state reached again before its first
/// occurrence is merged would otherwise have its invariants evaluated once per occurrence. Lossy (a slot keeps the
/// latest state hashed to it) and safe for concurrent use: a slot holds one immutable entry, replaced whole.
/// </summary>
internal sealed class CheckCache
{
    private readonly Entry?[] _slots;

    /// <summary>A state's verdicts at a level (TLCGet("level") may take part in them).</summary>
    private sealed record Entry(ulong Fingerprint, int Level, int Invariant, bool InModel);

    /// <param name="capacity">Slots; a power of two covering the states expanded ahead of the merge.</param>
    public CheckCache(int capacity = 1 << 16)
    {
        _slots = new Entry?[(int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity)];
    }

    private int Slot(ulong fingerprint) => (int)((fingerprint ^ (fingerprint >> 32)) & (ulong)(_slots.Length - 1));

    /// <summary>The verdicts stored for the state with this fingerprint (of all its variables) at this level.</summary>
    public bool TryGet(ulong fingerprint, int level, out int invariant, out bool inModel)
    {
        if (Volatile.Read(ref _slots[Slot(fingerprint)]) is { } entry && entry.Fingerprint == fingerprint && entry.Level == level)
        {
            invariant = entry.Invariant;
            inModel = entry.InModel;
            return true;
        }
        invariant = -1;
        inModel = false;
        return false;
    }

    /// <summary>Keeps a state's verdicts, replacing whatever its slot held.</summary>
    public void Add(ulong fingerprint, int level, int invariant, bool inModel) =>
        Volatile.Write(ref _slots[Slot(fingerprint)], new Entry(fingerprint, level, invariant, inModel));
}
