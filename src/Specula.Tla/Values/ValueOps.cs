using System.Numerics;
using System.Runtime.ExceptionServices;

namespace Specula.Tla.Values;

/// <summary>
/// TLC's equality and total order, and the structural operations the evaluator needs on sets, functions and
/// sequences. Operations raise <see cref="ValueException"/> exactly where TLC raises an evaluation error.
/// </summary>
public static class ValueOps
{
    /// <summary>TLC's order as an <see cref="IComparer{T}"/> (raises <see cref="ValueException"/> on incomparable values).</summary>
    public static IComparer<Value> TlcComparer { get; } = Comparer<Value>.Create(Compare);

    // ───────────────────────────── Order ─────────────────────────────

    /// <summary>
    /// TLC's total order (<c>Value.compareTo</c>): integers numerically, <c>FALSE &lt; TRUE</c>, strings by interning
    /// order, untyped model values before everything, sets by size then elementwise, functions by size, then
    /// domain, then values. Comparing values of different types is an error.
    /// </summary>
    /// <param name="a">A value.</param>
    /// <param name="b">A value.</param>
    /// <returns>Negative, zero or positive.</returns>
    public static int Compare(Value a, Value b)
    {
        var oa = a.Heap;
        var ob = b.Heap;
        if (oa is null && ob is null)
        {
            return a.Bits.CompareTo(b.Bits);
        }

        // The common cases first, each decided as below: tuples and functions (not records, whose errors differ),
        // untyped model values, strings.
        if (oa is FunctionValue { IsRecord: false } fa && ob is FunctionValue { IsRecord: false })
        {
            return CompareFunctions(a, fa, b);
        }

        if (oa is ModelValue { IsTyped: false } ma && ob is ModelValue { IsTyped: false } mb)
        {
            return ma.Name.Id.CompareTo(mb.Name.Id);
        }

        if (oa is TlaString && ob is TlaString)
        {
            return a.Bits.CompareTo(b.Bits);
        }

        if (oa is ModelValue || ob is ModelValue)
        {
            return CompareModel(a, b);
        }

        if (oa is LazyFunctionValue || ob is LazyFunctionValue)
        {
            return Compare(Force(a), Force(b));
        }

        switch (a.Kind)
        {
            case ValueKind.Int:
                return b.IsInt
                    ? a.AsBigInteger.CompareTo(b.AsBigInteger)
                    : throw Incomparable($"Attempted to compare integer {ValuePrinter.Ppr(a)} with non-integer:\n{ValuePrinter.Ppr(b)}");
            case ValueKind.String:
                return b.IsString
                    ? a.Bits.CompareTo(b.Bits)
                    : throw Incomparable($"Attempted to compare string {ValuePrinter.Ppr(a)} with non-string:\n{ValuePrinter.Ppr(b)}");
            case ValueKind.Bool:
                return b.IsBool
                    ? a.Bits.CompareTo(b.Bits)
                    : throw Incomparable($"Attempted to compare boolean {ValuePrinter.Ppr(a)} with non-boolean:\n{ValuePrinter.Ppr(b)}");
            case ValueKind.Function:
                return CompareFunctions(a, (FunctionValue)oa!, b);
            default:
                return b.IsSet
                    ? CompareSets((SetLikeValue)oa!, (SetLikeValue)ob!)
                    : throw Incomparable($"Attempted to compare the set {ValuePrinter.Ppr(a)} with the value:\n{ValuePrinter.Ppr(b)}");
        }
    }

    private static int CompareModel(Value a, Value b)
    {
        if (a.Heap is ModelValue ma)
        {
            if (b.Heap is ModelValue mb)
            {
                if (ma.IsTyped && mb.IsTyped && ma.TypeTag != mb.TypeTag)
                {
                    throw Incomparable($"Attempted to compare the differently-typed model values {ValuePrinter.Ppr(a)} and {ValuePrinter.Ppr(b)}");
                }

                return ma.Name.Id.CompareTo(mb.Name.Id);
            }

            return ma.IsTyped
                ? throw Incomparable($"Attempted to compare the typed model value {ValuePrinter.Ppr(a)} and non-model value\n{ValuePrinter.Ppr(b)}")
                : -1;
        }

        var m = (ModelValue)b.Heap!;
        return m.IsTyped
            ? throw Incomparable($"Attempted to compare the typed model value {ValuePrinter.Ppr(b)} and the non-model value\n{ValuePrinter.Ppr(a)}")
            : 1;
    }

    private static int CompareSets(SetLikeValue a, SetLikeValue b)
    {
        if (a is IntervalValue ia && b is IntervalValue ib)
        {
            var c = ia.Count.CompareTo(ib.Count);
            return c != 0 || ia.Count == 0 ? c : ia.Low.CompareTo(ib.Low);
        }

        var sa = a.ToSetValue();
        var sb = b.ToSetValue();
        var n = sa.Count;
        var cmp = n.CompareTo(sb.Count);
        if (cmp != 0)
        {
            return cmp;
        }

        var ea = sa.RawElements;
        var eb = sb.RawElements;
        for (var i = 0; i < ea.Length; i++)
        {
            cmp = Compare(ea[i], eb[i]);
            if (cmp != 0)
            {
                return cmp;
            }
        }

        return 0;
    }

    private static int CompareFunctions(Value a, FunctionValue f, Value b)
    {
        if (b.Heap is not FunctionValue g)
        {
            throw f.IsRecord
                ? Incomparable($"Attempted to compare record:\n{ValuePrinter.Ppr(a)}\nwith non-record\n{ValuePrinter.Ppr(b)}")
                : Incomparable($"Attempted to compare the function {ValuePrinter.Ppr(a)} with the value:\n{ValuePrinter.Ppr(b)}");
        }

        if (f.IsRecord && g.Count > 0 && !g.IsRecord)
        {
            throw Incomparable($"Attempted to compare record:\n{ValuePrinter.Ppr(a)}\nwith non-record\n{ValuePrinter.Ppr(b)}");
        }

        var cmp = f.Count.CompareTo(g.Count);
        if (cmp != 0)
        {
            return cmp;
        }

        if (!(f.IsTuple && g.IsTuple))
        {
            for (var i = 0; i < f.Count; i++)
            {
                cmp = Compare(f.KeyAt(i), g.KeyAt(i));
                if (cmp != 0)
                {
                    return cmp;
                }
            }
        }

        var fv = f.RawValues;
        var gv = g.RawValues;
        for (var i = 0; i < fv.Length; i++)
        {
            cmp = Compare(fv[i], gv[i]);
            if (cmp != 0)
            {
                return cmp;
            }
        }

        return 0;
    }

    /// <summary>Sorts values in place in TLC's order, raising TLC's error if two cannot be compared.</summary>
    /// <param name="values">The values.</param>
    public static void Sort(Value[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var allInts = true;
        foreach (var v in values)
        {
            if (!v.IsSmallInt)
            {
                allInts = false;
                break;
            }
        }

        if (allInts)
        {
            values.AsSpan().Sort(default(IntOrder));
            return;
        }

        try
        {
            values.AsSpan().Sort(default(TlcOrder));
        }
        catch (InvalidOperationException e) when (e.InnerException is ValueException ve)
        {
            ExceptionDispatchInfo.Capture(ve).Throw();
        }
    }

    // ───────────────────────────── Equality ─────────────────────────────

    /// <summary>
    /// TLC's <c>=</c>: TLA+ equality across representations, raising TLC's error when TLC refuses to compare
    /// (<c>1 = "a"</c>, <c>{1} = 1</c>, a typed model value against a non-model value, a record against a
    /// non-empty non-record function).
    /// </summary>
    /// <param name="a">A value.</param>
    /// <param name="b">A value.</param>
    /// <returns>Whether the values are equal.</returns>
    public static bool TlcEquals(Value a, Value b)
    {
        var oa = a.Heap;
        var ob = b.Heap;
        if (oa is null && ob is null)
        {
            return a.Bits == b.Bits;
        }

        if (oa is ModelValue || ob is ModelValue)
        {
            return ModelEquals(a, b);
        }

        if (oa is LazyFunctionValue || ob is LazyFunctionValue)
        {
            return TlcEquals(Force(a), Force(b));
        }

        switch (a.Kind)
        {
            case ValueKind.Int:
                return b.IsInt
                    ? a.AsBigInteger == b.AsBigInteger
                    : throw Incomparable($"Attempted to check equality of integer {ValuePrinter.Ppr(a)} with non-integer:\n{ValuePrinter.Ppr(b)}");
            case ValueKind.String:
                return b.IsString
                    ? SameString((TlaString)oa!, (TlaString)ob!)
                    : throw Incomparable($"Attempted to check equality of string {ValuePrinter.Ppr(a)} with non-string:\n{ValuePrinter.Ppr(b)}");
            case ValueKind.Bool:
                return b.IsBool
                    ? a.Bits == b.Bits
                    : throw Incomparable($"Attempted to compare equality of boolean {ValuePrinter.Ppr(a)} with non-boolean:\n{ValuePrinter.Ppr(b)}");
            case ValueKind.Function:
                return FunctionsEqual(a, (FunctionValue)oa!, b);
            default:
                return b.IsSet
                    ? SetsEqual((SetLikeValue)oa!, (SetLikeValue)ob!)
                    : throw Incomparable($"Attempted to check equality of the set {ValuePrinter.Ppr(a)} with the value:\n{ValuePrinter.Ppr(b)}");
        }
    }

    private static bool ModelEquals(Value a, Value b)
    {
        if (a.Heap is ModelValue ma)
        {
            if (b.Heap is ModelValue mb)
            {
                if (ma.IsTyped && mb.IsTyped && ma.TypeTag != mb.TypeTag)
                {
                    throw Incomparable($"Attempted to check equality of the differently-typed model values {ValuePrinter.Ppr(a)} and {ValuePrinter.Ppr(b)}");
                }

                return ReferenceEquals(ma, mb) || SameString(ma.Name, mb.Name);
            }

            return ma.IsTyped
                ? throw Incomparable($"Attempted to check equality of typed model value {ValuePrinter.Ppr(a)} and non-model value\n{ValuePrinter.Ppr(b)}")
                : false;
        }

        var m = (ModelValue)b.Heap!;
        return m.IsTyped
            ? throw Incomparable($"Attempted to check equality of the typed model value {ValuePrinter.Ppr(b)} and the non-model value\n{ValuePrinter.Ppr(a)}")
            : false;
    }

    private static bool SetsEqual(SetLikeValue a, SetLikeValue b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is IntervalValue ia && b is IntervalValue ib)
        {
            return ia.Count == ib.Count && (ia.Count == 0 || ia.Low == ib.Low);
        }

        if (!a.IsEnumerable || !b.IsEnumerable)
        {
            if (a is InfiniteSetValue xa && b is InfiniteSetValue xb)
            {
                return xa.Which == xb.Which && (xa.Which != InfiniteSetKind.Seq || TlcEquals(xa.ElementSet, xb.ElementSet));
            }

            throw NotEnumerable(a.IsEnumerable ? b : a);
        }

        var sa = a.ToSetValue();
        var sb = b.ToSetValue();
        if (sa.Count != sb.Count)
        {
            return false;
        }

        var ea = sa.RawElements;
        var eb = sb.RawElements;
        for (var i = 0; i < ea.Length; i++)
        {
            if (!TlcEquals(ea[i], eb[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool FunctionsEqual(Value a, FunctionValue f, Value b)
    {
        if (b.Heap is not FunctionValue g)
        {
            throw f.IsRecord
                ? Incomparable($"Attempted to check equality of record:\n{ValuePrinter.Ppr(a)}\nwith non-record\n{ValuePrinter.Ppr(b)}")
                : Incomparable($"Attempted to check equality of the function {ValuePrinter.Ppr(a)} with the value:\n{ValuePrinter.Ppr(b)}");
        }

        if (ReferenceEquals(f, g))
        {
            return true;
        }

        if (f.IsRecord && g.Count > 0 && !g.IsRecord)
        {
            throw Incomparable($"Attempted to check equality of record:\n{ValuePrinter.Ppr(a)}\nwith non-record\n{ValuePrinter.Ppr(b)}");
        }

        if (f.Count != g.Count)
        {
            return false;
        }

        if (!(f.IsTuple && g.IsTuple))
        {
            for (var i = 0; i < f.Count; i++)
            {
                if (!TlcEquals(f.KeyAt(i), g.KeyAt(i)))
                {
                    return false;
                }
            }
        }

        var fv = f.RawValues;
        var gv = g.RawValues;
        for (var i = 0; i < fv.Length; i++)
        {
            if (!TlcEquals(fv[i], gv[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Structural TLA+ equality that never fails: values TLC would refuse to compare are unequal. Agrees with
    /// <see cref="Value.Fingerprint"/> (equal values have equal fingerprints). Used for hash tables and states.
    /// </summary>
    /// <param name="a">A value.</param>
    /// <param name="b">A value.</param>
    /// <returns>Whether the values are equal.</returns>
    public static bool StructuralEquals(Value a, Value b)
    {
        var oa = a.Heap;
        var ob = b.Heap;
        if (oa is null || ob is null)
        {
            return oa is null && ob is null && a.Bits == b.Bits;
        }

        if (ReferenceEquals(oa, ob))
        {
            return oa is BoolMarker ? a.Bits == b.Bits : true;
        }

        if (oa is LazyFunctionValue || ob is LazyFunctionValue)
        {
            try
            {
                return StructuralEquals(Force(a), Force(b));
            }
            catch (ValueException)
            {
                return false;
            }
        }

        switch (oa)
        {
            case BoolMarker:
                return false;
            case BigIntValue ba:
                return ob is BigIntValue bb && ba.Value == bb.Value;
            case TlaString sa:
                return ob is TlaString sb && SameString(sa, sb);
            case ModelValue ma:
                return ob is ModelValue mb && SameString(ma.Name, mb.Name);
            case FunctionValue f:
                if (ob is not FunctionValue g || f.Count != g.Count || f.IsTuple != g.IsTuple || f.Fingerprint != g.Fingerprint)
                {
                    return false;
                }

                var fk = f.RawKeys;
                var gk = g.RawKeys;
                var fv = f.RawValues;
                var gv = g.RawValues;
                for (var i = 0; i < fv.Length; i++)
                {
                    if ((fk is not null && !StructuralEquals(fk[i], gk![i])) || !StructuralEquals(fv[i], gv[i]))
                    {
                        return false;
                    }
                }

                return true;
            case SetLikeValue s:
                return ob is SetLikeValue t && StructuralSetsEqual(s, t);
            default:
                return false;
        }
    }

    private static bool StructuralSetsEqual(SetLikeValue a, SetLikeValue b)
    {
        if (a is IntervalValue ia && b is IntervalValue ib)
        {
            return ia.Count == ib.Count && (ia.Count == 0 || ia.Low == ib.Low);
        }

        if (!a.IsEnumerable || !b.IsEnumerable)
        {
            return a is InfiniteSetValue xa && b is InfiniteSetValue xb && xa.Which == xb.Which
                && (xa.Which != InfiniteSetKind.Seq || StructuralEquals(xa.ElementSet, xb.ElementSet));
        }

        try
        {
            if (a.Fingerprint != b.Fingerprint)
            {
                return false;
            }

            var sa = a.ToSetValue();
            var sb = b.ToSetValue();
            var ea = sa.RawElements;
            var eb = sb.RawElements;
            if (ea.Length != eb.Length)
            {
                return false;
            }

            if (sa.IsNormalized && sb.IsNormalized)
            {
                for (var i = 0; i < ea.Length; i++)
                {
                    if (!StructuralEquals(ea[i], eb[i]))
                    {
                        return false;
                    }
                }

                return true;
            }

            foreach (var x in ea)
            {
                if (Array.FindIndex(eb, y => StructuralEquals(x, y)) < 0)
                {
                    return false;
                }
            }

            return true;
        }
        catch (ValueException)
        {
            return false;
        }
    }

    // ───────────────────────────── Sets ─────────────────────────────

    /// <summary><c>x \in S</c> with TLC's errors.</summary>
    /// <param name="set">The set.</param>
    /// <param name="element">The candidate element.</param>
    /// <returns>Whether <paramref name="element"/> belongs to <paramref name="set"/>.</returns>
    public static bool Contains(Value set, Value element)
    {
        if (set.Heap is SetLikeValue s)
        {
            return s.Contains(element);
        }

        throw new ValueException(ValueErrorKind.TypeMismatch, $"Attempted to check if the value:\n{ValuePrinter.Ppr(element)}\nis an element of the non-set {ValuePrinter.Ppr(set)}");
    }

    /// <summary><c>Cardinality(S)</c>.</summary>
    /// <param name="set">A finite set.</param>
    /// <returns>The number of elements.</returns>
    public static long Cardinality(Value set) => set.AsSet.Count;

    /// <summary><c>S \cup T</c>: enumerable sets are merged in TLC's order; otherwise the union stays symbolic.</summary>
    /// <param name="a">A set.</param>
    /// <param name="b">A set.</param>
    /// <returns>The union.</returns>
    public static Value Union(Value a, Value b)
    {
        if (!a.AsSet.IsEnumerable || !b.AsSet.IsEnumerable)
        {
            return Value.Of(new SetOperationValue(SetOperation.Union, a, b));
        }

        // As TLC's \cup: symbolic when an operand is a set TLC lists only on demand, the listed operand (if any) first,
        // since membership asks it first and its errors come first.
        if (UnionValue.KeepsLazy(b.AsSet))
        {
            return Value.Of(new UnionValue(a, b));
        }

        if (UnionValue.KeepsLazy(a.AsSet))
        {
            return Value.Of(new UnionValue(b, a));
        }

        var sa = a.ToSetValue();
        var sb = b.ToSetValue();
        sa.ThrowIfUnordered();
        sb.ThrowIfUnordered();
        if (sb.RawElements.Length == 0)
        {
            return a;
        }

        if (sa.RawElements.Length == 0)
        {
            return b;
        }

        var x = sa.RawElements;
        var y = sb.RawElements;
        var r = new Value[x.Length + y.Length];
        int i = 0, j = 0, n = 0;
        while (i < x.Length && j < y.Length)
        {
            var c = Compare(x[i], y[j]);
            if (c < 0)
            {
                r[n++] = x[i++];
            }
            else if (c > 0)
            {
                r[n++] = y[j++];
            }
            else
            {
                r[n++] = x[i++];
                j++;
            }
        }

        while (i < x.Length)
        {
            r[n++] = x[i++];
        }

        while (j < y.Length)
        {
            r[n++] = y[j++];
        }

        if (n == x.Length)
        {
            return a;
        }

        if (n != r.Length)
        {
            Array.Resize(ref r, n);
        }

        return Value.Of(SetValue.FromSortedDistinct(r));
    }

    /// <summary><c>S \cap T</c>: the enumerable operand filtered by the other; symbolic when neither is enumerable.</summary>
    /// <param name="a">A set.</param>
    /// <param name="b">A set.</param>
    /// <returns>The intersection.</returns>
    public static Value Intersect(Value a, Value b)
    {
        var sa = a.AsSet;
        var sb = b.AsSet;
        if (!sa.IsEnumerable && !sb.IsEnumerable)
        {
            return Value.Of(new SetOperationValue(SetOperation.Intersection, a, b));
        }

        return sa.IsEnumerable ? Filter(sa.ToSetValue(), sb, keep: true, a) : Filter(sb.ToSetValue(), sa, keep: true, b);
    }

    /// <summary><c>S \ T</c>; symbolic when <paramref name="a"/> cannot be enumerated.</summary>
    /// <param name="a">A set.</param>
    /// <param name="b">A set.</param>
    /// <returns>The difference.</returns>
    public static Value Difference(Value a, Value b) =>
        a.AsSet.IsEnumerable
            ? Filter(a.ToSetValue(), b.AsSet, keep: false, a)
            : Value.Of(new SetOperationValue(SetOperation.Difference, a, b));

    private static Value Filter(SetValue s, SetLikeValue other, bool keep, Value original)
    {
        s.ThrowIfUnordered();
        var elems = s.RawElements;
        List<Value>? kept = null;
        for (var i = 0; i < elems.Length; i++)
        {
            if (other.Contains(elems[i]) != keep)
            {
                kept ??= new List<Value>(elems.AsSpan(0, i).ToArray());
            }
            else
            {
                kept?.Add(elems[i]);
            }
        }

        return kept is null ? original : Value.Of(SetValue.FromSortedDistinct([.. kept]));
    }

    /// <summary><c>S \subseteq T</c>.</summary>
    /// <param name="a">A set.</param>
    /// <param name="b">A set.</param>
    /// <returns>Whether every element of <paramref name="a"/> is in <paramref name="b"/>.</returns>
    public static bool IsSubset(Value a, Value b)
    {
        var sa = a.AsSet;
        var sb = b.AsSet;
        if (!sa.IsEnumerable && sa is InfiniteSetValue xa)
        {
            if (sb is InfiniteSetValue xb)
            {
                return (xa.Which, xb.Which) switch
                {
                    (InfiniteSetKind.Nat, InfiniteSetKind.Nat or InfiniteSetKind.Int) => true,
                    (InfiniteSetKind.Int, InfiniteSetKind.Int) => true,
                    (InfiniteSetKind.String, InfiniteSetKind.String) => true,
                    (InfiniteSetKind.Seq, InfiniteSetKind.Seq) => IsSubset(xa.ElementSet, xb.ElementSet),
                    _ => false,
                };
            }

            throw NotEnumerable(sa);
        }

        if (sa is IntervalValue ia && sb is IntervalValue ib)
        {
            return ia.Count == 0 || (ib.Low <= ia.Low && ia.High <= ib.High);
        }

        foreach (var e in sa.ToSetValue().RawElements)
        {
            if (!sb.Contains(e))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>UNION S</c>: the union of a set of enumerable sets.</summary>
    /// <param name="setOfSets">The set of sets.</param>
    /// <returns>The union.</returns>
    public static Value BigUnion(Value setOfSets)
    {
        var sets = setOfSets.ToSetValue().RawElements;
        if (sets.Length == 1)
        {
            // UNION {S} is S itself, kept as lazy as S is (TLC's UnionValue lists nothing until asked to), so
            // membership in UNION {[D -> T]} never builds the function set.
            return sets[0];
        }
        foreach (var s in sets)
        {
            if (!s.AsSet.IsEnumerable)
            {
                // As TLC's UnionValue: kept symbolic, membership asks each set (UNION {[D -> Int]}).
                var union = sets[0];
                for (var i = 1; i < sets.Length; i++)
                {
                    union = Value.Of(new SetOperationValue(SetOperation.Union, union, sets[i]));
                }
                return union;
            }
        }
        var all = new List<Value>();
        foreach (var s in sets)
        {
            all.AddRange(s.ToSetValue().RawElements);
        }

        return Value.Of(SetValue.FromOwned([.. all]));
    }

    // ───────────────────────────── Functions and sequences ─────────────────────────────

    /// <summary><c>d :&gt; e</c>: the function mapping <paramref name="key"/> to <paramref name="value"/>.</summary>
    /// <param name="key">The only domain element.</param>
    /// <param name="value">Its image.</param>
    /// <returns>The function.</returns>
    public static Value SingletonFunction(Value key, Value value) =>
        Value.Of(FunctionValue.FromOwnedPairs([key], [value]));

    /// <summary><c>f @@ g</c>: <paramref name="f"/> where defined, else <paramref name="g"/>.</summary>
    /// <param name="f">The preferred function.</param>
    /// <param name="g">The fallback function.</param>
    /// <returns>The merged function.</returns>
    public static Value MergeFunctions(Value f, Value g)
    {
        var ff = f.AsFunction;
        var gf = g.AsFunction;
        if (gf.Count == 0)
        {
            return f;
        }

        if (ff.Count == 0)
        {
            return g;
        }

        var keys = new List<Value>(ff.Count + gf.Count);
        var values = new List<Value>(ff.Count + gf.Count);
        for (var i = 0; i < ff.Count; i++)
        {
            keys.Add(ff.KeyAt(i));
            values.Add(ff.RawValues[i]);
        }

        for (var i = 0; i < gf.Count; i++)
        {
            var k = gf.KeyAt(i);
            if (ff.IndexOfKey(k) < 0)
            {
                keys.Add(k);
                values.Add(gf.RawValues[i]);
            }
        }

        var ka = keys.ToArray();
        var va = values.ToArray();
        SortPairs(ka, va);
        return Value.Of(FunctionValue.FromSortedOwned(ka, va));
    }

    /// <summary><c>Len(s)</c> of a sequence or string.</summary>
    /// <param name="s">The sequence.</param>
    /// <returns>Its length.</returns>
    public static long Len(Value s) => s.Heap switch
    {
        TlaString str => str.Text.Length,
        _ => FunctionOrNull(s) is { IsTuple: true } t ? t.Count : throw Argument("Len", "sequence", s),
    };

    /// <summary><c>Append(s, e)</c>.</summary>
    /// <param name="s">The sequence.</param>
    /// <param name="e">The new last element.</param>
    /// <returns>The longer sequence.</returns>
    public static Value Append(Value s, Value e)
    {
        var t = Seq(s, "Append(s, v)");
        var vals = new Value[t.Count + 1];
        t.RawValues.CopyTo(vals, 0);
        vals[^1] = e;
        return Value.Of(FunctionValue.TupleOwned(vals));
    }

    /// <summary><c>Head(s)</c>.</summary>
    /// <param name="s">A non-empty sequence.</param>
    /// <returns>The first element.</returns>
    public static Value Head(Value s)
    {
        var t = FunctionOrNull(s);
        if (t is not { IsTuple: true })
        {
            throw Argument("Head", "sequence", s);
        }

        return t.Count == 0 ? throw EmptySeq("Head") : t.RawValues[0];
    }

    /// <summary><c>Tail(s)</c>.</summary>
    /// <param name="s">A non-empty sequence.</param>
    /// <returns>All but the first element.</returns>
    public static Value Tail(Value s)
    {
        var t = FunctionOrNull(s);
        if (t is not { IsTuple: true })
        {
            throw Argument("Tail", "sequence", s);
        }

        return t.Count == 0 ? throw EmptySeq("Tail") : Value.Of(FunctionValue.TupleOwned(t.RawValues[1..]));
    }

    /// <summary><c>s \o t</c> for sequences.</summary>
    /// <param name="s">The first sequence.</param>
    /// <param name="t">The second sequence.</param>
    /// <returns>The concatenation.</returns>
    public static Value Concat(Value s, Value t)
    {
        var a = Seq(s, "s \\o t");
        var b = Seq(t, "t \\o s");
        if (b.Count == 0)
        {
            return s;
        }

        if (a.Count == 0)
        {
            return t;
        }

        var vals = new Value[a.Count + b.Count];
        a.RawValues.CopyTo(vals, 0);
        b.RawValues.CopyTo(vals, a.Count);
        return Value.Of(FunctionValue.TupleOwned(vals));
    }

    /// <summary><c>s \o t</c>, also for strings (interned in <paramref name="strings"/>).</summary>
    /// <param name="strings">The table for the resulting string.</param>
    /// <param name="s">The first sequence or string.</param>
    /// <param name="t">The second sequence or string.</param>
    /// <returns>The concatenation.</returns>
    public static Value Concat(StringTable strings, Value s, Value t)
    {
        ArgumentNullException.ThrowIfNull(strings);
        if (s.Heap is TlaString x)
        {
            return t.Heap is TlaString y
                ? strings.Str(x.Text + y.Text)
                : throw new ValueException(ValueErrorKind.TypeMismatch, $"Evaluating an expression of the form t \\o s when t is a string, s should be a string but instead it is:\n{ValuePrinter.Ppr(t)}");
        }

        return Concat(s, t);
    }

    /// <summary><c>SubSeq(s, m, n)</c>: elements m..n; empty when m &gt; n.</summary>
    /// <param name="s">The sequence.</param>
    /// <param name="m">The first position (1-based).</param>
    /// <param name="n">The last position.</param>
    /// <returns>The subsequence.</returns>
    public static Value SubSeq(Value s, long m, long n)
    {
        var t = FunctionOrNull(s);
        if (t is not { IsTuple: true })
        {
            throw Argument("SubSeq", "sequence", s, "first");
        }

        if (m > n)
        {
            return Value.Of(FunctionValue.EmptyTuple);
        }

        if (m < 1 || m > t.Count)
        {
            throw new ValueException(ValueErrorKind.BadArgument, $"The second argument of SubSeq must be in the domain of its first argument:\n{ValuePrinter.Ppr(s)}\n, but instead it is\n{m}");
        }

        if (n > t.Count)
        {
            throw new ValueException(ValueErrorKind.BadArgument, $"The third argument of SubSeq must be in the domain of its first argument:\n{ValuePrinter.Ppr(s)}\n, but instead it is\n{n}");
        }

        return Value.Of(FunctionValue.TupleOwned(t.RawValues[(int)(m - 1)..(int)n]));
    }

    /// <summary><c>&lt;&lt;v1, ..., vn&gt;&gt;</c>.</summary>
    /// <param name="values">The components.</param>
    /// <returns>The tuple.</returns>
    public static Value Tuple(params ReadOnlySpan<Value> values) => Value.Of(FunctionValue.Tuple(values));

    /// <summary><c>{v1, ..., vn}</c>.</summary>
    /// <param name="values">The elements, in any order, with duplicates.</param>
    /// <returns>The set.</returns>
    public static Value Set(params ReadOnlySpan<Value> values) => Value.Of(SetValue.Of(values));

    /// <summary><c>a..b</c>.</summary>
    /// <param name="low">The first element.</param>
    /// <param name="high">The last element.</param>
    /// <returns>The lazy interval.</returns>
    public static Value Interval(long low, long high) => Value.Of(new IntervalValue(low, high));

    /// <summary>
    /// The fingerprint of a sequence of values in order, such as a state's variables in declaration order.
    /// Stable across runs and platforms; not equal to the fingerprint of the tuple of the same values.
    /// </summary>
    /// <param name="values">The values.</param>
    /// <returns>The fingerprint.</returns>
    public static ulong Fingerprint(ReadOnlySpan<Value> values)
    {
        var h = Hashing.Combine(0x5354415445UL, (ulong)values.Length);
        foreach (var v in values)
        {
            h = Hashing.Combine(h, v.Fingerprint);
        }

        return Hashing.Mix(h);
    }

    /// <summary>What <see cref="Fingerprint(ReadOnlySpan{Value})"/> gives for values with these fingerprints.</summary>
    /// <param name="fingerprints">The fingerprint of each value, in order.</param>
    /// <returns>The state's fingerprint.</returns>
    internal static ulong FingerprintOfFingerprints(ReadOnlySpan<ulong> fingerprints)
    {
        var h = Hashing.Combine(0x5354415445UL, (ulong)fingerprints.Length);
        foreach (var fp in fingerprints)
        {
            h = Hashing.Combine(h, fp);
        }

        return Hashing.Mix(h);
    }

    /// <summary>
    /// Renames model values by a permutation (for SYMMETRY), renormalizing sets and functions whose order
    /// changes. Returns the same value when nothing is renamed.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="permutation">Model values to rename; the others stay.</param>
    /// <returns>The permuted value.</returns>
    public static Value Permute(Value value, IReadOnlyDictionary<ModelValue, ModelValue> permutation)
    {
        ArgumentNullException.ThrowIfNull(permutation);
        switch (value.Heap)
        {
            case null or BoolMarker or BigIntValue or TlaString or InfiniteSetValue or SetOperationValue:
                return value;
            case ModelValue mv:
                return permutation.TryGetValue(mv, out var to) ? Value.Model(to) : value;
            case SetLikeValue s when s.IsEnumerable:
            {
                if (s is IntervalValue)
                {
                    return value;
                }

                var elems = s.ToSetValue().RawElements;
                Value[]? changed = null;
                for (var i = 0; i < elems.Length; i++)
                {
                    var p = Permute(elems[i], permutation);
                    if (changed is null && !ReferenceEquals(p.Heap, elems[i].Heap))
                    {
                        changed = elems.AsSpan().ToArray();
                    }

                    if (changed is not null)
                    {
                        changed[i] = p;
                    }
                }

                return changed is null ? value : Value.Of(SetValue.FromOwned(changed));
            }

            case SetLikeValue:
                return value;
            default:
            {
                var f = value.AsFunction;
                var keys = f.RawKeys;
                var values = f.RawValues;
                Value[]? newKeys = null;
                Value[]? newValues = null;
                for (var i = 0; i < values.Length; i++)
                {
                    if (keys is not null)
                    {
                        var k = Permute(keys[i], permutation);
                        if (newKeys is null && !ReferenceEquals(k.Heap, keys[i].Heap))
                        {
                            newKeys = keys.AsSpan().ToArray();
                        }

                        if (newKeys is not null)
                        {
                            newKeys[i] = k;
                        }
                    }

                    var v = Permute(values[i], permutation);
                    if (newValues is null && !ReferenceEquals(v.Heap, values[i].Heap))
                    {
                        newValues = values.AsSpan().ToArray();
                    }

                    if (newValues is not null)
                    {
                        newValues[i] = v;
                    }
                }

                if (newKeys is null && newValues is null)
                {
                    return value;
                }

                newValues ??= values.AsSpan().ToArray();
                if (newKeys is null)
                {
                    return Value.Of(keys is null ? FunctionValue.TupleOwned(newValues) : FunctionValue.FromSortedOwned(keys, newValues));
                }

                return Value.Of(FunctionValue.FromOwnedPairs(newKeys, newValues));
            }
        }
    }

    // ───────────────────────────── Helpers ─────────────────────────────

    /// <summary>The function in normal form if <paramref name="v"/> is a (possibly lazy) function, else null.</summary>
    internal static FunctionValue? FunctionOrNull(Value v) => v.Heap switch
    {
        FunctionValue f => f,
        LazyFunctionValue l => l.ToFunctionValue(),
        _ => null,
    };

    /// <summary>Interned strings of one table are equal only if identical; across tables, compare the text.</summary>
    private static bool SameString(TlaString a, TlaString b) =>
        ReferenceEquals(a, b) || (!ReferenceEquals(a.Table, b.Table) && a.Text == b.Text);

    private static Value Force(Value v) => v.Heap is LazyFunctionValue l ? Value.Of(l.ToFunctionValue()) : v;

    internal static void SortPairs(Value[] keys, Value[] values)
    {
        try
        {
            keys.AsSpan().Sort(values.AsSpan(), default(TlcOrder));
        }
        catch (InvalidOperationException e) when (e.InnerException is ValueException ve)
        {
            ExceptionDispatchInfo.Capture(ve).Throw();
        }
    }

    private static FunctionValue Seq(Value s, string what) =>
        FunctionOrNull(s) is { IsTuple: true } t
            ? t
            : throw new ValueException(ValueErrorKind.TypeMismatch, $"Evaluating an expression of the form {what}, s should be a sequence but instead it is:\n{s}");

    private static ValueException Argument(string op, string expected, Value v, string? position = null) =>
        new(ValueErrorKind.TypeMismatch, position is null
            ? $"The argument of {op} should be a {expected}, but instead it is:\n{ValuePrinter.Ppr(v)}"
            : $"The {position} argument of {op} should be a {expected}, but instead it is:\n{ValuePrinter.Ppr(v)}");

    private static ValueException EmptySeq(string op) =>
        new(ValueErrorKind.BadArgument, $"Attempted to apply {op} to the empty sequence.");

    private static ValueException Incomparable(string message) => new(ValueErrorKind.Incomparable, message);

    /// <summary>
    /// Binary search of <paramref name="bits"/> among values sorted by their payload (integers, or strings by
    /// interning id): the index, or the bitwise complement of where it would be inserted.
    /// </summary>
    internal static int SearchByBits(Value[] sorted, long bits)
    {
        int lo = 0, hi = sorted.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var m = sorted[mid].Bits;
            if (m == bits)
            {
                return mid;
            }
            if (m < bits)
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

    internal static ValueException NotEnumerable(SetLikeValue s) =>
        new(ValueErrorKind.NotEnumerable, $"Attempted to enumerate the non-enumerable set {s}.");

    internal static ValueException TooLarge(SetLikeValue s) =>
        new(ValueErrorKind.Overflow, $"Attempted to compute the number of elements of a set too large to count:\n{s}");

    internal static long Power(long b, long e, SetLikeValue s)
    {
        if (b <= 1 || e == 0)
        {
            return e == 0 ? 1 : b;
        }

        if (e >= 64)
        {
            throw TooLarge(s);
        }

        var r = BigInteger.Pow(b, (int)e);
        return r <= long.MaxValue ? (long)r : throw TooLarge(s);
    }

    internal static long Product(Value[] sets, SetLikeValue s)
    {
        BigInteger r = 1;
        foreach (var x in sets)
        {
            r *= x.AsSet.Count;
        }

        return r <= long.MaxValue ? (long)r : throw TooLarge(s);
    }

    /// <summary>TLC expands a lazy set when printing it if it has fewer than 2000 elements.</summary>
    internal static bool SmallEnough(SetLikeValue s)
    {
        try
        {
            return s.IsEnumerable && s.Count < 2000;
        }
        catch (ValueException)
        {
            return false;
        }
    }

    private readonly struct IntOrder : IComparer<Value>
    {
        public int Compare(Value x, Value y) => x.Bits.CompareTo(y.Bits);
    }

    private readonly struct TlcOrder : IComparer<Value>
    {
        public int Compare(Value x, Value y) => ValueOps.Compare(x, y);
    }
}
