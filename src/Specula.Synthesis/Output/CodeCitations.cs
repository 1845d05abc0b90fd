namespace Specula.Synthesis;

/// <summary>Finds where each event is emitted in the system's sources: the first line (by path, then line) that
/// holds the event's name as a quoted string.</summary>
internal static class CodeCitations
{
    private static readonly HashSet<string> SourceExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".go", ".py", ".cs", ".rs", ".java", ".c", ".h", ".cc", ".cpp", ".ts", ".js", ".kt", ".scala",
    };

    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { ".git", "bin", "obj", "node_modules", "runs", "vendor", "traces" };

    public static SortedDictionary<string, string> Find(string? repo, IEnumerable<string> events)
    {
        var found = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (repo is null || !Directory.Exists(repo))
        {
            return found;
        }
        var wanted = events.Distinct(StringComparer.Ordinal).ToList();
        var root = Path.GetFullPath(repo);
        foreach (var file in Files(root).Order(StringComparer.Ordinal))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length && found.Count < wanted.Count; i++)
            {
                foreach (var e in wanted.Where(e => !found.ContainsKey(e)))
                {
                    if (lines[i].Contains($"\"{e}\"", StringComparison.Ordinal))
                    {
                        found[e] = $"{Path.GetRelativePath(root, file).Replace('\\', '/')}:{i + 1}";
                    }
                }
            }
        }
        return found;
    }

    private static IEnumerable<string> Files(string dir)
    {
        foreach (var f in Directory.EnumerateFiles(dir).Where(f => SourceExtensions.Contains(Path.GetExtension(f))))
        {
            yield return f;
        }
        foreach (var sub in Directory.EnumerateDirectories(dir).Where(d => !Skipped.Contains(Path.GetFileName(d))))
        {
            foreach (var f in Files(sub))
            {
                yield return f;
            }
        }
    }
}
