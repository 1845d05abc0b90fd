using System.Globalization;
using System.Text.RegularExpressions;

namespace Specula.Cli.Benchmarks;

/// <summary>
/// Where a check ended, read from its text output, which is TLC's for both engines: the distinct states found and the
/// depth of the search. For a trace spec they say how far the log matched, so equal stop points mean the two engines
/// gave up on the same line of the log.
/// </summary>
/// <param name="Distinct">Distinct states found; null when the output has no final statistics.</param>
/// <param name="Depth">Depth of the complete state graph search; null when not printed.</param>
internal sealed partial record StopPoint(long? Distinct, long? Depth)
{
    /// <summary>The last final-statistics lines of <paramref name="output"/> (progress reports are skipped).</summary>
    public static StopPoint Of(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        long? distinct = null, depth = null;
        foreach (var line in output.Split('\n'))
        {
            if (StatisticsLine().Match(line) is { Success: true } statistics)
            {
                distinct = Number(statistics.Groups[1].Value);
            }
            else if (DepthLine().Match(line) is { Success: true } match)
            {
                depth = Number(match.Groups[1].Value);
            }
        }
        return new StopPoint(distinct, depth);
    }

    /// <summary>The first line that reports an error, to say why a run gave no verdict; null when none does.</summary>
    public static string? FirstError(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l =>
            l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Cannot find", StringComparison.Ordinal)
            || l.Contains("Exception", StringComparison.Ordinal));
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Distinct?.ToString(CultureInfo.InvariantCulture) ?? "?"} distinct, depth {Depth?.ToString(CultureInfo.InvariantCulture) ?? "?"}";

    private static long Number(string text) => long.Parse(text.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\s*[\d,]+ states generated, ([\d,]+) distinct states found")]
    private static partial Regex StatisticsLine();

    [GeneratedRegex(@"^\s*The depth of the complete state graph search is ([\d,]+)")]
    private static partial Regex DepthLine();
}
