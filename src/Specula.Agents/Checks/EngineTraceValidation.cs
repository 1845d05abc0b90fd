using System.Text.Json;
using Specula.Traces.Validation;

namespace Specula.Agents.Checks;

/// <summary>Trace validation by Specula.Traces: each trace replayed through the spec via TraceMap.yaml.</summary>
/// <param name="workers">Traces validated in parallel (0: one per core).</param>
public sealed class EngineTraceValidation(int workers = 1) : ITraceValidation
{
    /// <summary>The trace map every spec folder has.</summary>
    public const string MapFile = "TraceMap.yaml";

    /// <inheritdoc />
    public ValidationCheck Validate(string specFolder, IReadOnlyList<string> traces, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(traces);
        if (traces.Count == 0)
        {
            return new ValidationCheck(true, 0, 0, [], null);
        }
        var map = Path.Combine(specFolder, MapFile);
        if (!File.Exists(map))
        {
            return new ValidationCheck(true, traces.Count, 0, [], $"The spec folder has no {MapFile}: no trace can be mapped onto the spec.");
        }
        var report = TraceValidation.Run(map, traces, workers: workers, cancellationToken: cancellationToken);
        using var document = JsonDocument.Parse(report.ToJson(indented: false));
        var divergences = document.RootElement.TryGetProperty("traces", out var list)
            ? list.EnumerateArray().Where(t => t.TryGetProperty("divergence", out _)).Select(t => t.GetProperty("divergence").Clone()).ToList()
            : [];
        var error = report.Diagnostics.IsEmpty ? null : string.Join("; ", report.Diagnostics.Take(5).Select(d => d.ToString()));
        var actions = report.Actions.Select(a => new Reports.Model.ActionConformance(a.Action, a.Observed, a.Accepted)).ToList();
        return new ValidationCheck(true, traces.Count, report.Diagnostics.IsEmpty ? report.Conforming : 0, divergences, error, actions);
    }
}
