using System.Text.RegularExpressions;
using Specula.Tla.Diagnostics;
using Specula.Tla.Semantics;
using Specula.Tla.Syntax;

namespace Specula.Tla.Tests.Semantics;

/// <summary>Serves module files from memory.</summary>
internal sealed class MemoryFileSystem : IModuleFileSystem
{
    public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

    public int Reads { get; private set; }

    public bool FileExists(string path) => Files.ContainsKey(path);

    public string ReadAllText(string path)
    {
        Reads++;
        return Files[path];
    }
}

/// <summary>Checks TLA+ text with the real parser and renders diagnostics as <c>line:col CODE message</c>.</summary>
internal static partial class Sem
{
    [GeneratedRegex(@"MODULE\s+(\w+)")]
    private static partial Regex ModuleName();

    public static string NameOf(string text) => ModuleName().Match(text).Groups[1].Value;

    /// <summary>Checks <paramref name="root"/>; <paramref name="others"/> are put beside it as files named after their modules.</summary>
    public static SemanticResult Check(string root, params string[] others)
    {
        var fs = new MemoryFileSystem();
        foreach (var other in others)
        {
            fs.Files[$"/spec/{NameOf(other)}.tla"] = other;
        }
        var path = $"/spec/{NameOf(root)}.tla";
        fs.Files[path] = root;
        var set = new ModuleSet(TlaParser.Parse, null, fs);
        var source = set.AddFile(path);
        Assert.NotNull(source);
        var parseErrors = source.Diagnostics;
        Assert.True(parseErrors.IsEmpty, "parse errors: " + string.Join("\n", parseErrors));
        return SemanticChecker.Check(set, source);
    }

    public static string Render(SemanticResult result) =>
        string.Join("\n", result.Diagnostics.Select(Render));

    public static string Render(Diagnostic d) =>
        $"{d.Location.Line}:{d.Location.Column} {d.Code} {d.Message}";

    /// <summary>Asserts no diagnostics at all.</summary>
    public static ResolvedModule Clean(string root, params string[] others)
    {
        var result = Check(root, others);
        Assert.True(result.Diagnostics.IsEmpty, Render(result));
        Assert.NotNull(result.Module);
        return result.Module;
    }

    /// <summary>Asserts exactly one diagnostic, with this code and position (and message, when given).</summary>
    public static Diagnostic Single(string root, string code, int line, int column, string? message = null, params string[] others)
    {
        var result = Check(root, others);
        Assert.True(result.Diagnostics.Length == 1, "expected one diagnostic, got:\n" + Render(result));
        var d = result.Diagnostics[0];
        Assert.Equal($"{line}:{column} {code}", $"{d.Location.Line}:{d.Location.Column} {d.Code}");
        if (message is not null)
        {
            Assert.Equal(message, d.Message);
        }
        return d;
    }

    /// <summary>Asserts the diagnostics, rendered as <c>line:col CODE</c>, in order.</summary>
    public static void Codes(string root, string[] expected, params string[] others)
    {
        var result = Check(root, others);
        var actual = result.Diagnostics.Select(d => $"{d.Location.Line}:{d.Location.Column} {d.Code}").ToArray();
        Assert.True(expected.SequenceEqual(actual), "got:\n" + Render(result));
    }
}
