using Specula.Agents.Checks;
using Specula.Agents.Runs;

namespace Specula.Agents.Tests;

public sealed class SpecFolderAndGateTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "specula-spec-" + Guid.NewGuid().ToString("N")[..12]);

    [Theory]
    [InlineData("../outside.tla")]
    [InlineData("sub/../../outside.tla")]
    [InlineData("/etc/passwd")]
    [InlineData("")]
    public void Paths_out_of_the_spec_folder_are_refused(string path)
    {
        var changes = new List<SpecChange>();
        var folder = new SpecFolder(Path.Combine(_root, "spec"), changes.Add);

        var (change, error) = folder.Write(path, "x");

        Assert.Null(change);
        Assert.NotNull(error);
        Assert.Empty(changes);
        Assert.False(File.Exists(Path.Combine(_root, "outside.tla")));
    }

    [Fact]
    public void A_link_out_of_the_folder_is_refused()
    {
        var outside = Directory.CreateDirectory(Path.Combine(_root, "elsewhere")).FullName;
        var spec = Directory.CreateDirectory(Path.Combine(_root, "spec")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(spec, "link"), outside);
        var folder = new SpecFolder(spec);

        var (_, error) = folder.Write("link/Evil.tla", "x");

        Assert.Equal("the path goes through a link", error!.Reason);
        Assert.Empty(Directory.GetFiles(outside));
    }

    [Fact]
    public void Every_write_reports_a_unified_diff_and_restore_undoes_it()
    {
        var changes = new List<SpecChange>();
        var folder = new SpecFolder(Path.Combine(_root, "spec"), changes.Add);
        folder.Write("A.tla", "line 1\nline 2\n");
        var snapshot = folder.Snapshot();

        folder.Write("A.tla", "line 1\nline two\n");
        folder.Write("B.cfg", "INIT Init\n");
        folder.Restore(snapshot);

        Assert.Equal(5, changes.Count);
        Assert.Contains("-line 2", changes[1].Diff);
        Assert.Contains("+line two", changes[1].Diff);
        Assert.Contains("--- a/A.tla", changes[1].Diff);
        Assert.Null(changes[2].BeforeHash);
        Assert.Equal(snapshot.Hash(), folder.Snapshot().Hash());
        Assert.Equal(["A.tla"], folder.List());
        Assert.Null(folder.Write("A.tla", "line 1\nline 2\n").Change);
    }

    [Fact]
    public void Gates_accept_a_change_that_strengthens_a_guard_and_keeps_everything_else()
    {
        var before = Snapshot("Inc == x' = x + 1", "INVARIANT TypeOK", "Tick: { action: Inc }");
        var after = Snapshot("Inc == x < 3 /\\ x' = x + 1", "INVARIANT TypeOK\nINVARIANT Small", "Tick: { action: Inc }");
        var protect = SpecGates.InvariantDefinitions(before, ["TypeOK"]);

        Assert.Empty(SpecGates.Check(before, after, protect));
    }

    [Fact]
    public void Gates_name_each_rule_a_change_breaks()
    {
        var before = Snapshot("Inc == x' = x + 1", "INVARIANT TypeOK", "Tick: { action: Inc }\n  Log: { action: Inc }");
        var after = new SpecSnapshot(new Dictionary<string, string>
        {
            ["M.tla"] = "---- MODULE M ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x' = x\nTypeOK == TRUE\n====\n",
            ["MC.cfg"] = "INIT Init\nNEXT Next\nINVARIANT TypeOK\n",
            ["TraceMap.yaml"] = "version: 1\nspec: M.tla\nevents:\n  Tick: ignore\n",
        });

        var gates = SpecGates.Check(before, after, SpecGates.InvariantDefinitions(before, ["TypeOK"]));

        Assert.Equal([SpecGates.InvariantKept, SpecGates.ActionKept, SpecGates.IgnoreNotWidened, SpecGates.IgnoreNotWidened], gates.Select(g => g.Gate));
        Assert.Contains("TraceMap.yaml no longer maps event Log", gates.Select(g => g.Reason));
    }

    [Fact]
    public void A_first_trace_map_may_ignore_events_but_a_later_one_may_not_ignore_more()
    {
        var empty = new SpecSnapshot(new Dictionary<string, string>());
        var first = Snapshot("Inc == x' = x + 1", "INVARIANT TypeOK", "Tick: { action: Inc }\n  Heartbeat: ignore");
        var wider = Snapshot("Inc == x' = x + 1", "INVARIANT TypeOK", "Tick: { action: Inc }\n  Heartbeat: ignore\n  Crash: ignore");

        Assert.Empty(SpecGates.Check(empty, first, new Dictionary<string, string>()));
        var gates = SpecGates.Check(first, wider, new Dictionary<string, string>());
        Assert.Equal("TraceMap.yaml now ignores event Crash", Assert.Single(gates).Reason);
    }

    private static SpecSnapshot Snapshot(string inc, string invariants, string events) => new(new Dictionary<string, string>
    {
        ["M.tla"] = $"---- MODULE M ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\n{inc}\nNext == Inc\nTypeOK == x \\in Nat\nSmall == x < 10\n====\n",
        ["MC.cfg"] = $"INIT Init\nNEXT Next\n{invariants}\n",
        ["TraceMap.yaml"] = $"version: 1\nspec: M.tla\nevents:\n  {events}\n",
    });

    [Fact]
    public void The_checker_returns_codes_and_positions_for_a_spec_that_does_not_parse()
    {
        var folder = new SpecFolder(Path.Combine(_root, "bad"));
        folder.Write("M.tla", "---- MODULE M ----\nVARIABLE x\nInit == x = \n====\n");
        folder.Write("MC.cfg", "INIT Init\n");

        var parse = SpecChecker.Parse(folder.Root);

        Assert.False(parse.Ok);
        var error = parse.Diagnostics.First(d => d.Severity == "error");
        Assert.StartsWith("TLA2", error.Code, StringComparison.Ordinal);
        Assert.StartsWith("M.tla:", error.Location, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
