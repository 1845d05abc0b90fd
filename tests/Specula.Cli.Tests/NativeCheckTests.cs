using System.Diagnostics;
using System.Reflection;
using System.Text;
using Specula.Testing;

namespace Specula.Cli.Tests;

/// <summary>A fact that needs the NativeAOT check engine <c>eng/run.sh</c> publishes: skipped, saying why, when it is absent.</summary>
public sealed class PublishedEngineFactAttribute : FactAttribute
{
    public PublishedEngineFactAttribute()
    {
        if (NativeCheckTests.PublishedEngine is null)
        {
            Skip = "Native engine test skipped: no artifacts/r2r/publish/Specula.Cli/release_<rid>/native/specula newer than the engine's build (bash eng/run.sh check --help publishes it).";
        }
    }
}

/// <summary>
/// <c>specula check</c> on the native check engine (src/Specula.Cli.Native): when the app finds it, and that the
/// engine, run through the app's exec or on its own, prints and exits exactly as the check in this process does on
/// the TLC-style trace specs (a conforming log and three mutations, four acceptance conventions).
/// </summary>
[Collection(nameof(TlcTraceEnvironment))]
public sealed class NativeCheckTests : IDisposable
{
    private static readonly string SpecFolder = Path.Combine(Cli.RepositoryRoot, "tests", "Specula.Tla.Tests", "TlcTraceSpecs");

    private readonly TemporaryFolder _folder = new("specula-native-check-");

    public void Dispose() => _folder.Dispose();

    /// <summary>The engine as <c>eng/run.sh</c> publishes it (NativeAOT) beside the ReadyToRun app, when it is there.</summary>
    /// <remarks>One older than the engine's build may predate the sources under test (eng/run.sh compiles it again): not used.</remarks>
    public static string? PublishedEngine { get; } = Directory.Exists(Path.Combine(Cli.RepositoryRoot, "artifacts", "r2r", "publish", "Specula.Cli"))
        ? Directory.GetDirectories(Path.Combine(Cli.RepositoryRoot, "artifacts", "r2r", "publish", "Specula.Cli"))
            .Select(d => Path.Combine(d, NativeCheck.RelativePath))
            .FirstOrDefault(e => File.Exists(e) && File.GetLastWriteTimeUtc(e) >= File.GetLastWriteTimeUtc(BuiltEngine + ".dll"))
        : null;

    /// <summary>The engine's ordinary (managed) build, made with the tests' configuration as part of the solution.</summary>
    private static string BuiltEngine
    {
        get
        {
            var configuration = typeof(NativeCheckTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
            return Path.Combine(Cli.RepositoryRoot, "src", "Specula.Cli.Native", "bin", configuration, "net10.0", "specula-native");
        }
    }

    public static TheoryData<string, string> Runs => new()
    {
        { "TraceKVQueue", "conforming.ndjson" },
        { "TraceKVQueue", "wrong-value.ndjson" },
        { "TraceKVEventually", "dropped-line.ndjson" },
        { "TraceKVLevel", "swapped-lines.ndjson" },
        { "TraceKVDeadlock", "dropped-line.ndjson" },
    };

    [Fact]
    public void The_engine_beside_the_app_runs_check_but_not_its_help_nor_other_commands()
    {
        var engine = _folder.Combine(NativeCheck.RelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(engine)!);
        File.WriteAllText(engine, string.Empty);

        Assert.Equal(engine, NativeCheck.Find(["check", "Spec.tla", "--json"], _folder.Path, null));
        Assert.Equal(engine, NativeCheck.Find(["check", "Spec.tla"], _folder.Path, string.Empty));
        Assert.Null(NativeCheck.Find(["check", "Spec.tla"], _folder.Path, "0"));
        Assert.Null(NativeCheck.Find(["check", "--help"], _folder.Path, null));
        Assert.Null(NativeCheck.Find(["check", "-h"], _folder.Path, null));
        Assert.Null(NativeCheck.Find(["[diagram]", "check", "Spec.tla"], _folder.Path, null));
        Assert.Null(NativeCheck.Find(["parse", "Spec.tla"], _folder.Path, null));
        Assert.Null(NativeCheck.Find([], _folder.Path, null));
    }

    [Fact]
    public void Without_an_engine_check_runs_in_the_app_and_a_path_in_the_variable_names_the_engine()
    {
        Assert.Null(NativeCheck.Find(["check", "Spec.tla"], _folder.Path, null));
        Assert.Null(NativeCheck.Find(["check", "Spec.tla"], _folder.Path, _folder.Combine("absent")));
        var elsewhere = _folder.Combine("engine");
        File.WriteAllText(elsewhere, string.Empty);
        Assert.Equal(elsewhere, NativeCheck.Find(["check", "Spec.tla"], _folder.Path, elsewhere));
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task The_app_replaced_by_the_engine_prints_and_exits_as_the_check_in_this_process(string spec, string log)
    {
        Assert.True(File.Exists(BuiltEngine), $"the engine's build is missing: {BuiltEngine}");
        var expected = await InProcess(spec, log);

        // The app of this build, told to use the engine's build: it replaces itself with it.
        var actual = Run(Path.Combine(AppContext.BaseDirectory, "specula"), spec, log, BuiltEngine);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task An_engine_that_cannot_start_is_reported_and_the_app_checks_itself()
    {
        var broken = _folder.Combine("specula");
        File.WriteAllText(broken, "not a program");
        var expected = await InProcess("TraceKVQueue", "wrong-value.ndjson");

        var actual = Run(Path.Combine(AppContext.BaseDirectory, "specula"), "TraceKVQueue", "wrong-value.ndjson", broken, out var errors);

        Assert.Equal(expected, actual);
        Assert.StartsWith($"warning: could not start the native check engine {broken} (", errors, StringComparison.Ordinal);
    }

    [PublishedEngineFact]
    public async Task The_published_native_engine_prints_and_exits_as_the_check_in_this_process()
    {
        foreach (var (spec, log) in Runs.Select(r => ((string)r[0], (string)r[1])))
        {
            var expected = await InProcess(spec, log);

            var actual = Run(PublishedEngine!, spec, log, "0");

            Assert.Equal(expected, actual);
        }
    }

    private static async Task<(int Code, string Out)> InProcess(string spec, string log)
    {
        var previous = Environment.GetEnvironmentVariable("JSON");
        Environment.SetEnvironmentVariable("JSON", Path.Combine(SpecFolder, log));
        try
        {
            var (code, output, _) = await Cli.Run("check", Path.Combine(SpecFolder, spec + ".tla"));
            return (code, WithoutTimes(output));
        }
        finally
        {
            Environment.SetEnvironmentVariable("JSON", previous);
        }
    }

    private static (int Code, string Out) Run(string program, string spec, string log, string nativeCheck)
    {
        var result = Run(program, spec, log, nativeCheck, out var errors);
        // Nothing on stderr: in particular no warning that the engine could not be started.
        Assert.Equal(string.Empty, errors);
        return result;
    }

    private static (int Code, string Out) Run(string program, string spec, string log, string nativeCheck, out string errors)
    {
        var info = new ProcessStartInfo(program, ["check", Path.Combine(SpecFolder, spec + ".tla")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["JSON"] = Path.Combine(SpecFolder, log), [NativeCheck.Variable] = nativeCheck },
        };
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "the check did not end");
        errors = stderr.Result;
        return (process.ExitCode, WithoutTimes(output));
    }

    // The one line that differs between two runs of the same check: how long it took.
    private static string WithoutTimes(string output) => new StringBuilder().AppendJoin('\n',
        output.ReplaceLineEndings("\n").Split('\n').Where(line => !line.StartsWith("Finished in ", StringComparison.Ordinal))).ToString();
}
