using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace Specula.Tla.Values;

/// <summary>
/// A TLA+ value: a 16-byte immutable handle. Integers that fit in 64 bits live inline (no allocation); booleans,
/// strings and model values carry their payload inline next to a shared object; sets and functions point to
/// immutable <see cref="HeapValue"/>s that cache their fingerprint.
/// <para>
/// <see cref="Equals(Value)"/>, <c>==</c> and <see cref="GetHashCode"/> are structural TLA+ equality that never
/// fails (values of different types are unequal), for hash tables and states. The evaluator's <c>=</c> uses
/// <see cref="ValueOps.TlcEquals"/>, which raises TLC's errors. <c>default(Value)</c> is the integer 0.
/// </para>
/// </summary>
public readonly struct Value : IEquatable<Value>
{
    private readonly HeapValue? _obj;
    private readonly long _bits;

    private Value(HeapValue? obj, long bits)
    {
        _obj = obj;
        _bits = bits;
    }

    /// <summary><c>TRUE</c>.</summary>
    public static Value True => new(BoolMarker.Instance, 1);

    /// <summary><c>FALSE</c>.</summary>
    public static Value False => new(BoolMarker.Instance, 0);

    /// <summary>The representation of this value.</summary>
    public ValueKind Kind
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _obj is null ? ValueKind.Int : _obj.Kind;
    }

    /// <summary>The shared part of the value, or null for an inline integer.</summary>
    public HeapValue? Heap => _obj;

    /// <summary>Whether this is an integer.</summary>
    public bool IsInt => _obj is null || _obj is BigIntValue;

    /// <summary>Whether this is an integer that fits in 64 bits.</summary>
    public bool IsSmallInt => _obj is null;

    /// <summary>Whether this is a boolean.</summary>
    public bool IsBool => ReferenceEquals(_obj, BoolMarker.Instance);

    /// <summary>Whether this is a string.</summary>
    public bool IsString => _obj is TlaString;

    /// <summary>Whether this is a model value.</summary>
    public bool IsModelValue => _obj is ModelValue;

    /// <summary>Whether this is a set of any representation (enumerated or lazy).</summary>
    public bool IsSet => _obj is SetLikeValue;

    /// <summary>Whether this is a function, record, tuple or sequence (including a lazy function).</summary>
    public bool IsFunction => _obj is FunctionValue or LazyFunctionValue;

    /// <summary>The integer; an error if this is not an integer that fits in 64 bits.</summary>
    public long AsInt64 => _obj is null ? _bits : throw Expected("an integer", this);

    /// <summary>The integer as a <see cref="BigInteger"/>; an error if this is not an integer.</summary>
    public BigInteger AsBigInteger => _obj switch
    {
        null => _bits,
        BigIntValue b => b.Value,
        _ => throw Expected("an integer", this),
    };

    /// <summary>The boolean; an error if this is not a boolean.</summary>
    public bool AsBool => IsBool ? _bits != 0 : throw Expected("a boolean", this);

    /// <summary>The string; an error if this is not a string.</summary>
    public TlaString AsString => _obj as TlaString ?? throw Expected("a string", this);

    /// <summary>The model value; an error if this is not one.</summary>
    public ModelValue AsModelValue => _obj as ModelValue ?? throw Expected("a model value", this);

    /// <summary>The set in whatever representation it has; an error if this is not a set.</summary>
    public SetLikeValue AsSet => _obj as SetLikeValue ?? throw Expected("a set", this);

    /// <summary>
    /// The function (record, tuple, sequence) in normal form, tabulating a lazy function; an error if this is not
    /// a function.
    /// </summary>
    public FunctionValue AsFunction => _obj switch
    {
        FunctionValue f => f,
        LazyFunctionValue l => l.ToFunctionValue(),
        _ => throw Expected("a function", this),
    };

    /// <summary>The canonical fingerprint: equal for TLA+-equal values, stable across runs and platforms.</summary>
    public ulong Fingerprint
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _obj switch
        {
            null => Hashing.Int(_bits),
            BoolMarker => Hashing.Bool(_bits != 0),
            _ => _obj.Fingerprint,
        };
    }

    /// <summary>The interned id of a string (its TLC order); only meaningful when <see cref="IsString"/>.</summary>
    internal long Bits => _bits;

    /// <summary>A boolean value.</summary>
    /// <param name="b">The truth value.</param>
    /// <returns><c>TRUE</c> or <c>FALSE</c>.</returns>
    public static Value Bool(bool b) => new(BoolMarker.Instance, b ? 1 : 0);

    /// <summary>An integer value.</summary>
    /// <param name="n">The integer.</param>
    /// <returns>The inline integer.</returns>
    public static Value Int(long n) => new(null, n);

    /// <summary>An integer value, inline when it fits in 64 bits.</summary>
    /// <param name="n">The integer.</param>
    /// <returns>The integer value in normal form.</returns>
    public static Value Int(BigInteger n) =>
        n >= long.MinValue && n <= long.MaxValue ? new(null, (long)n) : new(new BigIntValue(n), 0);

    /// <summary>A string value.</summary>
    /// <param name="s">The interned string.</param>
    /// <returns>The string value.</returns>
    public static Value String(TlaString s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s, s.Id);
    }

    /// <summary>A model value.</summary>
    /// <param name="mv">The model value.</param>
    /// <returns>The value.</returns>
    public static Value Model(ModelValue mv)
    {
        ArgumentNullException.ThrowIfNull(mv);
        return new(mv, mv.Name.Id);
    }

    /// <summary>Wraps any shared value (set, lazy set, function, string, model value).</summary>
    /// <param name="heap">The shared value.</param>
    /// <returns>The handle.</returns>
    public static Value Of(HeapValue heap)
    {
        ArgumentNullException.ThrowIfNull(heap);
        return heap switch
        {
            TlaString s => new(s, s.Id),
            ModelValue mv => new(mv, mv.Name.Id),
            BigIntValue b => Int(b.Value),
            BoolMarker => throw new ArgumentException("Use Value.Bool for booleans.", nameof(heap)),
            _ => new(heap, 0),
        };
    }

    /// <summary>Tries to read a 64-bit integer.</summary>
    /// <param name="n">The integer, when this is one that fits in 64 bits.</param>
    /// <returns>Whether it is.</returns>
    public bool TryGetInt64(out long n)
    {
        n = _bits;
        return _obj is null;
    }

    /// <summary>This set enumerated and sorted in TLC's order; an error if this is not an enumerable set.</summary>
    /// <returns>The enumerated set (cached for lazy sets).</returns>
    public SetValue ToSetValue() => AsSet.ToSetValue();

    /// <summary>Structural TLA+ equality; values TLC refuses to compare are simply unequal here.</summary>
    /// <param name="other">The other value.</param>
    /// <returns>Whether the values are equal.</returns>
    public bool Equals(Value other)
    {
        if (ReferenceEquals(_obj, other._obj))
        {
            return _obj is null || _obj is BoolMarker or TlaString or ModelValue ? _bits == other._bits : true;
        }

        return ValueOps.StructuralEquals(this, other);
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Value v && Equals(v);

    /// <inheritdoc/>
    /// <remarks>
    /// Never throws: a set that cannot be enumerated (whose fingerprint is an error) hashes by its kind, which is
    /// consistent with <see cref="Equals(Value)"/>.
    /// </remarks>
    public override int GetHashCode()
    {
        ulong fp;
        if (_obj is SetLikeValue { IsEnumerable: false } lazy)
        {
            fp = lazy is InfiniteSetValue inf ? (ulong)inf.Which + 1 : 0;
        }
        else
        {
            try
            {
                fp = Fingerprint;
            }
            catch (ValueException)
            {
                fp = (ulong)Kind;
            }
        }

        return (int)(fp ^ (fp >> 32));
    }

    /// <summary>TLC's printed form: <c>{1, 2}</c>, <c>&lt;&lt;1, "a"&gt;&gt;</c>, <c>[a |-&gt; 1]</c>, <c>(1 :&gt; 2)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder();
        ValuePrinter.Append(sb, this);
        return sb.ToString();
    }

    /// <summary>Structural equality.</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">A value.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(Value left, Value right) => left.Equals(right);

    /// <summary>Structural inequality.</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">A value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(Value left, Value right) => !left.Equals(right);

    internal static ValueException Expected(string what, Value v) =>
        new(ValueErrorKind.TypeMismatch, $"Expected {what} but found:\n{ValuePrinter.Ppr(v)}");
}
