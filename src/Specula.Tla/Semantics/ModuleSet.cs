using System.Collections.Immutable;
using Specula.Tla.Diagnostics;
using Specula.Tla.Syntax;

namespace Specula.Tla.Semantics;

/// <summary>The file access the module loader needs; a seam so tests can serve modules from memory.</summary>
public interface IModuleFileSystem
{
    /// <summary>True when a file exists at <paramref name="path"/>.</summary>
    bool FileExists(string path);

    /// <summary>Reads a whole file as text.</summary>
    string ReadAllText(string path);
}

/// <summary>The real file system.</summary>
public sealed class PhysicalModuleFileSystem : IModuleFileSystem
{
    /// <summary>The shared instance.</summary>
    public static PhysicalModuleFileSystem Instance { get; } = new();

    /// <inheritdoc/>
    public bool FileExists(string path) => File.Exists(path);

    /// <inheritdoc/>
    public string ReadAllText(string path) => File.ReadAllText(path);
}

/// <summary>A user module's source and syntax tree, as loaded by a <see cref="ModuleSet"/>.</summary>
/// <param name="Name">The module name it was registered or requested under.</param>
/// <param name="Source">Its text.</param>
/// <param name="Module">Its syntax tree, or null when the parser recognised no module.</param>
/// <param name="Diagnostics">Parse errors and loading problems (such as a file name that does not match the module name).</param>
public sealed record ModuleSource(string Name, SourceText Source, Module? Module, ImmutableArray<Diagnostic> Diagnostics);

/// <summary>
/// The user modules a check can reach: files added explicitly, and modules found on demand as <c>M.tla</c> beside
/// the added files or in a library folder. Each module is read and parsed once and cached by name; misses are cached
/// too. Standard modules (Naturals, TLC, ...) are not files and are resolved by the checker from
/// <see cref="StandardModules"/>.
/// </summary>
public sealed class ModuleSet
{
    private readonly Func<SourceText, ParseResult> _parser;
    private readonly IModuleFileSystem _fileSystem;
    private readonly List<string> _searchPaths = [];
    private readonly List<string> _libraryPaths;
    private readonly Dictionary<string, ModuleSource?> _cache = new(StringComparer.Ordinal);
    private readonly List<ModuleSource> _loaded = [];

    /// <summary>Creates an empty set that parses with <see cref="TlaParser"/>.</summary>
    /// <param name="libraryPaths">Folders searched after the folders of the added files, in order.</param>
    /// <param name="fileSystem">Where files are read from; the real file system when null.</param>
    public ModuleSet(IEnumerable<string>? libraryPaths = null, IModuleFileSystem? fileSystem = null)
        : this(TlaParser.Parse, libraryPaths, fileSystem)
    {
    }

    /// <summary>Creates an empty set.</summary>
    /// <param name="parser">Parses one file (normally <c>TlaParser.Parse</c>).</param>
    /// <param name="libraryPaths">Folders searched after the folders of the added files, in order.</param>
    /// <param name="fileSystem">Where files are read from; the real file system when null.</param>
    public ModuleSet(Func<SourceText, ParseResult> parser, IEnumerable<string>? libraryPaths = null, IModuleFileSystem? fileSystem = null)
    {
        ArgumentNullException.ThrowIfNull(parser);
        _parser = parser;
        _fileSystem = fileSystem ?? PhysicalModuleFileSystem.Instance;
        _libraryPaths = libraryPaths is null ? [] : [.. libraryPaths];
    }

    /// <summary>Folders searched for <c>M.tla</c>: those of the added files, then the library paths.</summary>
    public IReadOnlyList<string> SearchPaths => [.. _searchPaths, .. _libraryPaths];

    /// <summary>Every module loaded so far, in load order.</summary>
    public IReadOnlyList<ModuleSource> Loaded => _loaded;

    /// <summary>Reads, parses and registers a file; its folder is searched for the modules it names.</summary>
    /// <returns>The loaded module, or null when the file does not exist or cannot be read.</returns>
    public ModuleSource? AddFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            if (!_fileSystem.FileExists(path))
            {
                return null;
            }
            text = _fileSystem.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        AddSearchPath(Path.GetDirectoryName(path));
        return Add(new SourceText(path, text));
    }

    /// <summary>Parses and registers a source under the name of the module it holds (or its file name when it holds none).</summary>
    public ModuleSource Add(SourceText source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Add(_parser(source));
    }

    /// <summary>Registers an already parsed file under the name of its module.</summary>
    public ModuleSource Add(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var stem = Path.GetFileNameWithoutExtension(parsed.Source.Path);
        var name = parsed.Module?.Name.Text is { Length: > 0 } n ? n : stem;
        var diagnostics = parsed.Diagnostics;
        if (parsed.Module is { } module && name != stem && parsed.Source.Path.EndsWith(".tla", StringComparison.OrdinalIgnoreCase))
        {
            diagnostics = diagnostics.Add(MismatchDiagnostic(stem, module, parsed.Source));
        }
        var loaded = new ModuleSource(name, parsed.Source, parsed.Module, diagnostics);
        _cache[name] = loaded;
        _loaded.Add(loaded);
        RegisterFollowing(parsed);
        return loaded;
    }

    /// <summary>Modules written after the first one in a file are available by name, as SANY makes them.</summary>
    private void RegisterFollowing(ParseResult parsed)
    {
        var following = parsed.FollowingModules;
        if (following.IsDefaultOrEmpty)
        {
            return;
        }
        foreach (var module in following)
        {
            if (module?.Name is { Text.Length: > 0 } name && !_cache.ContainsKey(name.Text))
            {
                var extra = new ModuleSource(name.Text, parsed.Source, module, []);
                _cache[name.Text] = extra;
                _loaded.Add(extra);
            }
        }
    }

    /// <summary>Finds a user module by name: registered, or <c>name.tla</c> in a search folder. Null when there is none.</summary>
    public ModuleSource? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_cache.TryGetValue(name, out var cached))
        {
            return cached;
        }
        ModuleSource? found = null;
        if (name.Length > 0 && name.IndexOfAny(['/', '\\', ':']) < 0 && name != "." && name != "..")
        {
            foreach (var folder in SearchPaths)
            {
                var path = folder.Length == 0 ? name + ".tla" : Path.Combine(folder, name + ".tla");
                found = TryLoad(name, path);
                if (found is not null)
                {
                    break;
                }
            }
        }
        _cache[name] = found;
        return found;
    }

    private ModuleSource? TryLoad(string name, string path)
    {
        string text;
        try
        {
            if (!_fileSystem.FileExists(path))
            {
                return null;
            }
            text = _fileSystem.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        var source = new SourceText(path, text);
        var parsed = _parser(source);
        var diagnostics = parsed.Diagnostics;
        if (parsed.Module is { } module && module.Name.Text != name)
        {
            diagnostics = diagnostics.Add(MismatchDiagnostic(name, module, source));
        }
        var loaded = new ModuleSource(name, source, parsed.Module, diagnostics);
        _loaded.Add(loaded);
        _cache[name] = loaded;
        RegisterFollowing(parsed);
        return loaded;
    }

    private static Diagnostic MismatchDiagnostic(string fileName, Module module, SourceText source) =>
        new(SemanticCodes.ModuleNameMismatch,
            DiagnosticSeverity.Error,
            $"File name '{fileName}' does not match the name '{module.Name.Text}' of the top level module it contains.",
            source.Locate(module.Name.Span));

    private void AddSearchPath(string? folder)
    {
        folder ??= string.Empty;
        if (!_searchPaths.Contains(folder))
        {
            _searchPaths.Add(folder);
        }
    }
}
