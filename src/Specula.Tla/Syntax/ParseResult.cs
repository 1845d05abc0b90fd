using System.Collections.Immutable;
using Specula.Tla.Diagnostics;

namespace Specula.Tla.Syntax;

/// <summary>
/// What parsing one file gives: its root module (null when none could be recognised) and every problem found.
/// Parsing never throws on bad input; it recovers and reports.
/// </summary>
/// <param name="Source">The parsed text.</param>
/// <param name="Module">The file's module, possibly partial when there were errors.</param>
/// <param name="Diagnostics">Lexical and syntax errors, in source order.</param>
public sealed record ParseResult(SourceText Source, Module? Module, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>
    /// Modules written after the first one in the same file. SANY makes them available to the first module (and to
    /// each other), as if each were in a file of its own beside it.
    /// </summary>
    public ImmutableArray<Module> FollowingModules { get; init; } = [];

    /// <summary>True when no error was reported.</summary>
    public bool Succeeded => Module is not null && !Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
