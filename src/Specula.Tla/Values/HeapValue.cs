using System.Numerics;
using System.Text;

namespace Specula.Tla.Values;

/// <summary>
/// The shared, immutable part of a non-inline <see cref="Value"/>. The fingerprint is computed once and cached
/// (a benign race: every thread computes the same number).
/// </summary>
public abstract class HeapValue
{
    private ulong _fingerprint;
    private volatile bool _hasFingerprint;

    // ModelValueMask + 1 once computed (0: not yet); fits in the padding after _hasFingerprint.
    private ushort _modelValueMask;

    private protected HeapValue()
    {
    }

    /// <summary>The representation.</summary>
    public abstract ValueKind Kind { get; }

    /// <summary>The canonical 64-bit fingerprint, equal for TLA+-equal values.</summary>
    internal ulong Fingerprint
    {
        get
        {
            if (_hasFingerprint)
            {
                return _fingerprint;
            }

            var fp = ComputeFingerprint();
            _fingerprint = fp;
            _hasFingerprint = true;
            return fp;
        }
    }

    private protected abstract ulong ComputeFingerprint();

    /// <summary>
    /// Gives a value rebuilt from a stored copy (the checker's compact state store) the fingerprint the copy had, so
    /// that it is not computed again from its parts.
    /// </summary>
    internal void SeedFingerprint(ulong fingerprint)
    {
        _fingerprint = fingerprint;
        _hasFingerprint = true;
    }

    /// <summary>
    /// A superset of the model values this value holds, as <see cref="ModelValueBit"/>s ORed (0: none), computed once
    /// (a benign race, as the fingerprint's). SYMMETRY skips the parts that hold none of the renamed ones.
    /// </summary>
    internal byte ModelValueMask
    {
        get
        {
            var known = _modelValueMask;
            if (known != 0)
            {
                return (byte)(known - 1);
            }

            var mask = ComputeModelValueMask();
            _modelValueMask = (ushort)(mask + 1);
            return mask;
        }
    }

    /// <summary>The bit of <see cref="ModelValueMask"/> standing for a model value (several share each bit).</summary>
    /// <param name="value">The model value.</param>
    /// <returns>A byte with one bit set.</returns>
    internal static byte ModelValueBit(ModelValue value) => (byte)(1 << (value.Name.Id & 7));

    /// <summary>Computes <see cref="ModelValueMask"/>; every bit unless a kind knows better.</summary>
    /// <returns>The mask.</returns>
    private protected virtual byte ComputeModelValueMask() => 0xFF;

    /// <summary>The model-value mask of any value: none for inline integers.</summary>
    /// <param name="value">A value.</param>
    /// <returns>Its mask.</returns>
    internal static byte MaskOf(Value value) => value.Heap is { } heap ? heap.ModelValueMask : (byte)0;

    /// <summary>Appends TLC's printed form.</summary>
    internal abstract void Print(StringBuilder sb);

    /// <summary>TLC's printed form.</summary>
    /// <returns>The text TLC prints for this value.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder();
        Print(sb);
        return sb.ToString();
    }
}

/// <summary>The marker object of boolean values; the truth value lives inline in the <see cref="Value"/>.</summary>
internal sealed class BoolMarker : HeapValue
{
    internal static readonly BoolMarker Instance = new();

    private BoolMarker()
    {
    }

    public override ValueKind Kind => ValueKind.Bool;

    private protected override ulong ComputeFingerprint() => 0;

    private protected override byte ComputeModelValueMask() => 0;

    internal override void Print(StringBuilder sb) => sb.Append("BOOLEAN");
}

/// <summary>An integer that does not fit in 64 bits (only in <see cref="IntegerSemantics.Unbounded"/> mode).</summary>
internal sealed class BigIntValue : HeapValue
{
    internal BigIntValue(BigInteger value) => Value = value;

    internal BigInteger Value { get; }

    public override ValueKind Kind => ValueKind.Int;

    private protected override ulong ComputeFingerprint() => Hashing.BigInt(Value);

    private protected override byte ComputeModelValueMask() => 0;

    internal override void Print(StringBuilder sb) => sb.Append(Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>
/// An interned string. Its <see cref="Id"/> is its position in first-seen order in its <see cref="StringTable"/>;
/// TLC orders strings (and record fields, and model values) by that position, not lexicographically.
/// </summary>
public sealed class TlaString : HeapValue
{
    internal TlaString(string text, int id, StringTable table)
    {
        Text = text;
        Id = id;
        Table = table;
    }

    /// <summary>The characters.</summary>
    public string Text { get; }

    /// <summary>The interning position: TLC's order on strings.</summary>
    public int Id { get; }

    /// <summary>The table that interned this string.</summary>
    public StringTable Table { get; }

    /// <inheritdoc/>
    public override ValueKind Kind => ValueKind.String;

    private protected override ulong ComputeFingerprint() => Hashing.Text(Hashing.TagString, Text);

    private protected override byte ComputeModelValueMask() => 0;

    internal override void Print(StringBuilder sb) => ValuePrinter.AppendQuoted(sb, Text);
}

/// <summary>
/// A model value. Untyped ones equal only themselves, are unequal to every other value and sort before every
/// non-model value. A name <c>t_rest</c> (second character an underscore, longer than two characters) gives
/// the typed model value of type <c>t</c>: comparing it with a non-model value or a model value of another
/// type is an error, as in TLC.
/// </summary>
public sealed class ModelValue : HeapValue
{
    internal ModelValue(TlaString name)
    {
        Name = name;
        var s = name.Text;
        TypeTag = s.Length > 2 && s[1] == '_' ? s[0] : '\0';
    }

    /// <summary>The name, interned in the same table as strings (TLC orders model values by it).</summary>
    public TlaString Name { get; }

    /// <summary>The type character of a typed model value, or <c>'\0'</c> when untyped.</summary>
    public char TypeTag { get; }

    /// <summary>Whether this is a typed model value.</summary>
    public bool IsTyped => TypeTag != '\0';

    /// <inheritdoc/>
    public override ValueKind Kind => ValueKind.ModelValue;

    private protected override ulong ComputeFingerprint() => Hashing.Text(Hashing.TagModelValue, Name.Text);

    private protected override byte ComputeModelValueMask() => ModelValueBit(this);

    internal override void Print(StringBuilder sb) => sb.Append(Name.Text);
}
