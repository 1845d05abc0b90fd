using Specula.Tla.Config;
using Specula.Tla.Diagnostics;

namespace Specula.Tla.Tests.Config;

/// <summary>
/// Bad configurations and the exact diagnostics each must produce: code, severity, position and message. Where TLC
/// rejects the same input, the message follows TLC's wording (checked against TLC built from source).
/// </summary>
public sealed class MalformedConfigTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (input, expected) in Rows)
        {
            data.Add(input, expected);
        }
        return data;
    }

    private static readonly (string Input, string Expected)[] Rows =
    [
        ("constants N = 1",
            "MC.cfg:1:1: error TLA4010: It was expecting a keyword, but found 'constants'. Keywords are case-sensitive: did you mean CONSTANTS?"),
        ("INIT Init Next",
            "MC.cfg:1:11: error TLA4010: It was expecting a keyword, but found 'Next'. Keywords are case-sensitive: did you mean NEXT?"),
        ("TYPE Foo",
            "MC.cfg:1:1: error TLA4010: Unknown keyword 'TYPE'. The keywords are CONSTANT, CONSTANTS, CONSTRAINT, CONSTRAINTS, ACTION_CONSTRAINT, ACTION_CONSTRAINTS, INVARIANT, INVARIANTS, INIT, NEXT, VIEW, SYMMETRY, SPECIFICATION, PROPERTY, PROPERTIES, ALIAS, POSTCONDITION, POSTCONDITIONS, CHECK_DEADLOCK."),
        ("INVARIANTES TypeOK",
            "MC.cfg:1:1: error TLA4010: Unknown keyword 'INVARIANTES': did you mean INVARIANTS?"),
        ("SPECIFCATION Spec",
            "MC.cfg:1:1: error TLA4010: Unknown keyword 'SPECIFCATION': did you mean SPECIFICATION?"),
        ("CONSTANT_S N = 1",
            "MC.cfg:1:1: error TLA4010: Unknown keyword 'CONSTANT_S': did you mean CONSTANTS?"),
        ("Specification Spec",
            "MC.cfg:1:1: error TLA4010: It was expecting a keyword, but found 'Specification'. Keywords are case-sensitive: did you mean SPECIFICATION?"),
        ("====",
            "MC.cfg:1:1: error TLA4010: It was expecting a keyword, but found '===='."),
        ("INIT",
            "MC.cfg:1:1: error TLA4011: The keyword INIT was not followed by an identifier."),
        ("INIT\nNEXT Next",
            "MC.cfg:1:1: error TLA4011: The keyword INIT was not followed by an identifier."),
        ("SPECIFICATION\n\nINVARIANT Inv",
            "MC.cfg:1:1: error TLA4011: The keyword SPECIFICATION was not followed by an identifier."),
        ("INIT 3",
            "MC.cfg:1:6: error TLA4013: Expected the name of a definition after INIT, but found '3'."),
        ("INIT Init\nINIT Init2",
            "MC.cfg:2:1: error TLA4012: The keyword INIT appeared twice (first at line 1: INIT Init)."),
        ("VIEW V1 VIEW V2",
            "MC.cfg:1:9: error TLA4012: The keyword VIEW appeared twice (first at line 1: VIEW V1)."),
        ("SPECIFICATION Spec\nINIT Init\nNEXT Next",
            "MC.cfg:2:1: error TLA4018: The configuration file cannot specify both INIT/NEXT and SPECIFICATION fields (SPECIFICATION is at line 1)."),
        ("NEXT Next\nSPECIFICATION Spec",
            "MC.cfg:1:1: error TLA4018: The configuration file cannot specify both INIT/NEXT and SPECIFICATION fields (SPECIFICATION is at line 2)."),
        ("INVARIANT A, B",
            "MC.cfg:1:12: error TLA4013: Unexpected ',' in the INVARIANT list: TLC separates names with spaces or line breaks, not commas."),
        ("PROPERTY \"Live\"",
            "MC.cfg:1:10: error TLA4013: Expected the name of a definition in the PROPERTY list, but found '\"Live\"'."),
        ("INVARIANTS\nSPECIFICATION Spec",
            "MC.cfg:1:1: warning TLA4023: The keyword INVARIANTS is followed by no names."),
        ("CONSTANTS",
            "MC.cfg:1:1: warning TLA4023: The keyword CONSTANTS is followed by no assignments."),
        ("CONSTANTS N 3",
            "MC.cfg:1:13: error TLA4014: It was expecting = or <- after N, but found '3'."),
        ("CONSTANTS N",
            "MC.cfg:1:12: error TLA4014: It was expecting = or <- after N, but found the end of the file."),
        ("CONSTANTS = 3",
            "MC.cfg:1:11: error TLA4013: Expected the name of a constant, but found '='."),
        ("CONSTANTS 3 = v3",
            "MC.cfg:1:11: warning TLA4013: '3' is not a name a module can declare or define; TLC ignores this entry."),
        ("CONSTANTS \"N\" <- Def",
            "MC.cfg:1:11: warning TLA4013: '\"N\"' is not a name a module can declare or define; TLC ignores this entry."),
        ("CONSTANTS N =",
            "MC.cfg:1:14: error TLA4015: Expected a value after 'N =', but found the end of the file."),
        ("CONSTANTS N =\nINIT Init",
            "MC.cfg:2:1: error TLA4015: Expected a value after 'N =', but found the keyword INIT."),
        ("CONSTANTS N = ,",
            "MC.cfg:1:15: error TLA4015: Expected a value after 'N =', but found ','."),
        ("CONSTANTS S = {a, b",
            "MC.cfg:1:20: error TLA4016: It was expecting } or ',' in the set opened at line 1, column 15, but found the end of the file."),
        ("CONSTANTS S = {a b}",
            "MC.cfg:1:18: error TLA4016: It was expecting } or ',' in the set opened at line 1, column 15, but found 'b'."),
        ("CONSTANTS S = {a, }",
            "MC.cfg:1:19: error TLA4015: Expected a value after '{' or ',', but found '}'."),
        ("CONSTANTS S = {a,, b}",
            "MC.cfg:1:18: error TLA4015: Expected a value after '{' or ',', but found ','."),
        ("CONSTANTS S = {a, b)",
            "MC.cfg:1:20: error TLA4016: It was expecting } or ',' in the set opened at line 1, column 15, but found ')'."),
        ("CONSTANTS T = <<1, 2",
            "MC.cfg:1:21: error TLA4016: It was expecting >> or ',' in the tuple opened at line 1, column 15, but found the end of the file."),
        ("CONSTANTS F(1 = 2",
            "MC.cfg:1:15: error TLA4014: Expected ',' or ')' in the arguments of F, but found '='."),
        ("CONSTANTS F(1) <- G",
            "MC.cfg:1:16: error TLA4014: It was expecting = after F, but found '<-'."),
        ("CONSTANTS Op <-",
            "MC.cfg:1:16: error TLA4013: Expected the name of the definition replacing Op after '<-', but found the end of the file."),
        ("CONSTANTS Op <- 3",
            "MC.cfg:1:17: error TLA4013: Expected the name of the definition replacing Op after '<-', but found '3'."),
        ("CONSTANTS Op <- [Mod Def",
            "MC.cfg:1:22: error TLA4017: It was expecting ] after 'Op <- [Mod', but found 'Def'."),
        ("CONSTANTS Op <- [ ] Def",
            "MC.cfg:1:19: error TLA4017: Expected a module name after 'Op <- [', but found ']'."),
        ("CONSTANTS Op <- [] Def",
            "MC.cfg:1:17: error TLA4013: Expected the name of the definition replacing Op after '<-', but found '[]'."),
        ("CONSTANTS N = [M 3",
            "MC.cfg:1:18: error TLA4017: It was expecting ] after 'N = [M', but found '3'."),
        ("CONSTANTS A! = 3",
            "MC.cfg:1:14: error TLA4013: Expected a name after 'A!', but found '='."),
        ("CONSTANTS N = 1\n  N = 2",
            "MC.cfg:2:3: warning TLA4019: The constant N is assigned twice (also at line 1); TLC uses the last assignment, 2."),
        ("CONSTANTS N = 1 N <- Def",
            "MC.cfg:1:17: warning TLA4019: N is both assigned a value (line 1) and replaced by Def; TLC uses the replacement."),
        ("CONSTANTS Op <- A\nCONSTANTS Op <- B",
            "MC.cfg:2:11: warning TLA4019: Op is replaced twice (also at line 1); TLC uses the last replacement, B."),
        ("CONSTANTS F(1) = a F(1) = b",
            "MC.cfg:1:20: warning TLA4019: F(1) is assigned twice (also at line 1)."),
        ("CONSTANTS F(1) = 2\n  F(1, 2) = 3",
            "MC.cfg:2:3: error TLA4020: The constant F is given 2 arguments here but 1 argument at line 1; TLC requires a consistent arity."),
        ("CONSTANTS F = 2 F(1) = 3",
            "MC.cfg:1:17: error TLA4020: The constant F is given 1 argument here but no arguments at line 1; TLC requires a consistent arity."),
        ("CHECK_DEADLOCK yes",
            "MC.cfg:1:16: error TLA4021: It was expecting TRUE or FALSE after CHECK_DEADLOCK, but found 'yes'."),
        ("CHECK_DEADLOCK",
            "MC.cfg:1:1: error TLA4011: The keyword CHECK_DEADLOCK was not followed by TRUE or FALSE."),
        ("CHECK_DEADLOCK FALSE CHECK_DEADLOCK TRUE",
            "MC.cfg:1:22: error TLA4012: The keyword CHECK_DEADLOCK appeared twice (first at line 1)."),
        ("CONSTANTS N = ?",
            "MC.cfg:1:15: error TLA4001: Unexpected character '?'."),
        ("CONSTANTS N = 1 ? INIT Init",
            "MC.cfg:1:17: warning TLA4001: Unexpected character '?'. TLC ignores the rest of the file."),
        ("CONSTANTS S = \"abc\nINIT Init",
            "MC.cfg:1:15: error TLA4001: The string does not end on its line: a closing '\"' is missing."),
        ("CONSTANTS S = \"a\\qb\"",
            "MC.cfg:1:15: error TLA4001: The escape sequence '\\q' is not allowed in a string; TLA+ allows \\\", \\\\, \\n, \\t, \\r and \\f."),
        ("SPECIFICATION Spec (* no end",
            "MC.cfg:1:20: warning TLA4002: The comment '(*' does not end: a closing '*)' is missing. TLC ignores the rest of the file."),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reports_exactly(string input, string expected)
    {
        var result = ModelConfigReader.Read("MC.cfg", input);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(expected, diagnostic.ToString());
        Assert.Equal(diagnostic.Severity == DiagnosticSeverity.Warning, result.Succeeded);
    }

    [Fact]
    public void Every_error_is_reported_at_once_and_the_rest_is_still_read()
    {
        var text =
            """
            SPECIFICATION Spec
            Property Live
            CONSTANTS
              N = {a, b
              M = 3
              K 4
              L = 5
            INVARIANT Inv, Inv2
            INIT Init
            CHECK_DEADLOCK maybe
            """;
        var result = ModelConfigReader.Read("MC.cfg", text);
        Assert.False(result.Succeeded);
        Assert.Equal(
        [
            "MC.cfg:2:1: error TLA4010: It was expecting a keyword, but found 'Property'. Keywords are case-sensitive: did you mean PROPERTY?",
            "MC.cfg:5:3: error TLA4016: It was expecting } or ',' in the set opened at line 4, column 7, but found 'M'.",
            "MC.cfg:6:5: error TLA4014: It was expecting = or <- after K, but found '4'.",
            "MC.cfg:8:14: error TLA4013: Unexpected ',' in the INVARIANT list: TLC separates names with spaces or line breaks, not commas.",
            "MC.cfg:9:1: error TLA4018: The configuration file cannot specify both INIT/NEXT and SPECIFICATION fields (SPECIFICATION is at line 1).",
            "MC.cfg:10:16: error TLA4021: It was expecting TRUE or FALSE after CHECK_DEADLOCK, but found 'maybe'.",
        ], result.Diagnostics.Select(d => d.ToString()));

        // What could be read is kept.
        Assert.Equal(["M = 3", "L = 5"], result.Config.Constants.Select(c => c.ToString()));
        Assert.Equal(["Inv", "Inv2"], result.Config.Invariants.Select(n => n.Name));
        Assert.Equal("Spec", result.Config.Specification!.Name);
        Assert.Equal("Init", result.Config.Init!.Name);
        Assert.True(result.Config.CheckDeadlock);
    }

    [Fact]
    public void A_lexical_error_where_a_keyword_is_expected_ends_the_file_as_in_TLC()
    {
        var result = ModelConfigReader.Read("MC.cfg", "INIT Init ? NEXT Next");
        Assert.True(result.Succeeded);
        Assert.Equal("Init", result.Config.Init!.Name);
        Assert.Null(result.Config.Next);
    }

    [Fact]
    public void An_unterminated_comment_ends_the_file_as_in_TLC()
    {
        var result = ModelConfigReader.Read("MC.cfg", "INIT Init (* NEXT Next");
        Assert.True(result.Succeeded);
        Assert.Null(result.Config.Next);

        var broken = ModelConfigReader.Read("MC.cfg", "CONSTANTS N = (* 3");
        Assert.Equal(
        [
            "MC.cfg:1:15: warning TLA4002: The comment '(*' does not end: a closing '*)' is missing. TLC ignores the rest of the file.",
            "MC.cfg:1:15: error TLA4015: Expected a value after 'N =', but found the end of the file.",
        ], broken.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Deep_nesting_is_reported_not_a_crash()
    {
        var text = "CONSTANTS S = " + new string('{', 100_000) + new string('}', 100_000) + "\nINIT Init";
        var result = ModelConfigReader.Read("MC.cfg", text);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(ConfigCodes.NestingTooDeep, diagnostic.Code);
        Assert.Equal("Init", result.Config.Init!.Name);
    }

    [Fact]
    public void Locations_span_the_offending_token()
    {
        var result = ModelConfigReader.Read("MC.cfg", "INVARIANT\n  Inv  \"quoted\"");
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(new SourceLocation("MC.cfg", 2, 8, 2, 16), diagnostic.Location);
    }

    [Fact]
    public void Unreadable_file_is_a_diagnostic()
    {
        var path = Path.Combine(Path.GetTempPath(), "specula-no-such-dir-" + Guid.NewGuid().ToString("N"), "MC.cfg");
        var result = ModelConfigReader.ReadFile(path);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(ConfigCodes.CannotRead, diagnostic.Code);
        Assert.StartsWith("TLC encountered the following error when trying to read the configuration file", diagnostic.Message, StringComparison.Ordinal);
        Assert.False(result.Succeeded);
    }
}
