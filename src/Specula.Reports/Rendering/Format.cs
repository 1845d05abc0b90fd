using System.Globalization;
using System.Text.Json;
using Specula.Reports.Model;

namespace Specula.Reports.Rendering;

/// <summary>How numbers, costs and verdicts read in both renderers, so terminal and HTML say the same thing.</summary>
public static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The verdict as one word, as report.json spells it.</summary>
    public static string Verdict(VerdictStatus? status) => status switch
    {
        VerdictStatus.Conforming => "conforming",
        VerdictStatus.Diverging => "diverging",
        VerdictStatus.Violating => "violating",
        VerdictStatus.BudgetExhausted => "budget exhausted",
        VerdictStatus.Error => "error",
        VerdictStatus.Cancelled => "cancelled",
        _ => "running (no verdict yet)",
    };

    /// <summary>A check's name as people read it.</summary>
    public static string Check(CheckKind check) => check switch
    {
        CheckKind.Parse => "parse",
        CheckKind.ModelCheck => "model check",
        _ => "validate",
    };

    /// <summary>A decision as one word.</summary>
    public static string Decision(DecisionKind decision) => decision.ToString().ToLowerInvariant();

    /// <summary>A count with thousands separators.</summary>
    public static string Count(long n) => n.ToString("#,0", Invariant);

    /// <summary>Money in dollars with cents.</summary>
    public static string Money(decimal money) => "$" + money.ToString("0.00", Invariant);

    /// <summary>A duration: <c>850 ms</c>, <c>14.6 s</c>, <c>3 min 20 s</c>.</summary>
    public static string Seconds(double seconds) => seconds switch
    {
        < 1 => (seconds * 1000).ToString("0", Invariant) + " ms",
        < 60 => seconds.ToString("0.0", Invariant) + " s",
        _ => $"{(int)(seconds / 60)} min {((int)seconds % 60).ToString(Invariant)} s",
    };

    /// <summary>Milliseconds of a tool call.</summary>
    public static string Milliseconds(double ms) => ms.ToString("0.#", Invariant) + " ms";

    /// <summary>The cost in one line.</summary>
    public static string Cost(CostTotals cost)
    {
        ArgumentNullException.ThrowIfNull(cost);
        return $"{Count(cost.PromptTokens)} prompt + {Count(cost.CompletionTokens)} completion tokens, {Money(cost.Money)}, {Seconds(cost.WallSeconds)} wall time";
    }

    /// <summary>The budget in one line; limits not set are left out.</summary>
    public static string Budget(RunBudget budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        var parts = new List<string>();
        if (budget.Rounds is { } rounds)
        {
            parts.Add($"{rounds.ToString(Invariant)} rounds");
        }
        if (budget.Tokens is { } tokens)
        {
            parts.Add($"{Count(tokens)} tokens");
        }
        if (budget.Money is { } money)
        {
            parts.Add(Money(money));
        }
        if (budget.WallSeconds is { } wall)
        {
            parts.Add(Seconds(wall));
        }
        return parts.Count == 0 ? "no limits" : string.Join(", ", parts);
    }

    /// <summary>The reasoner in a few words.</summary>
    public static string Reasoner(ReasonerInfo reasoner)
    {
        ArgumentNullException.ThrowIfNull(reasoner);
        return reasoner.Kind == ReasonerKind.Synthesizer
            ? "deterministic synthesizer"
            : $"language model {reasoner.Model ?? "(unnamed)"}{(reasoner.Endpoint is { } e ? " at " + e : "")}";
    }

    /// <summary>The target as <c>repo@commit (path)</c>.</summary>
    public static string Target(RunTarget? target)
    {
        if (target is null)
        {
            return "(unknown target)";
        }
        var text = target.Commit is { } commit ? $"{target.Repo}@{commit}" : target.Repo;
        return target.Path is { Length: > 0 } path && path != "." ? $"{text} ({path})" : text;
    }

    /// <summary>A short name of the target for sentences: the last part of its repository.</summary>
    public static string TargetName(RunTarget? target)
    {
        if (target is null)
        {
            return "the system";
        }
        var repo = target.Repo.TrimEnd('/');
        var name = repo[(repo.LastIndexOfAny(['/', '\\']) + 1)..];
        return name.EndsWith(".git", StringComparison.Ordinal) ? name[..^4] : name;
    }

    /// <summary>Tool arguments on one line, each value cut to <paramref name="max"/> characters.</summary>
    public static string Arguments(JsonElement arguments, int max)
    {
        if (arguments.ValueKind != JsonValueKind.Object)
        {
            return Abridge(arguments.ValueKind == JsonValueKind.Undefined ? "" : arguments.GetRawText(), max);
        }
        return string.Join(", ", arguments.EnumerateObject().Select(p =>
            $"{p.Name}: {Abridge(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(), max)}"));
    }

    /// <summary>Cuts <paramref name="text"/> to one line of at most <paramref name="max"/> characters.</summary>
    public static string Abridge(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = text.ReplaceLineEndings("⏎");
        return line.Length <= max ? line : line[..(max - 1)] + "…";
    }
}
