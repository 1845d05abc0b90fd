using System.Collections;
using System.Runtime.CompilerServices;
using Specula.Tla.Values;

namespace Specula.Tla.Checking;

/// <summary>
/// The states a search has stored, by index: what it expands, and what counterexamples and TLCExt's Trace are read
/// from. Written by one thread at a time; read by any number of threads, also while it is written (a reader only
/// asks for indices stored before it was handed them).
/// </summary>
internal abstract class StateStore : IReadOnlyList<State>
{
    /// <summary>The number of states stored.</summary>
    public abstract int Count { get; }

    /// <summary>The state stored at <paramref name="index"/>.</summary>
    public abstract State this[int index] { get; }

    /// <summary>Stores a state; returns its index (the previous <see cref="Count"/>).</summary>
    public abstract int Add(State state);

    /// <summary>
    /// An encoder a worker thread encodes the states it will have stored into, so that the work is done in parallel
    /// and no state lives on as objects until it is stored; null when this store keeps objects.
    /// </summary>
    public virtual StateEncoder? CreateEncoder() => null;

    /// <summary>Stores a state encoded by an encoder of this store (<see cref="StateEncoder.Encode"/>); returns its index.</summary>
    public virtual int Add(StateEncoder encoder, Range encoded) => throw new NotSupportedException("This store keeps states as objects.");

    /// <summary>
    /// The store for a search: compact unless the states are read over and over after the search (the liveness
    /// checker's graph walks), which then keeps them as they are.
    /// </summary>
    public static StateStore For(bool readOften) => readOften ? new ObjectStateStore() : new CompactStateStore();

    public IEnumerator<State> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>States kept as the objects they were generated as.</summary>
internal sealed class ObjectStateStore : StateStore
{
    private readonly List<State> _states = [];

    public override int Count => _states.Count;

    public override State this[int index] => _states[index];

    public override int Add(State state)
    {
        _states.Add(state);
        return _states.Count - 1;
    }
}

/// <summary>
/// States encoded as bytes in large chunks, as TLC keeps its queue of states serialized: a stored state is then no
/// graph of objects that every young collection traces and copies twice on its way to the old generation (with
/// several hundred thousand states, that was a fifth of the search's time), but a few dozen bytes the collector never
/// looks into. A state is decoded again each time it is read, which costs far less than it saves: mostly when it is
/// expanded, once.
/// <para>
/// Integers, booleans, enumerated sets and functions (records, tuples, sequences) are encoded by value. Strings,
/// model values and every other value (big integers, lazy sets and functions a state may hold) are atoms: kept once as
/// objects, in a table the bytes refer to by number, so that a decoded state has the very same interned values.
/// </para>
/// </summary>
internal sealed class CompactStateStore : StateStore
{
    private const int ChunkBits = 20;
    private const int ChunkSize = 1 << ChunkBits;
    private const int PageBits = 16;
    private const int PageSize = 1 << PageBits;

    // Readers index these arrays without a lock: each is replaced by a larger copy, never changed in place at an index
    // a reader may already use, and published after what it refers to was written.
    private volatile byte[][] _chunks = [];
    private volatile long[][] _offsetPages = [];
    private volatile HeapValue[] _atoms = new HeapValue[16];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<HeapValue, int> _atomIndex = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _atomGate = new();
    private int _atomCount;
    private readonly StateEncoder _encoder;
    private int _chunkCount;
    private int _used = ChunkSize;
    private int _count;

    public override int Count => Volatile.Read(ref _count);

    public override State this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var at = _offsetPages[index >> PageBits][index & (PageSize - 1)];
            var reader = new StateEncoder.Reader(_chunks[(int)(at >> 32)], (int)at, _atoms);
            var values = new Value[reader.ReadCount()];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.ReadValue();
            }
            return State.Own(values);
        }
    }

    public CompactStateStore() => _encoder = new StateEncoder(this);

    public override StateEncoder CreateEncoder() => new(this);

    public override int Add(State state)
    {
        _encoder.Clear();
        return Add(_encoder, _encoder.Encode(state));
    }

    public override int Add(StateEncoder encoder, Range encoded)
    {
        if (!ReferenceEquals(encoder.Store, this))
        {
            throw new ArgumentException("The state was encoded for another store.", nameof(encoder));
        }
        var bytes = encoder.Encoded(encoded);
        if (ChunkSize - _used < bytes.Length)
        {
            NewChunk(Math.Max(ChunkSize, bytes.Length));
        }
        var chunk = _chunkCount - 1;
        bytes.CopyTo(_chunks[chunk].AsSpan(_used));
        var index = _count;
        if ((index & (PageSize - 1)) == 0)
        {
            var pages = _offsetPages;
            Array.Resize(ref pages, pages.Length + 1);
            pages[^1] = new long[PageSize];
            _offsetPages = pages;
        }
        _offsetPages[index >> PageBits][index & (PageSize - 1)] = ((long)chunk << 32) | (uint)_used;
        _used += bytes.Length;
        Volatile.Write(ref _count, index + 1);
        return index;
    }

    private void NewChunk(int size)
    {
        var chunks = _chunks;
        if (_chunkCount == chunks.Length)
        {
            Array.Resize(ref chunks, Math.Max(4, chunks.Length * 2));
        }
        chunks[_chunkCount] = new byte[size];
        _chunks = chunks;
        _chunkCount++;
        _used = 0;
    }

    /// <summary>The number of <paramref name="heap"/> in the table of atoms, added if new (on any thread).</summary>
    internal int AtomOf(HeapValue heap)
    {
        if (_atomIndex.TryGetValue(heap, out var known))
        {
            return known;
        }
        lock (_atomGate)
        {
            if (_atomIndex.TryGetValue(heap, out known))
            {
                return known;
            }
            // Counted here: a concurrent dictionary's Count takes all its locks.
            var index = _atomCount++;
            var atoms = _atoms;
            if (index == atoms.Length)
            {
                Array.Resize(ref atoms, atoms.Length * 2);
            }
            atoms[index] = heap;
            // Published before the number is handed out: a state that refers to it is stored only afterwards.
            _atoms = atoms;
            _atomIndex[heap] = index;
            return index;
        }
    }
}

/// <summary>
/// Encodes states for a <see cref="CompactStateStore"/> (see there for the encoding) into a buffer of its own, one
/// encoder per thread, kept from state to state (<see cref="Clear"/> empties it); and decodes them (<see cref="Reader"/>).
/// </summary>
internal sealed class StateEncoder
{
    private const byte SmallInt = 0;
    private const byte False = 1;
    private const byte True = 2;
    private const byte Atom = 3;
    private const byte Set = 4;
    private const byte Tuple = 5;
    private const byte Function = 6;

    private byte[] _buffer = new byte[256];
    private int _length;

    internal StateEncoder(CompactStateStore store) => Store = store;

    /// <summary>The store the states are encoded for.</summary>
    public CompactStateStore Store { get; }

    /// <summary>Forgets every state encoded so far.</summary>
    public void Clear() => _length = 0;

    /// <summary>Encodes a state after those encoded before; returns where its bytes are, for <see cref="StateStore.Add(StateEncoder, Range)"/>.</summary>
    public Range Encode(State state)
    {
        var start = _length;
        WriteCount(state.Count);
        foreach (var value in state.Values)
        {
            Write(value);
        }
        return start.._length;
    }

    /// <summary>The bytes of a state encoded since the last <see cref="Clear"/>.</summary>
    internal ReadOnlySpan<byte> Encoded(Range encoded) => _buffer.AsSpan(0, _length)[encoded];

    private void Write(Value value)
    {
        switch (value.Heap)
        {
            case null:
                WriteByte(SmallInt);
                WriteSigned(value.AsInt64);
                return;
            case var _ when value.IsBool:
                WriteByte(value.AsBool ? True : False);
                return;
            case SetValue { IsNormalized: true } set:
                WriteByte(Set);
                WriteCount(set.Elements.Length);
                WriteFingerprintOf(set, set.Elements.Length);
                foreach (var element in set.Elements)
                {
                    Write(element);
                }
                return;
            case FunctionValue function:
                var keys = function.RawKeys;
                WriteByte(keys is null ? Tuple : Function);
                WriteCount(function.Count);
                WriteFingerprintOf(function, function.Count);
                if (keys is not null)
                {
                    foreach (var key in keys)
                    {
                        Write(key);
                    }
                }
                foreach (var image in function.Values)
                {
                    Write(image);
                }
                return;
            case var heap:
                WriteByte(Atom);
                WriteCount(Store.AtomOf(heap));
                return;
        }
    }

    // Sets and functions of SeededSize elements or more carry their fingerprint, which a decoded state's successors
    // would otherwise compute again from all their parts; smaller ones cost less to hash than to store it.
    private const int SeededSize = 4;

    private void WriteFingerprintOf(HeapValue value, int count)
    {
        if (count < SeededSize)
        {
            return;
        }
        var fingerprint = value.Fingerprint;
        for (var i = 0; i < sizeof(ulong); i++)
        {
            WriteByte((byte)(fingerprint >> (8 * i)));
        }
    }

    private void WriteByte(byte b)
    {
        if (_length == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        _buffer[_length++] = b;
    }

    private void WriteCount(int n) => WriteUnsigned((uint)n);

    // Zigzag, so that small negative numbers stay short too.
    private void WriteSigned(long n) => WriteUnsigned((ulong)((n << 1) ^ (n >> 63)));

    private void WriteUnsigned(ulong n)
    {
        while (n >= 0x80)
        {
            WriteByte((byte)(n | 0x80));
            n >>= 7;
        }
        WriteByte((byte)n);
    }

    /// <summary>Decodes one state's values from its chunk.</summary>
    internal ref struct Reader(byte[] chunk, int position, HeapValue[] atoms)
    {
        private readonly byte[] _chunk = chunk;
        private readonly HeapValue[] _atoms = atoms;
        private int _position = position;

        public int ReadCount() => (int)ReadUnsigned();

        public Value ReadValue()
        {
            switch (_chunk[_position++])
            {
                case SmallInt:
                    var zigzag = ReadUnsigned();
                    return Value.Int((long)(zigzag >> 1) ^ -(long)(zigzag & 1));
                case False:
                    return Value.False;
                case True:
                    return Value.True;
                case Atom:
                    return Value.Of(_atoms[ReadCount()]);
                case Set:
                {
                    var count = ReadCount();
                    var fingerprint = ReadFingerprint(count);
                    return Seeded(SetValue.FromSortedDistinct(ReadValues(count)), count, fingerprint);
                }
                case Tuple:
                {
                    var count = ReadCount();
                    var fingerprint = ReadFingerprint(count);
                    return Seeded(FunctionValue.TupleOwned(ReadValues(count)), count, fingerprint);
                }
                case Function:
                {
                    var count = ReadCount();
                    var fingerprint = ReadFingerprint(count);
                    var keys = ReadValues(count);
                    return Seeded(FunctionValue.FromNormalForm(keys, ReadValues(count)), count, fingerprint);
                }
                default:
                    throw new InvalidOperationException("A stored state's encoding is corrupt.");
            }
        }

        private ulong ReadFingerprint(int count)
        {
            if (count < SeededSize)
            {
                return 0;
            }
            var fingerprint = BitConverter.IsLittleEndian
                ? System.Runtime.InteropServices.MemoryMarshal.Read<ulong>(_chunk.AsSpan(_position))
                : System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(_chunk.AsSpan(_position));
            _position += sizeof(ulong);
            return fingerprint;
        }

        private static Value Seeded(HeapValue value, int count, ulong fingerprint)
        {
            if (count >= SeededSize)
            {
                value.SeedFingerprint(fingerprint);
            }
            return Value.Of(value);
        }

        private Value[] ReadValues(int count)
        {
            var values = new Value[count];
            for (var i = 0; i < count; i++)
            {
                values[i] = ReadValue();
            }
            return values;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private ulong ReadUnsigned()
        {
            ulong n = 0;
            var shift = 0;
            while (true)
            {
                var b = _chunk[_position++];
                n |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return n;
                }
                shift += 7;
            }
        }
    }
}
