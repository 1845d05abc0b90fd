using Specula.Synthesis.Mining;
using Specula.Traces.Format;

namespace Specula.Synthesis.Tests;

/// <summary>
/// The sequence-valued state of replicated logs and vote tallies: a follower's log copied from a peer's prefix, a
/// leader's append of its own term, a leader's step guarded by a quorum of granted votes, and log matching mined as
/// prefix agreement (only when the observed logs agree).
/// </summary>
public class LogAndQuorumTests
{
    private static readonly string[] Nodes = ["n1", "n2", "n3"];

    /// <summary>
    /// A small replicated log: in each round one node campaigns, is granted a vote, wins, appends entries of its term and
    /// the others copy a prefix of its log; <paramref name="conflict"/> makes one follower rewrite an early entry.
    /// </summary>
    private static Trace Replication(string name, int rounds, bool conflict = false)
    {
        var seq = Nodes.ToDictionary(n => n, _ => 0);
        var log = Nodes.ToDictionary(n => n, _ => new List<int> { 1 });
        var votes = Nodes.ToDictionary(n => n, _ => new List<string>());
        var role = Nodes.ToDictionary(n => n, _ => "Follower");
        var term = 0;
        var lines = new List<string>();
        void Emit(string node, string ev, string args)
        {
            var state = $"{{\"log\":[{string.Join(",", log[node])}],\"votes\":[{string.Join(",", votes[node].Select(v => $"\"{v}\""))}],"
                + $"\"role\":\"{role[node]}\",\"term\":{term}}}";
            lines.Add(MiningTests.Event(++seq[node], node, ev, args, state));
        }
        foreach (var n in Nodes)
        {
            Emit(n, "Init", "{}");
        }
        for (var r = 0; r < rounds; r++)
        {
            var leader = Nodes[r % 3];
            var voter = Nodes[(r + 1) % 3];
            term++;
            foreach (var n in Nodes)
            {
                votes[n].Clear();
                role[n] = "Follower";
            }
            role[leader] = "Candidate";
            votes[leader].Add(leader);
            Emit(leader, "Campaign", "{}");
            votes[leader].Add(voter);
            Emit(leader, "Grant", $"{{\"from\":\"{voter}\"}}");
            role[leader] = "Leader";
            Emit(leader, "Win", "{}");
            for (var k = 0; k < 2; k++)
            {
                log[leader].Add(term);
                Emit(leader, "Append", $"{{\"index\":{log[leader].Count}}}");
            }
            foreach (var follower in Nodes.Where(n => n != leader))
            {
                var upTo = log[leader].Count - (r % 2);
                log[follower] = [.. log[leader].Take(upTo)];
                Emit(follower, "Accept", $"{{\"index\":{upTo}}}");
                Emit(follower, "Work", "{}");
            }
            if (conflict && r == rounds / 2)
            {
                // An entry rewritten under the ones that follow it: the later entries agree with the leader's, an earlier one does not.
                var odd = Nodes[(r + 2) % 3];
                log[odd][1] = 99;
                Emit(odd, "Scribble", "{}");
            }
        }
        return MiningTests.TraceOf(name, lines);
    }

    private static (TraceSchema Schema, List<Transition> Steps, List<SValue[][]> States) Extract(params Trace[] traces)
    {
        var schema = TraceSchema.Infer(traces);
        var init = TransitionExtractor.InitialValues(schema, traces);
        var extracted = traces.Select(t => TransitionExtractor.Extract(schema, t, init)).ToList();
        return (schema, [.. extracted.SelectMany(e => e.Steps)], [.. extracted.SelectMany(e => e.States)]);
    }

    [Fact]
    public void A_follower_log_is_a_copy_of_a_peer_prefix_and_a_leader_appends_its_own_term()
    {
        var (schema, steps, _) = Extract(Replication("r", 12));
        var miner = new ActionMiner(schema, steps, new MiningOptions());
        var log = schema.VariableIndex("log");
        var accept = miner.Mine("Accept", "Accept", [.. steps.Where(s => s.Event == "Accept")]);
        var append = miner.Mine("Append", "Append", [.. steps.Where(s => s.Event == "Append")]);
        Assert.Equal(new PeerPrefixTerm(log, new ArgTerm("index")), Assert.IsType<LeafEffect>(accept.Effects[log]).Term);
        Assert.Equal(new AppendTerm(new VarTerm(log, "log"), new VarTerm(schema.VariableIndex("term"), "term")),
            Assert.IsType<LeafEffect>(append.Effects[log]).Term);
        // Every step the traces show is one the mined actions take.
        Assert.Empty(Replay.Rejected(schema, new Dictionary<string, ActionModel> { ["Accept"] = accept, ["Append"] = append },
            steps.Where(s => s.Event is "Accept" or "Append")));
    }

    [Fact]
    public void The_step_that_makes_a_leader_is_guarded_by_a_quorum_of_granted_votes()
    {
        var (schema, steps, _) = Extract(Replication("r", 12));
        var miner = new ActionMiner(schema, steps, new MiningOptions());
        var win = miner.Mine("Win", "Win", [.. steps.Where(s => s.Event == "Win")]);
        Assert.Contains(win.Guard, g => g.Pred.Equals(new QuorumPred(schema.VariableIndex("votes"))));
        var grant = miner.Mine("Grant", "Grant", [.. steps.Where(s => s.Event == "Grant")]);
        Assert.Equal(new AppendTerm(new VarTerm(schema.VariableIndex("votes"), "votes"), new ArgTerm("from")),
            Assert.IsType<LeafEffect>(grant.Effects[schema.VariableIndex("votes")]).Term);
    }

    [Fact]
    public void Log_matching_is_mined_when_the_observed_logs_agree_on_their_prefixes_and_not_otherwise()
    {
        var (schema, _, states) = Extract(Replication("r", 12));
        var matching = Assert.Single(InvariantMiner.Mine(schema, states), i => i.Name == "LogMatching");
        Assert.Equal("prefix agreement", matching.Template);
        Assert.All(states, s => Assert.True(matching.Holds(s)));

        var (conflicting, _, conflictStates) = Extract(Replication("c", 12, conflict: true));
        Assert.DoesNotContain(InvariantMiner.Mine(conflicting, conflictStates), i => i.Name == "LogMatching");
    }
}
