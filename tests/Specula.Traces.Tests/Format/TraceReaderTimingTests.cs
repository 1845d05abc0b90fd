using System.Diagnostics;
using System.Text;
using Specula.Traces.Format;

namespace Specula.Traces.Tests.Format;

[CollectionDefinition(nameof(TimingGroup), DisableParallelization = true)]
public sealed class TimingGroup;

/// <summary>Timing tests run alone, so that processor time is theirs.</summary>
[Collection(nameof(TimingGroup))]
public sealed class TraceReaderTimingTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string Codes(TraceReadResult r) => string.Join("\n", r.Diagnostics.Select(d => $"{d.Line}:{d.Column} {d.Code} {d.JsonPath}"));

    [Fact]
    public void Reading_a_300_KiB_trace_takes_milliseconds()
    {
        // The real etcd trace is 264 KB; the excerpt repeated (with fresh seqs) stands in for it.
        var source = File.ReadAllLines(TestFiles.Data("etcd-leader-crash-excerpt.ndjson"));
        var sb = new StringBuilder();
        var seq = new Dictionary<string, int>();
        while (sb.Length < 300 * 1024)
        {
            foreach (var line in source)
            {
                var node = line[(line.IndexOf("\"node\":\"", StringComparison.Ordinal) + 8)..][..2];
                var next = seq[node] = seq.GetValueOrDefault(node) + 1;
                var cut = line.IndexOf(",\"node\"", StringComparison.Ordinal);
                sb.Append("{\"tag\":\"trace\",\"v\":1,\"seq\":").Append(next).Append(line[cut..line.IndexOf(",\"clock\"", StringComparison.Ordinal)]).Append("}\n");
            }
        }
        var path = _files.Write("big.ndjson", sb.ToString());
        var warm = TraceReader.ReadFile(path);
        Assert.True(warm.Ok, Codes(warm));
        // Processor time, not wall time: the test machines share two cores with other jobs (load 30 and more), which
        // stretches wall time twentyfold. Measured (Debug build, load 28 on 2 cores): 14-17 ms of processor time, 50-70 ms wall.
        var best = TimeSpan.MaxValue;
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < 5; i++)
        {
            process.Refresh();
            var before = process.TotalProcessorTime;
            TraceReader.ReadFile(path);
            process.Refresh();
            var spent = process.TotalProcessorTime - before;
            best = spent < best ? spent : best;
        }
        Assert.True(best < TimeSpan.FromMilliseconds(40), $"best of 5: {best.TotalMilliseconds:F1} ms of processor time for {sb.Length / 1024} KiB");
    }
}
