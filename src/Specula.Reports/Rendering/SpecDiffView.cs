using System.Globalization;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Specula.Reports.Rendering;

/// <summary>What a line of a diff is.</summary>
public enum DiffLineKind
{
    /// <summary>Unchanged, shown for context.</summary>
    Context,

    /// <summary>Added in the new version.</summary>
    Added,

    /// <summary>Removed from the old version.</summary>
    Removed,

    /// <summary>A hunk header, <c>@@ -a,b +c,d @@</c>.</summary>
    Hunk,
}

/// <summary>One line of a diff, without its <c>+</c>/<c>-</c>/space prefix.</summary>
public sealed record DiffLine(DiffLineKind Kind, string Text)
{
    /// <summary>The line as a unified diff prints it.</summary>
    public string Unified => Kind switch
    {
        DiffLineKind.Added => "+" + Text,
        DiffLineKind.Removed => "-" + Text,
        DiffLineKind.Hunk => Text,
        _ => " " + Text,
    };
}

/// <summary>The change to one spec file in one round, as unified-diff lines.</summary>
public sealed record SpecDiffView(string File, IReadOnlyList<DiffLine> Lines)
{
    /// <summary>Lines added.</summary>
    public int Added => Lines.Count(l => l.Kind == DiffLineKind.Added);

    /// <summary>Lines removed.</summary>
    public int Removed => Lines.Count(l => l.Kind == DiffLineKind.Removed);

    /// <summary>The diff of two versions of <paramref name="file"/> (DiffPlex), cut to hunks with <paramref name="context"/> lines around each change.</summary>
    public static SpecDiffView Compute(string file, string before, string after, int context = 3)
    {
        var model = InlineDiffBuilder.Diff(Normalize(before), Normalize(after), ignoreWhiteSpace: false);
        var pieces = model.Lines.Where(l => l.Type != ChangeType.Imaginary).ToList();
        var keep = new bool[pieces.Count];
        for (var i = 0; i < pieces.Count; i++)
        {
            if (pieces[i].Type is ChangeType.Inserted or ChangeType.Deleted)
            {
                for (var j = Math.Max(0, i - context); j <= Math.Min(pieces.Count - 1, i + context); j++)
                {
                    keep[j] = true;
                }
            }
        }
        var lines = new List<DiffLine>();
        int oldLine = 1, newLine = 1;
        for (var i = 0; i < pieces.Count;)
        {
            if (!keep[i])
            {
                Advance(pieces[i].Type, ref oldLine, ref newLine);
                i++;
                continue;
            }
            int oldStart = oldLine, newStart = newLine, oldCount = 0, newCount = 0;
            var hunk = new List<DiffLine>();
            for (; i < pieces.Count && keep[i]; i++)
            {
                var piece = pieces[i];
                switch (piece.Type)
                {
                    case ChangeType.Inserted:
                        hunk.Add(new DiffLine(DiffLineKind.Added, piece.Text ?? ""));
                        newCount++;
                        break;
                    case ChangeType.Deleted:
                        hunk.Add(new DiffLine(DiffLineKind.Removed, piece.Text ?? ""));
                        oldCount++;
                        break;
                    default:
                        hunk.Add(new DiffLine(DiffLineKind.Context, piece.Text ?? ""));
                        oldCount++;
                        newCount++;
                        break;
                }
                Advance(piece.Type, ref oldLine, ref newLine);
            }
            lines.Add(new DiffLine(DiffLineKind.Hunk, string.Create(CultureInfo.InvariantCulture, $"@@ -{oldStart},{oldCount} +{newStart},{newCount} @@")));
            lines.AddRange(hunk);
        }
        return new SpecDiffView(file, lines);
    }

    /// <summary>Reads a unified diff as the transcript's <c>specDiff</c> records carry it; file headers are skipped.</summary>
    public static SpecDiffView Parse(string file, string unifiedDiff)
    {
        ArgumentNullException.ThrowIfNull(unifiedDiff);
        var lines = new List<DiffLine>();
        foreach (var raw in Normalize(unifiedDiff).Split('\n'))
        {
            if (raw.StartsWith("+++", StringComparison.Ordinal) || raw.StartsWith("---", StringComparison.Ordinal) || raw.Length == 0)
            {
                continue;
            }
            lines.Add(raw[0] switch
            {
                '+' => new DiffLine(DiffLineKind.Added, raw[1..]),
                '-' => new DiffLine(DiffLineKind.Removed, raw[1..]),
                '@' => new DiffLine(DiffLineKind.Hunk, raw),
                ' ' => new DiffLine(DiffLineKind.Context, raw[1..]),
                _ => new DiffLine(DiffLineKind.Context, raw),
            });
        }
        return new SpecDiffView(file, lines);
    }

    private static void Advance(ChangeType type, ref int oldLine, ref int newLine)
    {
        if (type != ChangeType.Inserted)
        {
            oldLine++;
        }
        if (type != ChangeType.Deleted)
        {
            newLine++;
        }
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
}
