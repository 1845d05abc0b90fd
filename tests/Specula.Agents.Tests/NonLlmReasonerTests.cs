using Specula.Agents.Checks;
using Specula.Agents.Plugins;
using Specula.Agents.Reasoning;
using Specula.Agents.Runs;
using Specula.Reports.Model;

namespace Specula.Agents.Tests;

public sealed class NonLlmReasonerTests
{
    /// <summary>A reasoner without a model: it proposes whole-file edits, as the synthesizer will.</summary>
    private sealed class FixingReasoner(IReadOnlyList<SpecEdit>[] turns, bool deterministic = false) : IReasoner
    {
        private int _turn;

        public ReasonerInfo Info => new(ReasonerKind.Synthesizer, null, null);

        public bool IsDeterministic => deterministic;

        public List<ReasonerContext> Seen { get; } = [];

        public Task<ReasonerTurn> ProposeAsync(ReasonerContext context, CancellationToken cancellationToken)
        {
            Seen.Add(context);
            var edits = _turn < turns.Length ? turns[_turn++] : [];
            return Task.FromResult(new ReasonerTurn(edits, Done: true));
        }
    }

    private static async Task<RunOutcome> RunAsync(CounterTarget target, IReasoner reasoner)
    {
        var services = new RunServices(reasoner, new FolderRepositoryReader(target.Repo), root => new FolderTraceCollector(Path.Combine(root, "traces")),
            new EngineTraceValidation(), TimeProvider.System);
        return await new Orchestrator(CounterTarget.Plan(), services).RunAsync(target.Options(), CancellationToken.None);
    }

    [Fact]
    public async Task A_reasoner_that_writes_edits_goes_through_the_same_gates_and_checks()
    {
        using var target = new CounterTarget();
        var reasoner = new FixingReasoner(
        [
            [new SpecEdit("MC.cfg", CounterTarget.ConfigWithoutTypeOk)],
            [new SpecEdit("../Counter.tla", "escape")],
            [new SpecEdit("Counter.tla", CounterTarget.FixedSpec)],
        ]);

        var outcome = await RunAsync(target, reasoner);

        Assert.Equal(VerdictStatus.Conforming, outcome.Verdict);
        Assert.Equal(3, reasoner.Seen.Count);
        // Round 2 is told about the gate, round 3 about the refused path; both see the model checker's violation as data.
        Assert.Contains(reasoner.Seen[1].Feedback, f => f.Contains("invariantKept", StringComparison.Ordinal));
        Assert.Contains(reasoner.Seen[2].Feedback, f => f.Contains("'../Counter.tla' was refused", StringComparison.Ordinal));
        Assert.Equal("Bounded", reasoner.Seen[0].Latest!.ModelCheck!.ViolatedInvariant);
        var records = target.Transcript();
        Assert.Equal("synthesizer", records[0].Data.GetProperty("reasoner").GetProperty("kind").GetString());
        Assert.DoesNotContain(records, r => r.Kind is TranscriptKind.Message or TranscriptKind.ToolCall);
    }

    [Fact]
    public async Task A_deterministic_reasoner_with_nothing_to_change_ends_the_phase_after_one_round()
    {
        using var target = new CounterTarget();
        var reasoner = new FixingReasoner([], deterministic: true);

        var outcome = await RunAsync(target, reasoner);

        // The buggy spec stays buggy; the repair phase is asked once, not for its whole round budget.
        Assert.Equal(VerdictStatus.Violating, outcome.Verdict);
        Assert.Single(reasoner.Seen, c => c.Phase.Name == "repair");
        Assert.Contains(target.Transcript(), r => r.Kind == TranscriptKind.PhaseEnded
            && r.Data.GetProperty("outcome").GetString() == "the deterministic reasoner has nothing more to propose");
    }
}
