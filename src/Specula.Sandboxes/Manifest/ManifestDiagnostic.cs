namespace Specula.Sandboxes.Manifest;

/// <summary>A problem in a <c>specula.yaml</c>, with a stable code and a 1-based position.</summary>
/// <param name="Code">Stable code, <c>SPY001</c>…</param>
/// <param name="Message">What is wrong.</param>
/// <param name="File">The manifest's path.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Fix">A suggested fix, when there is one.</param>
public sealed record ManifestDiagnostic(string Code, string Message, string File, int Line, int Column, string? Fix = null)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}:{Column}: error {Code}: {Message}" + (Fix is null ? "" : $" ({Fix})");
}

/// <summary>Stable codes of manifest diagnostics.</summary>
public static class ManifestCodes
{
    /// <summary>The file is not valid YAML (or could not be read).</summary>
    public const string Syntax = "SPY001";

    /// <summary>A required key is missing.</summary>
    public const string Missing = "SPY002";

    /// <summary>A key is not part of the format.</summary>
    public const string UnknownKey = "SPY003";

    /// <summary>A value has the wrong shape (mapping, list or scalar).</summary>
    public const string WrongShape = "SPY004";

    /// <summary>A value is out of range or malformed.</summary>
    public const string InvalidValue = "SPY005";

    /// <summary>Two workloads share a name.</summary>
    public const string Duplicate = "SPY006";

    /// <summary>The format version is not supported.</summary>
    public const string Version = "SPY007";
}

/// <summary>The result of loading a manifest: the manifest, or every problem found.</summary>
/// <param name="Manifest">The manifest, when there were no diagnostics.</param>
/// <param name="Diagnostics">Every problem, in file order.</param>
public sealed record ManifestResult(HarnessManifest? Manifest, IReadOnlyList<ManifestDiagnostic> Diagnostics)
{
    /// <summary>True when the manifest is valid.</summary>
    public bool IsSuccess => Manifest is not null && Diagnostics.Count == 0;
}
