using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Specula.Traces.Mapping;

/// <summary>
/// Writes a <see cref="TraceMap"/> as canonical YAML: a fixed key order, one line per variable and event in the
/// map's order, flow style for small mappings, quotes only where YAML needs them. Reading the text back gives the
/// same map, and writing that gives the same text, so a reasoner's edits show as small diffs.
/// </summary>
public static partial class TraceMapWriter
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "null", "~", "true", "false", "yes", "no", "on", "off", "y", "n", "ignore",
    };

    /// <summary>The map as YAML text (LF line ends, ending with a newline).</summary>
    /// <param name="map">The map.</param>
    /// <returns>The text.</returns>
    public static string Write(TraceMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var sb = new StringBuilder();
        void Line(string text) => sb.Append(text).Append('\n');
        Line($"version: {map.Version.ToString(CultureInfo.InvariantCulture)}");
        Line($"spec: {Scalar(map.SpecPath)}");
        if (map.ConfigPath is not null)
        {
            Line($"config: {Scalar(map.ConfigPath)}");
        }
        if (map.NodesConstant is not null)
        {
            Line($"nodes: {Scalar(map.NodesConstant)}");
        }
        if (map.Values.ByField.Count > 0 || map.Values.Null is not null)
        {
            Line("values:");
            foreach (var (field, table) in map.Values.ByField)
            {
                Line($"  {Scalar(field)}: {{ {string.Join(", ", table.Select(t => $"{Scalar(t.Key)}: {Scalar(t.Value)}"))} }}");
            }
            if (map.Values.Null is not null)
            {
                Line($"  \"null\": {Scalar(map.Values.Null)}");
            }
        }
        if (map.Variables.Length > 0)
        {
            Line("variables:");
            foreach (var v in map.Variables)
            {
                Line(v.Per == VariableScope.Node
                    ? $"  {Scalar(v.Field)}: {Scalar(v.Variable)}"
                    : $"  {Scalar(v.Field)}: {{ variable: {Scalar(v.Variable)}, per: global }}");
            }
        }
        if (map.Unobserved.Length > 0)
        {
            Line($"unobserved: [{string.Join(", ", map.Unobserved.Select(Scalar))}]");
        }
        Line(map.Events.Count == 0 ? "events: {}" : "events:");
        foreach (var (name, ev) in map.Events)
        {
            if (ev.IsIgnored)
            {
                Line($"  {Scalar(name)}: ignore");
                continue;
            }
            var args = ev.Args.Length == 0
                ? ""
                : $", args: {{ {string.Join(", ", ev.Args.Select(a => $"{Scalar(a.Parameter)}: {Source(a.Source)}"))} }}";
            Line($"  {Scalar(name)}: {{ action: {Scalar(ev.Action!)}{args} }}");
        }
        if (map.Silent is { } silent)
        {
            Line("silent:");
            Line($"  actions: [{string.Join(", ", silent.Actions.Select(Scalar))}]");
            Line($"  bound: {silent.Bound.ToString(CultureInfo.InvariantCulture)}");
        }
        return sb.ToString();
    }

    /// <summary>Writes the map to <paramref name="path"/> (UTF-8, no BOM).</summary>
    /// <param name="map">The map.</param>
    /// <param name="path">The file.</param>
    public static void WriteFile(TraceMap map, string path) => File.WriteAllText(path, Write(map), new UTF8Encoding(false));

    private static string Source(ArgSource source) => source switch
    {
        NodeSource => "$node",
        AnySource { Domain: null } => "$any",
        AnySource a => $"{{ any: {Scalar(a.Domain!)} }}",
        FieldSource f when PlainPattern().IsMatch(f.Path) && !f.Path.StartsWith('$') && !Reserved.Contains(f.Path) => f.Path,
        FieldSource f => $"{{ field: {Scalar(f.Path)} }}",
        LiteralSource l => $"{{ literal: {Scalar(l.Text)} }}",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "Unknown argument source."),
    };

    /// <summary>A YAML scalar usable in block and flow context: plain when that reads back as the same string.</summary>
    private static string Scalar(string text)
    {
        if (PlainPattern().IsMatch(text) && !Reserved.Contains(text) && !NumberPattern().IsMatch(text))
        {
            return text;
        }
        var sb = new StringBuilder("\"");
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => sb.Append("\\\""),
                '\\' => sb.Append("\\\\"),
                '\n' => sb.Append("\\n"),
                '\r' => sb.Append("\\r"),
                '\t' => sb.Append("\\t"),
                < ' ' => sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ => sb.Append(c),
            };
        }
        return sb.Append('"').ToString();
    }

    [GeneratedRegex(@"^[A-Za-z_$][A-Za-z0-9_.$/\-]*$")]
    private static partial Regex PlainPattern();

    [GeneratedRegex(@"^[-+]?(\d|\.\d)")]
    private static partial Regex NumberPattern();
}
