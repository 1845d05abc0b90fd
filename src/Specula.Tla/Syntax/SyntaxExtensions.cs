using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Specula.Tla.Syntax;

/// <summary>Small operations on syntax shared by the checker, the evaluator and the printers.</summary>
public static class SyntaxExtensions
{
    /// <summary>The expression inside any number of parentheses: <c>((e))</c> gives <c>e</c>.</summary>
    [return: NotNullIfNotNull(nameof(expression))]
    public static Expr? WithoutParens(Expr? expression)
    {
        while (expression is Parens p)
        {
            expression = p.Inner;
        }
        return expression;
    }

    /// <summary>
    /// Appends <paramref name="text"/> as a TLA+ string literal, with the escapes the lexer reads back
    /// (<c>\"</c>, <c>\\</c>, <c>\n</c>, <c>\t</c>, <c>\r</c>, <c>\f</c>); TLC prints string values the same way.
    /// </summary>
    public static void AppendStringLiteral(StringBuilder builder, string text)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(text);
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }
        builder.Append('"');
    }
}
