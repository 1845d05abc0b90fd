using Specula.Tla.Checking.Liveness;
using Specula.Tla.Evaluation;
using Specula.Tla.Syntax;

namespace Specula.Tla.Tests.Checking;

/// <summary>The product of a state graph with the tableau of a property, on a graph given as a function.</summary>
public sealed class ProductGraphTests
{
    private static readonly LtlLiteral P = new(new LtlAtoms().Get(AtomKind.State, new StringLiteral("p"), Env.Empty), true);

    // A ring of states 0 .. n-1; p holds in the even ones.
    private static IReadOnlyList<int> Ring(int s, int n) => [(s + 1) % n, s];

    [Fact]
    public void Pairs_each_state_with_the_tableau_states_its_steps_allow()
    {
        // <>[]p: one tableau state waits, the other has p hold from then on.
        var tableau = Tableau.Build(Ltl.Eventually(Ltl.Always(P)))!;

        var graph = ProductGraph.Build(tableau, [0], s => Ring(s, 4), (transition, s, _) => transition.Literals.All(l => (s % 2 == 0) == l.Positive));

        // Every state with both tableau states; an odd state where p must hold from now on has no step out.
        Assert.Equal(8, graph.Count);
        var deadEnds = Enumerable.Range(0, graph.Count).Where(n => graph.Edges(n).Start.Value == graph.Edges(n).End.Value).ToList();
        Assert.Equal([1, 3], deadEnds.Select(graph.State).Order());
    }

    [Fact]
    public void Stops_when_cancelled()
    {
        var tableau = Tableau.Build(Ltl.Always(P))!;
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() =>
            ProductGraph.Build(tableau, [0], s => Ring(s, 100_000), (_, _, _) => true, cancellation: cancelled.Token));
    }
}
