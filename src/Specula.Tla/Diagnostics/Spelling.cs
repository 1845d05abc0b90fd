namespace Specula.Tla.Diagnostics;

/// <summary>Edit distance for "did you mean" suggestions in diagnostics.</summary>
public static class Spelling
{
    /// <summary>
    /// The Levenshtein distance between <paramref name="a"/> and <paramref name="b"/>; once every entry of a row
    /// exceeds <paramref name="limit"/> the search stops and returns <c>limit + 1</c>.
    /// </summary>
    public static int Distance(string a, string b, bool ignoreCase = false, int limit = int.MaxValue - 1)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var same = ignoreCase
                    ? char.ToUpperInvariant(a[i - 1]) == char.ToUpperInvariant(b[j - 1])
                    : a[i - 1] == b[j - 1];
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (same ? 0 : 1));
                rowMin = Math.Min(rowMin, current[j]);
            }
            if (rowMin > limit)
            {
                return limit + 1;
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
