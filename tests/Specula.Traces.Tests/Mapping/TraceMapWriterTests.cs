using System.Collections.Immutable;
using Specula.Traces.Mapping;
using Specula.Traces.Tests.Format;

namespace Specula.Traces.Tests.Mapping;

public sealed class TraceMapWriterTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private TraceMap ReadBack(string yaml)
    {
        var result = TraceMapReader.Read(yaml, Path.Combine(_files.Folder, "TraceMap.yaml"));
        Assert.True(result.Ok, yaml + "\n" + string.Join("\n", result.Diagnostics));
        return result.Map!;
    }

    [Fact]
    public void The_documented_example_is_written_canonically()
    {
        var map = ReadBack(TraceMapReaderTests.DocExample);
        Assert.Equal("""
            version: 1
            spec: Raft.tla
            config: MC.cfg
            nodes: Server
            values:
              role: { Follower: Follower, Candidate: Candidate, Leader: Leader }
              "null": Nil
            variables:
              term: currentTerm
              role: state
              log: log
              commitIndex: commitIndex
            unobserved: [messages, votesGranted]
            events:
              BecomeCandidate: { action: Timeout, args: { i: $node } }
              HandleAppendEntries: { action: HandleAppendEntriesRequest, args: { i: $node, j: from, m: $any } }
              Tick: ignore
            silent:
              actions: [DropMessage, DuplicateMessage]
              bound: 2

            """.ReplaceLineEndings("\n"), TraceMapWriter.Write(map));
    }

    [Fact]
    public void Writing_what_was_read_gives_the_same_text_and_the_same_map()
    {
        var text = TraceMapWriter.Write(ReadBack(TraceMapReaderTests.DocExample));
        var again = ReadBack(text);
        Assert.Equal(text, TraceMapWriter.Write(again));
        Assert.Equal(ReadBack(TraceMapReaderTests.DocExample).Variables.ToArray(), again.Variables.ToArray());
        Assert.Equal(ReadBack(TraceMapReaderTests.DocExample).Events.Values.Select(e => (e.Event, e.Action, string.Join(",", e.Args))),
            again.Events.Values.Select(e => (e.Event, e.Action, string.Join(",", e.Args))));
    }

    [Fact]
    public void A_map_built_in_memory_with_awkward_names_round_trips()
    {
        var map = new TraceMap(1, "../specs/My Spec.tla", null, null,
            new ValueTranslations(new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["kind"] = new Dictionary<string, string> { ["a: b"] = "AB", ["true"] = "T", ["42"] = "N42", ["say \"hi\""] = "Hi" },
            }, null),
            [new VariableMapping("total", "sum", VariableScope.Global), new VariableMapping("x-y", "xy")],
            [],
            new Dictionary<string, EventMapping>
            {
                ["<"] = new("<", "Recv", [new("m", ArgSource.Field("$weird")), new("n", ArgSource.Field("null")), new("k", ArgSource.Literal("{1, 2}"))]),
                ["null"] = EventMapping.Ignore("null"),
                ["Go"] = new("Go", "Go", [new("i", ArgSource.AnyIn("Server \\ {s0}"))]),
            },
            new SilentSteps(ImmutableArray.Create("Drop"), 3));
        var text = TraceMapWriter.Write(map);
        var back = ReadBack(text);
        Assert.Equal(text, TraceMapWriter.Write(back));
        Assert.Equal(map.SpecPath, back.SpecPath);
        Assert.Equal(map.Variables.ToArray(), back.Variables.ToArray());
        Assert.Equal(map.Values.ByField["kind"], back.Values.ByField["kind"]);
        Assert.Equal(map.Events["<"].Args.ToArray(), back.Events["<"].Args.ToArray());
        Assert.Equal(map.Events["Go"].Args.ToArray(), back.Events["Go"].Args.ToArray());
        Assert.True(back.Events["null"].IsIgnored);
        Assert.Equal(3, back.Silent!.Bound);
    }

    [Fact]
    public void WriteFile_writes_what_Write_returns()
    {
        var map = ReadBack(TraceMapReaderTests.DocExample);
        var path = Path.Combine(_files.Folder, "out.yaml");
        TraceMapWriter.WriteFile(map, path);
        Assert.Equal(TraceMapWriter.Write(map), File.ReadAllText(path));
    }
}
