using System.Text;

namespace Specula.Tla.Values;

/// <summary>
/// A function, and therefore also a record, tuple or sequence: TLC treats them as one kind, so <c>&lt;&lt;&gt;&gt;</c>
/// equals <c>[x \in {} |-&gt; 0]</c>, a record equals the function from its field-name strings, and
/// <c>&lt;&lt;a, b&gt;&gt;</c> equals <c>[i \in 1..2 |-&gt; ...]</c>. The normal form is unique: keys sorted in TLC's
/// order, and a domain that is exactly <c>1..n</c> stored without keys (the tuple fast path).
/// </summary>
public sealed class FunctionValue : HeapValue
{
    private readonly Value[]? _keys;
    private readonly Value[] _values;
    private readonly bool _stringKeys;
    private SetLikeValue? _domain;

    private FunctionValue(Value[]? keys, Value[] values, bool stringKeys)
    {
        _keys = keys;
        _values = values;
        _stringKeys = stringKeys;
    }

    private FunctionValue(Value[]? keys, Value[] values)
    {
        _keys = keys;
        _values = values;
        if (keys is not null && keys.Length > 0)
        {
            _stringKeys = true;
            foreach (var k in keys)
            {
                if (!k.IsString)
                {
                    _stringKeys = false;
                    break;
                }
            }
        }
    }

    /// <summary>The empty function <c>&lt;&lt;&gt;&gt;</c>.</summary>
    public static FunctionValue EmptyTuple { get; } = new(null, []);

    /// <inheritdoc/>
    public override ValueKind Kind => ValueKind.Function;

    /// <summary>The size of the domain.</summary>
    public int Count => _values.Length;

    /// <summary>Whether the domain is <c>1..n</c> (a tuple or sequence, including the empty one).</summary>
    public bool IsTuple => _keys is null;

    /// <summary>Whether the domain is a non-empty set of strings (a record).</summary>
    public bool IsRecord => _stringKeys;

    /// <summary>The values, in the order of the sorted domain.</summary>
    public ReadOnlySpan<Value> Values => _values;

    /// <summary>The same function as a value.</summary>
    public Value AsValue => Value.Of(this);

    /// <summary>The domain: <c>1..n</c> for tuples, otherwise the sorted keys.</summary>
    public SetLikeValue Domain => _domain ??= _keys is null
        ? new IntervalValue(1, _values.Length)
        : SetValue.FromSortedDistinct(_keys);

    internal Value[]? RawKeys => _keys;

    internal Value[] RawValues => _values;

    /// <summary>The key at a position of the sorted domain.</summary>
    /// <param name="index">Zero-based position.</param>
    /// <returns>The key.</returns>
    public Value KeyAt(int index) => _keys is null ? Value.Int(index + 1) : _keys[index];

    /// <summary>A tuple (sequence) <c>&lt;&lt;v1, ..., vn&gt;&gt;</c>.</summary>
    /// <param name="values">The components.</param>
    /// <returns>The tuple.</returns>
    public static FunctionValue Tuple(params ReadOnlySpan<Value> values) =>
        values.Length == 0 ? EmptyTuple : new(null, values.ToArray());

    /// <summary>
    /// A function from its keys and values as <see cref="RawKeys"/> and <see cref="RawValues"/> of a function in normal
    /// form gave them (sorted, distinct keys, or none for a tuple), taking ownership of both arrays.
    /// </summary>
    internal static FunctionValue FromNormalForm(Value[]? keys, Value[] values) =>
        keys is null ? TupleOwned(values) : new(keys, values);

    /// <summary>A tuple taking ownership of the array.</summary>
    internal static FunctionValue TupleOwned(Value[] values) => values.Length == 0 ? EmptyTuple : new(null, values);

    /// <summary>A record <c>[f1 |-&gt; v1, ...]</c>; fields are sorted by TLC's string order.</summary>
    /// <param name="fields">Distinct field names with their values, in any order.</param>
    /// <returns>The record.</returns>
    public static FunctionValue Record(params ReadOnlySpan<(TlaString Name, Value Value)> fields)
    {
        var keys = new Value[fields.Length];
        var values = new Value[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            keys[i] = Value.String(fields[i].Name);
            values[i] = fields[i].Value;
        }

        return FromOwnedPairs(keys, values);
    }

    /// <summary>The function with the given mappings; keys are distinct and in any order.</summary>
    /// <param name="keys">The domain elements.</param>
    /// <param name="values">The image of each key.</param>
    /// <returns>The function in normal form.</returns>
    public static FunctionValue FromPairs(ReadOnlySpan<Value> keys, ReadOnlySpan<Value> values)
    {
        if (keys.Length != values.Length)
        {
            throw new ArgumentException("Keys and values differ in length.", nameof(values));
        }

        return FromOwnedPairs(keys.ToArray(), values.ToArray());
    }

    /// <summary>
    /// The function on <paramref name="domain"/> whose value at the i-th element (in TLC's order) is
    /// <c>values[i]</c>: what <c>[x \in S |-&gt; e]</c> builds. The array is owned by the result.
    /// </summary>
    /// <param name="domain">The enumerated domain.</param>
    /// <param name="values">The images, aligned with <see cref="SetValue.Elements"/> of the domain.</param>
    /// <returns>The function in normal form.</returns>
    public static FunctionValue FromDomain(SetLikeValue domain, Value[] values)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(values);
        if (domain is IntervalValue iv)
        {
            if (iv.Count != values.Length)
            {
                throw new ArgumentException("One value per domain element is required.", nameof(values));
            }

            if (iv.Low == 1 || values.Length == 0)
            {
                return TupleOwned(values);
            }
        }

        var set = domain.ToSetValue();
        set.ThrowIfUnordered();
        if (set.RawElements.Length != values.Length)
        {
            throw new ArgumentException("One value per domain element is required.", nameof(values));
        }

        return FromSortedOwned(set.RawElements, values);
    }

    /// <summary>Normal form from sorted distinct keys (shared, not copied) and aligned values (owned).</summary>
    internal static FunctionValue FromSortedOwned(Value[] keys, Value[] values)
    {
        if (values.Length == 0)
        {
            return EmptyTuple;
        }

        return IsOneToN(keys) ? new FunctionValue(null, values) : new FunctionValue(keys, values);
    }

    internal static FunctionValue FromOwnedPairs(Value[] keys, Value[] values)
    {
        if (keys.Length == 0)
        {
            return EmptyTuple;
        }

        var sorted = true;
        for (var i = 1; i < keys.Length && sorted; i++)
        {
            sorted = ValueOps.Compare(keys[i - 1], keys[i]) < 0;
        }

        if (!sorted)
        {
            ValueOps.SortPairs(keys, values);
            for (var i = 1; i < keys.Length; i++)
            {
                if (ValueOps.Compare(keys[i - 1], keys[i]) == 0)
                {
                    throw new ArgumentException($"Duplicate key {keys[i]}.", nameof(keys));
                }
            }
        }

        return FromSortedOwned(keys, values);
    }

    internal static bool IsOneToN(Value[] keys)
    {
        for (var i = 0; i < keys.Length; i++)
        {
            if (!keys[i].TryGetInt64(out var n) || n != i + 1)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The position of <paramref name="key"/> in the sorted domain, or -1.</summary>
    /// <param name="key">A candidate argument.</param>
    /// <returns>The index or -1; never an error.</returns>
    public int IndexOfKey(Value key)
    {
        if (_keys is null)
        {
            return key.TryGetInt64(out var n) && n >= 1 && n <= _values.Length ? (int)(n - 1) : -1;
        }

        var keys = _keys;
        if (_stringKeys)
        {
            if (!key.IsString)
            {
                return -1;
            }

            var id = key.Bits;
            var found = ValueOps.SearchByBits(keys, id);
            return found >= 0 ? found : -1;
        }

        if (keys.Length <= 8)
        {
            // Integers, booleans, model values and strings of one table are equal exactly when their handles are:
            // the usual key (a process, a model value) is found without the structural comparison's type tests.
            var heap = key.Heap;
            var bits = key.Bits;
            for (var i = 0; i < keys.Length; i++)
            {
                if (ReferenceEquals(keys[i].Heap, heap) && keys[i].Bits == bits)
                {
                    return i;
                }
            }

            if (heap is null or BoolMarker)
            {
                return -1;
            }

            for (var i = 0; i < keys.Length; i++)
            {
                if (ValueOps.StructuralEquals(keys[i], key))
                {
                    return i;
                }
            }

            return -1;
        }

        try
        {
            int lo = 0, hi = keys.Length - 1;
            while (lo <= hi)
            {
                var mid = (lo + hi) >>> 1;
                var c = ValueOps.Compare(keys[mid], key);
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

            return -1;
        }
        catch (ValueException)
        {
            for (var i = 0; i < keys.Length; i++)
            {
                if (ValueOps.StructuralEquals(keys[i], key))
                {
                    return i;
                }
            }

            return -1;
        }
    }

    /// <summary>Applies the function to an argument, if it is in the domain.</summary>
    /// <param name="argument">The argument.</param>
    /// <param name="result">The image, when found.</param>
    /// <returns>Whether the argument is in the domain.</returns>
    public bool TryApply(Value argument, out Value result)
    {
        var i = IndexOfKey(argument);
        if (i < 0)
        {
            result = default;
            return false;
        }

        result = _values[i];
        return true;
    }

    /// <summary><c>f[x]</c>, with TLC's error when <paramref name="argument"/> is outside the domain.</summary>
    /// <param name="argument">The argument.</param>
    /// <returns>The image.</returns>
    public Value Apply(Value argument)
    {
        if (TryApply(argument, out var r))
        {
            return r;
        }

        throw NotInDomain(argument);
    }

    // Apart from Apply, which runs on every f[x]: an interpolated message would sit in its frame.
    private ValueException NotInDomain(Value argument) => new(
        ValueErrorKind.NotInDomain,
        $"Attempted to apply function:\n{ValuePrinter.Ppr(this)}\nto argument {ValuePrinter.Ppr(argument)}, which is not in the domain of the function.");

    /// <summary><c>r.field</c>, with TLC's error for a missing field.</summary>
    /// <param name="field">The field name.</param>
    /// <returns>The field's value.</returns>
    public Value Select(TlaString field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (TryApply(Value.String(field), out var r))
        {
            return r;
        }

        throw new ValueException(
            ValueErrorKind.NotInDomain,
            $"Attempted to access nonexistent field '{field.Text}' of record\n{ValuePrinter.Ppr(this)}");
    }

    /// <summary><c>[f EXCEPT ![x] = v]</c>; as in TLC, an argument outside the domain leaves the function unchanged.</summary>
    /// <param name="argument">The argument to update.</param>
    /// <param name="value">The new image.</param>
    /// <returns>The updated function (this one if nothing changes).</returns>
    public FunctionValue Except(Value argument, Value value)
    {
        var i = IndexOfKey(argument);
        if (i < 0)
        {
            return this;
        }

        if (_values[i].Equals(value) && ReferenceEquals(_values[i].Heap, value.Heap))
        {
            return this;
        }

        // Copied into a new array rather than with Array.Clone, whose runtime call (a transition out of managed code
        // and the allocator's slow path) costs several times the copy of a small array; the same holds for every
        // array of values copied in the checker's paths.
        var values = _values.AsSpan().ToArray();
        values[i] = value;
        return new FunctionValue(_keys, values, _stringKeys);
    }

    /// <summary>Replaces the image at a position of the sorted domain.</summary>
    /// <param name="index">Zero-based position.</param>
    /// <param name="value">The new image.</param>
    /// <returns>The updated function.</returns>
    public FunctionValue WithValueAt(int index, Value value)
    {
        var values = _values.AsSpan().ToArray();
        values[index] = value;
        return new FunctionValue(_keys, values, _stringKeys);
    }

    private protected override ulong ComputeFingerprint()
    {
        ulong sum = 0;
        var values = _values;
        for (var i = 0; i < values.Length; i++)
        {
            var k = _keys is null ? Hashing.Int(i + 1) : _keys[i].Fingerprint;
            sum += Hashing.Pair(k, values[i].Fingerprint);
        }

        return Hashing.FinishFunction(values.Length, sum);
    }

    private protected override byte ComputeModelValueMask()
    {
        byte mask = 0;
        foreach (var v in _values)
        {
            mask |= MaskOf(v);
        }

        if (_keys is not null && !_stringKeys)
        {
            foreach (var k in _keys)
            {
                mask |= MaskOf(k);
            }
        }

        return mask;
    }

    internal override void Print(StringBuilder sb)
    {
        var n = _values.Length;
        if (n == 0)
        {
            sb.Append("<<>>");
            return;
        }

        if (_keys is null)
        {
            sb.Append("<<");
            for (var i = 0; i < n; i++)
            {
                if (i > 0)
                {
                    sb.Append(", ");
                }

                ValuePrinter.Append(sb, _values[i]);
            }

            sb.Append(">>");
            return;
        }

        var isRecord = _stringKeys;
        for (var i = 0; i < n && isRecord; i++)
        {
            isRecord = ValuePrinter.IsName(_keys[i].AsString.Text);
        }

        if (isRecord)
        {
            sb.Append('[');
            for (var i = 0; i < n; i++)
            {
                if (i > 0)
                {
                    sb.Append(", ");
                }

                sb.Append(_keys[i].AsString.Text).Append(" |-> ");
                ValuePrinter.Append(sb, _values[i]);
            }

            sb.Append(']');
            return;
        }

        sb.Append('(');
        for (var i = 0; i < n; i++)
        {
            if (i > 0)
            {
                sb.Append(" @@ ");
            }

            ValuePrinter.Append(sb, _keys[i]);
            sb.Append(" :> ");
            ValuePrinter.Append(sb, _values[i]);
        }

        sb.Append(')');
    }
}
