using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using Specula.Tla.Syntax;

namespace Specula.Tla.Semantics;

/// <summary>An operator of a standard module that has no file on disk.</summary>
/// <param name="Name">The canonical name or symbol, e.g. <c>Len</c>, <c>+</c>, <c>\o</c>, <c>-.</c> (unary minus).</param>
/// <param name="Arity">Number of arguments.</param>
/// <param name="Fixity">How it is written.</param>
/// <param name="ParameterArities">Arity of each parameter: 0 for values, n for operator parameters such as <c>Test(_)</c>.</param>
/// <param name="Aliases">Other spellings of the same operator (<c>=&lt;</c> and <c>\leq</c> for <c>&lt;=</c>).</param>
public sealed record StandardOperator(
    string Name, int Arity, OperatorFixity Fixity, ImmutableArray<int> ParameterArities, ImmutableArray<string> Aliases)
{
    /// <summary>The level of the operator: every standard operator is constant level (its application has the level of its arguments).</summary>
    public Level Level { get; init; } = Level.Constant;
}

/// <summary>A module built into Specula: the TLA+ standard modules, TLC's modules and the community modules.</summary>
/// <param name="Name">The module name.</param>
/// <param name="Extends">Modules it EXTENDS (whose operators it re-exports).</param>
/// <param name="Operators">The operators it defines itself, LOCAL ones excluded.</param>
/// <param name="IsCommunity">
/// True for CommunityModules (and Json/IOUtils), which a copy beside the spec may replace, as with TLC's library path.
/// </param>
/// <param name="IsOpaque">
/// True for modules known to exist whose contents are not modelled (TLAPS theorem libraries, Apalache): names used by
/// their importers are not reported as unknown.
/// </param>
public sealed record StandardModule(
    string Name, ImmutableArray<string> Extends, ImmutableArray<StandardOperator> Operators, bool IsCommunity, bool IsOpaque);

/// <summary>
/// The table of standard modules. Spellings follow TLC and tlaplus/CommunityModules; each entry lists the module's
/// EXTENDS and its non-LOCAL operators with arity, fixity and the arity of operator parameters.
/// </summary>
public static class StandardModules
{
    private static readonly FrozenDictionary<string, StandardModule> Modules = Build();

    /// <summary>Every standard module by name.</summary>
    public static IReadOnlyDictionary<string, StandardModule> All => Modules;

    /// <summary>Finds a standard module by name.</summary>
    public static bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out StandardModule? module) =>
        Modules.TryGetValue(name, out module);

    private static FrozenDictionary<string, StandardModule> Build()
    {
        var list = new List<StandardModule>
        {
            Core("Naturals", "", @"Nat +/2i -/2i */2i ^/2i </2i >/2i <=,=<,\leq/2i >=,\geq/2i %/2i \div/2i ../2i"),
            Core("Integers", "Naturals", "Int -./1p"),
            Core("Reals", "Integers", "Real //2i Infinity"),
            Core("Sequences", "", @"Seq/1 Len/1 \o,\circ/2i Append/2 Head/1 Tail/1 SubSeq/3 SelectSeq/2:0,1"),
            Core("FiniteSets", "", "IsFiniteSet/1 Cardinality/1"),
            Core("Bags", "", @"IsABag/1 BagToSet/1 SetToBag/1 BagIn/2 EmptyBag \oplus,(+)/2i \ominus,(-)/2i BagUnion/1 " +
                @"\sqsubseteq/2i SubBag/1 BagOfAll/2:1,0 BagCardinality/1 CopiesIn/2"),
            Core("TLC", "", "Print/2 PrintT/1 Assert/2 JavaTime TLCGet/1 TLCSet/2 :>/2i @@/2i Permutations/1 SortSeq/2:0,2 " +
                "RandomElement/1 Any ToString/1 TLCEval/1"),
            Core("TLCExt", "", "AssertEq/2 AssertError/2 TLCGetOrDefault/2 TLCGetAndSet/4:0,2,0,0 Trace CounterExample ToTrace/1 " +
                "TLCModelValue/1 TLCDefer/1 TLCNoOp/1 PickSuccessor/1 TLCCache/2 TLCFP/1 TLCEvalDefinition/1"),
            Core("Randomization", "", "RandomSubset/2 RandomSetOfSubsets/3 TestRandomSetOfSubsets/3"),
            Community("Json", "", "ToJson/1 ToJsonArray/1 ToJsonObject/1 JsonSerialize/2 JsonDeserialize/1 ndJsonSerialize/2 ndJsonDeserialize/1"),
            Community("IOUtils", "", "IOSerialize/3 IODeserialize/2 Serialize/3 Deserialize/2 IOExec/1 IOEnvExec/2 IOExecTemplate/2 " +
                "IOEnvExecTemplate/3 IOEnv atoi/1 zeroPadN/2"),
            Community("Folds", "", "MapThenFoldSet/5:2,0,1,1,0"),
            Community("Functions", "Integers Folds", "Restrict/2 RestrictDomain/2:0,1 RestrictValues/2:0,1 IsRestriction/2 Range/1 " +
                "Pointwise/3:0,0,2 Inverse/3 AntiFunction/1 IsInjective/1 Injection/2 Surjection/2 Bijection/2 ExistsInjection/2 " +
                "ExistsSurjection/2 ExistsBijection/2 FoldFunctionOnSet/4:2,0,0,0 FoldFunction/3:2,0,0 SumFunctionOnSet/2 SumFunction/1"),
            Community("FiniteSetsExt", "Integers FiniteSets Folds Functions", "FoldSet/3:2,0,0 SumSet/1 ProductSet/1 ReduceSet/3:2,0,0 " +
                "MapThenSumSet/2:1,0 FlattenSet/1 SymDiff/2 Quantify/2:0,1 kSubset/2 Max/1 Min/1 Choices/1 ChooseUnique/2:0,1"),
            Community("SequencesExt", "Sequences Naturals FiniteSets FiniteSetsExt Folds Functions Bags TLC",
                "ToSet/1 ToBag/1 SetToSeq/1 SetToSeqs/1 SetToSortSeq/2:0,2 SetToAllKPermutations/1 TupleOf/2 SeqOf/2 BoundedSeq/2 " +
                "Contains/2 IsSorted/2:0,2 Reverse/1 Remove/2 ReplaceAll/3 SelectInSeq/2:0,1 SelectInSubSeq/4:0,0,0,1 " +
                "SelectLastInSeq/2:0,1 SelectLastInSubSeq/4:0,0,0,1 InsertAt/3 ReplaceAt/3 RemoveAt/2 RemoveFirst/2 " +
                "RemoveFirstMatch/2:0,1 Cons/2 Snoc/2 Front/1 Last/1 IsPrefix/2 IsStrictPrefix/2 IsSuffix/2 IsStrictSuffix/2 " +
                "Prefixes/1 CommonPrefixes/1 LongestCommonPrefix/1 Suffixes/1 SeqMod/2 FoldSeq/3:2,0,0 FoldLeft/3:2,0,0 " +
                "FoldRight/3:2,0,0 FoldLeftDomain/3:2,0,0 FoldRightDomain/3:2,0,0 FlattenSeq/1 Zip/2 Interleave/2 SubSeqs/1 " +
                "AllSubSeqs/1 IndexFirstSubSeq/2 ReplaceSubSeqAt/4 ReplaceFirstSubSeq/3 ReplaceAllSubSeqs/3"),
            Community("BagsExt", "", "BagAdd/2 BagRemove/2 BagRemoveAll/2 FoldBag/3:2,0,0 SumBag/1 ProductBag/1"),
            Community("Relation", "Naturals FiniteSets", "IsReflexive/2 IsReflexiveUnder/2:2,0 IsIrreflexive/2 IsIrreflexiveUnder/2:2,0 " +
                "IsSymmetric/2 IsSymmetricUnder/2:2,0 IsAntiSymmetric/2 IsAntiSymmetricUnder/2:2,0 IsAsymmetric/2 " +
                "IsAsymmetricUnder/2:2,0 IsTransitive/2 IsTransitiveUnder/2:2,0 IsStrictlyPartiallyOrdered/2 " +
                "IsStrictlyPartiallyOrderedUnder/2:2,0 IsPartiallyOrdered/2 IsPartiallyOrderedUnder/2:2,0 " +
                "IsStrictlyTotallyOrdered/2 IsStrictlyTotallyOrderedUnder/2:2,0 IsTotallyOrdered/2 IsTotallyOrderedUnder/2:2,0 " +
                "TransitiveClosure/2 ReflexiveTransitiveClosure/2 IsConnected/2"),
            Community("Graphs", "Naturals Sequences FiniteSets SequencesExt Relation", "IsDirectedGraph/1 DirectedSubgraph/1 " +
                "Transpose/1 IsUndirectedGraph/1 UndirectedSubgraph/1 Path/1 SimplePath/1 AreConnectedIn/3 IsStronglyConnected/1 " +
                "ConnectionsIn/1 IsTreeWithRoot/2 GraphUnion/2 IsBipartiteWithPartitions/3 HasCycle/1 IsDag/1 Successors/2 " +
                "AllSuccessors/2 Predecessors/2 AllPredecessors/2 Ancestors/2 Descendants/2 InDegree/2 OutDegree/2 Roots/1 " +
                "Leaves/1 EmptyGraph Graphs/1"),
            Community("UndirectedGraphs", "", "IsUndirectedGraph/1 IsLoopFreeUndirectedGraph/1 UndirectedSubgraph/1 Path/1 " +
                "SimplePath/1 AreConnectedIn/3 ConnectedComponents/1 IsStronglyConnected/1 UndirectedGraphs/1"),
            Community("Combinatorics", "Naturals", "factorial choose/2"),
            Community("Bitwise", "", "&/2i |/2i ^^/2i Not/1 shiftR/2"),
            Community("DyadicRationals", "", "IsDyadicRational/1 Zero One Add/2 Half/1 PrettyPrint/1"),
            Community("Statistics", "Naturals", "ChiSquare/3"),
            Community("VectorClocks", "Naturals Sequences Functions", "IsCausalOrder/2:0,1 CausalOrder/4:0,1,1,1"),
            Community("CSV", "", "CSVWrite/3 CSVWriteRecord/4 CSVRead/3 CSVRecords/1"),
            Community("SVG", "", "SVGElem/4 Line/5 Circle/4 Rect/5 Text/4 Image/6 Group/2 Svg/2 SVGDoc/6 SVGElemToString/1 " +
                "NodeOfRingNetwork/5 NodesOfDirectedMultiGraph/3 PointOnLine/3 SVGSerialize/3"),
            Community("HTML", "", "HTMLFill/2 HTMLDocument/3 HTMLClass/2 HTMLAttribute/2 HTMLDefaultStyle HTMLStyleSheet/1 " +
                "HTMLScriptFile/1 HTMLScript/1 HTMLLink/2 HTMLHeader/3 HTMLBody/1 HTMLFrame/2 HTMLGridContainer/3 HTMLBox/4 " +
                "HTMLCircle/4 HTMLText/2 HTMLSVG/4 HTMLSize/2 HTMLNewLine HTMLFlexCenterAttributes HTMLJSLineElems/2 HTMLJSLine/4 " +
                "HTMLJSLineDash/4 HTMLJSKeyListener/1 HTMLJSNavigationKey/2"),
            Community("GraphViz", "", "DotDiGraph/3:0,1,1"),
            Community("ShiViz", "", "Host Clock"),
            Community("Quorum", "", "QuorumSystem/1"),
            Core("TLAPS", "", "SimpleArithmetic SMT SMTT/1 CVC3 CVC3T/1 CVC4 CVC4T/1 Yices YicesT/1 veriT veriTT/1 Zipper ZipperT/1 " +
                "Z3 Z3T/1 Spass SpassT/1 LS4 LS4T/1 PTL Zenon ZenonT/1 Isa IsaT/1 IsaM/1 IsaMT/2 IsaWithSetExtensionality SlowZenon " +
                "SlowerZenon VerySlowZenon SlowestZenon Auto SlowAuto SlowerAuto SlowestAuto Force SlowForce SlowerForce SlowestForce " +
                "SimplifyAndSolve SlowSimplifyAndSolve SlowerSimplifyAndSolve SlowestSimplifyAndSolve Simplification " +
                "SlowSimplification SlowerSimplification SlowestSimplification Blast SlowBlast SlowerBlast SlowestBlast AutoBlast " +
                "AllProvers AllProversT/1 AllSMT AllSMTT/1 AllIsa AllIsaT/1 ExpandENABLED ExpandCdot AutoUSE Lambdify ENABLEDaxioms " +
                "ENABLEDrules ENABLEDrewrites LevelComparison EnabledWrapper/1 CdotWrapper/1 Trivial PropositionalTemporalLogic " +
                "SetExtensionality NoSetContainsEverything"),
            Community("NaturalsInduction", "Integers", "NatInductiveDefHypothesis/3:0,0,2 NatInductiveDefConclusion/3:0,0,2 " +
                "FiniteNatInductiveDefHypothesis/5:0,0,2,0,0 FiniteNatInductiveDefConclusion/5:0,0,2,0,0 factorial"),
            Community("WellFoundedInduction", "NaturalsInduction", "IsTransitivelyClosedOn/2 IsWellFoundedOn/2 SetLessThan/3 " +
                "WFDefOn/3:0,0,2 OpDefinesFcn/3:0,0,2 WFInductiveDefines/3:0,0,2 WFInductiveUnique/2:0,2 TransitiveClosureOn/2 " +
                "OpToRel/2:2,0 PreImage/3:1,0,0 LexPairOrdering/4 LexProductOrdering/3"),
            Community("FiniteSetTheorems", "FiniteSets Integers Functions WellFoundedInduction", "FiniteSubsetsOf/1 StrictSubsetOrdering/1"),
            Community("SequenceTheorems", "Sequences Functions", ""),
            Community("FunctionTheorems", "Functions Integers FiniteSets", ""),
            Community("FiniteSetsExtTheorems", "FiniteSetsExt FiniteSets Integers", ""),
            Community("SequencesExtTheorems", "Sequences SequencesExt Functions Integers WellFoundedInduction",
                "StrictPrefixesDetermineDef/2:0,2 StrictSuffixesDetermineDef/2:0,2 TailInductiveDefHypothesis/4:0,0,0,2 " +
                "TailInductiveDefConclusion/4:0,0,0,2 FrontInductiveDefHypothesis/4:0,0,0,2 FrontInductiveDefConclusion/4:0,0,0,2"),
            Community("FoldsTheorems", "Folds FiniteSets", ""),
            Community("GraphTheorems", "Graphs Sequences", ""),
            Community("QuorumTheorems", "Quorum Integers FiniteSets", ""),
            Community("BagsTheorems", "Bags", "Scaling/2 SeqToBag/1"),
        };
        foreach (var opaque in new[]
                 {
                     "Apalache", "Variants", "Option", "Toolbox",
                 })
        {
            list.Add(new StandardModule(opaque, [], [], IsCommunity: true, IsOpaque: true));
        }
        return list.ToFrozenDictionary(m => m.Name, StringComparer.Ordinal);
    }

    private static StandardModule Core(string name, string extends, string operators) =>
        new(name, Split(extends), ParseOperators(operators), IsCommunity: false, IsOpaque: false);

    private static StandardModule Community(string name, string extends, string operators) =>
        new(name, Split(extends), ParseOperators(operators), IsCommunity: true, IsOpaque: false);

    private static ImmutableArray<string> Split(string text) =>
        [.. text.Split(' ', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>Parses entries like <c>Len/1</c>, <c>+/2i</c>, <c>-./1p</c>, <c>SelectSeq/2:0,1</c>, <c>&lt;=,=&lt;/2i</c>.</summary>
    private static ImmutableArray<StandardOperator> ParseOperators(string text)
    {
        var result = ImmutableArray.CreateBuilder<StandardOperator>();
        foreach (var entry in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var slash = entry.LastIndexOf('/');
            var names = entry;
            var arity = 0;
            var fixity = OperatorFixity.Prefix;
            ImmutableArray<int> paramArities = [];
            if (slash > 0 && slash < entry.Length - 1 && char.IsDigit(entry[slash + 1]))
            {
                names = entry[..slash];
                var rest = entry[(slash + 1)..];
                var colon = rest.IndexOf(':', StringComparison.Ordinal);
                var shape = colon < 0 ? rest : rest[..colon];
                if (shape.EndsWith('i'))
                {
                    fixity = OperatorFixity.Infix;
                }
                else if (shape.EndsWith('p'))
                {
                    fixity = OperatorFixity.PrefixSymbol;
                }
                else if (shape.EndsWith('x'))
                {
                    fixity = OperatorFixity.Postfix;
                }
                arity = int.Parse(shape.TrimEnd('i', 'p', 'x'), CultureInfo.InvariantCulture);
                paramArities = colon < 0
                    ? [.. Enumerable.Repeat(0, arity)]
                    : [.. rest[(colon + 1)..].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
            }
            var spellings = names.Split(',');
            result.Add(new StandardOperator(spellings[0], arity, fixity, paramArities, [.. spellings.Skip(1)]));
        }
        return result.ToImmutable();
    }
}
