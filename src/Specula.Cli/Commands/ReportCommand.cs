using System.CommandLine;
using Specula.Reports.Rendering;

namespace Specula.Cli.Commands;

/// <summary><c>specula report</c>: writes a run as one self-contained HTML page, readable with no network.</summary>
internal static class ReportCommand
{
    /// <summary>The report was written.</summary>
    public const int Written = 0;

    /// <summary>No such run folder, nothing to report in it, or an unreadable report.json.</summary>
    public const int BadInput = 2;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var folder = new Argument<string>("run-folder") { Description = "The run folder (holds report.json and/or transcript.jsonl)" };
        var html = new Option<string?>("--html") { Description = "Where to write the HTML report (default: <run-folder>/report.html)" };
        var command = new Command("report", "Write a run's report as one self-contained HTML file, with a plain-language summary")
        {
            folder, html,
        };
        command.SetAction((parse, _) => Task.FromResult(Run(parse.GetValue(folder)!, parse.GetValue(html), stdout, stderr)));
        return command;
    }

    private static int Run(string folder, string? output, TextWriter stdout, TextWriter stderr)
    {
        var (run, error) = RunView.Load(folder, requireTranscript: false);
        if (run is null)
        {
            stderr.WriteLine($"error: {error!.Message}");
            return BadInput;
        }
        foreach (var diagnostic in run.Diagnostics)
        {
            stderr.WriteLine(diagnostic.ToString());
        }
        var path = output ?? run.Folder.ReportHtml;
        try
        {
            HtmlReport.Write(run, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot write '{path}': {ex.Message}");
            return BadInput;
        }
        stdout.WriteLine($"Wrote {path} ({Format.Verdict(run.Status)}).");
        return Written;
    }
}
