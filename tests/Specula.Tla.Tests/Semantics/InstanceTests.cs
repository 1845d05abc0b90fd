using Specula.Tla.Semantics;
using Specula.Tla.Syntax;

namespace Specula.Tla.Tests.Semantics;

public sealed class InstanceTests
{
    private const string Channel = """
        ---- MODULE Channel ----
        EXTENDS Naturals
        CONSTANT Data
        VARIABLE chan
        TypeOK == chan \in Data
        Send(d) == chan' = d
        LOCAL Secret == 1
        Sub == INSTANCE Counter WITH n <- chan
        ====
        """;

    private const string Counter = """
        ---- MODULE Counter ----
        VARIABLE n
        Unchanged == UNCHANGED n
        ====
        """;

    [Fact]
    public void Named_instance_with_substitutions()
    {
        var module = Sem.Clean("""
            ---- MODULE Main ----
            VARIABLE c
            Ch == INSTANCE Channel WITH Data <- {1, 2}, chan <- c
            Next == Ch!Send(1)
            Inv == Ch!TypeOK
            Keep == Ch!Sub!Unchanged
            ====
            """, Channel, Counter);
        Assert.Equal(Level.Action, module.LevelOf("Next"));
        Assert.Equal(Level.State, module.LevelOf("Inv"));
        Assert.Equal(Level.Action, module.LevelOf("Keep"));
        var ch = module.Lookup("Ch")!;
        Assert.Equal(SymbolKind.Instance, ch.Kind);
        Assert.Equal("Channel", ch.Instance!.Module.Name);
        Assert.Equal(["Data", "chan"], ch.Instance.Substitutions.Select(s => s.Parameter.Name));
    }

    [Fact]
    public void Implicit_substitution_by_same_name()
    {
        var module = Sem.Clean("""
            ---- MODULE Main ----
            CONSTANT Data
            VARIABLE chan
            Ch == INSTANCE Channel
            ====
            """, Channel, Counter);
        var substitutions = module.Lookup("Ch")!.Instance!.Substitutions;
        Assert.All(substitutions, s => Assert.NotNull(s.Implicit));
        Assert.Same(module.Lookup("chan"), substitutions.Single(s => s.Parameter.Name == "chan").Implicit);
    }

    [Fact]
    public void Missing_substitution_is_reported()
    {
        Sem.Single("""
            ---- MODULE Main ----
            VARIABLE chan
            Ch == INSTANCE Channel
            ====
            """, SemanticCodes.MissingSubstitution, 3, 16,
            "The instance of module Channel needs a substitution for constant 'Data': write WITH Data <- ..., or define 'Data' in module Main.",
            Channel, Counter);
    }

    [Fact]
    public void Unknown_substitution_target_is_reported()
    {
        Sem.Single("""
            ---- MODULE Main ----
            CONSTANT Data
            VARIABLE chan
            Ch == INSTANCE Channel WITH Bogus <- 1
            ====
            """, SemanticCodes.UnknownSubstitutionTarget, 4, 29,
            "Symbol 'Bogus' is not a constant or variable of module Channel, so it cannot be substituted.", Channel, Counter);
    }

    [Fact]
    public void Duplicate_substitution_is_reported()
    {
        Sem.Single("""
            ---- MODULE Main ----
            VARIABLE chan
            Ch == INSTANCE Channel WITH Data <- 1, Data <- 2
            ====
            """, SemanticCodes.DuplicateSubstitution, 3, 40, null, Channel, Counter);
    }

    [Fact]
    public void Constant_substituted_by_a_variable_is_a_level_error()
    {
        Sem.Single("""
            ---- MODULE Main ----
            VARIABLE chan, v
            Ch == INSTANCE Channel WITH Data <- v
            ====
            """, SemanticCodes.SubstitutionLevel, 3, 29,
            "Level error in instantiating module 'Channel': the expression substituted for 'Data' has state level, but a constant can only be replaced by an expression of at most constant level.",
            Channel, Counter);
    }

    [Fact]
    public void Unknown_operator_through_instance()
    {
        Sem.Single("""
            ---- MODULE Main ----
            CONSTANT Data
            VARIABLE chan
            Ch == INSTANCE Channel
            A == Ch!Receive
            ====
            """, SemanticCodes.UnknownOperator, 5, 9, "Unknown operator: 'Ch!Receive'.", Channel, Counter);
    }

    [Fact]
    public void Local_definition_through_instance()
    {
        Sem.Single("""
            ---- MODULE Main ----
            CONSTANT Data
            VARIABLE chan
            Ch == INSTANCE Channel
            A == Ch!Secret
            ====
            """, SemanticCodes.LocalNotVisible, 5, 9, null, Channel, Counter);
    }

    [Fact]
    public void Arity_checked_through_instance()
    {
        Sem.Single("""
            ---- MODULE Main ----
            CONSTANT Data
            VARIABLE chan
            Ch == INSTANCE Channel
            A == Ch!Send
            ====
            """, SemanticCodes.ArityMismatch, 5, 9, "The operator Ch!Send requires 1 argument.", Channel, Counter);
    }

    [Fact]
    public void Parameterized_instance()
    {
        var module = Sem.Clean("""
            ---- MODULE Main ----
            CONSTANT Data
            VARIABLE chans
            Ch(i) == INSTANCE Channel WITH chan <- chans[i]
            Next == \E i \in {1, 2} : Ch(i)!Send(1)
            ====
            """, Channel, Counter);
        Assert.Equal(Level.Action, module.LevelOf("Next"));
    }

    [Fact]
    public void Parameterized_instance_with_wrong_argument_count()
    {
        Sem.Single("""
            ---- MODULE Main ----
            CONSTANT Data
            VARIABLE chans
            Ch(i) == INSTANCE Channel WITH chan <- chans[i]
            Next == Ch!Send(1)
            ====
            """, SemanticCodes.ArityMismatch, 5, 9, "The instance Ch requires 1 argument.", Channel, Counter);
    }

    [Fact]
    public void Path_through_a_non_instance()
    {
        Sem.Single("""
            ---- MODULE Main ----
            VARIABLE x
            A == x!Op
            ====
            """, SemanticCodes.NotAnInstance, 3, 6, "'x' is not a module instance, so 'x!...' cannot be used.");
    }

    [Fact]
    public void Instance_name_used_as_a_value()
    {
        Sem.Single("""
            ---- MODULE Main ----
            CONSTANT Data
            VARIABLE chan
            Ch == INSTANCE Channel
            A == Ch
            ====
            """, SemanticCodes.NotAnInstance, 5, 6, null, Channel, Counter);
    }

    [Fact]
    public void Unnamed_instance_imports_definitions()
    {
        var module = Sem.Clean("""
            ---- MODULE Main ----
            VARIABLE c
            INSTANCE Channel WITH Data <- {1}, chan <- c
            Next == Send(1)
            ====
            """, Channel, Counter);
        var send = module.Lookup("Send")!;
        Assert.NotNull(send.Origin);
        Assert.Equal("Channel", send.Instance!.Module.Name);
        Assert.Same(send, module.Exports["Send"]);
        Assert.False(module.Exports.ContainsKey("chan"));
        Assert.Equal(Level.Action, module.LevelOf("Next"));
    }

    [Fact]
    public void Local_unnamed_instance_is_not_exported()
    {
        var module = Sem.Clean("""
            ---- MODULE Main ----
            VARIABLE c
            LOCAL INSTANCE Channel WITH Data <- {1}, chan <- c
            ====
            """, Channel, Counter);
        Assert.NotNull(module.Lookup("Send"));
        Assert.False(module.Exports.ContainsKey("Send"));
    }

    [Fact]
    public void Unnamed_instance_clashing_with_own_definition()
    {
        Sem.Single("""
            ---- MODULE Main ----
            VARIABLE c
            Send == 1
            INSTANCE Channel WITH Data <- {1}, chan <- c
            ====
            """, SemanticCodes.MultiplyDefined, 4, 10, null, Channel, Counter);
    }

    [Fact]
    public void Refinement_mapping_with_operator_constant()
    {
        Sem.Clean("""
            ---- MODULE Main ----
            EXTENDS Naturals
            VARIABLE y
            A == INSTANCE Abstract WITH F <- LAMBDA a : a + 1, v <- y
            Refines == A!Spec
            ====
            """, """
            ---- MODULE Abstract ----
            CONSTANT F(_)
            VARIABLE v
            Spec == v = F(0) /\ [][v' = F(v)]_v
            ====
            """);
    }

    [Fact]
    public void Operator_constant_substituted_by_wrong_arity()
    {
        Sem.Single("""
            ---- MODULE Main ----
            VARIABLE v
            G(a, b) == a
            A == INSTANCE Abstract WITH F <- G
            ====
            """, SemanticCodes.OperatorArgumentExpected, 4, 29, null, """
            ---- MODULE Abstract ----
            CONSTANT F(_)
            VARIABLE v
            ====
            """);
    }

    [Fact]
    public void Instance_inside_let() => Sem.Clean("""
        ---- MODULE Main ----
        EXTENDS Naturals
        Sum(S) == LET F == INSTANCE FiniteSetsExt IN F!SumSet(S)
        ====
        """);

    [Fact]
    public void Path_segments_resolve_to_instance_symbols()
    {
        var result = Sem.Check("""
            ---- MODULE Main ----
            VARIABLE c
            Ch == INSTANCE Channel WITH Data <- {1}, chan <- c
            Next == Ch!Sub!Unchanged
            ====
            """, Channel, Counter);
        Assert.True(result.Succeeded, Sem.Render(result));
        var module = result.Module!;
        var next = (OperatorDef)module.Lookup("Next")!.Declaration!;
        var app = Assert.IsType<OpApp>(next.Body);
        Assert.Same(module.Lookup("Ch"), module.Resolve(app.Path[0]));
        Assert.Equal("Sub", module.Resolve(app.Path[1])!.Name);
        var target = module.Resolve(app)!;
        Assert.Equal("Unchanged", target.Name);
        Assert.Equal("Counter", target.ModuleName);
    }
}
