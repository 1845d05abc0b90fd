using Specula.Tla.Evaluation;
using Specula.Tla.Semantics;
using Specula.Tla.Syntax;
using Specula.Tla.Values;

namespace Specula.Tla.Tests.Evaluation;

/// <summary>
/// The operators of TLC's and the community modules implemented in Evaluator.Library.cs. Expected values of the
/// table were printed by TLC built from source with the CommunityModules (their .tla definitions and Java overrides).
/// </summary>
public sealed class LibraryTests
{
    private const string Extends =
        "EXTENDS Naturals, Integers, Sequences, FiniteSets, TLC, TLCExt, Bags, BagsExt, SequencesExt, FiniteSetsExt, " +
        "Functions, Folds, Json, IOUtils, Randomization";

    private static SpecContext Context(string moduleBody, string extends = Extends)
    {
        var text = "---- MODULE L ----\n" + extends + "\n" + moduleBody + "\n====\n";
        var modules = new ModuleSet();
        var source = modules.Add(TlaParser.Parse("L.tla", text));
        var result = SemanticChecker.Check(modules, source);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return new SpecContext(result.Module!, new StringTable());
    }

    private static Value Value(string expression, string definitions = "", int seed = 0, List<string>? output = null, string extends = Extends)
    {
        var context = Context(definitions + "\nE == " + expression, extends);
        var evaluator = new Evaluator(context) { RandomSeed = seed, Output = output is null ? null : output.Add };
        return evaluator.Eval(ModelDefinitions.Body(context, "E"), Env.Empty, new StatePair());
    }

    private static string Eval(string expression, string definitions = "") => Value(expression, definitions).ToString();

    private static EvaluationException Fails(string expression, string definitions = "")
    {
        var context = Context(definitions + "\nE == " + expression);
        return Assert.Throws<EvaluationException>(() =>
            new Evaluator(context).Eval(ModelDefinitions.Body(context, "E"), Env.Empty, new StatePair()));
    }

    [Fact]
    public void Functions_over_infinite_domains_are_applied_point_by_point()
    {
        Assert.Equal("120", Value("factorial[5]", extends: "EXTENDS Naturals, Combinatorics").ToString());
        Assert.Equal("10", Value("choose(5, 2)", extends: "EXTENDS Naturals, Combinatorics").ToString());
    }

    /// <summary>Values printed by TLC (PrintT in ASSUMEs) for the same expressions.</summary>
    [Theory]
    [InlineData(@"SetToBag({1,2}) (+) SetToBag({2,3})", @"<<1, 2, 1>>")]
    [InlineData(@"(SetToBag({1,2}) (+) SetToBag({2})) (-) SetToBag({2,3})", @"<<1, 1>>")]
    [InlineData(@"BagCardinality(SetToBag({1,2}) (+) SetToBag({2}))", @"3")]
    [InlineData(@"BagToSet((1:>2) @@ (3:>1))", @"{1, 3}")]
    [InlineData(@"SubBag((1:>2) @@ (2:>1))", @"{<<>>, <<1>>, <<2>>, (2 :> 1), <<1, 1>>, <<2, 1>>}")]
    [InlineData(@"BagUnion({SetToBag({1}), SetToBag({1,2})})", @"<<2, 1>>")]
    [InlineData(@"BagOfAll(LAMBDA x : x % 2, SetToBag({1,2,3}))", @"(0 :> 1 @@ 1 :> 2)")]
    [InlineData(@"<<CopiesIn(2, (1:>2) @@ (2:>3)), CopiesIn(5, EmptyBag)>>", @"<<3, 0>>")]
    [InlineData(@"<<(1:>1) \sqsubseteq (1:>2), (1:>3) \sqsubseteq (1:>2), (2:>1) \sqsubseteq (1:>2)>>", @"<<TRUE, FALSE, FALSE>>")]
    [InlineData(@"<<IsABag((1:>0)), IsABag(<<1,2>>), IsABag(EmptyBag)>>", @"<<FALSE, TRUE, TRUE>>")]
    [InlineData(@"<<BagIn(1, SetToBag({1})), BagIn(2, SetToBag({1}))>>", @"<<TRUE, FALSE>>")]
    [InlineData(@"EmptyBag", @"<<>>")]
    [InlineData(@"<<BagAdd((1:>1), 1), BagAdd((1:>1), 2)>>", @"<<<<2>>, <<1, 1>>>>")]
    [InlineData(@"<<BagRemove((1:>2), 1), BagRemove((1:>1), 1), BagRemove((1:>1), 3)>>", @"<<<<1>>, <<>>, <<1>>>>")]
    [InlineData(@"BagRemoveAll((1:>2) @@ (2:>1), 1)", @"(2 :> 1)")]
    [InlineData(@"FoldBag(LAMBDA a, b : a \o <<b>>, <<>>, (1:>2) @@ (2:>1))", @"<<1, 1, 2>>")]
    [InlineData(@"<<SumBag((1:>2) @@ (3:>1)), ProductBag((2:>2) @@ (3:>1))>>", @"<<5, 12>>")]
    [InlineData(@"FoldSet(LAMBDA x, acc : <<x>> \o acc, <<>>, {1,2,3})", @"<<3, 2, 1>>")]
    [InlineData(@"<<SumSet({1,2,3}), ProductSet({2,3}), ReduceSet(LAMBDA x, y : x + y, {1,2}, 10), MapThenSumSet(LAMBDA x : x * x, {1,2,3})>>", @"<<6, 6, 13, 14>>")]
    [InlineData(@"<<FlattenSet({{1},{2,3}}), SymDiff({1,2},{2,3})>>", @"<<{1, 2, 3}, {1, 3}>>")]
    [InlineData(@"Quantify(1..10, LAMBDA x : x % 3 = 0)", @"3")]
    [InlineData(@"<<kSubset(2, {1,2,3}), kSubset(0, {1}), kSubset(5, {1})>>", @"<<{{1, 2}, {1, 3}, {2, 3}}, {{}}, {}>>")]
    [InlineData(@"<<Max({1,5,3}), Min({4,2})>>", @"<<5, 2>>")]
    [InlineData(@"Choices({{1,2},{3}})", @"{{1, 3}, {2, 3}}")]
    [InlineData(@"ChooseUnique({1,2,3}, LAMBDA x : x > 2)", @"3")]
    [InlineData(@"Restrict([x \in 1..3 |-> x * x], {1,2})", @"<<1, 4>>")]
    [InlineData(@"RestrictDomain([x \in 1..3 |-> x], LAMBDA x : x > 1)", @"(2 :> 2 @@ 3 :> 3)")]
    [InlineData(@"RestrictValues([x \in 1..3 |-> x * 2], LAMBDA v : v > 2)", @"(2 :> 4 @@ 3 :> 6)")]
    [InlineData(@"<<IsRestriction([x \in {1} |-> 1], [x \in 1..2 |-> 1]), IsRestriction([x \in {3} |-> 1], [x \in 1..2 |-> 1])>>", @"<<TRUE, FALSE>>")]
    [InlineData(@"Range(<<1,1,2>>)", @"{1, 2}")]
    [InlineData(@"Pointwise(<<1,2>>, <<3,4>>, +)", @"<<4, 6>>")]
    [InlineData(@"Inverse(<<1,1,2>>, 1..3, 0..3)", @"(0 :> 1 @@ 1 :> 1 @@ 2 :> 3 @@ 3 :> 1)")]
    [InlineData(@"AntiFunction(<<""a"",""b"">>)", @"[a |-> 1, b |-> 2]")]
    [InlineData(@"<<IsInjective(<<1,2,1>>), IsInjective((1:>2 @@ 3:>2)), IsInjective(<<>>)>>", @"<<FALSE, FALSE, TRUE>>")]
    [InlineData(@"Injection({1,2},{3,4})", @"{<<3, 4>>, <<4, 3>>}")]
    [InlineData(@"Cardinality(Surjection({1,2,3},{1,2}))", @"6")]
    [InlineData(@"Bijection({1,2},{1,2})", @"{<<1, 2>>, <<2, 1>>}")]
    [InlineData(@"<<ExistsInjection(1..3, 1..2), ExistsSurjection(1..3, 1..2), ExistsBijection({}, {}), ExistsSurjection({1}, {})>>", @"<<FALSE, TRUE, TRUE, FALSE>>")]
    [InlineData(@"FoldFunction(LAMBDA x, acc : <<x>> \o acc, <<>>, <<1,2,3>>)", @"<<3, 2, 1>>")]
    [InlineData(@"FoldFunctionOnSet(+, 0, <<1,2,3>>, {1,3})", @"4")]
    [InlineData(@"<<SumFunction(<<1,2,3>>), SumFunctionOnSet(<<1,2,3>>, {2,3})>>", @"<<6, 5>>")]
    [InlineData(@"MapThenFoldSet(LAMBDA x, y : x \o y, <<>>, LAMBDA x : <<x>>, LAMBDA S : CHOOSE x \in S : TRUE, {1,2,3})", @"<<1, 2, 3>>")]
    [InlineData(@"ToSet(<<1,2,1>>)", @"{1, 2}")]
    [InlineData(@"ToBag(<<""a"",""b"",""a"">>)", @"[a |-> 2, b |-> 1]")]
    [InlineData(@"SetToSeq({3,1,2})", @"<<1, 2, 3>>")]
    [InlineData(@"SetToSeqs({1,2})", @"{<<1, 2>>, <<2, 1>>}")]
    [InlineData(@"SetToSortSeq({3,1,2}, >)", @"<<3, 2, 1>>")]
    [InlineData(@"Cardinality(SetToAllKPermutations({1,2,3}))", @"16")]
    [InlineData(@"TupleOf({0,1}, 2)", @"{<<0, 0>>, <<0, 1>>, <<1, 0>>, <<1, 1>>}")]
    [InlineData(@"SeqOf({0}, 2)", @"{<<>>, <<0>>, <<0, 0>>}")]
    [InlineData(@"BoundedSeq({1}, 1)", @"{<<>>, <<1>>}")]
    [InlineData(@"<<Contains(<<1,2>>, 2), Contains(<<1,2>>, 3)>>", @"<<TRUE, FALSE>>")]
    [InlineData(@"<<IsSorted(<<1,2,2>>, <=), IsSorted(<<1,3,2>>, <)>>", @"<<TRUE, FALSE>>")]
    [InlineData(@"Reverse(<<1,2,3>>)", @"<<3, 2, 1>>")]
    [InlineData(@"Remove(<<1,2,1>>, 1)", @"<<2>>")]
    [InlineData(@"ReplaceAll(<<1,2,1>>, 1, 3)", @"<<3, 2, 3>>")]
    [InlineData(@"<<SelectInSeq(<<1,2,3,2>>, LAMBDA x : x = 2), SelectLastInSeq(<<1,2,3,2>>, LAMBDA x : x = 2), SelectInSeq(<<1>>, LAMBDA x : x = 2)>>", @"<<2, 4, 0>>")]
    [InlineData(@"<<SelectInSubSeq(<<1,2,3,2>>, 3, 4, LAMBDA x : x = 2), SelectLastInSubSeq(<<2,2,3,1>>, 1, 3, LAMBDA x : x = 2)>>", @"<<4, 2>>")]
    [InlineData(@"<<InsertAt(<<1,3>>, 2, 2), ReplaceAt(<<1,2>>, 2, 5), RemoveAt(<<1,2,3>>, 2)>>", @"<<<<1, 2, 3>>, <<1, 5>>, <<1, 3>>>>")]
    [InlineData(@"<<RemoveFirst(<<1,2,1>>, 1), RemoveFirstMatch(<<1,2,3>>, LAMBDA x : x > 1), RemoveFirst(<<1>>, 2)>>", @"<<<<2, 1>>, <<1, 3>>, <<1>>>>")]
    [InlineData(@"<<Cons(0, <<1>>), Snoc(3, <<1,2>>), Front(<<1,2,3>>), Last(<<1,2,3>>)>>", @"<<<<0, 1>>, <<1, 2, 3>>, <<1, 2>>, 3>>")]
    [InlineData(@"<<IsPrefix(<<1>>, <<1,2>>), IsPrefix(""ab"", ""abc""), IsStrictPrefix(<<1,2>>, <<1,2>>), IsSuffix(<<2,3>>, <<1,2,3>>), IsStrictSuffix(<<3>>, <<1,2,3>>)>>", @"<<TRUE, TRUE, FALSE, TRUE, TRUE>>")]
    [InlineData(@"<<Prefixes(<<1,2>>), Suffixes(<<1,2>>)>>", @"<<{<<>>, <<1>>, <<1, 2>>}, {<<>>, <<2>>, <<1, 2>>}>>")]
    [InlineData(@"CommonPrefixes({<<1,2>>, <<1,3>>})", @"{<<>>, <<1>>}")]
    [InlineData(@"<<LongestCommonPrefix({<<1,2,3>>, <<1,2,4>>}), LongestCommonPrefix({""abc"", ""abd""})>>", @"<<<<1, 2>>, ""ab"">>")]
    [InlineData(@"<<SeqMod(6, 3), SeqMod(7, 3)>>", @"<<3, 1>>")]
    [InlineData(@"FoldSeq(LAMBDA x, acc : <<x>> \o acc, <<>>, <<1,2,3>>)", @"<<3, 2, 1>>")]
    [InlineData(@"<<FoldLeft(-, 10, <<1,2>>), FoldRight(-, <<1,2>>, 10)>>", @"<<7, 9>>")]
    [InlineData(@"<<FoldLeftDomain(LAMBDA acc, i : acc \o <<i>>, <<>>, <<""a"",""b"">>), FoldRightDomain(LAMBDA i, acc : acc \o <<i>>, <<""a"",""b"">>, <<>>)>>", @"<<<<1, 2>>, <<2, 1>>>>")]
    [InlineData(@"<<FlattenSeq(<<<<1>>, <<2,3>>>>), FlattenSeq(<<""ab"", ""c"">>), FlattenSeq(<<>>)>>", @"<<<<1, 2, 3>>, ""abc"", <<>>>>")]
    [InlineData(@"Zip(<<1,2,3>>, <<""a"",""b"">>)", @"<<<<1, ""a"">>, <<2, ""b"">>>>")]
    [InlineData(@"<<Interleave(<<1,2>>, <<3,4>>), Interleave(<<>>, <<>>)>>", @"<<<<<<1>>, <<3>>, <<2>>, <<4>>>>, <<<<>>, <<>>>>>>")]
    [InlineData(@"SubSeqs(<<1,2>>)", @"{<<>>, <<1>>, <<2>>, <<1, 2>>}")]
    [InlineData(@"AllSubSeqs(<<1,2>>)", @"{<<>>, <<1>>, <<2>>, <<1, 2>>}")]
    [InlineData(@"<<IndexFirstSubSeq(<<2,3>>, <<1,2,3,2,3>>), IndexFirstSubSeq(<<>>, <<1>>)>>", @"<<2, 1>>")]
    [InlineData(@"ReplaceSubSeqAt(2, <<9>>, <<2,3>>, <<1,2,3,4>>)", @"<<1, 9, 4>>")]
    [InlineData(@"<<ReplaceFirstSubSeq(<<9>>, <<2>>, <<1,2,3,2>>), ReplaceFirstSubSeq(<<9>>, <<5>>, <<1>>)>>", @"<<<<1, 9, 3, 2>>, <<1>>>>")]
    [InlineData(@"<<ReplaceFirstSubSeq(""X"", ""b"", ""abcb""), ReplaceFirstSubSeq(""X"", """", ""ab"")>>", @"<<""aXcb"", ""Xab"">>")]
    [InlineData(@"ReplaceAllSubSeqs(<<9>>, <<2>>, <<2,3,2>>)", @"<<9, 3, 9>>")]
    [InlineData(@"ReplaceAllSubSeqs(<<9>>, <<1,1>>, <<0,1,1,1>>)", @"<<0, 1, 9>>")]
    [InlineData(@"ReplaceAllSubSeqs(<<9>>, <<>>, <<1,2>>)", @"<<9, 1, 9, 2>>")]
    [InlineData(@"ToJson([a |-> 1, b |-> <<""x"", TRUE>>])", @"""{\""a\"":1,\""b\"":[\""x\"",true]}""")]
    [InlineData(@"<<ToJson({3,1}), ToJson(<<>>), ToJson((2:>""a"")), ToJson([x \in {} |-> 1])>>", @"<<""[1,3]"", ""[]"", ""{\""2\"":\""a\""}"", ""[]"">>")]
    [InlineData(@"<<ToJsonArray(<<1,2>>), ToJsonObject(<<1,2>>), ToJson(""a\""b\nc"")>>", @"<<""[1,2]"", ""{\""0\"":1,\""1\"":2}"", ""\""a\\\""b\\nc\"""">>")]
    [InlineData(@"<<atoi(""42""), atoi(""-7""), zeroPadN(42, 5), zeroPadN(12345, 3)>>", @"<<42, -7, ""00042"", ""12345"">>")]
    [InlineData(@"<<AssertEq(1, 1), TLCNoOp(3), TLCGetOrDefault(7, 5)>>", @"<<TRUE, 3, 5>>")]
    [InlineData(@"TLCModelValue(""foo"")", @"foo")]
    public void AgreesWithTlc(string expression, string expected) => Assert.Equal(expected, Eval(expression));

    /// <summary>The Relation module; values printed by TLC.</summary>
    [Theory]
    [InlineData(@"LET R == [p \in (1..3) \X (1..3) |-> p[1] < p[2]] IN <<IsReflexive(R, 1..3), IsIrreflexive(R, 1..3), IsSymmetric(R, 1..3), IsAntiSymmetric(R, 1..3), IsAsymmetric(R, 1..3), IsTransitive(R, 1..3)>>", @"<<FALSE, TRUE, FALSE, TRUE, TRUE, TRUE>>")]
    [InlineData(@"LET R == [p \in (1..3) \X (1..3) |-> p[1] < p[2]] IN <<IsStrictlyPartiallyOrdered(R, 1..3), IsPartiallyOrdered(R, 1..3), IsStrictlyTotallyOrdered(R, 1..3), IsTotallyOrdered(R, 1..3)>>", @"<<TRUE, FALSE, TRUE, FALSE>>")]
    [InlineData(@"<<IsTotallyOrderedUnder(<=, 1..3), IsStrictlyTotallyOrderedUnder(<, 1..3), IsSymmetricUnder(=, {1, 2}), IsReflexiveUnder(<, {1})>>", @"<<TRUE, TRUE, TRUE, FALSE>>")]
    [InlineData(@"TransitiveClosure([p \in {1,2,3} \X {1,2,3} |-> p[2] = p[1] + 1], {1,2,3})", @"(<<1, 1>> :> FALSE @@ <<1, 2>> :> TRUE @@ <<1, 3>> :> TRUE @@ <<2, 1>> :> FALSE @@ <<2, 2>> :> FALSE @@ <<2, 3>> :> TRUE @@ <<3, 1>> :> FALSE @@ <<3, 2>> :> FALSE @@ <<3, 3>> :> FALSE)")]
    [InlineData(@"ReflexiveTransitiveClosure([p \in {1,2} \X {1,2} |-> FALSE], {1,2})", @"(<<1, 1>> :> TRUE @@ <<1, 2>> :> FALSE @@ <<2, 1>> :> FALSE @@ <<2, 2>> :> TRUE)")]
    [InlineData(@"<<IsConnected([p \in {1,2,3} \X {1,2,3} |-> p[2] = p[1] + 1], {1,2,3}), IsConnected([p \in {1,2} \X {1,2} |-> TRUE], {1,2})>>", @"<<FALSE, TRUE>>")]
    public void RelationAgreesWithTlc(string expression, string expected) =>
        Assert.Equal(expected, Value(expression, extends: "EXTENDS Naturals, Relation, TLC").ToString());

    /// <summary>Bitwise and Combinatorics; values printed by TLC.</summary>
    [Theory]
    [InlineData("<<12 & 10, 12 | 3, 12 ^^ 10, Not(5), Not(0), shiftR(16, 2), Not(1)>>", "<<8, 15, 6, 2, 0, 4, 0>>")]
    [InlineData("<<choose(5, 2), choose(2, 5), choose(4, 0)>>", "<<10, 0, 1>>")]
    public void BitwiseAndCombinatoricsAgreeWithTlc(string expression, string expected) =>
        Assert.Equal(expected, Value(expression, extends: "EXTENDS Naturals, Bitwise, Combinatorics, TLC").ToString());

    /// <summary>The Graphs module; values printed by TLC (its TLA+ definitions).</summary>
    [Theory]
    [InlineData(@"LET G == [node |-> {1,2,3}, edge |-> {<<1,2>>, <<2,3>>}] IN <<IsDirectedGraph(G), IsUndirectedGraph(G), Transpose(G), Successors(G, 1), Predecessors(G, 3), InDegree(G, 2), OutDegree(G, 3)>>", @"<<TRUE, FALSE, [node |-> {1, 2, 3}, edge |-> {<<2, 1>>, <<3, 2>>}], {2}, {2}, 1, 0>>")]
    [InlineData(@"LET G == [node |-> {1,2,3}, edge |-> {<<1,2>>, <<2,3>>}] IN <<AllSuccessors(G, {1,2}), AllPredecessors(G, {3}), Ancestors(G, 3), Descendants(G, 1), Roots(G), Leaves(G)>>", @"<<{2, 3}, {2}, {1, 2}, {2, 3}, {1}, {3}>>")]
    [InlineData(@"LET G == [node |-> {1,2,3}, edge |-> {<<1,2>>, <<2,3>>, <<3,1>>}] IN <<HasCycle(G), IsDag(G), IsDag([node |-> {1,2}, edge |-> {<<1,2>>}]), HasCycle([node |-> {1}, edge |-> {<<1,1>>}])>>", @"<<TRUE, FALSE, TRUE, TRUE>>")]
    [InlineData(@"ConnectionsIn([node |-> {1,2}, edge |-> {<<1,2>>}])", @"(<<1, 1>> :> TRUE @@ <<1, 2>> :> TRUE @@ <<2, 1>> :> FALSE @@ <<2, 2>> :> TRUE)")]
    [InlineData(@"DirectedSubgraph([node |-> {1,2}, edge |-> {<<1,2>>}])", @"{[node |-> {}, edge |-> {}], [node |-> {1}, edge |-> {}], [node |-> {2}, edge |-> {}], [node |-> {1, 2}, edge |-> {}], [node |-> {1, 2}, edge |-> {<<1, 2>>}]}")]
    [InlineData(@"UndirectedSubgraph([node |-> {1,2}, edge |-> {<<1,2>>, <<2,1>>}])", @"{[node |-> {}, edge |-> {}], [node |-> {1}, edge |-> {}], [node |-> {2}, edge |-> {}], [node |-> {1, 2}, edge |-> {}], [node |-> {1, 2}, edge |-> {<<1, 2>>, <<2, 1>>}]}")]
    [InlineData(@"<<GraphUnion([node |-> {1}, edge |-> {}], [node |-> {2}, edge |-> {<<2,2>>}]), EmptyGraph, Cardinality(Graphs({1,2}))>>", @"<<[node |-> {1, 2}, edge |-> {<<2, 2>>}], [node |-> {}, edge |-> {}], 16>>")]
    [InlineData(@"<<<<1,2>> \in Path([node |-> {1,2}, edge |-> {<<1,2>>}]), <<2,1>> \in Path([node |-> {1,2}, edge |-> {<<1,2>>}])>>", @"<<TRUE, FALSE>>")]
    [InlineData(@"IsBipartiteWithPartitions([node |-> {1,2}, edge |-> {<<1,2>>}], {1}, {2})", @"TRUE")]
    public void GraphsAgreeWithTlc(string expression, string expected) =>
        Assert.Equal(expected, Value(expression, extends: "EXTENDS Naturals, Graphs, TLC").ToString());

    /// <summary>Where TLC needs the CommunityModules' Java overrides (it cannot enumerate Path(G) otherwise).</summary>
    [Theory]
    [InlineData("LET G == [node |-> {1,2,3}, edge |-> {<<1,2>>, <<2,3>>}] IN <<AreConnectedIn(1, 3, G), AreConnectedIn(3, 1, G), AreConnectedIn(2, 2, G), AreConnectedIn(4, 4, G)>>", "<<TRUE, FALSE, TRUE, FALSE>>")]
    [InlineData("<<IsStronglyConnected([node |-> {1,2}, edge |-> {<<1,2>>, <<2,1>>}]), IsStronglyConnected([node |-> {1,2}, edge |-> {<<1,2>>}])>>", "<<TRUE, FALSE>>")]
    [InlineData("SimplePath([node |-> {1,2}, edge |-> {<<1,2>>, <<2,1>>}])", "{<<1>>, <<2>>, <<1, 2>>, <<2, 1>>}")]
    [InlineData("<<IsTreeWithRoot([node |-> {1,2,3}, edge |-> {<<2,1>>, <<3,1>>}], 1), IsTreeWithRoot([node |-> {1,2}, edge |-> {<<1,2>>}], 1)>>", "<<TRUE, FALSE>>")]
    public void GraphsFollowTheOverrides(string expression, string expected) =>
        Assert.Equal(expected, Value(expression, extends: "EXTENDS Naturals, Graphs, TLC").ToString());

    /// <summary>The UndirectedGraphs module; the first rows printed by TLC, the others as its Java overrides compute them.</summary>
    [Theory]
    [InlineData(@"<<IsUndirectedGraph([node |-> {1,2}, edge |-> {{1,2}, {1}}]), IsLoopFreeUndirectedGraph([node |-> {1,2}, edge |-> {{1,2}, {1}}]), IsUndirectedGraph([node |-> {1}, edge |-> {{1,2}}])>>", @"<<TRUE, FALSE, FALSE>>")]
    [InlineData(@"UndirectedSubgraph([node |-> {1,2}, edge |-> {{1,2}}])", @"{[node |-> {}, edge |-> {}], [node |-> {1}, edge |-> {}], [node |-> {2}, edge |-> {}], [node |-> {1, 2}, edge |-> {}], [node |-> {1, 2}, edge |-> {{1, 2}}]}")]
    [InlineData(@"<<Cardinality(UndirectedGraphs({1,2})), <<1,2,1>> \in Path([node |-> {1,2}, edge |-> {{1,2}}]), <<1,1>> \in Path([node |-> {1,2}, edge |-> {{1,2}}])>>", @"<<8, TRUE, FALSE>>")]
    [InlineData("LET G == [node |-> {1,2,3,4}, edge |-> {{1,2}, {2,3}}] IN <<ConnectedComponents(G), AreConnectedIn(3, 1, G), AreConnectedIn(1, 4, G), IsStronglyConnected(G)>>", "<<{{4}, {1, 2, 3}}, TRUE, FALSE, FALSE>>")]
    [InlineData("SimplePath([node |-> {1,2}, edge |-> {{1,2}}])", "{<<1>>, <<2>>, <<1, 2>>, <<2, 1>>}")]
    public void UndirectedGraphsAgreeWithTlc(string expression, string expected) =>
        Assert.Equal(expected, Value(expression, extends: "EXTENDS Naturals, FiniteSets, UndirectedGraphs, TLC").ToString());

    [Fact]
    public void IsInjectiveOfARecordIsAnErrorAsInTlc() =>
        Assert.Contains("The argument of IsInjective should be a function", Fails("IsInjective([a |-> 1, b |-> 2])").Message, StringComparison.Ordinal);

    [Theory]
    [InlineData(@"ReplaceAllSubSeqs(""X"", ""b"", ""abcb"")", @"""aXcX""")]
    [InlineData(@"ReplaceAllSubSeqs(""-"", """", ""abc"")", @"""-a-b-c""")]
    [InlineData(@"ReplaceAllSubSeqs(<<9>>, <<2>>, <<2>>)", @"<<9>>")]
    [InlineData(@"ReplaceAllSubSeqs(<<2>>, <<2>>, <<1, 2>>)", @"<<1, 2>>")]
    public void ReplaceAllSubSeqsFollowsTheJavaOverrideAndTheDefinition(string expression, string expected) =>
        Assert.Equal(expected, Eval(expression));

    [Fact]
    public void RandomChoicesAreDeterministicForASeed()
    {
        var first = Value("<<RandomElement(1..100), RandomSubset(3, 1..10), RandomSetOfSubsets(4, 2, 1..5), RandomElement([a : 1..9, b : {TRUE, FALSE}])>>", seed: 7);
        var again = Value("<<RandomElement(1..100), RandomSubset(3, 1..10), RandomSetOfSubsets(4, 2, 1..5), RandomElement([a : 1..9, b : {TRUE, FALSE}])>>", seed: 7);
        Assert.Equal(first, again);
        Assert.Equal("TRUE", Eval("/\\ RandomElement({7}) = 7 /\\ RandomElement(1..3) \\in 1..3 /\\ RandomElement([{1, 2} -> {5}]) = <<5, 5>>"));
        Assert.Equal("TRUE", Eval("LET S == RandomSubset(2, {1, 2, 3}) IN Cardinality(S) = 2 /\\ S \\subseteq {1, 2, 3}"));
        Assert.Equal("TRUE", Eval("\\A S \\in RandomSetOfSubsets(3, 2, {1, 2, 3, 4}) : S \\subseteq {1, 2, 3, 4}"));
        Assert.Equal("TRUE", Eval("Cardinality(RandomSetOfSubsets(3, 2, {1, 2, 3, 4})) <= 3"));
        // TLC: RandomSubset(3, {1, 2}) is {1, 2} and RandomSubset(0, {1, 2}) is {}.
        Assert.Equal("<<{1, 2}, {}>>", Eval("<<RandomSubset(3, {1, 2}), RandomSubset(0, {1, 2})>>"));
    }

    [Fact]
    public void RegistersAndTlcGet()
    {
        Assert.Equal("<<TRUE, 5, 8, 5, 13>>", Eval("<<TLCSet(1, 5), TLCGet(1), TLCGetOrDefault(2, 8), TLCGetAndSet(1, +, 8, 0), TLCGet(1)>>"));
        Assert.Equal("<<TRUE, \"x\">>", Eval("<<TLCSet(\"s:name\", \"x\"), TLCGet(\"s:name\")>>"));
        Assert.Equal("TLCGet(3) was undefined.", Fails("TLCGet(3)").Message);
        Assert.Equal("0", Eval("TLCGet(\"level\")"));
        Assert.Contains("needs the model checker", Fails("TLCGet(\"distinct\")").Message, StringComparison.Ordinal);
        Assert.Contains("Trace", Fails("Len(Trace)").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TlcExtOperators()
    {
        var output = new List<string>();
        Assert.Equal(Specula.Tla.Values.Value.False, Value("AssertEq(<<1>>, <<2>>)", output: output));
        Assert.Equal(["\"Assertion failed\"", "<<1>>", "<<2>>"], output);
        Assert.Equal("TRUE", Eval("AssertError(\"The first argument of Assert evaluated to FALSE; the second argument was:\\n\\\"boom\\\"\", Assert(FALSE, \"boom\"))"));
        Assert.Equal("FALSE", Eval("AssertError(\"other\", Assert(FALSE, \"boom\"))"));
        Assert.Equal("FALSE", Eval("AssertError(\"other\", 1)"));
        Assert.Equal("3", Eval("TLCEvalDefinition(\"D\")", "D == 1 + 2"));
        Assert.Equal("<<TRUE, TRUE>>", Eval("<<TLCDefer(1), PickSuccessor(TRUE)>>"));
        Assert.Equal("TRUE", Eval("TLCModelValue(\"a\") = TLCModelValue(\"a\") /\\ TLCModelValue(\"a\") # TLCModelValue(\"b\")"));
        Assert.Equal("TRUE", Eval("<<1, \"x\">> \\in Any"));
    }

    [Fact]
    public void ProcessesAreNeverStarted()
    {
        var error = Fails("IOExec(<<\"ls\">>)");
        Assert.Contains("disabled", error.Message, StringComparison.Ordinal);
        Assert.Contains("disabled", Fails("IOEnvExec([A |-> \"1\"], <<\"ls\">>)").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IoEnvReadsTheEnvironment()
    {
        var path = Environment.GetEnvironmentVariable("PATH");
        Assert.NotNull(path);
        Assert.Equal("TRUE", Eval("IOEnv.PATH = \"" + path.Replace("\\", "\\\\", StringComparison.Ordinal) + "\""));
    }

    [Fact]
    public void JsonFilesRoundTrip()
    {
        var folder = Directory.CreateTempSubdirectory("specula-json-");
        try
        {
            var nd = Path.Combine(folder.FullName, "t.ndjson");
            File.WriteAllText(nd, "{\"event\":\"init\",\"active\":[true,false],\"n\":1.75}\n\n  {\"event\":\"send\",\"node\":-3,\"big\":4294967297}\n");
            Assert.Equal("<<[event |-> \"init\", active |-> <<TRUE, FALSE>>, n |-> 1], [event |-> \"send\", node |-> -3, big |-> 1]>>",
                Eval("ndJsonDeserialize(\"" + Escape(nd) + "\")"));

            var plain = Path.Combine(folder.FullName, "t.json");
            File.WriteAllText(plain, "[1, {\"a\": \"x\"}, []]");
            Assert.Equal("<<1, [a |-> \"x\"], <<>>>>", Eval("JsonDeserialize(\"" + Escape(plain) + "\")"));

            var withNull = Path.Combine(folder.FullName, "n.json");
            File.WriteAllText(withNull, "{\"a\": null}");
            Assert.Contains("unsupported JSON value null", Fails("JsonDeserialize(\"" + Escape(withNull) + "\")").Message, StringComparison.Ordinal);

            var written = Path.Combine(folder.FullName, "out", "w.ndjson");
            Assert.Equal("TRUE", Eval("ndJsonSerialize(\"" + Escape(written) + "\", <<[a |-> 1], <<2, \"b\">>, {3}>>)"));
            Assert.Equal("{\"a\":1}\n[2,\"b\"]\n[3]\n", File.ReadAllText(written));
            Assert.Equal("<<[a |-> 1], <<2, \"b\">>, <<3>>>>", Eval("ndJsonDeserialize(\"" + Escape(written) + "\")"));

            var single = Path.Combine(folder.FullName, "s.json");
            Assert.Equal("TRUE", Eval("JsonSerialize(\"" + Escape(single) + "\", [x |-> <<>>])"));
            Assert.Equal("{\"x\":[]}", File.ReadAllText(single));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>IOUtils' Serialize and Deserialize; the records are those TLC printed for the same calls.</summary>
    [Fact]
    public void SerializeAndDeserializeTextAndNdjson()
    {
        var folder = Directory.CreateTempSubdirectory("specula-io-");
        try
        {
            var txt = Escape(Path.Combine(folder.FullName, "o.txt"));
            Assert.Equal("[exitValue |-> 0, stdout |-> \"Finish writing to the file with success!\", stderr |-> \"\"]",
                Eval("Serialize(\"hello\", \"" + txt + "\", [format |-> \"TXT\", charset |-> \"UTF-8\", openOptions |-> <<\"WRITE\", \"CREATE\", \"TRUNCATE_EXISTING\">>])"));
            Assert.Equal("[exitValue |-> 0, stdout |-> \"hello\", stderr |-> \"\"]",
                Eval("Deserialize(\"" + txt + "\", [format |-> \"TXT\", charset |-> \"UTF-8\"])"));
            var nd = Path.Combine(folder.FullName, "o.ndjson");
            Assert.Equal("TRUE", Eval("Serialize(<<[a |-> 1]>>, \"" + Escape(nd) + "\", [format |-> \"NDJSON\", charset |-> \"UTF-8\", openOptions |-> <<\"WRITE\", \"CREATE\", \"TRUNCATE_EXISTING\">>])"));
            Assert.Equal("{\"a\":1}\n", File.ReadAllText(nd));
            Assert.Equal("TRUE", Eval("Serialize(<<2>>, \"" + Escape(nd) + "\", [format |-> \"NDJSON\", charset |-> \"UTF-8\", openOptions |-> <<\"APPEND\">>])"));
            Assert.Equal("{\"a\":1}\n2\n", File.ReadAllText(nd));
            Assert.Equal("1", Eval("Deserialize(\"" + txt + ".missing\", [format |-> \"TXT\", charset |-> \"UTF-8\"]).exitValue"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void ErrorsUseTlcMessages()
    {
        Assert.Equal("The first argument of (+) should be a bag, but instead it is:\n<<0>>", Fails("<<0>> (+) EmptyBag").Message);
        Assert.Equal("Applying BagCardinality to the following value,\nwhich is not a bag:\n<<0>>", Fails("BagCardinality(<<0>>)").Message);
        Assert.Equal("The argument of atoi should be a string, but instead it is:\n\"x\"", Fails("atoi(\"x\")").Message);
        Assert.Equal("The argument of Contains should be a sequence, but instead it is:\n{1}", Fails("Contains({1}, 1)").Message);
        Assert.Contains("no element of S satisfied P", Fails("Max({})").Message, StringComparison.Ordinal);
    }

    private static string Escape(string path) => path.Replace("\\", "\\\\", StringComparison.Ordinal);
}
