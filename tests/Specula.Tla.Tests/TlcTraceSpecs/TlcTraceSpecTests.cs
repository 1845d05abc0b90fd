using Specula.Tla.Checking;
using Specula.Tla.Evaluation;

namespace Specula.Tla.Tests.TlcTraceSpecs;

/// <summary>Trace specs only the environment tells where the log is; they must not run beside each other.</summary>
[CollectionDefinition(nameof(TraceEnvironment), DisableParallelization = true)]
public sealed class TraceEnvironment;

/// <summary>
/// The three TLC trace-spec conventions on a conforming log and three mutated ones: the verdict, TLC's exit-code
/// class and the point where the log stops matching (the cursor of the last state) are TLC's, read from TLC running
/// the same files.
/// </summary>
[Collection(nameof(TraceEnvironment))]
public sealed class TlcTraceSpecTests
{
    private static string Folder => Path.Combine(AppContext.BaseDirectory, "TlcTraceSpecs");

    private static CheckResult Check(string spec, string trace)
    {
        var previous = Environment.GetEnvironmentVariable("JSON");
        Environment.SetEnvironmentVariable("JSON", Path.Combine(Folder, trace));
        try
        {
            var loaded = ModelLoader.Load(Path.Combine(Folder, spec + ".tla"), Path.Combine(Folder, spec + ".cfg"));
            Assert.True(loaded.Model is not null, string.Join("\n", loaded.Diagnostics));
            var model = loaded.Model!;
            Assert.Empty(model.UncheckedProperties);
            var space = model.CreateStateSpace();
            return ModelChecker.Run(space, new CheckOptions
            {
                CheckDeadlock = model.Config.CheckDeadlock,
                PostConditions = model.PostConditions,
                Temporal = model.Temporal,
            });
        }
        finally
        {
            Environment.SetEnvironmentVariable("JSON", previous);
        }
    }

    private static long Cursor(CheckResult result, string spec)
    {
        var loaded = ModelLoader.Load(Path.Combine(Folder, spec + ".tla"), Path.Combine(Folder, spec + ".cfg"));
        var index = loaded.Model!.CreateStateSpace().Variables.IndexOf("l");
        return result.Trace[^1].State[index].AsInt64;
    }

    [Theory]
    [InlineData("TraceKVQueue")]
    [InlineData("TraceKVEventually")]
    [InlineData("TraceKVDeadlock")]
    [InlineData("TraceKVLevel")]
    public void A_conforming_log_is_accepted_with_the_whole_log_explored(string spec)
    {
        var result = Check(spec, "conforming.ndjson");

        Assert.Equal(Verdict.Success, result.Verdict);
        var lines = File.ReadAllLines(Path.Combine(Folder, "conforming.ndjson")).Length;
        // One state per prefix of the log: the depth is the number of lines plus one, as TLC reports it.
        Assert.Equal(lines + 1, result.Statistics.Depth);
        Assert.Equal(lines + 1, result.Statistics.Distinct);
    }

    [Theory]
    // TLC: "Temporal property TraceMatched was violated", exit 12, no stuttering line.
    [InlineData("TraceKVQueue", "dropped-line.ndjson", 2)]
    [InlineData("TraceKVQueue", "wrong-value.ndjson", 3)]
    [InlineData("TraceKVQueue", "swapped-lines.ndjson", 4)]
    public void The_queue_property_stops_where_tlc_does(string spec, string trace, long cursor)
    {
        var result = Check(spec, trace);

        Assert.Equal(Verdict.TemporalPropertyViolated, result.Verdict);
        Assert.True(result.IsSafety, "TLC reports [](P => []Q) as a safety violation (exit 12)");
        Assert.Null(result.BackToState);
        Assert.Equal("Temporal property TraceMatched was violated.", result.Message);
        Assert.Equal(cursor, Cursor(result, spec));
        Assert.Equal(cursor, result.Trace.Length);
    }

    [Theory]
    // TLC: "Temporal properties were violated", exit 13, the last state stutters.
    [InlineData("TraceKVEventually", "dropped-line.ndjson", 2)]
    [InlineData("TraceKVEventually", "wrong-value.ndjson", 3)]
    [InlineData("TraceKVEventually", "swapped-lines.ndjson", 4)]
    public void The_eventually_property_stops_where_tlc_does(string spec, string trace, long cursor)
    {
        var result = Check(spec, trace);

        Assert.Equal(Verdict.TemporalPropertyViolated, result.Verdict);
        Assert.False(result.IsSafety);
        Assert.Equal(result.Trace.Length, result.BackToState);
        Assert.Equal(cursor, Cursor(result, spec));
    }

    [Theory]
    // TLC: "Deadlock reached", exit 11.
    [InlineData("TraceKVDeadlock", "dropped-line.ndjson", 2)]
    [InlineData("TraceKVDeadlock", "wrong-value.ndjson", 3)]
    [InlineData("TraceKVDeadlock", "swapped-lines.ndjson", 4)]
    public void A_deadlock_before_the_end_stops_where_tlc_does(string spec, string trace, long cursor)
    {
        var result = Check(spec, trace);

        Assert.Equal(Verdict.Deadlock, result.Verdict);
        Assert.Equal(cursor, Cursor(result, spec));
        Assert.Equal(cursor, result.Statistics.Depth);
    }

    [Theory]
    // TLC: the POSTCONDITION TraceAccepted is false (exit 10) and prints the depth it reached; the same counts.
    [InlineData("dropped-line.ndjson", 2, 16)]
    [InlineData("wrong-value.ndjson", 3, 25)]
    [InlineData("swapped-lines.ndjson", 4, 34)]
    public void The_level_pattern_stops_where_tlc_does(string trace, int depth, long generated)
    {
        var result = Check("TraceKVLevel", trace);

        Assert.Equal(Verdict.PostConditionViolated, result.Verdict);
        Assert.StartsWith("Postcondition TraceAccepted", result.Message, StringComparison.Ordinal);
        Assert.Equal(depth, result.Statistics.Depth);
        Assert.Equal(depth, result.Statistics.Distinct);
        Assert.Equal(generated, result.Statistics.Generated);
    }

    [Fact]
    public void The_stop_point_names_the_log_line_that_could_not_be_taken()
    {
        var result = Check("TraceKVQueue", "wrong-value.ndjson");

        var line = File.ReadAllLines(Path.Combine(Folder, "wrong-value.ndjson"))[Cursor(result, "TraceKVQueue") - 1];
        Assert.Contains("\"version\":7", line, StringComparison.Ordinal);
    }
}
