using Specula.Tla.Checking;
using Specula.Tla.Evaluation;

namespace Specula.Synthesis.Tests;

/// <summary>
/// The screen that drops mined invariants judges them on the states a bounded search stores, not on the states
/// workers happened to generate ahead of the merge: the kept invariants (and so the spec's bytes) must not depend on
/// timing or on the number of workers.
/// </summary>
public class ScreeningTests
{
    // 500 initial states, then levels of 500 (b = 1, 2, 3). A bound of 1,200 distinct states stops the merge among
    // the b = 2 states of parents a = 0..199, while the workers have long generated the b = 2 states of every parent.
    private const string Spec = """
        ---- MODULE Wide ----
        EXTENDS Naturals
        VARIABLES a, b
        Init == a \in 0..499 /\ b = 0
        Next == b < 3 /\ b' = b + 1 /\ UNCHANGED a
        TypeOK == a \in Nat /\ b \in 0..3
        StoredViolation == b < 2 \/ a > 100
        BeyondTheBound == b < 2 \/ a < 250
        NeverReached == b < 3
        InitialViolation == a # 7
        ====
        """;

    private static readonly string[] Candidates = ["StoredViolation", "BeyondTheBound", "NeverReached", "InitialViolation"];

    private static List<string> Violated(int workers)
    {
        var folder = TestFolders.Fresh("screening-" + workers);
        File.WriteAllText(Path.Combine(folder, "Wide.tla"), Spec);
        File.WriteAllText(Path.Combine(folder, "MC.cfg"), "INIT Init\nNEXT Next\nINVARIANT TypeOK\n" + string.Concat(Candidates.Select(c => $"INVARIANT {c}\n")));
        var loaded = ModelLoader.Load(Path.Combine(folder, "Wide.tla"), Path.Combine(folder, "MC.cfg"));
        var model = loaded.Model!;
        var definitions = model.Definitions!;
        var own = SpecStateSpace.Create(model.Context, definitions with { Invariants = [.. definitions.Invariants.Where(i => !Candidates.Contains(i.Name))] });
        var screens = Candidates.Select(c => (IStateSpace)SpecStateSpace.Create(model.Context,
            definitions with { Invariants = [.. definitions.Invariants.Where(i => i.Name == c)] })).ToList();
        var space = new ScreeningStateSpace(own, screens);
        var result = ModelChecker.Run(space, new CheckOptions { Workers = workers, CheckDeadlock = false, MaxStates = 1_200 });
        Assert.Equal(Verdict.LimitReached, result.Verdict);
        return [.. Candidates.Where((_, i) => space.Violations[i] is not null)];
    }

    [Fact]
    public void Only_stored_states_drop_a_candidate_whatever_the_number_of_workers()
    {
        Assert.Equal(["StoredViolation", "InitialViolation"], Violated(1));
        // Repeated: whether the workers ran ahead of the bound is a matter of timing, and no run may see it.
        for (var run = 0; run < 5; run++)
        {
            Assert.Equal(["StoredViolation", "InitialViolation"], Violated(2));
        }
    }
}
