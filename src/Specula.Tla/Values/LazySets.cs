using System.Text;

namespace Specula.Tla.Values;

/// <summary>The integer interval <c>a..b</c>, equal to the enumerated set of its elements.</summary>
public sealed class IntervalValue : SetLikeValue
{
    /// <summary>Creates <c>low..high</c> (empty when <paramref name="high"/> &lt; <paramref name="low"/>).</summary>
    /// <param name="low">The first element.</param>
    /// <param name="high">The last element.</param>
    public IntervalValue(long low, long high)
    {
        Low = low;
        High = high;
    }

    /// <summary>The lower bound.</summary>
    public long Low { get; }

    /// <summary>The upper bound.</summary>
    public long High { get; }

    /// <inheritdoc/>
    public override ValueKind Kind => ValueKind.Interval;

    private protected override byte ComputeModelValueMask() => 0;

    /// <inheritdoc/>
    public override long Count
    {
        get
        {
            if (High < Low)
            {
                return 0;
            }

            var n = (ulong)High - (ulong)Low + 1;
            return n == 0 || n > long.MaxValue
                ? throw new ValueException(ValueErrorKind.Overflow, $"The interval {this} has too many elements.")
                : (long)n;
        }
    }

    /// <inheritdoc/>
    public override bool Contains(Value element)
    {
        if (element.TryGetInt64(out var x))
        {
            return x >= Low && x <= High;
        }

        if (element.IsInt || High < Low || (element.Heap is ModelValue { IsTyped: false }))
        {
            return false;
        }

        throw new ValueException(
            ValueErrorKind.Incomparable,
            $"Attempted to check if the value:\n{ValuePrinter.Ppr(element)}\nis in the integer interval {ValuePrinter.Ppr(this)}");
    }

    /// <inheritdoc/>
    public override IEnumerable<Value> Enumerate()
    {
        if (High < Low)
        {
            yield break;
        }

        for (var i = Low; ; i++)
        {
            yield return Value.Int(i);
            if (i == High)
            {
                yield break;
            }
        }
    }

    private protected override SetValue Materialize()
    {
        var n = Count;
        if (n > Array.MaxLength)
        {
            throw new ValueException(ValueErrorKind.Overflow, $"Attempted to enumerate the interval {ValuePrinter.Ppr(this)}.");
        }

        var elems = new Value[n];
        for (var i = 0; i < elems.Length; i++)
        {
            elems[i] = Value.Int(Low + i);
        }

        return SetValue.FromSortedDistinct(elems);
    }

    internal override void Print(StringBuilder sb)
    {
        if (Low <= High)
        {
            sb.Append(Low).Append("..").Append(High);
        }
        else
        {
            sb.Append("{}");
        }
    }
}

/// <summary><c>SUBSET S</c>. Enumerated in TLC's normalized order: by size, then lexicographically.</summary>
public sealed class SubsetValue : SetLikeValue
{
    /// <summary>Creates <c>SUBSET baseSet</c>.</summary>
    /// <param name="baseSet">The set whose subsets this contains.</param>
    public SubsetValue(Value baseSet)
    {
        _ = baseSet.AsSet;
        Base = baseSet;
    }

    /// <summary>The set whose subsets this contains.</summary>
    public Value Base { get; }

    /// <inheritdoc/>
    public override ValueKind Kind => ValueKind.Subset;

    /// <inheritdoc/>
    public override bool IsEnumerable => Base.AsSet.IsEnumerable;

    /// <inheritdoc/>
    public override long Count
    {
        get
        {
            var n = Base.AsSet.Count;
            return n < 63 ? 1L << (int)n : throw ValueOps.TooLarge(this);
        }
    }

    /// <inheritdoc/>
    public override bool Contains(Value element)
    {
        if (element.Heap is SetLikeValue s)
        {
            return ValueOps.IsSubset(element, Base);
        }

        if (element.Heap is ModelValue { IsTyped: false })
        {
            return false;
        }

        throw new ValueException(
            ValueErrorKind.TypeMismatch,
            $"Attempted to check if the value:\n{ValuePrinter.Ppr(element)}\nis an element of {ValuePrinter.Ppr(this)}");
    }

    /// <inheritdoc/>
    public override IEnumerable<Value> Enumerate()
    {
        var elems = Base.ToSetValue().RawElements;
        var n = elems.Length;
        var idx = new int[n];
        for (var k = 0; k <= n; k++)
        {
            for (var i = 0; i < k; i++)
            {
                idx[i] = i;
            }

            while (true)
            {
                var subset = new Value[k];
                for (var i = 0; i < k; i++)
                {
                    subset[i] = elems[idx[i]];
                }

                yield return Value.Of(SetValue.FromSortedDistinct(subset));

                var j = k - 1;
                while (j >= 0 && idx[j] == n - k + j)
                {
                    j--;
                }

                if (j < 0)
                {
                    break;
                }

                idx[j]++;
                for (var i = j + 1; i < k; i++)
                {
                    idx[i] = idx[i - 1] + 1;
                }
            }
        }
    }

    internal override void Print(StringBuilder sb)
    {
        if (IsEnumerable && Base.AsSet.Count < 7)
        {
            ToSetValue().Print(sb);
            return;
        }

        sb.Append("SUBSET ");
        var paren = Base.Kind == ValueKind.Interval;
        if (paren)
        {
            sb.Append('(');
        }

        ValuePrinter.Append(sb, Base);
        if (paren)
        {
            sb.Append(')');
        }
    }
}

/// <summary>
/// <c>[S -&gt; T]</c>. Enumerated as an odometer over the sorted domain with the last domain element varying
/// fastest, which is TLC's order and its normalized order.
/// </summary>
public sealed class FunctionSetValue : SetLikeValue
{
    /// <summary>Creates <c>[domain -&gt; range]</c>.</summary>
    /// <param name="domain">The domain set.</param>
    /// <param name="range">The range set.</param>
    public FunctionSetValue(Value domain, Value range)
    {
        _ = domain.AsSet;
        _ = range.AsSet;
        Domain = domain;
        Range = range;
    }

    /// <summary>The common domain of the functions.</summary>
    public Value Domain { get; }

    /// <summary>The set the functions map into.</summary>
    public Value Range { get; }

    /// <inheritdoc/>
    public override ValueKind Kind => ValueKind.FunctionSet;

    /// <inheritdoc/>
    public override bool IsEnumerable => Domain.AsSet.IsEnumerable && Range.AsSet.IsEnumerable;

    /// <inheritdoc/>
    public override long Count => ValueOps.Power(Range.AsSet.Count, Domain.AsSet.Count, this);

    /// <inheritdoc/>
    public override bool Contains(Value element)
    {
        if (ValueOps.FunctionOrNull(element) is { } f)
        {
            var dom = Domain.AsSet;
            if (!ValueOps.TlcEquals(f.Domain.AsValue, Domain))
            {
                return false;
            }

            var range = Range.AsSet;
            foreach (var v in f.Values)
            {
                if (!range.Contains(v))
                {
                    return false;
                }
            }

            _ = dom;
            return true;
        }

        if (element.Heap is ModelValue { IsTyped: false })
        {
            return false;
        }

        throw new ValueException(
            ValueErrorKind.TypeMismatch,
            $"Attempted to check if \n{ValuePrinter.Ppr(element)}\nwhich is not a TLC function value, is in the set of functions:\n{ValuePrinter.Ppr(this)}");
    }

    /// <inheritdoc/>
    public override IEnumerable<Value> Enumerate()
    {
        var domSet = Domain.AsSet;
        var tuple = domSet is IntervalValue { Low: 1 } || domSet.Count == 0;
        var keys = domSet.ToSetValue().RawElements;
        tuple = tuple || FunctionValue.IsOneToN(keys);

        return Odometer.Run(keys.Length, _ => Range.ToSetValue().RawElements, vals =>
            Value.Of(tuple ? FunctionValue.TupleOwned(vals) : FunctionValue.FromSortedOwned(keys, vals)));
    }

    internal override void Print(StringBuilder sb)
    {
        if (ValueOps.SmallEnough(this))
        {
            ToSetValue().Print(sb);
            return;
        }

        sb.Append('[');
        ValuePrinter.Append(sb, Domain);
        sb.Append(" -> ");
        ValuePrinter.Append(sb, Range);
        sb.Append(']');
    }
}

/// <summary><c>[f1 : S1, ..., fn : Sn]</c>, enumerated in TLC's (normalized) order.</summary>
public sealed class RecordSetValue : SetLikeValue
{
    private readonly Value[] _names;
    private readonly Value[] _sets;

    /// <summary>Creates the set of records with the given fields.</summary>
    /// <param name="fields">Distinct field names with the set of each field's values, in any order.</param>
    public RecordSetValue(params ReadOnlySpan<(TlaString Name, Value Set)> fields)
    {
        _names = new Value[fields.Length];
        _sets = new Value[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            _ = fields[i].Set.AsSet;
            _names[i] = Value.String(fields[i].Name);
            _sets[i] = fields[i].Set;
        }

        Array.Sort(_names, _sets, ValueOps.TlcComparer);
    }

    /// <summary>The field names as string values, in TLC's order.</summary>
    public ReadOnlySpan<Value> Names => _names;

    /// <summary>The field sets, aligned with <see cref="Names"/>.</summary>
    public ReadOnlySpan<Value> Sets => _sets;

    /// <inheritdoc/>
    public override ValueKind Kind => ValueKind.RecordSet;

    /// <inheritdoc/>
    public override bool IsEnumerable => _sets.All(s => s.AsSet.IsEnumerable);

    /// <inheritdoc/>
    public override long Count => ValueOps.Product(_sets, this);

    /// <inheritdoc/>
    public override bool Contains(Value element)
    {
        if (ValueOps.FunctionOrNull(element) is { } f && (f.IsRecord || f.Count == 0))
        {
            if (f.Count != _names.Length)
            {
                return false;
            }

            for (var i = 0; i < _names.Length; i++)
            {
                if (f.KeyAt(i).Bits != _names[i].Bits || !_sets[i].AsSet.Contains(f.Values[i]))
                {
                    return false;
                }
            }

            return true;
        }

        if (element.Heap is ModelValue { IsTyped: false })
        {
            return false;
        }

        throw new ValueException(
            ValueErrorKind.TypeMismatch,
            $"Attempted to check if non-record\n{ValuePrinter.Ppr(element)}\nis in the set of records:\n{ValuePrinter.Ppr(this)}");
    }

    /// <inheritdoc/>
    public override IEnumerable<Value> Enumerate()
    {
        var names = _names;
        return Odometer.Run(names.Length, i => _sets[i].ToSetValue().RawElements, vals =>
            Value.Of(FunctionValue.FromSortedOwned(names, vals)));
    }

    internal override void Print(StringBuilder sb)
    {
        if (ValueOps.SmallEnough(this))
        {
            ToSetValue().Print(sb);
            return;
        }

        sb.Append('[');
        for (var i = 0; i < _names.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(_names[i].AsString.Text).Append(": ");
            ValuePrinter.Append(sb, _sets[i]);
        }

        sb.Append(']');
    }
}

/// <summary><c>S1 \X ... \X Sn</c>, enumerated with the last component varying fastest (TLC's normalized order).</summary>
public sealed class ProductSetValue : SetLikeValue
{
    private readonly Value[] _sets;

    /// <summary>Creates the cartesian product of the given sets.</summary>
    /// <param name="sets">The component sets.</param>
    public ProductSetValue(params ReadOnlySpan<Value> sets)
    {
        foreach (var s in sets)
        {
            _ = s.AsSet;
        }

        _sets = sets.ToArray();
    }

    /// <summary>The component sets.</summary>
    public ReadOnlySpan<Value> Sets => _sets;

    /// <inheritdoc/>
    public override ValueKind Kind => ValueKind.Product;

    /// <inheritdoc/>
    public override bool IsEnumerable => _sets.All(s => s.AsSet.IsEnumerable);

    /// <inheritdoc/>
    public override long Count => ValueOps.Product(_sets, this);

    /// <inheritdoc/>
    public override bool Contains(Value element)
    {
        if (ValueOps.FunctionOrNull(element) is { IsTuple: true } t)
        {
            if (t.Count != _sets.Length)
            {
                return false;
            }

            for (var i = 0; i < _sets.Length; i++)
            {
                if (!_sets[i].AsSet.Contains(t.Values[i]))
                {
                    return false;
                }
            }

            return true;
        }

        if (element.Heap is ModelValue { IsTyped: false })
        {
            return false;
        }

        throw new ValueException(
            ValueErrorKind.TypeMismatch,
            $"Attempted to check if the value:\n{ValuePrinter.Ppr(element)}\nis in the set of tuples:\n{ValuePrinter.Ppr(this)}");
    }

    /// <inheritdoc/>
    public override IEnumerable<Value> Enumerate() =>
        Odometer.Run(_sets.Length, i => _sets[i].ToSetValue().RawElements, vals => Value.Of(FunctionValue.TupleOwned(vals)));

    internal override void Print(StringBuilder sb)
    {
        if (ValueOps.SmallEnough(this))
        {
            ToSetValue().Print(sb);
            return;
        }

        sb.Append('(');
        for (var i = 0; i < _sets.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(" \\X ");
            }

            ValuePrinter.Append(sb, _sets[i]);
        }

        sb.Append(')');
    }
}

/// <summary>Which infinite set an <see cref="InfiniteSetValue"/> is.</summary>
public enum InfiniteSetKind
{
    /// <summary><c>Nat</c>.</summary>
    Nat,

    /// <summary><c>Int</c>.</summary>
    Int,

    /// <summary><c>STRING</c>.</summary>
    String,

    /// <summary><c>Seq(S)</c>.</summary>
    Seq,
}

/// <summary><c>Nat</c>, <c>Int</c>, <c>STRING</c> or <c>Seq(S)</c>: membership only; enumerating is an error.</summary>
public sealed class InfiniteSetValue : SetLikeValue
{
    private InfiniteSetValue(InfiniteSetKind which, Value element)
    {
        Which = which;
        ElementSet = element;
    }

    /// <summary><c>Nat</c>.</summary>
    public static InfiniteSetValue Nat { get; } = new(InfiniteSetKind.Nat, default);

    /// <summary><c>Int</c>.</summary>
    public static InfiniteSetValue Int { get; } = new(InfiniteSetKind.Int, default);

    /// <summary><c>STRING</c>.</summary>
    public static InfiniteSetValue String { get; } = new(InfiniteSetKind.String, default);

    /// <summary>Which set this is.</summary>
    public InfiniteSetKind Which { get; }

    /// <summary>For <c>Seq(S)</c>, the set <c>S</c>.</summary>
    public Value ElementSet { get; }

    /// <inheritdoc/>
    public override ValueKind Kind => ValueKind.InfiniteSet;

    /// <inheritdoc/>
    public override bool IsEnumerable => false;

    /// <inheritdoc/>
    public override long Count => throw ValueOps.NotEnumerable(this);

    /// <summary><c>Seq(S)</c>.</summary>
    /// <param name="elementSet">The set <c>S</c>.</param>
    /// <returns>The set of finite sequences over <paramref name="elementSet"/>.</returns>
    public static InfiniteSetValue Seq(Value elementSet)
    {
        _ = elementSet.AsSet;
        return new(InfiniteSetKind.Seq, elementSet);
    }

    /// <inheritdoc/>
    public override bool Contains(Value element)
    {
        if (element.Heap is ModelValue mv)
        {
            return mv.IsTyped ? throw NotMember(element) : false;
        }

        switch (Which)
        {
            case InfiniteSetKind.Nat:
                return element.IsInt ? element.AsBigInteger.Sign >= 0 : throw NotMember(element);
            case InfiniteSetKind.Int:
                return element.IsInt ? true : throw NotMember(element);
            case InfiniteSetKind.String:
                return element.IsString ? true : throw NotMember(element);
            default:
                if (ValueOps.FunctionOrNull(element) is not { } f)
                {
                    throw NotMember(element);
                }

                if (!f.IsTuple)
                {
                    return false;
                }

                var s = ElementSet.AsSet;
                foreach (var v in f.Values)
                {
                    if (!s.Contains(v))
                    {
                        return false;
                    }
                }

                return true;
        }
    }

    /// <inheritdoc/>
    public override IEnumerable<Value> Enumerate() => throw ValueOps.NotEnumerable(this);

    private protected override ulong ComputeFingerprint() => throw ValueOps.NotEnumerable(this);

    internal override void Print(StringBuilder sb)
    {
        switch (Which)
        {
            case InfiniteSetKind.Nat:
                sb.Append("Nat");
                break;
            case InfiniteSetKind.Int:
                sb.Append("Int");
                break;
            case InfiniteSetKind.String:
                sb.Append("STRING");
                break;
            default:
                sb.Append("Seq(");
                ValuePrinter.Append(sb, ElementSet);
                sb.Append(')');
                break;
        }
    }

    private ValueException NotMember(Value element) =>
        new(ValueErrorKind.TypeMismatch, $"Attempted to check if the value:\n{ValuePrinter.Ppr(element)}\nis an element of {ValuePrinter.Ppr(this)}.");
}

/// <summary>Enumerates tuples of choices with the last position varying fastest.</summary>
internal static class Odometer
{
    internal static IEnumerable<Value> Run(int width, Func<int, Value[]> choices, Func<Value[], Value> make)
    {
        var options = new Value[width][];
        for (var i = 0; i < width; i++)
        {
            options[i] = choices(i);
            if (options[i].Length == 0)
            {
                yield break;
            }
        }

        var idx = new int[width];
        while (true)
        {
            var vals = new Value[width];
            for (var i = 0; i < width; i++)
            {
                vals[i] = options[i][idx[i]];
            }

            yield return make(vals);

            var j = width - 1;
            while (j >= 0)
            {
                if (++idx[j] < options[j].Length)
                {
                    break;
                }

                idx[j] = 0;
                j--;
            }

            if (j < 0)
            {
                yield break;
            }
        }
    }
}
