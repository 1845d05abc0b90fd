using System.Text.Json;
using Specula.Reports.Model;

namespace Specula.Reports.Tests;

public class TranscriptWriterTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_secret_given_to_the_redactor_never_reaches_the_file()
    {
        const string key = "sk-test+\"quoted\"/ABC123";
        var path = TestFiles.TempFile("transcript.jsonl");
        using (var writer = TranscriptWriter.Open(path, Redactor.For([key])))
        {
            writer.Append(seq => TranscriptRecord.Message(seq, Time, 1, "draft", MessageRole.User, $"use the key {key} please"));
            writer.Append(seq => TranscriptRecord.ToolCall(seq, Time, 1, "draft", "c1", "http", "get",
                JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["apiKey"] = key, ["Authorization"] = "token ghp_unknownSecret" })));
            writer.Append(seq => TranscriptRecord.ToolResult(seq, Time, 1, "draft", "c1", false, null, "401 for header Bearer eyJhbGciOi.secret", 5));
        }

        var text = File.ReadAllText(path);
        Assert.DoesNotContain("sk-test", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ABC123", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ghp_unknownSecret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJhbGciOi", text, StringComparison.Ordinal);
        var read = TranscriptReader.Read(path);
        Assert.Empty(read.Diagnostics);
        Assert.Equal("use the key *** please", read.Records[0].DataAs(ReportsJsonContext.Default.MessageData)!.Content);
    }

    [Fact]
    public void Resuming_continues_the_numbering_after_a_line_cut_off_by_a_kill()
    {
        var path = TestFiles.TempFile("transcript.jsonl");
        using (var writer = TranscriptWriter.Open(path))
        {
            writer.Append(seq => TranscriptRecord.PhaseStarted(seq, Time, 1, "draft", "goal"));
            writer.Append(seq => TranscriptRecord.PhaseEnded(seq, Time, 1, "draft", "done"));
        }
        File.AppendAllText(path, """{"schema":"specula.transcript/v1","seq":3,"ti""");

        using (var writer = TranscriptWriter.Open(path))
        {
            Assert.Equal(2, writer.LastSeq);
            var record = writer.Append(seq => TranscriptRecord.PhaseStarted(seq, Time, 2, "repair", "again"));
            Assert.Equal(3, record.Seq);
        }

        var read = TranscriptReader.Read(path);
        Assert.Equal([1L, 2L, 3L], read.Records.Select(r => r.Seq));
        var broken = Assert.Single(read.Diagnostics);
        Assert.Equal((TranscriptReader.BrokenCode, 3), (broken.Code, broken.Line));
    }

    [Fact]
    public void Appends_from_many_threads_give_whole_lines_in_order()
    {
        var path = TestFiles.TempFile("transcript.jsonl");
        using (var writer = TranscriptWriter.Open(path))
        {
            Parallel.For(0, 200, i => writer.Append(seq => TranscriptRecord.Message(seq, Time, 1, "draft", MessageRole.Tool, new string('x', i))));
        }

        var read = TranscriptReader.Read(path);
        Assert.Empty(read.Diagnostics);
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), read.Records.Select(r => r.Seq));
    }

    [Fact]
    public void A_sequence_number_that_goes_back_is_a_bug_of_the_caller()
    {
        var path = TestFiles.TempFile("transcript.jsonl");
        using var writer = TranscriptWriter.Open(path);
        writer.Append(TranscriptRecord.PhaseStarted(5, Time, 1, "draft", "goal"));

        Assert.Throws<ArgumentException>(() => writer.Append(TranscriptRecord.PhaseStarted(5, Time, 1, "draft", "goal")));
    }
}

public class TranscriptReaderTests
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(TestFiles.SampleRun, "transcript.jsonl"));

    [Fact]
    public void A_truncated_last_line_is_a_warning_and_the_rest_is_kept()
    {
        var text = string.Join("\n", Lines.Take(5)) + "\n" + Lines[5][..40];

        var read = TranscriptReader.Parse(text, "transcript.jsonl");

        Assert.Equal(5, read.Records.Count);
        var warning = Assert.Single(read.Diagnostics);
        Assert.Equal((TranscriptReader.TruncatedCode, TranscriptSeverity.Warning, 6), (warning.Code, warning.Severity, warning.Line));
    }

    [Fact]
    public void A_broken_line_in_the_middle_is_an_error_with_its_line_number()
    {
        var text = string.Join("\n", Lines.Take(3)) + "\nnot json\n" + Lines[3] + "\n";

        var read = TranscriptReader.Parse(text, "transcript.jsonl");

        Assert.Equal(4, read.Records.Count);
        var error = Assert.Single(read.Diagnostics);
        Assert.Equal((TranscriptReader.BrokenCode, TranscriptSeverity.Error, 4), (error.Code, error.Severity, error.Line));
    }

    [Fact]
    public void A_record_of_an_unknown_version_is_reported_not_guessed_at()
    {
        var text = Lines[0].Replace("specula.transcript/v1", "specula.transcript/v9", StringComparison.Ordinal) + "\n" + Lines[1] + "\n";

        var read = TranscriptReader.Parse(text, "transcript.jsonl");

        Assert.Single(read.Records);
        Assert.Equal(TranscriptReader.UnknownSchemaCode, Assert.Single(read.Diagnostics).Code);
    }

    [Fact]
    public void A_missing_transcript_is_a_diagnostic()
    {
        var read = TranscriptReader.Read(TestFiles.TempFile("none.jsonl"));

        Assert.True(read.FileMissing);
        Assert.Equal(TranscriptReader.MissingCode, Assert.Single(read.Diagnostics).Code);
    }

    [Fact]
    public void The_sample_transcript_reads_cleanly()
    {
        var read = TranscriptReader.Read(Path.Combine(TestFiles.SampleRun, "transcript.jsonl"));

        Assert.Empty(read.Diagnostics);
        Assert.Equal(Lines.Length, read.Records.Count);
        Assert.Equal(Enum.GetValues<TranscriptKind>().Except([TranscriptKind.Message]).Order(), read.Records.Select(r => r.Kind).Distinct().Order());
    }
}
