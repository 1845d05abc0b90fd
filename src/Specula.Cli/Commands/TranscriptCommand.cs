using System.CommandLine;
using System.Globalization;
using Specula.Reports.Rendering;

namespace Specula.Cli.Commands;

/// <summary><c>specula transcript</c>: what a run did, in the terminal: rounds, divergences, spec diffs, tool calls, cost, verdict.</summary>
internal static class TranscriptCommand
{
    /// <summary>The run was shown.</summary>
    public const int Shown = 0;

    /// <summary>No such run folder, no transcript in it, or no such round.</summary>
    public const int BadInput = 2;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var folder = new Argument<string>("run-folder") { Description = "The run folder (holds transcript.jsonl)" };
        var round = new Option<int?>("--round") { Description = "Show this round in full: every candidate state, message and tool argument" };
        var json = new Option<bool>("--json") { Description = "Print a machine-readable digest (rounds, checks, divergences, diffs, verdict) instead" };
        var command = new Command("transcript", "Show what a run did: rounds, divergences, spec diffs, tool calls, cost and the verdict")
        {
            folder, round, json,
        };
        command.SetAction((parse, _) => Task.FromResult(Run(parse.GetValue(folder)!, parse.GetValue(round), parse.GetValue(json), stdout, stderr)));
        return command;
    }

    private static int Run(string folder, int? round, bool json, TextWriter stdout, TextWriter stderr)
    {
        var (run, error) = RunView.Load(folder, requireTranscript: true);
        if (run is null)
        {
            stderr.WriteLine($"error: {error!.Message}");
            return BadInput;
        }
        if (round is { } n && run.Rounds.All(r => r.Round != n))
        {
            var known = string.Join(", ", run.Rounds.Select(r => r.Round.ToString(CultureInfo.InvariantCulture)));
            stderr.WriteLine($"error: the run has no round {n.ToString(CultureInfo.InvariantCulture)} (its rounds: {(known.Length == 0 ? "none" : known)}).");
            return BadInput;
        }
        if (json)
        {
            foreach (var diagnostic in run.Diagnostics)
            {
                stderr.WriteLine(diagnostic.ToString());
            }
            stdout.WriteLine(TranscriptDigest.From(run, round).ToJson());
            return Shown;
        }
        var terminal = Terminal.For(stdout);
        TerminalRenderer.Render(run, TerminalRenderer.CreateConsole(stdout, terminal.Color, terminal.Width), round);
        return Shown;
    }

    /// <summary>Colours and width: a real terminal's when writing to one (and NO_COLOR is not set), else none and 120 columns.</summary>
    private sealed record Terminal(bool Color, int Width)
    {
        public static Terminal For(TextWriter stdout)
        {
            if (!ReferenceEquals(stdout, Console.Out) || Console.IsOutputRedirected)
            {
                return new Terminal(false, 120);
            }
            var color = Environment.GetEnvironmentVariable("NO_COLOR") is not { Length: > 0 };
            int width;
            try
            {
                width = Console.WindowWidth > 20 ? Console.WindowWidth : 120;
            }
            catch (IOException)
            {
                width = 120;
            }
            return new Terminal(color, width);
        }
    }
}
