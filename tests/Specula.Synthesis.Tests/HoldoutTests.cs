using Specula.Traces.Format;

namespace Specula.Synthesis.Tests;

/// <summary>Held-out traces: whole runs of every fault schedule, validated at the end and never fitted.</summary>
public class HoldoutTests
{
    private static List<Trace> Read(IEnumerable<string> files) =>
        [.. files.Select(f => TraceReader.ReadFile(f).Trace ?? throw new InvalidOperationException($"{f} does not read"))];

    private static List<string> TwoPhaseCommitFiles() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Data", "twopc-python"), "*.ndjson").Order(StringComparer.Ordinal)];

    [Fact]
    public void Every_fault_schedule_is_both_learned_and_held_out_by_whole_runs()
    {
        var traces = Read(TwoPhaseCommitFiles());
        var (training, heldOut) = TraceSplit.Split(traces, 0.3);

        Assert.Equal(traces.Count, training.Count + heldOut.Count);
        Assert.Empty(training.Intersect(heldOut));
        var schedules = traces.Select(TraceSplit.Schedule).Distinct().ToList();
        Assert.Equal(2, schedules.Count);
        foreach (var schedule in schedules)
        {
            Assert.Contains(training, t => TraceSplit.Schedule(t) == schedule);
            Assert.Contains(heldOut, t => TraceSplit.Schedule(t) == schedule);
        }
    }

    [Fact]
    public void The_split_does_not_depend_on_file_order()
    {
        var traces = Read(TwoPhaseCommitFiles());
        var forward = TraceSplit.Split(traces, 0.3);
        var backward = TraceSplit.Split([.. traces.AsEnumerable().Reverse()], 0.3);
        Assert.Equal(forward.HeldOut.Select(t => t.Name).Order(), backward.HeldOut.Select(t => t.Name).Order());
    }

    [Fact]
    public void Runs_without_metadata_are_grouped_by_their_name_without_the_seed()
    {
        var traces = new[] { "partition-seed1", "partition-seed2", "proposals-seed1", "proposals-seed2", "solo" }
            .Select(name => MiningTests.Counter(name, 5)).ToList();
        Assert.Equal("partition", TraceSplit.Schedule(traces[0]));
        var (training, heldOut) = TraceSplit.Split(traces, 0.3);
        Assert.Single(heldOut, t => t.Name.StartsWith("partition", StringComparison.Ordinal));
        Assert.Single(heldOut, t => t.Name.StartsWith("proposals", StringComparison.Ordinal));
        Assert.Contains(training, t => t.Name == "solo");
    }

    [Fact]
    public void A_held_out_run_with_behaviour_training_never_shows_is_reported_not_fitted()
    {
        var input = TestFolders.Fresh("holdout-in");
        var files = new List<string>();
        foreach (var (name, steps) in new[] { ("a", 30), ("b", 41), ("c", 27), ("d", 35) })
        {
            var path = Path.Combine(input, name + ".ndjson");
            File.WriteAllLines(path, MiningTests.CounterLines(steps));
            files.Add(path);
        }
        var held = TraceSplit.Split(Read(files), 0.25).HeldOut.Single();
        // The held-out run's counter jumps by 2 once: no training step shows it, so the spec must not take it.
        var lines = MiningTests.CounterLines(20);
        lines[5] = lines[5].Replace("\"count\":2,", "\"count\":3,", StringComparison.Ordinal);
        Assert.NotEqual(MiningTests.CounterLines(20)[5], lines[5]);
        File.WriteAllLines(held.Path, lines);

        var result = Synthesizer.Run(new SynthesisOptions(files, TestFolders.Fresh("holdout-out"), Holdout: 0.25, MaxStates: 500, ModuleName: "Counter"));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(held.Name, Assert.Single(result.HeldOutTraces));
        Assert.True(result.Training!.AllConform);
        Assert.False(result.HeldOut!.AllConform);
        var divergence = Assert.Single(result.HeldOut.Divergences);
        Assert.Equal(6, divergence.Index);
        Assert.Contains(result.HeldOut.Actions, a => a.Accepted < a.Observed);
        Assert.All(result.Rounds, r => Assert.Equal(0, r.ExamplesAdded));
        var tla = File.ReadAllText(result.Files.Single(f => f.EndsWith("Counter.tla", StringComparison.Ordinal)));
        Assert.Contains("count' = [count EXCEPT ![n] = count[n] + 1]", tla, StringComparison.Ordinal);
        Assert.DoesNotContain("training: " + held.Name, tla, StringComparison.Ordinal);
    }
}
