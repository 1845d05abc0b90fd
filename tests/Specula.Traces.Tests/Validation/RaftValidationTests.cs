using Specula.Tla.Evaluation;
using Specula.Traces.Mapping;
using Specula.Traces.Simulation;
using Specula.Traces.Validation;

namespace Specula.Traces.Tests.Validation;

/// <summary>
/// Validation is exact both ways, on a Raft-like spec (Validation/Data/raft/MiniRaft.tla): every trace the spec
/// produces (simulated, with unobserved variables and silent message losses) conforms, and each mutant of the spec is
/// caught: traces of the spec are rejected by the mutant, or traces of the mutant by the spec, at an event of the
/// mutated action, naming the mutated conjunct or variable.
/// </summary>
public sealed class RaftValidationTests : IDisposable
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Validation", "Data", "raft");
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("specula-raft-");

    public void Dispose() => _work.Delete(recursive: true);

    /// <summary>Writes <paramref name="count"/> simulated traces of the spec in <paramref name="specFolder"/> to a new folder.</summary>
    private List<string> Simulate(string specFolder, string name, int count, int events)
    {
        var map = TraceMapReader.ReadFile(Path.Combine(specFolder, "TraceMap.yaml"));
        Assert.True(map.Ok, string.Join("\n", map.Diagnostics));
        var model = ModelLoader.Load(Path.Combine(specFolder, "MiniRaft.tla"), Path.Combine(specFolder, "MC.cfg"));
        Assert.NotNull(model.Model);
        var simulator = new TraceSimulator(SpecStepper.Create(model.Model!), map.Map!);
        var output = Directory.CreateDirectory(Path.Combine(_work.FullName, name)).FullName;
        var files = new List<string>();
        for (var seed = 1; seed <= count; seed++)
        {
            var trace = simulator.Simulate(new SimulationOptions(events, seed, SilentProbability: 0.2));
            var file = Path.Combine(output, $"{name}-{seed}.ndjson");
            File.WriteAllText(file, trace.Text);
            files.Add(file);
        }
        return files;
    }

    private string Mutate(string name, string find, string replace)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_work.FullName, "spec-" + name)).FullName;
        foreach (var file in Directory.EnumerateFiles(Folder))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
        var spec = Path.Combine(folder, "MiniRaft.tla");
        var text = File.ReadAllText(spec);
        Assert.True(text.Contains(find, StringComparison.Ordinal), $"mutant {name}: '{find}' is not in the spec");
        File.WriteAllText(spec, text.Replace(find, replace, StringComparison.Ordinal));
        return folder;
    }

    private static ValidationReport Validate(string specFolder, IReadOnlyList<string> traces) =>
        TraceValidation.Run(Path.Combine(specFolder, "TraceMap.yaml"), traces, workers: 2);

    [Fact]
    public void Every_trace_the_spec_produces_conforms()
    {
        var traces = Simulate(Folder, "raft", count: 12, events: 80);

        var report = Validate(Folder, traces);

        Assert.Empty(report.Diagnostics);
        Assert.All(report.Traces, t => Assert.True(t.Conforms, t.Divergence?.Summary));
        Assert.Equal(12, report.Conforming);
        Assert.All(report.Actions, a => Assert.Equal(a.Observed, a.Accepted));
        Assert.Contains(report.Actions, a => a.Action == "BecomeLeader" && a.Observed > 0);
    }

    /// <summary>A mutant: a text edit of the spec, which way its traces are checked, and what must be named.</summary>
    public sealed record Mutant(string Name, string Find, string Replace, bool MutantTracesAgainstSpec, string Event, string Named)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Mutant> Mutants() =>
    [
        // Dropped guards: the mutant does more; the spec rejects its traces on the guard.
        new("dropped guard: leaders time out", "    /\\ role[n] /= \"Leader\"\n    /\\ currentTerm[n] < MaxTerm", "    /\\ currentTerm[n] < MaxTerm",
            true, "Timeout", "role[n] /= \"Leader\""),
        new("dropped guard: votes counted by non-candidates", "        /\\ role[n] = \"Candidate\"\n        /\\ votes'", "        /\\ votes'",
            true, "HandleVote", "role[n] = \"Candidate\""),
        new("dropped guard: logs grow past MaxLog", "    /\\ Len(log[n]) < MaxLog\n", "",
            true, "ClientRequest", "Len(log[n]) < MaxLog"),
        // Off by one: a weaker comparison.
        new("off by one: terms up to MaxTerm + 1", "currentTerm[n] < MaxTerm", "currentTerm[n] <= MaxTerm",
            true, "Timeout", "currentTerm[n] < MaxTerm"),
        new("weaker guard: a leader without a quorum", "    /\\ Quorum(votes[n])", "    /\\ votes[n] /= {}",
            true, "BecomeLeader", "Quorum(votes[n])"),
        // Wrong updates: the spec's traces disagree with the mutant's successor on the variable.
        new("wrong update: a timeout keeps the role", "role' = [role EXCEPT ![n] = \"Candidate\"]", "role' = [role EXCEPT ![n] = \"Follower\"]",
            false, "Timeout", "role"),
        new("wrong update: no vote for oneself", "votedFor' = [votedFor EXCEPT ![n] = n]", "votedFor' = [votedFor EXCEPT ![n] = Nil]",
            false, "Timeout", "votedFor"),
        new("wrong update: entries of term 0", "Append(@, currentTerm[n])", "Append(@, 0)",
            false, "ClientRequest", "log"),
        new("off by one: the term advances by two", "currentTerm' = [currentTerm EXCEPT ![n] = @ + 1]", "currentTerm' = [currentTerm EXCEPT ![n] = @ + 2]",
            false, "Timeout", "currentTerm"),
        new("wrong update: followers keep their role on a newer append", "        /\\ role' = [role EXCEPT ![n] = \"Follower\"]\n        /\\ votedFor' = [votedFor EXCEPT ![n] = IF m.term > currentTerm[n]",
            "        /\\ role' = role\n        /\\ votedFor' = [votedFor EXCEPT ![n] = IF m.term > currentTerm[n]",
            false, "HandleAppendEntries", "role"),
    ];

    [Theory]
    [MemberData(nameof(Mutants))]
    public void Each_mutant_is_caught_at_the_right_event_naming_the_right_conjunct_or_variable(Mutant mutant)
    {
        var mutantFolder = Mutate(mutant.Name.Replace(' ', '-').Replace(':', '_'), mutant.Find, mutant.Replace);
        var (producer, judge) = mutant.MutantTracesAgainstSpec ? (mutantFolder, Folder) : (Folder, mutantFolder);
        var traces = Simulate(producer, "traces", count: 16, events: 80);

        var report = Validate(judge, traces);

        Assert.Empty(report.Diagnostics);
        var rejected = report.Traces.Where(t => !t.Conforms).ToList();
        Assert.NotEmpty(rejected);
        foreach (var verdict in rejected)
        {
            var divergence = verdict.Divergence!;
            Assert.Equal(mutant.Event, divergence.Event.Event);
            Assert.Contains(divergence.Candidates, c =>
                c.Conjunct?.Text == mutant.Named || c.Mismatches.Any(m => m.Variable == mutant.Named));
        }
    }

    [Fact]
    public void A_missing_action_is_reported_against_the_map()
    {
        var folder = Mutate("missing-action", "    \\/ \\E n \\in Node : BecomeLeader(n)\n", "");

        var report = Validate(folder, Simulate(Folder, "raft", count: 1, events: 10));

        var diagnostic = Assert.Single(report.Diagnostics);
        Assert.Equal(ValidationCodes.UnknownAction, diagnostic.Code);
        Assert.Contains("BecomeLeader, but the next-state action never takes it", diagnostic.Message);
    }

    /// <summary>Sequence numbers in file order again, so the swap is a well-formed trace of a different order.</summary>
    private static IEnumerable<string> Renumber(IEnumerable<string> lines)
    {
        var seq = new Dictionary<string, int>();
        foreach (var line in lines)
        {
            var node = System.Text.RegularExpressions.Regex.Match(line, "\"node\":\"([^\"]*)\"").Groups[1].Value;
            seq[node] = seq.GetValueOrDefault(node) + 1;
            yield return System.Text.RegularExpressions.Regex.Replace(line, "\"seq\":[0-9]+", $"\"seq\":{seq[node]}");
        }
    }

    [Fact]
    public void Swapped_steps_are_rejected_at_the_first_event_out_of_place()
    {
        var trace = Simulate(Folder, "raft", count: 8, events: 60).First(f => File.ReadAllText(f).Contains("\"BecomeLeader\"", StringComparison.Ordinal));
        var lines = File.ReadAllLines(trace);
        var leader = Array.FindIndex(lines, l => l.Contains("\"event\":\"BecomeLeader\"", StringComparison.Ordinal));
        // The election is won only after the votes that make the quorum: move the win before the election started.
        var timeout = Array.FindLastIndex(lines, leader, l => l.Contains("\"event\":\"Timeout\"", StringComparison.Ordinal));
        (lines[timeout], lines[leader]) = (lines[leader], lines[timeout]);
        File.WriteAllLines(trace, Renumber(lines));

        var verdict = Assert.Single(Validate(Folder, [trace]).Traces);

        Assert.False(verdict.Conforms);
        Assert.Equal(timeout + 1, verdict.Divergence!.Index);
        Assert.Equal("BecomeLeader", verdict.Divergence.Event.Event);
    }
}
