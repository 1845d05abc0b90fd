using Specula.Tla.Checking;
using Specula.Tla.Evaluation;

namespace Specula.Synthesis.Tests;

public class SynthesizerTests
{
    private static List<string> CounterTraces(string folder)
    {
        var files = new List<string>();
        foreach (var (name, steps) in new[] { ("a", 30), ("b", 41), ("c", 27), ("d", 35) })
        {
            var path = Path.Combine(folder, name + ".ndjson");
            File.WriteAllLines(path, MiningTests.CounterLines(steps));
            files.Add(path);
        }
        return files;
    }

    [Fact]
    public void Same_traces_give_the_same_bytes()
    {
        var input = TestFolders.Fresh("determinism-in");
        var files = CounterTraces(input);
        var first = Synthesizer.Run(new SynthesisOptions(files, TestFolders.Fresh("determinism-1"), MaxStates: 300, ModuleName: "Counter"));
        var second = Synthesizer.Run(new SynthesisOptions([.. files.AsEnumerable().Reverse()], TestFolders.Fresh("determinism-2"), MaxStates: 300, ModuleName: "Counter"));
        Assert.Empty(first.Diagnostics);
        Assert.Equal(first.Files.Select(Path.GetFileName), second.Files.Select(Path.GetFileName));
        foreach (var (a, b) in first.Files.Zip(second.Files))
        {
            Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        }
    }

    [Fact]
    public void A_synthetic_system_gives_a_conforming_spec_whose_model_checking_finds_no_violation()
    {
        var input = TestFolders.Fresh("counter-in");
        var result = Synthesizer.Run(new SynthesisOptions(CounterTraces(input), TestFolders.Fresh("counter-out"), Holdout: 0.25, MaxStates: 500, ModuleName: "Counter"));
        Assert.Empty(result.Diagnostics);
        Assert.Single(result.HeldOutTraces);
        Assert.True(result.Training!.AllConform);
        Assert.True(result.HeldOut!.AllConform);
        Assert.True(result.ModelCheck!.Ok, result.ModelCheck.ToString());
        Assert.True(result.Ok);
        var tla = File.ReadAllText(result.Files.Single(f => f.EndsWith("Counter.tla", StringComparison.Ordinal)));
        Assert.Contains("count' = [count EXCEPT ![n] = count[n] + 1]", tla, StringComparison.Ordinal);
    }

    [Fact]
    public void The_generated_TLC_trace_spec_accepts_a_synthesis_trace()
    {
        var input = TestFolders.Fresh("tracespec-in");
        var files = CounterTraces(input);
        var output = TestFolders.Fresh("tracespec-out");
        var result = Synthesizer.Run(new SynthesisOptions(files, output, MaxStates: 300, ModuleName: "Counter"));
        Assert.Empty(result.Diagnostics);
        // Trace.tla reads trace.ndjson when JSON is not set, as TLC users run it.
        File.Copy(files[0], Path.Combine(output, "trace.ndjson"));

        var loaded = ModelLoader.Load(Path.Combine(output, "Trace.tla"), Path.Combine(output, "Trace.cfg"));
        Assert.True(loaded.Model is not null, string.Join(Environment.NewLine, loaded.Diagnostics));
        var model = loaded.Model!;
        var check = ModelChecker.Run(model.CreateStateSpace(), new CheckOptions { PostConditions = model.PostConditions, CheckDeadlock = false });
        Assert.Equal(Verdict.Success, check.Verdict);
    }
}
