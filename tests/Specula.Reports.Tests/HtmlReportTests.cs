using System.Text.RegularExpressions;
using Specula.Reports.Model;
using Specula.Reports.Rendering;

namespace Specula.Reports.Tests;

public partial class HtmlReportTests
{
    internal static RunView Load(string folder)
    {
        var (view, error) = RunView.Load(folder, requireTranscript: false);
        Assert.Null(error);
        return view!;
    }

    [Fact]
    public void The_page_is_what_the_snapshot_shows()
    {
        Snapshot.Match(HtmlReport.Render(Load(TestFiles.SampleRun)), "report-sample-run.html");
    }

    [Fact]
    public void The_plain_language_summary_comes_first_and_needs_no_TLA()
    {
        var html = HtmlReport.Render(Load(TestFiles.SampleRun));

        var summary = html.IndexOf("<section id=\"summary\">", StringComparison.Ordinal);
        Assert.True(summary > 0 && summary < html.IndexOf("<section id=\"timeline\">", StringComparison.Ordinal));
        Assert.Contains("The model of raft matches all 20 recorded runs of the real system", html, StringComparison.Ordinal);
        Snapshot.Match(string.Join("\n\n", Narrative.Summarize(Load(TestFiles.SampleRun))) + "\n", "summary-sample-run.txt");
    }

    [Fact]
    public void A_diverging_run_says_what_the_system_did_that_the_model_does_not_allow()
    {
        var folder = TestFiles.CopyOfSampleRun();
        File.Delete(Path.Combine(folder, "report.json"));
        var lines = File.ReadAllLines(Path.Combine(folder, "transcript.jsonl"));
        File.WriteAllLines(Path.Combine(folder, "transcript.jsonl"), lines.Take(20));

        var summary = Narrative.Summarize(Load(folder));

        Snapshot.Match(string.Join("\n\n", summary) + "\n", "summary-diverging-run.txt");
    }

    [Fact]
    public void No_asset_is_loaded_from_anywhere()
    {
        var html = HtmlReport.Render(Load(TestFiles.SampleRun));

        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Markup_in_the_spec_and_the_divergences_is_shown_as_text()
    {
        var folder = TestFiles.CopyOfSampleRun();
        var spec = Path.Combine(folder, "spec.rounds", "3", "Raft.tla");
        File.WriteAllText(spec, File.ReadAllText(spec).Replace("====", "\\* </script><script>alert(1)</script> <b>bold</b> & \"quoted\"\n====", StringComparison.Ordinal));
        var transcript = Path.Combine(folder, "transcript.jsonl");
        File.WriteAllText(transcript, File.ReadAllText(transcript).Replace("cannot be taken", "cannot be taken </details><img src=x onerror=alert(1)>", StringComparison.Ordinal));

        var html = HtmlReport.Render(Load(folder));

        Assert.Contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;/details&gt;&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        Assert.Single(ScriptTag().Matches(html));
        Assert.DoesNotContain("<b>bold</b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Equal(Count(html, "<details"), Count(html, "</details>"));
    }

    [Fact]
    public void Counterexamples_are_tables_of_states_with_changes_marked()
    {
        var folder = TestFiles.CopyOfSampleRun();
        var path = Path.Combine(folder, "report.json");
        var report = RunReport.Read(path).Value!;
        (report with
        {
            Verdict = report.Verdict with { Status = VerdictStatus.Violating },
            ModelChecking = report.ModelChecking with
            {
                Ok = false,
                Invariants = [new InvariantResult("ElectionSafety", false, [
                    new CounterexampleStep("Init", new Dictionary<string, string> { ["state"] = "(n1 :> \"Follower\")", ["currentTerm"] = "(n1 :> 0)" }),
                    new CounterexampleStep("Timeout(n1)", new Dictionary<string, string> { ["state"] = "(n1 :> \"Candidate\")", ["currentTerm"] = "(n1 :> 0)" })])],
            },
        }).Write(path);

        var html = HtmlReport.Render(Load(folder));

        Assert.Contains("<span class=\"badge bad\" id=\"verdict\">violating</span>", html, StringComparison.Ordinal);
        Assert.Contains("<h3>Counterexample to <code>ElectionSafety</code></h3>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"changed\"><code>(n1 :&gt; &quot;Candidate&quot;)</code></td><td><code>(n1 :&gt; 0)</code></td>", html, StringComparison.Ordinal);
        Assert.Contains("breaks ElectionSafety: Init → Timeout(n1)", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_folder_with_only_report_json_still_makes_a_page()
    {
        var folder = TestFiles.CopyOfSampleRun();
        File.Delete(Path.Combine(folder, "transcript.jsonl"));
        Directory.Delete(Path.Combine(folder, "spec.rounds"), recursive: true);

        var html = HtmlReport.Render(Load(folder));

        Assert.Contains("<span class=\"badge ok\" id=\"verdict\">conforming</span>", html, StringComparison.Ordinal);
        Assert.Contains("<td><code>HandleAppendEntriesRequest</code></td><td>212</td><td>212</td>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#round-3\">Round 3</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"tool-calls\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_creates_the_file_without_a_byte_order_mark()
    {
        var path = TestFiles.TempFile("report.html");

        HtmlReport.Write(Load(TestFiles.SampleRun), path);

        var bytes = File.ReadAllBytes(path);
        Assert.Equal("<!DOCTYPE html>"u8.ToArray(), bytes[..15]);
    }

    private static int Count(string text, string what) => Regex.Count(text, Regex.Escape(what));

    [GeneratedRegex("""(src|href)\s*=\s*["']?\s*(https?:|//)""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    [GeneratedRegex("<script", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();
}
