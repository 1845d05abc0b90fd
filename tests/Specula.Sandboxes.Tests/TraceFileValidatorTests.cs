using Specula.Sandboxes.Tracing;

namespace Specula.Sandboxes.Tests;

public sealed class TraceFileValidatorTests
{
    private static TraceFileReport Check(string text) => TraceFileValidator.Validate(new StringReader(text), "t.ndjson", text.Length);

    [Fact]
    public void Valid_trace_with_logging_lines_between_events()
    {
        var report = Check("""
            starting up
            {"tag":"trace","v":1,"seq":1,"node":"n1","event":"Send","args":{"to":"n2"},"state":{"term":1},"clock":{"n1":1}}
            {"level":"info","msg":"not a trace line"}
            {"tag":"trace","v":1,"seq":1,"node":"n2","event":"Receive","state":{"term":1},"clock":{"n1":1,"n2":1}}
            {"tag":"trace","v":1,"seq":2,"node":"n1","event":"Send","state":{"term":1},"clock":{"n1":2}}
            """);

        Assert.True(report.IsValid, string.Join("\n", report.Diagnostics));
        Assert.Equal(3, report.Events);
        Assert.Equal(2, report.OtherLines);
        Assert.Equal(["n1", "n2"], report.Nodes);
        Assert.Equal([new("Receive", 1), new KeyValuePair<string, int>("Send", 2)], report.EventCounts);
    }

    [Fact]
    public void Speculas_own_harness_lines_are_accepted()
    {
        var report = Check("""{"tag":"trace","event":{"name":"BecomeLeader","nid":"n1","state":{"term":2},"msg":null}}""");

        Assert.True(report.IsValid);
        Assert.Equal(["n1"], report.Nodes);
    }

    [Fact]
    public void Problems_have_codes_and_lines()
    {
        var report = Check("""
            {"tag":"trace","v":1,"seq":2,"node":"n1","event":"A","state":{},"clock":{"n1":5}}
            {"tag":"trace","v":1,"seq":2,"node":"n1","event":"B","state":{},"clock":{"n1":4}}
            {"tag":"trace","v":2,"seq":3,"node":"n1","event":"C","state":{},"clock":{"n1":6}}
            {"tag":"trace","v":1,"seq":4,"node":"n1","state":{},"clock":{}}
            {"tag":"trace","v":1,"seq":5,"node":"n1","event":"cut short by a cra
            """);

        var found = report.Diagnostics.Select(d => (d.Code, d.Line)).ToArray();
        Assert.Equal([(TraceFileValidator.SeqOrder, 2), (TraceFileValidator.ClockOrder, 2), (TraceFileValidator.BadVersion, 3), (TraceFileValidator.BadField, 4), (TraceFileValidator.Malformed, 5)], found);
        Assert.False(report.IsValid);
    }

    [Fact]
    public void A_file_without_events_is_invalid() => Assert.Equal(TraceFileValidator.Empty, Assert.Single(Check("just logs\n").Diagnostics).Code);
}
