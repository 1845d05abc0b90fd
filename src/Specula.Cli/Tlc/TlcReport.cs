using System.Globalization;
using Specula.Cli.Commands;

namespace Specula.Cli.Tlc;

/// <summary>Turns a TLC run into what the native checker prints: the <c>specula.check/v1</c> report, or TLC's text.</summary>
internal static class TlcReport
{
    /// <summary>The run as a <c>specula.check/v1</c> report, the same shape the native checker writes.</summary>
    public static JsonCheckReport ToJson(TlcOutcome outcome, TimeSpan elapsed) => new(
        "specula.check/v1",
        outcome.Verdict,
        outcome.Message,
        outcome.ViolatedInvariant,
        null,
        outcome.Distinct is null ? null : new JsonCheckStatistics(outcome.Generated ?? 0, outcome.Distinct.Value, outcome.LeftOnQueue ?? 0,
            outcome.Depth ?? 0, elapsed.TotalSeconds),
        [.. outcome.Trace.Select(s => new JsonTraceStep(s.Action, s.Location, s.Variables.ToDictionary(v => v.Key, v => v.Value)))],
        [],
        outcome.Verdict == "InvalidInput" && outcome.Message is { } message ? [new JsonCheckDiagnostic("TLC", "error", message, string.Empty)] : [],
        []);

    /// <summary>TLC's messages as TLC prints them without <c>-tool</c>.</summary>
    public static void WriteText(TextWriter stdout, TlcOutcome outcome)
    {
        foreach (var message in outcome.Messages)
        {
            var text = message.Severity == 1 && message.Code != 0 ? "Error: " + message.Text : message.Text;
            stdout.WriteLine(message.Code is 2217 or 2218 or 2122 ? "State " + text : text);
        }
    }

    /// <summary>One line summing up a run for <c>--compare-tlc</c>.</summary>
    public static string Summary(string engine, JsonCheckReport report, int exitCode, TimeSpan elapsed) => string.Create(CultureInfo.InvariantCulture,
        $"{engine,-7} {report.Verdict} (exit {exitCode}), {report.Statistics?.Distinct.ToString(CultureInfo.InvariantCulture) ?? "?"} distinct states, depth {report.Statistics?.Depth.ToString(CultureInfo.InvariantCulture) ?? "?"}, {(report.Trace.Count > 0 ? $"counterexample of {report.Trace.Count} states, " : string.Empty)}{elapsed.TotalSeconds:0.00} s");
}
