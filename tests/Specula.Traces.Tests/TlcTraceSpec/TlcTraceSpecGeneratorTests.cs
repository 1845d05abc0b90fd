using System.Collections.Immutable;
using Specula.Tla.Config;
using Specula.Tla.Semantics;
using Specula.Traces.Mapping;
using Specula.Traces.TlcTraceSpec;
using Specula.Traces.Tests.Format;

namespace Specula.Traces.Tests.TlcTraceSpec;

/// <summary>
/// Trace.tla/Trace.cfg generated for the Tiny spec (Data/tiny). The snapshots under Data/tiny/expected are what TLC
/// (built from source, <c>JSON=x.ndjson /tmp/tla/check.sh -tlc DIR Trace -config Trace.cfg</c>, one worker) ran on,
/// on 2026-11-27:
/// <list type="bullet">
/// <item>Trace + good.ndjson (5 mapped events, one ignored Log): "Model checking completed. No error has been found.
/// 6 states generated, 6 distinct states found ... depth of the complete state graph search is 6", exit 0.</item>
/// <item>Trace + bad.ndjson (Stop twice): Print of the unmatched line (seq 3, the second Stop), then "Error:
/// Postcondition TraceAccepted ... is false. 3 states generated", exit 10.</item>
/// <item>TraceSilent + leaky.ndjson (the total grows once more than the logged steps explain): accepted with one
/// silent Leak, "7 states generated, 7 distinct states found", depth 7, exit 0. Trace (no silent steps) + leaky.ndjson:
/// postcondition false after 2 states, exit 10.</item>
/// <item>TraceSilent + bad.ndjson: TraceMatched violated (a behavior Start, Stop, Leak, Leak that cannot go on),
/// exit 12; TraceSilent + good.ndjson: no error, 6 states, exit 0.</item>
/// </list>
/// Set SPECULA_UPDATE_SNAPSHOTS=1 to rewrite the snapshots after a deliberate change, then run TLC on them again.
/// </summary>
public sealed class TlcTraceSpecGeneratorTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static TraceMap Map(string name)
    {
        var result = TraceMapReader.ReadFile(TestFiles.Data("tiny", name));
        Assert.True(result.Ok, string.Join("\n", result.Diagnostics));
        return result.Map!;
    }

    private static TlcTraceSpecOptions Options(string module = "Trace") =>
        new(ModuleName: module, DefaultTracePath: "good.ndjson", BaseConfig: ModelConfigReader.ReadFile(TestFiles.Data("tiny", "MC.cfg")).Config,
            ActionArities: new Dictionary<string, int> { ["Leak"] = 0, ["Start"] = 1, ["Give"] = 2 });

    /// <summary>Writes the generated module beside a copy of the spec and checks it with Specula's front end.</summary>
    private SemanticResult Check(TlcTraceSpecFiles spec)
    {
        Assert.True(spec.Ok, string.Join("\n", spec.Diagnostics));
        File.Copy(TestFiles.Data("tiny", "Tiny.tla"), Path.Combine(_files.Folder, "Tiny.tla"), overwrite: true);
        var path = _files.Write(spec.ModuleName + ".tla", spec.Tla!);
        var modules = new ModuleSet();
        var source = modules.AddFile(path);
        Assert.NotNull(source);
        Assert.True(source.Diagnostics.IsEmpty, string.Join("\n", source.Diagnostics));
        return SemanticChecker.Check(modules, source);
    }

    private static void Snapshot(string name, string actual)
    {
        var expectedPath = TestFiles.Data("tiny", "expected", name);
        if (Environment.GetEnvironmentVariable("SPECULA_UPDATE_SNAPSHOTS") == "1")
        {
            var source = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../Data/tiny/expected", name));
            Directory.CreateDirectory(Path.GetDirectoryName(source)!);
            File.WriteAllText(source, actual);
            return;
        }
        Assert.Equal(File.ReadAllText(expectedPath).ReplaceLineEndings("\n"), actual);
    }

    [Fact]
    public void Trace_spec_for_the_tiny_map_parses_and_checks_clean()
    {
        var spec = TlcTraceSpecGenerator.Generate(Map("TraceMap.yaml"), "Tiny", Options());
        var result = Check(spec);
        Assert.True(result.Diagnostics.IsEmpty, string.Join("\n", result.Diagnostics));
        var module = result.Module!;
        Assert.Equal(["count", "mode", "total", "l"], module.Variables.Select(v => v.Name));
        foreach (var name in new[] { "TraceLog", "TraceInit", "TraceNext", "TraceSpec", "TraceView", "TraceAccepted", "TraceMatched", "IsGive" })
        {
            Assert.NotNull(module.Lookup(name));
        }
    }

    [Fact]
    public void Trace_spec_snapshot()
    {
        var spec = TlcTraceSpecGenerator.Generate(Map("TraceMap.yaml"), "Tiny", Options());
        Snapshot("Trace.tla", spec.Tla!);
        Snapshot("Trace.cfg", spec.Cfg!);
    }

    [Fact]
    public void Trace_spec_with_silent_steps_snapshot_and_check()
    {
        var spec = TlcTraceSpecGenerator.Generate(Map("TraceMapSilent.yaml"), "Tiny", Options("TraceSilent"));
        var result = Check(spec);
        Assert.True(result.Diagnostics.IsEmpty, string.Join("\n", result.Diagnostics));
        Assert.Equal(["count", "mode", "total", "l", "traceSilent"], result.Module!.Variables.Select(v => v.Name));
        Snapshot("TraceSilent.tla", spec.Tla!);
        Snapshot("TraceSilent.cfg", spec.Cfg!);
        Assert.Contains("PROPERTY\n    TraceMatched", spec.Cfg, StringComparison.Ordinal);
    }

    [Fact]
    public void The_documented_example_generates_once_its_free_argument_has_a_set()
    {
        var yaml = Mapping.TraceMapReaderTests.DocExample.Replace("m: $any", "m: { any: messages }", StringComparison.Ordinal);
        var map = TraceMapReader.Read(yaml, Path.Combine(_files.Folder, "TraceMap.yaml")).Map!;
        var spec = TlcTraceSpecGenerator.Generate(map, "Raft");
        Assert.True(spec.Ok);
        Assert.Contains("/\\ \\E m \\in messages : HandleAppendEntriesRequest(logline.node, TraceArgs(logline)[\"from\"], m)", spec.Tla, StringComparison.Ordinal);
        Assert.Contains("currentTerm'[logline.node] = TraceState(logline)[\"term\"]", spec.Tla, StringComparison.Ordinal);
        Assert.Contains("state'[logline.node] = TraceTr_role(TraceState(logline)[\"role\"])", spec.Tla, StringComparison.Ordinal);
        Assert.Contains("TraceIgnored == {\"Tick\"}", spec.Tla, StringComparison.Ordinal);
        Assert.Contains("Server <- TraceNodes", spec.Cfg, StringComparison.Ordinal);
    }

    [Fact]
    public void A_free_argument_without_a_set_is_TLG101()
    {
        var map = TraceMapReader.Read(Mapping.TraceMapReaderTests.DocExample, Path.Combine(_files.Folder, "TraceMap.yaml")).Map!;
        var spec = TlcTraceSpecGenerator.Generate(map, "Raft");
        var d = Assert.Single(spec.Diagnostics);
        Assert.Equal((TlcTraceSpecGenerator.FreeArgumentWithoutSet, "events.HandleAppendEntries.args.m"), (d.Code, d.MapKey));
        Assert.Null(spec.Tla);
        Assert.NotNull(map.PositionOf(d.MapKey));
    }

    [Fact]
    public void A_silent_action_with_parameters_is_TLG102_and_a_clashing_variable_TLG103()
    {
        var map = Map("TraceMapSilent.yaml") with { Silent = new SilentSteps(ImmutableArray.Create("Start"), 1) };
        var spec = TlcTraceSpecGenerator.Generate(map, "Tiny", Options() with { SpecVariables = ["count", "mode", "total", "l"] });
        Assert.Equal([TlcTraceSpecGenerator.NameClash, TlcTraceSpecGenerator.SilentActionWithParameters], spec.Diagnostics.Select(d => d.Code));
    }

    [Fact]
    public void Event_names_that_are_not_identifiers_literals_and_nested_fields_still_give_a_clean_module()
    {
        var map = TraceMapReader.Read("""
            version: 1
            spec: Tiny.tla
            nodes: Node
            values:
              mode: { "is idle": Idle }
            variables:
              mode: mode
              sum: { variable: total, per: global }
            unobserved: [count]
            events:
              "<": { action: Inc, args: { i: $node } }
              ">": { action: Give, args: { i: { literal: Idle }, j: msg.to } }
              "go-on": { action: Start, args: { i: { any: "Node \\ {\"n1\"}" } } }
              "sp ace": ignore
            """, Path.Combine(_files.Folder, "TraceMap.yaml"));
        Assert.True(map.Ok, string.Join("\n", map.Diagnostics));
        var spec = TlcTraceSpecGenerator.Generate(map.Map!, "Tiny", Options("TraceOdd") with { SpecVariables = ["count", "mode", "total"] });
        var result = Check(spec);
        Assert.True(result.Diagnostics.IsEmpty, string.Join("\n", result.Diagnostics) + "\n" + spec.Tla);
        Assert.Contains("Is_ ==", spec.Tla, StringComparison.Ordinal);
        Assert.Contains("Is_2 ==", spec.Tla, StringComparison.Ordinal);
        Assert.Contains("Give(Idle, TraceArgs(logline)[\"msg\"][\"to\"])", spec.Tla, StringComparison.Ordinal);
        Assert.Contains("\\E i \\in Node \\ {\"n1\"} : Start(i)", spec.Tla, StringComparison.Ordinal);
        Assert.Contains("TraceIgnored == {\"sp ace\"}", spec.Tla, StringComparison.Ordinal);
        Assert.Contains("total' = TraceState(logline)[\"sum\"]", spec.Tla, StringComparison.Ordinal);
    }
}
