using Specula.Tla.Checking;
using Specula.Tla.Evaluation;
using Specula.Tla.Values;

namespace Specula.Tla.Tests.Evaluation;

/// <summary>
/// <see cref="SpecStepper.Step(State, string, IReadOnlyList{Value?}, IReadOnlyList{SlotExpectation}?)"/>: values a
/// trace already shows prune generation, and the successors left are exactly those of the unpruned step that show them.
/// </summary>
public sealed class StepExpectationTests : IDisposable
{
    // Every variable a free choice, as the synthesizer writes an effect it cannot pin down: 4 x 4 x 4 successors.
    private const string Module = """
        ---- MODULE Choices ----
        EXTENDS Naturals
        CONSTANT Node
        VARIABLES a, b, c
        Init == a = [n \in Node |-> 0] /\ b = 0 /\ c = 0
        Pick(n) ==
            /\ \E v \in 0..3 : a' = [a EXCEPT ![n] = v]
            /\ \E v \in 0..3 : b' = v
            /\ \E v \in 0..3 : c' = v
        Next == \E n \in Node : Pick(n)
        ====
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("specula-expect-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private SpecStepper Stepper()
    {
        File.WriteAllText(Path.Combine(_dir, "Choices.tla"), Module);
        File.WriteAllText(Path.Combine(_dir, "Choices.cfg"), "CONSTANT Node = {n1, n2}\nINIT Init\nNEXT Next\n");
        return SpecStepper.Create(ModelLoader.Load(Path.Combine(_dir, "Choices.tla"), Path.Combine(_dir, "Choices.cfg")).Model!);
    }

    [Fact]
    public void Expected_values_leave_the_successors_that_have_them_and_no_other()
    {
        var stepper = Stepper();
        var init = Assert.Single(stepper.InitialStates());
        var n1 = stepper.ValueOfName("n1")!;
        var all = stepper.Step(init, "Pick", [n1]);
        Assert.Equal(64, all.Successors.Length);

        var expected = new[]
        {
            new SlotExpectation(stepper.SlotOf("a"), n1, Value.Int(2)),
            new SlotExpectation(stepper.SlotOf("c"), null, Value.Int(1)),
        };
        var pruned = stepper.Step(init, "Pick", [n1], expected);

        var wanted = all.Successors.Where(s => expected.All(e => e.Holds(s.State[e.Slot]))).Select(s => s.State).ToList();
        Assert.Equal(4, wanted.Count);
        Assert.Equal(wanted, pruned.Successors.Select(s => s.State));
        Assert.True(pruned.Entered);
    }

    [Fact]
    public void A_value_no_successor_has_leaves_none()
    {
        var stepper = Stepper();
        var init = Assert.Single(stepper.InitialStates());
        var n2 = stepper.ValueOfName("n2")!;
        var outcome = stepper.Step(init, "Pick", [n2], [new SlotExpectation(stepper.SlotOf("b"), null, Value.Int(7))]);
        Assert.Empty(outcome.Successors);
        Assert.Null(outcome.Error);
    }
}
