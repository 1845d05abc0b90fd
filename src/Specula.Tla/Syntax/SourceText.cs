namespace Specula.Tla.Syntax;

/// <summary>The text of one source file, with a line index for mapping offsets to line and column.</summary>
public sealed class SourceText
{
    private readonly int[] _lineStarts;

    /// <summary>Creates a source text from its path (for messages) and content.</summary>
    public SourceText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        Path = path;
        Text = text;
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }
        _lineStarts = [.. starts];
    }

    /// <summary>The file path as given by the user; used in diagnostics.</summary>
    public string Path { get; }

    /// <summary>The full content.</summary>
    public string Text { get; }

    /// <summary>Number of lines.</summary>
    public int LineCount => _lineStarts.Length;

    /// <summary>Maps a character offset to a 1-based line and column.</summary>
    public (int Line, int Column) GetLineColumn(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var index = Array.BinarySearch(_lineStarts, offset);
        if (index < 0)
        {
            index = ~index - 1;
        }
        return (index + 1, offset - _lineStarts[index] + 1);
    }

    /// <summary>Maps a span to a location for diagnostics; spans of synthesized nodes map to line 1, column 1.</summary>
    public Diagnostics.SourceLocation Locate(TextSpan span)
    {
        if (span.IsNone)
        {
            return new Diagnostics.SourceLocation(Path, 1, 1, 1, 1);
        }
        var (line, column) = GetLineColumn(span.Start);
        var (endLine, endColumn) = GetLineColumn(Math.Max(span.Start, span.End));
        return new Diagnostics.SourceLocation(Path, line, column, endLine, endColumn);
    }

    /// <summary>Returns the 0-based column of an offset (for layout-sensitive parsing).</summary>
    public int GetColumn(int offset) => GetLineColumn(offset).Column - 1;

    /// <summary>Returns the text of a 1-based line without its line break.</summary>
    public string GetLine(int line)
    {
        if (line < 1 || line > _lineStarts.Length)
        {
            return string.Empty;
        }
        var start = _lineStarts[line - 1];
        var end = line < _lineStarts.Length ? _lineStarts[line] : Text.Length;
        return Text[start..end].TrimEnd('\r', '\n');
    }
}
