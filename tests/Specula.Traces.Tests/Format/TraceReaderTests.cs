using System.Text;
using Specula.Traces.Format;

namespace Specula.Traces.Tests.Format;

public sealed class TraceReaderTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private const string Good1 = """{"tag":"trace","v":1,"seq":1,"node":"n1","event":"Start","args":{"b":2,"a":1},"state":{"term":0},"clock":{"n1":1}}""";
    private const string Good2 = """{"tag":"trace","v":1,"seq":2,"node":"n1","event":"Stop","state":{"term":1},"clock":{"n1":2}}""";

    private static string Codes(TraceReadResult r) => string.Join("\n", r.Diagnostics.Select(d => $"{d.Line}:{d.Column} {d.Code} {d.JsonPath}"));

    [Fact]
    public void Real_etcd_excerpt_reads_every_event_with_its_meta()
    {
        var result = TraceReader.ReadFile(TestFiles.Data("etcd-leader-crash-excerpt.ndjson"));
        Assert.True(result.Ok, Codes(result));
        var trace = result.Trace!;
        Assert.Equal("etcd-leader-crash-excerpt", trace.Name);
        Assert.Equal(40, trace.Events.Count);
        Assert.Equal(["n1", "n2", "n3"], trace.Nodes);
        var first = trace.Events[0];
        Assert.Equal((1, 1L, "n1", "Init"), (first.Line, first.Seq, first.Node, first.Event));
        Assert.Equal(11, first.Args["electionTimeout"].GetInt32());
        Assert.Equal(["applied", "commitIndex", "lastIndex", "leader", "role", "term", "up", "vote"], first.State.Keys);
        Assert.Equal(new Dictionary<string, long> { ["n1"] = 1 }, first.Clock);
        Assert.Equal(new Dictionary<string, long> { ["n1"] = 6, ["n2"] = 2 }, trace.Events[9].Clock);
        var meta = trace.Meta!;
        Assert.Equal(("etcd-raft", "leader-crash", 1L), (meta.System, meta.Workload, meta.Seed));
        Assert.Equal(["crash-leader", "drop", "delay", "reorder"], meta.Faults);
        Assert.Equal(2026, meta.StartTime!.Value.Year); // written as start_time by the sandboxes
    }

    [Fact]
    public void Keys_keep_their_written_order()
    {
        var result = TraceReader.ReadFile(_files.WriteLines("t.ndjson", Good1));
        Assert.Equal(["b", "a"], result.Trace!.Events[0].Args.Keys);
        Assert.Equal(1, result.Trace.Events[0].Args["a"].GetInt32());
    }

    [Fact]
    public void Lines_without_the_trace_tag_are_ignored()
    {
        var path = _files.WriteLines("t.ndjson",
            "starting up...",
            """{"tag":"log","msg":"hello"}""",
            Good1,
            "",
            """{"level":"info","tag":"x"}""",
            "   ",
            Good2);
        var result = TraceReader.ReadFile(path);
        Assert.True(result.Ok, Codes(result));
        Assert.Equal([3, 7], result.Trace!.Events.Select(e => e.Line));
    }

    [Fact]
    public void Crlf_line_ends_and_a_missing_final_newline_are_read()
    {
        var result = TraceReader.ReadFile(_files.Write("t.ndjson", Good1 + "\r\n" + Good2));
        Assert.True(result.Ok, Codes(result));
        Assert.Equal([1, 2], result.Trace!.Events.Select(e => e.Line));
    }

    [Fact]
    public void Byte_order_mark_is_skipped()
    {
        var path = Path.Combine(_files.Folder, "bom.ndjson");
        File.WriteAllText(path, Good1 + "\n", new UTF8Encoding(true));
        Assert.True(TraceReader.ReadFile(path).Ok);
    }

    [Fact]
    public void Empty_file_is_TRC108()
    {
        var result = TraceReader.ReadFile(_files.Write("t.ndjson", ""));
        Assert.Null(result.Trace);
        Assert.Equal("0:1 TRC108 ", Codes(result));
    }

    [Fact]
    public void File_of_program_output_only_is_TRC108()
    {
        var result = TraceReader.ReadFile(_files.WriteLines("t.ndjson", "hello", """{"tag":"log"}"""));
        Assert.Equal("0:1 TRC108 ", Codes(result));
    }

    [Fact]
    public void Missing_file_is_TRC111()
    {
        var result = TraceReader.ReadFile(Path.Combine(_files.Folder, "nope.ndjson"));
        Assert.Equal(TraceCodes.Unreadable, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Truncated_line_is_TRC101_at_the_column_where_the_json_stops()
    {
        // A crash cut the second line after 40 characters.
        var cut = Good2[..40];
        var result = TraceReader.ReadFile(_files.WriteLines("t.ndjson", Good1, cut, Good1.Replace("\"seq\":1", "\"seq\":3", StringComparison.Ordinal)));
        Assert.Equal("2:41 TRC101 ", Codes(result));
    }

    [Fact]
    public void Garbage_after_the_object_is_TRC101()
    {
        var result = TraceReader.ReadFile(_files.WriteLines("t.ndjson", Good1 + " x"));
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal((TraceCodes.BadJson, 1, Good1.Length + 2), (d.Code, d.Line, d.Column));
    }

    [Fact]
    public void Column_counts_characters_not_bytes()
    {
        // "é" is two bytes; the bad value after it is at character column 89, byte column 90.
        var line = """{"tag":"trace","v":1,"seq":1,"node":"n1","event":"Start","args":{"who":"é"},"state":{},"clock":"x"}""";
        var d = Assert.Single(TraceReader.ReadFile(_files.WriteLines("t.ndjson", line)).Diagnostics);
        Assert.Equal((TraceCodes.WrongType, line.IndexOf("\"x\"", StringComparison.Ordinal) + 1, "$.clock"), (d.Code, d.Column, d.JsonPath));
    }

    [Fact]
    public void Missing_fields_are_TRC102_each_with_its_json_path()
    {
        var result = TraceReader.ReadFile(_files.WriteLines("t.ndjson", """{"tag":"trace","v":1,"state":{}}"""));
        Assert.Equal("1:1 TRC102 $.seq\n1:1 TRC102 $.node\n1:1 TRC102 $.event", Codes(result));
    }

    [Fact]
    public void Wrong_types_are_TRC103_at_the_value()
    {
        const string line = """{"tag":"trace","v":1,"seq":-1,"node":7,"event":"","args":[],"state":"s","clock":{"n1":"x"}}""";
        var result = TraceReader.ReadFile(_files.WriteLines("t.ndjson", line));
        int Col(string s) => line.IndexOf(s, StringComparison.Ordinal) + 1;
        Assert.Equal(string.Join("\n",
            $"1:{Col("-1")} TRC103 $.seq",
            $"1:{Col("7")} TRC103 $.node",
            $"1:{Col("\"\",")} TRC103 $.event",
            $"1:{Col("[]")} TRC103 $.args",
            $"1:{Col("\"s\"")} TRC103 $.state",
            $"1:{Col("\"x\"")} TRC103 $.clock.n1"), Codes(result));
    }

    [Fact]
    public void Version_2_is_TRC104_and_a_missing_version_TRC102()
    {
        var result = TraceReader.ReadFile(_files.WriteLines("t.ndjson",
            Good1.Replace("\"v\":1", "\"v\":2", StringComparison.Ordinal),
            Good2.Replace("\"v\":1,", "", StringComparison.Ordinal)));
        Assert.Equal("1:20 TRC104 $.v\n2:1 TRC102 $.v", Codes(result));
    }

    [Fact]
    public void Seq_that_does_not_increase_is_TRC105()
    {
        var result = TraceReader.ReadFile(_files.WriteLines("t.ndjson", Good2, Good1.Replace("\"n1\":1", "\"n1\":3", StringComparison.Ordinal)));
        Assert.Equal("2:28 TRC105 $.seq", Codes(result));
        Assert.Contains("seq 1 does not follow 2", result.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Own_clock_going_back_is_TRC106_and_another_entry_going_back_TRC107()
    {
        const string l1 = """{"tag":"trace","v":1,"seq":1,"node":"n2","event":"A","clock":{"n1":5,"n2":3}}""";
        const string l2 = """{"tag":"trace","v":1,"seq":2,"node":"n2","event":"B","clock":{"n1":4,"n2":2}}""";
        var result = TraceReader.ReadFile(_files.WriteLines("t.ndjson", l1, l2));
        var n1 = l2.IndexOf("4,", StringComparison.Ordinal) + 1;
        var n2 = l2.IndexOf("2}", StringComparison.Ordinal) + 1;
        Assert.Equal($"2:{n1} TRC107 $.clock.n1\n2:{n2} TRC106 $.clock.n2", Codes(result));
    }

    [Fact]
    public void A_missing_clock_entry_is_not_a_regression()
    {
        const string l1 = """{"tag":"trace","v":1,"seq":1,"node":"n2","event":"A","clock":{"n1":5,"n2":3}}""";
        const string l2 = """{"tag":"trace","v":1,"seq":2,"node":"n2","event":"B","clock":{"n2":4}}""";
        Assert.True(TraceReader.ReadFile(_files.WriteLines("t.ndjson", l1, l2)).Ok);
    }

    [Fact]
    public void Every_problem_is_reported_not_only_the_first()
    {
        var result = TraceReader.ReadFile(_files.WriteLines("t.ndjson",
            """{"tag":"trace","v":1,"seq":1,"node":"n1"}""",
            Good1,
            """{"tag":"trace","v":1,"seq":"x","node":"n1","event":"E"}""",
            """{"tag":"trace",""",
            Good2));
        Assert.Equal([(1, "TRC102"), (3, "TRC103"), (4, "TRC101")], result.Diagnostics.Select(d => (d.Line, d.Code)));
    }

    [Fact]
    public void Diagnostics_stop_at_the_limit_with_a_count_of_the_rest()
    {
        var lines = Enumerable.Range(1, 30).Select(_ => """{"tag":"trace","v":1}""").ToArray();
        var result = TraceReader.ReadFile(_files.WriteLines("t.ndjson", lines), new TraceReaderOptions(MaxDiagnostics: 10));
        Assert.Equal(11, result.Diagnostics.Count);
        Assert.Equal(TraceCodes.TooManyProblems, result.Diagnostics[^1].Code);
        Assert.StartsWith("80 more", result.Diagnostics[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Legacy_harness_lines_are_read_with_a_seq_per_node()
    {
        var result = TraceReader.ReadFile(_files.WriteLines("t.ndjson",
            """{"tag":"trace","event":{"name":"Propose","nid":"n1","state":{"term":1},"msg":{"to":"n2"}}}""",
            """{"tag":"trace","event":{"name":"Commit","nid":"n1","state":{"term":1}}}""",
            """{"tag":"trace","event":{"name":"Receive","nid":"n2","state":{"term":1},"msg":null}}"""));
        Assert.True(result.Ok, Codes(result));
        var e = result.Trace!.Events;
        Assert.Equal([("n1", 1L, "Propose"), ("n1", 2L, "Commit"), ("n2", 1L, "Receive")], e.Select(x => (x.Node, x.Seq, x.Event)));
        Assert.Equal("n2", e[0].Args["msg"].GetProperty("to").GetString());
        Assert.Empty(e[1].Args);
        Assert.Empty(e[2].Clock);
    }

    [Fact]
    public void Legacy_line_without_nid_is_TRC102()
    {
        var result = TraceReader.ReadFile(_files.WriteLines("t.ndjson", """{"tag":"trace","event":{"name":"X","state":{}}}"""));
        Assert.Equal("1:1 TRC102 $.event.nid", Codes(result));
    }

    [Fact]
    public void Huge_line_is_read_whole()
    {
        var big = new string('x', 3_000_000);
        var line = """{"tag":"trace","v":1,"seq":1,"node":"n1","event":"Big","args":{"blob":""" + "\"" + big + "\"}}";
        var result = TraceReader.ReadFile(_files.WriteLines("t.ndjson", Good1.Replace("\"seq\":1", "\"seq\":0", StringComparison.Ordinal), line, Good2));
        Assert.True(result.Ok, Codes(result));
        Assert.Equal(big.Length, result.Trace!.Events[1].Args["blob"].GetString()!.Length);
        Assert.Equal(3, result.Trace.Events[2].Line);
    }

    [Fact]
    public void Bad_meta_file_is_TRC110_and_unknown_meta_schema_TRC104()
    {
        var path = _files.WriteLines("run.ndjson", Good1);
        _files.Write("run.meta.json", """{"schema":"specula.trace-meta/v1","seed":"one","nodes":[1]}""");
        Assert.Equal(["TRC110 $.seed", "TRC110 $.nodes"], TraceReader.ReadFile(path).Diagnostics.Select(d => $"{d.Code} {d.JsonPath}"));
        _files.Write("run.meta.json", """{"schema":"specula.trace-meta/v9"}""");
        Assert.Equal("TRC104", Assert.Single(TraceReader.ReadFile(path).Diagnostics).Code);
        _files.Write("run.meta.json", "{\n  \"schema\": ");
        var d = Assert.Single(TraceReader.ReadFile(path).Diagnostics);
        Assert.Equal((TraceCodes.BadMeta, 2), (d.Code, d.Line));
    }

    [Fact]
    public void Cancellation_stops_reading()
    {
        var path = _files.WriteLines("t.ndjson", Good1);
        Assert.Throws<OperationCanceledException>(() => TraceReader.ReadFile(path, new CancellationToken(true)));
    }
}
