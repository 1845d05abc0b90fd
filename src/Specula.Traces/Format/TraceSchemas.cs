using System.Text.Json;
using Json.Schema;

namespace Specula.Traces.Format;

/// <summary>
/// The published JSON Schemas of the trace format, carried in the assembly so that tools check traces without the
/// repository at hand. The texts are the files under <c>schemas/</c> byte for byte (a test keeps them equal).
/// </summary>
public static class TraceSchemas
{
    /// <summary><c>schemas/trace-event-v1.schema.json</c>: one trace line.</summary>
    public const string EventV1 = """
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://specula.dev/schemas/trace-event-v1.schema.json",
  "title": "Specula trace event, version 1",
  "description": "One line of a trace (*.ndjson): a step a node took and what it observed after it. Lines without \"tag\":\"trace\" are the program's own output and are not trace events.",
  "type": "object",
  "required": ["tag", "v", "seq", "node", "event"],
  "properties": {
    "tag": { "const": "trace", "description": "Marks the line as a trace event." },
    "v": { "const": 1, "description": "Format version." },
    "seq": { "type": "integer", "minimum": 0, "description": "Per-node sequence number, strictly increasing per node." },
    "node": { "type": "string", "minLength": 1, "description": "The node that took the step (\"env\" for the environment: faults, the driver)." },
    "event": { "type": "string", "minLength": 1, "description": "The event kind." },
    "args": { "type": "object", "description": "The event's parameters (default {})." },
    "state": { "type": "object", "description": "The node's observed variables after the event (default {})." },
    "clock": {
      "type": "object",
      "description": "Vector clock: node to counter. A node's own entry never goes back.",
      "additionalProperties": { "type": "integer", "minimum": 0 }
    }
  }
}
""";

    /// <summary><c>schemas/trace-meta-v1.schema.json</c>: a trace's <c>.meta.json</c>.</summary>
    public const string MetaV1 = """
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://specula.dev/schemas/trace-meta-v1.schema.json",
  "title": "Specula trace metadata, version 1",
  "description": "<name>.meta.json beside <name>.ndjson: where a trace comes from. Writers may add fields (the sandboxes add run status and sizes); readers ignore the ones they do not know.",
  "type": "object",
  "required": ["schema"],
  "properties": {
    "schema": { "const": "specula.trace-meta/v1" },
    "system": { "type": "string" },
    "commit": { "type": "string" },
    "workload": { "type": "string" },
    "seed": { "type": "integer" },
    "faults": { "type": "array", "items": { "type": "string" } },
    "nodes": { "type": "array", "items": { "type": "string" } },
    "startTime": { "type": "string", "format": "date-time" },
    "start_time": { "type": "string", "format": "date-time", "description": "Accepted spelling of startTime (written by the sandboxes)." }
  }
}
""";

    private static readonly Lazy<JsonSchema> EventSchema = new(() => Build(EventV1));
    private static readonly Lazy<JsonSchema> MetaSchema = new(() => Build(MetaV1));

    /// <summary>Evaluates one trace line against the event schema.</summary>
    /// <param name="line">The line's JSON.</param>
    /// <returns>Each violation as a JSON path (<c>$.clock.n1</c>) and a message; empty when the line is valid.</returns>
    public static IReadOnlyList<(string JsonPath, string Message)> Validate(JsonElement line) => Evaluate(EventSchema.Value, line);

    /// <summary>Evaluates a meta file's JSON against the meta schema.</summary>
    /// <param name="meta">The file's JSON.</param>
    /// <returns>Each violation as a JSON path and a message; empty when valid.</returns>
    public static IReadOnlyList<(string JsonPath, string Message)> ValidateMeta(JsonElement meta) => Evaluate(MetaSchema.Value, meta);

    private static JsonSchema Build(string text) =>
        JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    private static (string, string)[] Evaluate(JsonSchema schema, JsonElement instance)
    {
        var results = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }
        var problems = new List<(string, string)>();
        foreach (var detail in results.Details ?? [])
        {
            if (detail.Errors is null)
            {
                continue;
            }
            var path = "$" + string.Concat(detail.InstanceLocation.ToString().Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => "." + s));
            foreach (var (keyword, message) in detail.Errors)
            {
                problems.Add((path, $"{keyword}: {message}"));
            }
        }
        return [.. problems.Distinct()];
    }
}
