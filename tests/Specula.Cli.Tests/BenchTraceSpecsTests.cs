using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using Specula.Cli.Benchmarks;
using Specula.Cli.Commands;
using Specula.Cli.Tlc;

namespace Specula.Cli.Tests;

/// <summary>
/// <c>specula bench tracespecs</c> on a small corpus: every log checked in-process and as its own process, with the
/// verdicts the corpus was generated with; beside real TLC when a jar is present. The figures are the benchmark's.
/// </summary>
[Collection(nameof(TlcTraceEnvironment))]
public sealed partial class BenchTraceSpecsTests
{
    [Fact]
    public async Task Every_log_is_validated_in_process_and_as_its_own_process_with_its_generated_verdict()
    {
        var (code, output, errors) = await Cli.Run("bench", "tracespecs", "--traces", "3", "--min-events", "5", "--max-events", "20", "--no-tlc");

        Assert.True(code == 0, errors + output);
        Assert.Contains("TLC: not run (--no-tlc).", output, StringComparison.Ordinal);
        Assert.Contains("3/3 verdicts as generated", output, StringComparison.Ordinal);
        // One row per log: events, the process's verdict, the batched time, the process's wall and CPU time.
        Assert.Equal(3, LogRow().Count(output));
        Assert.Single(LogRow().Matches(output), m => m.Groups[1].Value == "diverges");
        Assert.Matches(@"specula: \d+\.\d\d s wall, \d+\.\d\d s CPU, one process per log", output);
    }

    [TlcJarFact]
    public async Task Tlc_gives_every_log_the_verdict_and_stop_point_of_the_native_checker()
    {
        var (code, output, errors) = await Cli.Run("bench", "tracespecs", "--traces", "3", "--min-events", "10", "--max-events", "60");

        Assert.True(code == 0, errors + output);
        Assert.Contains("verdicts for 3/3 logs", output, StringComparison.Ordinal);
        Assert.Contains("Verdicts and stop points agree on 3/3 logs.", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("conforming.ndjson")]
    [InlineData("dropped-line.ndjson")]
    [InlineData("wrong-value.ndjson")]
    public async Task The_stop_point_read_from_the_text_is_the_one_the_report_gives(string trace)
    {
        var folder = Path.Combine(Cli.RepositoryRoot, "tests", "Specula.Tla.Tests", "TlcTraceSpecs");
        var previous = Environment.GetEnvironmentVariable("JSON");
        Environment.SetEnvironmentVariable("JSON", Path.Combine(folder, trace));
        try
        {
            var spec = Path.Combine(folder, "TraceKVQueue.tla");
            var text = await Cli.Run("check", spec);
            var json = await Cli.Run("check", spec, "--json");

            var report = JsonSerializer.Deserialize(json.Out, CheckJsonContext.Default.JsonCheckReport)!;
            Assert.Equal(new StopPoint(report.Statistics!.Distinct, report.Statistics.Depth), StopPoint.Of(text.Out));
        }
        finally
        {
            Environment.SetEnvironmentVariable("JSON", previous);
        }
    }

    [GeneratedRegex(@"^trace-\d\d-\d+\.ndjson +\d+  (conforms|diverges) +\d+\.\d{3} +\d+\.\d\d +\d+\.\d\d\r?$", RegexOptions.Multiline)]
    private static partial Regex LogRow();
}

/// <summary>Where TLC is found: a jar with the Community Modules beside or inside it, or a whole class path.</summary>
public sealed class TlcInstallationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("specula-tlc-installation-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Jar(string name, params string[] entries)
    {
        var path = Path.Combine(_folder, name);
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var entry in entries)
        {
            using var writer = new StreamWriter(archive.CreateEntry(entry).Open());
            writer.Write(entry);
        }
        return path;
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void A_community_modules_jar_beside_tla2tools_goes_on_the_class_path()
    {
        var jar = Jar("tla2tools.jar", "tlc2/TLC.class", "tla2sany/StandardModules/Json.tla");
        var modules = Jar("CommunityModules-202412190202.jar", "tlc2/overrides/IOUtils.class", "IOUtils.tla");
        Jar("CommunityModules-202412190202-sources.jar", "IOUtils.tla");

        var tlc = TlcInstallation.Locate(jar, null, Environment(), out var error);

        Assert.Null(error);
        Assert.Equal(modules, tlc!.CommunityModulesJar);
        Assert.Equal(jar + Path.PathSeparator + modules, tlc.ClassPath);
        Assert.True(tlc.HasCommunityModules);
    }

    [Fact]
    public void A_bare_tla2tools_jar_is_found_but_said_to_lack_the_community_modules()
    {
        // tla2tools.jar ships its own Json.tla, so Json alone does not count: IOUtils is what trace specs miss.
        var jar = Jar("tla2tools.jar", "tlc2/TLC.class", "tla2sany/StandardModules/Json.tla");

        var tlc = TlcInstallation.Locate(jar, null, Environment(), out _);

        Assert.False(tlc!.HasCommunityModules);
        Assert.Equal(jar, tlc.ClassPath);
        Assert.Contains("NO Community Modules", tlc.Describe(), StringComparison.Ordinal);
        Assert.Contains(TlcInstallation.CommunityModulesVariable, tlc.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_jar_that_holds_the_community_modules_needs_no_other()
    {
        var jar = Jar("tla2tools.jar", "tlc2/TLC.class", "tlc2/overrides/IOUtils.class");
        Jar("CommunityModules.jar", "tlc2/overrides/IOUtils.class");

        var tlc = TlcInstallation.Locate(jar, null, Environment(), out _);

        Assert.Null(tlc!.CommunityModulesJar);
        Assert.True(tlc.HasCommunityModules);
    }

    [Fact]
    public void The_environment_names_the_jars_or_a_whole_class_path()
    {
        var jar = Jar("tla2tools.jar", "tlc2/TLC.class");
        var modules = Jar("cm.jar", "IOUtils.tla");

        var fromVariables = TlcInstallation.Locate(null, null,
            Environment((TlcInstallation.JarVariable, jar), (TlcInstallation.CommunityModulesVariable, modules)), out _);
        var fromClassPath = TlcInstallation.Locate(null, null, Environment((TlcInstallation.ClassPathVariable, _folder + "/classes:" + modules)), out _);
        var none = TlcInstallation.Locate(null, null, Environment(), out var error);

        Assert.Equal((jar, modules, TlcInstallation.JarVariable), (fromVariables!.Jar, fromVariables.CommunityModulesJar, fromVariables.Source));
        Assert.Equal((null, _folder + "/classes:" + modules, TlcInstallation.ClassPathVariable), (fromClassPath!.Jar, fromClassPath.ClassPath, fromClassPath.Source));
        Assert.True(fromClassPath.HasCommunityModules);
        Assert.Null(none);
        Assert.Contains(TlcInstallation.ClassPathVariable, error, StringComparison.Ordinal);
    }
}

/// <summary>
/// <c>specula check --traces</c>: a trace spec checked once per log in one process gives each log the verdict and stop
/// point of its own <c>JSON=log specula check</c>.
/// </summary>
[Collection(nameof(TlcTraceEnvironment))]
public sealed class CheckTracesTests
{
    private static string Folder => Path.Combine(Cli.RepositoryRoot, "tests", "Specula.Tla.Tests", "TlcTraceSpecs");

    [Fact]
    public async Task Each_log_gets_the_verdict_and_stop_point_of_its_own_run()
    {
        string[] logs = ["conforming.ndjson", "wrong-value.ndjson", "dropped-line.ndjson", "swapped-lines.ndjson"];
        var spec = Path.Combine(Folder, "TraceKVQueue.tla");

        var (code, output, errors) = await Cli.Run(["check", spec, "--traces", .. logs.Select(l => Path.Combine(Folder, l))]);

        var firstFailure = 0;
        foreach (var log in logs)
        {
            var previous = Environment.GetEnvironmentVariable("JSON");
            Environment.SetEnvironmentVariable("JSON", Path.Combine(Folder, log));
            var single = await Cli.Run("check", spec);
            Environment.SetEnvironmentVariable("JSON", previous);
            firstFailure = firstFailure == 0 ? single.Code : firstFailure;
            var line = output.Split('\n').Single(l => l.StartsWith(Path.Combine(Folder, log) + ":", StringComparison.Ordinal));
            Assert.Contains(single.Code == 0 ? ": conforms (" : $": exit {single.Code}: ", line, StringComparison.Ordinal);
            Assert.Contains($"({StopPoint.Of(single.Out)},", line, StringComparison.Ordinal);
        }
        Assert.True(code == firstFailure, errors + output);
        Assert.NotEqual(0, code);
        Assert.Contains("4 logs: 1 conform, 3 do not", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_gives_its_logs_and_a_missing_path_is_bad_input()
    {
        var folder = await Cli.Run("check", Path.Combine(Folder, "TraceKVQueue.tla"), "--traces", Folder);
        var missing = await Cli.Run("check", Path.Combine(Folder, "TraceKVQueue.tla"), "--traces", Path.Combine(Folder, "no-such.ndjson"));

        var count = Directory.EnumerateFiles(Folder, "*.ndjson").Count();
        Assert.Contains($"{count} logs: ", folder.Out, StringComparison.Ordinal);
        Assert.Equal(CheckCommand.BadInput, missing.Code);
        Assert.Contains("no trace file or folder", missing.Err, StringComparison.Ordinal);
    }
}
