using Specula.Tla.Config;
using Specula.Tla.Diagnostics;

namespace Specula.Tla.Tests.Config;

/// <summary>Well-formed configurations: what each keyword gives, with positions.</summary>
public sealed class ModelConfigReaderTests
{
    private static ModelConfig ReadClean(string text)
    {
        var result = ModelConfigReader.Read("MC.cfg", text);
        Assert.True(result.Diagnostics.IsEmpty, string.Join("\n", result.Diagnostics));
        Assert.True(result.Succeeded);
        return result.Config;
    }

    private static string Names(IEnumerable<ConfigName> names) => string.Join(" ", names.Select(n => n.Name));

    [Fact]
    public void Empty_file_gives_an_empty_config_with_deadlock_checked()
    {
        var config = ReadClean("");
        Assert.Equal("MC.cfg", config.Path);
        Assert.Null(config.Specification);
        Assert.Null(config.Init);
        Assert.Null(config.Next);
        Assert.Empty(config.Constants);
        Assert.Empty(config.Invariants);
        Assert.Null(config.CheckDeadlockSetting);
        Assert.True(config.CheckDeadlock);
    }

    [Fact]
    public void Only_comments_and_whitespace_is_empty()
    {
        var config = ReadClean("\\* a comment\n(* block\n (* nested *) still comment \\* *)\r\n\t  \n");
        Assert.Empty(config.Constants);
        Assert.Null(config.Specification);
    }

    [Fact]
    public void Specification_with_position()
    {
        var config = ReadClean("\n  SPECIFICATION   Spec\n");
        Assert.Equal("Spec", config.Specification!.Name);
        Assert.Equal(new SourceLocation("MC.cfg", 2, 19, 2, 23), config.Specification.Location);
    }

    [Fact]
    public void Init_and_next()
    {
        var config = ReadClean("INIT Init\nNEXT Next");
        Assert.Equal("Init", config.Init!.Name);
        Assert.Equal("Next", config.Next!.Name);
        Assert.Equal(2, config.Next.Location.Line);
        Assert.Equal(6, config.Next.Location.Column);
    }

    [Fact]
    public void Name_may_be_on_the_next_line()
    {
        var config = ReadClean("SPECIFICATION\n  Spec\n");
        Assert.Equal("Spec", config.Specification!.Name);
        Assert.Equal(2, config.Specification.Location.Line);
        Assert.Equal(3, config.Specification.Location.Column);
    }

    [Fact]
    public void Integer_constants()
    {
        var config = ReadClean("CONSTANTS N = 3 M = 0 Big = 2147483647");
        Assert.Equal(["N = 3", "M = 0", "Big = 2147483647"], config.Constants.Select(c => c.ToString()));
        var n = Assert.IsType<ConfigInteger>(config.Constants[0].Value);
        Assert.Equal(3, (int)n.Value);
        Assert.Equal(new SourceLocation("MC.cfg", 1, 15, 1, 16), n.Location);
        Assert.Equal(new SourceLocation("MC.cfg", 1, 11, 1, 12), config.Constants[0].Location);
        Assert.Null(config.Constants[0].Module);
        Assert.True(config.Constants[0].Arguments.IsEmpty);
    }

    [Fact]
    public void Model_value_of_its_own_name()
    {
        var config = ReadClean("CONSTANT a = a\nCONSTANT b = c");
        Assert.True(config.Constants[0].IsModelValueOfItsName);
        Assert.False(config.Constants[1].IsModelValueOfItsName);
        var c = Assert.IsType<ConfigModelValue>(config.Constants[1].Value);
        Assert.Equal("c", c.Name);
    }

    [Fact]
    public void Set_of_model_values_across_lines()
    {
        var config = ReadClean("CONSTANTS\n  Procs = {p1,\n           p2, p3}\n");
        var set = Assert.IsType<ConfigSet>(config.Constants[0].Value);
        Assert.Equal(["p1", "p2", "p3"], set.Elements.Select(e => Assert.IsType<ConfigModelValue>(e).Name));
        Assert.Equal(new SourceLocation("MC.cfg", 2, 11, 3, 19), set.Location);
        Assert.Equal(new SourceLocation("MC.cfg", 3, 12, 3, 14), set.Elements[1].Location);
        Assert.Equal("{p1, p2, p3}", set.ToString());
    }

    [Fact]
    public void Strings_booleans_empty_and_nested_sets()
    {
        var config = ReadClean("CONSTANTS S = \"abc\" T = TRUE F = FALSE E = {} Nested = {{1, 2}, {}, {\"x\"}} Mixed = {a, 1}");
        Assert.Equal("abc", Assert.IsType<ConfigString>(config.ValueOf("S")).Value);
        Assert.True(Assert.IsType<ConfigBoolean>(config.ValueOf("T")).Value);
        Assert.False(Assert.IsType<ConfigBoolean>(config.ValueOf("F")).Value);
        Assert.Empty(Assert.IsType<ConfigSet>(config.ValueOf("E")).Elements);
        Assert.Equal("{{1, 2}, {}, {\"x\"}}", config.ValueOf("Nested")!.ToString());
        Assert.Equal("{a, 1}", config.ValueOf("Mixed")!.ToString());
    }

    [Fact]
    public void String_escapes_are_kept_as_written_like_TLC()
    {
        // TLC's ModelConfig strips the quotes and keeps the rest: "a\"b" is the 4-character string a\"b.
        var config = ReadClean("CONSTANT S = \"a\\\"b\\n\"");
        Assert.Equal("a\\\"b\\n", Assert.IsType<ConfigString>(config.ValueOf("S")).Value);
    }

    [Fact]
    public void Names_like_BOOLEAN_and_Nat_are_model_values_as_in_TLC()
    {
        var config = ReadClean("CONSTANTS B = BOOLEAN N = Nat");
        Assert.Equal("BOOLEAN", Assert.IsType<ConfigModelValue>(config.ValueOf("B")).Name);
        Assert.Equal("Nat", Assert.IsType<ConfigModelValue>(config.ValueOf("N")).Name);
    }

    [Fact]
    public void Overrides_with_and_without_module()
    {
        var config = ReadClean("CONSTANTS\n  Op <- Def\n  Ballot <-[Voting] MCBallot\n  Nat <- [ZSequences]ZSeqNat\n");
        Assert.Equal(["Op <- Def", "Ballot <- [Voting] MCBallot", "Nat <- [ZSequences] ZSeqNat"], config.Overrides.Select(o => o.ToString()));
        Assert.Null(config.Overrides[0].Module);
        Assert.Equal("Voting", config.Overrides[1].Module);
        Assert.Equal("MCBallot", config.Overrides[1].Definition);
        Assert.Equal(new SourceLocation("MC.cfg", 3, 3, 3, 9), config.Overrides[1].Location);
        Assert.Equal(new SourceLocation("MC.cfg", 3, 21, 3, 29), config.Overrides[1].DefinitionLocation);
        Assert.Equal("Def", config.OverrideOf("Op")!.Definition);
        Assert.Null(config.OverrideOf("Ballot"));
        Assert.Empty(config.Constants);
    }

    [Fact]
    public void Override_of_an_infix_operator()
    {
        var config = ReadClean("CONSTANT + <- MyPlus \\prec <- MyPrec");
        Assert.Equal(["+", "\\prec"], config.Overrides.Select(o => o.Name));
    }

    [Fact]
    public void Module_specific_assignment()
    {
        var config = ReadClean("CONSTANTS\n  NoHash = [Nano]NoHashVal\n");
        var constant = Assert.Single(config.Constants);
        Assert.Equal("Nano", constant.Module);
        Assert.Equal("NoHashVal", Assert.IsType<ConfigModelValue>(constant.Value).Name);
        Assert.Equal("NoHash = [Nano] NoHashVal", constant.ToString());
        Assert.Null(config.ValueOf("NoHash"));
    }

    [Fact]
    public void Names_through_instances_with_bang()
    {
        var config = ReadClean("CONSTANTS I!N = 3 A!B!C <- D");
        Assert.Equal("I!N", config.Constants[0].Name);
        Assert.Equal("A!B!C", config.Overrides[0].Name);
    }

    [Fact]
    public void Constant_operator_defined_pointwise()
    {
        var config = ReadClean("CONSTANTS\n  F(1) = a\n  F(2) = b\n  G(x, {1}) = TRUE\n");
        Assert.Equal(["F(1) = a", "F(2) = b", "G(x, {1}) = TRUE"], config.Constants.Select(c => c.ToString()));
        Assert.IsType<ConfigBoolean>(config.Constants[2].Value);
        Assert.Equal(2, config.Constants[2].Arguments.Length);
        Assert.Null(config.ValueOf("F"));
    }

    [Fact]
    public void All_list_keywords_and_their_singular_forms_accumulate()
    {
        var config = ReadClean(
            """
            INVARIANT A
            INVARIANTS B
              C
            PROPERTY P1 PROPERTIES P2
            CONSTRAINT C1 CONSTRAINTS C2
            ACTION_CONSTRAINT AC1
            ACTION_CONSTRAINTS AC2 AC3
            POSTCONDITION PC1 POSTCONDITIONS PC2
            INVARIANT D
            """);
        Assert.Equal("A B C D", Names(config.Invariants));
        Assert.Equal("P1 P2", Names(config.Properties));
        Assert.Equal("C1 C2", Names(config.Constraints));
        Assert.Equal("AC1 AC2 AC3", Names(config.ActionConstraints));
        Assert.Equal("PC1 PC2", Names(config.PostConditions));
        Assert.Equal(new SourceLocation("MC.cfg", 3, 3, 3, 4), config.Invariants[2].Location);
    }

    [Fact]
    public void Constants_sections_accumulate()
    {
        var config = ReadClean("CONSTANT N = 1\nINIT Init\nCONSTANTS M = 2 Op <- Def\nCONSTANT K = 3");
        Assert.Equal(["N", "M", "K"], config.Constants.Select(c => c.Name));
        Assert.Single(config.Overrides);
    }

    [Fact]
    public void Symmetry_view_alias()
    {
        var config = ReadClean("SYMMETRY Perms VIEW vars2 ALIAS Pretty");
        Assert.Equal("Perms", config.Symmetry!.Name);
        Assert.Equal("vars2", config.View!.Name);
        Assert.Equal("Pretty", config.Alias!.Name);
    }

    [Theory]
    [InlineData("CHECK_DEADLOCK FALSE", false)]
    [InlineData("CHECK_DEADLOCK TRUE", true)]
    [InlineData("CHECK_DEADLOCK\n  FALSE", false)]
    public void Check_deadlock(string text, bool expected)
    {
        var config = ReadClean(text);
        Assert.Equal(expected, config.CheckDeadlock);
        Assert.Equal(expected, config.CheckDeadlockSetting!.Value);
    }

    [Fact]
    public void Experimental_keywords_TLC_accepts()
    {
        var config = ReadClean("_PERIODIC Per _RL_REWARD Reward _POSSIBLE P1 P2");
        Assert.Equal("Per", config.Periodic!.Name);
        Assert.Equal("Reward", config.RLReward!.Name);
        Assert.Equal("P1 P2", Names(config.Possible));
    }

    [Fact]
    public void Comments_anywhere_between_tokens()
    {
        var config = ReadClean(
            """
            \* Header comment
            CONSTANTS (* inline *) N (* a *) = (* b *) 3 \* trailing
              S = { a, (* (* nested *) *) b }
            (*************************************************************)
            (* Note that "<-" tells TLC to replace a symbol              *)
            (*************************************************************)
            SPECIFICATION Spec \* the spec
            """);
        Assert.Equal("N = 3", config.Constants[0].ToString());
        Assert.Equal("S = {a, b}", config.Constants[1].ToString());
        Assert.Equal(7, config.Specification!.Location.Line);
    }

    [Fact]
    public void Keywords_run_together_on_one_line()
    {
        var config = ReadClean("CONSTANTS N = 1 P = 2 INIT Init NEXT Next INVARIANT Inv CHECK_DEADLOCK FALSE");
        Assert.Equal(2, config.Constants.Length);
        Assert.Equal("Init", config.Init!.Name);
        Assert.Equal("Inv", Names(config.Invariants));
        Assert.False(config.CheckDeadlock);
    }

    [Fact]
    public void Windows_line_endings_and_tabs_and_byte_order_mark()
    {
        var config = ReadClean("\uFEFFCONSTANTS\r\n\tN = 3\r\nSPECIFICATION\tSpec\r\n");
        Assert.Equal(new SourceLocation("MC.cfg", 2, 2, 2, 3), config.Constants[0].Location);
        Assert.Equal(new SourceLocation("MC.cfg", 3, 15, 3, 19), config.Specification!.Location);
    }

    [Fact]
    public void Unicode_is_read_in_strings_and_comments_but_arrow_is_not_substitution_as_in_TLC()
    {
        var config = ReadClean("CONSTANTS A = \"h\u00E9llo\" \\* caf\u00E9 \u2190\n (* \u2190 *) B = \u2115");
        Assert.Equal("h\u00E9llo", Assert.IsType<ConfigString>(config.ValueOf("A")).Value);
        Assert.Equal("\u2115", Assert.IsType<ConfigModelValue>(config.ValueOf("B")).Name);

        // TLC compares token texts with "<-" and "<<": the Unicode forms SANY accepts in modules are not accepted here.
        var arrow = ModelConfigReader.Read("MC.cfg", "CONSTANTS Op \u2190 Def");
        Assert.Equal(
            "MC.cfg:1:14: error TLA4014: It was expecting = or <- after Op, but found '\u2190'.",
            Assert.Single(arrow.Diagnostics).ToString());
        var tuple = ModelConfigReader.Read("MC.cfg", "CONSTANTS T = \u27E81\u27E9");
        Assert.Equal(
            "MC.cfg:1:15: error TLA4015: Expected a value after 'T =', but found '\u27E8'.",
            Assert.Single(tuple.Diagnostics).ToString());
    }

    [Fact]
    public void A_non_ASCII_letter_ends_the_file_as_in_TLC()
    {
        // TLC's lexer fails on the letter and takes it for the end of the file: A = caf, and B is never read.
        var result = ModelConfigReader.Read("MC.cfg", "CONSTANTS A = caf\u00E9 B = 2");
        Assert.True(result.Succeeded);
        Assert.Equal("caf", result.Config.ValueOf("A")!.ToString());
        Assert.Null(result.Config.ValueOf("B"));
        Assert.Equal(
            "MC.cfg:1:18: warning TLA4001: Unexpected character '\u00E9'. TLC ignores the rest of the file.",
            Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void Identifiers_may_start_with_digits_as_in_TLA()
    {
        var config = ReadClean("CONSTANTS S = {1a, 2b_c} INVARIANT 3Inv");
        Assert.Equal("{1a, 2b_c}", config.ValueOf("S")!.ToString());
        Assert.Equal("3Inv", config.Invariants[0].Name);
    }

    [Fact]
    public void Value_of_uses_the_last_assignment_and_override_wins()
    {
        var result = ModelConfigReader.Read("MC.cfg", "CONSTANTS N = 1 N = 5 M = 2 M <- Def");
        Assert.True(result.Succeeded);
        Assert.Equal("5", result.Config.ValueOf("N")!.ToString());
        Assert.Null(result.Config.ValueOf("M"));
        Assert.Equal("Def", result.Config.OverrideOf("M")!.Definition);
    }

    [Fact]
    public void Keyword_list_is_TLCs()
    {
        Assert.Equal(22, ConfigKeywords.All.Length);
        Assert.True(ConfigKeywords.IsKeyword("CONSTANTS"));
        Assert.False(ConfigKeywords.IsKeyword("Constants"));
        Assert.False(ConfigKeywords.IsKeyword("TYPE"));
        Assert.False(ConfigKeywords.IsKeyword("TYPE_CONSTRAINT"));
        Assert.Equal("INIT", ConfigKeywords.CaseInsensitiveMatch("Init"));
    }

    [Fact]
    public void Negative_integers_and_tuples_are_read_with_a_portability_warning()
    {
        var result = ModelConfigReader.Read("MC.cfg", "CONSTANTS N = -1 T = <<1, -2, {a}>> E = <<>>");
        Assert.True(result.Succeeded);
        Assert.Equal("-1", result.Config.ValueOf("N")!.ToString());
        var tuple = Assert.IsType<ConfigTuple>(result.Config.ValueOf("T"));
        Assert.Equal("<<1, -2, {a}>>", tuple.ToString());
        Assert.Equal(new SourceLocation("MC.cfg", 1, 22, 1, 36), tuple.Location);
        Assert.Empty(Assert.IsType<ConfigTuple>(result.Config.ValueOf("E")).Elements);
        Assert.All(result.Diagnostics, d =>
        {
            Assert.Equal(ConfigCodes.NotAcceptedByTlc, d.Code);
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        });
        Assert.Equal(
        [
            "MC.cfg:1:15: warning TLA4022: TLC does not accept negative integers in a configuration file ('-1'); Specula does.",
            "MC.cfg:1:22: warning TLA4022: TLC does not accept tuples in a configuration file; Specula does.",
            "MC.cfg:1:27: warning TLA4022: TLC does not accept negative integers in a configuration file ('-2'); Specula does.",
            "MC.cfg:1:41: warning TLA4022: TLC does not accept tuples in a configuration file; Specula does.",
        ], result.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(new SourceLocation("MC.cfg", 1, 15, 1, 17), result.Config.ValueOf("N")!.Location);
    }

    [Fact]
    public void Integers_TLC_cannot_read_are_read_with_a_warning()
    {
        var result = ModelConfigReader.Read("MC.cfg", "CONSTANTS A = 99999999999999999999 B = \\b101 C = \\o17 D = \\hFF");
        Assert.True(result.Succeeded);
        Assert.Equal("99999999999999999999", result.Config.ValueOf("A")!.ToString());
        Assert.Equal("5", result.Config.ValueOf("B")!.ToString());
        Assert.Equal("15", result.Config.ValueOf("C")!.ToString());
        Assert.Equal("255", result.Config.ValueOf("D")!.ToString());
        Assert.Equal(4, result.Diagnostics.Length);
        Assert.Equal(
            "TLC does not accept the integer 99999999999999999999 in a configuration file: it exceeds 2147483647.",
            result.Diagnostics[0].Message);
        Assert.Equal("TLC does not accept the literal '\\b101' in a configuration file; write 5 instead.", result.Diagnostics[1].Message);
    }

    [Fact]
    public void Model_value_names_in_order_of_first_appearance()
    {
        var config = ReadClean("CONSTANTS a = a Procs = {p1, {p2, a}, 3} F(x) = y None = None F(z) = \"s\" Op <- Def");
        Assert.Equal("a p1 p2 x y None z", string.Join(" ", config.ModelValueNames()));
    }

    [Fact]
    public void Values_format_back_to_cfg_text()
    {
        var config = ReadClean("CONSTANTS X = {a, \"s\", TRUE, {1, {}}}");
        Assert.Equal("X = {a, \"s\", TRUE, {1, {}}}", config.Constants[0].ToString());
    }
}
