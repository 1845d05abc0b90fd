using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Specula.Tla.Diagnostics;

namespace Specula.Tla.Syntax;

/// <summary>Parses TLA+ source text into a <see cref="Module"/>.</summary>
public static class TlaParser
{
    /// <summary>Parses one file. Never throws on bad input: problems are returned as diagnostics.</summary>
    public static ParseResult Parse(SourceText source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var diagnostics = new List<Diagnostic>();
        var tokens = Lexer.Tokenize(source, diagnostics);
        var parser = new Parser(source, tokens, diagnostics);
        var module = parser.ParseFile();
        var siblings = parser.Siblings;
        diagnostics.Sort((a, b) => a.Location.Line != b.Location.Line
            ? a.Location.Line.CompareTo(b.Location.Line)
            : a.Location.Column.CompareTo(b.Location.Column));
        return new ParseResult(source, module, [.. diagnostics]) { FollowingModules = siblings };
    }

    /// <summary>Parses a file's text; the path is used in messages only.</summary>
    public static ParseResult Parse(string path, string text) => Parse(new SourceText(path, text));

    /// <summary>Parses a standalone expression (for tools and tests).</summary>
    public static (Expr? Expression, ImmutableArray<Diagnostic> Diagnostics) ParseExpression(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var source = new SourceText("<expr>", text);
        var diagnostics = new List<Diagnostic>();
        var tokens = Lexer.Tokenize(source, diagnostics);
        var parser = new Parser(source, tokens, diagnostics);
        var expr = parser.ParseStandaloneExpression();
        return (expr, [.. diagnostics]);
    }
}

/// <summary>
/// A recursive-descent parser with precedence climbing for operators and the column rules of bullet lists:
/// inside an item of a list whose bullets sit at column c, any token at column c or left of it ends the item.
/// </summary>
internal sealed class Parser
{
    private const int MaxDepth = 256;

    private readonly SourceText _source;
    private readonly TokenBuffer _tokens;
    private readonly List<Diagnostic> _diagnostics;
    private readonly List<int> _layout = [];
    private int _pos;
    private int _depth;
    private int _speculating;

    public Parser(SourceText source, TokenBuffer tokens, List<Diagnostic> diagnostics)
    {
        _source = source;
        _tokens = tokens;
        _diagnostics = diagnostics;
    }

    // ───────────────────────────── Token access ─────────────────────────────

    private Token Raw => _tokens[_pos];

    /// <summary>The current token as seen through the layout: a token left of the innermost bullet column ends input.</summary>
    private Token Cur
    {
        get
        {
            var t = _tokens[_pos];
            if (_layout.Count > 0 && t.Column <= _layout[^1] && t.Kind != TokenKind.EndOfFile)
            {
                return new Token(TokenKind.EndOfFile, string.Empty, t.Start, t.Start, t.Line, t.Column, t.FirstOnLine);
            }
            return t;
        }
    }

    private Token PeekAt(int ahead)
    {
        var index = Math.Min(_pos + ahead, _tokens.Count - 1);
        var t = _tokens[index];
        if (_layout.Count > 0 && t.Column <= _layout[^1] && t.Kind != TokenKind.EndOfFile)
        {
            return new Token(TokenKind.EndOfFile, string.Empty, t.Start, t.Start, t.Line, t.Column, t.FirstOnLine);
        }
        return t;
    }

    private bool AtEnd => Cur.Kind == TokenKind.EndOfFile;

    private Token Advance()
    {
        var t = _tokens[_pos];
        if (_pos < _tokens.Count - 1)
        {
            _pos++;
        }
        return t;
    }

    private int PreviousEnd => _pos > 0 ? _tokens[_pos - 1].End : 0;

    private TextSpan From(int start) => new(start, Math.Max(start, PreviousEnd));

    private bool Accept(string text)
    {
        if (Cur.Is(text))
        {
            Advance();
            return true;
        }
        return false;
    }

    private bool AcceptKeyword(string keyword)
    {
        if (Cur.IsKeyword(keyword))
        {
            Advance();
            return true;
        }
        return false;
    }

    private void Expect(string text)
    {
        if (!Accept(text))
        {
            Missing($"'{text}'");
        }
    }

    private void ExpectKeyword(string keyword)
    {
        if (!AcceptKeyword(keyword))
        {
            Missing(keyword);
        }
    }

    private void Missing(string what)
    {
        var t = Cur;
        Report(SyntaxCodes.MissingToken, $"Expected {what} but found {Describe(t)}.", ProblemSpan(t));
    }

    /// <summary>
    /// Where to point for a problem at token <paramref name="t"/>: the token itself, or, when it starts a later line,
    /// just past the previous token, which is where the missing text belongs.
    /// </summary>
    private TextSpan ProblemSpan(Token t)
    {
        if (_pos > 0 && (t.FirstOnLine || t.Kind == TokenKind.EndOfFile))
        {
            var end = _tokens[_pos - 1].End;
            return new TextSpan(end, end);
        }
        return t.Span.Length == 0 ? new TextSpan(t.Start, t.Start + 1) : t.Span;
    }

    private string Describe(Token t)
    {
        if (t.Kind == TokenKind.EndOfFile)
        {
            var raw = Raw;
            return raw.Kind switch
            {
                TokenKind.EndOfFile => "the end of the file",
                TokenKind.ModuleEnd => "the end of the module",
                TokenKind.Separator => "'----'",
                _ => $"'{raw.Text}' at line {raw.Line + 1}, column {raw.Column + 1}, which ends the bullet-list item because it is not right of the bullet",
            };
        }
        return t.Kind switch
        {
            TokenKind.String => "a string",
            TokenKind.Separator => "'----'",
            TokenKind.ModuleEnd => "the end of the module",
            _ => $"'{t.Text}'",
        };
    }

    private void Report(string code, string message, TextSpan span)
    {
        if (_speculating > 0)
        {
            _speculationFailed = true;
            return;
        }
        // One error per position is enough: recovery can otherwise repeat it.
        var location = _source.Locate(span);
        if (_diagnostics.Count > 0 && _diagnostics[^1].Location == location && _diagnostics[^1].Code == code)
        {
            return;
        }
        _diagnostics.Add(new Diagnostic(code, DiagnosticSeverity.Error, message, location));
    }

    private bool _speculationFailed;

    /// <summary>Runs <paramref name="parse"/>; when it reports any error, rewinds and returns null.</summary>
    private T? Speculate<T>(Func<T?> parse)
        where T : class
    {
        var start = _pos;
        var outerFailed = _speculationFailed;
        _speculationFailed = false;
        _speculating++;
        T? result;
        try
        {
            result = parse();
        }
        finally
        {
            _speculating--;
        }
        var failed = _speculationFailed || result is null;
        _speculationFailed = outerFailed;
        if (failed)
        {
            _pos = start;
            return null;
        }
        return result;
    }

    private T Node<T>(T node, int start)
        where T : SyntaxNode
    {
        node.SetSpanOnce(From(start));
        return node;
    }

    private static Name NameOf(Token t) => new Name(t.Text) { Span = t.Span };

    private Name ExpectIdentifier(string what = "an identifier")
    {
        var t = Cur;
        if (t.Kind == TokenKind.Identifier)
        {
            Advance();
            return NameOf(t);
        }
        Missing(what);
        return new Name("?") { Span = new TextSpan(t.Start, t.Start) };
    }

    // ───────────────────────────── Modules ─────────────────────────────

    public Module? ParseFile()
    {
        if (!(Cur.Kind == TokenKind.Separator && PeekAt(1).IsKeyword("MODULE")))
        {
            Report(SyntaxCodes.MissingModuleHeader, "No module header found: a TLA+ file starts with '---- MODULE Name ----'.",
                new TextSpan(0, Math.Min(1, _source.Text.Length)));
            return null;
        }
        var module = ParseModule();
        var siblings = ImmutableArray.CreateBuilder<Module>();
        while (Cur.Kind == TokenKind.Separator && PeekAt(1).IsKeyword("MODULE"))
        {
            siblings.Add(ParseModule());
        }
        Siblings = siblings.ToImmutable();
        return module;
    }

    /// <summary>Modules that follow the first one in the same file.</summary>
    public ImmutableArray<Module> Siblings { get; private set; } = [];

    public Expr? ParseStandaloneExpression()
    {
        var e = ParseExpr();
        if (!AtEnd)
        {
            Report(SyntaxCodes.UnexpectedToken, $"Unexpected {Describe(Cur)} after the expression.", Cur.Span);
        }
        return e;
    }

    private Module ParseModule()
    {
        var start = Cur.Start;
        Advance(); // ----
        Advance(); // MODULE
        var name = ExpectIdentifier("a module name");
        if (Cur.Kind == TokenKind.Separator)
        {
            Advance();
        }
        else
        {
            Missing("'----' after the module name");
        }
        var extends = ImmutableArray.CreateBuilder<Name>();
        if (AcceptKeyword("EXTENDS"))
        {
            do
            {
                extends.Add(ExpectIdentifier("a module name"));
            }
            while (Accept(","));
        }
        var units = ImmutableArray.CreateBuilder<Unit>();
        while (true)
        {
            var t = Cur;
            if (t.Kind == TokenKind.ModuleEnd)
            {
                Advance();
                break;
            }
            if (t.Kind == TokenKind.EndOfFile)
            {
                Report(SyntaxCodes.MissingModuleEnd, $"Module '{name.Text}' does not end with a '====' line.", new TextSpan(t.Start, t.Start));
                break;
            }
            var before = _pos;
            var unit = ParseUnitOrRecover();
            if (unit is not null)
            {
                units.Add(unit);
            }
            if (_pos == before)
            {
                Advance();
            }
        }
        return new Module(name, extends.ToImmutable(), units.ToImmutable()) { Span = From(start) };
    }

    private Unit? ParseUnitOrRecover()
    {
        var errorsBefore = _diagnostics.Count;
        var unitStart = _pos;
        var unit = ParseUnit();
        if (_diagnostics.Count > errorsBefore)
        {
            // The error may have been found at the first token of the next unit: keep that unit.
            if (_pos > unitStart && Raw.FirstOnLine && (Raw.Column == 0 || IsUnitKeyword(Raw)))
            {
                _layout.Clear();
                return unit;
            }
            SkipToNextUnit();
            return unit;
        }
        // A unit must end where the next one starts; anything else is a stray token.
        if (!AtUnitBoundary())
        {
            Report(SyntaxCodes.UnexpectedToken, $"Unexpected {Describe(Cur)}: expected the end of the definition.", Cur.Span);
            SkipToNextUnit();
        }
        return unit;
    }

    private bool AtUnitBoundary()
    {
        var t = Cur;
        return t.Kind is TokenKind.EndOfFile or TokenKind.ModuleEnd or TokenKind.Separator
            || IsUnitKeyword(t) || LooksLikeDefinition();
    }

    private static bool IsUnitKeyword(Token t) => t.Kind == TokenKind.Keyword && t.Text is "VARIABLE" or "VARIABLES"
        or "CONSTANT" or "CONSTANTS" or "ASSUME" or "ASSUMPTION" or "AXIOM" or "THEOREM" or "LEMMA" or "PROPOSITION"
        or "COROLLARY" or "INSTANCE" or "LOCAL" or "RECURSIVE" or "USE" or "HIDE";

    /// <summary>After an error, skips to the next token that starts a line at column 0 or begins a unit.</summary>
    private void SkipToNextUnit()
    {
        _layout.Clear();
        if (Raw.Kind is not (TokenKind.EndOfFile or TokenKind.ModuleEnd))
        {
            Advance();
        }
        while (true)
        {
            var t = Raw;
            if (t.Kind is TokenKind.EndOfFile or TokenKind.ModuleEnd or TokenKind.Separator)
            {
                return;
            }
            if (t.FirstOnLine && (t.Column == 0 || IsUnitKeyword(t)))
            {
                return;
            }
            Advance();
        }
    }

    private bool LooksLikeDefinition()
    {
        var t = Cur;
        if (t.Kind == TokenKind.Identifier)
        {
            var next = PeekAt(1);
            if (next.Is("==") || next.Is("(") || next.Is("["))
            {
                return next.Is("==") || FindDefEqAfterGroup();
            }
            if (next.Kind == TokenKind.Operator)
            {
                return PeekAt(2).Is("==") || (PeekAt(2).Kind == TokenKind.Identifier && PeekAt(3).Is("=="));
            }
            return false;
        }
        if (t.Kind == TokenKind.Operator && (Operators.Prefix.ContainsKey(t.Text) || t.Text == "-"))
        {
            var i = t.Text == "-" && PeekAt(1).Is(".") ? 2 : 1;
            return PeekAt(i).Kind == TokenKind.Identifier && PeekAt(i + 1).Is("==");
        }
        return false;
    }

    /// <summary>True when the bracket group starting at the next token is followed by <c>==</c>.</summary>
    private bool FindDefEqAfterGroup()
    {
        var depth = 0;
        for (var i = _pos + 1; i < _tokens.Count; i++)
        {
            var t = _tokens[i];
            if (t.Kind is TokenKind.EndOfFile or TokenKind.ModuleEnd)
            {
                return false;
            }
            if (t.Is("(") || t.Is("[") || t.Is("{") || t.Is("<<"))
            {
                depth++;
            }
            else if (t.Is(")") || t.Is("]") || t.Is("}") || t.Is(">>"))
            {
                depth--;
                if (depth == 0)
                {
                    return i + 1 < _tokens.Count && _tokens[i + 1].Is("==");
                }
            }
            else if (t.Is("]_") || t.Is(">>_") || t.Is("=="))
            {
                return false;
            }
        }
        return false;
    }

    private Unit? ParseUnit()
    {
        var t = Cur;
        var start = t.Start;
        switch (t.Kind)
        {
            case TokenKind.Separator:
                if (PeekAt(1).IsKeyword("MODULE"))
                {
                    var inner = ParseModule();
                    return new NestedModule(inner) { Span = inner.Span };
                }
                Advance();
                return Node(new Separator(), start);
            case TokenKind.Keyword:
                return ParseKeywordUnit(t);
            case TokenKind.Identifier or TokenKind.Operator:
                return ParseDefinition(isLocal: false, start);
            default:
                Report(SyntaxCodes.ExpectedUnit, $"Unexpected {Describe(t)}: expected a definition or declaration.", t.Span);
                return null;
        }
    }

    private Unit? ParseKeywordUnit(Token t)
    {
        var start = t.Start;
        switch (t.Text)
        {
            case "VARIABLE" or "VARIABLES":
            {
                Advance();
                var names = ImmutableArray.CreateBuilder<Name>();
                do
                {
                    names.Add(ExpectIdentifier("a variable name"));
                }
                while (Accept(","));
                return Node(new VariableDecl(names.ToImmutable()), start);
            }
            case "CONSTANT" or "CONSTANTS":
                Advance();
                return Node(new ConstantDecl(ParseOpDeclList()), start);
            case "RECURSIVE":
                Advance();
                return Node(new RecursiveDecl(ParseOpDeclList()), start);
            case "ASSUME" or "ASSUMPTION" or "AXIOM":
            {
                Advance();
                var kind = t.Text switch { "ASSUME" => AssumptionKind.Assume, "AXIOM" => AssumptionKind.Axiom, _ => AssumptionKind.Assumption };
                Name? label = null;
                if (Cur.Kind == TokenKind.Identifier && PeekAt(1).Is("=="))
                {
                    label = NameOf(Advance());
                    Advance();
                }
                var body = ParseExpr();
                return Node(new Assumption(kind, label, body), start);
            }
            case "THEOREM" or "LEMMA" or "PROPOSITION" or "COROLLARY":
                return ParseTheorem(t);
            case "USE" or "HIDE":
            {
                Advance();
                SkipProofText(t.Column);
                return Node(new ProofDirective(_source.Text[start..PreviousEnd]), start);
            }
            case "LOCAL":
                Advance();
                if (Cur.IsKeyword("INSTANCE"))
                {
                    var instance = ParseInstance();
                    return Node(new InstanceUnit(instance, IsLocal: true), start);
                }
                return ParseDefinition(isLocal: true, start);
            case "INSTANCE":
            {
                var instance = ParseInstance();
                return Node(new InstanceUnit(instance, IsLocal: false), start);
            }
            default:
                Report(SyntaxCodes.ExpectedUnit, $"Unexpected keyword {t.Text}: expected a definition or declaration.", t.Span);
                return null;
        }
    }

    private Unit? ParseTheorem(Token keyword)
    {
        var start = keyword.Start;
        Advance();
        Name? label = null;
        if (Cur.Kind == TokenKind.Identifier && PeekAt(1).Is("=="))
        {
            label = NameOf(Advance());
            Advance();
        }
        var body = Cur.IsKeyword("ASSUME") ? ParseAssumeProve() : ParseExpr();
        string? proof = null;
        var t = Cur;
        if (t.Kind == TokenKind.ProofStep || (t.Kind == TokenKind.Keyword && t.Text is "PROOF" or "BY" or "OBVIOUS" or "OMITTED"))
        {
            var proofStart = t.Start;
            Advance();
            SkipProofText(keyword.Column);
            proof = _source.Text[proofStart..PreviousEnd];
        }
        return Node(new Theorem(keyword.Text, label, body, proof), start);
    }

    /// <summary>Skips a proof or USE/HIDE directive: up to the next line that starts a module-level unit.</summary>
    private void SkipProofText(int unitColumn)
    {
        while (true)
        {
            var t = Raw;
            if (t.Kind is TokenKind.EndOfFile or TokenKind.ModuleEnd or TokenKind.Separator)
            {
                return;
            }
            if (t.FirstOnLine && t.Column <= unitColumn && (IsUnitKeyword(t) || LooksLikeDefinition()))
            {
                return;
            }
            Advance();
        }
    }

    private AssumeProve ParseAssumeProve()
    {
        var start = Cur.Start;
        ExpectKeyword("ASSUME");
        var items = ImmutableArray.CreateBuilder<Expr>();
        do
        {
            items.Add(ParseAssumption());
        }
        while (Accept(","));
        ExpectKeyword("PROVE");
        var goal = ParseExpr();
        return Node(new AssumeProve(items.ToImmutable(), goal), start);
    }

    private Expr ParseAssumption()
    {
        var start = Cur.Start;
        if (Cur.IsKeyword("ASSUME"))
        {
            return ParseAssumeProve();
        }
        var t = Cur;
        if (t.Kind == TokenKind.Keyword && t.Text is "NEW" or "CONSTANT" or "VARIABLE" or "STATE" or "ACTION" or "TEMPORAL")
        {
            var isNew = AcceptKeyword("NEW");
            var kind = string.Empty;
            if (Cur.Kind == TokenKind.Keyword && Cur.Text is "CONSTANT" or "VARIABLE" or "STATE" or "ACTION" or "TEMPORAL")
            {
                kind = Advance().Text;
            }
            else if (!isNew)
            {
                Missing("a declaration");
            }
            var decl = ParseOpDecl();
            Expr? set = null;
            if (Accept("\\in"))
            {
                set = ParseExpr();
            }
            return Node(new NewDecl(kind, decl, set), start);
        }
        return ParseExpr();
    }

    private Instance ParseInstance()
    {
        var start = Cur.Start;
        ExpectKeyword("INSTANCE");
        var module = ExpectIdentifier("a module name");
        var subs = ImmutableArray.CreateBuilder<Substitution>();
        if (AcceptKeyword("WITH"))
        {
            do
            {
                var subStart = Cur.Start;
                Name target;
                var t = Cur;
                if (t.Kind is TokenKind.Identifier or TokenKind.Operator)
                {
                    Advance();
                    target = NameOf(t);
                    if (t.Text == "-" && Cur.Is("."))
                    {
                        Advance();
                        target = new Name("-.") { Span = From(subStart) };
                    }
                }
                else
                {
                    target = ExpectIdentifier("a parameter name");
                }
                Expect("<-");
                var value = ParseExpr();
                subs.Add(Node(new Substitution(target, value), subStart));
            }
            while (Accept(","));
        }
        return Node(new Instance(module, subs.ToImmutable()), start);
    }

    private ImmutableArray<OpDecl> ParseOpDeclList()
    {
        var decls = ImmutableArray.CreateBuilder<OpDecl>();
        do
        {
            decls.Add(ParseOpDecl());
        }
        while (Accept(","));
        return decls.ToImmutable();
    }

    /// <summary><c>x</c>, <c>F(_, _)</c>, <c>_ + _</c>, <c>-. _</c>, <c>_ ^+</c>.</summary>
    private OpDecl ParseOpDecl()
    {
        var start = Cur.Start;
        var t = Cur;
        if (t.Is("_"))
        {
            Advance();
            var op = Cur;
            if (op.Kind == TokenKind.Operator)
            {
                Advance();
                if (Operators.Postfix.Contains(op.Text) && !Cur.Is("_"))
                {
                    return Node(new OpDecl(NameOf(op), 1, OperatorFixity.Postfix), start);
                }
                Expect("_");
                return Node(new OpDecl(NameOf(op), 2, OperatorFixity.Infix), start);
            }
            Missing("an operator symbol");
            return Node(new OpDecl(new Name("?"), 0), start);
        }
        if (t.Kind == TokenKind.Operator)
        {
            Advance();
            var name = NameOf(t);
            if (t.Text == "-" && Accept("."))
            {
                name = new Name("-.") { Span = From(start) };
            }
            Expect("_");
            return Node(new OpDecl(name, 1, OperatorFixity.PrefixSymbol), start);
        }
        var id = ExpectIdentifier();
        var arity = 0;
        if (Accept("("))
        {
            do
            {
                Expect("_");
                arity++;
            }
            while (Accept(","));
            Expect(")");
        }
        return Node(new OpDecl(id, arity), start);
    }

    // ───────────────────────────── Definitions ─────────────────────────────

    private Unit? ParseDefinition(bool isLocal, int start)
    {
        var t = Cur;
        // Prefix operator definition: -. a == e
        if (t.Kind == TokenKind.Operator)
        {
            Advance();
            var opName = NameOf(t);
            if (t.Text == "-")
            {
                if (!Accept("."))
                {
                    Report(SyntaxCodes.ExpectedUnit, "Unexpected '-': a unary minus definition is written '-. a == ...'.", t.Span);
                    return null;
                }
                opName = new Name("-.") { Span = From(start) };
            }
            else if (!Operators.Prefix.ContainsKey(t.Text))
            {
                Report(SyntaxCodes.ExpectedUnit, $"Unexpected {Describe(t)}: expected a definition or declaration.", t.Span);
                return null;
            }
            var operand = ExpectIdentifier("a parameter name");
            Expect("==");
            var body = ParseExpr();
            return Node(new OperatorDef(opName, [new OpDecl(operand, 0) { Span = operand.Span }], body, OperatorFixity.PrefixSymbol, isLocal), start);
        }
        var name = ExpectIdentifier("a definition");
        var next = Cur;
        // Infix or postfix operator definition: a \prec b == e, a ^+ == e
        if (next.Kind == TokenKind.Operator && next.Text != "." )
        {
            Advance();
            var opName = NameOf(next);
            if (Operators.Postfix.Contains(next.Text) && Cur.Is("=="))
            {
                Advance();
                var postBody = ParseExpr();
                return Node(new OperatorDef(opName, [new OpDecl(name, 0) { Span = name.Span }], postBody, OperatorFixity.Postfix, isLocal), start);
            }
            var right = ExpectIdentifier("a parameter name");
            Expect("==");
            var body = ParseExpr();
            return Node(new OperatorDef(opName,
                [new OpDecl(name, 0) { Span = name.Span }, new OpDecl(right, 0) { Span = right.Span }], body, OperatorFixity.Infix, isLocal), start);
        }
        if (next.Is("["))
        {
            Advance();
            var bounds = ParseBoundList(requireSet: true);
            Expect("]");
            Expect("==");
            var body = ParseExpr();
            return Node(new FunctionDef(name, bounds, body, isLocal), start);
        }
        var parameters = ImmutableArray<OpDecl>.Empty;
        if (Accept("("))
        {
            parameters = ParseOpDeclList();
            Expect(")");
        }
        Expect("==");
        if (Cur.IsKeyword("INSTANCE"))
        {
            var instance = ParseInstance();
            return Node(new ModuleInstanceDef(name, parameters, instance, isLocal), start);
        }
        var defBody = ParseExpr();
        return Node(new OperatorDef(name, parameters, defBody, OperatorFixity.Prefix, isLocal), start);
    }

    // ───────────────────────────── Expressions ─────────────────────────────

    public Expr ParseExpr() => ParseBinary(0);

    private bool Enter()
    {
        _depth++;
        if (_depth > MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            Report(SyntaxCodes.NestingTooDeep, $"Expression nested more than {MaxDepth} levels deep.", Cur.Span);
            return false;
        }
        return true;
    }

    private Expr ParseBinary(int minPrecedence)
    {
        var start = Cur.Start;
        if (!Enter())
        {
            _depth--;
            SkipNested();
            return Node(new ErrorExpr(), start);
        }
        try
        {
            var left = ParseUnary();
            Precedence? lastPrecedence = null;
            string? lastOp = null;
            while (true)
            {
                var t = Cur;
                if (t.Kind != TokenKind.Operator || !Operators.Infix.TryGetValue(t.Text, out var precedence))
                {
                    break;
                }
                if (precedence.Low <= minPrecedence)
                {
                    break;
                }
                if (t.Text == "-" && PeekAt(1).Is("."))
                {
                    // "-." starts the next definition (unary minus), never an infix minus.
                    break;
                }
                if (lastPrecedence is { } previous && previous.Overlaps(precedence)
                    && !(lastOp == t.Text && precedence.Associativity == Associativity.Left))
                {
                    Report(SyntaxCodes.PrecedenceConflict,
                        $"Precedence conflict between '{lastOp}' and '{t.Text}': add parentheses.", t.Span);
                }
                Advance();
                if (t.Text == "\\X")
                {
                    var factors = ImmutableArray.CreateBuilder<Expr>();
                    factors.Add(left);
                    factors.Add(ParseBinary(precedence.High));
                    while (Cur.Is("\\X"))
                    {
                        Advance();
                        factors.Add(ParseBinary(precedence.High));
                    }
                    left = Node(new CartesianProduct(factors.ToImmutable()), start);
                }
                else
                {
                    var right = ParseBinary(precedence.High);
                    left = Node(new Binary(NameOf(t), left, right), start);
                }
                lastPrecedence = precedence;
                lastOp = t.Text;
            }
            return left;
        }
        finally
        {
            _depth--;
        }
    }

    /// <summary>After a nesting error, skips the rest of the nested construct so parsing can go on.</summary>
    private void SkipNested()
    {
        var depth = 0;
        while (!AtEnd)
        {
            var t = Cur;
            if (t.Is("(") || t.Is("[") || t.Is("{") || t.Is("<<"))
            {
                depth++;
            }
            else if (t.Is(")") || t.Is("]") || t.Is("}") || t.Is(">>") || t.Is("]_") || t.Is(">>_"))
            {
                if (depth == 0)
                {
                    return;
                }
                depth--;
            }
            Advance();
        }
    }

    private Expr ParseUnary()
    {
        var t = Cur;
        var start = t.Start;
        string? op = null;
        if (t.Kind == TokenKind.Operator)
        {
            op = t.Text switch
            {
                "~" or "[]" or "<>" => t.Text,
                "-" => "-.",
                "/\\" or "\\/" => null,
                _ => null,
            };
            if (t.Text is "/\\" or "\\/")
            {
                return ParsePostfix(ParseJunctionList(), start);
            }
        }
        else if (t.Kind == TokenKind.Keyword && t.Text is "ENABLED" or "UNCHANGED" or "SUBSET" or "UNION" or "DOMAIN")
        {
            op = t.Text;
        }
        if (op is null)
        {
            return ParsePostfix(ParsePrimary(), start);
        }
        Advance();
        var precedence = Operators.Prefix[op];
        var operand = ParseBinary(precedence.Low);
        return Node(new Unary(new Name(op) { Span = t.Span }, operand), start);
    }

    private Expr ParseJunctionList()
    {
        var bullet = Cur;
        var start = bullet.Start;
        var column = bullet.Column;
        var items = ImmutableArray.CreateBuilder<Expr>();
        while (true)
        {
            Advance(); // the bullet
            _layout.Add(column);
            try
            {
                items.Add(ParseExpr());
            }
            finally
            {
                _layout.RemoveAt(_layout.Count - 1);
            }
            var next = Cur;
            if (next.Kind == TokenKind.Operator && next.Text == bullet.Text && next.Column == column && next.FirstOnLine)
            {
                continue;
            }
            break;
        }
        return Node(new JunctionList(bullet.Text == "/\\", items.ToImmutable()), start);
    }

    private Expr ParsePostfix(Expr expr, int start)
    {
        while (true)
        {
            var t = Cur;
            if (t.Is("["))
            {
                Advance();
                var args = ParseExprList();
                Expect("]");
                expr = Node(new FunctionApplication(expr, args), start);
            }
            else if (t.Is(".") && !PeekAt(1).Is("."))
            {
                Advance();
                var field = Cur;
                if (field.Kind is not (TokenKind.Identifier or TokenKind.Number))
                {
                    Missing("a field name after '.'");
                    return expr;
                }
                Advance();
                expr = Node(new FieldAccess(expr, NameOf(field)), start);
            }
            else if (t.Kind == TokenKind.Operator && Operators.Postfix.Contains(t.Text))
            {
                Advance();
                expr = Node(new Postfix(NameOf(t), expr), start);
            }
            else
            {
                return expr;
            }
        }
    }

    private ImmutableArray<Expr> ParseExprList()
    {
        var first = ParseExpr();
        if (!Cur.Is(","))
        {
            return [first];
        }
        var items = ImmutableArray.CreateBuilder<Expr>();
        items.Add(first);
        while (Accept(","))
        {
            items.Add(ParseExpr());
        }
        return items.ToImmutable();
    }

    private Expr ParsePrimary()
    {
        var t = Cur;
        var start = t.Start;
        switch (t.Kind)
        {
            case TokenKind.Number:
                Advance();
                return Node(new NumberLiteral(Lexer.NumberValue(t.Text), t.Text), start);
            case TokenKind.Decimal:
                Advance();
                return Node(new DecimalLiteral(t.Text), start);
            case TokenKind.String:
                Advance();
                return Node(new StringLiteral(t.Text), start);
            case TokenKind.Identifier:
                if (t.FirstOnLine && _layout.Count == 0 && PeekAt(1).Is("=="))
                {
                    // "Name ==" at the start of a line is the next definition: the expression before it is cut short.
                    break;
                }
                return ParseIdentifierExpr(allowArguments: true);
            case TokenKind.Keyword:
                return ParseKeywordExpr(t);
            case TokenKind.Punctuation:
                switch (t.Text)
                {
                    case "(":
                    {
                        Advance();
                        var inner = ParseExpr();
                        Expect(")");
                        return Node(new Parens(inner), start);
                    }
                    case "{":
                        return ParseBrace();
                    case "[":
                        return ParseBracket();
                    case "<<":
                        return ParseAngle();
                    case "@":
                        Advance();
                        return Node(new AtSign(), start);
                }
                break;
        }
        Report(SyntaxCodes.ExpectedExpression, $"Expected an expression but found {Describe(t)}.", ProblemSpan(t));
        if (t.Kind is TokenKind.Bad or TokenKind.Operator or TokenKind.Number)
        {
            Advance();
        }
        return Node(new ErrorExpr(), start);
    }

    private Expr ParseIdentifierExpr(bool allowArguments)
    {
        var start = Cur.Start;
        var first = Advance();
        if (allowArguments && Cur.Is("::"))
        {
            Advance();
            var body = ParseExpr();
            return Node(new Labeled(NameOf(first), [], body), start);
        }
        ImmutableArray<PathSegment>.Builder? segments = null;
        var name = NameOf(first);
        var args = ImmutableArray<Expr>.Empty;
        if (allowArguments && Cur.Kind == TokenKind.Operator && Cur.Text is "\\oplus" or "\\ominus" or "\\odot" or "\\oslash"
            && _source.Text[Cur.Start] == '(' && Cur.Length == 3 && Cur.Start == first.End)
        {
            // Op(+) passes the operator +: the lexer read "(+)" as the symbol \oplus.
            var symbol = Advance();
            var inner = _source.Text[(symbol.Start + 1)..(symbol.End - 1)];
            var argument = new OpApp([], new Name(inner) { Span = new TextSpan(symbol.Start + 1, symbol.End - 1) }, []) { Span = new TextSpan(symbol.Start + 1, symbol.End - 1) };
            return Node(new OpApp([], name, [argument]), start);
        }
        if (allowArguments && Cur.Is("("))
        {
            if (IsParameterizedLabel())
            {
                // lbl(x, y) :: e
                Advance();
                var names = ImmutableArray.CreateBuilder<Name>();
                do
                {
                    names.Add(NameOf(Advance()));
                }
                while (Accept(","));
                Advance(); // )
                Advance(); // ::
                var body = ParseExpr();
                return Node(new Labeled(name, names.ToImmutable(), body), start);
            }
            args = ParseArguments();
        }
        while (Cur.Is("!") && PeekAt(1).Kind is TokenKind.Identifier or TokenKind.Number or TokenKind.Operator
                   || (Cur.Is("!") && (PeekAt(1).Is("<<") || PeekAt(1).Is(">>") || PeekAt(1).Is(":") || PeekAt(1).Is("@"))))
        {
            var segStart = name.Span.Start;
            segments ??= ImmutableArray.CreateBuilder<PathSegment>();
            segments.Add(new PathSegment(name, args) { Span = From(segStart) });
            Advance();
            var part = Advance();
            name = NameOf(part);
            args = ImmutableArray<Expr>.Empty;
            if (allowArguments && Cur.Is("("))
            {
                args = ParseArguments();
            }
        }
        return Node(new OpApp(segments?.ToImmutable() ?? [], name, args), start);
    }

    /// <summary>At <c>(</c>: true when the tokens read <c>(x, y) ::</c>, the parameters of a label.</summary>
    private bool IsParameterizedLabel()
    {
        var i = 1;
        while (true)
        {
            if (PeekAt(i).Kind != TokenKind.Identifier)
            {
                return false;
            }
            var next = PeekAt(i + 1);
            if (next.Is(")"))
            {
                return PeekAt(i + 2).Is("::");
            }
            if (!next.Is(","))
            {
                return false;
            }
            i += 2;
        }
    }

    private sealed record Box<T>(T Value);

    private ImmutableArray<Expr> ParseArguments()
    {
        Expect("(");
        var first = ParseArgument();
        if (Accept(")"))
        {
            return [first];
        }
        var args = ImmutableArray.CreateBuilder<Expr>();
        args.Add(first);
        while (Accept(","))
        {
            args.Add(ParseArgument());
        }
        Expect(")");
        return args.ToImmutable();
    }

    /// <summary>An operator argument: an expression, or an operator symbol passed to a higher-order operator.</summary>
    private Expr ParseArgument()
    {
        var t = Cur;
        if (t.Kind == TokenKind.Operator && (PeekAt(1).Is(",") || PeekAt(1).Is(")")) && !Operators.Postfix.Contains(t.Text))
        {
            Advance();
            return Node(new OpApp([], NameOf(t), []), t.Start);
        }
        return ParseExpr();
    }

    private Expr ParseKeywordExpr(Token t)
    {
        var start = t.Start;
        switch (t.Text)
        {
            case "IF":
            {
                Advance();
                var condition = ParseExpr();
                ExpectKeyword("THEN");
                var then = ParseExpr();
                ExpectKeyword("ELSE");
                var otherwise = ParseExpr();
                return Node(new IfThenElse(condition, then, otherwise), start);
            }
            case "CASE":
                return ParseCase();
            case "LET":
                return ParseLet();
            case "\\A" or "\\E":
            {
                Advance();
                var bounds = ParseBoundList(requireSet: false);
                Expect(":");
                var body = ParseExpr();
                return Node(new Quantified(t.Text == "\\A" ? Quantifier.Forall : Quantifier.Exists, bounds, body), start);
            }
            case "\\AA" or "\\EE":
            {
                Advance();
                var names = ImmutableArray.CreateBuilder<Name>();
                do
                {
                    names.Add(ExpectIdentifier());
                }
                while (Accept(","));
                Expect(":");
                var body = ParseExpr();
                return Node(new TemporalQuantified(t.Text == "\\AA" ? Quantifier.Forall : Quantifier.Exists, names.ToImmutable(), body), start);
            }
            case "CHOOSE":
            {
                Advance();
                var bound = ParseBound(requireSet: false, allowNameList: false);
                Expect(":");
                var body = ParseExpr();
                return Node(new Choose(bound, body), start);
            }
            case "LAMBDA":
            {
                Advance();
                var names = ImmutableArray.CreateBuilder<Name>();
                do
                {
                    names.Add(ExpectIdentifier("a parameter name"));
                }
                while (Accept(","));
                Expect(":");
                var body = ParseExpr();
                return Node(new Lambda(names.ToImmutable(), body), start);
            }
            case "WF_" or "SF_":
            {
                Advance();
                var subscript = ParseSubscript();
                Expect("(");
                var action = ParseExpr();
                Expect(")");
                return Node(new Fairness(t.Text == "SF_", subscript, action), start);
            }
            case "ASSUME":
                return ParseAssumeProve();
        }
        Report(SyntaxCodes.ExpectedExpression, $"Expected an expression but found keyword {t.Text}.", t.Span);
        return Node(new ErrorExpr(), start);
    }

    private Expr ParseSubscript()
    {
        var t = Cur;
        var start = t.Start;
        if (t.Is("<<"))
        {
            return ParseAngle();
        }
        if (t.Is("("))
        {
            Advance();
            var inner = ParseExpr();
            Expect(")");
            return Node(new Parens(inner), start);
        }
        if (t.Kind == TokenKind.Identifier)
        {
            return ParseIdentifierExpr(allowArguments: false);
        }
        Missing("a subscript (a variable, a tuple or a parenthesized expression)");
        return Node(new ErrorExpr(), start);
    }

    private Expr ParseCase()
    {
        var start = Cur.Start;
        Advance();
        var arms = ImmutableArray.CreateBuilder<CaseArm>();
        Expr? other = null;
        do
        {
            if (AcceptKeyword("OTHER"))
            {
                Expect("->");
                other = ParseExpr();
                break;
            }
            var armStart = Cur.Start;
            var guard = ParseExpr();
            Expect("->");
            var value = ParseExpr();
            arms.Add(Node(new CaseArm(guard, value), armStart));
        }
        while (Accept("[]"));
        return Node(new Case(arms.ToImmutable(), other), start);
    }

    private Expr ParseLet()
    {
        var start = Cur.Start;
        Advance();
        var defs = ImmutableArray.CreateBuilder<Unit>();
        while (!AtEnd && !Cur.IsKeyword("IN"))
        {
            var before = _pos;
            var defStart = Cur.Start;
            Unit? def = Cur.IsKeyword("RECURSIVE")
                ? ParseKeywordUnit(Cur)
                : Cur.Kind is TokenKind.Identifier or TokenKind.Operator ? ParseDefinition(isLocal: false, defStart) : null;
            if (def is null)
            {
                if (_pos == before)
                {
                    Report(SyntaxCodes.MissingToken, $"Expected a definition or IN but found {Describe(Cur)}.", ProblemSpan(Cur));
                    Advance();
                }
                break;
            }
            defs.Add(def);
            if (_pos == before)
            {
                break;
            }
        }
        ExpectKeyword("IN");
        var body = ParseExpr();
        return Node(new Let(defs.ToImmutable(), body), start);
    }

    private ImmutableArray<BoundDecl> ParseBoundList(bool requireSet)
    {
        var bounds = ImmutableArray.CreateBuilder<BoundDecl>();
        do
        {
            bounds.Add(ParseBound(requireSet, allowNameList: true));
        }
        while (Accept(","));
        return bounds.ToImmutable();
    }

    /// <summary><c>x \in S</c>, <c>x, y \in S</c>, <c>&lt;&lt;x, y&gt;&gt; \in S</c>, or unbounded <c>x</c>.</summary>
    private BoundDecl ParseBound(bool requireSet, bool allowNameList)
    {
        var start = Cur.Start;
        var names = ImmutableArray.CreateBuilder<Name>();
        var isTuple = false;
        if (Accept("<<"))
        {
            isTuple = true;
            do
            {
                names.Add(ExpectIdentifier());
            }
            while (Accept(","));
            Expect(">>");
        }
        else
        {
            names.Add(ExpectIdentifier());
            // x, y \in S shares one set; stop at a comma that starts the next bound (x \in S, y \in T).
            while (allowNameList && Cur.Is(",") && PeekAt(1).Kind == TokenKind.Identifier
                   && (PeekAt(2).Is(",") || PeekAt(2).Is("\\in") || PeekAt(2).Is(":") || (!requireSet && PeekAt(2).Is(":"))))
            {
                if (PeekAt(2).Is(",") || PeekAt(2).Is("\\in") || PeekAt(2).Is(":"))
                {
                    // Unbounded lists (x, y : P) and shared sets (x, y \in S).
                    Advance();
                    names.Add(NameOf(Advance()));
                }
            }
        }
        Expr? set = null;
        if (Accept("\\in"))
        {
            set = ParseExpr();
        }
        else if (requireSet || isTuple)
        {
            Missing("'\\in'");
        }
        return Node(new BoundDecl(names.ToImmutable(), isTuple, set), start);
    }

    private Expr ParseBrace()
    {
        var start = Cur.Start;
        Advance();
        if (Accept("}"))
        {
            return Node(new SetEnumeration([]), start);
        }
        // {x \in S : P}
        if (Cur.Kind == TokenKind.Identifier && PeekAt(1).Is("\\in") || Cur.Is("<<"))
        {
            var filter = Speculate(() =>
            {
                var bound = ParseBound(requireSet: true, allowNameList: false);
                return Cur.Is(":") ? bound : null;
            });
            if (filter is not null)
            {
                Expect(":");
                var predicate = ParseExpr();
                Expect("}");
                return Node(new SetFilter(filter, predicate), start);
            }
        }
        var first = ParseExpr();
        if (Accept(":"))
        {
            var bounds = ParseBoundList(requireSet: true);
            Expect("}");
            return Node(new SetMap(first, bounds), start);
        }
        var elements = ImmutableArray.CreateBuilder<Expr>();
        elements.Add(first);
        while (Accept(","))
        {
            elements.Add(ParseExpr());
        }
        Expect("}");
        return Node(new SetEnumeration(elements.ToImmutable()), start);
    }

    private Expr ParseBracket()
    {
        var start = Cur.Start;
        Advance();
        var t = Cur;
        if (t.Kind == TokenKind.Identifier && PeekAt(1).Is("|->"))
        {
            return ParseRecordFields(start, "|->", fields => new RecordConstructor(fields));
        }
        if (t.Kind == TokenKind.Identifier && PeekAt(1).Is(":"))
        {
            return ParseRecordFields(start, ":", fields => new RecordSet(fields));
        }
        if ((t.Kind == TokenKind.Identifier && (PeekAt(1).Is("\\in") || PeekAt(1).Is(","))) || t.Is("<<"))
        {
            var bounds = Speculate(() =>
            {
                var list = ParseBoundList(requireSet: true);
                return Cur.Is("|->") ? new Box<ImmutableArray<BoundDecl>>(list) : null;
            });
            if (bounds is not null)
            {
                Expect("|->");
                var body = ParseExpr();
                Expect("]");
                return Node(new FunctionConstructor(bounds.Value, body), start);
            }
        }
        var first = ParseExpr();
        if (AcceptKeyword("EXCEPT"))
        {
            var updates = ImmutableArray.CreateBuilder<ExceptUpdate>();
            do
            {
                var updateStart = Cur.Start;
                Expect("!");
                var path = ImmutableArray.CreateBuilder<ExceptSelector>();
                while (true)
                {
                    var selStart = Cur.Start;
                    if (Accept("."))
                    {
                        var field = Cur;
                        if (field.Kind is TokenKind.Identifier or TokenKind.Number or TokenKind.Keyword)
                        {
                            Advance();
                            path.Add(Node(new FieldSelector(NameOf(field)), selStart));
                        }
                        else
                        {
                            Missing("a field name");
                        }
                    }
                    else if (Accept("["))
                    {
                        var indices = ParseExprList();
                        Expect("]");
                        path.Add(Node(new IndexSelector(indices), selStart));
                    }
                    else
                    {
                        break;
                    }
                }
                if (path.Count == 0)
                {
                    Missing("'.field' or '[index]' after '!'");
                }
                Expect("=");
                var value = ParseExpr();
                updates.Add(Node(new ExceptUpdate(path.ToImmutable(), value), updateStart));
            }
            while (Accept(","));
            Expect("]");
            return Node(new Except(first, updates.ToImmutable()), start);
        }
        if (Accept("->"))
        {
            var range = ParseExpr();
            Expect("]");
            return Node(new FunctionSet(first, range), start);
        }
        if (Accept("]_"))
        {
            var subscript = ParseSubscript();
            return Node(new ActionExpr(first, subscript, IsAngle: false), start);
        }
        Missing("'|->', '->', 'EXCEPT' or ']_'");
        Accept("]");
        return Node(new ErrorExpr(), start);
    }

    private Expr ParseRecordFields(int start, string separator, Func<ImmutableArray<RecordField>, Expr> create)
    {
        var fields = ImmutableArray.CreateBuilder<RecordField>();
        do
        {
            var fieldStart = Cur.Start;
            var name = ExpectIdentifier("a field name");
            Expect(separator);
            var value = ParseExpr();
            fields.Add(Node(new RecordField(name, value), fieldStart));
        }
        while (Accept(","));
        Expect("]");
        return Node(create(fields.ToImmutable()), start);
    }

    private Expr ParseAngle()
    {
        var start = Cur.Start;
        Advance();
        if (Accept(">>"))
        {
            return Node(new TupleExpr([]), start);
        }
        var elements = ParseExprList();
        if (Accept(">>_"))
        {
            if (elements.Length != 1)
            {
                Report(SyntaxCodes.UnexpectedToken, "An angle action <<A>>_v takes exactly one action.", From(start));
            }
            var subscript = ParseSubscript();
            return Node(new ActionExpr(elements[0], subscript, IsAngle: true), start);
        }
        Expect(">>");
        return Node(new TupleExpr(elements), start);
    }
}
