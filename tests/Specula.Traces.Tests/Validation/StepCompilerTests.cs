using Specula.Tla.Evaluation;
using Specula.Traces.Format;
using Specula.Traces.Mapping;
using Specula.Traces.Simulation;
using Specula.Traces.Validation;

namespace Specula.Traces.Tests.Validation;

/// <summary>
/// The step compiler reuses what it converted for a node when a field's JSON did not change, and that never changes
/// a step: on simulated Raft traces, every step equals the one a compiler without memory makes of the same event.
/// </summary>
public sealed class StepCompilerTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Validation", "Data", "raft");

    [Fact]
    public void Remembered_conversions_give_the_steps_of_fresh_ones()
    {
        var map = TraceMapReader.ReadFile(Path.Combine(Folder, "TraceMap.yaml")).Map!;
        var model = ModelLoader.Load(Path.Combine(Folder, "MiniRaft.tla"), Path.Combine(Folder, "MC.cfg")).Model!;
        var stepper = SpecStepper.Create(model);
        var (binding, problems) = MapBinding.Bind(map, stepper);
        Assert.Empty(problems);
        var reused = 0;
        var total = 0;
        for (var seed = 1; seed <= 3; seed++)
        {
            var text = new TraceSimulator(stepper, map).Simulate(new SimulationOptions(200, seed, SilentProbability: 0.2)).Text;
            var trace = TraceReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), $"sim-{seed}.ndjson").Trace!;
            var compiler = binding!.NewCompiler();
            PlannedStep? previous = null;
            for (var i = 0; i < trace.Events.Count; i++)
            {
                var step = compiler.Compile(trace.Events[i], i + 1).Step!;
                var fresh = binding.NewCompiler().Compile(trace.Events[i], i + 1).Step!;

                Assert.Equal(fresh.Action, step.Action);
                Assert.Equal(fresh.Arguments.ToArray(), step.Arguments.ToArray());
                Assert.Equal(fresh.Observations.Select(o => (o.Variable, o.Slot, o.Key, o.Node, o.Expected)),
                    step.Observations.Select(o => (o.Variable, o.Slot, o.Key, o.Node, o.Expected)));
                total += step.Observations.Length;
                reused += step.Observations.Count(o => previous?.Observations.Contains(o) == true);
                previous = step;
            }
        }
        // Most of a node's state is the same from one of its events to the next.
        Assert.True(reused > total / 3, $"{reused} of {total} observations reused");
    }
}
