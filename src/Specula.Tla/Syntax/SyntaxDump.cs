using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text;

namespace Specula.Tla.Syntax;

/// <summary>
/// Writes a syntax tree as an S-expression without positions, so two trees can be compared for structure
/// (the printer's round-trip guarantee) and failures show a readable difference.
/// </summary>
public static class SyntaxDump
{
    /// <summary>Dumps a node and its children.</summary>
    public static string Dump(SyntaxNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var builder = new StringBuilder();
        Write(builder, node);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, object? value)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (value)
        {
            case null:
                builder.Append("null");
                return;
            case Name name:
                builder.Append(name.Text);
                return;
            case string s:
                builder.Append('"').Append(s.Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                return;
            case SyntaxNode node:
                builder.Append('(').Append(node.GetType().Name);
                foreach (var property in Properties(node))
                {
                    builder.Append(' ');
                    Write(builder, property.GetValue(node));
                }
                builder.Append(')');
                return;
            case IEnumerable sequence:
                builder.Append('[');
                var first = true;
                foreach (var item in sequence)
                {
                    if (!first)
                    {
                        builder.Append(' ');
                    }
                    first = false;
                    Write(builder, item);
                }
                builder.Append(']');
                return;
            default:
                builder.Append(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                return;
        }
    }

    // A parameter of SyntaxNode's type, so that a trimmed build sees the annotation on its GetType() and keeps the properties.
    private static PropertyInfo[] Properties(SyntaxNode node) => Properties(node.GetType());

    private static PropertyInfo[] Properties([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type type) => type
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.Name is not ("Span" or "EqualityContract") && p.GetIndexParameters().Length == 0)
        .OrderBy(p => p.MetadataToken)
        .ToArray();
}
