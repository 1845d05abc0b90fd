using Specula.Traces.Scoring;

namespace Specula.Traces.Tests.Scoring;

/// <summary>The four dimensions of <c>specula score</c> on real specs.</summary>
public sealed class SpecScorerTests : IDisposable
{
    private static readonly string Token = Path.Combine(AppContext.BaseDirectory, "Validation", "Data", "token");
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("specula-score-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void A_good_spec_scores_full_marks_except_where_traces_diverge()
    {
        var score = SpecScorer.Score(new ScoreRequest(Path.Combine(Token, "Token.tla"), Path.Combine(Token, "MC.cfg"), Path.Combine(Token, "TraceMap.yaml"),
            [Path.Combine(Token, "conforming.ndjson"), Path.Combine(Token, "two-holders.ndjson")], []));

        Assert.Equal(100, score.Syntax.Score);
        Assert.Equal(100, score.Runtime.Score);
        Assert.Equal(["Inc", "Send", "Receive", "Regenerate", "Lose"], score.Actions.Select(a => a.Action));
        // Inc accepted 4 of 5 times (two-holders' second Count fails), Send and Receive always: (80 + 100 + 100) / 3.
        Assert.Equal(93.3, score.Conformance.Score);
        Assert.Equal(100, score.Invariants.Score);
        Assert.True(Assert.Single(score.InvariantResults).Exhaustive);
        Assert.Equal(Math.Round((100 + 100 + 93.3 + 100) / 4, 1), score.Overall);
    }

    [Fact]
    public void Runtime_errors_and_violated_invariants_lower_their_dimensions_and_say_why()
    {
        var spec = Path.Combine(_dir.FullName, "Flaky.tla");
        File.WriteAllText(spec, """
            ---- MODULE Flaky ----
            EXTENDS Naturals
            VARIABLES x, f
            Init == x = 0 /\ f = [i \in 0..2 |-> i]
            Step == x < 5 /\ x' = x + 1 /\ UNCHANGED f
            Look == x > 3 /\ f[x] > 0 /\ UNCHANGED <<x, f>>
            Never == x > 10 /\ x' = 0 /\ UNCHANGED f
            Next == Step \/ Look \/ Never
            ====
            """);
        var config = Path.Combine(_dir.FullName, "MC.cfg");
        File.WriteAllText(config, "INIT Init\nNEXT Next\n");

        var score = SpecScorer.Score(new ScoreRequest(spec, config, null, [], []));

        Assert.Equal(100, score.Syntax.Score);
        // Step runs; Look fails (f[4] is outside f's domain); Never is never enabled.
        Assert.Equal(Math.Round(100.0 / 3, 10), Math.Round(score.Runtime.Score!.Value, 10));
        Assert.Contains("Flaky.tla:6:", score.Actions.Single(a => a.Action == "Look").Error);
        Assert.Equal(0, score.Actions.Single(a => a.Action == "Never").Enabled);
        Assert.Null(score.Conformance.Score);
        Assert.Null(score.Invariants.Score);
    }

    [Fact]
    public void Invariants_score_the_share_that_hold_and_name_the_violated_ones()
    {
        var spec = Path.Combine(_dir.FullName, "Counter.tla");
        File.WriteAllText(spec, """
            ---- MODULE Counter ----
            EXTENDS Naturals
            VARIABLE x
            Init == x = 0
            Next == x < 5 /\ x' = x + 1
            Small == x < 4
            Typed == x \in Nat
            ====
            """);
        var config = Path.Combine(_dir.FullName, "Counter.cfg");
        File.WriteAllText(config, "INIT Init\nNEXT Next\nINVARIANTS Small Typed\n");

        var score = SpecScorer.Score(new ScoreRequest(spec, config, null, [], []));

        Assert.Equal(50, score.Invariants.Score);
        Assert.False(score.InvariantResults.Single(i => i.Name == "Small").Holds);
        Assert.True(score.InvariantResults.Single(i => i.Name == "Typed").Exhaustive);
        Assert.Equal(Math.Round((100 + 100 + 50) / 3.0, 1), score.Overall);
    }

    [Fact]
    public void A_spec_that_does_not_parse_scores_zero_for_syntax_and_nothing_else()
    {
        var spec = Path.Combine(_dir.FullName, "Broken.tla");
        File.WriteAllText(spec, "---- MODULE Broken ----\nVARIABLE x\nInit == x = \nNext == x' = x\n====\n");
        var config = Path.Combine(_dir.FullName, "Broken.cfg");
        File.WriteAllText(config, "INIT Init\nNEXT Next\n");

        var score = SpecScorer.Score(new ScoreRequest(spec, config, null, [], []));

        Assert.Equal(0, score.Syntax.Score);
        Assert.Contains("Broken.tla:", score.Syntax.Detail);
        Assert.Null(score.Runtime.Score);
        Assert.Equal(0, score.Overall);
    }
}
