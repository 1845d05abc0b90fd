using Specula.Traces.Format;

namespace Specula.Traces.Tests.Format;

public sealed class TraceMergerTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static Trace Read(string path)
    {
        var r = TraceReader.ReadFile(path);
        Assert.True(r.Ok, string.Join("\n", r.Diagnostics));
        return r.Trace!;
    }

    private Trace Lines(string name, params string[] events) => Read(_files.WriteLines(name + ".ndjson", events));

    private static string Ev(string node, int seq, string clock, string name = "E") =>
        $$"""{"tag":"trace","v":1,"seq":{{seq}},"node":"{{node}}","event":"{{name}}","clock":""" + "{" + clock + "}}";

    private static bool HappenedBefore(TraceEvent a, TraceEvent b) =>
        a.Clock.TryGetValue(a.Node, out var own) && b.Clock.TryGetValue(a.Node, out var seen) && own <= seen && !ReferenceEquals(a, b);

    [Fact]
    public void Per_node_files_of_a_real_trace_merge_into_a_causal_order()
    {
        var parts = new[] { "n3", "n1", "n2" }.Select(n => Read(TestFiles.Data($"etcd-excerpt-{n}.ndjson"))).ToArray();
        var result = TraceMerger.Merge(parts);
        Assert.Empty(result.Diagnostics);
        var merged = result.Trace!.Events;
        Assert.Equal(40, merged.Count);
        for (var i = 0; i < merged.Count; i++)
        {
            for (var j = i + 1; j < merged.Count; j++)
            {
                Assert.False(HappenedBefore(merged[j], merged[i]), $"{merged[j]} happened before {merged[i]} but comes after it");
            }
        }
        foreach (var part in parts)
        {
            Assert.Equal(part.Events, merged.Where(e => e.File == part.Path));
        }
        // The order does not depend on the order the files were given in.
        var again = TraceMerger.Merge([parts[1], parts[2], parts[0]]).Trace!.Events;
        Assert.Equal(merged, again);
    }

    [Fact]
    public void A_file_holding_all_nodes_in_causal_order_keeps_its_order()
    {
        var whole = Read(TestFiles.Data("etcd-leader-crash-excerpt.ndjson"));
        var result = TraceMerger.Merge([whole]);
        Assert.Equal(whole.Events, result.Trace!.Events);
        Assert.Equal(whole.Meta, result.Trace.Meta);
    }

    [Fact]
    public void Concurrent_events_go_by_node_name_then_seq()
    {
        var a = Lines("a", Ev("n2", 1, "\"n2\":1"), Ev("n2", 2, "\"n2\":2"));
        var b = Lines("b", Ev("n1", 1, "\"n1\":1"), Ev("n1", 2, "\"n1\":2"));
        var merged = TraceMerger.Merge([a, b]).Trace!.Events;
        Assert.Equal(["n1#1", "n1#2", "n2#1", "n2#2"], merged.Select(e => $"{e.Node}#{e.Seq}"));
    }

    [Fact]
    public void A_receive_waits_for_its_send()
    {
        // n1 (name first) receives what n2 sent at n2:2, so n2's first two events come before it.
        var n1 = Lines("n1", Ev("n1", 1, "\"n1\":1"), Ev("n1", 2, "\"n1\":2,\"n2\":2", "Receive"));
        var n2 = Lines("n2", Ev("n2", 1, "\"n2\":1"), Ev("n2", 2, "\"n2\":2", "Send"), Ev("n2", 3, "\"n2\":3"));
        var merged = TraceMerger.Merge([n1, n2]).Trace!.Events;
        Assert.Equal(["n1#1", "n2#1", "n2#2", "n1#2", "n2#3"], merged.Select(e => $"{e.Node}#{e.Seq}"));
    }

    [Fact]
    public void Events_without_clocks_keep_their_file_order()
    {
        var a = Lines("a", """{"tag":"trace","v":1,"seq":5,"node":"n2","event":"X"}""", """{"tag":"trace","v":1,"seq":6,"node":"n2","event":"Y"}""");
        var b = Lines("b", """{"tag":"trace","v":1,"seq":1,"node":"n1","event":"Z"}""");
        var merged = TraceMerger.Merge([a, b]).Trace!.Events;
        Assert.Equal(["Z", "X", "Y"], merged.Select(e => e.Event));
    }

    [Fact]
    public void Cyclic_clocks_are_TRC120_naming_both_events()
    {
        // Each node claims to have seen the other's later event before its own first one.
        var n1 = Lines("n1", Ev("n1", 1, "\"n1\":1,\"n2\":2"), Ev("n1", 2, "\"n1\":2,\"n2\":2"));
        var n2 = Lines("n2", Ev("n2", 1, "\"n2\":1,\"n1\":2"), Ev("n2", 2, "\"n2\":2,\"n1\":2"));
        var result = TraceMerger.Merge([n1, n2]);
        Assert.Null(result.Trace);
        Assert.Equal([("TRC120", 1, "$.clock.n2"), ("TRC120", 1, "$.clock.n1")], result.Diagnostics.Select(d => (d.Code, d.Line, d.JsonPath)));
        Assert.Contains("waits for n2#1", result.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_order_that_contradicts_its_clocks_is_TRC120()
    {
        // The receive is written before the send it saw.
        var one = Lines("one", Ev("n1", 1, "\"n1\":1,\"n2\":1", "Receive"), Ev("n2", 1, "\"n2\":1", "Send"));
        var d = Assert.Single(TraceMerger.Merge([one]).Diagnostics);
        Assert.Equal((TraceCodes.InconsistentClocks, 1), (d.Code, d.Line));
        Assert.Contains("comes after it in the file", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_event_in_two_files_is_TRC121()
    {
        var a = Lines("a", Ev("n1", 1, "\"n1\":1"));
        var b = Lines("b", Ev("n2", 1, "\"n2\":1"), Ev("n1", 1, "\"n1\":1"));
        var d = Assert.Single(TraceMerger.Merge([a, b]).Diagnostics);
        Assert.Equal((TraceCodes.DuplicateEvent, 2), (d.Code, d.Line));
        Assert.EndsWith("b.ndjson", d.File, StringComparison.Ordinal);
    }
}
