namespace Specula.Tla.Syntax;

/// <summary>A half-open range of character offsets <c>[Start, End)</c> in a <see cref="SourceText"/>.</summary>
/// <param name="Start">Offset of the first character.</param>
/// <param name="End">Offset just past the last character.</param>
public readonly record struct TextSpan(int Start, int End)
{
    /// <summary>The empty span used by nodes built by code rather than parsed (synthesized specs).</summary>
    public static TextSpan None => new(-1, -1);

    /// <summary>True for spans of nodes that came from no source.</summary>
    public bool IsNone => Start < 0;

    /// <summary>Length in characters.</summary>
    public int Length => End - Start;

    /// <summary>The smallest span covering both.</summary>
    public TextSpan Union(TextSpan other) =>
        IsNone ? other : other.IsNone ? this : new TextSpan(Math.Min(Start, other.Start), Math.Max(End, other.End));
}
