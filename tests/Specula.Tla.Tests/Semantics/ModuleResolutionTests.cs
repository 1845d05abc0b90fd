using Specula.Tla.Semantics;
using Specula.Tla.Syntax;

namespace Specula.Tla.Tests.Semantics;

public sealed class ModuleResolutionTests
{
    private const string Base = """
        ---- MODULE Base ----
        EXTENDS Naturals
        CONSTANT N
        VARIABLE x
        Inc(a) == a + 1
        LOCAL Hidden == 42
        ====
        """;

    [Fact]
    public void Extended_user_module_found_beside_the_spec()
    {
        var module = Sem.Clean("""
            ---- MODULE Main ----
            EXTENDS Base
            Next == x' = Inc(x) /\ x < N
            ====
            """, Base);
        Assert.Equal(["N"], module.Constants.Select(c => c.Name));
        Assert.Equal(["x"], module.Variables.Select(v => v.Name));
        Assert.Equal("Base", module.Lookup("Inc")!.ModuleName);
        Assert.Equal(Level.Action, module.LevelOf("Next"));
    }

    [Fact]
    public void Extends_is_transitive_for_standard_operators() => Sem.Clean("""
        ---- MODULE Main ----
        EXTENDS Base
        A == 1 + 2
        ====
        """, Base);

    [Fact]
    public void Local_definition_is_not_visible_to_importers()
    {
        Sem.Single("""
            ---- MODULE Main ----
            EXTENDS Base
            A == Hidden
            ====
            """, SemanticCodes.LocalNotVisible, 3, 6,
            "Unknown operator: 'Hidden'. 'Hidden' is LOCAL to module Base and not visible here.", Base);
    }

    [Fact]
    public void Local_instance_is_not_reexported()
    {
        Sem.Single("""
            ---- MODULE Main ----
            EXTENDS Lib
            A == Len(<<1>>)
            ====
            """, SemanticCodes.UnknownOperator, 3, 6, null, """
            ---- MODULE Lib ----
            LOCAL INSTANCE Sequences
            First(s) == Head(s)
            ====
            """);
    }

    [Fact]
    public void Unknown_module_is_reported_at_its_name()
    {
        Sem.Single("""
            ---- MODULE Main ----
            EXTENDS Naturals, Missing
            A == Foo
            ====
            """, SemanticCodes.UnknownModule, 2, 19, "Cannot find source file for module Missing imported in module Main.");
    }

    [Fact]
    public void Misspelled_standard_module_gets_a_suggestion()
    {
        Sem.Single("""
            ---- MODULE Main ----
            EXTENDS Natural, TLC
            ====
            """, SemanticCodes.UnknownModule, 2, 9, "Cannot find source file for module Natural imported in module Main. Did you mean Naturals?");
    }

    [Fact]
    public void Unknown_instance_module_is_reported_at_its_name()
    {
        Sem.Single("""
            ---- MODULE Main ----
            I == INSTANCE Nowhere
            A == I!Foo
            ====
            """, SemanticCodes.UnknownModule, 2, 15);
    }

    [Fact]
    public void Circular_extends_is_reported_with_the_cycle()
    {
        var result = Sem.Check("""
            ---- MODULE A ----
            EXTENDS B
            ====
            """, """
            ---- MODULE B ----
            EXTENDS C
            ====
            """, """
            ---- MODULE C ----
            EXTENDS A
            ====
            """);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(SemanticCodes.CircularDependency, d.Code);
        Assert.Equal("Circular dependency among modules: A -> B -> C -> A.", d.Message);
        Assert.Equal("/spec/C.tla", d.Location.Path);
        Assert.Equal((2, 9), (d.Location.Line, d.Location.Column));
    }

    [Fact]
    public void Circular_instance_is_reported()
    {
        var result = Sem.Check("""
            ---- MODULE A ----
            I == INSTANCE B
            ====
            """, """
            ---- MODULE B ----
            INSTANCE A
            ====
            """);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(SemanticCodes.CircularDependency, d.Code);
        Assert.Equal("Circular dependency among modules: A -> B -> A.", d.Message);
        Assert.Equal((2, 10), (d.Location.Line, d.Location.Column));
    }

    [Fact]
    public void Module_extending_itself()
    {
        Sem.Single("""
            ---- MODULE A ----
            EXTENDS A
            ====
            """, SemanticCodes.CircularDependency, 2, 9, "Circular dependency among modules: A -> A.");
    }

    [Fact]
    public void File_name_must_match_module_name()
    {
        var fs = new MemoryFileSystem();
        fs.Files["/spec/Main.tla"] = "---- MODULE Main ----\nEXTENDS Other\n====\n";
        fs.Files["/spec/Other.tla"] = "---- MODULE Wrong ----\n====\n";
        var set = new ModuleSet(TlaParser.Parse, null, fs);
        var result = SemanticChecker.Check(set, set.AddFile("/spec/Main.tla")!);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(SemanticCodes.ModuleNameMismatch, d.Code);
        Assert.Equal("/spec/Other.tla:1:13", d.Location.ToString());
    }

    [Fact]
    public void Modules_following_the_first_in_a_file_are_available()
    {
        var module = Sem.Clean("""
            ---- MODULE Main ----
            EXTENDS Helpers
            A == Double(2)
            ====
            ---- MODULE Helpers ----
            EXTENDS Naturals
            Double(n) == 2 * n
            ====
            """);
        Assert.Equal("Helpers", module.Lookup("Double")!.ModuleName);
    }

    [Fact]
    public void Root_file_name_must_match_module_name()
    {
        var fs = new MemoryFileSystem();
        fs.Files["/spec/Main.tla"] = "---- MODULE Other ----\n====\n";
        var set = new ModuleSet(TlaParser.Parse, null, fs);
        var result = SemanticChecker.Check(set, set.AddFile("/spec/Main.tla")!);
        Assert.Equal("1:13 TLA3022 File name 'Main' does not match the name 'Other' of the top level module it contains.",
            Sem.Render(Assert.Single(result.Diagnostics)));
    }

    [Fact]
    public void Modules_are_found_on_the_library_path_and_parsed_once()
    {
        var fs = new MemoryFileSystem();
        fs.Files["/spec/Main.tla"] = "---- MODULE Main ----\nEXTENDS Lib, Mid\nA == LibOp /\\ MidOp\n====\n";
        fs.Files["/spec/Mid.tla"] = "---- MODULE Mid ----\nEXTENDS Lib\nMidOp == LibOp\n====\n";
        fs.Files["/lib/Lib.tla"] = "---- MODULE Lib ----\nLibOp == TRUE\n====\n";
        var set = new ModuleSet(TlaParser.Parse, ["/lib"], fs);
        var result = SemanticChecker.Check(set, set.AddFile("/spec/Main.tla")!);
        Assert.True(result.Succeeded, Sem.Render(result));
        Assert.Equal(3, fs.Reads);
        Assert.Equal(["/spec", "/lib"], set.SearchPaths);
    }

    [Fact]
    public void Check_by_name_reports_a_missing_root()
    {
        var set = new ModuleSet(TlaParser.Parse, null, new MemoryFileSystem());
        var result = SemanticChecker.Check(set, "Nope");
        Assert.Null(result.Module);
        Assert.Equal(SemanticCodes.UnknownModule, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Community_module_copy_beside_the_spec_replaces_the_table() => Sem.Clean("""
        ---- MODULE Main ----
        EXTENDS Functions
        A == MyOwnHelper
        ====
        """, """
        ---- MODULE Functions ----
        MyOwnHelper == TRUE
        ====
        """);

    [Fact]
    public void Core_standard_module_is_never_read_from_disk() => Sem.Clean("""
        ---- MODULE Main ----
        EXTENDS Naturals
        A == 1 + 1
        ====
        """, """
        ---- MODULE Naturals ----
        Broken == 
        ====
        """);

    [Fact]
    public void Broken_imported_module_does_not_cascade()
    {
        var result = Sem.Check("""
            ---- MODULE Main ----
            EXTENDS Broken
            A == Something(1) /\ Other
            ====
            """, "---- MODULE Broken ----\nVARIABLE \nOp == (1 +\n====\n");
        Assert.NotEmpty(result.Diagnostics);
        Assert.All(result.Diagnostics, d => Assert.Equal("/spec/Broken.tla", d.Location.Path));
        Assert.DoesNotContain(result.Diagnostics, d => d.Code.StartsWith("TLA3", StringComparison.Ordinal));
    }

    [Fact]
    public void Unparseable_imported_file_does_not_cascade()
    {
        var fs = new MemoryFileSystem();
        fs.Files["/spec/Main.tla"] = "---- MODULE Main ----\nEXTENDS Junk\nA == Something(1)\n====\n";
        fs.Files["/spec/Junk.tla"] = "this is not a module at all";
        var set = new ModuleSet(TlaParser.Parse, null, fs);
        var result = SemanticChecker.Check(set, set.AddFile("/spec/Main.tla")!);
        Assert.NotEmpty(result.Diagnostics);
        Assert.DoesNotContain(result.Diagnostics, d => d.Code.StartsWith("TLA3", StringComparison.Ordinal));
        Assert.True(result.Module!.IsIncomplete);
    }

    [Fact]
    public void Opaque_modules_suppress_unknown_names()
    {
        var module = Sem.Clean("""
            ---- MODULE Main ----
            EXTENDS Naturals, Apalache
            A == Gen(3) /\ SomethingElse
            ====
            """);
        Assert.True(module.IsIncomplete);
    }

    [Fact]
    public void Proof_libraries_are_modelled() => Sem.Clean("""
        ---- MODULE Main ----
        EXTENDS Naturals, TLAPS, NaturalsInduction, FiniteSetTheorems, SequenceTheorems
        Def(f, n) == IF n = 0 THEN 1 ELSE n * f[n - 1]
        THEOREM NatInductiveDefConclusion(factorial, 1, Def) BY SMT
        THEOREM \A S : IsFiniteSet(S) => S \in FiniteSubsetsOf(S) \/ Cardinality(S) \in Nat
        ====
        """);

    [Fact]
    public void Proof_library_reports_unknown_names()
    {
        Sem.Single("""
            ---- MODULE Main ----
            EXTENDS TLAPS, NaturalsInduction
            A == SomeInductionOperator(1)
            ====
            """, SemanticCodes.UnknownOperator, 3, 6);
    }

    [Fact]
    public void Nested_module_sees_earlier_outer_definitions_and_is_instantiable()
    {
        var module = Sem.Clean("""
            ---- MODULE Outer ----
            EXTENDS Naturals
            VARIABLE x
            Limit == 10
            ---- MODULE Inner ----
            VARIABLE y
            Step == y' = y + 1 /\ y < Limit
            ====
            I(y) == INSTANCE Inner
            Spec == \EE y : I(y)!Step
            ====
            """);
        Assert.True(module.NestedModules.ContainsKey("Inner"));
        Assert.Equal(Level.Temporal, module.LevelOf("Spec"));
    }

    [Fact]
    public void Nested_module_definitions_are_not_visible_in_the_outer_module()
    {
        Sem.Single("""
            ---- MODULE Outer ----
            ---- MODULE Inner ----
            InnerOp == TRUE
            ====
            A == InnerOp
            ====
            """, SemanticCodes.UnknownOperator, 5, 6, "Unknown operator: 'InnerOp'.");
    }

    [Fact]
    public void Nested_module_redefining_an_outer_name()
    {
        Sem.Single("""
            ---- MODULE Outer ----
            A == 1
            ---- MODULE Inner ----
            A == 2
            ====
            ====
            """, SemanticCodes.MultiplyDefined, 4, 1);
    }

    [Fact]
    public void Clash_between_two_extended_modules_is_a_warning()
    {
        var result = Sem.Check("""
            ---- MODULE Main ----
            EXTENDS P, Q
            ====
            """, "---- MODULE P ----\nOp == 1\n====\n", "---- MODULE Q ----\nOp == 2\n====\n");
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(Specula.Tla.Diagnostics.DiagnosticSeverity.Warning, d.Severity);
        Assert.Equal("2:12 TLA3003 Multiple declarations or definitions for symbol Op. This duplicates the one at line 2, col 1 to line 2, col 2 of module P.", Sem.Render(d));
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Every_standard_module_loads_cleanly()
    {
        foreach (var name in StandardModules.All.Keys)
        {
            var result = Sem.Check($"---- MODULE Main ----\nEXTENDS {name}\n====\n");
            Assert.True(result.Succeeded, name + ": " + Sem.Render(result));
        }
    }

    [Theory]
    [InlineData("Naturals", "Nat", 0)]
    [InlineData("Naturals", "..", 2)]
    [InlineData("Integers", "Int", 0)]
    [InlineData("Integers", "-.", 1)]
    [InlineData("Integers", "+", 2)]
    [InlineData("Reals", "Real", 0)]
    [InlineData("Reals", "/", 2)]
    [InlineData("Sequences", "SubSeq", 3)]
    [InlineData("Sequences", @"\o", 2)]
    [InlineData("FiniteSets", "Cardinality", 1)]
    [InlineData("Bags", @"\oplus", 2)]
    [InlineData("Bags", "BagOfAll", 2)]
    [InlineData("TLC", ":>", 2)]
    [InlineData("TLC", "@@", 2)]
    [InlineData("TLC", "Permutations", 1)]
    [InlineData("TLCExt", "AssertEq", 2)]
    [InlineData("Randomization", "RandomSubset", 2)]
    [InlineData("Json", "ndJsonDeserialize", 1)]
    [InlineData("IOUtils", "IOExec", 1)]
    [InlineData("SequencesExt", "ReplaceAll", 3)]
    [InlineData("SequencesExt", "Len", 1)]
    [InlineData("FiniteSetsExt", "Max", 1)]
    [InlineData("Functions", "Range", 1)]
    [InlineData("Folds", "MapThenFoldSet", 5)]
    [InlineData("BagsExt", "BagAdd", 2)]
    public void Standard_module_exports(string module, string name, int arity)
    {
        var resolved = Sem.Clean($"---- MODULE Main ----\nEXTENDS {module}\n====\n");
        var symbol = resolved.Lookup(name);
        Assert.NotNull(symbol);
        Assert.Equal(arity, symbol.Arity);
        Assert.Equal(Level.Constant, symbol.Level);
        Assert.Equal(SymbolKind.StandardOperator, symbol.Kind);
    }

    [Fact]
    public void Operator_synonyms_resolve_to_one_symbol()
    {
        var resolved = Sem.Clean("---- MODULE Main ----\nEXTENDS Naturals\nA == 1 \\leq 2 /\\ 1 =< 2 /\\ 1 <= 2\n====\n");
        Assert.Same(resolved.Lookup("<="), resolved.Lookup(@"\leq"));
        Assert.Same(resolved.Lookup("<="), resolved.Lookup("=<"));
    }
}
