using System.Text;

namespace Specula.Tla.Values;

/// <summary>
/// TLC's pretty-printer for long values (<c>tlc2.pprint</c>, used through <c>Values.ppr</c> in counterexample
/// states and error messages): a value whose printed form is longer than the width is broken across lines as
/// <c>{ a,\n  b }</c>, <c>&lt;&lt; a,\n   b &gt;&gt;</c>, <c>[ f |-&gt; a,\n  g |-&gt; b ]</c>, <c>( 1 :&gt; a @@\n  2 :&gt; b )</c>.
/// Like TLC, it re-parses the printed text and gives up (returning the text unchanged) on anything it cannot
/// parse, such as strings with escaped quotes or model values with underscores; those quirks are kept on
/// purpose so the output is byte-identical to TLC's.
/// </summary>
public static class TlcPrettyPrinter
{
    /// <summary>TLC's default width.</summary>
    public const int DefaultWidth = 80;

    /// <summary>Pretty-prints a value as TLC's <c>Values.ppr</c> does.</summary>
    /// <param name="value">The value.</param>
    /// <param name="width">The line width.</param>
    /// <returns>The value, on several lines if it is longer than <paramref name="width"/>.</returns>
    public static string Format(Value value, int width = DefaultWidth) => Format(value.ToString(), width);

    /// <summary>Pretty-prints the printed form of a value as TLC's <c>PrettyPrint.mypp</c> does.</summary>
    /// <param name="text">The value as printed by <see cref="ValuePrinter"/>.</param>
    /// <param name="width">The line width.</param>
    /// <returns>The formatted text, or <paramref name="text"/> unchanged when TLC would leave it so.</returns>
    public static string Format(string text, int width = DefaultWidth)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= width)
        {
            return text;
        }

        try
        {
            var tree = Parse(text, 0);
            return tree.Last < text.Length - 1 ? text : FormatNode(tree, width, 0, "");
        }
        catch (FormatException)
        {
            return text;
        }
        catch (IndexOutOfRangeException)
        {
            return text;
        }
    }

    private enum NodeType
    {
        Constant,
        Set,
        Sequence,
        Record,
        RecordPair,
        Function,
        FunctionPair,
        Subset,
    }

    private sealed class Node(string text, int first, NodeType type)
    {
        public NodeType Type { get; } = type;

        public int First { get; } = first;

        public int Last { get; set; }

        public List<Node> Children { get; } = [];

        public string Value => text.Substring(First, Last - First + 1);

        public int Length => Last - First + 1;
    }

    // ───────────────────────────── Parse (tlc2.pprint.Parse) ─────────────────────────────

    private static Node Parse(string s, int index)
    {
        if (s.Length == 0 || index < 0 || index > s.Length - 1)
        {
            throw new FormatException();
        }

        index = SkipWhitespace(s, index);
        return s[index] switch
        {
            '{' => ParseList(s, index, NodeType.Set, 1, '}'),
            '<' => ParseList(s, index, NodeType.Sequence, 2, '>'),
            '[' => ParseRecord(s, index),
            '(' => ParseFunction(s, index),
            _ when string.CompareOrdinal(s, index, "SUBSET", 0, 6) == 0 => ParseSubset(s, index),
            _ => ParseConstant(s, index),
        };
    }

    private static Node ParseList(string s, int index, NodeType type, int openLength, char close)
    {
        var node = new Node(s, index, type);
        var last = SkipWhitespace(s, index + openLength);
        while (s[last] != close)
        {
            var elt = Parse(s, last);
            node.Children.Add(elt);
            last = SkipWhitespace(s, elt.Last + 1);
            if (s[last] == ',')
            {
                last++;
            }

            last = SkipWhitespace(s, last);
        }

        if (type == NodeType.Sequence)
        {
            last++;
        }

        node.Last = last;
        return node;
    }

    private static Node ParseRecord(string s, int index)
    {
        var node = new Node(s, index, NodeType.Record);
        var last = SkipWhitespace(s, index + 1);
        while (s[last] != ']')
        {
            var pair = ParsePair(s, last, NodeType.RecordPair, "|->");
            node.Children.Add(pair);
            last = SkipWhitespace(s, pair.Last + 1);
            if (s[last] == ',')
            {
                last++;
            }

            last = SkipWhitespace(s, last);
        }

        node.Last = last;
        return node;
    }

    private static Node ParseFunction(string s, int index)
    {
        var node = new Node(s, index, NodeType.Function);
        var last = SkipWhitespace(s, index + 1);
        while (s[last] != ')')
        {
            var pair = ParsePair(s, last, NodeType.FunctionPair, ":>");
            node.Children.Add(pair);
            last = SkipWhitespace(s, pair.Last + 1);
            if (string.CompareOrdinal(s, last, "@@", 0, 2) == 0)
            {
                last += 2;
            }

            last = SkipWhitespace(s, last);
        }

        node.Last = last;
        return node;
    }

    private static Node ParsePair(string s, int index, NodeType type, string div)
    {
        var node = new Node(s, index, type);
        var left = Parse(s, index);
        var last = SkipWhitespace(s, left.Last + 1);
        if (string.CompareOrdinal(s, last, div, 0, div.Length) != 0)
        {
            throw new FormatException();
        }

        last = SkipWhitespace(s, last + div.Length);
        var right = Parse(s, last);
        node.Children.Add(left);
        node.Children.Add(right);
        node.Last = right.Last;
        return node;
    }

    private static Node ParseSubset(string s, int index)
    {
        var node = new Node(s, index, NodeType.Subset);
        var elt = Parse(s, SkipWhitespace(s, index + 6));
        node.Children.Add(elt);
        node.Last = elt.Last;
        return node;
    }

    private static Node ParseConstant(string s, int index)
    {
        var first = SkipWhitespace(s, index);
        var last = first;
        if (s[first] == '"')
        {
            do
            {
                last++;
            }
            while (s[last] != '"');
            return new Node(s, first, NodeType.Constant) { Last = last };
        }

        if (char.IsDigit(s[last]) && ParseInterval(s, index) is { } interval)
        {
            return interval;
        }

        if (s[last] == '-')
        {
            last++;
            while (char.IsDigit(s[last]))
            {
                last++;
                if (last == s.Length)
                {
                    break;
                }
            }

            return new Node(s, first, NodeType.Constant) { Last = last - 1 };
        }

        if (char.IsLetterOrDigit(s[last]))
        {
            while (char.IsLetterOrDigit(s[last]))
            {
                last++;
                if (last == s.Length)
                {
                    break;
                }
            }

            return new Node(s, first, NodeType.Constant) { Last = last - 1 };
        }

        throw new FormatException();
    }

    private static Node? ParseInterval(string s, int index)
    {
        var last = index;
        if (last >= s.Length || !char.IsDigit(s[last]))
        {
            return null;
        }

        while (last < s.Length && char.IsDigit(s[last]))
        {
            last++;
        }

        if (string.CompareOrdinal(s, last, "..", 0, 2) != 0 || last + 2 > s.Length)
        {
            return null;
        }

        last += 2;
        if (last >= s.Length || !char.IsDigit(s[last]))
        {
            return null;
        }

        while (char.IsDigit(s[last]))
        {
            last++;
            if (last == s.Length)
            {
                break;
            }
        }

        return new Node(s, index, NodeType.Constant) { Last = last - 1 };
    }

    private static int SkipWhitespace(string s, int i)
    {
        while (IsJavaWhitespace(s[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>Java's <c>Character.isWhitespace</c>.</summary>
    private static bool IsJavaWhitespace(char c) =>
        c is '\t' or '\n' or '\u000B' or '\f' or '\r' or (>= '\u001C' and <= '\u001F')
        || (c is not ('\u00A0' or '\u2007' or '\u202F') && char.GetUnicodeCategory(c) is
            System.Globalization.UnicodeCategory.SpaceSeparator
            or System.Globalization.UnicodeCategory.LineSeparator
            or System.Globalization.UnicodeCategory.ParagraphSeparator);

    // ───────────────────────────── Format (tlc2.pprint.Format) ─────────────────────────────

    private static string FormatNode(Node value, int columnWidth, int trailerWidth, string leftPad) =>
        value.Length <= columnWidth - trailerWidth
            ? value.Value
            : value.Type switch
            {
                NodeType.Constant => value.Value,
                NodeType.Set => FormatSimple(value, columnWidth, trailerWidth, leftPad, "{ ", " }", "  ", ","),
                NodeType.Sequence => FormatSimple(value, columnWidth, trailerWidth, leftPad, "<< ", " >>", "   ", ","),
                NodeType.Function => FormatPairs(value, columnWidth, trailerWidth, leftPad, "( ", " )", "  ", " @@", " :>", "    "),
                NodeType.Record => FormatPairs(value, columnWidth, trailerWidth, leftPad, "[ ", " ]", "  ", ",", " |->", "    "),
                NodeType.Subset => FormatSimple(value, columnWidth, trailerWidth, leftPad, "SUBSET ", " ", " ", ","),
                _ => throw new FormatException(),
            };

    private static string FormatSimple(Node list, int columnWidth, int trailerWidth, string leftPad, string open, string close, string pad, string sep)
    {
        var width = columnWidth - Math.Max(open.Length, pad.Length);
        var trailer = trailerWidth + close.Length;
        var padding = leftPad + pad;
        var sb = new StringBuilder(open);
        var children = list.Children;
        for (var i = 0; i < children.Count; i++)
        {
            if (i + 1 < children.Count)
            {
                sb.Append(FormatNode(children[i], width, sep.Length, padding)).Append(sep).Append('\n').Append(padding);
            }
            else
            {
                sb.Append(FormatNode(children[i], width, trailer, padding));
            }
        }

        return sb.Append(close).ToString();
    }

    private static string FormatPairs(Node list, int columnWidth, int trailerWidth, string leftPad, string open, string close, string pad, string sep, string div, string divPad)
    {
        var width = columnWidth - Math.Max(open.Length, pad.Length);
        var trailer = trailerWidth + close.Length;
        var padding = leftPad + pad;
        var sb = new StringBuilder(open);
        var pairs = list.Children;
        for (var i = 0; i < pairs.Count; i++)
        {
            var arg = pairs[i].Children[0];
            var val = pairs[i].Children[1];
            if (i + 1 < pairs.Count)
            {
                if (arg.Length + div.Length + 1 + val.Length + sep.Length <= width)
                {
                    sb.Append(arg.Value).Append(div).Append(' ').Append(val.Value).Append(sep).Append('\n').Append(padding);
                    continue;
                }

                var head = arg.Length + div.Length <= width ? arg.Value : FormatNode(arg, width, trailer + div.Length, padding);
                sb.Append(head).Append(div).Append('\n').Append(padding).Append(divPad)
                    .Append(FormatNode(val, width - divPad.Length, sep.Length, padding + divPad)).Append(sep).Append('\n').Append(padding);
                continue;
            }

            if (arg.Length + div.Length + 1 + val.Length <= width - trailer)
            {
                sb.Append(arg.Value).Append(div).Append(' ').Append(val.Value);
                continue;
            }

            var lastHead = arg.Length + div.Length <= width ? arg.Value : FormatNode(arg, width, trailer + div.Length, padding);
            sb.Append(lastHead).Append(div).Append('\n').Append(padding).Append(divPad)
                .Append(FormatNode(val, width - divPad.Length, trailer, padding + divPad));
        }

        return sb.Append(close).ToString();
    }
}
