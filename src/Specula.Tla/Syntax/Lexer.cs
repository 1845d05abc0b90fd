using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;
using Specula.Tla.Diagnostics;

namespace Specula.Tla.Syntax;

/// <summary>
/// Turns TLA+ source into tokens. Comments are skipped (nested block comments included); text before the first
/// module header is not tokenized. Never throws: bad characters become <see cref="TokenKind.Bad"/> tokens with a
/// diagnostic.
/// </summary>
internal sealed partial class Lexer
{
    private readonly SourceText _source;
    private readonly string _text;
    private readonly List<Diagnostic> _diagnostics;
    private readonly TokenBuffer _tokens = new();

    // Names repeat a lot in a spec: one string per distinct name, looked up without allocating.
    private readonly Dictionary<string, (string Text, bool IsKeyword)> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Text, bool IsKeyword)>.AlternateLookup<ReadOnlySpan<char>> _nameLookup;
    private int _pos;
    private int _line;
    private int _lineStart;
    private int _lastTokenLine = -1;

    private Lexer(SourceText source, List<Diagnostic> diagnostics)
    {
        _source = source;
        _text = source.Text;
        _diagnostics = diagnostics;
        _nameLookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private (string Text, bool IsKeyword) Intern(ReadOnlySpan<char> text)
    {
        if (_nameLookup.TryGetValue(text, out var existing))
        {
            return existing;
        }
        var created = text.ToString();
        var entry = (created, Operators.Keywords.Contains(created));
        _names.Add(created, entry);
        return entry;
    }

    /// <summary>Tokenizes a whole source text.</summary>
    public static TokenBuffer Tokenize(SourceText source, List<Diagnostic> diagnostics)
    {
        var lexer = new Lexer(source, diagnostics);
        lexer.Run();
        return lexer._tokens;
    }

    private void Run()
    {
        SkipPrologue();
        var depth = 0;
        while (true)
        {
            SkipTrivia();
            if (_pos >= _text.Length)
            {
                Add(TokenKind.EndOfFile, string.Empty, _pos, _pos);
                return;
            }
            LexToken();
            // Text after the root module's closing line is commentary, as for SANY: stop there.
            var last = _tokens.Last;
            if (last.Kind == TokenKind.Keyword && last.Text == "MODULE" && _tokens.Count >= 2 && _tokens[_tokens.Count - 2].Kind == TokenKind.Separator)
            {
                depth++;
            }
            else if (last.Kind == TokenKind.ModuleEnd && --depth <= 0)
            {
                // A file may hold further modules after the first (SANY finds them there); text between is commentary.
                if (!SkipTo(ModuleHeader().Match(_text, _pos)))
                {
                    Add(TokenKind.EndOfFile, string.Empty, _pos, _pos);
                    return;
                }
                depth = 0;
            }
        }
    }

    // Anything before the first "---- MODULE" line is ignored by SANY (often prose or a PlusCal header).
    private void SkipPrologue() => SkipTo(ModuleHeader().Match(_text));

    /// <summary>Moves to the start of <paramref name="match"/>, keeping line counts right; false when it failed.</summary>
    private bool SkipTo(Match match)
    {
        if (!match.Success)
        {
            return false;
        }
        for (var i = _pos; i < match.Index; i++)
        {
            if (_text[i] == '\n')
            {
                _line++;
                _lineStart = i + 1;
            }
        }
        _pos = match.Index;
        return true;
    }

    [GeneratedRegex(@"-{4,}[ \t]*MODULE\b", RegexOptions.CultureInvariant)]
    private static partial Regex ModuleHeader();

    private void Add(TokenKind kind, string text, int start, int end)
    {
        var column = start - _lineStart;
        _tokens.Add(new Token(kind, text, start, end, _line, column, _lastTokenLine != _line));
        _lastTokenLine = _line;
    }

    private void Error(string code, string message, int start, int end) =>
        _diagnostics.Add(new Diagnostic(code, DiagnosticSeverity.Error, message, _source.Locate(new TextSpan(start, end))));

    private char Peek(int ahead = 0) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private void NewLine()
    {
        _line++;
        _lineStart = _pos;
    }

    private void SkipTrivia()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\n')
            {
                _pos++;
                NewLine();
            }
            else if (c is ' ' or '\t' or '\r' or '\f' or '\v' or '\u00A0')
            {
                _pos++;
            }
            else if (c == '\\' && Peek(1) == '*')
            {
                while (_pos < _text.Length && _text[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else if (c == '(' && Peek(1) == '*')
            {
                SkipBlockComment();
            }
            else
            {
                return;
            }
        }
    }

    private void SkipBlockComment()
    {
        var start = _pos;
        var depth = 0;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '(' && Peek(1) == '*')
            {
                depth++;
                _pos += 2;
            }
            else if (c == '*' && Peek(1) == ')')
            {
                depth--;
                _pos += 2;
                if (depth == 0)
                {
                    return;
                }
            }
            else
            {
                _pos++;
                if (c == '\n')
                {
                    NewLine();
                }
            }
        }
        Error(SyntaxCodes.UnterminatedComment, "Unterminated comment: '(*' has no matching '*)'.", start, start + 2);
    }

    private void LexToken()
    {
        var start = _pos;
        var c = _text[_pos];
        if (IsWordChar(c))
        {
            LexWord(start);
            return;
        }
        if (c == '"')
        {
            LexString(start);
            return;
        }
        if (c == '\\')
        {
            LexBackslash(start);
            return;
        }
        if (c == '-' && Peek(1) == '-' && Peek(2) == '-' && Peek(3) == '-')
        {
            while (Peek() == '-')
            {
                _pos++;
            }
            Add(TokenKind.Separator, "----", start, _pos);
            return;
        }
        if (c == '=' && Peek(1) == '=' && Peek(2) == '=' && Peek(3) == '=')
        {
            while (Peek() == '=')
            {
                _pos++;
            }
            Add(TokenKind.ModuleEnd, "====", start, _pos);
            return;
        }
        if (c == '<' && TryLexProofStep(start))
        {
            return;
        }
        if (c > '\u007f' && Operators.Unicode.TryGetValue(c, out var ascii))
        {
            _pos++;
            AddSymbol(ascii, start);
            return;
        }
        switch (c)
        {
            case '(' or ')' or '{' or '}' or ',' or '@' when !(c == '@' && Peek(1) == '@'):
                if (c == '(' && TryMatchSymbol(out var parenOp) && parenOp.StartsWith('('))
                {
                    _pos += parenOp.Length;
                    Add(TokenKind.Operator, Operators.SymbolSynonyms.GetValueOrDefault(parenOp, parenOp), start, _pos);
                    return;
                }
                _pos++;
                Add(TokenKind.Punctuation, c switch { '(' => "(", ')' => ")", '{' => "{", '}' => "}", ',' => ",", _ => "@" }, start, _pos);
                return;
            case '[':
                if (Peek(1) == ']')
                {
                    _pos += 2;
                    Add(TokenKind.Operator, "[]", start, _pos);
                    return;
                }
                _pos++;
                Add(TokenKind.Punctuation, "[", start, _pos);
                return;
            case ']':
                _pos++;
                if (Peek() == '_')
                {
                    _pos++;
                    Add(TokenKind.Punctuation, "]_", start, _pos);
                    return;
                }
                Add(TokenKind.Punctuation, "]", start, _pos);
                return;
            case '<' when Peek(1) == '<':
                _pos += 2;
                Add(TokenKind.Punctuation, "<<", start, _pos);
                return;
            case '>' when Peek(1) == '>':
                _pos += 2;
                if (Peek() == '_')
                {
                    _pos++;
                    Add(TokenKind.Punctuation, ">>_", start, _pos);
                    return;
                }
                Add(TokenKind.Punctuation, ">>", start, _pos);
                return;
            case '=' when Peek(1) == '=':
                _pos += 2;
                Add(TokenKind.Punctuation, "==", start, _pos);
                return;
            case ':' when Peek(1) == ':' && Peek(2) != '=':
                _pos += 2;
                Add(TokenKind.Punctuation, "::", start, _pos);
                return;
            case ':' when Peek(1) is not ('=' or '>' or ':'):
                _pos++;
                Add(TokenKind.Punctuation, ":", start, _pos);
                return;
            case '!' when Peek(1) != '!':
                _pos++;
                Add(TokenKind.Punctuation, "!", start, _pos);
                return;
        }
        if (TryMatchSymbol(out var symbol))
        {
            _pos += symbol.Length;
            AddSymbol(symbol, start);
            return;
        }
        _pos++;
        if (char.IsHighSurrogate(c) && _pos < _text.Length)
        {
            _pos++;
        }
        Error(SyntaxCodes.UnexpectedCharacter, $"Unexpected character '{_text[start.._pos]}'.", start, _pos);
        Add(TokenKind.Bad, _text[start.._pos], start, _pos);
    }

    private void AddSymbol(string symbol, int start)
    {
        symbol = Operators.SymbolSynonyms.GetValueOrDefault(symbol, symbol);
        var kind = symbol switch
        {
            "->" or "|->" or "<-" or "<<" or ">>" or "==" or "::" => TokenKind.Punctuation,
            "\\A" or "\\E" => TokenKind.Keyword,
            _ => TokenKind.Operator,
        };
        if (symbol == ">>" && Peek() == '_')
        {
            _pos++;
            symbol = ">>_";
            kind = TokenKind.Punctuation;
        }
        Add(kind, symbol, start, _pos);
    }

    private bool TryMatchSymbol(out string symbol)
    {
        if (!Operators.SymbolsByFirstChar.TryGetValue(_text[_pos], out var candidates))
        {
            symbol = string.Empty;
            return false;
        }
        foreach (var candidate in candidates)
        {
            if (string.CompareOrdinal(_text, _pos, candidate, 0, candidate.Length) == 0)
            {
                symbol = candidate;
                return true;
            }
        }
        symbol = string.Empty;
        return false;
    }

    private bool TryLexProofStep(int start)
    {
        // <1>, <1>2, <1>a., <*>, <+>: only in proofs, which the parser skips, but they must lex as one token.
        var i = _pos + 1;
        if (i < _text.Length && (_text[i] == '*' || _text[i] == '+'))
        {
            i++;
        }
        else
        {
            var digits = i;
            while (i < _text.Length && char.IsAsciiDigit(_text[i]))
            {
                i++;
            }
            if (i == digits)
            {
                return false;
            }
        }
        if (i >= _text.Length || _text[i] != '>')
        {
            return false;
        }
        i++;
        while (i < _text.Length && IsWordChar(_text[i]))
        {
            i++;
        }
        while (i < _text.Length && _text[i] == '.')
        {
            i++;
        }
        _pos = i;
        Add(TokenKind.ProofStep, _text[start.._pos], start, _pos);
        return true;
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private void LexWord(int start)
    {
        var hasLetter = false;
        while (_pos < _text.Length && IsWordChar(_text[_pos]))
        {
            hasLetter |= !char.IsAsciiDigit(_text[_pos]);
            _pos++;
        }
        var span = _text.AsSpan(start, _pos - start);
        if (!hasLetter)
        {
            if (Peek() == '.' && char.IsAsciiDigit(Peek(1)))
            {
                _pos++;
                while (char.IsAsciiDigit(Peek()))
                {
                    _pos++;
                }
                Add(TokenKind.Decimal, _text[start.._pos], start, _pos);
                return;
            }
            Add(TokenKind.Number, Intern(span).Text, start, _pos);
            return;
        }
        if (span.Length >= 3 && span[2] == '_' && (span.StartsWith("WF_") || span.StartsWith("SF_")))
        {
            // WF_vars(A): the subscript follows the keyword with no space.
            _pos = start + 3;
            Add(TokenKind.Keyword, span[0] == 'W' ? "WF_" : "SF_", start, _pos);
            return;
        }
        if (span is "_")
        {
            Add(TokenKind.Punctuation, "_", start, _pos);
            return;
        }
        var (word, isKeyword) = Intern(span);
        Add(isKeyword ? TokenKind.Keyword : TokenKind.Identifier, word, start, _pos);
    }

    private void LexBackslash(int start)
    {
        var next = Peek(1);
        if (next == '/')
        {
            _pos += 2;
            Add(TokenKind.Operator, "\\/", start, _pos);
            return;
        }
        if (!char.IsAsciiLetter(next))
        {
            _pos++;
            Add(TokenKind.Operator, "\\", start, _pos);
            return;
        }
        // Numbers in other bases: \b1010, \o17, \h1F (the base letter in either case).
        var lower = char.ToLowerInvariant(next);
        if (lower is 'b' or 'o' or 'h' && IsDigitOfBase(Peek(2), lower))
        {
            _pos += 2;
            var digitsStart = _pos;
            while (IsWordChar(Peek()))
            {
                _pos++;
            }
            var digits = _text[digitsStart.._pos];
            if (!digits.All(d => IsDigitOfBase(d, lower)))
            {
                Error(SyntaxCodes.MalformedNumber, $"Malformed number '{_text[start.._pos]}'.", start, _pos);
                Add(TokenKind.Bad, _text[start.._pos], start, _pos);
                return;
            }
            Add(TokenKind.Number, _text[start.._pos], start, _pos);
            return;
        }
        _pos++;
        while (char.IsAsciiLetter(Peek()))
        {
            _pos++;
        }
        var word = _text[start.._pos];
        if (word is "\\A" or "\\E" or "\\AA" or "\\EE")
        {
            Add(TokenKind.Keyword, word, start, _pos);
            return;
        }
        if (Operators.BackslashWords.TryGetValue(word, out var canonical))
        {
            Add(TokenKind.Operator, canonical, start, _pos);
            return;
        }
        Error(SyntaxCodes.UnknownOperatorSymbol, $"Unknown operator '{word}'.", start, _pos);
        Add(TokenKind.Bad, word, start, _pos);
    }

    private static bool IsDigitOfBase(char c, char baseLetter) => baseLetter switch
    {
        'b' => c is '0' or '1',
        'o' => c is >= '0' and <= '7',
        _ => char.IsAsciiHexDigit(c),
    };

    private void LexString(int start)
    {
        _pos++;
        var value = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n')
            {
                Error(SyntaxCodes.UnterminatedString, "Unterminated string literal.", start, _pos);
                Add(TokenKind.String, value.ToString(), start, _pos);
                return;
            }
            var c = _text[_pos];
            if (c == '"')
            {
                _pos++;
                Add(TokenKind.String, value.ToString(), start, _pos);
                return;
            }
            if (c == '\\')
            {
                var escape = Peek(1);
                char? resolved = escape switch
                {
                    '"' => '"',
                    '\\' => '\\',
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    'f' => '\f',
                    _ => null,
                };
                if (resolved is null)
                {
                    Error(SyntaxCodes.BadEscape, $"Unknown escape sequence '\\{escape}' in string.", _pos, _pos + 2);
                    value.Append(escape);
                }
                else
                {
                    value.Append(resolved.Value);
                }
                _pos += 2;
                continue;
            }
            value.Append(c);
            _pos++;
        }
    }

    /// <summary>Value of a number token in any base.</summary>
    public static BigInteger NumberValue(string text)
    {
        if (text.Length <= 18 && text[0] != '\\')
        {
            long small = 0;
            foreach (var d in text)
            {
                small = small * 10 + (d - '0');
            }
            return small;
        }
        if (text[0] != '\\')
        {
            return BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        }
        var radix = char.ToLowerInvariant(text[1]) switch { 'b' => 2, 'o' => 8, _ => 16 };
        var value = BigInteger.Zero;
        foreach (var d in text.AsSpan(2))
        {
            value = value * radix + Convert.ToInt32(d.ToString(), 16);
        }
        return value;
    }
}
