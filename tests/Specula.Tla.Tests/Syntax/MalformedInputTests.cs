namespace Specula.Tla.Tests.Syntax;

using Specula.Tla.Syntax;

/// <summary>
/// Malformed inputs and the exact diagnostic each must produce: code, position and message. Each input is placed
/// on line 2 of a module, after its header.
/// </summary>
public sealed class MalformedInputTests
{
    public static TheoryData<string, int, int, string, string> Cases()
    {
        var data = new TheoryData<string, int, int, string, string>();
        foreach (var row in Rows)
        {
            data.Add((string)row[0], (int)row[1], (int)row[2], (string)row[3], (string)row[4]);
        }
        return data;
    }

    private static readonly object[][] Rows =
    [
        new object[] { "Foo == 1 +", 2, 11, "TLA2005", "Expected an expression but found the end of the module." },
        new object[] { "Foo == (1 + 2", 2, 14, "TLA2003", "Expected ')' but found the end of the module." },
        new object[] { "Foo == [x \\in S |-> ]", 2, 21, "TLA2005", "Expected an expression but found ']'." },
        new object[] { "Foo == {1, 2", 2, 13, "TLA2003", "Expected '}' but found the end of the module." },
        new object[] { "Foo == <<1, 2", 2, 14, "TLA2003", "Expected '>>' but found the end of the module." },
        new object[] { "Foo == IF x THEN y", 2, 19, "TLA2003", "Expected ELSE but found the end of the module." },
        new object[] { "Foo == IF x ELSE y", 2, 13, "TLA2003", "Expected THEN but found 'ELSE'." },
        new object[] { "Foo == CASE x -> 1 [] y", 2, 24, "TLA2003", "Expected '->' but found the end of the module." },
        new object[] { "Foo == LET a == 1 b", 2, 20, "TLA2003", "Expected '==' but found the end of the module." },
        new object[] { "Foo == LET a == 1", 2, 18, "TLA2003", "Expected a definition or IN but found the end of the module." },
        new object[] { "Foo == \\A x \\in S P", 2, 19, "TLA2003", "Expected ':' but found 'P'." },
        new object[] { "Foo == \\E x : ", 2, 14, "TLA2005", "Expected an expression but found the end of the module." },
        new object[] { "Foo == CHOOSE x \\in S", 2, 22, "TLA2003", "Expected ':' but found the end of the module." },
        new object[] { "Foo == [f EXCEPT ![1] 2]", 2, 23, "TLA2003", "Expected '=' but found '2'." },
        new object[] { "Foo == [f EXCEPT 1 = 2]", 2, 18, "TLA2003", "Expected '!' but found '1'." },
        new object[] { "Foo == [f EXCEPT ! = 2]", 2, 20, "TLA2003", "Expected '.field' or '[index]' after '!' but found '='." },
        new object[] { "Foo == [a |-> 1, b]", 2, 19, "TLA2003", "Expected '|->' but found ']'." },
        new object[] { "Foo == [a : 1, b |-> 2]", 2, 18, "TLA2003", "Expected ':' but found '|->'." },
        new object[] { "Foo == [S -> ]", 2, 14, "TLA2005", "Expected an expression but found ']'." },
        new object[] { "Foo == [Next]_", 2, 15, "TLA2003", "Expected a subscript (a variable, a tuple or a parenthesized expression) but found the end of the module." },
        new object[] { "Foo == WF_vars Next", 2, 16, "TLA2003", "Expected '(' but found 'Next'." },
        new object[] { "Foo == WF_vars(Next", 2, 20, "TLA2003", "Expected ')' but found the end of the module." },
        new object[] { "Foo == x ++ ", 2, 12, "TLA2005", "Expected an expression but found the end of the module." },
        new object[] { "Foo == \"abc", 2, 8, "TLA1002", "Unterminated string literal." },
        new object[] { "Foo == \"a\\qb\"", 2, 10, "TLA1004", "Unknown escape sequence '\\q' in string." },
        new object[] { "Foo == \\foo", 2, 8, "TLA1005", "Unknown operator '\\foo'." },
        new object[] { "Foo == 1 $ 2 $$", 2, 14, "TLA2006", "Precedence conflict between '$' and '$$': add parentheses." },
        new object[] { "Foo == a = b = c", 2, 14, "TLA2006", "Precedence conflict between '=' and '=': add parentheses." },
        new object[] { "Foo == a < b < c", 2, 14, "TLA2006", "Precedence conflict between '<' and '<': add parentheses." },
        new object[] { "Foo == a \\cdot b + c", 2, 18, "TLA2006", "Precedence conflict between '\\cdot' and '+': add parentheses." },
        new object[] { "Foo == 1..2..3", 2, 12, "TLA2006", "Precedence conflict between '..' and '..': add parentheses." },
        new object[] { "Foo == x ? y", 2, 10, "TLA1001", "Unexpected character '?'." },
        new object[] { "Foo == f[1", 2, 11, "TLA2003", "Expected ']' but found the end of the module." },
        new object[] { "Foo == r.", 2, 10, "TLA2003", "Expected a field name after '.' but found the end of the module." },
        new object[] { "Foo == \\b102", 2, 8, "TLA1006", "Malformed number '\\b102'." },
        new object[] { "Foo == \\o78", 2, 8, "TLA1006", "Malformed number '\\o78'." },
        new object[] { "Foo == \\hXYZ", 2, 8, "TLA1005", "Unknown operator '\\hXYZ'." },
        new object[] { "Foo == LAMBDA : 1", 2, 15, "TLA2003", "Expected a parameter name but found ':'." },
        new object[] { "Foo == LAMBDA x 1", 2, 17, "TLA2003", "Expected ':' but found '1'." },
        new object[] { "Foo(x == 1", 2, 7, "TLA2003", "Expected ')' but found '=='." },
        new object[] { "Foo(x,) == 1", 2, 7, "TLA2003", "Expected an identifier but found ')'." },
        new object[] { "Foo[x] == 1", 2, 6, "TLA2003", "Expected '\\in' but found ']'." },
        new object[] { "Foo[x \\in S == 1", 2, 13, "TLA2003", "Expected ']' but found '=='." },
        new object[] { "Foo == ", 2, 7, "TLA2005", "Expected an expression but found the end of the module." },
        new object[] { "VARIABLES", 2, 10, "TLA2003", "Expected a variable name but found the end of the module." },
        new object[] { "VARIABLES x,", 2, 13, "TLA2003", "Expected a variable name but found the end of the module." },
        new object[] { "CONSTANTS F(_, ) ", 2, 16, "TLA2003", "Expected '_' but found ')'." },
        new object[] { "CONSTANTS F(x)", 2, 13, "TLA2003", "Expected '_' but found 'x'." },
        new object[] { "EXTENDS Naturals, ", 2, 18, "TLA2003", "Expected a module name but found the end of the module." },
        new object[] { "INSTANCE", 2, 9, "TLA2003", "Expected a module name but found the end of the module." },
        new object[] { "INSTANCE M WITH", 2, 16, "TLA2003", "Expected a parameter name but found the end of the module." },
        new object[] { "INSTANCE M WITH x = 1", 2, 19, "TLA2003", "Expected '<-' but found '='." },
        new object[] { "INSTANCE M WITH x <- ", 2, 21, "TLA2005", "Expected an expression but found the end of the module." },
        new object[] { "M == INSTANCE", 2, 14, "TLA2003", "Expected a module name but found the end of the module." },
        new object[] { "ASSUME", 2, 7, "TLA2005", "Expected an expression but found the end of the module." },
        new object[] { "THEOREM", 2, 8, "TLA2005", "Expected an expression but found the end of the module." },
        new object[] { "RECURSIVE", 2, 10, "TLA2003", "Expected an identifier but found the end of the module." },
        new object[] { "LOCAL 1", 2, 7, "TLA2003", "Expected a definition but found '1'." },
        new object[] { "== 1", 2, 1, "TLA2009", "Unexpected '==': expected a definition or declaration." },
        new object[] { "1 == 1", 2, 1, "TLA2009", "Unexpected '1': expected a definition or declaration." },
        new object[] { "Foo == {x \\in S : }", 2, 19, "TLA2005", "Expected an expression but found '}'." },
        new object[] { "Foo == {x : x \\in }", 2, 19, "TLA2005", "Expected an expression but found '}'." },
        new object[] { "Foo == <<A>>_", 2, 14, "TLA2003", "Expected a subscript (a variable, a tuple or a parenthesized expression) but found the end of the module." },
        new object[] { "Foo == ENABLED", 2, 15, "TLA2005", "Expected an expression but found the end of the module." },
        new object[] { "Foo == UNCHANGED", 2, 17, "TLA2005", "Expected an expression but found the end of the module." },
        new object[] { "Foo == SUBSET", 2, 14, "TLA2005", "Expected an expression but found the end of the module." },
        new object[] { "Foo == x \\in", 2, 13, "TLA2005", "Expected an expression but found the end of the module." },
        new object[] { "Foo == \\AA x", 2, 13, "TLA2003", "Expected ':' but found the end of the module." },
        new object[] { "Foo == f[x] EXCEPT", 2, 13, "TLA2002", "Unexpected 'EXCEPT': expected the end of the definition." },
        new object[] { "Foo == (* unterminated", 2, 8, "TLA1003", "Unterminated comment: '(*' has no matching '*)'." },
        new object[] { "Foo == 1 )", 2, 10, "TLA2002", "Unexpected ')': expected the end of the definition." },
        new object[] { "Foo == 1 ]", 2, 10, "TLA2002", "Unexpected ']': expected the end of the definition." },
        new object[] { "Foo == @@", 2, 8, "TLA2005", "Expected an expression but found '@@'." },
        new object[] { "Foo == ∧ x ∈ ", 2, 13, "TLA2005", "Expected an expression but found the end of the module." },
        new object[] { "Foo == -", 2, 9, "TLA2005", "Expected an expression but found the end of the module." },
        new object[] { "Foo == ~", 2, 9, "TLA2005", "Expected an expression but found the end of the module." },
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reports_the_exact_diagnostic(string body, int line, int column, string code, string message)
    {
        var source = "---- MODULE T ----\n" + body + "\n====\n";
        var result = TlaParser.Parse("T.tla", source);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Diagnostics, d =>
            d.Location.Line == line && d.Location.Column == column && d.Code == code && d.Message == message);
        var lines = source.Split('\n').Length;
        Assert.All(result.Diagnostics, d =>
        {
            Assert.InRange(d.Location.Line, 1, lines);
            Assert.True(d.Location.Column >= 1);
            Assert.Equal("T.tla", d.Location.Path);
        });
    }

    [Fact]
    public void Has_at_least_sixty_cases() => Assert.True(Rows.Length >= 60, $"only {Rows.Length} cases");
}
