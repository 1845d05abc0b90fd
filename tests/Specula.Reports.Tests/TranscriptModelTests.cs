using System.Text.Json;
using Specula.Reports.Model;

namespace Specula.Reports.Tests;

public class TranscriptModelTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 27, 9, 10, 0, 123, TimeSpan.Zero);

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    public static TheoryData<string> Kinds() => [.. Enum.GetNames<TranscriptKind>()];

    private static TranscriptRecord Sample(TranscriptKind kind) => kind switch
    {
        TranscriptKind.RunStarted => TranscriptRecord.RunStarted(1, Time, 0, "setup", "run-1",
            new RunTarget("https://github.com/etcd-io/raft", "3f2a", "."), new ReasonerInfo(ReasonerKind.Llm, "gpt-x", "http://localhost:1"), new RunBudget(5, 1000, 2.5m, 60)),
        TranscriptKind.PhaseStarted => TranscriptRecord.PhaseStarted(2, Time, 1, "draft", "Draft the spec"),
        TranscriptKind.PhaseEnded => TranscriptRecord.PhaseEnded(3, Time, 1, "draft", "written"),
        TranscriptKind.Message => TranscriptRecord.Message(4, Time, 1, "draft", MessageRole.Assistant, "Here is <b>the</b> spec", 10, 20),
        TranscriptKind.ToolCall => TranscriptRecord.ToolCall(5, Time, 1, "draft", "c1", "repo", "readFile", Json("""{"path":"raft.go","from":1}""")),
        TranscriptKind.ToolResult => TranscriptRecord.ToolResult(6, Time, 1, "draft", "c1", false, null, "no such file", 12.5),
        TranscriptKind.Check => TranscriptRecord.Validation(7, Time, 1, "check", "1 of 2 conform",
            new ValidateDetails(2, 1, [Json("""{"schema":"specula.divergence/v1","trace":"t.ndjson","line":3,"summary":"x","futureField":[1,2]}""")])),
        TranscriptKind.SpecDiff => TranscriptRecord.SpecDiff(8, Time, 2, "repair", "Raft.tla", "sha256:1", "sha256:2", "@@ -1 +1 @@\n-a\n+b\n"),
        TranscriptKind.Decision => TranscriptRecord.Decision(9, Time, 2, "repair", DecisionKind.Continue, "3 traces diverge", "conformance"),
        TranscriptKind.Cost => TranscriptRecord.Cost(10, Time, 2, "repair", new CostTotals(100, 50, 0.25m, 3.5)),
        TranscriptKind.RunEnded => TranscriptRecord.RunEnded(11, Time, 2, "repair", VerdictStatus.BudgetExhausted, "rounds spent"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_kind_survives_a_write_and_a_read(string kindName)
    {
        var record = Sample(Enum.Parse<TranscriptKind>(kindName));
        var line = record.ToJsonLine();
        var read = TranscriptReader.Parse(line + "\n", "t.jsonl");

        Assert.Empty(read.Diagnostics);
        var back = Assert.Single(read.Records);
        Assert.Equal(line, back.ToJsonLine());
        Assert.Equal(record.Kind, back.Kind);
        Assert.Equal(record.Time, back.Time);
        Assert.Equal((record.Seq, record.Round, record.Phase), (back.Seq, back.Round, back.Phase));
    }

    [Fact]
    public void Lines_follow_the_documented_shape()
    {
        Snapshot.Match(string.Join("\n", Enum.GetValues<TranscriptKind>().Select(k => Sample(k).ToJsonLine())) + "\n", "transcript-kinds.jsonl");
    }

    [Fact]
    public void Typed_data_reads_back_equal()
    {
        var context = ReportsJsonContext.Default;
        Assert.Equal(new DecisionData(DecisionKind.Continue, "3 traces diverge", "conformance"), Sample(TranscriptKind.Decision).DataAs(context.DecisionData));
        Assert.Equal(new CostTotals(100, 50, 0.25m, 3.5), Sample(TranscriptKind.Cost).DataAs(context.CostTotals));
        Assert.Equal(new RunEndedData(VerdictStatus.BudgetExhausted, "rounds spent"), Sample(TranscriptKind.RunEnded).DataAs(context.RunEndedData));
        var started = Sample(TranscriptKind.RunStarted).DataAs(context.RunStartedData)!;
        Assert.Equal(new ReasonerInfo(ReasonerKind.Llm, "gpt-x", "http://localhost:1"), started.Reasoner);
        Assert.Equal(new RunBudget(5, 1000, 2.5m, 60), started.Budget);
    }

    [Fact]
    public void Divergences_pass_through_untouched_including_fields_this_version_does_not_know()
    {
        var check = Sample(TranscriptKind.Check).DataAs(ReportsJsonContext.Default.CheckData)!;
        var details = check.Details!.Value.Deserialize(ReportsJsonContext.Default.ValidateDetails)!;

        Assert.False(check.Ok);
        Assert.Equal("""{"schema":"specula.divergence/v1","trace":"t.ndjson","line":3,"summary":"x","futureField":[1,2]}""", details.Divergences[0].GetRawText());
    }

    [Fact]
    public void Data_of_another_shape_reads_as_null_not_as_a_crash()
    {
        Assert.Null(Sample(TranscriptKind.Cost).DataAs(ReportsJsonContext.Default.ToolCallData));
    }
}
