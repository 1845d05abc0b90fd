using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Text;
using Specula.Tla.Diagnostics;

namespace Specula.Tla.Config;

/// <summary>
/// A value written in a <c>.cfg</c> file on the right of <c>=</c>: what TLC's <c>ModelConfig.parseValue</c> accepts
/// (integers, strings, TRUE, FALSE, model values and sets of these), plus negative integers and tuples, which
/// Specula also reads (with a <see cref="ConfigCodes.NotAcceptedByTlc"/> warning).
/// </summary>
/// <param name="Location">Where the value is written.</param>
public abstract record ConfigValue(SourceLocation Location)
{
    /// <summary>The value as it would be written in a <c>.cfg</c> file (and, except for model values, in TLA+).</summary>
    public abstract override string ToString();

    internal abstract void Format(StringBuilder builder);
}

/// <summary>An integer, e.g. <c>3</c>. TLC accepts only non-negative decimal integers below 2^31.</summary>
/// <param name="Value">The integer.</param>
/// <param name="Location">Where it is written.</param>
public sealed record ConfigInteger(BigInteger Value, SourceLocation Location) : ConfigValue(Location)
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);

    internal override void Format(StringBuilder builder) => builder.Append(ToString());
}

/// <summary>
/// A string, e.g. <c>"abc"</c>. Like TLC, the text between the quotes is taken as it is written: escape sequences
/// such as <c>\n</c> are not interpreted (TLC keeps the backslash).
/// </summary>
/// <param name="Value">The characters between the quotes.</param>
/// <param name="Location">Where it is written.</param>
public sealed record ConfigString(string Value, SourceLocation Location) : ConfigValue(Location)
{
    /// <inheritdoc />
    public override string ToString() => "\"" + Value + "\"";

    internal override void Format(StringBuilder builder) => builder.Append('"').Append(Value).Append('"');
}

/// <summary><c>TRUE</c> or <c>FALSE</c>.</summary>
/// <param name="Value">The boolean.</param>
/// <param name="Location">Where it is written.</param>
public sealed record ConfigBoolean(bool Value, SourceLocation Location) : ConfigValue(Location)
{
    /// <inheritdoc />
    public override string ToString() => Value ? "TRUE" : "FALSE";

    internal override void Format(StringBuilder builder) => builder.Append(ToString());
}

/// <summary>
/// A model value: any other name, e.g. <c>p1</c> in <c>Procs = {p1, p2}</c> or <c>a</c> in <c>a = a</c>. As in TLC, a
/// name such as <c>BOOLEAN</c> or <c>Nat</c> is a model value of that name, not the TLA+ set.
/// </summary>
/// <param name="Name">The model value's name.</param>
/// <param name="Location">Where it is written.</param>
public sealed record ConfigModelValue(string Name, SourceLocation Location) : ConfigValue(Location)
{
    /// <inheritdoc />
    public override string ToString() => Name;

    internal override void Format(StringBuilder builder) => builder.Append(Name);
}

/// <summary>An enumerated set <c>{e1, ..., en}</c>, elements in written order (duplicates kept as written).</summary>
/// <param name="Elements">The elements as written.</param>
/// <param name="Location">From <c>{</c> to <c>}</c>.</param>
public sealed record ConfigSet(ImmutableArray<ConfigValue> Elements, SourceLocation Location) : ConfigValue(Location)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var builder = new StringBuilder();
        Format(builder);
        return builder.ToString();
    }

    internal override void Format(StringBuilder builder) => FormatList(builder, "{", Elements, "}");

    internal static void FormatList(StringBuilder builder, string open, ImmutableArray<ConfigValue> elements, string close)
    {
        builder.Append(open);
        for (var i = 0; i < elements.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }
            elements[i].Format(builder);
        }
        builder.Append(close);
    }
}

/// <summary>A tuple <c>&lt;&lt;e1, ..., en&gt;&gt;</c>. TLC does not accept tuples in a <c>.cfg</c> file; Specula does.</summary>
/// <param name="Elements">The components in order.</param>
/// <param name="Location">From <c>&lt;&lt;</c> to <c>&gt;&gt;</c>.</param>
public sealed record ConfigTuple(ImmutableArray<ConfigValue> Elements, SourceLocation Location) : ConfigValue(Location)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var builder = new StringBuilder();
        Format(builder);
        return builder.ToString();
    }

    internal override void Format(StringBuilder builder) => ConfigSet.FormatList(builder, "<<", Elements, ">>");
}
