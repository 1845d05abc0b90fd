namespace Specula.Tla.Tests.Evaluation;

using static EvalHelper;

public sealed class EvaluatorTests
{
    [Theory]
    [InlineData("1 + 2 * 3", "7")]
    [InlineData("7 \\div 2", "3")]
    [InlineData("(-7) \\div 2", "-4")]
    [InlineData("-7 % 3", "2")]
    [InlineData("2 ^ 10", "1024")]
    [InlineData("9223372036854775807 + 1", "9223372036854775808")]
    [InlineData("-(3)", "-3")]
    [InlineData("1..3", "1..3")]
    [InlineData("{3, 1, 2} = 1..3", "TRUE")]
    [InlineData("{x * 2 : x \\in 1..3}", "{2, 4, 6}")]
    [InlineData("{x \\in 1..10 : x % 3 = 0}", "{3, 6, 9}")]
    [InlineData("\\A x \\in 1..3 : x > 0", "TRUE")]
    [InlineData("\\E x, y \\in 1..3 : x + y = 6", "TRUE")]
    [InlineData("\\E <<x, y>> \\in (1..2) \\X (1..2) : x > y", "TRUE")]
    [InlineData("CHOOSE x \\in 1..10 : x > 4", "5")]
    [InlineData("[x \\in 1..3 |-> x * x][2]", "4")]
    [InlineData("[a |-> 1, b |-> 2].b", "2")]
    [InlineData("[[a |-> 1, b |-> 2] EXCEPT !.a = @ + 10].a", "11")]
    [InlineData("[<<1, 2>> EXCEPT ![2] = 5]", "<<1, 5>>")]
    [InlineData("[r \\in {1} |-> [s |-> <<0>>]][1].s", "<<0>>")]
    [InlineData("[[r \\in {1} |-> [s |-> <<0>>]] EXCEPT ![1].s[1] = 7][1].s[1]", "7")]
    [InlineData("<<1, 2>> = [i \\in 1..2 |-> i]", "TRUE")]
    [InlineData("<<>> = [x \\in {} |-> 0]", "TRUE")]
    [InlineData("Append(<<1>>, 2) \\o <<3>>", "<<1, 2, 3>>")]
    [InlineData("Len(SubSeq(<<1, 2, 3, 4>>, 2, 3))", "2")]
    [InlineData("Head(Tail(<<1, 2, 3>>))", "2")]
    [InlineData("SelectSeq(<<1, 2, 3, 4>>, LAMBDA x : x % 2 = 0)", "<<2, 4>>")]
    [InlineData("Cardinality(SUBSET (1..4))", "16")]
    [InlineData("{1, 2} \\in SUBSET (1..3)", "TRUE")]
    [InlineData("[x \\in 1..2 |-> 0] \\in [1..2 -> {0, 1}]", "TRUE")]
    [InlineData("Cardinality([1..3 -> {0, 1}])", "8")]
    [InlineData("UNION {{1}, {2, 3}}", "{1, 2, 3}")]
    // UNION of one set is that set, kept lazy as TLC keeps it: 12^12 functions are never listed (tlaplus/Examples'
    // Disruptor checks TypeOk's [slots: UNION {[0..3 -> Int \union {NULL}]}, ...] on every state).
    [InlineData("[x \\in 1..12 |-> 1] \\in UNION {[1..12 -> 1..12]}", "TRUE")]
    [InlineData("[a |-> [x \\in 1..12 |-> 1]] \\in [a : UNION {[1..12 -> 1..12]}]", "TRUE")]
    [InlineData("UNION {[1..2 -> {0, 1}]} = [1..2 -> {0, 1}]", "TRUE")]
    [InlineData("Cardinality(UNION {[1..2 -> {0, 1}]})", "4")]
    // S \cup T with a function, record, product or SUBSET set is kept symbolic as TLC's SetCupValue: 12^12 functions
    // (and 2^40 subsets) are never listed for a membership test (tlaplus/Examples' MCNano checks
    // hashFunction \in [Hash -> Block \cup {NoBlock}], Block a union of five record sets, on every state). Values as
    // TLC gives them.
    [InlineData("[x \\in 1..12 |-> 1] \\in [1..12 -> 1..12] \\cup {<<>>}", "TRUE")]
    [InlineData("0 \\in {0} \\cup [1..12 -> 1..12]", "TRUE")]
    [InlineData("[a |-> 2] \\in [a : 1..3] \\cup [b : 1..3] \\cup {[c |-> 0]}", "TRUE")]
    [InlineData("[b |-> 4] \\in [a : 1..3] \\cup [b : 1..3] \\cup [c : 1..3]", "FALSE")]
    [InlineData("{1, 40} \\in (SUBSET (1..40)) \\cup {{0}}", "TRUE")]
    [InlineData("<<1, 2>> \\in (1..12) \\X (1..12) \\cup {<<>>}", "TRUE")]
    [InlineData("[a : {1, 2}] \\cup [a : {2, 3}]", "{[a |-> 1], [a |-> 2], [a |-> 3]}")]
    [InlineData("[a : {1, 2}] \\cup {[a |-> 0]} = {[a |-> 0], [a |-> 1], [a |-> 2]}", "TRUE")]
    [InlineData("Cardinality([{1, 2} -> {0, 1}] \\cup [{1, 2} -> {1, 2}])", "7")]
    [InlineData("CHOOSE x \\in [a : {2, 1}] \\cup [a : {0}] : TRUE", "[a |-> 0]")]
    [InlineData("(SUBSET {1}) \\cup {{2}}", "{{}, {1}, {2}}")]
    // A filter or map that reads only constants and its own bound names is evaluated once (GameOfLife's LET nbrs ==
    // {x \in {-1, 0, 1} \X {-1, 0, 1} : x /= <<0, 0>>}, in an operator called for every cell); one that reads an
    // enclosing bound name or parameter is evaluated for each of its values.
    [InlineData("LET f(p) == LET n == {x \\in {-1, 0, 1} \\X {-1, 0, 1} : x /= <<0, 0>>} IN Cardinality(n) + p IN f(1) + f(2)", "19")]
    [InlineData("{{y \\in 1..3 : y < x} : x \\in 1..3}", "{{}, {1}, {1, 2}}")]
    [InlineData("\\A x \\in 1..2 : {y \\in 1..3 : y > x} = IF x = 1 THEN {2, 3} ELSE {3}", "TRUE")]
    [InlineData("LET g(p) == {<<a, b>> : a \\in 1..2, b \\in {a}} IN g(0)", "{<<1, 1>>, <<2, 2>>}")]
    [InlineData("LET h(p) == {<<a, p>> : a \\in 1..2} IN h(1) \\cup h(2)", "{<<1, 1>>, <<1, 2>>, <<2, 1>>, <<2, 2>>}")]
    // A filter keeps TLC's order whether it drops none, some or all elements, of enumerated and lazy sets.
    [InlineData("{x \\in {3, 1, 2} : TRUE}", "{1, 2, 3}")]
    [InlineData("{x \\in {3, 1, 2} : x # 2}", "{1, 3}")]
    [InlineData("{x \\in {3, 1, 2} : x > 5}", "{}")]
    [InlineData("{x \\in 1..4 : x % 2 = 0}", "{2, 4}")]
    [InlineData("{s \\in SUBSET {1, 2} : 1 \\in s}", "{{1}, {1, 2}}")]
    [InlineData("{r \\in [a : {1, 2}, b : {\"x\"}] : r.a = 2} = {[a |-> 2, b |-> \"x\"]}", "TRUE")]
    [InlineData("DOMAIN [a |-> 1, b |-> 2]", "{\"a\", \"b\"}")]
    [InlineData("(1 :> 2 @@ 3 :> 4)[3]", "4")]
    [InlineData("IF 1 > 2 THEN 1 ELSE 2", "2")]
    [InlineData("CASE 1 > 2 -> 1 [] OTHER -> 3", "3")]
    [InlineData("LET f(x) == x + 1 g == f(1) IN g * 2", "4")]
    [InlineData("FALSE /\\ (1 = \"a\")", "FALSE")]
    [InlineData("TRUE \\/ (1 = \"a\")", "TRUE")]
    [InlineData("FALSE => (1 = \"a\")", "TRUE")]
    [InlineData("\"a\" \\in STRING", "TRUE")]
    [InlineData("3 \\in Nat /\\ -3 \\notin Nat /\\ -3 \\in Int", "TRUE")]
    [InlineData("<<1, 2>> \\in Seq(Nat)", "TRUE")]
    public void Evaluates_like_tlc(string expression, string expected) => Assert.Equal(expected, Eval(expression));

    [Fact]
    public void Higher_order_operators_recursion_and_recursive_functions()
    {
        const string defs = """
            Apply(F(_), x) == F(x)
            Double(x) == 2 * x
            RECURSIVE Sum(_)
            Sum(S) == IF S = {} THEN 0 ELSE LET m == CHOOSE e \in S : TRUE IN m + Sum(S \ {m})
            fact[n \in Nat] == IF n = 0 THEN 1 ELSE n * fact[n - 1]
            """;
        Assert.Equal("10", Eval("Apply(Double, 5)", defs));
        Assert.Equal("9", Eval("Apply(LAMBDA y : y * y, 3)", defs));
        Assert.Equal("15", Eval("Sum(1..5)", defs));
        Assert.Equal("120", Eval("fact[5]", defs));
    }

    [Fact]
    public void Let_definitions_close_over_bound_variables()
    {
        Assert.Equal("{2, 3, 4}", Eval("{LET y == x + 1 IN y : x \\in 1..3}"));
        Assert.Equal("6", Eval("LET RECURSIVE f(_) f(n) == IF n = 0 THEN 0 ELSE n + f(n - 1) IN f(3)"));
    }

    [Fact]
    public void Arguments_are_passed_by_name_and_evaluated_only_when_used()
    {
        Assert.Equal("1", Eval("K(1, 1 \\div 0)", "K(a, b) == a"));
    }

    [Theory]
    [InlineData("1 + \"a\"", "integer")]
    [InlineData("CHOOSE x \\in 1..3 : x > 5", "CHOOSE")]
    [InlineData("<<1, 2>>[3]", "domain")]
    [InlineData("\\E x \\in Nat : x = 1", "infinite")]
    [InlineData("1 \\div 0", "0")]
    [InlineData("CASE FALSE -> 1", "CASE")]
    [InlineData("Head(<<>>)", "")]
    [InlineData("Assert(FALSE, \"boom\")", "boom")]
    public void Errors_are_reported_with_a_location_not_thrown_as_crashes(string expression, string fragment)
    {
        var error = Fails(expression);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Location);
        Assert.Equal(4, error.Location!.Value.Line);
    }
}
