using System.Text.Json;
using Specula.Cli.Commands;
using Specula.Cli.Tlc;

namespace Specula.Cli.Tests;

/// <summary>A fact that needs real TLC: skipped, saying why, when <c>TLA2TOOLS_JAR</c> names no jar.</summary>
public sealed class TlcJarFactAttribute : FactAttribute
{
    public TlcJarFactAttribute()
    {
        if (TlcJar.Missing is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A theory that needs real TLC: skipped, saying why, when <c>TLA2TOOLS_JAR</c> names no jar.</summary>
public sealed class TlcJarTheoryAttribute : TheoryAttribute
{
    public TlcJarTheoryAttribute()
    {
        if (TlcJar.Missing is { } reason)
        {
            Skip = reason;
        }
    }
}

internal static class TlcJar
{
    public static string? Missing => Environment.GetEnvironmentVariable(TlcInstallation.JarVariable) is { Length: > 0 } jar && File.Exists(jar)
        ? null
        : $"TLC backend test skipped: set {TlcInstallation.JarVariable} to a tla2tools.jar (and {TlcInstallation.CommunityModulesVariable} to the Community Modules jar) to run it.";
}

/// <summary>Trace specs read the log named by the JSON environment variable, so these tests run one at a time.</summary>
[CollectionDefinition(nameof(TlcTraceEnvironment), DisableParallelization = true)]
public sealed class TlcTraceEnvironment;

/// <summary>
/// <c>specula check --backend tlc</c> and <c>--compare-tlc</c> on the TLC-style trace specs of the engine's tests:
/// TLC's verdict and stop point, read into the native checker's report, equal the native checker's.
/// </summary>
[Collection(nameof(TlcTraceEnvironment))]
public sealed class CheckCommandTlcBackendTests
{
    private static string Folder => Path.Combine(Cli.RepositoryRoot, "tests", "Specula.Tla.Tests", "TlcTraceSpecs");

    private static async Task<(int Code, string Out, string Err)> Check(string spec, string trace, params string[] options)
    {
        var previous = Environment.GetEnvironmentVariable("JSON");
        Environment.SetEnvironmentVariable("JSON", Path.Combine(Folder, trace));
        try
        {
            return await Cli.Run(["check", Path.Combine(Folder, spec + ".tla"), .. options]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("JSON", previous);
        }
    }

    private static JsonCheckReport Report(string json) => JsonSerializer.Deserialize(json, CheckJsonContext.Default.JsonCheckReport)!;

    [TlcJarTheory]
    [InlineData("TraceKVQueue", "conforming.ndjson")]
    [InlineData("TraceKVQueue", "dropped-line.ndjson")]
    [InlineData("TraceKVQueue", "swapped-lines.ndjson")]
    [InlineData("TraceKVEventually", "wrong-value.ndjson")]
    [InlineData("TraceKVDeadlock", "dropped-line.ndjson")]
    [InlineData("TraceKVLevel", "swapped-lines.ndjson")]
    public async Task Tlc_and_the_native_checker_give_the_same_verdict_and_stop_point(string spec, string trace)
    {
        var native = await Check(spec, trace, "--json");
        var tlc = await Check(spec, trace, "--json", "--backend", "tlc");

        Assert.Equal(native.Code, tlc.Code);
        var (n, t) = (Report(native.Out), Report(tlc.Out));
        Assert.Equal(n.Verdict, t.Verdict);
        Assert.Equal(n.Statistics!.Distinct, t.Statistics!.Distinct);
        Assert.Equal(n.Statistics.Depth, t.Statistics.Depth);
        Assert.Equal(n.Trace.Count, t.Trace.Count);
        if (n.Trace.Count > 0)
        {
            Assert.Equal(n.Trace[^1].State["l"], t.Trace[^1].State["l"]);
        }
    }

    [TlcJarFact]
    public async Task Compare_reports_agreement_and_the_time_ratio()
    {
        var (code, stdout, _) = await Check("TraceKVQueue", "wrong-value.ndjson", "--compare-tlc");

        Assert.Equal(CheckCommand.SafetyViolated, code);
        Assert.Contains("Agreement: yes.", stdout, StringComparison.Ordinal);
        Assert.Matches(@"TLC / native = \d+\.\dx", stdout);
    }

    [Fact]
    public async Task The_tlc_backend_without_a_jar_is_bad_input_and_says_where_to_point()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"), "tla2tools.jar");

        var (code, _, stderr) = await Check("TraceKVDeadlock", "conforming.ndjson", "--backend", "tlc", "--tlc-jar", missing);

        Assert.Equal(CheckCommand.BadInput, code);
        Assert.Contains("no tla2tools.jar at", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Tool_output_is_read_into_the_report()
    {
        // TLC's -tool output for TraceKVEventually on dropped-line.ndjson (TLC built from source, 2026).
        string[] lines =
        [
            "@!@!@STARTMSG 2116:1 @!@!@", "Temporal property TraceMatched was violated.", "", "@!@!@ENDMSG 2116 @!@!@",
            "@!@!@STARTMSG 2264:1 @!@!@", "The following behavior constitutes a counter-example:", "", "@!@!@ENDMSG 2264 @!@!@",
            "@!@!@STARTMSG 2217:4 @!@!@", "1: <Initial predicate>", "/\\ l = 1", "/\\ store = [a |-> NoVal, b |-> NoVal]", "/\\ version = 0", "",
            "@!@!@ENDMSG 2217 @!@!@",
            "@!@!@STARTMSG 2217:4 @!@!@", "2: <TraceNext line 13, col 5 to line 15, col 17 of module TraceKVEventually>", "/\\ l = 2",
            "/\\ store = [a |-> 1, b |-> NoVal]", "/\\ version = 1", "", "@!@!@ENDMSG 2217 @!@!@",
            "@!@!@STARTMSG 2218:4 @!@!@", "3: Stuttering", "@!@!@ENDMSG 2218 @!@!@",
            "@!@!@STARTMSG 2199:0 @!@!@", "2 states generated, 2 distinct states found, 0 states left on queue.", "@!@!@ENDMSG 2199 @!@!@",
            "@!@!@STARTMSG 2194:0 @!@!@", "The depth of the complete state graph search is 2.", "@!@!@ENDMSG 2194 @!@!@",
        ];

        var outcome = TlcOutputParser.Parse(new TlcRawRun(13, lines, TimeSpan.FromSeconds(2)));

        Assert.Equal("TemporalPropertyViolated", outcome.Verdict);
        Assert.Equal(CheckCommand.TemporalViolated, TlcOutputParser.ExitCode(outcome));
        Assert.Equal("Temporal property TraceMatched was violated.", outcome.Message);
        Assert.Equal((2L, 2L, 0L, 2), (outcome.Generated!.Value, outcome.Distinct!.Value, outcome.LeftOnQueue!.Value, outcome.Depth!.Value));
        Assert.Equal(2, outcome.Trace.Count);
        Assert.Null(outcome.Trace[0].Action);
        Assert.Equal("TraceNext", outcome.Trace[1].Action);
        Assert.Equal("[a |-> 1, b |-> NoVal]", outcome.Trace[1].Variables.Single(v => v.Key == "store").Value);
        Assert.Equal(2, outcome.BackToState);
    }
}
