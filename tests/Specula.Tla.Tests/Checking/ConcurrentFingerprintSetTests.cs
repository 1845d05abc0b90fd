using Specula.Tla.Checking;
using Specula.Tla.Values;

namespace Specula.Tla.Tests.Checking;

public sealed class ConcurrentFingerprintSetTests
{
    /// <summary>Fingerprints of real states (x, y) with x, y in 0..n-1, as the checker computes them.</summary>
    private static ulong[] Fingerprints(int n) =>
        [.. Enumerable.Range(0, n * n).Select(i => new State([Value.Int(i / n), Value.Int(i % n)]).Fingerprint)];

    [Fact]
    public void Threads_adding_the_same_fingerprints_win_each_exactly_once_while_the_set_grows()
    {
        var fingerprints = Fingerprints(300);
        // A small start, so that the stripes grow while both threads insert and look up.
        var set = new ConcurrentFingerprintSet(capacity: 256);
        var wins = new int[2];
        var misses = new int[2];
        var threads = Enumerable.Range(0, 2).Select(t => new Thread(() =>
        {
            // The second thread goes through the fingerprints in the other order, so that they race in the middle.
            for (var k = 0; k < fingerprints.Length; k++)
            {
                var fingerprint = fingerprints[t == 0 ? k : fingerprints.Length - 1 - k];
                if (set.TryAdd(fingerprint, -1))
                {
                    wins[t]++;
                }
                if (!set.Contains(fingerprint))
                {
                    misses[t]++;
                }
            }
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }
        foreach (var thread in threads)
        {
            thread.Join();
        }

        Assert.Equal(fingerprints.Distinct().Count(), wins[0] + wins[1]);
        Assert.Equal(fingerprints.Distinct().Count(), set.Count);
        // A fingerprint a thread has added, or seen added, is found from then on.
        Assert.Equal([0, 0], misses);
        Assert.All(fingerprints, f => Assert.True(set.Contains(f)));
    }

    [Fact]
    public void Keeps_the_index_given_with_a_fingerprint()
    {
        var fingerprints = Fingerprints(50);
        var set = new ConcurrentFingerprintSet(capacity: 16);
        for (var i = 0; i < fingerprints.Length; i++)
        {
            Assert.True(set.TryAdd(fingerprints[i], i));
        }
        Assert.False(set.TryAdd(fingerprints[7], 99));
        Assert.Equal(7, set.IndexOf(fingerprints[7]));
        Assert.Equal(fingerprints.Length - 1, set.IndexOf(fingerprints[^1]));
        Assert.Equal(-1, set.IndexOf(new State([Value.Int(-1), Value.Int(-1)]).Fingerprint));
    }
}
