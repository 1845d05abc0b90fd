using System.Globalization;
using Specula.Reports.Model;

namespace Specula.Reports.Rendering;

/// <summary>
/// The run told in plain words for readers who do not know TLA+: how many recorded runs the model matches, and
/// what the real system did that the model does not allow.
/// </summary>
public static class Narrative
{
    /// <summary>How many divergences are told in words; the rest are counted.</summary>
    public const int MaxTold = 3;

    /// <summary>The summary, paragraph by paragraph.</summary>
    public static IReadOnlyList<string> Summarize(RunView run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var name = Format.TargetName(run.Target);
        var paragraphs = new List<string>();
        var (traces, conforming, divergences) = Conformance(run);
        var invariants = run.Report?.ModelChecking.Invariants ?? [];
        var holding = invariants.Count(i => i.Holds);
        var matches = traces is { } t && conforming is { } c
            ? c == t
                ? $"The model of {name} matches all {Count(t, "recorded run")} of the real system"
                : $"The model of {name} matches {c.ToString(CultureInfo.InvariantCulture)} of {Count(t, "recorded run")}; in {(t - c).ToString(CultureInfo.InvariantCulture)} the real system did something the model does not allow"
            : $"No recorded run of {name} has been compared with the model yet";
        var invariantText = invariants.Count == 0
            ? ""
            : holding == invariants.Count
                ? $", and the {Count(invariants.Count, "safety property", "safety properties")} checked on the model hold in every state the model checker reached ({Format.Count(run.Report!.ModelChecking.DistinctStates)} states)"
                : $", but {Count(invariants.Count - holding, "safety property", "safety properties")} of the model fail: {string.Join(", ", invariants.Where(i => !i.Holds).Select(i => i.Name))}";
        paragraphs.Add(matches + invariantText + ".");

        foreach (var divergence in divergences.Take(MaxTold))
        {
            paragraphs.Add(Tell(divergence));
        }
        if (divergences.Count > MaxTold)
        {
            paragraphs.Add($"{Count(divergences.Count - MaxTold, "more run")} diverge{(divergences.Count - MaxTold == 1 ? "s" : "")} in the same way or similar ways; they are listed below.");
        }
        var repaired = run.Rounds.SelectMany(r => r.Divergences).ToList();
        if (divergences.Count == 0 && repaired.Count > 0)
        {
            var first = run.Rounds.First(r => r.Divergences.Count > 0);
            paragraphs.Add($"It did not start that way: the checks found {Count(repaired.Count, "divergence")} along the way, each repaired in a later round. The first, in round {first.Round.ToString(CultureInfo.InvariantCulture)}: {Lower(Tell(first.Divergences[0]))}");
        }
        foreach (var invariant in invariants.Where(i => !i.Holds && i.Counterexample is { Count: > 0 }))
        {
            paragraphs.Add($"The model checker found a sequence of {Count(invariant.Counterexample!.Count, "step")} that breaks {invariant.Name}: {string.Join(" → ", invariant.Counterexample!.Select(s => s.Action))}.");
        }
        paragraphs.Add(Outcome(run));
        return paragraphs;
    }

    /// <summary>Trace counts and divergences of the final state of the run: the report's, else the last validation's.</summary>
    private static (int? Traces, int? Conforming, IReadOnlyList<DivergenceView> Divergences) Conformance(RunView run)
    {
        if (run.Report is { } report)
        {
            return (report.Conformance.Traces, report.Conformance.Conforming, [.. report.Conformance.Divergences.Select(DivergenceView.From)]);
        }
        var last = run.Rounds.SelectMany(r => r.Checks).LastOrDefault(c => c.Check == CheckKind.Validate);
        return last is null ? (null, null, []) : (last.Traces, last.Conforming, last.Divergences);
    }

    /// <summary>One divergence in words.</summary>
    public static string Tell(DivergenceView divergence)
    {
        ArgumentNullException.ThrowIfNull(divergence);
        var who = divergence.Node is { } node ? $"node {node}" : "the system";
        var what = divergence.Event ?? "an event";
        var where = divergence.Trace is null ? "In one recorded run" : $"In the recorded run {divergence.Trace}{(divergence.Line is { } line ? $" (line {line.ToString(CultureInfo.InvariantCulture)})" : "")}";
        var start = $"{where}, {who} did {what}";
        var candidate = divergence.Main;
        if (candidate?.Conjunct is { } conjunct)
        {
            var values = candidate.Values.Count == 0 ? "" : $", but there {string.Join(" and ", candidate.Values)}";
            return $"{start}, which the model does not allow: the model lets {candidate.Action} happen only when {conjunct}{(candidate.Location is { } l ? $" ({l})" : "")}{values}.";
        }
        if (candidate is { Mismatches.Count: > 0 })
        {
            var m = candidate.Mismatches[0];
            return $"{start}; the model allows the step, but it would leave {m.Name} at {m.Expected}, while the real system showed {m.Observed}.";
        }
        return $"{start}, which the model does not allow. {divergence.Summary}";
    }

    private static string Outcome(RunView run)
    {
        var rounds = run.Rounds.Count(r => r.Round > 0);
        var roundsText = rounds == 0 ? "" : $" after {Count(rounds, "round")}";
        var cost = run.FinalCost is { } c ? $" It took {Format.Seconds(c.WallSeconds)}{(c.Money > 0 ? $" and cost {Format.Money(c.Money)}" : "")}." : "";
        return run.Status switch
        {
            VerdictStatus.Conforming => $"Verdict: conforming{roundsText}: the model can be trusted to describe the behaviour seen in these runs.{cost}",
            VerdictStatus.Diverging => $"Verdict: diverging{roundsText}: the model does not yet describe everything the real system does.{cost}",
            VerdictStatus.Violating => $"Verdict: violating{roundsText}: the model allows a behaviour that breaks a safety property; either the model or the system has a bug.{cost}",
            VerdictStatus.BudgetExhausted => $"Verdict: budget exhausted{roundsText}: Specula stopped before the model matched every run.{cost}",
            VerdictStatus.Error => $"Verdict: error{roundsText}: the run failed{(run.Ended?.Reason is { } r ? $" ({r})" : "")}.{cost}",
            VerdictStatus.Cancelled => $"Verdict: cancelled{roundsText}.{cost}",
            _ => $"No verdict yet: the run is still going or was stopped{roundsText}.{cost}",
        };
    }

    private static string Lower(string sentence) => sentence.Length == 0 ? sentence : char.ToLowerInvariant(sentence[0]) + sentence[1..];

    private static string Count(int n, string singular, string? plural = null)
        => $"{n.ToString(CultureInfo.InvariantCulture)} {(n == 1 ? singular : plural ?? singular + "s")}";
}
