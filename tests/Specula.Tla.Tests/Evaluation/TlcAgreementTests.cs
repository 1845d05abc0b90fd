using Specula.Tla.Checking;
using Specula.Tla.Evaluation;
using Specula.Tla.Tests.Syntax;

namespace Specula.Tla.Tests.Evaluation;

/// <summary>
/// The corpus models checked end to end. Expected figures are TLC's (2.19, one worker, built from tlaplus/tlaplus)
/// on the same spec and configuration: states generated and distinct states must be equal, not close.
/// </summary>
public sealed class TlcAgreementTests
{
    [Theory]
    [InlineData("AlternatingBit/AlternatingBit.cfg", 1264, 258)]
    [InlineData("Bakery/Bakery.cfg", 916, 501)]
    [InlineData("BoundedBuffer/BoundedBuffer.cfg", 615, 201)]
    [InlineData("Cache/MCWriteBackCache.cfg", 19740, 3944)]
    [InlineData("Cache/MCWriteThroughCache.cfg", 20834, 5088)]
    [InlineData("ChangRoberts/MCChangRoberts.cfg", 209, 120)]
    [InlineData("Coherence/MSI.cfg", 2072, 230)]
    [InlineData("DiningPhilosophers/DiningPhilosophers.cfg", 3614, 1632)]
    [InlineData("Euclid/Euclid.cfg", 1939, 1134)]
    [InlineData("FIFO/Handshake.cfg", 16, 8)]
    [InlineData("FIFO/MCBufferedLink.cfg", 664, 344)]
    [InlineData("Instances/MCPriorityQueue.cfg", 49, 37)]
    [InlineData("KVStore/SnapshotKV.cfg", 539, 257)]
    [InlineData("LamportMutex/LamportMutex.cfg", 787, 401)]
    [InlineData("LockService/LockService.cfg", 11005, 4236)]
    [InlineData("Operators/UserOperators.cfg", 385, 64)]
    [InlineData("Paxos/Consensus.cfg", 4, 4)]
    [InlineData("Paxos/MCPaxos.cfg", 15867, 3921)]
    [InlineData("Peterson/Peterson.cfg", 117, 58)]
    [InlineData("ReadersWriters/ReadersWriters.cfg", 355, 167)]
    [InlineData("Recursion/Recursion.cfg", 10, 9)]
    [InlineData("Registration/MCRegistration.cfg", 2069, 524)]
    [InlineData("Sorting/InsertionSort.cfg", 297, 270)]
    [InlineData("Stdlib/JobScheduler.cfg", 147, 63)]
    [InlineData("Stdlib/Warehouse.cfg", 313, 65)]
    [InlineData("Syntax/BulletLists.cfg", 57, 26)]
    [InlineData("Syntax/Lexical.cfg", 9, 8)]
    [InlineData("Syntax/NestedModules.cfg", 19, 18)]
    [InlineData("Syntax/TemporalClock.cfg", 48, 36)]
    [InlineData("Syntax/UnicodeElevator.cfg", 102, 54)]
    [InlineData("TraceValidation/RingTermination.cfg", 77361, 12888)]
    [InlineData("TwoPhaseCommit/AtomicCommit.cfg", 94, 34)]
    [InlineData("TwoPhaseCommit/MCTwoPhaseCommit.cfg", 1370, 288)]
    public void Gives_tlcs_exact_state_counts(string config, long generated, long distinct)
    {
        var cfg = Path.Combine(CorpusTests.CorpusDirectory, config);
        var spec = Path.ChangeExtension(cfg, ".tla");
        var loaded = ModelLoader.Load(spec, cfg);
        Assert.True(loaded.Model is not null, string.Join("\n", loaded.Diagnostics));
        var space = loaded.Model!.CreateStateSpace();
        var result = ModelChecker.Run(space, new CheckOptions { Workers = 2, CheckDeadlock = loaded.Model.Config.CheckDeadlock, Temporal = loaded.Model.Temporal });

        Assert.True(result.Verdict == Verdict.Success, $"{result.Verdict}: {result.Message}");

        Assert.Equal(Verdict.Success, result.Verdict);
        Assert.Equal(generated, result.Statistics.Generated);
        Assert.Equal(distinct, result.Statistics.Distinct);
    }
}
