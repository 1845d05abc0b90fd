using System.Text.Json;

namespace Specula.Traces.Format;

/// <summary>What reading a <c>.meta.json</c> gave.</summary>
/// <param name="Meta">The metadata; null when there is any diagnostic.</param>
/// <param name="Diagnostics">Every problem found.</param>
public sealed record TraceMetaResult(TraceMeta? Meta, IReadOnlyList<TraceDiagnostic> Diagnostics);

/// <summary>Reads <c>&lt;name&gt;.meta.json</c> (schema <c>specula.trace-meta/v1</c>). Unknown fields are ignored:
/// the sandboxes add run status and sizes. Both <c>startTime</c> and the sandboxes' <c>start_time</c> are read.</summary>
public static class TraceMetaReader
{
    /// <summary>The schema name this reader knows.</summary>
    public const string SchemaName = "specula.trace-meta/v1";

    /// <summary>Reads the meta file at <paramref name="path"/>.</summary>
    /// <param name="path">The <c>.meta.json</c> file.</param>
    /// <param name="strict">Also check the file against <c>schemas/trace-meta-v1.schema.json</c>.</param>
    /// <returns>The metadata, or the problems found.</returns>
    public static TraceMetaResult ReadFile(string path, bool strict = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail(TraceCodes.Unreadable, $"Cannot read the meta file: {ex.Message}", path, 0, 1, null);
        }
        return Read(bytes, path, strict);
    }

    /// <summary>Reads meta JSON from bytes.</summary>
    /// <param name="utf8">The file's content.</param>
    /// <param name="path">The name to report against.</param>
    /// <param name="strict">Also check the JSON against <c>schemas/trace-meta-v1.schema.json</c>.</param>
    /// <returns>The metadata, or the problems found.</returns>
    public static TraceMetaResult Read(ReadOnlyMemory<byte> utf8, string path, bool strict = false)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(utf8);
        }
        catch (JsonException ex)
        {
            return Fail(TraceCodes.BadMeta, $"Not valid JSON: {ex.Message}", path, (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1, null);
        }
        using (doc)
        {
            var root = doc.RootElement;
            var problems = new List<TraceDiagnostic>();
            void Bad(string code, string message, string field) => problems.Add(new TraceDiagnostic(code, message, path, 1, 1, "$." + field));
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Fail(TraceCodes.BadMeta, "The meta file must hold a JSON object.", path, 1, 1, "$");
            }
            if (!root.TryGetProperty("schema", out var schema) || schema.ValueKind != JsonValueKind.String)
            {
                Bad(TraceCodes.BadMeta, $"Missing 'schema' (\"{SchemaName}\").", "schema");
            }
            else if (schema.GetString() != SchemaName)
            {
                Bad(TraceCodes.UnknownVersion, $"Meta schema '{schema.GetString()}' is not supported; this reader knows {SchemaName}.", "schema");
            }
            string? Str(string field)
            {
                if (!root.TryGetProperty(field, out var el) || el.ValueKind == JsonValueKind.Null)
                {
                    return null;
                }
                if (el.ValueKind != JsonValueKind.String)
                {
                    Bad(TraceCodes.BadMeta, $"'{field}' must be a string.", field);
                    return null;
                }
                return el.GetString();
            }
            IReadOnlyList<string> List(string field)
            {
                if (!root.TryGetProperty(field, out var el) || el.ValueKind == JsonValueKind.Null)
                {
                    return [];
                }
                if (el.ValueKind != JsonValueKind.Array || el.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String))
                {
                    Bad(TraceCodes.BadMeta, $"'{field}' must be an array of strings.", field);
                    return [];
                }
                return el.EnumerateArray().Select(x => x.GetString()!).ToArray();
            }
            long? seed = null;
            if (root.TryGetProperty("seed", out var seedEl) && seedEl.ValueKind != JsonValueKind.Null)
            {
                if (seedEl.ValueKind == JsonValueKind.Number && seedEl.TryGetInt64(out var s))
                {
                    seed = s;
                }
                else
                {
                    Bad(TraceCodes.BadMeta, "'seed' must be an integer.", "seed");
                }
            }
            var startField = root.TryGetProperty("startTime", out _) ? "startTime" : "start_time";
            DateTimeOffset? start = null;
            if (Str(startField) is { } text)
            {
                if (DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var t))
                {
                    start = t;
                }
                else
                {
                    Bad(TraceCodes.BadMeta, $"'{startField}' must be a date-time (ISO 8601).", startField);
                }
            }
            if (strict && problems.Count == 0)
            {
                foreach (var (jsonPath, message) in TraceSchemas.ValidateMeta(root))
                {
                    problems.Add(new TraceDiagnostic(TraceCodes.SchemaViolation, $"Schema: {message}", path, 1, 1, jsonPath));
                }
            }
            var meta = new TraceMeta(SchemaName, Str("system"), Str("commit"), Str("workload"), seed, List("faults"), List("nodes"), start);
            return problems.Count > 0 ? new TraceMetaResult(null, problems) : new TraceMetaResult(meta, []);
        }
    }

    private static TraceMetaResult Fail(string code, string message, string path, int line, int column, string? jsonPath) =>
        new(null, [new TraceDiagnostic(code, message, path, line, column, jsonPath)]);
}
