using Specula.Tla.Syntax;

namespace Specula.Tla.Tests.Syntax;

public sealed class ParserTests
{
    private static string Expr(string text)
    {
        var (expr, diagnostics) = TlaParser.ParseExpression(text);
        Assert.Empty(diagnostics);
        return SyntaxDump.Dump(expr!);
    }

    private static Module ParseModule(string text)
    {
        var result = TlaParser.Parse("M.tla", text);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Module!;
    }

    [Theory]
    [InlineData("a + b * c", "(Binary + (OpApp [] a []) (Binary * (OpApp [] b []) (OpApp [] c [])))")]
    // - (11) binds tighter than + (10) in TLA+.
    [InlineData("a + b - c", "(Binary + (OpApp [] a []) (Binary - (OpApp [] b []) (OpApp [] c [])))")]
    [InlineData("a - b - c", "(Binary - (Binary - (OpApp [] a []) (OpApp [] b [])) (OpApp [] c []))")]
    [InlineData("-x^2", "(Unary -. (Binary ^ (OpApp [] x []) (NumberLiteral 2 \"2\")))")]
    [InlineData("~a = b", "(Unary ~ (Binary = (OpApp [] a []) (OpApp [] b [])))")]
    [InlineData("a /\\ b => c \\/ d", "(Binary => (Binary /\\ (OpApp [] a []) (OpApp [] b [])) (Binary \\/ (OpApp [] c []) (OpApp [] d [])))")]
    [InlineData("x \\in S \\cup T", "(Binary \\in (OpApp [] x []) (Binary \\cup (OpApp [] S []) (OpApp [] T [])))")]
    [InlineData("A \\X B \\X C", "(CartesianProduct [(OpApp [] A []) (OpApp [] B []) (OpApp [] C [])])")]
    [InlineData("(A \\X B) \\X C", "(CartesianProduct [(Parens (CartesianProduct [(OpApp [] A []) (OpApp [] B [])])) (OpApp [] C [])])")]
    [InlineData("f[1, 2].g", "(FieldAccess (FunctionApplication (OpApp [] f []) [(NumberLiteral 1 \"1\") (NumberLiteral 2 \"2\")]) g)")]
    [InlineData("x'[i]", "(FunctionApplication (Postfix ' (OpApp [] x [])) [(OpApp [] i [])])")]
    [InlineData("M(1)!N!Op(2)", "(OpApp [(PathSegment M [(NumberLiteral 1 \"1\")]) (PathSegment N [])] Op [(NumberLiteral 2 \"2\")])")]
    [InlineData("lbl :: x", "(Labeled lbl [] (OpApp [] x []))")]
    [InlineData("lbl(a, b) :: x", "(Labeled lbl [a b] (OpApp [] x []))")]
    [InlineData("1..N", "(Binary .. (NumberLiteral 1 \"1\") (OpApp [] N []))")]
    [InlineData("a :> 1 @@ b :> 2", "(Binary @@ (Binary :> (OpApp [] a []) (NumberLiteral 1 \"1\")) (Binary :> (OpApp [] b []) (NumberLiteral 2 \"2\")))")]
    [InlineData("B1 (+) B2", "(Binary \\oplus (OpApp [] B1 []) (OpApp [] B2 []))")]
    [InlineData("s \\o t", "(Binary \\o (OpApp [] s []) (OpApp [] t []))")]
    public void Respects_operator_precedence(string text, string expected) => Assert.Equal(expected, Expr(text));

    [Theory]
    [InlineData("\\A x, y \\in S, <<u, v>> \\in T : x", "(Quantified Forall [(BoundDecl [x y] False (OpApp [] S [])) (BoundDecl [u v] True (OpApp [] T []))] (OpApp [] x []))")]
    [InlineData("\\E x, y : P", "(Quantified Exists [(BoundDecl [x y] False null)] (OpApp [] P []))")]
    [InlineData("CHOOSE x \\in S : TRUE", "(Choose (BoundDecl [x] False (OpApp [] S [])) (OpApp [] TRUE []))")]
    [InlineData("{x \\in S : x > 1}", "(SetFilter (BoundDecl [x] False (OpApp [] S [])) (Binary > (OpApp [] x []) (NumberLiteral 1 \"1\")))")]
    [InlineData("{x \\in S}", "(SetEnumeration [(Binary \\in (OpApp [] x []) (OpApp [] S []))])")]
    [InlineData("{x + 1 : x \\in S, y \\in T}", "(SetMap (Binary + (OpApp [] x []) (NumberLiteral 1 \"1\")) [(BoundDecl [x] False (OpApp [] S [])) (BoundDecl [y] False (OpApp [] T []))])")]
    [InlineData("{}", "(SetEnumeration [])")]
    [InlineData("[x \\in S, y \\in T |-> x]", "(FunctionConstructor [(BoundDecl [x] False (OpApp [] S [])) (BoundDecl [y] False (OpApp [] T []))] (OpApp [] x []))")]
    [InlineData("[S -> T]", "(FunctionSet (OpApp [] S []) (OpApp [] T []))")]
    [InlineData("[a |-> 1, b |-> 2]", "(RecordConstructor [(RecordField a (NumberLiteral 1 \"1\")) (RecordField b (NumberLiteral 2 \"2\"))])")]
    [InlineData("[a : S, b : T]", "(RecordSet [(RecordField a (OpApp [] S [])) (RecordField b (OpApp [] T []))])")]
    [InlineData("[f EXCEPT ![1].a[2] = @ + 1, !.b = 2]", "(Except (OpApp [] f []) [(ExceptUpdate [(IndexSelector [(NumberLiteral 1 \"1\")]) (FieldSelector a) (IndexSelector [(NumberLiteral 2 \"2\")])] (Binary + (AtSign) (NumberLiteral 1 \"1\"))) (ExceptUpdate [(FieldSelector b)] (NumberLiteral 2 \"2\"))])")]
    [InlineData("<<>>", "(TupleExpr [])")]
    [InlineData("[Next]_<<x, y>>", "(ActionExpr (OpApp [] Next []) (TupleExpr [(OpApp [] x []) (OpApp [] y [])]) False)")]
    [InlineData("<<A>>_v", "(ActionExpr (OpApp [] A []) (OpApp [] v []) True)")]
    [InlineData("WF_vars(Next)", "(Fairness False (OpApp [] vars []) (OpApp [] Next []))")]
    [InlineData("SF_<<x>>(A)", "(Fairness True (TupleExpr [(OpApp [] x [])]) (OpApp [] A []))")]
    [InlineData("[]<>P", "(Unary [] (Unary <> (OpApp [] P [])))")]
    [InlineData("P ~> Q", "(Binary ~> (OpApp [] P []) (OpApp [] Q []))")]
    [InlineData("A -+-> B", "(Binary -+-> (OpApp [] A []) (OpApp [] B []))")]
    [InlineData("\\EE x : F", "(TemporalQuantified Exists [x] (OpApp [] F []))")]
    [InlineData("A \\cdot B", "(Binary \\cdot (OpApp [] A []) (OpApp [] B []))")]
    [InlineData("ENABLED A", "(Unary ENABLED (OpApp [] A []))")]
    [InlineData("LAMBDA x, y : x + y", "(Lambda [x y] (Binary + (OpApp [] x []) (OpApp [] y [])))")]
    [InlineData("Op(+, LAMBDA x : x)", "(OpApp [] Op [(OpApp [] + []) (Lambda [x] (OpApp [] x []))])")]
    [InlineData("CASE a -> 1 [] b -> 2 [] OTHER -> 3", "(Case [(CaseArm (OpApp [] a []) (NumberLiteral 1 \"1\")) (CaseArm (OpApp [] b []) (NumberLiteral 2 \"2\"))] (NumberLiteral 3 \"3\"))")]
    [InlineData("IF a THEN 1 ELSE 2", "(IfThenElse (OpApp [] a []) (NumberLiteral 1 \"1\") (NumberLiteral 2 \"2\"))")]
    public void Parses_every_expression_form(string text, string expected) => Assert.Equal(expected, Expr(text));

    [Theory]
    [InlineData("\\b1010", 10)]
    [InlineData("\\B11", 3)]
    [InlineData("\\o17", 15)]
    [InlineData("\\h1F", 31)]
    [InlineData("\\HfF", 255)]
    [InlineData("12345678901234567890", 0)]
    public void Reads_numbers_in_every_notation(string text, long expected)
    {
        var (expr, diagnostics) = TlaParser.ParseExpression(text);
        Assert.Empty(diagnostics);
        var number = Assert.IsType<NumberLiteral>(expr);
        if (expected != 0)
        {
            Assert.Equal(expected, (long)number.Value);
        }
        else
        {
            Assert.Equal(System.Numerics.BigInteger.Parse(text, System.Globalization.CultureInfo.InvariantCulture), number.Value);
        }
    }

    [Fact]
    public void Reads_decimals_and_strings_with_escapes()
    {
        Assert.Equal("(DecimalLiteral \"3.14\")", Expr("3.14"));
        var (expr, _) = TlaParser.ParseExpression("\"a\\\"b\\\\c\\nd\\te\"");
        Assert.Equal("a\"b\\c\nd\te", Assert.IsType<StringLiteral>(expr).Value);
    }

    [Fact]
    public void Unicode_operators_mean_their_ascii_forms()
    {
        Assert.Equal(Expr("\\A x \\in S : x \\notin T /\\ ~(x <= 1) => <<x>> = <<x>>"),
            Expr("∀ x ∈ S : x ∉ T ∧ ¬(x ≤ 1) ⇒ ⟨x⟩ = ⟨x⟩"));
        Assert.Equal(Expr("[][A]_v /\\ <>P /\\ S \\subseteq (T \\cup U) \\cap V /\\ a /= b /\\ c >= d"),
            Expr("□[A]_v ∧ ◇P ∧ S ⊆ (T ∪ U) ∩ V ∧ a ≠ b ∧ c ≥ d"));
        Assert.Equal(Expr("[x \\in S |-> x] \\in [S -> S \\X S]"), Expr("[x ∈ S ↦ x] ∈ [S → S × S]"));
    }

    [Fact]
    public void Bullet_items_end_at_a_token_left_of_or_at_the_bullet_column()
    {
        var module = ParseModule("""
            ---- MODULE M ----
            Foo == /\ a
                   /\ \/ b
                      \/ c
                   /\ d
                => e
            ====
            """);
        var def = Assert.IsType<OperatorDef>(module.Units[0]);
        Assert.Equal(
            "(Binary => (JunctionList True [(OpApp [] a []) (JunctionList False [(OpApp [] b []) (OpApp [] c [])]) (OpApp [] d [])]) (OpApp [] e []))",
            SyntaxDump.Dump(def.Body));
    }

    [Fact]
    public void An_infix_junction_right_of_the_bullet_column_continues_the_item()
    {
        var module = ParseModule("""
            ---- MODULE M ----
            Foo == /\ a
                      /\ b
                   /\ c
            ====
            """);
        var def = Assert.IsType<OperatorDef>(module.Units[0]);
        Assert.Equal("(JunctionList True [(Binary /\\ (OpApp [] a []) (OpApp [] b [])) (OpApp [] c [])])", SyntaxDump.Dump(def.Body));
    }

    [Fact]
    public void Let_and_if_inside_bullets_follow_the_columns()
    {
        var module = ParseModule("""
            ---- MODULE M ----
            Foo == /\ LET f == /\ a
                               /\ b
                      IN  f
                   /\ IF c
                         THEN /\ d
                              /\ e
                         ELSE g
            ====
            """);
        var def = Assert.IsType<OperatorDef>(module.Units[0]);
        var list = Assert.IsType<JunctionList>(def.Body);
        Assert.Equal(2, list.Items.Length);
        Assert.IsType<Let>(list.Items[0]);
        var ite = Assert.IsType<IfThenElse>(list.Items[1]);
        Assert.Equal(2, Assert.IsType<JunctionList>(ite.Then).Items.Length);
    }

    [Fact]
    public void Parses_module_structure()
    {
        var module = ParseModule("""
            This text before the header is ignored, even "an unterminated string.
            ------------------------------ MODULE Spec ------------------------------
            EXTENDS Naturals, Sequences
            CONSTANTS N, F(_, _), _ \prec _
            VARIABLES x, y
            a \prec b == a < b
            -. a == 0 - a
            x ^+ == x
            LOCAL Helper(G(_), v) == G(v)
            RECURSIVE Fact(_)
            Fact(n) == IF n = 0 THEN 1 ELSE n * Fact(n - 1)
            f[n \in Nat] == IF n = 0 THEN 1 ELSE n * f[n - 1]
            I == INSTANCE Inner WITH v <- x
            P(z) == INSTANCE Inner WITH v <- z
            INSTANCE Inner WITH v <- y
            ASSUME NType == N \in Nat
            ----
            ---- MODULE Inner ----
            VARIABLE v
            Op == v
            ====
            THEOREM Safe == ASSUME NEW n \in Nat PROVE n >= 0
            PROOF
              <1>1. n >= 0
                BY DEF Nat
              <1> QED BY <1>1
            USE DEF Fact
            Last == 1
            ==================
            Text after the end is ignored too (* even this.
            """);
        Assert.Equal("Spec", module.Name.Text);
        Assert.Equal(["Naturals", "Sequences"], module.Extends.Select(n => n.Text));
        var kinds = module.Units.Select(u => u.GetType().Name).ToArray();
        Assert.Equal(
            ["ConstantDecl", "VariableDecl", "OperatorDef", "OperatorDef", "OperatorDef", "OperatorDef", "RecursiveDecl",
             "OperatorDef", "FunctionDef", "ModuleInstanceDef", "ModuleInstanceDef", "InstanceUnit", "Assumption", "Separator",
             "NestedModule", "Theorem", "ProofDirective", "OperatorDef"],
            kinds);
        var constants = Assert.IsType<ConstantDecl>(module.Units[0]);
        Assert.Equal([0, 2, 2], constants.Constants.Select(c => c.Arity));
        Assert.Equal(OperatorFixity.Infix, constants.Constants[2].Fixity);
        Assert.Equal(OperatorFixity.Infix, Assert.IsType<OperatorDef>(module.Units[2]).Fixity);
        Assert.Equal("-.", Assert.IsType<OperatorDef>(module.Units[3]).Name.Text);
        Assert.Equal(OperatorFixity.Postfix, Assert.IsType<OperatorDef>(module.Units[4]).Fixity);
        var helper = Assert.IsType<OperatorDef>(module.Units[5]);
        Assert.True(helper.IsLocal);
        Assert.Equal(1, helper.Parameters[0].Arity);
        var theorem = Assert.IsType<Theorem>(module.Units[15]);
        Assert.IsType<AssumeProve>(theorem.Body);
        Assert.StartsWith("PROOF", theorem.Proof, StringComparison.Ordinal);
        Assert.EndsWith("<1> QED BY <1>1", theorem.Proof, StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_comments_and_pluscal_inside_comments_are_skipped()
    {
        var module = ParseModule("""
            ---- MODULE M ----
            (* outer (* inner *) still a comment *)
            (* --algorithm Counter {
                 variables x = 0;
                 { l1: x := x + 1; }
               } *)
            \* BEGIN TRANSLATION
            VARIABLES x, pc
            Init == x = 0 /\ pc = "l1" \* trailing comment
            \* END TRANSLATION
            ====
            """);
        Assert.Equal(2, module.Units.Length);
    }

    [Fact]
    public void Positions_are_one_based_lines_and_columns()
    {
        var result = TlaParser.Parse("M.tla", "---- MODULE M ----\nFoo ==\n  1 + \n====\n");
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("M.tla:3:6", diagnostic.Location.ToString());
        Assert.Equal("M.tla:3:6: error TLA2005: Expected an expression but found the end of the module.", diagnostic.ToString());
    }

    [Fact]
    public void Reports_several_errors_in_one_file()
    {
        var result = TlaParser.Parse("M.tla", "---- MODULE M ----\nA == (1\nB == 2 +\nC == 3\nD == ]\n====\n");
        Assert.Equal([2, 3, 5], result.Diagnostics.Select(d => d.Location.Line));
        Assert.NotNull(result.Module);
        Assert.Contains(result.Module!.Units, u => u is OperatorDef { Name.Text: "C" });
    }

    [Fact]
    public void Modules_after_the_first_in_a_file_are_parsed_too()
    {
        var result = TlaParser.Parse("M.tla", """
            ---- MODULE Main ----
            EXTENDS Helper
            ====
            Commentary between modules (* is not parsed.
            ---- MODULE Helper ----
            H == 1
            ====
            """);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal("Main", result.Module!.Name.Text);
        Assert.Equal("Helper", Assert.Single(result.FollowingModules).Name.Text);
    }

    [Fact]
    public void A_file_without_a_module_header_is_an_error()
    {
        var result = TlaParser.Parse("M.tla", "Foo == 1\n");
        Assert.Null(result.Module);
        Assert.Equal(SyntaxCodes.MissingModuleHeader, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Deep_nesting_is_an_error_not_a_crash()
    {
        var text = "---- MODULE M ----\nFoo == " + new string('(', 5000) + "1" + new string(')', 5000) + "\n====\n";
        var result = TlaParser.Parse("M.tla", text);
        Assert.Contains(result.Diagnostics, d => d.Code == SyntaxCodes.NestingTooDeep);
    }
}
