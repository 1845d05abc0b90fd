using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Specula.Repos.Index;

/// <summary>A language known by its file extensions; those with a scanner also yield symbols.</summary>
internal abstract partial class Language
{
    private static readonly FrozenDictionary<string, Language> ByExtension = Build().ToFrozenDictionary(StringComparer.Ordinal);

    protected Language(string name) => Name = name;

    public string Name { get; }

    public static Language? Of(string path)
    {
        var slash = path.LastIndexOf('/');
        var name = slash < 0 ? path : path[(slash + 1)..];
        var dot = name.LastIndexOf('.');
        if (dot <= 0)
        {
            return name is "Makefile" or "Dockerfile" ? ByExtension.GetValueOrDefault("." + name) : null;
        }
        return ByExtension.GetValueOrDefault(name[dot..].ToLowerInvariant());
    }

    /// <summary>Adds the symbols defined in <paramref name="text"/> to <paramref name="into"/>.</summary>
    public virtual void Scan(string path, string text, List<SymbolLocation> into)
    {
        // Languages without a scanner are counted only.
    }

    private static Dictionary<string, Language> Build()
    {
        var map = new Dictionary<string, Language>(StringComparer.Ordinal);
        void Add(Language language, params string[] extensions)
        {
            foreach (var e in extensions)
            {
                map[e] = language;
            }
        }
        Add(new GoLanguage(), ".go");
        Add(new CSharpLanguage(), ".cs");
        Add(new CLanguage(), ".c", ".h");
        Add(new PythonLanguage(), ".py");
        Add(new JavaLanguage(), ".java");
        Add(new RustLanguage(), ".rs");
        (string Name, string[] Extensions)[] counted =
        [
            ("C++", [".cc", ".cpp", ".cxx", ".hpp", ".hh"]), ("TLA+", [".tla"]), ("TLC config", [".cfg"]),
            ("Shell", [".sh", ".bash"]), ("YAML", [".yaml", ".yml"]), ("JSON", [".json"]), ("Markdown", [".md"]),
            ("TypeScript", [".ts", ".tsx"]), ("JavaScript", [".js", ".mjs", ".cjs"]), ("Kotlin", [".kt"]), ("Scala", [".scala"]),
            ("Erlang", [".erl"]), ("Elixir", [".ex", ".exs"]), ("Haskell", [".hs"]), ("OCaml", [".ml", ".mli"]), ("Zig", [".zig"]),
            ("Protocol Buffers", [".proto"]), ("TOML", [".toml"]), ("XML", [".xml", ".csproj", ".props", ".targets"]),
            ("Make", [".mk", ".Makefile"]), ("Dockerfile", [".Dockerfile"]), ("Go module", [".mod", ".sum"]),
        ];
        foreach (var (name, extensions) in counted)
        {
            Add(new CountedLanguage(name), extensions);
        }
        return map;
    }

    protected static int Indent(string line)
    {
        var i = 0;
        while (i < line.Length && (line[i] == ' ' || line[i] == '\t'))
        {
            i++;
        }
        return i;
    }

    protected static IEnumerable<(int Number, string Line)> Lines(string text)
    {
        var number = 0;
        var start = 0;
        while (start <= text.Length)
        {
            var nl = text.IndexOf('\n', start);
            var end = nl < 0 ? text.Length : nl;
            number++;
            yield return (number, text[start..(end > start && text[end - 1] == '\r' ? end - 1 : end)]);
            if (nl < 0)
            {
                yield break;
            }
            start = nl + 1;
        }
    }

    protected static bool TryAdd(Regex regex, string line, SymbolKind kind, string path, int number, List<SymbolLocation> into)
    {
        var m = regex.Match(line);
        if (!m.Success)
        {
            return false;
        }
        into.Add(new SymbolLocation(m.Groups["name"].Value, kind, path, number));
        return true;
    }

    private sealed class CountedLanguage(string name) : Language(name);

    private sealed partial class GoLanguage() : Language("Go")
    {
        public override void Scan(string path, string text, List<SymbolLocation> into)
        {
            SymbolKind? block = null; // inside "const (" or "type (" / "var (" (null kind for var)
            var inVarBlock = false;
            foreach (var (n, line) in Lines(text))
            {
                if (block is not null || inVarBlock)
                {
                    if (line.StartsWith(')'))
                    {
                        block = null;
                        inVarBlock = false;
                    }
                    else if (block is { } kind)
                    {
                        TryAdd(BlockEntry(), line, kind, path, n, into);
                    }
                    continue;
                }
                if (line.StartsWith("func", StringComparison.Ordinal))
                {
                    _ = TryAdd(Method(), line, SymbolKind.Method, path, n, into) || TryAdd(Function(), line, SymbolKind.Function, path, n, into);
                }
                else if (BlockStart().Match(line) is { Success: true } start)
                {
                    block = start.Groups[1].Value switch { "const" => SymbolKind.Constant, "type" => SymbolKind.Type, _ => null };
                    inVarBlock = block is null;
                }
                else
                {
                    _ = TryAdd(Type(), line, SymbolKind.Type, path, n, into) || TryAdd(Const(), line, SymbolKind.Constant, path, n, into);
                }
            }
        }

        [GeneratedRegex(@"^func\s+(?<name>[A-Za-z_]\w*)\s*[\[(]")]
        private static partial Regex Function();

        [GeneratedRegex(@"^func\s*\([^)]*\)\s*(?<name>[A-Za-z_]\w*)\s*[\[(]")]
        private static partial Regex Method();

        [GeneratedRegex(@"^type\s+(?<name>[A-Za-z_]\w*)")]
        private static partial Regex Type();

        [GeneratedRegex(@"^const\s+(?<name>[A-Za-z_]\w*)")]
        private static partial Regex Const();

        [GeneratedRegex(@"^(const|type|var)\s*\(\s*(?://.*)?$")]
        private static partial Regex BlockStart();

        [GeneratedRegex(@"^\s+(?<name>[A-Za-z_]\w*)\b(?!\s*\()")]
        private static partial Regex BlockEntry();
    }

    private sealed partial class CSharpLanguage() : Language("C#")
    {
        public override void Scan(string path, string text, List<SymbolLocation> into)
        {
            foreach (var (n, line) in Lines(text))
            {
                if (line.TrimStart().StartsWith("//", StringComparison.Ordinal))
                {
                    continue;
                }
                _ = TryAdd(Type(), line, SymbolKind.Type, path, n, into)
                    || TryAdd(Const(), line, SymbolKind.Constant, path, n, into)
                    || TryAdd(Method(), line, SymbolKind.Method, path, n, into);
            }
        }

        [GeneratedRegex(@"^\s*(?:\[[^\]]*\]\s*)*(?:(?:public|private|protected|internal|static|abstract|sealed|partial|readonly|ref|unsafe|new|file)\s+)*(?:class|struct|interface|enum|record(?:\s+(?:struct|class))?)\s+(?<name>[A-Za-z_]\w*)")]
        private static partial Regex Type();

        [GeneratedRegex(@"^\s*(?:(?:public|private|protected|internal|new)\s+)*const\s+[\w<>?.\[\]]+\s+(?<name>[A-Za-z_]\w*)\s*=")]
        private static partial Regex Const();

        [GeneratedRegex(@"^\s*(?:\[[^\]]*\]\s*)*(?:(?:public|private|protected|internal|static|virtual|override|abstract|async|sealed|extern|unsafe|new|partial|readonly)\s+)+(?!class\b|struct\b|interface\b|enum\b|record\b|const\b|event\b|delegate\b)[\w<>\[\],.?()]+(?:\s*<[^>]*>)?\s+(?<name>[A-Za-z_]\w*)\s*(?:<[^>()]*>)?\s*\(")]
        private static partial Regex Method();
    }

    private sealed partial class JavaLanguage() : Language("Java")
    {
        public override void Scan(string path, string text, List<SymbolLocation> into)
        {
            foreach (var (n, line) in Lines(text))
            {
                var trimmed = line.TrimStart();
                if (trimmed.StartsWith("//", StringComparison.Ordinal) || trimmed.StartsWith('*'))
                {
                    continue;
                }
                _ = TryAdd(Type(), line, SymbolKind.Type, path, n, into)
                    || TryAdd(Const(), line, SymbolKind.Constant, path, n, into)
                    || TryAdd(Method(), line, SymbolKind.Method, path, n, into);
            }
        }

        [GeneratedRegex(@"^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|private|protected|static|abstract|final|sealed|non-sealed|strictfp)\s+)*(?:class|interface|enum|record|@interface)\s+(?<name>[A-Za-z_]\w*)")]
        private static partial Regex Type();

        [GeneratedRegex(@"^\s*(?:(?:public|private|protected)\s+)?(?:static\s+final|final\s+static)\s+[\w<>\[\],.?]+\s+(?<name>[A-Za-z_]\w*)\s*=")]
        private static partial Regex Const();

        [GeneratedRegex(@"^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|private|protected|static|abstract|final|synchronized|native|default|strictfp)\s+)+(?:<[^>]+>\s+)?(?!class\b|interface\b|enum\b|record\b)[\w<>\[\],.?]+\s+(?<name>[A-Za-z_]\w*)\s*\(")]
        private static partial Regex Method();
    }

    private sealed partial class CLanguage() : Language("C")
    {
        public override void Scan(string path, string text, List<SymbolLocation> into)
        {
            foreach (var (n, line) in Lines(text))
            {
                if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal) || line.StartsWith("/*", StringComparison.Ordinal))
                {
                    continue;
                }
                _ = TryAdd(MacroFunction(), line, SymbolKind.Function, path, n, into)
                    || TryAdd(Define(), line, SymbolKind.Constant, path, n, into)
                    || TryAdd(Tag(), line, SymbolKind.Type, path, n, into)
                    || TryAdd(TypedefEnd(), line, SymbolKind.Type, path, n, into)
                    || TryAdd(Typedef(), line, SymbolKind.Type, path, n, into)
                    || TryAdd(Function(), line, SymbolKind.Function, path, n, into);
            }
        }

        [GeneratedRegex(@"^\s*#\s*define\s+(?<name>[A-Za-z_]\w*)\(")]
        private static partial Regex MacroFunction();

        [GeneratedRegex(@"^\s*#\s*define\s+(?<name>[A-Za-z_]\w*)")]
        private static partial Regex Define();

        [GeneratedRegex(@"^(?:typedef\s+)?(?:struct|union|enum)\s+(?<name>[A-Za-z_]\w*)\s*(?:\{.*)?$")]
        private static partial Regex Tag();

        [GeneratedRegex(@"^\}\s*(?<name>[A-Za-z_]\w*)\s*;")]
        private static partial Regex TypedefEnd();

        [GeneratedRegex(@"^typedef\s+[^;{]*?\b(?<name>[A-Za-z_]\w*)\s*(?:\)\s*\([^;]*\))?;")]
        private static partial Regex Typedef();

        // A definition starts at column 0 with a type, and its line does not end the declaration with ';'.
        [GeneratedRegex(@"^(?!(?:if|else|while|for|switch|return|do|typedef|case|goto|sizeof)\b)(?:[A-Za-z_]\w*[\s\*]+)+\**(?<name>[A-Za-z_]\w*)\s*\([^;=]*$")]
        private static partial Regex Function();
    }

    private sealed partial class PythonLanguage() : Language("Python")
    {
        public override void Scan(string path, string text, List<SymbolLocation> into)
        {
            var inClass = false;
            foreach (var (n, line) in Lines(text))
            {
                if (line.Length == 0 || line.TrimStart().StartsWith('#'))
                {
                    continue;
                }
                var top = Indent(line) == 0;
                if (TryAdd(Class(), line, SymbolKind.Type, path, n, into))
                {
                    inClass |= top;
                    continue;
                }
                if (top)
                {
                    inClass = false;
                    _ = TryAdd(Def(), line, SymbolKind.Function, path, n, into) || TryAdd(Constant(), line, SymbolKind.Constant, path, n, into);
                }
                else if (inClass)
                {
                    TryAdd(Def(), line, SymbolKind.Method, path, n, into);
                }
            }
        }

        [GeneratedRegex(@"^\s*class\s+(?<name>[A-Za-z_]\w*)")]
        private static partial Regex Class();

        [GeneratedRegex(@"^\s*(?:async\s+)?def\s+(?<name>[A-Za-z_]\w*)\s*\(")]
        private static partial Regex Def();

        [GeneratedRegex(@"^(?<name>[A-Z][A-Z0-9_]*)\s*(?::[^=]+)?=(?!=)")]
        private static partial Regex Constant();
    }

    private sealed partial class RustLanguage() : Language("Rust")
    {
        public override void Scan(string path, string text, List<SymbolLocation> into)
        {
            foreach (var (n, line) in Lines(text))
            {
                if (line.TrimStart().StartsWith("//", StringComparison.Ordinal))
                {
                    continue;
                }
                // Functions inside impl and trait blocks are indented; free functions are not (rustfmt's layout).
                _ = TryAdd(Fn(), line, Indent(line) == 0 ? SymbolKind.Function : SymbolKind.Method, path, n, into)
                    || TryAdd(Type(), line, SymbolKind.Type, path, n, into)
                    || TryAdd(Const(), line, SymbolKind.Constant, path, n, into);
            }
        }

        [GeneratedRegex(@"^\s*(?:pub(?:\([^)]*\))?\s+)?(?:(?:const|async|unsafe|extern(?:\s+""[^""]*"")?)\s+)*fn\s+(?<name>[A-Za-z_]\w*)")]
        private static partial Regex Fn();

        [GeneratedRegex(@"^\s*(?:pub(?:\([^)]*\))?\s+)?(?:unsafe\s+)?(?:struct|enum|trait|union|type)\s+(?<name>[A-Za-z_]\w*)")]
        private static partial Regex Type();

        [GeneratedRegex(@"^\s*(?:pub(?:\([^)]*\))?\s+)?(?:const|static)\s+(?:mut\s+)?(?<name>[A-Za-z_]\w*)\s*:")]
        private static partial Regex Const();
    }
}
