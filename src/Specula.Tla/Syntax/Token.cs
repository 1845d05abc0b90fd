namespace Specula.Tla.Syntax;

/// <summary>Kinds of lexical tokens.</summary>
public enum TokenKind
{
    /// <summary>End of input.</summary>
    EndOfFile,

    /// <summary>A name.</summary>
    Identifier,

    /// <summary>An integer in any notation.</summary>
    Number,

    /// <summary>A decimal number such as 3.14.</summary>
    Decimal,

    /// <summary>A string literal.</summary>
    String,

    /// <summary>A reserved word; <see cref="Token.Text"/> holds it.</summary>
    Keyword,

    /// <summary>An operator symbol, canonicalised (e.g. <c>\land</c> and <c>∧</c> become <c>/\</c>).</summary>
    Operator,

    /// <summary>Four or more dashes.</summary>
    Separator,

    /// <summary>Four or more equals signs: end of a module.</summary>
    ModuleEnd,

    /// <summary>A proof step label such as <c>&lt;1&gt;2.</c>.</summary>
    ProofStep,

    /// <summary>Punctuation: <c>( ) [ ] { } &lt;&lt; &gt;&gt; , : :: == ! @ -&gt; |-&gt; &lt;- _ ]_ &gt;&gt;_</c>.</summary>
    Punctuation,

    /// <summary>Text that is not a token; already reported.</summary>
    Bad,
}

/// <summary>A token with its position. <see cref="Column"/> is 0-based and drives the layout rules of bullet lists.</summary>
/// <param name="Kind">The token kind.</param>
/// <param name="Text">Canonical text: the identifier, keyword, canonical operator or punctuation.</param>
/// <param name="Start">Offset of the first character.</param>
/// <param name="End">Offset past the last character.</param>
/// <param name="Line">0-based line.</param>
/// <param name="Column">0-based column.</param>
/// <param name="FirstOnLine">No other token precedes it on its line.</param>
public readonly record struct Token(TokenKind Kind, string Text, int Start, int End, int Line, int Column, bool FirstOnLine)
{
    /// <summary>Length of the token's source text.</summary>
    public int Length => End - Start;

    /// <summary>The token's span.</summary>
    public TextSpan Span => new(Start, End);

    /// <summary>True when this is the punctuation or operator <paramref name="text"/>.</summary>
    public bool Is(string text) => (Kind is TokenKind.Punctuation or TokenKind.Operator) && Text == text;

    /// <summary>True when this is the keyword <paramref name="keyword"/>.</summary>
    public bool IsKeyword(string keyword) => Kind == TokenKind.Keyword && Text == keyword;

    /// <inheritdoc/>
    public override string ToString() => Kind == TokenKind.EndOfFile ? "end of file" : Text;
}
