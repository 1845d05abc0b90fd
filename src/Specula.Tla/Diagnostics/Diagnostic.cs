namespace Specula.Tla.Diagnostics;

/// <summary>How serious a diagnostic is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>The input is still usable.</summary>
    Warning,

    /// <summary>The input is rejected.</summary>
    Error,
}

/// <summary>A position range in a file, 1-based, end inclusive of the last character's column + 1.</summary>
/// <param name="Path">The file as named by the user.</param>
/// <param name="Line">1-based start line.</param>
/// <param name="Column">1-based start column.</param>
/// <param name="EndLine">1-based end line.</param>
/// <param name="EndColumn">1-based column just past the end.</param>
public readonly record struct SourceLocation(string Path, int Line, int Column, int EndLine, int EndColumn)
{
    /// <summary>Formats the start as <c>path:line:column</c>, the form compilers and editors understand.</summary>
    public override string ToString() => $"{Path}:{Line}:{Column}";
}

/// <summary>
/// A problem found in a TLA+ source: a stable code users can search (e.g. <c>TLA2001</c>), a message a TLA+
/// user recognizes, and where it is.
/// </summary>
/// <param name="Code">Stable identifier of the kind of problem.</param>
/// <param name="Severity">Error or warning.</param>
/// <param name="Message">One sentence, naming the offending symbol.</param>
/// <param name="Location">Where the problem is.</param>
public sealed record Diagnostic(string Code, DiagnosticSeverity Severity, string Message, SourceLocation Location)
{
    /// <summary>Formats like a compiler: <c>file:line:col: error TLA2001: message</c>.</summary>
    public override string ToString() =>
        $"{Location}: {(Severity == DiagnosticSeverity.Error ? "error" : "warning")} {Code}: {Message}";
}
