using Specula.Reports.Model;

namespace Specula.Reports.Tests;

public class RunFilesTests
{
    private static readonly RunFolder Sample = new(TestFiles.SampleRun);

    [Fact]
    public void The_report_survives_a_write_and_a_read()
    {
        var report = RunReport.Read(Sample.ReportJson).Value!;
        var path = TestFiles.TempFile("report.json");

        report.Write(path);
        var back = RunReport.Read(path);

        Assert.True(back.IsOk, back.Error?.Message);
        Assert.Equal(report.ToJson(), back.Value!.ToJson());
        Assert.Equal(VerdictStatus.Conforming, back.Value.Verdict.Status);
        Assert.Equal(3, back.Value.Rounds.Count);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Fact]
    public void A_report_with_a_counterexample_and_divergences_round_trips()
    {
        var report = RunReport.Read(Sample.ReportJson).Value!;
        var divergence = System.Text.Json.JsonDocument.Parse("""{"schema":"specula.divergence/v1","summary":"s","extra":{"kept":true}}""").RootElement.Clone();
        var violating = report with
        {
            Verdict = new Verdict(VerdictStatus.Violating, "ElectionSafety is violated."),
            ModelChecking = report.ModelChecking with
            {
                Ok = false,
                Invariants = [new InvariantResult("ElectionSafety", false, [
                    new CounterexampleStep("Init", new Dictionary<string, string> { ["currentTerm"] = "(n1 :> 0)" }),
                    new CounterexampleStep("Timeout(n1)", new Dictionary<string, string> { ["currentTerm"] = "(n1 :> 1)" })])],
            },
            Conformance = report.Conformance with { Conforming = 19, Divergences = [divergence] },
        };
        var path = TestFiles.TempFile("report.json");

        violating.Write(path);
        var back = RunReport.Read(path).Value!;

        Assert.Equal(violating.ToJson(), back.ToJson());
        Assert.Equal("Timeout(n1)", back.ModelChecking.Invariants[0].Counterexample![1].Action);
        Assert.Contains("\"status\": \"violating\"", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.True(System.Text.Json.JsonElement.DeepEquals(divergence, back.Conformance.Divergences[0]));
    }

    [Fact]
    public void An_unknown_report_version_is_a_typed_error()
    {
        var path = TestFiles.TempFile("report.json");
        File.WriteAllText(path, File.ReadAllText(Sample.ReportJson).Replace("specula.report/v1", "specula.report/v2", StringComparison.Ordinal));

        var read = RunReport.Read(path);

        var error = Assert.IsType<UnknownSchemaError>(read.Error);
        Assert.Equal("specula.report/v2", error.Found);
        Assert.Null(read.Value);
    }

    [Fact]
    public void Missing_and_broken_reports_are_typed_errors()
    {
        var path = TestFiles.TempFile("report.json");
        Assert.IsType<MissingFileError>(RunReport.Read(path).Error);
        File.WriteAllText(path, "{\"schema\":\"specula.report/v1\",");
        Assert.IsType<MalformedFileError>(RunReport.Read(path).Error);
    }

    [Fact]
    public void Run_state_is_written_atomically_and_reads_back()
    {
        var state = RunState.Read(Sample.RunJson).Value!;
        var folder = new RunFolder(Path.GetDirectoryName(TestFiles.TempFile("x"))!);
        folder.Create();

        state.Write(folder.RunJson);
        (state with { Round = 4, State = RunStatus.Running }).Write(folder.RunJson);
        var back = RunState.Read(folder.RunJson).Value!;

        Assert.Equal(state with { Round = 4, State = RunStatus.Running, Target = back.Target, Reasoner = back.Reasoner, Budget = back.Budget }, back);
        Assert.Equal(state.Target, back.Target);
        Assert.Contains("\"state\": \"running\"", File.ReadAllText(folder.RunJson), StringComparison.Ordinal);
        Assert.Equal(["run.json"], Directory.GetFiles(folder.Root).Select(Path.GetFileName));
    }

    [Fact]
    public void The_run_folder_knows_the_documented_layout()
    {
        var folder = new RunFolder("/runs/r1");

        Assert.Equal(
            ["/runs/r1/run.json", "/runs/r1/transcript.jsonl", "/runs/r1/spec", "/runs/r1/spec.rounds/2", "/runs/r1/traces", "/runs/r1/report.json", "/runs/r1/report.html"],
            [folder.RunJson, folder.Transcript, folder.Spec, folder.SpecRound(2), folder.Traces, folder.ReportJson, folder.ReportHtml]);
        Assert.Equal([1, 2, 3], Sample.SavedRounds());
    }
}
