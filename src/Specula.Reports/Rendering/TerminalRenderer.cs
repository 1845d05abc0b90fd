using System.Globalization;
using Spectre.Console;
using Specula.Reports.Model;

namespace Specula.Reports.Rendering;

/// <summary>Renders a run in the terminal: header, rounds as a timeline, divergences, spec diffs, tool calls, cost, verdict.</summary>
public static class TerminalRenderer
{
    /// <summary>
    /// A console writing to <paramref name="writer"/>: colours only when asked (a terminal), Unicode always, a fixed
    /// width so output captured by tests and pipes does not depend on the terminal.
    /// </summary>
    public static IAnsiConsole CreateConsole(TextWriter writer, bool color, int width = 120)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = color ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = color ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = width;
        console.Profile.Capabilities.Unicode = true;
        return console;
    }

    /// <summary>Renders the whole run, or round <paramref name="round"/> in full (with messages and full tool arguments).</summary>
    /// <returns>False when <paramref name="round"/> is not a round of the run (nothing is printed then).</returns>
    public static bool Render(RunView run, IAnsiConsole console, int? round = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(console);
        var rounds = round is { } only ? run.Rounds.Where(r => r.Round == only).ToList() : [.. run.Rounds];
        if (round is not null && rounds.Count == 0)
        {
            return false;
        }
        foreach (var diagnostic in run.Diagnostics)
        {
            console.MarkupLine($"[yellow]{Markup.Escape(diagnostic.ToString())}[/]");
        }
        Header(run, console);
        foreach (var view in rounds)
        {
            Round(view, console, full: round is not null);
        }
        if (round is null)
        {
            Final(run, console);
        }
        return true;
    }

    /// <summary>One line of markup indented by <paramref name="indent"/>, wrapped lines included.</summary>
    private static void Line(IAnsiConsole console, int indent, string markup)
        => console.Write(new Padder(new Markup(markup), new Padding(indent, 0, 0, 0)));

    private static void Header(RunView run, IAnsiConsole console)
    {
        console.Write(new Rule($"[bold]Specula run {Markup.Escape(run.Started?.RunId ?? Path.GetFileName(Path.GetFullPath(run.Folder.Root)))}[/]").LeftJustified());
        console.MarkupLine($"target    {Markup.Escape(Format.Target(run.Target))}");
        if (run.Started is { } started)
        {
            console.MarkupLine($"reasoner  {Markup.Escape(Format.Reasoner(started.Reasoner))}");
            console.MarkupLine($"budget    {Markup.Escape(Format.Budget(started.Budget))}");
        }
        console.MarkupLine($"rounds    {run.Rounds.Count(r => r.Round > 0).ToString(CultureInfo.InvariantCulture)}");
        console.WriteLine();
    }

    private static void Round(RoundView round, IAnsiConsole console, bool full)
    {
        var phases = round.Phases.Count == 0 ? "" : " · " + string.Join(" → ", round.Phases);
        console.Write(new Rule($"[bold]Round {round.Round.ToString(CultureInfo.InvariantCulture)}[/]{Markup.Escape(phases)}").LeftJustified());
        foreach (var check in round.Checks)
        {
            var mark = check.Ok ? "[green]✓[/]" : "[red]✗[/]";
            var count = check.Divergences.Count switch
            {
                0 => "",
                1 => " [1 divergence]",
                var n => $" [{n.ToString(CultureInfo.InvariantCulture)} divergences]",
            };
            Line(console, 2, $"{mark} {Markup.Escape(Format.Check(check.Check)),-12} {Markup.Escape(check.Summary + count)}");
        }
        foreach (var divergence in round.Divergences)
        {
            Divergence(divergence, console, full);
        }
        foreach (var diff in round.Diffs)
        {
            Diff(diff, console);
        }
        if (round.ToolCalls.Count > 0)
        {
            ToolCalls(round.ToolCalls, console, full);
        }
        if (full)
        {
            foreach (var message in round.Messages)
            {
                Line(console, 2, $"[blue]{Markup.Escape(message.Role.ToString().ToLowerInvariant())}:[/] {Markup.Escape(message.Content)}");
            }
        }
        if (round.Decision is { } decision)
        {
            var gate = decision.Gate is { } g ? $" ({g} gate)" : "";
            Line(console, 2, $"[bold]→ {Markup.Escape(Format.Decision(decision.Decision))}[/]: {Markup.Escape(decision.Reason + gate)}");
        }
        console.WriteLine();
    }

    private static void Divergence(DivergenceView divergence, IAnsiConsole console, bool full)
    {
        Line(console, 2, $"[red]divergence[/] at {Markup.Escape(divergence.Where)}");
        Line(console, 4, Markup.Escape(divergence.Summary));
        foreach (var candidate in full ? divergence.Candidates : divergence.Main is { } main ? [main] : [])
        {
            var args = candidate.Arguments.Count == 0 ? "" : $"({string.Join(", ", candidate.Arguments)})";
            if (candidate.Conjunct is { } conjunct)
            {
                var location = candidate.Location is { } l ? $" at {l}" : "";
                Line(console, 4, $"failing conjunct [bold]{Markup.Escape(conjunct)}[/]{Markup.Escape(location)} of {Markup.Escape(candidate.Action + args)}");
                if (candidate.Values.Count > 0)
                {
                    Line(console, 6, $"where {Markup.Escape(string.Join(", ", candidate.Values))}");
                }
            }
            foreach (var mismatch in candidate.Mismatches)
            {
                Line(console, 4, $"{Markup.Escape(candidate.Action + args)} gives {Markup.Escape(mismatch.Name)} = {Markup.Escape(mismatch.Expected)}, the trace shows {Markup.Escape(mismatch.Observed)}");
            }
        }
        if (full)
        {
            foreach (var state in divergence.States)
            {
                Line(console, 4, "candidate state:");
                foreach (var line in state.Split('\n'))
                {
                    Line(console, 6, Markup.Escape(line));
                }
            }
        }
    }

    private static void Diff(SpecDiffView diff, IAnsiConsole console)
    {
        Line(console, 2, $"spec diff [bold]{Markup.Escape(diff.File)}[/] [green]+{diff.Added.ToString(CultureInfo.InvariantCulture)}[/] [red]-{diff.Removed.ToString(CultureInfo.InvariantCulture)}[/]");
        foreach (var line in diff.Lines)
        {
            var text = Markup.Escape(line.Unified);
            Line(console, 4, line.Kind switch
            {
                DiffLineKind.Added => $"[green]{text}[/]",
                DiffLineKind.Removed => $"[red]{text}[/]",
                DiffLineKind.Hunk => $"[cyan]{text}[/]",
                _ => $"[grey]{text}[/]",
            });
        }
    }

    private static void ToolCalls(IReadOnlyList<ToolCallView> calls, IAnsiConsole console, bool full)
    {
        var table = new Table().Border(TableBorder.Minimal).AddColumns("tool", "arguments", "result", "time");
        table.Columns[3].RightAligned();
        foreach (var call in calls)
        {
            var result = call.Result switch
            {
                null => "[yellow]no result[/]",
                { Ok: true } => "[green]ok[/]",
                { Error: { } error } => $"[red]error[/]: {Markup.Escape(full ? error : Format.Abridge(error, 40))}",
                _ => "[red]error[/]",
            };
            table.AddRow(
                new Markup(Markup.Escape(call.Name)),
                new Markup(Markup.Escape(Format.Arguments(call.Arguments, full ? 400 : 24))),
                new Markup(result),
                new Markup(call.Result is { } r ? Markup.Escape(Format.Milliseconds(r.Milliseconds)) : ""));
        }
        console.Write(new Padder(table, new Padding(2, 0, 0, 0)));
    }

    private static void Final(RunView run, IAnsiConsole console)
    {
        if (run.FinalCost is { } cost)
        {
            console.MarkupLine($"cost      {Markup.Escape(Format.Cost(cost))}");
        }
        var status = run.Status;
        var colour = status switch
        {
            VerdictStatus.Conforming => "green",
            VerdictStatus.Diverging or VerdictStatus.BudgetExhausted or VerdictStatus.Cancelled => "yellow",
            null => "grey",
            _ => "red",
        };
        var summary = run.Report?.Verdict.Summary ?? run.Ended?.Reason;
        console.MarkupLine($"verdict   [bold {colour}]{Markup.Escape(Format.Verdict(status))}[/]{(summary is null ? "" : " · " + Markup.Escape(summary))}");
    }
}
