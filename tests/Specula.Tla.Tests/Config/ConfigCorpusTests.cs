using Specula.Tla.Config;
using Specula.Tla.Diagnostics;
using Xunit.Abstractions;

namespace Specula.Tla.Tests.Config;

/// <summary>Every <c>.cfg</c> of the project's corpus reads cleanly; random damage to them never makes the reader throw.</summary>
public sealed class ConfigCorpusTests(ITestOutputHelper output)
{
    private static string CorpusDirectory => Path.Combine(AppContext.BaseDirectory, "Corpus");

    private static IEnumerable<string> ConfigPaths() =>
        Directory.EnumerateFiles(CorpusDirectory, "*.cfg", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    public static TheoryData<string> Configs()
    {
        var data = new TheoryData<string>();
        foreach (var file in ConfigPaths())
        {
            data.Add(Path.GetRelativePath(CorpusDirectory, file));
        }
        return data;
    }

    [Fact]
    public void Corpus_has_the_37_configs() => Assert.True(Configs().Count >= 37, $"{Configs().Count} configs");

    [Theory]
    [MemberData(nameof(Configs))]
    public void Reads_cleanly(string relativePath)
    {
        var result = ModelConfigReader.ReadFile(Path.Combine(CorpusDirectory, relativePath));
        Assert.True(result.Diagnostics.IsEmpty, string.Join("\n", result.Diagnostics));
        var config = result.Config;
        Assert.True(config.Specification is not null || (config.Init is not null && config.Next is not null), "no behaviour spec");
    }

    [Fact]
    public void Raft_config_in_detail()
    {
        var result = ModelConfigReader.ReadFile(Path.Combine(CorpusDirectory, "Raft", "MCRaft.cfg"));
        Assert.True(result.Diagnostics.IsEmpty);
        var config = result.Config;
        Assert.Equal("{s1, s2, s3}", config.ValueOf("Server")!.ToString());
        Assert.Equal("None", config.ValueOf("None")!.ToString());
        Assert.Equal("2", config.ValueOf("MaxTerm")!.ToString());
        Assert.Equal("Spec", config.Specification!.Name);
        Assert.Equal("Bounds", Assert.Single(config.Constraints).Name);
        Assert.Equal("ServerSymmetry", config.Symmetry!.Name);
        Assert.Equal(6, config.Invariants.Length);
        Assert.Equal(["TermsGrow", "LeaderAppendOnly"], config.Properties.Select(p => p.Name));
        Assert.False(config.CheckDeadlock);
    }

    [Fact]
    public void Damaged_configs_never_throw_and_locate_every_problem_in_the_file()
    {
        var seed = Environment.GetEnvironmentVariable("SPECULA_FUZZ_SEED") is { } s
            ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)
            : 20261127;
        output.WriteLine($"fuzz seed {seed} (set SPECULA_FUZZ_SEED to reproduce)");
        var random = new Random(seed);
        var sources = ConfigPaths().Select(File.ReadAllText).ToArray();
        const string pieces = "{}[]()<>,=-!\"\\*()<-<<>>\n \t?CONSTANTS INIT TRUE 1 a";
        for (var i = 0; i < 3000; i++)
        {
            var text = sources[random.Next(sources.Length)];
            var edits = random.Next(1, 6);
            for (var e = 0; e < edits; e++)
            {
                var at = random.Next(text.Length + 1);
                text = random.Next(3) switch
                {
                    0 when text.Length > 0 => text.Remove(Math.Min(at, text.Length - 1), 1),
                    1 => text.Insert(at, pieces[random.Next(pieces.Length)].ToString()),
                    _ => text.Insert(at, pieces.Substring(random.Next(pieces.Length - 3), 3)),
                };
            }
            ConfigReadResult result;
            try
            {
                result = ModelConfigReader.Read("F.cfg", text);
            }
            catch (Exception ex)
            {
                Assert.Fail($"mutation {i} (seed {seed}) threw {ex}\n---\n{text}");
                return;
            }
            var lines = text.Split('\n').Length;
            foreach (var d in result.Diagnostics)
            {
                Assert.InRange(d.Location.Line, 1, lines);
                Assert.True(d.Location.Column >= 1, d.ToString());
                Assert.StartsWith("TLA40", d.Code, StringComparison.Ordinal);
                Assert.False(string.IsNullOrWhiteSpace(d.Message));
            }
            if (result.Diagnostics.All(d => d.Severity == DiagnosticSeverity.Warning))
            {
                Assert.True(result.Succeeded);
            }
        }
    }
}
