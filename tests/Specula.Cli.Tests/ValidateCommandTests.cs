using System.Text.Json;
using Specula.Cli;
using static Specula.Cli.Tests.Cli;

namespace Specula.Cli.Tests;

/// <summary><c>specula validate</c> on the token spec and traces of the validator's tests.</summary>
public sealed class ValidateCommandTests
{
    private static readonly string Token = Path.Combine(RepositoryRoot, "tests", "Specula.Traces.Tests", "Validation", "Data", "token");


    [Fact]
    public async Task Conforming_traces_exit_0_and_say_so()
    {
        var (code, output, progress) = await Run("validate", "--spec", Path.Combine(Token, "Token.tla"), Path.Combine(Token, "conforming.ndjson"), Path.Combine(Token, "lost-token.ndjson"));

        Assert.Equal(0, code);
        Assert.Contains("2 of 2 traces conform.", output);
        Assert.Contains("lost-token.ndjson: 3 events matched (at most 3 candidate states, 1 silent steps)", output);
        Assert.Contains("[2/2]", progress);
    }

    [Fact]
    public async Task A_divergence_exits_1_with_the_failing_conjunct_its_location_and_values()
    {
        var (code, output, _) = await Run("validate", "--map", Path.Combine(Token, "TraceMap.yaml"), Path.Combine(Token, "two-holders.ndjson"), "--per-action");

        Assert.Equal(1, code);
        Assert.Contains("two-holders.ndjson:2: Event 2 (line 2, n2 Count) cannot be taken as Inc", output);
        Assert.Contains("state 1, Inc(n = n2): Token.tla:20:8: holder = n is FALSE", output);
        Assert.Contains("          holder = n1", output);
        Assert.Contains("Inc                                    2         1   50.0 %", output);
        Assert.Contains("0 of 1 traces conform.", output);
    }

    [Fact]
    public async Task Json_output_carries_the_divergence_in_the_documented_form()
    {
        var (code, output, _) = await Run("validate", "--json", "--map", Path.Combine(Token, "TraceMap.yaml"), Path.Combine(Token, "skipped-count.ndjson"));

        Assert.Equal(1, code);
        using var json = JsonDocument.Parse(output);
        var candidate = json.RootElement.GetProperty("traces")[0].GetProperty("divergence").GetProperty("candidates")[0];
        Assert.Equal("observation", candidate.GetProperty("reason").GetString());
        Assert.Equal("counter", candidate.GetProperty("mismatches")[0].GetProperty("variable").GetString());
    }

    [Fact]
    public async Task Bad_input_exits_2_with_file_and_line_and_no_stack_trace()
    {
        var (code, output, error) = await Run("validate", "--map", Path.Combine(Token, "TraceMap.yaml"), Path.Combine(Token, "unmapped.ndjson"));

        Assert.Equal(2, code);
        Assert.Contains("unmapped.ndjson:2: error VAL105: The event Teleport is not in the map", output);
        Assert.DoesNotContain("   at ", output + error);

        var (missing, _, message) = await Run("validate", "--map", Path.Combine(Token, "nope.yaml"), Token);
        Assert.Equal(2, missing);
        Assert.Contains("no trace map", message);
    }
}
