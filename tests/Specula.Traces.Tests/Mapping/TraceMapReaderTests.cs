using Specula.Traces.Mapping;
using Specula.Traces.Tests.Format;

namespace Specula.Traces.Tests.Mapping;

public sealed class TraceMapReaderTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>The example of docs/formats.md, "Trace map", as written there.</summary>
    internal const string DocExample = """
        version: 1
        spec: Raft.tla                     # the spec module (relative to this file)
        config: MC.cfg                     # constants for validation (optional: defaults to MC.cfg beside the spec)
        nodes: Server                      # the CONSTANT holding the node set; node names become model values or strings
        values:                            # translations of JSON values (applied to args and state)
          role: { Follower: Follower, Candidate: Candidate, Leader: Leader }   # string → model value / constant name
          "null": Nil                      # JSON null → a constant
        variables:                         # observed state field → spec variable
          term: currentTerm                # per node: currentTerm[node] = state.term
          role: state
          log: { variable: log, per: node }    # the long form; per: node (default) | global
          commitIndex: commitIndex
        unobserved: [messages, votesGranted]   # spec variables the trace does not show: left free
        events:
          BecomeCandidate: { action: Timeout, args: { i: $node } }          # $node = the event's node
          HandleAppendEntries: { action: HandleAppendEntriesRequest, args: { i: $node, j: from, m: $any } }  # $any: free
          Tick: ignore
        silent:                            # actions that may happen unlogged between two events
          actions: [DropMessage, DuplicateMessage]
          bound: 2                         # at most this many silent steps between two events
        """;

    private TraceMapResult Read(string yaml) => TraceMapReader.ReadFile(_files.Write("TraceMap.yaml", yaml));

    private static string Codes(TraceMapResult r) => string.Join("\n", r.Diagnostics.Select(d => $"{d.Line}:{d.Column} {d.Code}"));

    [Fact]
    public void The_documented_example_reads_into_the_model()
    {
        var result = Read(DocExample);
        Assert.True(result.Ok, string.Join("\n", result.Diagnostics));
        var map = result.Map!;
        Assert.Equal((1, "Raft.tla", "MC.cfg", "Server"), (map.Version, map.SpecPath, map.ConfigPath, map.NodesConstant));
        Assert.Equal("Raft", map.SpecModuleName);
        Assert.Equal(Path.Combine(_files.Folder, "Raft.tla"), map.ResolvedSpecPath);
        Assert.Equal("Leader", map.Values.Translate("role", "Leader"));
        Assert.Null(map.Values.Translate("term", "Leader"));
        Assert.Equal("Nil", map.Values.Null);
        Assert.Equal(
            [new VariableMapping("term", "currentTerm"), new VariableMapping("role", "state"), new VariableMapping("log", "log"),
             new VariableMapping("commitIndex", "commitIndex")],
            map.Variables.ToArray());
        Assert.Equal(["messages", "votesGranted"], map.Unobserved.ToArray());
        Assert.Equal(["BecomeCandidate", "HandleAppendEntries", "Tick"], map.Events.Keys);
        var handle = map.Events["HandleAppendEntries"];
        Assert.Equal("HandleAppendEntriesRequest", handle.Action);
        Assert.Equal(
            [new ActionArgument("i", ArgSource.Node), new ActionArgument("j", ArgSource.Field("from")), new ActionArgument("m", ArgSource.Any)],
            handle.Args.ToArray());
        Assert.True(map.Events["Tick"].IsIgnored);
        Assert.Equal(["DropMessage", "DuplicateMessage"], map.Silent!.Actions.ToArray());
        Assert.Equal(2, map.Silent.Bound);
        Assert.Equal(new TraceMapPosition(16, 3), map.PositionOf("events.HandleAppendEntries"));
        Assert.Equal(new TraceMapPosition(16, 89), map.PositionOf("events.HandleAppendEntries.args.m"));
    }

    [Fact]
    public void Long_forms_of_arguments_and_global_variables()
    {
        var result = Read("""
            version: 1
            spec: S.tla
            variables:
              total: { variable: sum, per: global }
            events:
              Tick: Tick
              Send: { action: Send, args: { a: { field: msg.term }, b: { any: "1..3" }, c: { literal: Nil }, d: { any: } } }
            """);
        Assert.True(result.Ok, Codes(result));
        var map = result.Map!;
        Assert.Equal(VariableScope.Global, map.Variables[0].Per);
        Assert.Equal(new EventMapping("Tick", "Tick", []), map.Events["Tick"] with { Args = [] });
        Assert.Equal(
            [ArgSource.Field("msg.term"), ArgSource.AnyIn("1..3"), ArgSource.Literal("Nil"), ArgSource.Any],
            map.Events["Send"].Args.Select(a => a.Source));
        Assert.Equal(["msg", "term"], ((FieldSource)map.Events["Send"].Args[0].Source).Segments);
        Assert.Null(map.ConfigPath);
        Assert.EndsWith("MC.cfg", map.ResolvedConfigPath, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_yaml_is_MAP101_at_its_position()
    {
        var result = Read("version: 1\nspec: [a, b\nevents: {}\n");
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(TraceMapCodes.BadYaml, d.Code);
        Assert.Equal(2, d.Line); // where the unterminated list starts
    }

    [Fact]
    public void Unknown_keys_are_MAP102_with_the_key_meant()
    {
        var result = Read("""
            version: 1
            spec: S.tla
            varaibles: {}
            events:
              A: { acton: A }
            silent: { actions: [X], bund: 2 }
            """);
        Assert.Equal("3:1 MAP102\n5:6 MAP106\n5:8 MAP102\n6:25 MAP102", Codes(result));
        Assert.Equal(["variables", "action", "bound"], result.Diagnostics.Where(d => d.Code == "MAP102").Select(d => d.Suggestion));
        Assert.Contains("Did you mean 'variables'?", result.Diagnostics[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_types_are_MAP103()
    {
        var result = Read("""
            version: one
            spec: [S.tla]
            values: [a]
            variables: { term: [x] }
            unobserved: messages
            events: []
            """);
        Assert.Equal("1:10 MAP103\n2:7 MAP103\n3:9 MAP103\n4:20 MAP103\n5:13 MAP103\n6:9 MAP103", Codes(result));
    }

    [Fact]
    public void Missing_version_spec_and_events_are_MAP104()
    {
        var result = Read("nodes: Server\n");
        Assert.Equal("1:1 MAP104\n1:1 MAP104\n1:1 MAP104", Codes(result));
        Assert.Equal(["version", "spec", "events"], result.Diagnostics.Select(d => d.Message.Split('\'')[1]));
    }

    [Fact]
    public void Version_2_is_MAP105()
    {
        Assert.Equal("1:10 MAP105", Codes(Read("version: 2\nspec: S.tla\nevents: {}\n")));
    }

    [Fact]
    public void Events_mapped_to_nothing_are_MAP106()
    {
        var result = Read("""
            version: 1
            spec: S.tla
            events:
              A:
              B: { args: { i: $node } }
              C: { action: }
            """);
        Assert.Equal("4:3 MAP106\n5:6 MAP106\n6:6 MAP106", Codes(result));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("two")]
    [InlineData("1.5")]
    [InlineData("[1]")]
    public void Bound_not_a_positive_integer_is_MAP107(string bound)
    {
        var result = Read($"version: 1\nspec: S.tla\nevents: {{}}\nsilent:\n  actions: [Drop]\n  bound: {bound}\n");
        Assert.Equal("6:10 MAP107", Codes(result));
    }

    [Fact]
    public void Variable_both_observed_and_unobserved_is_MAP108()
    {
        var result = Read("version: 1\nspec: S.tla\nvariables: { term: currentTerm }\nunobserved: [log, currentTerm]\nevents: {}\n");
        Assert.Equal("4:19 MAP108", Codes(result));
        Assert.Contains("field 'term' observes it", result.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_keys_are_MAP109_not_silently_overwritten()
    {
        var result = Read("version: 1\nspec: S.tla\nevents:\n  A: ignore\n  A: { action: X }\n");
        Assert.Equal("5:3 MAP109", Codes(result));
        Assert.Contains("first one is at line 4", result.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_per_is_MAP110_with_a_suggestion()
    {
        var result = Read("version: 1\nspec: S.tla\nvariables:\n  log: { variable: log, per: nodes }\nevents: {}\n");
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(("MAP110", 4, 30, "node"), (d.Code, d.Line, d.Column, d.Suggestion));
    }

    [Fact]
    public void Bad_argument_sources_are_MAP111()
    {
        var result = Read("""
            version: 1
            spec: S.tla
            events:
              A: { action: A, args: { i: $nod, j: a..b, k: { field: x, any: y }, l: {}, m: } }
            """);
        Assert.Equal(["4:30 MAP111", "4:39 MAP111", "4:48 MAP111", "4:73 MAP111", "4:77 MAP111"], Codes(result).Split('\n'));
        Assert.Equal("$node", result.Diagnostics[0].Suggestion);
    }

    [Fact]
    public void A_variable_mapped_from_two_fields_is_MAP112()
    {
        var result = Read("version: 1\nspec: S.tla\nvariables:\n  term: currentTerm\n  t2: currentTerm\nevents: {}\n");
        Assert.Equal("5:3 MAP112", Codes(result));
    }

    [Fact]
    public void Missing_file_is_MAP113()
    {
        var result = TraceMapReader.ReadFile(Path.Combine(_files.Folder, "none.yaml"));
        Assert.Equal("0:1 MAP113", Codes(result));
    }

    [Fact]
    public void Names_that_are_not_identifiers_are_MAP114()
    {
        var result = Read("""
            version: 1
            spec: S.tla
            nodes: my-nodes
            variables: { term: "current term" }
            events:
              A: { action: "Do It", args: { "1": $node } }
            """);
        Assert.Equal("3:8 MAP114\n4:20 MAP114\n6:16 MAP114\n6:33 MAP114", Codes(result));
    }

    [Fact]
    public void Names_listed_twice_are_MAP115()
    {
        var result = Read("version: 1\nspec: S.tla\nunobserved: [a, b, a]\nevents: {}\nsilent: { actions: [X, X] }\n");
        Assert.Equal("3:20 MAP115\n5:24 MAP115", Codes(result));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var result = Read("""
            version: 3
            spec: S.tla
            nodez: Server
            variables:
              term: { variable: currentTerm, per: all }
            unobserved: [currentTerm]
            events:
              A:
            silent: { actions: [D], bound: 0 }
            """);
        Assert.Equal(["MAP105", "MAP102", "MAP110", "MAP108", "MAP106", "MAP107"], result.Diagnostics.Select(d => d.Code));
    }
}
