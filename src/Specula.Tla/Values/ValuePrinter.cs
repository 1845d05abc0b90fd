using System.Text;

namespace Specula.Tla.Values;

/// <summary>
/// TLC's printing of values (as in counterexamples, <c>Print</c> and error messages): <c>{1, 2}</c>,
/// <c>&lt;&lt;1, "a"&gt;&gt;</c>, <c>[a |-&gt; 1, b |-&gt; 2]</c>, <c>(1 :&gt; "x" @@ 2 :&gt; "y")</c>, <c>TRUE</c>, <c>1..3</c>.
/// </summary>
public static class ValuePrinter
{
    /// <summary>Prints a value as TLC does.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Print(Value value) => value.ToString();

    /// <summary>TLC's <c>Values.ppr</c>: the printed form, broken across lines beyond 80 columns (error messages).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Ppr(Value value) => TlcPrettyPrinter.Format(value.ToString());

    /// <summary>TLC's <c>Values.ppr</c> of a shared value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Ppr(HeapValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TlcPrettyPrinter.Format(value.ToString());
    }

    /// <summary>Appends a value's printed form.</summary>
    /// <param name="sb">The destination.</param>
    /// <param name="value">The value.</param>
    public static void Append(StringBuilder sb, Value value)
    {
        ArgumentNullException.ThrowIfNull(sb);
        switch (value.Heap)
        {
            case null:
                sb.Append(value.Bits);
                break;
            case BoolMarker:
                sb.Append(value.Bits != 0 ? "TRUE" : "FALSE");
                break;
            default:
                value.Heap.Print(sb);
                break;
        }
    }

    /// <summary>A string literal with TLC's escapes (<c>\"</c>, <c>\\</c>, <c>\t</c>, <c>\n</c>, <c>\f</c>, <c>\r</c>).</summary>
    /// <param name="sb">The destination.</param>
    /// <param name="text">The characters.</param>
    public static void AppendQuoted(StringBuilder sb, string text) => Syntax.SyntaxExtensions.AppendStringLiteral(sb, text);

    /// <summary>
    /// Whether TLC prints a string key as a record field name: letters, digits and underscores with at least
    /// one letter, and not <c>WF_...</c> or <c>SF_...</c>.
    /// </summary>
    /// <param name="name">The key.</param>
    /// <returns>Whether it prints as a field name.</returns>
    public static bool IsName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var hasLetter = false;
        foreach (var ch in name)
        {
            if (ch == '_')
            {
                continue;
            }

            if (!char.IsLetterOrDigit(ch))
            {
                return false;
            }

            hasLetter |= char.IsLetter(ch);
        }

        return hasLetter && (name.Length < 4 || (!name.StartsWith("WF_", StringComparison.Ordinal) && !name.StartsWith("SF_", StringComparison.Ordinal)));
    }
}
