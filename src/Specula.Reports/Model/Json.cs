using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Specula.Reports.Model;

/// <summary>
/// Source-generated serialization for every format Specula.Reports owns: camelCase, enums as camelCase strings,
/// times as UTC with milliseconds (<c>2026-11-27T09:10:00.123Z</c>), nulls left out.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    Converters = [typeof(UtcMillisecondsConverter)])]
[JsonSerializable(typeof(TranscriptRecord))]
[JsonSerializable(typeof(RunStartedData))]
[JsonSerializable(typeof(PhaseStartedData))]
[JsonSerializable(typeof(PhaseEndedData))]
[JsonSerializable(typeof(MessageData))]
[JsonSerializable(typeof(ToolCallData))]
[JsonSerializable(typeof(ToolResultData))]
[JsonSerializable(typeof(CheckData))]
[JsonSerializable(typeof(ValidateDetails))]
[JsonSerializable(typeof(SpecDiffData))]
[JsonSerializable(typeof(DecisionData))]
[JsonSerializable(typeof(CostTotals))]
[JsonSerializable(typeof(RunEndedData))]
[JsonSerializable(typeof(RunReport))]
[JsonSerializable(typeof(RunState))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonObject))]
public sealed partial class ReportsJsonContext : JsonSerializerContext;

/// <summary>The serialization contexts files are written with (a class apart, so they initialize after <see cref="ReportsJsonContext.Default"/>).</summary>
public static class ReportsJson
{
    /// <summary>
    /// For lines and files: escapes only what JSON requires, so a secret appears in the text as it is (and a
    /// redactor can find it), and <c>&lt;</c> stays readable.
    /// </summary>
    public static ReportsJsonContext Files { get; } = new(new JsonSerializerOptions(ReportsJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>Like <see cref="Files"/>, indented: for report.json and run.json, which people open.</summary>
    public static ReportsJsonContext Indented { get; } = new(new JsonSerializerOptions(Files.Options)
    {
        WriteIndented = true,
    });
}

/// <summary>Reads only the version field of a file, before the rest, so an unknown version gets a clear error.</summary>
internal static class SchemaProbe
{
    /// <summary>The <c>schema</c> string of a JSON object; null when missing. Throws <see cref="JsonException"/> on broken JSON.</summary>
    public static string? Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("schema", out var schema)
            && schema.ValueKind == JsonValueKind.String
                ? schema.GetString()
                : null;
    }
}

/// <summary>Writes times as UTC with milliseconds, as docs/formats.md shows them; reads any ISO 8601 time.</summary>
internal sealed class UtcMillisecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is null || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            throw new JsonException($"'{text}' is not an ISO 8601 time.");
        }
        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
        => writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
}
