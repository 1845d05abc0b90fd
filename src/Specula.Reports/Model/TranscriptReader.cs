using System.Text;
using System.Text.Json;

namespace Specula.Reports.Model;

/// <summary>How bad a problem in a transcript is.</summary>
public enum TranscriptSeverity
{
    /// <summary>The line is lost but the rest is fine (a killed run's last line).</summary>
    Warning,

    /// <summary>The line or the file is broken.</summary>
    Error,
}

/// <summary>A problem with one line of a transcript (line 0: the file itself).</summary>
/// <param name="Code">Stable code: RPT1001 truncated last line, RPT1002 broken line, RPT1003 unknown schema, RPT1004 missing or unreadable file.</param>
/// <param name="Severity">Warning or error.</param>
/// <param name="Path">The transcript.</param>
/// <param name="Line">1-based line number; 0 for the whole file.</param>
/// <param name="Message">What is wrong.</param>
public sealed record TranscriptDiagnostic(string Code, TranscriptSeverity Severity, string Path, int Line, string Message)
{
    /// <inheritdoc/>
    public override string ToString()
        => $"{Path}:{Line}: {(Severity == TranscriptSeverity.Warning ? "warning" : "error")} {Code}: {Message}";
}

/// <summary>The records of a transcript that could be read, and what was wrong with the others.</summary>
public sealed record TranscriptReadResult(IReadOnlyList<TranscriptRecord> Records, IReadOnlyList<TranscriptDiagnostic> Diagnostics)
{
    /// <summary>Whether the file itself could not be read (nothing in <see cref="Records"/> then).</summary>
    public bool FileMissing => Diagnostics.Any(d => d.Code == TranscriptReader.MissingCode);

    /// <summary>The highest sequence number read; 0 when there is none.</summary>
    public long LastSeq => Records.Count == 0 ? 0 : Records.Max(r => r.Seq);
}

/// <summary>Reads transcript.jsonl, keeping every readable record: a broken line costs that line only.</summary>
public static class TranscriptReader
{
    /// <summary>The last line was cut off, as a killed run leaves it.</summary>
    public const string TruncatedCode = "RPT1001";

    /// <summary>A line is not a transcript record.</summary>
    public const string BrokenCode = "RPT1002";

    /// <summary>A record carries a schema this version does not read.</summary>
    public const string UnknownSchemaCode = "RPT1003";

    /// <summary>The transcript is missing or cannot be read.</summary>
    public const string MissingCode = "RPT1004";

    /// <summary>Reads the transcript at <paramref name="path"/>.</summary>
    public static TranscriptReadResult Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var message = ex is FileNotFoundException or DirectoryNotFoundException ? "no such file" : ex.Message;
            return new([], [new TranscriptDiagnostic(MissingCode, TranscriptSeverity.Error, path, 0, message)]);
        }
        return Parse(text, path);
    }

    /// <summary>Reads transcript text; <paramref name="path"/> only names it in diagnostics.</summary>
    public static TranscriptReadResult Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = new List<TranscriptRecord>();
        var diagnostics = new List<TranscriptDiagnostic>();
        var lines = text.Split('\n');
        var endsWithNewline = text.EndsWith('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }
            var lineNumber = i + 1;
            var isLast = i == lines.Length - 1;
            try
            {
                var schema = SchemaProbe.Read(line);
                if (schema != TranscriptRecord.SchemaV1)
                {
                    diagnostics.Add(new(UnknownSchemaCode, TranscriptSeverity.Error, path, lineNumber,
                        $"schema '{schema ?? "(none)"}' is not known; this version reads '{TranscriptRecord.SchemaV1}'."));
                    continue;
                }
                var record = JsonSerializer.Deserialize(line, ReportsJsonContext.Default.TranscriptRecord);
                if (record is null || record.Data.ValueKind != JsonValueKind.Object || record.Phase is null)
                {
                    diagnostics.Add(new(BrokenCode, TranscriptSeverity.Error, path, lineNumber, "not a transcript record."));
                    continue;
                }
                records.Add(record);
            }
            catch (JsonException ex)
            {
                diagnostics.Add(isLast && !endsWithNewline
                    ? new(TruncatedCode, TranscriptSeverity.Warning, path, lineNumber, "the last line is cut off (was the run killed?); it is left out.")
                    : new(BrokenCode, TranscriptSeverity.Error, path, lineNumber, $"not a transcript record: {ex.Message}"));
            }
        }
        return new(records, diagnostics);
    }
}
