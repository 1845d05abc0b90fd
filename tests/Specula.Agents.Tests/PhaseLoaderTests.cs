using Specula.Agents.Phases;
using Specula.Agents.Plugins;

namespace Specula.Agents.Tests;

public sealed class PhaseLoaderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "specula-phases-" + Guid.NewGuid().ToString("N")[..12]);

    public PhaseLoaderTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "agents"));
        Directory.CreateDirectory(Path.Combine(_root, "prompts"));
        File.WriteAllText(Path.Combine(_root, "prompts", "system.md"), "You write specs for {{target}}.");
        File.WriteAllText(Path.Combine(_root, "prompts", "repair.md"), "Fix {{checks}}.");
    }

    private PhaseLoadResult Load(string pipeline, params (string Name, string Text)[] phases)
    {
        File.WriteAllText(Path.Combine(_root, "agents", "pipeline.yaml"), pipeline);
        foreach (var (name, text) in phases)
        {
            File.WriteAllText(Path.Combine(_root, "agents", name + ".yaml"), text);
        }
        return PhaseLoader.Load(Path.Combine(_root, "agents"), Path.Combine(_root, "prompts"), ToolCatalog.Names);
    }

    [Fact]
    public void The_shipped_phases_load_in_order_with_their_prompts()
    {
        var loaded = PhaseLoader.Load(null, null, ToolCatalog.Names);

        Assert.Empty(loaded.Errors);
        Assert.Equal(["analyze", "draft", "harness", "collect", "validate", "repair", "confirm", "report"], loaded.Plan!.Phases.Select(p => p.Name));
        var repair = loaded.Plan.Phases.Single(p => p.Name == "repair");
        Assert.Equal([PhaseCriterion.Conforming], repair.Exit);
        Assert.Contains("spec.write", repair.Tools);
        Assert.Contains("{{divergences}}", loaded.Plan.Prompts["repair.md"]);
        Assert.False(loaded.Plan.Phases.Single(p => p.Name == "validate").UsesReasoner);
    }

    [Fact]
    public void The_shipped_folders_match_what_is_built_in()
    {
        var repoRoot = AppContext.BaseDirectory;
        while (!Directory.Exists(Path.Combine(repoRoot, "agents")) || !File.Exists(Path.Combine(repoRoot, "Specula.sln")))
        {
            repoRoot = Path.GetDirectoryName(repoRoot)!;
        }
        var fromDisk = PhaseLoader.Load(Path.Combine(repoRoot, "agents"), Path.Combine(repoRoot, "prompts"), ToolCatalog.Names);

        Assert.Empty(fromDisk.Errors);
        static string Describe(PhasePlan plan) => System.Text.Json.JsonSerializer.Serialize(plan);
        Assert.Equal(Describe(PhaseLoader.Load(null, null, ToolCatalog.Names).Plan!), Describe(fromDisk.Plan!));
    }

    [Fact]
    public void Every_error_is_reported_at_its_line_and_column()
    {
        var result = Load("phases: [repair, missing]\n", ("repair", """
            name: repair
            goal: Fix it.
            prompt: repair.md
            tools: [spec.write, shell.exec]
            exit: [conforming, happy]
            budget: { rounds: lots }
            colour: blue
            """));

        Assert.Null(result.Plan);
        var errors = result.Errors.Select(e => e.ToString()).ToList();
        Assert.Contains("pipeline.yaml:1:18: error PHS005: Phase 'missing' has no file missing.yaml.", errors);
        Assert.Contains(errors, e => e.StartsWith("repair.yaml:4:21: error PHS005: Unknown tool 'shell.exec'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("repair.yaml:5:20: error PHS005: Unknown condition 'happy'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("repair.yaml:6:19: error PHS004: 'rounds' is a whole number", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("repair.yaml:7:1: error PHS003: Unknown key 'colour'", StringComparison.Ordinal));
    }

    [Fact]
    public void Malformed_yaml_and_unknown_placeholders_are_errors()
    {
        File.WriteAllText(Path.Combine(_root, "prompts", "repair.md"), "line one\nFix {{checks}} within {{deadline}}.");
        var result = Load("phases: [repair]\n", ("repair", "name: repair\ngoal: [unclosed\n"));

        var errors = result.Errors.Select(e => e.ToString()).ToList();
        Assert.Contains(errors, e => e.StartsWith("repair.yaml:", StringComparison.Ordinal) && e.Contains("PHS001", StringComparison.Ordinal));

        var second = Load("phases: [repair]\n", ("repair", "name: repair\ngoal: g\nprompt: repair.md\nexit: [conforming]\n"));
        Assert.Contains(second.Errors.Select(e => e.ToString()), e => e.StartsWith("repair.md:2:23: error PHS006: Unknown placeholder {{deadline}}", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_fills_known_placeholders()
    {
        Assert.Equal("Fix 3 errors in Raft.", PhaseLoader.Render("Fix {{ checks }} in {{target}}.", new Dictionary<string, string> { ["checks"] = "3 errors", ["target"] = "Raft" }));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
