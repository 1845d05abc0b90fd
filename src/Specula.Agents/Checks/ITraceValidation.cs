namespace Specula.Agents.Checks;

/// <summary>
/// Validates traces against a spec folder (its TraceMap.yaml). A seam: the engine's validator plugs in here, and
/// until it exists <see cref="UnavailableTraceValidation"/> says so instead of pretending traces conform.
/// </summary>
public interface ITraceValidation
{
    /// <summary>Validates every trace in <paramref name="traces"/> against the spec in <paramref name="specFolder"/>.</summary>
    ValidationCheck Validate(string specFolder, IReadOnlyList<string> traces, CancellationToken cancellationToken);
}

/// <summary>No validator: zero traces conform vacuously, any trace makes the check unavailable (never conforming).</summary>
public sealed class UnavailableTraceValidation : ITraceValidation
{
    /// <summary>The message a reasoner and a user see.</summary>
    public const string Message = "Trace validation is not available in this build (Specula.Traces validation has not landed); traces cannot be checked.";

    /// <inheritdoc />
    public ValidationCheck Validate(string specFolder, IReadOnlyList<string> traces, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(traces);
        return traces.Count == 0 ? new ValidationCheck(true, 0, 0, [], null) : new ValidationCheck(false, traces.Count, 0, [], Message);
    }
}
