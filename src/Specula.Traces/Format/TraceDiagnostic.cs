namespace Specula.Traces.Format;

/// <summary>A problem in a trace file. The repair loop and the CLI read these as data, so the code is stable and
/// the position points at the offending line and, where known, the offending value.</summary>
/// <param name="Code">Stable code, <c>TRC1xx</c> (see <see cref="TraceCodes"/>).</param>
/// <param name="Message">What is wrong, in one sentence.</param>
/// <param name="File">The file the problem is in.</param>
/// <param name="Line">1-based line; 0 when the problem is about the file as a whole.</param>
/// <param name="Column">1-based column (in characters) of the offending value; 1 when only the line is known.</param>
/// <param name="JsonPath">Where in the line's JSON, e.g. <c>$.clock.n1</c>; null when it is not about one value.</param>
public sealed record TraceDiagnostic(string Code, string Message, string File, int Line, int Column, string? JsonPath = null)
{
    /// <inheritdoc/>
    public override string ToString() => $"{File}:{Line}:{Column}: error {Code}: {Message}";
}

/// <summary>The stable codes of <see cref="TraceDiagnostic"/>. Tests and users match on these, never on messages.</summary>
public static class TraceCodes
{
    /// <summary>A line tagged <c>"trace"</c> is not valid JSON (often a line cut short by a crash).</summary>
    public const string BadJson = "TRC101";

    /// <summary>A required field is missing.</summary>
    public const string MissingField = "TRC102";

    /// <summary>A field has the wrong type (or an out-of-range value, such as a negative seq).</summary>
    public const string WrongType = "TRC103";

    /// <summary>The format version (<c>v</c>, or a meta file's <c>schema</c>) is not one this reader knows.</summary>
    public const string UnknownVersion = "TRC104";

    /// <summary>A node's <c>seq</c> does not increase.</summary>
    public const string SeqNotIncreasing = "TRC105";

    /// <summary>A node's own clock entry goes back.</summary>
    public const string OwnClockBack = "TRC106";

    /// <summary>A node's view of another node's clock goes back (vector-clock regression).</summary>
    public const string ClockRegression = "TRC107";

    /// <summary>The file holds no trace events.</summary>
    public const string Empty = "TRC108";

    /// <summary>Strict mode: the line violates the JSON Schema in a way the structural checks do not cover.</summary>
    public const string SchemaViolation = "TRC109";

    /// <summary>The <c>.meta.json</c> beside the trace is malformed.</summary>
    public const string BadMeta = "TRC110";

    /// <summary>The file cannot be read.</summary>
    public const string Unreadable = "TRC111";

    /// <summary>Converting to TLA+: a JSON <c>null</c> that the map gives no constant for.</summary>
    public const string NullWithoutTranslation = "TRC130";

    /// <summary>Converting to TLA+: a number that is not an integer.</summary>
    public const string NotAnInteger = "TRC131";

    /// <summary>Converting to TLA+: a translation or literal names a constant the model does not define.</summary>
    public const string UnknownConstant = "TRC132";

    /// <summary>Converting to TLA+: an argument's field is not in the event's args.</summary>
    public const string MissingArgument = "TRC133";

    /// <summary>More problems were found than are reported.</summary>
    public const string TooManyProblems = "TRC119";

    /// <summary>Merging: no order of the events agrees with both the files' orders and the vector clocks
    /// (clocks that contradict the order of a file, or a causal cycle).</summary>
    public const string InconsistentClocks = "TRC120";

    /// <summary>Merging: the same node's events come from several files and their <c>seq</c> collide.</summary>
    public const string DuplicateEvent = "TRC121";
}
