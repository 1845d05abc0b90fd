using System.Collections.Immutable;
using Specula.Tla.Diagnostics;
using Specula.Tla.Syntax;

namespace Specula.Tla.Semantics;

/// <summary>
/// The TLA+ semantic checker: resolves modules (EXTENDS, INSTANCE, nested modules, standard modules), names and
/// arities, and checks levels the way SANY does. Problems are reported as diagnostics with codes from
/// <see cref="SemanticCodes"/>; the checker does not throw on any syntax tree.
/// </summary>
public static class SemanticChecker
{
    /// <summary>Checks the module named <paramref name="rootModuleName"/> and everything it reaches.</summary>
    /// <param name="modules">Where user modules are found; the root must be registered or findable by name.</param>
    /// <param name="rootModuleName">The module to check.</param>
    public static SemanticResult Check(ModuleSet modules, string rootModuleName)
    {
        ArgumentNullException.ThrowIfNull(modules);
        ArgumentNullException.ThrowIfNull(rootModuleName);
        var source = modules.Find(rootModuleName);
        if (source is null)
        {
            var diagnostic = new Diagnostic(
                SemanticCodes.UnknownModule,
                DiagnosticSeverity.Error,
                $"Cannot find source file for module {rootModuleName}.",
                new SourceLocation(rootModuleName + ".tla", 1, 1, 1, 1));
            return new SemanticResult(null, [diagnostic]);
        }
        return Check(modules, source);
    }

    /// <summary>Checks a loaded module and everything it reaches.</summary>
    /// <param name="modules">Where the modules it imports are found.</param>
    /// <param name="root">The module to check.</param>
    public static SemanticResult Check(ModuleSet modules, ModuleSource root)
    {
        ArgumentNullException.ThrowIfNull(modules);
        ArgumentNullException.ThrowIfNull(root);
        var run = new CheckRun(modules, root.Source.Text.Length / 8);
        ResolvedModule? module;
        try
        {
            module = run.CheckSource(root, null, null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug in the checker: report it as a result instead of crashing the caller.
            run.Diagnostics.Add(new Diagnostic(
                SemanticCodes.InternalError,
                DiagnosticSeverity.Error,
                $"Internal error in the semantic checker ({ex.GetType().Name}: {ex.Message}). Please report it.",
                root.Source.Locate(root.Module?.Name.Span ?? TextSpan.None)));
            module = null;
        }
        return new SemanticResult(module, Sort(run.Diagnostics));
    }

    /// <summary>Orders diagnostics by file (in order of first report) and position, keeping the report order for ties.</summary>
    private static ImmutableArray<Diagnostic> Sort(List<Diagnostic> diagnostics)
    {
        var fileOrder = new Dictionary<string, int>(StringComparer.Ordinal);
        var keyed = new List<(int File, int Line, int Column, int Index, Diagnostic Diagnostic)>(diagnostics.Count);
        for (var i = 0; i < diagnostics.Count; i++)
        {
            var d = diagnostics[i];
            var path = d.Location.Path ?? string.Empty;
            if (!fileOrder.TryGetValue(path, out var file))
            {
                file = fileOrder.Count;
                fileOrder[path] = file;
            }
            keyed.Add((file, d.Location.Line, d.Location.Column, i, d));
        }
        keyed.Sort((a, b) => a.File != b.File ? a.File.CompareTo(b.File)
            : a.Line != b.Line ? a.Line.CompareTo(b.Line)
            : a.Column != b.Column ? a.Column.CompareTo(b.Column)
            : a.Index.CompareTo(b.Index));
        var builder = ImmutableArray.CreateBuilder<Diagnostic>(keyed.Count);
        foreach (var k in keyed)
        {
            builder.Add(k.Diagnostic);
        }
        return builder.MoveToImmutable();
    }

    /// <summary>Checks one parsed file; the modules it imports are searched beside it, then on the library path.</summary>
    /// <param name="parsed">The parsed root file.</param>
    /// <param name="libraryPaths">Further folders to search.</param>
    public static SemanticResult Check(ParseResult parsed, IEnumerable<string>? libraryPaths = null)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var set = new ModuleSet(TlaParser.Parse, Prepend(Path.GetDirectoryName(parsed.Source.Path), libraryPaths));
        return Check(set, set.Add(parsed));
    }

    /// <summary>Reads, parses and checks a file; the modules it imports are searched beside it, then on the library path.</summary>
    /// <param name="path">The root file.</param>
    /// <param name="libraryPaths">Further folders to search.</param>
    public static SemanticResult CheckFile(string path, IEnumerable<string>? libraryPaths = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var set = new ModuleSet(TlaParser.Parse, libraryPaths);
        var root = set.AddFile(path);
        if (root is null)
        {
            return new SemanticResult(null, [new Diagnostic(SemanticCodes.UnknownModule, DiagnosticSeverity.Error,
                $"Cannot read file {path}.", new SourceLocation(path, 1, 1, 1, 1))]);
        }
        return Check(set, root);
    }

    private static IEnumerable<string> Prepend(string? folder, IEnumerable<string>? rest)
    {
        yield return folder ?? string.Empty;
        if (rest is not null)
        {
            foreach (var item in rest)
            {
                yield return item;
            }
        }
    }
}

/// <summary>State shared by all modules of one check: diagnostics, the reference map, finished modules, the import stack.</summary>
internal sealed class CheckRun
{
    private readonly ModuleSet _modules;
    private readonly Dictionary<string, ResolvedModule?> _done = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ResolvedModule> _standard = new(StringComparer.Ordinal);
    private readonly List<string> _inProgress = [];

    public CheckRun(ModuleSet modules, int expectedReferences)
    {
        _modules = modules;
        References = new Dictionary<SyntaxNode, Symbol>(Math.Clamp(expectedReferences, 16, 1 << 24), ReferenceEqualityComparer.Instance);
    }

    public List<Diagnostic> Diagnostics { get; } = [];

    public Dictionary<SyntaxNode, Symbol> References { get; }

    /// <summary>Resolves a module named in EXTENDS or INSTANCE (nested modules are looked up by the caller first).</summary>
    public ResolvedModule? ResolveModule(string name, Name site, ModuleChecker requester)
    {
        if (StandardModules.TryGet(name, out var std) && !std.IsCommunity)
        {
            return GetStandard(std);
        }
        var source = _modules.Find(name);
        if (source is not null)
        {
            return CheckSource(source, site, requester);
        }
        if (std is not null)
        {
            return GetStandard(std);
        }
        var importer = requester.ModuleName;
        var suggestion = SuggestStandardModule(name);
        requester.Report(SemanticCodes.UnknownModule, site.Span, suggestion is null
            ? $"Cannot find source file for module {name} imported in module {importer}."
            : $"Cannot find source file for module {name} imported in module {importer}. Did you mean {suggestion}?");
        return null;
    }

    /// <summary>A standard module whose name differs from <paramref name="name"/> by case or by one or two letters.</summary>
    private static string? SuggestStandardModule(string name)
    {
        string? best = null;
        var bestDistance = 3;
        foreach (var candidate in StandardModules.All.Keys)
        {
            var distance = string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase) ? 0 : Distance(candidate, name);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }
        return best;
    }

    private static int Distance(string a, string b) => Spelling.Distance(a, b, ignoreCase: true);

    public ResolvedModule? CheckSource(ModuleSource source, Name? site, ModuleChecker? requester)
    {
        var name = source.Name;
        if (_done.TryGetValue(name, out var done))
        {
            return done;
        }
        var at = _inProgress.IndexOf(name);
        if (at >= 0)
        {
            var cycle = string.Join(" -> ", _inProgress.Skip(at).Append(name));
            if (requester is not null && site is not null)
            {
                requester.Report(SemanticCodes.CircularDependency, site.Span, $"Circular dependency among modules: {cycle}.");
            }
            return null;
        }
        Diagnostics.AddRange(source.Diagnostics);
        if (source.Module is null)
        {
            var broken = new ResolvedModule(name, null, source.Source, null, References) { IsIncomplete = true };
            _done[name] = broken;
            return broken;
        }
        _inProgress.Add(name);
        var checker = new ModuleChecker(this, source.Module, source.Source, null);
        var result = checker.Run();
        foreach (var d in source.Diagnostics)
        {
            // A partial tree from error recovery lacks definitions; its importers must not report them as unknown.
            result.IsIncomplete |= d.Severity == DiagnosticSeverity.Error;
        }
        _inProgress.RemoveAt(_inProgress.Count - 1);
        _done[name] = result;
        return result;
    }

    public ResolvedModule GetStandard(StandardModule module)
    {
        if (_standard.TryGetValue(module.Name, out var resolved))
        {
            return resolved;
        }
        resolved = new ResolvedModule(module.Name, null, null, module, References) { IsIncomplete = module.IsOpaque };
        _standard[module.Name] = resolved;
        var exports = new Dictionary<string, Symbol>(StringComparer.Ordinal);
        var extends = new List<ResolvedModule>();
        foreach (var parent in module.Extends)
        {
            if (StandardModules.TryGet(parent, out var p))
            {
                // Like SANY, a module name means one module per run: a community module copied beside the spec
                // replaces the table entry for the standard modules that extend it too.
                var pr = p.IsCommunity && _modules.Find(parent) is { } onDisk ? CheckSource(onDisk, null, null) : GetStandard(p);
                if (pr is null)
                {
                    continue;
                }
                extends.Add(pr);
                resolved.IsIncomplete |= pr.IsIncomplete;
                foreach (var (key, symbol) in pr.Exports)
                {
                    exports.TryAdd(key, symbol);
                }
            }
        }
        var definitions = new List<Symbol>();
        foreach (var op in module.Operators)
        {
            var symbol = new Symbol(op.Name, SymbolKind.StandardOperator, op.Arity, module.Name, null)
            {
                Fixity = op.Fixity,
                ParameterArities = op.ParameterArities,
            };
            var indices = new int[op.Arity];
            var maxLevels = new Level[op.Arity];
            ulong mask = 0;
            for (var i = 0; i < op.Arity; i++)
            {
                indices[i] = i;
                maxLevels[i] = Level.Temporal;
                if (i < 64)
                {
                    mask |= 1UL << i;
                }
            }
            symbol.ParamIndices = indices;
            symbol.ParamMaxLevels = maxLevels;
            symbol.Info = new LevelInfo(Level.Constant, mask, 0);
            definitions.Add(symbol);
            exports[op.Name] = symbol;
            foreach (var alias in op.Aliases)
            {
                exports[alias] = symbol;
            }
        }
        resolved.Extends = [.. extends];
        resolved.Definitions = [.. definitions];
        resolved.Exports = exports;
        resolved.Scope = exports;
        return resolved;
    }

    private static Dictionary<string, string>? s_standardIndex;

    /// <summary>The standard module defining a name, for "add it to EXTENDS" hints (core modules preferred).</summary>
    public static string? StandardModuleDefining(string name)
    {
        var index = s_standardIndex;
        if (index is null)
        {
            index = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pass in new[] { false, true })
            {
                foreach (var module in StandardModules.All.Values)
                {
                    if (module.IsCommunity != pass || module.Name == "TLAPS")
                    {
                        continue;
                    }
                    foreach (var op in module.Operators)
                    {
                        index.TryAdd(op.Name, module.Name);
                        foreach (var alias in op.Aliases)
                        {
                            index.TryAdd(alias, module.Name);
                        }
                    }
                }
            }
            s_standardIndex = index;
        }
        return index.TryGetValue(name, out var m) ? m : null;
    }
}
