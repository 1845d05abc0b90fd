using System.Runtime.ExceptionServices;
using System.Text;

namespace Specula.Tla.Values;

/// <summary>
/// A set in any representation: enumerated (<see cref="SetValue"/>) or lazy (intervals, SUBSET, function sets,
/// record sets, products, infinite sets). All denote mathematical sets; equal sets are equal values with equal
/// fingerprints whatever their representation.
/// </summary>
public abstract class SetLikeValue : HeapValue
{
    private SetValue? _enumerated;

    private protected SetLikeValue()
    {
    }

    /// <summary>Whether the elements can be enumerated (false for <c>Nat</c>, <c>Int</c>, <c>STRING</c>, <c>Seq(S)</c>).</summary>
    public virtual bool IsEnumerable => true;

    /// <summary>The number of elements; an error for infinite sets or counts beyond 64 bits.</summary>
    public abstract long Count { get; }

    /// <summary>The same set as a value.</summary>
    public Value AsValue => Value.Of(this);

    /// <summary>TLC's membership test (<c>x \in S</c>), raising TLC's errors for incomparable values.</summary>
    /// <param name="element">The candidate element.</param>
    /// <returns>Whether it belongs to the set.</returns>
    public abstract bool Contains(Value element);

    /// <summary>
    /// The elements in TLC's normalized order (the order CHOOSE and TLC's enumeration of lazy sets use), without
    /// materializing the whole set. An error for non-enumerable sets.
    /// </summary>
    /// <returns>The elements, each once.</returns>
    public abstract IEnumerable<Value> Enumerate();

    /// <summary>The set enumerated into sorted form; computed once and cached.</summary>
    /// <returns>The enumerated set.</returns>
    public SetValue ToSetValue()
    {
        if (this is SetValue s)
        {
            return s;
        }

        return _enumerated ??= Materialize();
    }

    /// <summary>Builds the enumerated form; the default collects <see cref="Enumerate"/>, already sorted.</summary>
    /// <returns>The enumerated set.</returns>
    private protected virtual SetValue Materialize()
    {
        if (!IsEnumerable)
        {
            throw ValueOps.NotEnumerable(this);
        }

        var count = Count;
        if (count > Array.MaxLength)
        {
            throw new ValueException(ValueErrorKind.Overflow, $"Attempted to enumerate a set with {count} elements:\n{this}");
        }

        var elems = new Value[count];
        var i = 0;
        foreach (var v in Enumerate())
        {
            elems[i++] = v;
        }

        return SetValue.FromSortedDistinct(elems);
    }

    private protected override ulong ComputeFingerprint()
    {
        if (!IsEnumerable)
        {
            throw ValueOps.NotEnumerable(this);
        }

        return ToSetValue().Fingerprint;
    }
}

/// <summary>
/// A finite set whose elements are kept distinct and sorted in TLC's order. If the elements cannot be ordered
/// (TLC reports an error when it normalizes <c>{1, "a"}</c>), the set keeps them in the order given and every
/// operation that needs the normal form raises that error, as TLC does when it normalizes.
/// </summary>
public sealed class SetValue : SetLikeValue
{
    private readonly Value[] _elems;
    private readonly ValueException? _unordered;

    private SetValue(Value[] elems, ValueException? unordered)
    {
        _elems = elems;
        _unordered = unordered;
    }

    /// <summary>The empty set.</summary>
    public static SetValue Empty { get; } = new([], null);

    /// <summary><c>BOOLEAN</c>: <c>{FALSE, TRUE}</c>.</summary>
    public static SetValue Boolean { get; } = new([Value.False, Value.True], null);

    /// <summary>The elements in TLC's order (or as given, for a set TLC cannot normalize).</summary>
    public ReadOnlySpan<Value> Elements => _elems;

    /// <summary>Whether the elements are sorted; false only for sets mixing values TLC cannot compare.</summary>
    public bool IsNormalized => _unordered is null;

    /// <inheritdoc/>
    public override ValueKind Kind => ValueKind.Set;

    /// <inheritdoc/>
    public override long Count
    {
        get
        {
            ThrowIfUnordered();
            return _elems.Length;
        }
    }

    /// <summary>The element at a position in TLC's order.</summary>
    /// <param name="index">Zero-based position.</param>
    public Value this[int index] => _elems[index];

    /// <summary>Builds a set from elements in any order, with duplicates.</summary>
    /// <param name="elements">The elements.</param>
    /// <returns>The normalized set.</returns>
    public static SetValue Of(params ReadOnlySpan<Value> elements)
    {
        if (elements.Length == 0)
        {
            return Empty;
        }

        return FromOwned(elements.ToArray());
    }

    /// <summary>Builds a set from elements in any order, with duplicates.</summary>
    /// <param name="elements">The elements.</param>
    /// <returns>The normalized set.</returns>
    public static SetValue Of(IEnumerable<Value> elements) => FromOwned([.. elements]);

    /// <summary>Builds a set taking ownership of <paramref name="elems"/> (which is sorted in place).</summary>
    internal static SetValue FromOwned(Value[] elems)
    {
        if (elems.Length == 0)
        {
            return Empty;
        }

        if (IsSortedDistinct(elems))
        {
            return new SetValue(elems, null);
        }

        try
        {
            ValueOps.Sort(elems);
        }
        catch (ValueException e)
        {
            return new SetValue(DistinctInOrder(elems), e);
        }

        var n = 1;
        for (var i = 1; i < elems.Length; i++)
        {
            if (!ValueOps.StructuralEquals(elems[i], elems[n - 1]))
            {
                elems[n++] = elems[i];
            }
        }

        if (n != elems.Length)
        {
            Array.Resize(ref elems, n);
        }

        return new SetValue(elems, null);
    }

    /// <summary>Wraps an array already sorted in TLC's order without duplicates (not checked).</summary>
    internal static SetValue FromSortedDistinct(Value[] elems) => elems.Length == 0 ? Empty : new SetValue(elems, null);

    /// <inheritdoc/>
    public override bool Contains(Value element)
    {
        ThrowIfUnordered();
        return IndexOf(element) >= 0;
    }

    /// <summary>The position of <paramref name="element"/> in TLC's order, or a negative number.</summary>
    /// <param name="element">The value to find.</param>
    /// <returns>The index, or the bitwise complement of where it would be inserted.</returns>
    public int IndexOf(Value element)
    {
        ThrowIfUnordered();
        var elems = _elems;
        if (element.IsSmallInt && elems.Length > 0 && elems[0].IsSmallInt && elems[^1].IsSmallInt)
        {
            // All-integer fast path (model values sort first, so a set of integers starts and ends with one).
            var x = element.Bits;
            return ValueOps.SearchByBits(elems, x);
        }

        {
            int lo = 0, hi = elems.Length - 1;
            while (lo <= hi)
            {
                var mid = (lo + hi) >>> 1;
                var c = ValueOps.Compare(elems[mid], element);
                if (c == 0)
                {
                    return mid;
                }

                if (c < 0)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            return ~lo;
        }
    }

    /// <summary>
    /// Whether the pair <c>&lt;&lt;first, second&gt;&gt;</c> is an element, found as <see cref="Contains"/> finds the
    /// tuple (the same comparisons in the same order, so the same answer and errors) without building it where an
    /// element is a tuple or a function: <c>&lt;&lt;v, c&gt;&gt; \in edges</c> on every vertex of a graph.
    /// </summary>
    /// <param name="first">The first component.</param>
    /// <param name="second">The second component.</param>
    /// <returns>Whether the pair belongs to the set.</returns>
    public bool ContainsPair(Value first, Value second)
    {
        ThrowIfUnordered();
        var elems = _elems;
        Value pair = default;
        int lo = 0, hi = elems.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            int c;
            if (elems[mid].Heap is FunctionValue { IsRecord: false } g)
            {
                c = ComparePair(g, first, second);
            }
            else
            {
                // Anything else (a record, a model value, a lazy function) is compared with the pair itself.
                if (pair.Heap is null)
                {
                    pair = Value.Of(FunctionValue.TupleOwned([first, second]));
                }

                c = ValueOps.Compare(elems[mid], pair);
            }

            if (c == 0)
            {
                return true;
            }

            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return false;
    }

    // ValueOps.Compare(g, <<first, second>>) for a function g that is not a record: size, keys, then values.
    private static int ComparePair(FunctionValue g, Value first, Value second)
    {
        var c = g.Count.CompareTo(2);
        if (c != 0)
        {
            return c;
        }

        if (!g.IsTuple)
        {
            c = ValueOps.Compare(g.KeyAt(0), Value.Int(1));
            if (c != 0)
            {
                return c;
            }

            c = ValueOps.Compare(g.KeyAt(1), Value.Int(2));
            if (c != 0)
            {
                return c;
            }
        }

        c = ValueOps.Compare(g.RawValues[0], first);
        return c != 0 ? c : ValueOps.Compare(g.RawValues[1], second);
    }

    /// <inheritdoc/>
    public override IEnumerable<Value> Enumerate() => _elems;

    /// <summary>The elements as an array copy.</summary>
    /// <returns>A fresh array.</returns>
    public Value[] ToArray() => _elems.AsSpan().ToArray();

    internal Value[] RawElements => _elems;

    internal void ThrowIfUnordered()
    {
        if (_unordered is not null)
        {
            ExceptionDispatchInfo.Throw(new ValueException(_unordered.ErrorKind, _unordered.Message));
        }
    }

    private protected override ulong ComputeFingerprint()
    {
        ulong sum = 0;
        foreach (var e in _elems)
        {
            sum += Hashing.Element(e.Fingerprint);
        }

        return Hashing.FinishSet(_elems.Length, sum);
    }

    private protected override byte ComputeModelValueMask()
    {
        byte mask = 0;
        foreach (var e in _elems)
        {
            mask |= MaskOf(e);
        }

        return mask;
    }

    internal override void Print(StringBuilder sb)
    {
        sb.Append('{');
        for (var i = 0; i < _elems.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            ValuePrinter.Append(sb, _elems[i]);
        }

        sb.Append('}');
    }

    /// <summary>Whether the elements are strictly increasing in TLC's order (false if they cannot be compared).</summary>
    private static bool IsSortedDistinct(Value[] elems)
    {
        if (elems.Length < 2)
        {
            return true;
        }

        var allInts = true;
        foreach (var e in elems)
        {
            if (!e.IsSmallInt)
            {
                allInts = false;
                break;
            }
        }

        if (allInts)
        {
            for (var i = 1; i < elems.Length; i++)
            {
                if (elems[i - 1].Bits >= elems[i].Bits)
                {
                    return false;
                }
            }

            return true;
        }

        try
        {
            for (var i = 1; i < elems.Length; i++)
            {
                if (ValueOps.Compare(elems[i - 1], elems[i]) >= 0)
                {
                    return false;
                }
            }
        }
        catch (ValueException)
        {
            return false;
        }

        return true;
    }

    private static Value[] DistinctInOrder(Value[] elems)
    {
        var seen = new HashSet<Value>();
        var list = new List<Value>(elems.Length);
        foreach (var e in elems)
        {
            if (seen.Add(e))
            {
                list.Add(e);
            }
        }

        return [.. list];
    }
}
