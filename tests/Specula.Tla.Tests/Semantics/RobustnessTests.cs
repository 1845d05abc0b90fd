using System.Collections.Immutable;
using Specula.Tla.Semantics;
using Specula.Tla.Syntax;

namespace Specula.Tla.Tests.Semantics;

public sealed class RobustnessTests
{
    internal const string Corpus = """
        ---- MODULE Corpus ----
        EXTENDS Naturals, Sequences, FiniteSets, TLC
        CONSTANTS Procs, Values, F(_, _)
        VARIABLES pc, queue, store, msgs
        vars == <<pc, queue, store, msgs>>
        RECURSIVE Sum(_)
        Sum(s) == IF s = <<>> THEN 0 ELSE Head(s) + Sum(Tail(s))
        a \prec b == a < b
        fact[n \in Nat] == IF n = 0 THEN 1 ELSE n * fact[n - 1]
        TypeOK == /\ pc \in [Procs -> {"idle", "busy"}]
                  /\ queue \in Seq(Values)
        Init == /\ pc = [p \in Procs |-> "idle"]
                /\ queue = <<>>
                /\ store = [v \in Values |-> 0]
                /\ msgs = {}
        Helper(p, v) == LET old == store[v]
                            new == old + 1
                        IN IF new > 3 THEN old ELSE new
        Act(p) ==
            /\ pc[p] = "idle"
            /\ \E v \in Values :
                  /\ store' = [store EXCEPT ![v] = Helper(p, v), ![v] = @ + 1]
                  /\ queue' = Append(queue, v)
                  /\ msgs' = msgs \cup {[type |-> "m", from |-> p, val |-> v]}
            /\ pc' = [pc EXCEPT ![p] = IF @ = "idle" THEN "busy" ELSE "idle"]
        Pick == CHOOSE x \in Values : \A y \in Values : x \prec y \/ x = y
        Next == \E p \in Procs : Act(p)
        Spec == Init /\ [][Next]_vars /\ WF_vars(Next)
        Live == \A p \in Procs : pc[p] = "busy" ~> pc[p] = "idle"
        Sets == {x \in Values : x > 1} \cup {x + 1 : x \in Values} \cup UNION {SUBSET Values}
        Cases(x) == CASE x = 1 -> "one" [] x = 2 -> "two" [] OTHER -> "many"
        Fold == LET G(x, y) == F(x, y) IN G(1, 2) + Cardinality({1}) + Len(<<1>>)
        ---- MODULE Inner ----
        VARIABLE z
        Step == z' = z + 1
        ====
        I(z) == INSTANCE Inner
        Hidden == \EE z : I(z)!Step
        ASSUME Procs # {}
        THEOREM Spec => []TypeOK
        ====
        """;

    [Fact]
    public void Corpus_is_clean() => Sem.Clean(Corpus);

    [Fact]
    public void Error_expressions_from_recovery_do_not_cascade()
    {
        var parsed = TlaParser.Parse("/spec/M.tla", """
            ---- MODULE M ----
            EXTENDS Naturals
            VARIABLE x
            A == (1 +
            B == A + x
            C == IF THEN 1 ELSE 2
            D == C /\ B
            ====
            """);
        Assert.NotEmpty(parsed.Diagnostics);
        var result = SemanticChecker.Check(parsed);
        Assert.Equal(parsed.Diagnostics.ToArray(), result.Diagnostics.ToArray());
    }

    [Fact]
    public void Hand_built_tree_with_missing_parts_does_not_throw()
    {
        var module = new Module(new Name("M"), default, [
            new OperatorDef(new Name("A"), default, new OpApp(default, new Name(""), default), OperatorFixity.Prefix, false),
            new OperatorDef(new Name("B"), [new OpDecl(new Name("p"), 1)], new Binary(new Name(""), new ErrorExpr(), null!), OperatorFixity.Prefix, false),
            new FunctionDef(new Name("f"), [new BoundDecl(default, false, null)], new Quantified(Quantifier.Exists, default, null!), false),
            new VariableDecl([null!]),
            new InstanceUnit(new Instance(new Name(""), default), false),
            new ModuleInstanceDef(new Name("I"), default, new Instance(new Name("Nowhere"), [new Substitution(new Name("c"), new AtSign())]), false),
            new OperatorDef(new Name("C"), default, new Let([new RecursiveDecl([new OpDecl(new Name("R"), 1)])], new Except(new ErrorExpr(), [new ExceptUpdate(default, null!)])), OperatorFixity.Prefix, false),
            new OperatorDef(new Name("D"), default, new OpApp([new PathSegment(new Name("I"), default)], new Name("x"), default), OperatorFixity.Prefix, false),
            new NestedModule(new Module(new Name("N"), [new Name("Naturals")], default)),
            new Assumption(AssumptionKind.Assume, null, null!),
            new Theorem("THEOREM", null, new AssumeProve([new NewDecl("", new OpDecl(new Name("k"), 0), null)], null!), null),
        ]);
        var source = new SourceText("/spec/M.tla", "---- MODULE M ----\n====\n");
        var set = new ModuleSet(TlaParser.Parse, null, new MemoryFileSystem());
        var loaded = set.Add(new ParseResult(source, module, ImmutableArray<Specula.Tla.Diagnostics.Diagnostic>.Empty));
        var result = SemanticChecker.Check(set, loaded);
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == SemanticCodes.InternalError);
        Assert.NotNull(result.Module);
    }

    [Fact]
    public void Deeply_nested_expression_does_not_overflow_the_stack()
    {
        var depth = 20000;
        Expr e = new NumberLiteral(1, "1");
        for (var i = 0; i < depth; i++)
        {
            e = new Parens(new Unary(new Name("~"), e));
        }
        var module = new Module(new Name("M"), default, [new OperatorDef(new Name("A"), default, e, OperatorFixity.Prefix, false)]);
        var set = new ModuleSet(TlaParser.Parse, null, new MemoryFileSystem());
        var loaded = set.Add(new ParseResult(new SourceText("/spec/M.tla", ""), module, []));
        var result = SemanticChecker.Check(set, loaded);
        Assert.NotNull(result.Module);
    }

    [Fact]
    public void Random_mutations_never_crash_the_checker()
    {
        const int seed = 20261127;
        var random = new Random(seed);
        var corpus = new[] { Corpus, NameResolutionCorpus };
        var fragments = new[]
        {
            "==", "(", ")", "[", "]", "{", "}", "<<", ">>", "\\E", "\\A", "x", "'", "@", "LET", "IN", "IF", "THEN", "ELSE",
            "EXCEPT", "!", "INSTANCE", "WITH", "<-", "LAMBDA", ":", ",", "RECURSIVE", "[]", "<>", "ENABLED", "UNCHANGED", "\n",
            "/\\", "\\/", "CHOOSE", "|->", "::", "MODULE", "----", "====", "LOCAL", "EXTENDS", "Missing", "Corpus", "WF_vars(",
        };
        for (var i = 0; i < 1500; i++)
        {
            var text = corpus[random.Next(corpus.Length)];
            var mutations = 1 + random.Next(4);
            for (var m = 0; m < mutations && text.Length > 2; m++)
            {
                var at = random.Next(text.Length);
                var length = random.Next(Math.Min(12, text.Length - at) + 1);
                text = random.Next(3) switch
                {
                    0 => text.Remove(at, length),
                    1 => text.Insert(at, " " + fragments[random.Next(fragments.Length)] + " "),
                    _ => Swap(text, at, length, random),
                };
            }
            var parsed = TlaParser.Parse("/spec/Mutated.txt", text);
            var set = new ModuleSet(TlaParser.Parse, null, new MemoryFileSystem());
            var result = SemanticChecker.Check(set, set.Add(parsed));
            foreach (var d in result.Diagnostics)
            {
                Assert.True(d.Code != SemanticCodes.InternalError, $"seed {seed}, mutation {i}: {d}\n{text}");
                Assert.True(d.Location.Line >= 1 && d.Location.Column >= 1, $"seed {seed}, mutation {i}: bad position {d}");
            }
        }
    }

    private static string Swap(string text, int at, int length, Random random)
    {
        var other = random.Next(text.Length - length);
        var piece = text.Substring(at, length);
        var removed = text.Remove(at, length);
        return removed.Insert(Math.Min(other, removed.Length), piece);
    }

    private const string NameResolutionCorpus = """
        ---- MODULE Names ----
        EXTENDS Integers
        CONSTANT N
        VARIABLE x, f
        P(a) == a' = 1
        Apply(G(_), v) == G(v)
        Ch == INSTANCE Names2 WITH y <- x
        A == /\ x' = -x
             /\ f' = [f EXCEPT ![1] = @ + Apply(LAMBDA q : q, 1)]
             /\ lbl :: \E i \in 1..N : P(x)
        B == Ch!Op(1) /\ UNCHANGED <<x>>
        ====
        """;
}
