using System.Collections.Immutable;
using Specula.Tla.Syntax;

namespace Specula.Tla.Tests.Syntax;

public sealed class PrinterTests
{
    private static OpApp Id(string name) => new([], new Name(name), []);

    private static NumberLiteral Num(int n) => new(n, n.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static void AssertRoundTrips(string moduleText)
    {
        var first = TlaParser.Parse("M.tla", moduleText);
        Assert.True(first.Succeeded, string.Join("\n", first.Diagnostics));
        var printed = TlaPrinter.Print(first.Module!);
        var second = TlaParser.Parse("M.tla", printed);
        Assert.True(second.Succeeded, printed + "\n" + string.Join("\n", second.Diagnostics));
        Assert.Equal(SyntaxDump.Dump(first.Module!), SyntaxDump.Dump(second.Module!));
    }

    [Fact]
    public void Prints_bullet_lists_aligned()
    {
        var (expr, _) = TlaParser.ParseExpression("/\\ x' = x + 1\n/\\ \\/ a\n   \\/ b\n/\\ UNCHANGED <<y>>");
        Assert.Equal("/\\ x' = x + 1\n/\\ \\/ a\n   \\/ b\n/\\ UNCHANGED <<y>>", TlaPrinter.Print(expr!));
    }

    [Fact]
    public void Puts_an_operator_after_a_bullet_list_on_a_line_of_its_own()
    {
        AssertRoundTrips("""
            ---- MODULE M ----
            Foo == /\ a
                   /\ b
                => c
            Bar == (/\ a
                    /\ b)'
            ====
            """);
    }

    [Fact]
    public void Adds_parentheses_that_trees_built_by_code_need()
    {
        // (a + b) * c, built without a Parens node.
        var sum = new Binary(new Name("*"), new Binary(new Name("+"), Id("a"), Id("b")), Id("c"));
        Assert.Equal("(a + b) * c", TlaPrinter.Print(sum));
        // (\E x \in S : P) /\ Q: the quantifier would swallow the conjunction.
        var exists = new Quantified(Quantifier.Exists, [new BoundDecl([new Name("x")], false, Id("S"))], Id("P"));
        Assert.Equal("(\\E x \\in S : P) /\\ Q", TlaPrinter.Print(new Binary(new Name("/\\"), exists, Id("Q"))));
        // (~a) = b
        Assert.Equal("(~a) = b", TlaPrinter.Print(new Binary(new Name("="), new Unary(new Name("~"), Id("a")), Id("b"))));
        // (a + b)'
        Assert.Equal("(a + b)'", TlaPrinter.Print(new Postfix(new Name("'"), new Binary(new Name("+"), Id("a"), Id("b")))));
        // a = b = c is a conflict: the left operand needs parentheses.
        Assert.Equal("(a = b) = c", TlaPrinter.Print(new Binary(new Name("="), new Binary(new Name("="), Id("a"), Id("b")), Id("c"))));
        // - -1
        Assert.Equal("- -1", TlaPrinter.Print(new Unary(new Name("-."), new Unary(new Name("-."), Num(1)))));
    }

    [Fact]
    public void Every_tree_built_by_code_prints_to_text_that_parses_back_to_it()
    {
        var x = Id("x");
        var next = new JunctionList(true, [
            new Binary(new Name("="), new Postfix(new Name("'"), x), new Binary(new Name("+"), x, Num(1))),
            new Unary(new Name("UNCHANGED"), new TupleExpr([Id("y")])),
        ]);
        var def = new OperatorDef(new Name("Next"), ImmutableArray<OpDecl>.Empty, next, OperatorFixity.Prefix, false);
        var module = new Module(new Name("M"), [new Name("Naturals")], [new VariableDecl([new Name("x"), new Name("y")]), def]);
        var printed = TlaPrinter.Print(module);
        var parsed = TlaParser.Parse("M.tla", printed);
        Assert.True(parsed.Succeeded, printed);
        Assert.Equal(SyntaxDump.Dump(module), SyntaxDump.Dump(parsed.Module!));
    }

    [Fact]
    public void Round_trips_constructs_with_layout()
    {
        AssertRoundTrips("""
            ---- MODULE M ----
            EXTENDS Naturals
            VARIABLES x, y
            Foo == LET a == /\ x = 1
                            /\ y = 2
                       b(z) == z + 1
                   IN  \/ a
                       \/ b(1) = 2
            Bar == CASE x = 1 -> /\ y = 1
                                 /\ x = 1
                     [] OTHER -> FALSE
            Baz == IF x = 1 THEN /\ y = 1
                                 /\ x = 2
                            ELSE y = 3
            Qux == [f EXCEPT ![1] = /\ a
                                    /\ b, !.c = 2]
            Str == "quote \" backslash \\ newline \n tab \t"
            THEOREM T == Foo => Bar
              <1>1. TRUE
                OBVIOUS
              <1> QED BY <1>1
            ====
            """);
    }
}
