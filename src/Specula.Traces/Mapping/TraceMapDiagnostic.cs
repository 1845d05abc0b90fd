namespace Specula.Traces.Mapping;

/// <summary>A problem in a trace map, at the line and column of the offending YAML node.</summary>
/// <param name="Code">Stable code, <c>MAP1xx</c> (see <see cref="TraceMapCodes"/>).</param>
/// <param name="Message">What is wrong, in one sentence.</param>
/// <param name="File">The map file.</param>
/// <param name="Line">1-based line; 0 for the file as a whole.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Suggestion">A likely fix (the key meant, say); null when there is none.</param>
public sealed record TraceMapDiagnostic(string Code, string Message, string File, int Line, int Column, string? Suggestion = null)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{File}:{Line}:{Column}: error {Code}: {Message}{(Suggestion is null ? "" : $" Did you mean '{Suggestion}'?")}";
}

/// <summary>What reading a map gave: the map when it is valid, and every problem found.</summary>
/// <param name="Map">The map; null when there is any diagnostic.</param>
/// <param name="Diagnostics">Every problem, in file order.</param>
public sealed record TraceMapResult(TraceMap? Map, IReadOnlyList<TraceMapDiagnostic> Diagnostics)
{
    /// <summary>True when the map was read without problems.</summary>
    public bool Ok => Map is not null && Diagnostics.Count == 0;
}

/// <summary>The stable codes of <see cref="TraceMapDiagnostic"/>.</summary>
public static class TraceMapCodes
{
    /// <summary>The file is not valid YAML.</summary>
    public const string BadYaml = "MAP101";

    /// <summary>A key that the format does not have (with a did-you-mean).</summary>
    public const string UnknownKey = "MAP102";

    /// <summary>A value of the wrong kind (a list where a name belongs, say).</summary>
    public const string WrongType = "MAP103";

    /// <summary>A required key is missing.</summary>
    public const string MissingKey = "MAP104";

    /// <summary>The version is not one this reader knows.</summary>
    public const string UnknownVersion = "MAP105";

    /// <summary>An event is mapped to nothing: no action, and not <c>ignore</c>.</summary>
    public const string EventMappedToNothing = "MAP106";

    /// <summary>The silent-step bound is not a positive integer.</summary>
    public const string BadBound = "MAP107";

    /// <summary>A variable is both observed and listed as unobserved.</summary>
    public const string ObservedAndUnobserved = "MAP108";

    /// <summary>A key appears twice in one mapping.</summary>
    public const string DuplicateKey = "MAP109";

    /// <summary><c>per</c> is neither <c>node</c> nor <c>global</c>.</summary>
    public const string BadScope = "MAP110";

    /// <summary>An argument source is not <c>$node</c>, <c>$any</c>, a field path, or a long form.</summary>
    public const string BadArgument = "MAP111";

    /// <summary>Two fields are mapped to the same variable.</summary>
    public const string VariableMappedTwice = "MAP112";

    /// <summary>The map file cannot be read.</summary>
    public const string Unreadable = "MAP113";

    /// <summary>A name that must be a TLA+ identifier (action, variable, constant, parameter) is not one.</summary>
    public const string NotAnIdentifier = "MAP114";

    /// <summary>A list holds the same name twice.</summary>
    public const string DuplicateName = "MAP115";
}
