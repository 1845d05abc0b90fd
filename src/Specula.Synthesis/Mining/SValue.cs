using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Specula.Synthesis.Mining;

/// <summary>The kinds of observed values the miner reasons about.</summary>
internal enum SKind
{
    Int,
    Bool,
    Str,
    Node,
    Seq,
    Other,
}

/// <summary>
/// An observed value, identified by its TLA+ text as the validator builds it (strings naming a node become that
/// node's model value, arrays become tuples, objects records). Equality is by kind and text, so values hash and
/// compare the same in every run.
/// </summary>
internal sealed class SValue : IEquatable<SValue>, IComparable<SValue>
{
    public static readonly SValue True = new(SKind.Bool, 1, "TRUE", []);
    public static readonly SValue False = new(SKind.Bool, 0, "FALSE", []);

    private SValue(SKind kind, long number, string text, ImmutableArray<SValue> items)
    {
        Kind = kind;
        Number = number;
        Text = text;
        Items = items;
    }

    public SKind Kind { get; }

    public long Number { get; }

    public string Text { get; }

    public ImmutableArray<SValue> Items { get; }

    public bool IsStringLike => Kind is SKind.Str or SKind.Node;

    /// <summary>Whether a node's model value occurs in it: such values cannot be written as constants of the spec.</summary>
    public bool MentionsNode => Kind == SKind.Node || Items.Any(i => i.MentionsNode) || (Kind == SKind.Other && _mentionsNode);

    private bool _mentionsNode;

    public static SValue Int(long n) => new(SKind.Int, n, n.ToString(CultureInfo.InvariantCulture), []);

    public static SValue Bool(bool b) => b ? True : False;

    public static SValue Node(string name) => new(SKind.Node, 0, name, []);

    public static SValue Str(string s) => new(SKind.Str, 0, TlaText.StringLiteral(s), []);

    public static SValue Seq(ImmutableArray<SValue> items) =>
        new(SKind.Seq, items.Length, "<<" + string.Join(", ", items.Select(i => i.Text)) + ">>", items);

    /// <summary>JSON to a value, as the validator converts it; null for what the miner does not model (null, floats).</summary>
    public static SValue? FromJson(JsonElement json, IReadOnlySet<string> nodes)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.Number:
                return json.TryGetInt64(out var n) ? Int(n) : null;
            case JsonValueKind.True:
                return True;
            case JsonValueKind.False:
                return False;
            case JsonValueKind.String:
                var s = json.GetString()!;
                return nodes.Contains(s) ? Node(s) : Str(s);
            case JsonValueKind.Array:
            {
                var items = ImmutableArray.CreateBuilder<SValue>();
                foreach (var item in json.EnumerateArray())
                {
                    if (FromJson(item, nodes) is not { } v)
                    {
                        return null;
                    }
                    items.Add(v);
                }
                return Seq(items.ToImmutable());
            }
            case JsonValueKind.Object:
            {
                var fields = json.EnumerateObject().OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
                if (fields.Count == 0)
                {
                    return Seq([]);
                }
                var sb = new StringBuilder("[");
                foreach (var f in fields)
                {
                    if (FromJson(f.Value, nodes) is not { } v)
                    {
                        return null;
                    }
                    sb.Append(sb.Length == 1 ? "" : ", ").Append(f.Name).Append(" |-> ").Append(v.Text);
                }
                var fieldValues = fields.Select(f => FromJson(f.Value, nodes)).ToList();
                return new SValue(SKind.Other, 0, sb.Append(']').ToString(), []) { _mentionsNode = fieldValues.Any(v => v!.MentionsNode) };
            }
            default:
                return null;
        }
    }

    public bool Equals(SValue? other) => other is not null && other.Kind == Kind && other.Text == Text;

    public override bool Equals(object? obj) => obj is SValue v && Equals(v);

    public override int GetHashCode() => HashCode.Combine(Kind, StringComparer.Ordinal.GetHashCode(Text));

    /// <summary>A stable order: integers by value, the rest by kind then text (ordinal).</summary>
    public int CompareTo(SValue? other)
    {
        if (other is null)
        {
            return 1;
        }
        if (Kind != other.Kind)
        {
            return Kind.CompareTo(other.Kind);
        }
        return Kind == SKind.Int ? Number.CompareTo(other.Number) : string.CompareOrdinal(Text, other.Text);
    }

    public override string ToString() => Text;
}

/// <summary>TLA+ spelling helpers.</summary>
internal static class TlaText
{
    public static string StringLiteral(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        }
        return sb.Append('"').ToString();
    }

    /// <summary>A TLA+ identifier from a field name: letters, digits and underscores, not starting with a digit.</summary>
    public static string Identifier(string name)
    {
        var sb = new StringBuilder();
        foreach (var c in name)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }
        if (sb.Length == 0 || char.IsAsciiDigit(sb[0]))
        {
            sb.Insert(0, 'f');
        }
        return sb.ToString();
    }

    public static string Capitalized(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "ASSUME", "ASSUMPTION", "AXIOM", "CASE", "CHOOSE", "CONSTANT", "CONSTANTS", "DOMAIN", "ELSE", "ENABLED", "EXCEPT",
        "EXTENDS", "IF", "IN", "INSTANCE", "LET", "LOCAL", "MODULE", "OTHER", "SF_", "SUBSET", "THEN", "THEOREM", "UNCHANGED",
        "UNION", "VARIABLE", "VARIABLES", "WF_", "WITH", "TRUE", "FALSE", "BOOLEAN", "STRING", "Nat", "Int", "Seq", "Len",
        "Append", "Head", "Tail", "Node", "Init", "Next", "Spec", "TypeOK", "vars", "Max2", "Cardinality", "Majority",
        "StateBound", "Headroom", "Range", "n", "m", "a", "b", "nv", "x", "y", "s", "k", "i", "S", "Insertions", "BoundedSeqs", "Trace", "TLCGet", "TLCSet", "Print", "Assert", "ToString",
    };

    /// <summary>An identifier that is no keyword nor a name the generated spec defines.</summary>
    public static string Safe(string name, string suffix)
    {
        var id = Identifier(name);
        return Reserved.Contains(id) ? id + suffix : id;
    }
}
