using System.Runtime.InteropServices;
using System.Text.Json;
using Specula.Traces.Format;

namespace Specula.Traces.Tests.Format;

/// <summary>
/// Streaming a trace (<see cref="TraceReader.StreamFile"/>) gives the events and diagnostics of reading it whole,
/// and the one-pass reading of ordinary lines gives the events that reading through a JSON document gives.
/// </summary>
public sealed class TraceStreamingTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static List<TraceEvent> Stream(string path, out TraceStreamResult result)
    {
        var events = new List<TraceEvent>();
        result = TraceReader.StreamFile(path, events.Add);
        return events;
    }

    /// <summary>An event as text: every field, with the JSON of each argument and state value as written.</summary>
    private static string Show(TraceEvent e) =>
        $"{e.Line} {e.Node}#{e.Seq} {e.Event} args {Show(e.Args)} state {Show(e.State)} clock {string.Join(",", e.Clock.Select(c => $"{c.Key}={c.Value}"))}";

    private static string Show(IReadOnlyDictionary<string, JsonElement> fields) =>
        "{" + string.Join(",", fields.Select(f => $"{f.Key}={f.Value.GetRawText()}")) + "}";

    [Theory]
    [InlineData("etcd-leader-crash-excerpt.ndjson")]
    [InlineData("etcd-excerpt-n1.ndjson")]
    [InlineData("etcd-excerpt-n2.ndjson")]
    public void Streaming_hands_out_the_events_that_reading_the_whole_file_gives(string file)
    {
        var path = TestFiles.Data(file);
        var whole = TraceReader.ReadFile(path);

        var streamed = Stream(path, out var result);

        Assert.True(whole.Ok);
        Assert.True(result.Ok);
        Assert.Equal(whole.Trace!.Events.Count, result.Events);
        Assert.Equal(whole.Trace.Name, result.Name);
        Assert.Equal(whole.Trace.Meta is null, result.Meta is null);
        Assert.Equal(whole.Trace.Events.Select(Show), streamed.Select(Show));
        Assert.All(streamed, e => Assert.Equal(path, e.File));
    }

    [Fact]
    public void One_pass_reading_gives_the_events_of_reading_through_a_document()
    {
        // Each line twice: as written (read in one pass), and with a key written twice at the top, which only the
        // general reading through a document accepts (it keeps the last), so that line is read that way.
        string[] lines =
        [
            """{"tag":"trace","v":1,"seq":1,"node":"n1","event":"Start","args":{},"state":{"term":0,"role":"Follower","log":[],"vote":null}}""",
            """ { "v" : 1 , "tag" : "trace", "node":"n\u00e9", "seq":2, "event":"Go", "state" : { "s":"a \"quoted\" \u00e9 \n", "big":123456789012345678901234567890, "f":1.5 } , "extra":{"deep":[1,[2,{"x":3}]]} } """,
            """{"tag":"trace","v":1,"seq":3,"node":"n1","event":"Send","args":{"to":"n2","msg":{"type":"Vote","granted":true,"entries":[1,2,3]}},"state":{"inbox":[{"from":"n2","term":1}],"dup":1,"dup":2},"clock":{"n1":3,"n2":1}}""",
            """{"tag":"trace","v":1,"seq":4,"node":"n1","event":"Empty"}""",
        ];
        var oneWay = _files.WriteLines("one.ndjson", lines);
        var other = _files.WriteLines("other.ndjson", [.. lines.Select(l => l.TrimEnd()[..^1] + ""","x":0,"x":1}""")]);

        var fast = Stream(oneWay, out var fastResult);
        var general = Stream(other, out var generalResult);

        Assert.True(fastResult.Ok, string.Join("\n", fastResult.Diagnostics));
        Assert.True(generalResult.Ok, string.Join("\n", generalResult.Diagnostics));
        Assert.Equal(general.Select(Show), fast.Select(Show));
        // What the validator compares from event to event is the value's JSON as written, whichever way it was read.
        foreach (var (a, b) in fast.Zip(general).Where(p => p.Second.State.Count > 0))
        {
            var raw = Assert.IsType<RawFields>(a.State);
            var i = 0;
            foreach (var value in b.State.Values)
            {
                Assert.Equal(JsonMarshal.GetRawUtf8Value(value).ToArray(), raw.Raw(i++).ToArray());
            }
        }
    }

    [Fact]
    public void After_a_bad_line_no_event_is_handed_out_but_every_problem_is_reported()
    {
        var good = """{"tag":"trace","v":1,"seq":1,"node":"n1","event":"A","state":{"x":1}}""";
        var path = _files.WriteLines("t.ndjson",
            good,
            good.Replace("\"seq\":1", "\"seq\":2", StringComparison.Ordinal)[..^2],
            good.Replace("\"seq\":1", "\"seq\":3", StringComparison.Ordinal),
            good.Replace("\"seq\":1", "\"seq\":\"4\"", StringComparison.Ordinal));

        var streamed = Stream(path, out var result);

        Assert.Single(streamed);
        Assert.Equal([(TraceCodes.BadJson, 2), (TraceCodes.WrongType, 4)], result.Diagnostics.Select(d => (d.Code, d.Line)));
        Assert.Equal(TraceReader.ReadFile(path).Diagnostics.Select(d => d.ToString()), result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void A_missing_file_is_a_diagnostic()
    {
        var streamed = Stream(Path.Combine(_files.Folder, "nope.ndjson"), out var result);

        Assert.Empty(streamed);
        Assert.Equal(TraceCodes.Unreadable, Assert.Single(result.Diagnostics).Code);
    }
}
