using System.Globalization;
using System.Text;
using System.Text.Json;
using Specula.Agents.Checks;

namespace Specula.Agents.Nightly;

/// <summary>One diverging trace in plain words: where, what the validator says, and the conjunct that failed.</summary>
/// <param name="Trace">The trace file, relative to the run folder.</param>
/// <param name="Line">Its line.</param>
/// <param name="Summary">The validator's own sentence.</param>
/// <param name="Conjunct">The first failing conjunct's text, when a guard failed.</param>
/// <param name="Location">Where that conjunct is written (file:line:col).</param>
/// <param name="Mismatches">Variables whose observed value differs from the spec's, when the action could be taken.</param>
public sealed record DriftItem(string Trace, int Line, string Summary, string? Conjunct, string? Location, IReadOnlyList<string> Mismatches)
{
    /// <summary>Reads a <c>specula.divergence/v1</c> object; trace paths become relative to <paramref name="runFolder"/>.</summary>
    public static DriftItem From(JsonElement divergence, string runFolder)
    {
        var trace = divergence.TryGetProperty("trace", out var t) ? t.GetString() ?? "" : "";
        if (Path.IsPathRooted(trace))
        {
            trace = Path.GetRelativePath(runFolder, trace).Replace('\\', '/');
        }
        var line = divergence.TryGetProperty("line", out var l) && l.TryGetInt32(out var n) ? n : 0;
        var summary = divergence.TryGetProperty("summary", out var s) ? s.GetString() ?? "" : "";
        string? conjunct = null;
        string? location = null;
        var mismatches = new List<string>();
        if (divergence.TryGetProperty("candidates", out var candidates) && candidates.ValueKind == JsonValueKind.Array)
        {
            foreach (var candidate in candidates.EnumerateArray())
            {
                if (conjunct is null && candidate.TryGetProperty("conjunct", out var c) && c.ValueKind == JsonValueKind.Object)
                {
                    // The innermost conjunct is the one to read: a failure inside a definition is reported at its use.
                    var inner = c;
                    while (inner.TryGetProperty("inner", out var deeper) && deeper.ValueKind == JsonValueKind.Object)
                    {
                        inner = deeper;
                    }
                    conjunct = c.GetProperty("text").GetString();
                    location = c.TryGetProperty("location", out var loc) ? loc.GetString() : null;
                    if (!inner.Equals(c))
                    {
                        conjunct += $" (inside it: {inner.GetProperty("text").GetString()}" +
                            (inner.TryGetProperty("location", out var il) && il.GetString() is { } where ? $" at {where})" : ")");
                    }
                }
                if (mismatches.Count == 0 && candidate.TryGetProperty("mismatches", out var ms) && ms.ValueKind == JsonValueKind.Array)
                {
                    mismatches.AddRange(ms.EnumerateArray().Take(5).Select(m =>
                        $"{m.GetProperty("variable").GetString()}{(m.TryGetProperty("node", out var node) && node.GetString() is { } nn ? $"[{nn}]" : "")}: spec {m.GetProperty("expected").GetString()}, observed {m.GetProperty("observed").GetString()}"));
                }
            }
        }
        return new DriftItem(trace, line, summary, conjunct, location, mismatches);
    }

    /// <summary>Markdown lines for an issue.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"- `{Trace}` line {Line}: {Summary}\n");
        if (Conjunct is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"  - failing conjunct: `{Conjunct}`{(Location is null ? "" : $" at `{Location}`")}\n");
        }
        foreach (var mismatch in Mismatches)
        {
            text.Append(CultureInfo.InvariantCulture, $"  - {mismatch}\n");
        }
        return text.ToString();
    }

    /// <summary>One line for the terminal.</summary>
    public override string ToString() =>
        $"{Trace}:{Line}: {Summary}{(Conjunct is null ? "" : $" [failing conjunct {Conjunct}{(Location is null ? "" : " at " + Location)}]")}";
}

/// <summary>What went wrong with a spec, in plain words, from its checks.</summary>
/// <param name="Drift">The diverging traces.</param>
/// <param name="Violation">The violated invariant and where, when model checking found one.</param>
/// <param name="Other">A problem of another kind (the spec does not parse, validation could not run).</param>
public sealed record DriftDescription(IReadOnlyList<DriftItem> Drift, string? Violation, string? Other)
{
    /// <summary>Describes <paramref name="suite"/>.</summary>
    public static DriftDescription From(CheckSuite suite, string runFolder)
    {
        ArgumentNullException.ThrowIfNull(suite);
        var drift = suite.Validation?.Divergences.Select(d => DriftItem.From(d, runFolder)).ToList() ?? [];
        string? violation = null;
        if (suite.ModelCheck is { Ok: false } model)
        {
            violation = model.ViolatedInvariant is { } name
                ? $"invariant {name} is violated{(model.Location is { } at ? $" ({at})" : "")} after {Math.Max(0, model.Counterexample.Count - 1)} step(s)"
                : $"model checking ended with {model.Verdict}: {model.Message}";
        }
        string? other = null;
        if (!suite.Parse.Ok)
        {
            other = "the spec does not parse: " + string.Join("; ", suite.Parse.Diagnostics.Where(d => d.Severity == "error").Take(3).Select(d => $"{d.Location}: {d.Code} {d.Message}"));
        }
        else if (suite.Validation is { } v && v.Error is { } error)
        {
            other = "trace validation could not run: " + error;
        }
        return new DriftDescription(drift, violation, other);
    }

    /// <summary>The first problem in one sentence.</summary>
    public string Headline(int traces)
    {
        if (Other is not null)
        {
            return Other;
        }
        var parts = new List<string>();
        if (Drift.Count > 0)
        {
            parts.Add($"{Drift.Count} of {traces} trace(s) diverge; first: {Drift[0]}");
        }
        if (Violation is not null)
        {
            parts.Add(Violation);
        }
        return parts.Count == 0 ? "the spec does not conform" : string.Join("; ", parts);
    }
}
