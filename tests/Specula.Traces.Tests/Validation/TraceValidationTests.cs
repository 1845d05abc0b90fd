using System.Text.Json;
using Specula.Traces.Validation;

namespace Specula.Traces.Tests.Validation;

/// <summary>
/// Validation of real traces against a real spec (Validation/Data/token: a token passed between nodes, lost in
/// flight and regenerated): exact both ways, with the divergence saying why.
/// </summary>
public sealed class TraceValidationTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Validation", "Data", "token");

    private static string Map => Path.Combine(Folder, "TraceMap.yaml");

    private static ValidationReport Validate(params string[] traces) =>
        TraceValidation.Run(Map, [.. traces.Select(t => Path.Combine(Folder, t))], workers: 2);

    [Fact]
    public void A_trace_the_spec_can_produce_conforms()
    {
        var report = Validate("conforming.ndjson");

        Assert.Empty(report.Diagnostics);
        var verdict = Assert.Single(report.Traces);
        Assert.True(verdict.Conforms, verdict.Divergence?.Summary);
        Assert.Equal(6, verdict.Events);
        Assert.Equal(5, verdict.Checked);
        Assert.Equal(5, verdict.Matched);
        // The holder is not logged: three initial states until the first Count says who holds the token.
        Assert.Equal(3, verdict.MaxCandidates);
        Assert.Equal(0, verdict.SilentSteps);
        Assert.True(report.AllConform);
    }

    [Fact]
    public void A_guard_that_fails_is_reported_with_its_location_and_values()
    {
        var verdict = Assert.Single(Validate("two-holders.ndjson").Traces);

        Assert.False(verdict.Conforms);
        var divergence = verdict.Divergence!;
        Assert.Equal(2, divergence.Index);
        Assert.Equal(2, divergence.Line);
        Assert.Equal(1, divergence.MatchedPrefix);
        Assert.Equal(1, divergence.CandidateStates);
        var failure = Assert.Single(divergence.Candidates);
        Assert.Equal(FailureReason.Guard, failure.Reason);
        Assert.Equal("Inc", failure.Action);
        Assert.Equal("n2", failure.Args["n"]);
        Assert.Equal("holder = n", failure.Conjunct!.Text);
        Assert.Equal("Token.tla:20:8", failure.Conjunct.Location);
        Assert.Equal("n1", failure.Conjunct.Values["holder"]);
        Assert.Equal("n2", failure.Conjunct.Values["n"]);
        Assert.StartsWith("Event 2 (line 2, n2 Count) cannot be taken as Inc: in the one candidate state the conjunct holder = n (Token.tla:20:8) is false", divergence.Summary);
        Assert.Contains("/\\ holder = n1", divergence.States[0]);
    }

    [Fact]
    public void A_logged_value_the_spec_does_not_produce_is_an_observation_mismatch()
    {
        var divergence = Assert.Single(Validate("skipped-count.ndjson").Traces).Divergence!;

        Assert.Equal(2, divergence.Index);
        var failure = Assert.Single(divergence.Candidates);
        Assert.Equal(FailureReason.Observation, failure.Reason);
        var mismatch = Assert.Single(failure.Mismatches);
        Assert.Equal(new Mismatch("counter", "n3", "2", "3"), mismatch);
        Assert.Contains("counter[n3] (spec 2, log 3)", divergence.Summary);
    }

    [Fact]
    public void Silent_steps_explain_what_the_log_does_not_show_within_their_bound()
    {
        var verdict = Assert.Single(Validate("lost-token.ndjson").Traces);

        Assert.True(verdict.Conforms, verdict.Divergence?.Summary);
        Assert.Equal(1, verdict.SilentSteps);
    }

    [Fact]
    public void A_guard_on_a_free_argument_names_the_argument_and_the_set()
    {
        var divergence = Assert.Single(Validate("take-twice.ndjson").Traces).Divergence!;

        Assert.Equal(4, divergence.Index);
        Assert.Equal(3, divergence.MatchedPrefix);
        var failure = divergence.Candidates[0];
        Assert.Equal(FailureReason.Guard, failure.Reason);
        Assert.Equal("m \\in msgs", failure.Conjunct!.Text);
        Assert.Equal("{n3}", failure.Conjunct.Values["msgs"]);
    }

    [Fact]
    public void Per_action_conformance_counts_every_mapped_event_over_all_traces()
    {
        var report = Validate("conforming.ndjson", "two-holders.ndjson", "skipped-count.ndjson");

        Assert.Equal(1, report.Conforming);
        var inc = report.Actions.Single(a => a.Action == "Inc");
        // conforming: 3 Count events, all accepted; two-holders: 1 of 2; skipped-count: 1 of 2.
        Assert.Equal(7, inc.Observed);
        Assert.Equal(5, inc.Accepted);
        Assert.Equal(new ActionConformance("Send", 1, 1), report.Actions.Single(a => a.Action == "Send"));
    }

    [Fact]
    public void An_event_missing_from_the_map_is_a_diagnostic_at_its_line()
    {
        var report = Validate("unmapped.ndjson");

        var diagnostic = Assert.Single(report.Diagnostics);
        Assert.Equal(ValidationCodes.UnmappedEvent, diagnostic.Code);
        Assert.EndsWith("unmapped.ndjson:2", diagnostic.Location);
        Assert.Empty(report.Traces);
        Assert.False(report.AllConform);
    }

    [Fact]
    public void A_broken_trace_line_is_reported_with_its_line_and_the_other_traces_still_run()
    {
        var report = Validate("broken.ndjson", "conforming.ndjson");

        Assert.Contains(report.Diagnostics, d => d.Location!.Contains("broken.ndjson:2", StringComparison.Ordinal));
        Assert.True(Assert.Single(report.Traces).Conforms);
    }

    [Fact]
    public void A_bad_line_after_good_events_rejects_the_whole_file_and_counts_none_of_its_events()
    {
        var folder = Directory.CreateTempSubdirectory("specula-late-");
        try
        {
            var late = Path.Combine(folder.FullName, "late.ndjson");
            File.WriteAllText(late, File.ReadAllText(Path.Combine(Folder, "conforming.ndjson")).TrimEnd() + "\n"
                + """{"tag":"trace","v":1,"seq":4,"node":"n2","event":"Count","args":{},"state":{"count":2}""" + "\n");

            var report = Validate(late, "conforming.ndjson");

            Assert.Equal("TRC101", Assert.Single(report.Diagnostics).Code);
            Assert.Contains("late.ndjson:8:", report.Diagnostics[0].Location, StringComparison.Ordinal);
            Assert.Equal(Validate("conforming.ndjson").Actions.ToArray(), report.Actions.ToArray());
            Assert.True(Assert.Single(report.Traces).Conforms);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_prepared_session_gives_the_verdicts_of_a_run_and_a_bad_map_fails_to_prepare()
    {
        string[] traces = ["two-holders.ndjson", "conforming.ndjson"];
        var prepared = TraceValidation.Prepare(new ValidationRequest(Map, []));

        var fromSession = prepared.Session!.Run([.. traces.Select(t => Path.Combine(Folder, t))], workers: 1);
        var fromRun = Validate(traces);

        Assert.Empty(prepared.Diagnostics);
        Assert.Equal(fromRun.Traces.Select(t => (t.Trace, t.Conforms, t.Matched, t.Divergence?.Summary)),
            fromSession.Traces.Select(t => (t.Trace, t.Conforms, t.Matched, t.Divergence?.Summary)));
        Assert.Equal(fromRun.Actions.ToArray(), fromSession.Actions.ToArray());
        var bad = TraceValidation.Prepare(new ValidationRequest(Path.Combine(Folder, "Token.tla"), []));
        Assert.Null(bad.Session);
        Assert.NotEmpty(bad.Diagnostics);
    }

    [Fact]
    public void The_report_is_json_in_the_documented_form()
    {
        var json = Validate("two-holders.ndjson").ToJson();

        using var document = JsonDocument.Parse(json);
        var divergence = document.RootElement.GetProperty("traces")[0].GetProperty("divergence");
        Assert.Equal("specula.divergence/v1", divergence.GetProperty("schema").GetString());
        Assert.Equal("guard", divergence.GetProperty("candidates")[0].GetProperty("reason").GetString());
        Assert.Equal("holder = n", divergence.GetProperty("candidates")[0].GetProperty("conjunct").GetProperty("text").GetString());
    }

    [Fact]
    public void A_map_that_does_not_fit_the_spec_reports_every_problem()
    {
        var folder = Directory.CreateTempSubdirectory("specula-map-");
        try
        {
            foreach (var file in new[] { "Token.tla", "MC.cfg" })
            {
                File.Copy(Path.Combine(Folder, file), Path.Combine(folder.FullName, file));
            }
            var map = Path.Combine(folder.FullName, "TraceMap.yaml");
            File.WriteAllText(map, """
                version: 1
                spec: Token.tla
                variables:
                  count: counters
                events:
                  Count: { action: Increment, args: { n: $node } }
                  Give: { action: Send, args: { n: $node } }
                """);

            var report = TraceValidation.Run(map, [Path.Combine(Folder, "conforming.ndjson")]);

            Assert.Equal(
                [ValidationCodes.UnknownVariable, ValidationCodes.UnknownAction, ValidationCodes.BadArguments],
                report.Diagnostics.Select(d => d.Code).ToArray());
            Assert.Contains("parameter m of Send(n, m)", report.Diagnostics[2].Message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
