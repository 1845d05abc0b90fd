using System.Text.Json;
using System.Text.RegularExpressions;

namespace Specula.Reports.Model;

/// <summary>Builds redactors for <see cref="TranscriptWriter"/>: functions that replace secrets by <c>***</c> in a serialized line.</summary>
public static partial class Redactor
{
    /// <summary>What a secret is replaced by.</summary>
    public const string Mask = "***";

    /// <summary>
    /// A redactor that masks each of <paramref name="secrets"/> as it appears in JSON text (raw or JSON-escaped),
    /// and also any <c>Authorization</c> header value or <c>Bearer</c> token, known or not.
    /// </summary>
    public static Func<string, string> For(IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var forms = secrets
            .Where(s => !string.IsNullOrEmpty(s))
            .SelectMany(s => new[] { s, JsonEncodedText.Encode(s).ToString(), JsonSerializer.Serialize(s, ReportsJson.Files.String)[1..^1] })
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)
            .ToArray();
        return line =>
        {
            foreach (var form in forms)
            {
                line = line.Replace(form, Mask, StringComparison.Ordinal);
            }
            line = BearerPattern().Replace(line, "Bearer " + Mask);
            return AuthorizationPattern().Replace(line, m => m.Groups["head"].Value + Mask);
        };
    }

    [GeneratedRegex(@"Bearer\s+[A-Za-z0-9\-._~+/]+=*", RegexOptions.CultureInvariant)]
    private static partial Regex BearerPattern();

    [GeneratedRegex(@"(?<head>""authorization""\s*:\s*"")(?:[^""\\]|\\.)*(?="")", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex AuthorizationPattern();
}
