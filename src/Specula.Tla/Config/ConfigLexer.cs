using System.Collections.Frozen;
using Specula.Tla.Diagnostics;

namespace Specula.Tla.Config;

/// <summary>Kinds of tokens of a <c>.cfg</c> file; the file is tokenized like TLA+ (TLC reuses SANY's lexer).</summary>
internal enum ConfigTokenKind
{
    /// <summary>End of input.</summary>
    End,

    /// <summary>A word with at least one letter (identifiers, keywords, TRUE, model value names).</summary>
    Identifier,

    /// <summary>A decimal, or <c>\b</c>, <c>\o</c>, <c>\h</c> integer literal.</summary>
    Number,

    /// <summary>A string literal; <see cref="ConfigToken.Text"/> keeps the quotes.</summary>
    String,

    /// <summary>Punctuation or an operator symbol: <c>= &lt;- { } , [ ] ( ) ! &lt;&lt; &gt;&gt; -</c> and the others of TLA+.</summary>
    Symbol,

    /// <summary>A lexical error: TLC stops reading the file here. <see cref="ConfigToken.Text"/> is the offending text.</summary>
    Invalid,
}

/// <summary>One token with its position.</summary>
/// <param name="Kind">What kind of token.</param>
/// <param name="Text">The token's text as written.</param>
/// <param name="Start">Offset of its first character.</param>
/// <param name="End">Offset just past it.</param>
/// <param name="Line">1-based line of its first character.</param>
/// <param name="Column">1-based column of its first character.</param>
/// <param name="EndLine">1-based line of its end.</param>
/// <param name="EndColumn">1-based column just past its end.</param>
internal readonly record struct ConfigToken(
    ConfigTokenKind Kind,
    string Text,
    int Start,
    int End,
    int Line,
    int Column,
    int EndLine,
    int EndColumn)
{
    public bool Is(string symbol) => Kind == ConfigTokenKind.Symbol && Text == symbol;

    public bool IsKeyword => Kind == ConfigTokenKind.Identifier && ConfigKeywords.IsKeyword(Text);

    public bool IsIdentifier => Kind == ConfigTokenKind.Identifier;

    public SourceLocation Locate(string path) => new(path, Line, Column, EndLine, EndColumn);

    /// <summary>How the token is named in messages: <c>'x'</c>, or "the end of the file".</summary>
    public string Describe() => Kind switch
    {
        ConfigTokenKind.End => "the end of the file",
        ConfigTokenKind.Identifier when ConfigKeywords.IsKeyword(Text) => "the keyword " + Text,
        _ => "'" + Text + "'",
    };
}

/// <summary>
/// Splits a <c>.cfg</c> file (or the part of a <c>.tla</c> file holding an embedded configuration) into tokens the
/// way SANY's lexer does in TLC's <c>ModelConfig</c>: whitespace and comments (<c>\*</c> to the end of the line,
/// nested <c>(* ... *)</c>) are skipped, operator symbols are matched longest first. On a lexical error it emits one
/// <see cref="ConfigTokenKind.Invalid"/> token and stops, as TLC stops reading there.
/// </summary>
internal sealed class ConfigLexer
{
    private static readonly string[] Symbols = BuildSymbols();

    private static readonly FrozenSet<char> SymbolStarts = Symbols.Select(s => s[0]).ToFrozenSet();

    private readonly string _text;
    private readonly int _end;
    private int _pos;
    private int _line;
    private int _lineStart;

    private ConfigLexer(string text, int start, int end, int line)
    {
        _text = text;
        _pos = start;
        _end = end;
        _line = line;
        _lineStart = start;
    }

    /// <summary>Why the lexer stopped early, when it did: at an <see cref="ConfigTokenKind.Invalid"/> token, or (code
    /// <see cref="ConfigCodes.UnterminatedComment"/>) at the <see cref="ConfigTokenKind.End"/> token placed where an
    /// unterminated comment starts.</summary>
    private LexProblem? Problem { get; set; }

    /// <summary>Tokenizes <c>text[start..end)</c>, where <paramref name="start"/> is the first character of line <paramref name="line"/>.
    /// The list always ends with one <see cref="ConfigTokenKind.End"/> token.</summary>
    public static (List<ConfigToken> Tokens, LexProblem? Problem) Tokenize(string text, int start, int end, int line)
    {
        var lexer = new ConfigLexer(text, start, end, line);
        var tokens = new List<ConfigToken>();
        while (true)
        {
            var token = lexer.Next();
            tokens.Add(token);
            if (token.Kind is ConfigTokenKind.End or ConfigTokenKind.Invalid)
            {
                if (token.Kind == ConfigTokenKind.Invalid)
                {
                    tokens.Add(token with { Kind = ConfigTokenKind.End, Text = string.Empty });
                }
                return (tokens, lexer.Problem);
            }
        }
    }

    private char Peek(int ahead = 0) => _pos + ahead < _end ? _text[_pos + ahead] : '\0';

    private ConfigToken Next()
    {
        if (!SkipTrivia())
        {
            // TLC takes an unterminated comment for the end of the file.
            var end = Make(ConfigTokenKind.End, _pos, _pos);
            return end with { EndColumn = end.Column + 2 };
        }
        if (_pos >= _end)
        {
            return Make(ConfigTokenKind.End, _end, _end);
        }
        var start = _pos;
        var c = _text[_pos];
        if (IsWordChar(c))
        {
            while (_pos < _end && IsWordChar(_text[_pos]))
            {
                _pos++;
            }
            var word = _text[start.._pos];
            if (word.All(char.IsAsciiDigit))
            {
                return Make(ConfigTokenKind.Number, start, _pos);
            }
            if (word.Any(char.IsAsciiLetter))
            {
                return Make(ConfigTokenKind.Identifier, start, _pos);
            }
            // Underscores and digits only, e.g. "_" or "1_2": no TLA+ identifier.
            return Make(ConfigTokenKind.Symbol, start, _pos);
        }
        if (c == '"')
        {
            return LexString(start);
        }
        if (c == '\\')
        {
            return LexBackslash(start);
        }
        if (SymbolStarts.Contains(c))
        {
            // Separators "----..." and "====...": one token each, as in SANY.
            if ((c == '-' || c == '=') && Peek(1) == c && Peek(2) == c && Peek(3) == c)
            {
                while (_pos < _end && _text[_pos] == c)
                {
                    _pos++;
                }
                return Make(ConfigTokenKind.Symbol, start, _pos);
            }
            foreach (var symbol in Symbols)
            {
                if (string.CompareOrdinal(_text, _pos, symbol, 0, symbol.Length) == 0 && _pos + symbol.Length <= _end)
                {
                    _pos += symbol.Length;
                    return Make(ConfigTokenKind.Symbol, start, _pos);
                }
            }
        }
        if (c > '\u007F' && !char.IsWhiteSpace(c) && !char.IsControl(c) && !char.IsLetterOrDigit(c))
        {
            // A Unicode operator symbol (e.g. ∈, ←, ⟨): one token. TLC compares token texts with the ASCII forms, so
            // ← is not <- and ⟨ is not << in a .cfg file.
            _pos += char.IsHighSurrogate(c) && _pos + 1 < _end ? 2 : 1;
            return Make(ConfigTokenKind.Symbol, start, _pos);
        }
        if (c is '\u2115' or '\u2124' or '\u211D')
        {
            _pos++;
            return Make(ConfigTokenKind.Identifier, start, _pos);
        }
        Problem = new LexProblem(ConfigCodes.UnexpectedCharacter, $"Unexpected character '{c}'.");
        _pos++;
        return Make(ConfigTokenKind.Invalid, start, _pos);
    }

    private ConfigToken LexString(int start)
    {
        _pos++;
        while (_pos < _end)
        {
            var c = _text[_pos];
            if (c == '"')
            {
                _pos++;
                return Make(ConfigTokenKind.String, start, _pos);
            }
            if (c is '\n' or '\r')
            {
                break;
            }
            if (c == '\\')
            {
                var escaped = Peek(1);
                if (escaped is 'n' or 't' or 'r' or 'f' or '\\' or '"')
                {
                    _pos += 2;
                    continue;
                }
                Problem = new LexProblem(
                    ConfigCodes.UnexpectedCharacter,
                    $"The escape sequence '\\{escaped}' is not allowed in a string; TLA+ allows \\\", \\\\, \\n, \\t, \\r and \\f.");
                _pos++;
                return Make(ConfigTokenKind.Invalid, start, _pos);
            }
            _pos++;
        }
        Problem = new LexProblem(ConfigCodes.UnexpectedCharacter, "The string does not end on its line: a closing '\"' is missing.");
        return Make(ConfigTokenKind.Invalid, start, _pos);
    }

    private ConfigToken LexBackslash(int start)
    {
        var kind = Peek(1);
        var radixDigits = kind switch
        {
            'b' or 'B' => "01",
            'o' or 'O' => "01234567",
            'h' or 'H' => "0123456789abcdefABCDEF",
            _ => null,
        };
        if (radixDigits is not null && radixDigits.Contains(Peek(2), StringComparison.Ordinal) && Peek(2) != '\0')
        {
            _pos += 2;
            while (_pos < _end && radixDigits.Contains(_text[_pos], StringComparison.Ordinal))
            {
                _pos++;
            }
            return Make(ConfigTokenKind.Number, start, _pos);
        }
        _pos++;
        while (_pos < _end && char.IsAsciiLetter(_text[_pos]))
        {
            _pos++;
        }
        return Make(ConfigTokenKind.Symbol, start, _pos);
    }

    /// <summary>Skips whitespace and comments; false when a block comment does not end (the problem is recorded).</summary>
    private bool SkipTrivia()
    {
        while (_pos < _end)
        {
            var c = _text[_pos];
            if (c == '\n')
            {
                NewLine(_pos + 1);
            }
            else if (c is ' ' or '\t' or '\r' or '\f' or '\uFEFF')
            {
                _pos++;
            }
            else if (c == '\\' && Peek(1) == '*')
            {
                while (_pos < _end && _text[_pos] != '\n' && _text[_pos] != '\r')
                {
                    _pos++;
                }
            }
            else if (c == '(' && Peek(1) == '*')
            {
                var commentStart = _pos;
                var commentLine = _line;
                var commentColumn = _pos - _lineStart + 1;
                _pos += 2;
                var depth = 1;
                while (depth > 0 && _pos < _end)
                {
                    var d = _text[_pos];
                    if (d == '(' && Peek(1) == '*')
                    {
                        depth++;
                        _pos += 2;
                    }
                    else if (d == '*' && Peek(1) == ')')
                    {
                        depth--;
                        _pos += 2;
                    }
                    else if (d == '\n')
                    {
                        NewLine(_pos + 1);
                    }
                    else
                    {
                        _pos++;
                    }
                }
                if (depth > 0)
                {
                    Problem = new LexProblem(
                        ConfigCodes.UnterminatedComment,
                        "The comment '(*' does not end: a closing '*)' is missing. TLC ignores the rest of the file.");
                    _pos = commentStart;
                    _line = commentLine;
                    _lineStart = commentStart - commentColumn + 1;
                    return false;
                }
            }
            else
            {
                return true;
            }
        }
        return true;
    }

    private void NewLine(int next)
    {
        _pos = next;
        _line++;
        _lineStart = next;
    }

    private ConfigToken Make(ConfigTokenKind kind, int start, int end)
    {
        // Tokens never span lines.
        var column = start - _lineStart + 1;
        return new ConfigToken(kind, _text[start..end], start, end, _line, column, _line, column + (end - start));
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static string[] BuildSymbols()
    {
        // SANY's symbol tokens (tla+.jj), ASCII forms; sorted longest first so the first match is the longest one.
        string[] symbols =
        [
            ",", ":", "::", ".", "==", "(", ")", "-|-", "[", "]_", "]", "{", "}", "<<", ">>_", ">>", "!", "->", "<-",
            "|->", "[]", "<>", "'", "^+", "^*", "^#", "-.", "~", "//", "/\\", "/=", "/", "\\/", "~>", "=>", "=<", "=|",
            "=", "##", "#", "^^", "^", "--", "-|", "-+->", "-", "**", "*", "++", "+", "<=>", "<:", "<=", "<", ">=", ">",
            "...", "..", "||", "|", "|-", "|=", "&&", "&", "$$", "$", "??", "%%", "%", "@@", "!!", ":>", ":=", "::=",
            "(+)", "(-)", "(.)", "(/)", "(\\X)", "@",
        ];
        return [.. symbols.OrderByDescending(s => s.Length).ThenBy(s => s, StringComparer.Ordinal)];
    }
}

/// <summary>A lexical problem that stopped tokenizing.</summary>
/// <param name="Code">A <see cref="ConfigCodes"/> code.</param>
/// <param name="Message">What is wrong.</param>
internal sealed record LexProblem(string Code, string Message);
