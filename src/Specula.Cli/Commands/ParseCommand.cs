using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Specula.Tla.Diagnostics;
using Specula.Tla.Semantics;
using Specula.Tla.Syntax;

namespace Specula.Cli.Commands;

/// <summary><c>specula parse</c>: parse and semantically check TLA+ modules, reporting like a compiler.</summary>
internal static class ParseCommand
{
    /// <summary>Every module is clean.</summary>
    public const int Clean = 0;

    /// <summary>At least one module has an error.</summary>
    public const int HasErrors = 1;

    /// <summary>A path does not exist or holds no module.</summary>
    public const int BadInput = 2;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("paths") { Description = "TLA+ files or folders (searched recursively for .tla files)", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print a JSON report instead of compiler-style lines" };
        var library = new Option<string[]>("--library-path", "-I") { Description = "Extra folders searched for EXTENDS and INSTANCE modules", AllowMultipleArgumentsPerToken = true };
        var syntaxOnly = new Option<bool>("--syntax-only") { Description = "Only parse; skip the semantic checks" };
        var command = new Command("parse", "Parse and check TLA+ modules: syntax, names, arities and levels")
        {
            paths, json, library, syntaxOnly,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var options = new ParseOptions(parse.GetValue(paths) ?? [], parse.GetValue(library) ?? [], parse.GetValue(syntaxOnly));
            return Task.FromResult(Run(options, parse.GetValue(json), stdout, stderr, cancellationToken));
        });
        return command;
    }

    private sealed record ParseOptions(IReadOnlyList<string> Paths, IReadOnlyList<string> LibraryPaths, bool SyntaxOnly);

    private sealed record ModuleReport(string Path, string? Module, IReadOnlyList<Diagnostic> Diagnostics);

    private static int Run(ParseOptions options, bool json, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var files = new List<string>();
        foreach (var path in options.Paths)
        {
            if (File.Exists(path))
            {
                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*.tla", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
            }
            else
            {
                stderr.WriteLine($"error: no file or folder '{path}'.");
                return BadInput;
            }
        }
        if (files.Count == 0)
        {
            stderr.WriteLine("error: no .tla files found in the given folders.");
            return BadInput;
        }

        var reports = Check(files, options, cancellationToken);
        if (json)
        {
            WriteJson(reports, stdout);
        }
        else
        {
            WriteText(reports, stdout);
        }
        return reports.Any(r => r.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error)) ? HasErrors : Clean;
    }

    /// <summary>
    /// Checks each file with the modules of its own folder: folders are separate namespaces (two folders may each
    /// have an MC.tla). A diagnostic is reported once even when several checked modules reach its module.
    /// </summary>
    private static List<ModuleReport> Check(List<string> files, ParseOptions options, CancellationToken cancellationToken)
    {
        var setsByFolder = new Dictionary<string, ModuleSet>(StringComparer.Ordinal);
        var seen = new HashSet<Diagnostic>();
        var byPath = new Dictionary<string, List<Diagnostic>>(StringComparer.Ordinal);
        var reports = new List<ModuleReport>();
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var folder = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
            if (!setsByFolder.TryGetValue(folder, out var set))
            {
                set = new ModuleSet(options.LibraryPaths);
                setsByFolder[folder] = set;
            }
            var source = set.AddFile(file) ?? throw new CommandException($"cannot read '{file}'.", BadInput);
            var display = file;
            IEnumerable<Diagnostic> diagnostics = source.Diagnostics;
            if (!options.SyntaxOnly && source.Module is not null)
            {
                diagnostics = diagnostics.Concat(SemanticChecker.Check(set, source).Diagnostics);
            }
            var own = new List<Diagnostic>();
            foreach (var diagnostic in diagnostics)
            {
                if (seen.Add(diagnostic))
                {
                    own.Add(diagnostic);
                }
            }
            reports.Add(new ModuleReport(display, source.Module?.Name.Text, own));
        }
        return reports;
    }

    private static void WriteText(List<ModuleReport> reports, TextWriter stdout)
    {
        var sources = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var diagnostic in reports.SelectMany(r => r.Diagnostics))
        {
            stdout.WriteLine(diagnostic.ToString());
            var lines = sources.TryGetValue(diagnostic.Location.Path, out var cached) ? cached : TryReadLines(diagnostic.Location.Path);
            sources[diagnostic.Location.Path] = lines;
            if (diagnostic.Location.Line >= 1 && diagnostic.Location.Line <= lines.Length)
            {
                var line = lines[diagnostic.Location.Line - 1].TrimEnd('\r');
                var caretColumn = Math.Clamp(diagnostic.Location.Column - 1, 0, line.Length);
                var width = diagnostic.Location.EndLine == diagnostic.Location.Line
                    ? Math.Max(1, diagnostic.Location.EndColumn - diagnostic.Location.Column)
                    : 1;
                stdout.WriteLine("    " + line);
                stdout.WriteLine("    " + new string(' ', caretColumn) + new string('^', Math.Min(width, Math.Max(1, line.Length - caretColumn + 1))));
            }
        }
        var errors = reports.Sum(r => r.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error));
        var warnings = reports.Sum(r => r.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning));
        var failed = reports.Count(r => r.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error));
        stdout.WriteLine(errors == 0
            ? $"Checked {Plural(reports.Count, "module")}: no errors{(warnings > 0 ? $", {Plural(warnings, "warning")}" : string.Empty)}."
            : $"Checked {Plural(reports.Count, "module")}: {Plural(errors, "error")} in {failed} of them{(warnings > 0 ? $", {Plural(warnings, "warning")}" : string.Empty)}.");
    }

    private static string[] TryReadLines(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllLines(path) : [];
        }
        catch (IOException)
        {
            return [];
        }
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static void WriteJson(List<ModuleReport> reports, TextWriter stdout)
    {
        var document = new JsonParseReport(
            "specula.parse/v1",
            [.. reports.Select(r => new JsonModule(r.Path, r.Module, !r.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error),
                [.. r.Diagnostics.Select(d => new JsonDiagnostic(d.Code, d.Severity == DiagnosticSeverity.Error ? "error" : "warning", d.Message,
                    d.Location.Path, d.Location.Line, d.Location.Column, d.Location.EndLine, d.Location.EndColumn))]))],
            new JsonSummary(reports.Count, reports.Count(r => r.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error)),
                reports.Sum(r => r.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error))));
        stdout.WriteLine(JsonSerializer.Serialize(document, ParseJsonContext.Default.JsonParseReport));
    }
}

internal sealed record JsonParseReport(string Schema, IReadOnlyList<JsonModule> Modules, JsonSummary Summary);

internal sealed record JsonModule(string Path, string? Module, bool Ok, IReadOnlyList<JsonDiagnostic> Diagnostics);

internal sealed record JsonDiagnostic(string Code, string Severity, string Message, string Path, int Line, int Column, int EndLine, int EndColumn);

internal sealed record JsonSummary(int Modules, int ModulesWithErrors, int Errors);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(JsonParseReport))]
internal sealed partial class ParseJsonContext : JsonSerializerContext;
