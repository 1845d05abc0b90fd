using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Specula.Cli.Tlc;

/// <summary>One message of TLC's <c>-tool</c> output: its code (TLC's <c>EC</c>), class and text.</summary>
/// <param name="Code">TLC's message code; 0 for lines printed outside any message (Print, PrintT).</param>
/// <param name="Severity">TLC's class: 0 information, 1 error, 2 TLC bug, 3 warning, 4 state.</param>
/// <param name="Text">The message, lines joined by newlines.</param>
internal sealed record TlcMessage(int Code, int Severity, string Text);

/// <summary>A state of a TLC counterexample.</summary>
/// <param name="Action">The action that led to it (null for an initial state).</param>
/// <param name="Location">Where TLC says the action is (<c>line 3, col 5 to line 7, col 20 of module M</c>).</param>
/// <param name="Variables">Variable names and values as TLC printed them, in TLC's order.</param>
internal sealed record TlcState(string? Action, string? Location, IReadOnlyList<KeyValuePair<string, string>> Variables);

/// <summary>What a TLC run found, in the terms of <c>specula check</c>.</summary>
/// <param name="TlcExitCode">TLC's own exit code.</param>
/// <param name="Verdict">The verdict, named as in <c>specula.check/v1</c> (a <c>Verdict</c> member, or <c>InvalidInput</c>).</param>
/// <param name="IsSafety">A temporal property refuted by a finite behaviour (TLC's exit 12).</param>
/// <param name="Message">TLC's error message; null on success.</param>
/// <param name="ViolatedInvariant">The violated invariant, when one is.</param>
/// <param name="Generated">States generated, when TLC said.</param>
/// <param name="Distinct">Distinct states, when TLC said.</param>
/// <param name="LeftOnQueue">States left on the queue, when TLC said.</param>
/// <param name="Depth">The search depth, when TLC said.</param>
/// <param name="Trace">The counterexample.</param>
/// <param name="BackToState">For a lasso, the 1-based state the last one goes back to (the trace's length: it stutters).</param>
/// <param name="Messages">Every message, for printing.</param>
internal sealed record TlcOutcome(
    int TlcExitCode,
    string Verdict,
    bool IsSafety,
    string? Message,
    string? ViolatedInvariant,
    long? Generated,
    long? Distinct,
    long? LeftOnQueue,
    int? Depth,
    IReadOnlyList<TlcState> Trace,
    int? BackToState,
    IReadOnlyList<TlcMessage> Messages);

/// <summary>Reads TLC's <c>-tool</c> output (messages framed by <c>@!@!@STARTMSG code:class @!@!@</c>).</summary>
internal static partial class TlcOutputParser
{
    private const int InvariantViolatedInitial = 2107;
    private const int InvariantViolatedBehavior = 2110;
    private const int PropertyViolatedInitial = 2108;
    private const int ActionPropertyViolated = 2112;
    private const int TemporalPropertyViolated = 2116;
    private const int BehaviorUpToThisPoint = 2121;
    private const int BackToState = 2122;
    private const int StatePrint = 2217;
    private const int StutteringPrint = 2218;
    private const int Statistics = 2199;
    private const int SearchDepth = 2194;
    private const int CounterExample = 2264;
    private const int PostConditionFalse = 2404;
    private const int PostConditionError = 2405;
    private const int Progress = 2200;

    public static IReadOnlyList<TlcMessage> Messages(IEnumerable<string> lines)
    {
        var messages = new List<TlcMessage>();
        (int Code, int Severity, StringBuilder Text)? open = null;
        foreach (var line in lines)
        {
            if (StartPattern().Match(line) is { Success: true } start)
            {
                open = (int.Parse(start.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(start.Groups[2].Value, CultureInfo.InvariantCulture), new StringBuilder());
                continue;
            }
            if (EndPattern().IsMatch(line))
            {
                if (open is { } o)
                {
                    messages.Add(new TlcMessage(o.Code, o.Severity, o.Text.ToString().TrimEnd('\n')));
                }
                open = null;
                continue;
            }
            if (open is { } current)
            {
                current.Text.Append(line).Append('\n');
            }
            else
            {
                messages.Add(new TlcMessage(0, 0, line));
            }
        }
        if (open is { } unfinished)
        {
            messages.Add(new TlcMessage(unfinished.Code, unfinished.Severity, unfinished.Text.ToString().TrimEnd('\n')));
        }
        return messages;
    }

    public static TlcOutcome Parse(TlcRawRun run)
    {
        var messages = Messages(run.Output);
        var trace = messages.Where(m => m.Code == StatePrint).Select(m => State(m.Text)).ToList();
        int? back = null;
        if (messages.Any(m => m.Code == StutteringPrint))
        {
            back = trace.Count;
        }
        else if (messages.FirstOrDefault(m => m.Code == BackToState) is { } loop && BackPattern().Match(loop.Text) is { Success: true } b)
        {
            back = int.Parse(b.Groups[1].Value, CultureInfo.InvariantCulture);
        }
        long? generated = null, distinct = null, left = null;
        if (messages.LastOrDefault(m => m.Code == Statistics) is { } stats && StatisticsPattern().Match(stats.Text) is { Success: true } s)
        {
            generated = long.Parse(s.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            distinct = long.Parse(s.Groups[2].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            left = long.Parse(s.Groups[3].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        }
        int? depth = messages.LastOrDefault(m => m.Code == SearchDepth) is { } d && DepthPattern().Match(d.Text) is { Success: true } dm
            ? int.Parse(dm.Groups[1].Value, CultureInfo.InvariantCulture)
            : null;
        var errors = messages.Where(m => m.Severity == 1 && m.Code is not (CounterExample or BehaviorUpToThisPoint)).ToList();
        var message = errors.Count == 0 ? null : string.Join("\n", errors.Select(e => e.Text));
        var invariant = messages.FirstOrDefault(m => m.Code is InvariantViolatedBehavior or InvariantViolatedInitial) is { } inv
            && InvariantPattern().Match(inv.Text) is { Success: true } im ? im.Groups[1].Value : null;
        var codes = messages.Select(m => m.Code).ToHashSet();
        var (verdict, safety) = run.ExitCode switch
        {
            0 => ("Success", false),
            10 when codes.Contains(PostConditionFalse) || codes.Contains(PostConditionError) => ("PostConditionViolated", false),
            10 => ("InvalidInput", false),
            11 => ("Deadlock", false),
            12 when invariant is null && codes.Contains(TemporalPropertyViolated) => ("TemporalPropertyViolated", true),
            12 => ("InvariantViolated", false),
            13 when codes.Contains(PropertyViolatedInitial) || codes.Contains(ActionPropertyViolated) || codes.Contains(TemporalPropertyViolated) => ("TemporalPropertyViolated", false),
            13 => ("TemporalPropertyViolated", false),
            >= 150 and <= 151 => ("InvalidInput", false),
            _ => ("EvaluationError", false),
        };
        return new TlcOutcome(run.ExitCode, verdict, safety, message, invariant, generated, distinct, left, depth, trace, back,
            [.. messages.Where(m => m.Code != Progress)]);
    }

    /// <summary>The exit code <c>specula check</c> gives for an outcome: TLC's for violations, 2 for bad input.</summary>
    public static int ExitCode(TlcOutcome outcome) => outcome.Verdict switch
    {
        "Success" => 0,
        "InvalidInput" => outcome.TlcExitCode == 10 ? 10 : 2,
        "PostConditionViolated" => 10,
        "Deadlock" => 11,
        "InvariantViolated" => 12,
        "TemporalPropertyViolated" => outcome.IsSafety ? 12 : 13,
        _ => 14,
    };

    // "3: <Next line 5, col 3 to line 9, col 20 of module M>" then "/\ x = 1" lines (values may span lines).
    private static TlcState State(string text)
    {
        var lines = text.Split('\n');
        string? action = null, location = null;
        if (HeaderPattern().Match(lines[0]) is { Success: true } h && h.Groups[1].Value != "Initial predicate")
        {
            var header = h.Groups[1].Value;
            var space = header.IndexOf(' ', StringComparison.Ordinal);
            action = space < 0 ? header : header[..space];
            location = space < 0 ? null : header[(space + 1)..];
        }
        var variables = new List<KeyValuePair<string, string>>();
        string? name = null;
        var value = new StringBuilder();
        void Flush()
        {
            if (name is not null)
            {
                variables.Add(new(name, value.ToString().TrimEnd()));
            }
        }
        foreach (var line in lines.Skip(1))
        {
            var body = line.StartsWith("/\\ ", StringComparison.Ordinal) ? line[3..] : null;
            if ((body ?? (name is null ? line : null)) is { } assignment && assignment.IndexOf(" = ", StringComparison.Ordinal) is var eq and > 0)
            {
                Flush();
                name = assignment[..eq];
                value.Clear().Append(assignment[(eq + 3)..]);
            }
            else if (name is not null && line.Length > 0)
            {
                value.Append('\n').Append(line);
            }
        }
        Flush();
        return new TlcState(action, location, variables);
    }

    [GeneratedRegex(@"^@!@!@STARTMSG (\d+):(\d+) @!@!@$")]
    private static partial Regex StartPattern();

    [GeneratedRegex(@"^@!@!@ENDMSG (\d+) @!@!@$")]
    private static partial Regex EndPattern();

    [GeneratedRegex(@"^\d+: <(.*)>\s*$")]
    private static partial Regex HeaderPattern();

    [GeneratedRegex(@"Back to state (\d+)")]
    private static partial Regex BackPattern();

    [GeneratedRegex(@"([\d,]+) states generated.*?([\d,]+) distinct states found.*?([\d,]+) states left on queue")]
    private static partial Regex StatisticsPattern();

    [GeneratedRegex(@"depth of the complete state graph search is (\d+)")]
    private static partial Regex DepthPattern();

    [GeneratedRegex(@"Invariant (\S+) is violated")]
    private static partial Regex InvariantPattern();
}
