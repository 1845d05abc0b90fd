using System.Text.RegularExpressions;

namespace Specula.Repos;

/// <summary>
/// Masks secrets in text before it is shown, logged or written to a transcript: the exact secrets it is given,
/// plus the shapes tokens commonly take (GitHub <c>ghp_…</c>/<c>github_pat_…</c>, OpenAI-style <c>sk-…</c>,
/// <c>Bearer …</c>/<c>token …</c> authorization values, and passwords in URLs), so a secret that leaks in through
/// an exception from a library is caught too.
/// </summary>
public sealed partial class SecretRedactor
{
    /// <summary>What a secret is replaced by (the transcript format uses the same).</summary>
    public const string Mask = "***";

    // Shorter strings would mask ordinary words; real tokens are far longer.
    private const int MinimumSecretLength = 4;

    private readonly string[] _secrets;

    /// <summary>A redactor that masks the given secrets (null or short ones are ignored) and common token shapes.</summary>
    public SecretRedactor(params IEnumerable<string?> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        // Longest first, so a secret containing another is masked whole.
        _secrets = secrets.Where(s => s is { Length: >= MinimumSecretLength }).Select(s => s!).Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length).ToArray();
    }

    /// <summary>The text with every known secret and token-shaped string replaced by <see cref="Mask"/>; null stays null.</summary>
    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }
        return RedactCommon(text);
    }

    /// <summary>The text with token-shaped strings replaced by <see cref="Mask"/> (no particular secret known).</summary>
    public static string RedactCommon(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = TokenShapes().Replace(text, Mask);
        text = AuthorizationValue().Replace(text, m => m.Groups["scheme"].Value + Mask);
        return UrlPassword().Replace(text, m => m.Groups["prefix"].Value + Mask + "@");
    }

    [GeneratedRegex(@"\b(?:gh[pousr]_[A-Za-z0-9]{16,}|github_pat_[A-Za-z0-9_]{16,}|sk-[A-Za-z0-9_\-]{16,}|xox[abprs]-[A-Za-z0-9\-]{10,})")]
    private static partial Regex TokenShapes();

    // "token" is also an English word: only a long value with a digit after it counts as one.
    [GeneratedRegex(@"(?<scheme>\b(?:[Bb]earer|[Bb]asic)\s+)(?!\*\*\*)[A-Za-z0-9._~+/=\-]{8,}|(?<scheme>\b[Tt]oken\s+)(?=[A-Za-z._~+/=\-]*[0-9])[A-Za-z0-9._~+/=\-]{16,}")]
    private static partial Regex AuthorizationValue();

    [GeneratedRegex(@"(?<prefix>\b[a-zA-Z][a-zA-Z0-9+.\-]*://[^/\s:@]*:)[^/\s@]+@")]
    private static partial Regex UrlPassword();
}
