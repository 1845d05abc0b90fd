using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Specula.Agents.Checks;

/// <summary>
/// What the gates need from a TraceMap.yaml: the spec module, which events map to which action and which are
/// ignored. A tolerant reading (a map that does not parse has no facts); the full map is Specula.Traces' job.
/// </summary>
/// <param name="Spec">The <c>spec:</c> module file.</param>
/// <param name="Actions">Event → action for mapped events.</param>
/// <param name="Ignored">Events mapped to <c>ignore</c>.</param>
/// <param name="Error">Why the map could not be read, when it could not.</param>
public sealed record TraceMapFacts(string? Spec, IReadOnlyDictionary<string, string> Actions, IReadOnlySet<string> Ignored, string? Error)
{
    /// <summary>No map.</summary>
    public static TraceMapFacts Empty { get; } = new(null, new Dictionary<string, string>(), new HashSet<string>(), null);

    /// <summary>Reads the facts from a map's text.</summary>
    public static TraceMapFacts Read(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            return Empty with { Error = $"TraceMap.yaml:{ex.Start.Line}:{ex.Start.Column}: {ex.Message}" };
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return Empty;
        }
        string? spec = root.Children.TryGetValue(new YamlScalarNode("spec"), out var s) && s is YamlScalarNode specNode ? specNode.Value : null;
        var actions = new Dictionary<string, string>(StringComparer.Ordinal);
        var ignored = new HashSet<string>(StringComparer.Ordinal);
        if (root.Children.TryGetValue(new YamlScalarNode("events"), out var e) && e is YamlMappingNode events)
        {
            foreach (var (key, value) in events.Children)
            {
                var name = ((YamlScalarNode)key).Value ?? "";
                switch (value)
                {
                    case YamlScalarNode { Value: "ignore" }:
                        ignored.Add(name);
                        break;
                    case YamlScalarNode scalar when scalar.Value is { Length: > 0 } action:
                        actions[name] = action;
                        break;
                    case YamlMappingNode mapping when mapping.Children.TryGetValue(new YamlScalarNode("action"), out var a) && a is YamlScalarNode { Value: { } action }:
                        actions[name] = action;
                        break;
                }
            }
        }
        return new TraceMapFacts(spec, actions, ignored, null);
    }
}
