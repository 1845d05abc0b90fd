using System.Globalization;
using System.Text.Json;

namespace Specula.Reports.Rendering;

/// <summary>
/// What the reports print of a <c>specula.divergence/v1</c> object. Read leniently: a field the validator left out
/// is null here, so a newer validator's divergence still renders.
/// </summary>
public sealed record DivergenceView(
    string? Trace,
    int? Line,
    int? Index,
    string? Node,
    string? Event,
    int? MatchedPrefix,
    int? CandidateStates,
    string Summary,
    IReadOnlyList<string> States,
    IReadOnlyList<CandidateView> Candidates)
{
    /// <summary><c>trace:line</c>, or what is known of it.</summary>
    public string Where => Trace is null ? "(trace unknown)" : Line is { } line ? $"{Trace}:{line.ToString(CultureInfo.InvariantCulture)}" : Trace;

    /// <summary>The candidate whose failure explains the divergence best: the first that names a conjunct, else the first.</summary>
    public CandidateView? Main => Candidates.FirstOrDefault(c => c.Conjunct is not null) ?? (Candidates.Count > 0 ? Candidates[0] : null);

    /// <summary>Reads the parts the reports need from a divergence object.</summary>
    public static DivergenceView From(JsonElement divergence)
    {
        var candidates = new List<CandidateView>();
        if (Property(divergence, "candidates") is { ValueKind: JsonValueKind.Array } list)
        {
            foreach (var candidate in list.EnumerateArray())
            {
                candidates.Add(CandidateView.From(candidate));
            }
        }
        var states = new List<string>();
        if (Property(divergence, "states") is { ValueKind: JsonValueKind.Array } stateList)
        {
            states.AddRange(stateList.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String).Select(s => s.GetString()!));
        }
        var ev = Property(divergence, "event");
        return new DivergenceView(
            String(divergence, "trace"),
            Int(divergence, "line"),
            Int(divergence, "index"),
            ev is { } e ? String(e, "node") : null,
            ev is { } e2 ? String(e2, "event") : null,
            Int(divergence, "matchedPrefix"),
            Int(divergence, "candidateStates"),
            String(divergence, "summary") ?? "The trace does not conform (no summary given).",
            states,
            candidates);
    }

    internal static JsonElement? Property(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    internal static string? String(JsonElement element, string name)
        => Property(element, name) is { } value ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText() : null;

    internal static int? Int(JsonElement element, string name)
        => Property(element, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var n) ? n : null;
}

/// <summary>One action the validator tried for a diverging event, and why it could not be taken.</summary>
/// <param name="Action">The action's name.</param>
/// <param name="Arguments">Its arguments, <c>name = value</c>.</param>
/// <param name="Reason"><c>guard</c>, <c>observation</c>, <c>noSuccessor</c> or <c>undefined</c>.</param>
/// <param name="Conjunct">The first false conjunct, when the guard failed.</param>
/// <param name="Location">Where the conjunct is, <c>file:line:col</c>.</param>
/// <param name="Values">Values of the conjunct's sub-expressions, <c>expression = value</c>.</param>
/// <param name="Mismatches">Observed variables that differ from what the action produces.</param>
public sealed record CandidateView(
    string Action,
    IReadOnlyList<string> Arguments,
    string? Reason,
    string? Conjunct,
    string? Location,
    IReadOnlyList<string> Values,
    IReadOnlyList<MismatchView> Mismatches)
{
    internal static CandidateView From(JsonElement candidate)
    {
        var arguments = new List<string>();
        if (DivergenceView.Property(candidate, "args") is { ValueKind: JsonValueKind.Object } args)
        {
            arguments.AddRange(args.EnumerateObject().Select(p => $"{p.Name} = {Text(p.Value)}"));
        }
        var conjunct = DivergenceView.Property(candidate, "conjunct");
        var values = new List<string>();
        if (conjunct is { } c && DivergenceView.Property(c, "values") is { ValueKind: JsonValueKind.Object } vs)
        {
            values.AddRange(vs.EnumerateObject().Select(p => $"{p.Name} = {Text(p.Value)}"));
        }
        var mismatches = new List<MismatchView>();
        if (DivergenceView.Property(candidate, "mismatches") is { ValueKind: JsonValueKind.Array } ms)
        {
            foreach (var m in ms.EnumerateArray())
            {
                mismatches.Add(new MismatchView(
                    DivergenceView.String(m, "variable") ?? "?",
                    DivergenceView.String(m, "node"),
                    DivergenceView.String(m, "expected") ?? "?",
                    DivergenceView.String(m, "observed") ?? "?"));
            }
        }
        return new CandidateView(
            DivergenceView.String(candidate, "action") ?? "?",
            arguments,
            DivergenceView.String(candidate, "reason"),
            conjunct is { } c1 ? DivergenceView.String(c1, "text") : null,
            conjunct is { } c2 ? DivergenceView.String(c2, "location") : null,
            values,
            mismatches);
    }

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}

/// <summary>An observed variable whose value differs from the one the spec computes.</summary>
public sealed record MismatchView(string Variable, string? Node, string Expected, string Observed)
{
    /// <summary>The variable, with the node when per node: <c>commitIndex[n2]</c>.</summary>
    public string Name => Node is null ? Variable : $"{Variable}[{Node}]";
}
