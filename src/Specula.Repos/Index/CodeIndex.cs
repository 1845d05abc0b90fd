using System.Diagnostics;
using System.Globalization;
using System.Text;
using Specula.Repos.Git;

namespace Specula.Repos.Index;

/// <summary>What a symbol is, as far as a per-language regular expression can tell.</summary>
public enum SymbolKind
{
    /// <summary>A free function (Go, C, Python, Rust).</summary>
    Function,

    /// <summary>A function belonging to a type (a Go receiver, an indented def, a C#/Java member, a Rust fn in an impl).</summary>
    Method,

    /// <summary>A class, struct, interface, enum, record, trait or type alias.</summary>
    Type,

    /// <summary>A named constant (const, static final, #define, an UPPER_CASE module variable).</summary>
    Constant,
}

/// <summary>Where a symbol is defined.</summary>
/// <param name="Name">The symbol's name as written.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Path">Work-tree-relative path with '/'.</param>
/// <param name="Line">1-based line of the definition.</param>
public sealed record SymbolLocation(string Name, SymbolKind Kind, string Path, int Line);

/// <summary>How many files of one language a repository holds.</summary>
/// <param name="Language">Language name, e.g. <c>Go</c>.</param>
/// <param name="Files">Number of files.</param>
public sealed record LanguageCount(string Language, int Files);

/// <summary>
/// A map of a repository for agents: the languages it is written in and where its functions, methods, types and
/// constants are defined (Go, C#, C, Python, Java, Rust). Regular expressions over lines, not parsers: fast and good
/// enough to find a definition, with the occasional miss or false hit; callers read the file to be sure.
/// </summary>
public sealed class CodeIndex
{
    /// <summary>Files larger than this are counted but not scanned for symbols (generated code, data).</summary>
    public const long MaxScannedFileBytes = 1024 * 1024;

    private readonly Dictionary<string, SymbolLocation[]> _byName;
    private readonly Dictionary<string, SymbolLocation[]> _byNameIgnoringCase;

    private CodeIndex(int files, IReadOnlyList<LanguageCount> languages, IReadOnlyList<SymbolLocation> symbols, TimeSpan elapsed)
    {
        Files = files;
        Languages = languages;
        Symbols = symbols;
        Elapsed = elapsed;
        _byName = symbols.GroupBy(s => s.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _byNameIgnoringCase = symbols.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Number of files in the work tree (as <see cref="LocalRepository.ListFiles"/> gives them).</summary>
    public int Files { get; }

    /// <summary>Languages with their file counts, most files first; files of no known language are <c>Other</c>.</summary>
    public IReadOnlyList<LanguageCount> Languages { get; }

    /// <summary>Every symbol found, by path then line.</summary>
    public IReadOnlyList<SymbolLocation> Symbols { get; }

    /// <summary>How long <see cref="Build"/> took (measured, for reports; nothing depends on it).</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Indexes the work tree's files (tracked and untracked, not ignored).</summary>
    public static RepoResult<CodeIndex> Build(LocalRepository repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var stopwatch = Stopwatch.StartNew();
        var files = repository.ListFiles();
        if (!files.IsSuccess)
        {
            return RepoResult<CodeIndex>.Fail(files.Error!);
        }
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var symbols = new List<SymbolLocation>();
        foreach (var file in files.Value!)
        {
            var language = Language.Of(file);
            counts[language?.Name ?? "Other"] = counts.GetValueOrDefault(language?.Name ?? "Other") + 1;
            if (language is null)
            {
                continue;
            }
            var full = Path.Combine(repository.WorkTree, file);
            var info = new FileInfo(full);
            // Symbolic links are not followed: a link out of the work tree must not be read.
            if (!info.Exists || info.LinkTarget is not null || info.Length > MaxScannedFileBytes)
            {
                continue;
            }
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(full);
            }
            catch (IOException)
            {
                continue; // deleted or locked meanwhile: the index is a best effort
            }
            if (LocalRepository.IsBinary(bytes))
            {
                continue;
            }
            language.Scan(file, Encoding.UTF8.GetString(bytes), symbols);
        }
        var languages = counts.Select(kv => new LanguageCount(kv.Key, kv.Value))
            .OrderBy(l => l.Language == "Other" ? 1 : 0).ThenByDescending(l => l.Files).ThenBy(l => l.Language, StringComparer.Ordinal).ToArray();
        return RepoResult<CodeIndex>.Ok(new CodeIndex(files.Value!.Count, languages, symbols, stopwatch.Elapsed));
    }

    /// <summary>
    /// Definitions named <paramref name="name"/>, by path then line: the exact spelling when there is one, else any
    /// casing (agents often guess <c>stepLeader</c> for <c>StepLeader</c>); empty when none.
    /// </summary>
    public IReadOnlyList<SymbolLocation> FindSymbol(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.TryGetValue(name, out var exact) ? exact
            : _byNameIgnoringCase.TryGetValue(name, out var anyCase) ? anyCase
            : [];
    }

    /// <summary>
    /// A few lines for an agent's prompt: files and languages, symbols by kind, and the folders holding the most
    /// symbols (where the logic is).
    /// </summary>
    public string Summary(int topFolders = 10)
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.Append(inv, $"{Files} files: ").AppendJoin(", ", Languages.Select(l => string.Create(inv, $"{l.Language} {l.Files}"))).Append('\n');
        var byKind = Symbols.GroupBy(s => s.Kind).OrderBy(g => g.Key).Select(g => string.Create(inv, $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}s"));
        sb.Append(inv, $"{Symbols.Count} symbols: ").AppendJoin(", ", byKind).Append('\n');
        var folders = Symbols.GroupBy(s => s.Path.LastIndexOf('/') is var slash && slash < 0 ? "." : s.Path[..slash], StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(topFolders).ToArray();
        if (folders.Length > 0)
        {
            sb.Append("folders with the most symbols:\n");
            foreach (var folder in folders)
            {
                var types = folder.Where(s => s.Kind == SymbolKind.Type).Select(s => s.Name).Distinct(StringComparer.Ordinal).Take(5).ToArray();
                sb.Append(inv, $"  {folder.Key}/ ({folder.Count()})");
                if (types.Length > 0)
                {
                    sb.Append(": ").AppendJoin(", ", types);
                }
                sb.Append('\n');
            }
        }
        return sb.ToString();
    }
}
