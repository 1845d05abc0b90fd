using System.Text.Json;
using Specula.Traces.Format;

namespace Specula.Traces.Tests.Format;

public sealed class TraceSchemaTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string RepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException(relative);
    }

    [Fact]
    public void Embedded_schemas_equal_the_published_files()
    {
        Assert.Equal(TraceSchemas.EventV1, File.ReadAllText(RepoFile("schemas/trace-event-v1.schema.json")).TrimEnd());
        Assert.Equal(TraceSchemas.MetaV1, File.ReadAllText(RepoFile("schemas/trace-meta-v1.schema.json")).TrimEnd());
    }

    [Fact]
    public void Every_line_of_the_real_trace_satisfies_the_schema()
    {
        foreach (var line in File.ReadLines(TestFiles.Data("etcd-leader-crash-excerpt.ndjson")))
        {
            using var doc = JsonDocument.Parse(line);
            Assert.Empty(TraceSchemas.Validate(doc.RootElement));
        }
        using var meta = JsonDocument.Parse(File.ReadAllText(TestFiles.Data("etcd-leader-crash-excerpt.meta.json")));
        Assert.Empty(TraceSchemas.ValidateMeta(meta.RootElement));
    }

    [Theory]
    [InlineData("""{"tag":"trace","v":1,"node":"n1","event":"E"}""", "$")]
    [InlineData("""{"tag":"trace","v":2,"seq":1,"node":"n1","event":"E"}""", "$.v")]
    [InlineData("""{"tag":"trace","v":1,"seq":-3,"node":"n1","event":"E"}""", "$.seq")]
    [InlineData("""{"tag":"trace","v":1,"seq":1,"node":"","event":"E"}""", "$.node")]
    [InlineData("""{"tag":"trace","v":1,"seq":1,"node":"n1","event":"E","args":[]}""", "$.args")]
    [InlineData("""{"tag":"trace","v":1,"seq":1,"node":"n1","event":"E","state":1}""", "$.state")]
    [InlineData("""{"tag":"trace","v":1,"seq":1,"node":"n1","event":"E","clock":{"n1":1.5}}""", "$.clock.n1")]
    public void Structural_checks_and_the_schema_reject_the_same_lines(string line, string schemaPath)
    {
        using var doc = JsonDocument.Parse(line);
        Assert.Contains(TraceSchemas.Validate(doc.RootElement), p => p.JsonPath == schemaPath);
        Assert.False(TraceReader.ReadFile(_files.WriteLines("t.ndjson", line)).Ok);
    }

    [Fact]
    public void Strict_mode_adds_nothing_to_valid_lines_nor_to_lines_already_reported()
    {
        var valid = File.ReadLines(TestFiles.Data("etcd-leader-crash-excerpt.ndjson")).Take(5).ToArray();
        Assert.True(TraceReader.ReadFile(_files.WriteLines("ok.ndjson", valid), new TraceReaderOptions(Strict: true)).Ok);
        var bad = _files.WriteLines("bad.ndjson", """{"tag":"trace","v":1,"seq":1,"node":"n1","event":"E","clock":{"n1":-1}}""");
        var d = Assert.Single(TraceReader.ReadFile(bad, new TraceReaderOptions(Strict: true)).Diagnostics);
        Assert.Equal((TraceCodes.WrongType, "$.clock.n1"), (d.Code, d.JsonPath));
    }

    [Fact]
    public void Strict_mode_checks_the_meta_file_against_its_schema()
    {
        var path = _files.WriteLines("run.ndjson", File.ReadLines(TestFiles.Data("etcd-leader-crash-excerpt.ndjson")).First());
        _files.Write("run.meta.json", """{"schema":"specula.trace-meta/v1","startTime":"2026-11-27T09:00:00Z","faults":["drop"]}""");
        Assert.True(TraceReader.ReadFile(path, new TraceReaderOptions(Strict: true)).Ok);
        _files.Write("run.meta.json", """{"schema":"specula.trace-meta/v1","faults":"drop"}""");
        Assert.Equal(TraceCodes.BadMeta, Assert.Single(TraceReader.ReadFile(path).Diagnostics).Code);
        Assert.True(TraceMetaReader.Read(File.ReadAllBytes(TestFiles.Data("etcd-leader-crash-excerpt.meta.json")), "m.json", strict: true).Meta is not null);
    }
}
