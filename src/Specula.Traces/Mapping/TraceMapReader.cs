using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Specula.Tla.Diagnostics;
using Specula.Traces.Format;
using YamlDotNet.Core.Events;
using YamlDotNet.Core;

namespace Specula.Traces.Mapping;

/// <summary>
/// Reads <c>TraceMap.yaml</c> (docs/formats.md "Trace map") and reports every problem at once, each at the line and
/// column of the YAML node at fault. Reads YAML events rather than a deserialized object so that positions survive
/// and duplicate keys are seen (a deserializer keeps the last one silently). Checks that need the spec (does the
/// action exist, is every variable covered) belong to the validator, which has the spec loaded.
/// </summary>
public static partial class TraceMapReader
{
    private static readonly string[] TopKeys = ["version", "spec", "config", "nodes", "values", "variables", "unobserved", "events", "silent"];
    private static readonly string[] VariableKeys = ["variable", "per"];
    private static readonly string[] EventKeys = ["action", "args"];
    private static readonly string[] SilentKeys = ["actions", "bound"];
    private static readonly string[] ArgKeys = ["field", "any", "literal"];
    private static readonly string[] ArgWords = ["$node", "$any"];

    /// <summary>Reads the map at <paramref name="path"/>.</summary>
    /// <param name="path">The <c>TraceMap.yaml</c> file.</param>
    /// <returns>The map, or every problem found.</returns>
    public static TraceMapResult ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new TraceMapResult(null, [new TraceMapDiagnostic(TraceMapCodes.Unreadable, $"Cannot read the trace map: {ex.Message}", path, 0, 1)]);
        }
        return Read(text, path);
    }

    /// <summary>Reads a map from YAML text.</summary>
    /// <param name="yaml">The map's text.</param>
    /// <param name="path">The file to report against and resolve relative paths from.</param>
    /// <returns>The map, or every problem found.</returns>
    public static TraceMapResult Read(string yaml, string path)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(path);
        var ctx = new Context(path);
        YNode? root;
        try
        {
            root = YNode.Parse(yaml, ctx);
        }
        catch (YamlException ex)
        {
            ctx.Report(TraceMapCodes.BadYaml, $"Not valid YAML: {ex.Message}", new Pos(ex.Start.Line, ex.Start.Column));
            return new TraceMapResult(null, ctx.Diagnostics);
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner fails this way on some unterminated flow collections; the last good event is the
            // best position there is.
            ctx.Report(TraceMapCodes.BadYaml, $"Not valid YAML after line {ctx.LastGood.Line}: {ex.Message}", ctx.LastGood);
            return new TraceMapResult(null, ctx.Diagnostics);
        }
        if (root is not YMap top)
        {
            ctx.Report(TraceMapCodes.WrongType, "A trace map is a YAML mapping (version, spec, variables, events, ...).", root?.Pos ?? new Pos(1, 1));
            return new TraceMapResult(null, ctx.Diagnostics);
        }
        var map = ReadTop(top, ctx);
        return ctx.Diagnostics.Count > 0 || map is null
            ? new TraceMapResult(null, ctx.Diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Column).ToArray())
            : new TraceMapResult(map, []);
    }

    private static TraceMap? ReadTop(YMap top, Context ctx)
    {
        var fields = ctx.Fields(top, TopKeys, "the trace map");
        int? version = null;
        if (!fields.TryGetValue("version", out var v))
        {
            ctx.Report(TraceMapCodes.MissingKey, "Missing 'version' (the map format version, 1).", top.Pos);
        }
        else if (ctx.Scalar(v, "version") is { } vs)
        {
            if (!int.TryParse(vs.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                ctx.Report(TraceMapCodes.WrongType, $"'version' must be an integer, not '{vs.Value}'.", vs.Pos);
            }
            else if (n != TraceMap.CurrentVersion)
            {
                ctx.Report(TraceMapCodes.UnknownVersion, $"Trace map version {n} is not supported; this reader knows version {TraceMap.CurrentVersion}.", vs.Pos);
            }
            else
            {
                version = n;
            }
        }
        string? spec = null;
        if (!fields.TryGetValue("spec", out var specNode))
        {
            ctx.Report(TraceMapCodes.MissingKey, "Missing 'spec' (the spec module's file, relative to the map).", top.Pos);
        }
        else if (ctx.Scalar(specNode, "spec") is { } s)
        {
            spec = NonEmpty(s, "spec", ctx);
            ctx.At("spec", s);
        }
        string? config = null;
        if (fields.TryGetValue("config", out var configNode) && ctx.Scalar(configNode, "config") is { } c && !c.IsNull)
        {
            config = c.Value;
            ctx.At("config", c);
        }
        string? nodes = null;
        if (fields.TryGetValue("nodes", out var nodesNode) && ctx.Scalar(nodesNode, "nodes") is { } ns && !ns.IsNull)
        {
            nodes = Identifier(ns, "the nodes constant", ctx);
            ctx.At("nodes", ns);
        }
        var values = fields.TryGetValue("values", out var valuesNode) ? ReadValues(valuesNode, ctx) : ValueTranslations.None;
        var variables = fields.TryGetValue("variables", out var varsNode) ? ReadVariables(varsNode, ctx) : [];
        var unobserved = fields.TryGetValue("unobserved", out var unNode) ? ReadNames(unNode, "unobserved", "a variable", ctx) : [];
        foreach (var (name, pos) in unobserved)
        {
            if (variables.Any(m => m.Mapping.Variable == name))
            {
                ctx.Report(TraceMapCodes.ObservedAndUnobserved,
                    $"Variable '{name}' is listed as unobserved but field '{variables.First(m => m.Mapping.Variable == name).Mapping.Field}' observes it.", pos);
            }
        }
        IReadOnlyDictionary<string, EventMapping> events = ImmutableDictionary<string, EventMapping>.Empty;
        if (!fields.TryGetValue("events", out var eventsNode))
        {
            ctx.Report(TraceMapCodes.MissingKey, "Missing 'events' (what each logged event kind means in the spec).", top.Pos);
        }
        else
        {
            events = ReadEvents(eventsNode, ctx);
        }
        var silent = fields.TryGetValue("silent", out var silentNode) ? ReadSilent(silentNode, ctx) : null;
        if (version is null || spec is null)
        {
            return null;
        }
        return new TraceMap(version.Value, spec, config, nodes, values, [.. variables.Select(m => m.Mapping)], [.. unobserved.Select(u => u.Name)],
            events, silent)
        {
            SourcePath = ctx.File,
            Positions = ctx.Positions.ToImmutableDictionary(),
        };
    }

    private static ValueTranslations ReadValues(YNode node, Context ctx)
    {
        if (ctx.Mapping(node, "values") is not { } map)
        {
            return ValueTranslations.None;
        }
        string? nullName = null;
        var byField = new List<KeyValuePair<string, IReadOnlyDictionary<string, string>>>();
        foreach (var (key, value) in map.Entries)
        {
            if (key.Value is "null" or "~")
            {
                if (ctx.Scalar(value, "values.null") is { } n)
                {
                    nullName = Identifier(n, "the constant null becomes", ctx);
                    ctx.At("values.null", n);
                }
                continue;
            }
            if (ctx.Mapping(value, $"values.{key.Value}", "a mapping of JSON string to constant name") is not { } table)
            {
                continue;
            }
            var entries = new List<KeyValuePair<string, string>>();
            foreach (var (json, target) in table.Entries)
            {
                if (ctx.Scalar(target, $"values.{key.Value}.{json.Value}") is { } t && Identifier(t, "a constant or model value", ctx) is { } name)
                {
                    entries.Add(new(json.Value, name));
                    ctx.At($"values.{key.Value}.{json.Value}", t);
                }
            }
            byField.Add(new(key.Value, new OrderedFields<string>([.. entries])));
        }
        return new ValueTranslations(new OrderedFields<IReadOnlyDictionary<string, string>>([.. byField]), nullName);
    }

    private static List<(VariableMapping Mapping, Pos Pos)> ReadVariables(YNode node, Context ctx)
    {
        var result = new List<(VariableMapping, Pos)>();
        if (ctx.Mapping(node, "variables") is not { } map)
        {
            return result;
        }
        foreach (var (field, value) in map.Entries)
        {
            string? variable = null;
            var per = VariableScope.Node;
            if (value is YScalar s)
            {
                variable = Identifier(s, "a spec variable", ctx);
            }
            else if (ctx.Mapping(value, $"variables.{field.Value}", "a variable name or { variable, per }") is { } m)
            {
                var fields = ctx.Fields(m, VariableKeys, $"variable '{field.Value}'");
                if (!fields.TryGetValue("variable", out var vn))
                {
                    ctx.Report(TraceMapCodes.MissingKey, $"Missing 'variable' in the mapping of field '{field.Value}'.", m.Pos);
                }
                else if (ctx.Scalar(vn, "variable") is { } vs)
                {
                    variable = Identifier(vs, "a spec variable", ctx);
                }
                if (fields.TryGetValue("per", out var pn) && ctx.Scalar(pn, "per") is { } ps)
                {
                    switch (ps.Value)
                    {
                        case "node":
                            per = VariableScope.Node;
                            break;
                        case "global":
                            per = VariableScope.Global;
                            break;
                        default:
                            ctx.Report(TraceMapCodes.BadScope, $"'per' is 'node' or 'global', not '{ps.Value}'.", ps.Pos, Suggest(ps.Value, ["node", "global"]));
                            break;
                    }
                }
            }
            if (variable is null)
            {
                continue;
            }
            if (result.FirstOrDefault(r => r.Item1.Variable == variable) is { Item1: not null } other)
            {
                ctx.Report(TraceMapCodes.VariableMappedTwice, $"Variable '{variable}' is already observed by field '{other.Item1.Field}'.", field.Pos);
                continue;
            }
            result.Add((new VariableMapping(field.Value, variable, per), field.Pos));
            ctx.At($"variables.{field.Value}", field);
        }
        return result;
    }

    private static List<(string Name, Pos Pos)> ReadNames(YNode node, string key, string what, Context ctx)
    {
        var result = new List<(string, Pos)>();
        if (node is YScalar { IsNull: true })
        {
            return result;
        }
        if (node is not YSeq seq)
        {
            ctx.Report(TraceMapCodes.WrongType, $"'{key}' must be a list of names, e.g. [a, b].", node.Pos);
            return result;
        }
        foreach (var item in seq.Items)
        {
            if (ctx.Scalar(item, key) is not { } s || Identifier(s, what, ctx) is not { } name)
            {
                continue;
            }
            if (result.Any(r => r.Item1 == name))
            {
                ctx.Report(TraceMapCodes.DuplicateName, $"'{name}' is listed twice in '{key}'.", s.Pos);
                continue;
            }
            result.Add((name, s.Pos));
            ctx.At($"{key}.{name}", s);
        }
        return result;
    }

    private static OrderedFields<EventMapping> ReadEvents(YNode node, Context ctx)
    {
        var result = new List<KeyValuePair<string, EventMapping>>();
        if (ctx.Mapping(node, "events") is not { } map)
        {
            return OrderedFields<EventMapping>.Empty;
        }
        foreach (var (ev, value) in map.Entries)
        {
            EventMapping? mapping = null;
            if (value is YScalar s)
            {
                if (s.IsNull || s.Value.Length == 0)
                {
                    ctx.Report(TraceMapCodes.EventMappedToNothing,
                        $"Event '{ev.Value}' is mapped to nothing: give an action ({{ action: A, args: {{...}} }}) or 'ignore'.", ev.Pos);
                }
                else if (s.Value == "ignore")
                {
                    mapping = EventMapping.Ignore(ev.Value);
                }
                else if (Identifier(s, "an action (or 'ignore')", ctx) is { } action)
                {
                    mapping = new EventMapping(ev.Value, action, []);
                }
            }
            else if (ctx.Mapping(value, $"events.{ev.Value}", "an action mapping { action, args } or 'ignore'") is { } m)
            {
                var fields = ctx.Fields(m, EventKeys, $"event '{ev.Value}'");
                string? action = null;
                if (!fields.TryGetValue("action", out var an) || an is YScalar { IsNull: true })
                {
                    ctx.Report(TraceMapCodes.EventMappedToNothing, $"Event '{ev.Value}' is mapped to nothing: its mapping has no 'action'.", m.Pos);
                }
                else if (ctx.Scalar(an, "action") is { } a)
                {
                    action = Identifier(a, "an action", ctx);
                }
                var args = fields.TryGetValue("args", out var argsNode) ? ReadArgs(ev.Value, argsNode, ctx) : [];
                if (action is not null)
                {
                    mapping = new EventMapping(ev.Value, action, args);
                }
            }
            if (mapping is not null)
            {
                result.Add(new(ev.Value, mapping));
                ctx.At($"events.{ev.Value}", ev);
            }
        }
        return new OrderedFields<EventMapping>([.. result]);
    }

    private static ImmutableArray<ActionArgument> ReadArgs(string ev, YNode node, Context ctx)
    {
        var result = ImmutableArray.CreateBuilder<ActionArgument>();
        if (node is YScalar { IsNull: true } || ctx.Mapping(node, $"events.{ev}.args", "a mapping of parameter to source") is not { } map)
        {
            return result.ToImmutable();
        }
        foreach (var (param, value) in map.Entries)
        {
            if (Identifier(param, "an action parameter", ctx) is null)
            {
                continue;
            }
            ArgSource? source = null;
            if (value is YScalar s)
            {
                source = s.Value switch
                {
                    "$node" => ArgSource.Node,
                    "$any" => ArgSource.Any,
                    _ when s.IsNull || s.Value.Length == 0 => Bad(param, $"Parameter '{param.Value}' has no source: give $node, $any, a field of the event's args, or {{ literal: X }}."),
                    _ when s.Value.StartsWith('$') => Bad(s, $"'{s.Value}' is not an argument source; the $-words are $node and $any.", Suggest(s.Value, ArgWords)),
                    _ when s.Value.Split('.').Any(p => p.Length == 0) => Bad(s, $"'{s.Value}' is not a field path (names separated by dots)."),
                    _ => ArgSource.Field(s.Value),
                };
            }
            else if (ctx.Mapping(value, $"events.{ev}.args.{param.Value}", "$node, $any, a field path, or { field | any | literal: ... }") is { } m)
            {
                var fields = ctx.Fields(m, ArgKeys, $"parameter '{param.Value}'");
                if (fields.Count != 1)
                {
                    if (fields.Count > 1)
                    {
                        ctx.Report(TraceMapCodes.BadArgument, $"Parameter '{param.Value}' has {fields.Count} sources; give one of field, any, literal.", m.Pos);
                    }
                    else if (m.Entries.Count == 0)
                    {
                        ctx.Report(TraceMapCodes.BadArgument, $"Parameter '{param.Value}' has no source; give one of field, any, literal.", m.Pos);
                    }
                }
                else
                {
                    var (kind, inner) = fields.First();
                    if (ctx.Scalar(inner, kind) is { } text)
                    {
                        source = kind switch
                        {
                            "field" when text.Value.Length > 0 => ArgSource.Field(text.Value),
                            "any" => ArgSource.AnyIn(text.IsNull || text.Value.Length == 0 ? null : text.Value),
                            "literal" when !text.IsNull => ArgSource.Literal(text.Value),
                            _ => Bad(text, $"Parameter '{param.Value}': '{kind}' needs a value."),
                        };
                    }
                }
            }
            if (source is not null)
            {
                result.Add(new ActionArgument(param.Value, source));
                ctx.At($"events.{ev}.args.{param.Value}", param);
            }
        }
        return result.ToImmutable();

        ArgSource? Bad(YScalar at, string message, string? suggestion = null)
        {
            ctx.Report(TraceMapCodes.BadArgument, message, at.Pos, suggestion);
            return null;
        }
    }

    private static SilentSteps? ReadSilent(YNode node, Context ctx)
    {
        if (node is YScalar { IsNull: true } || ctx.Mapping(node, "silent", "a mapping { actions: [...], bound: N }") is not { } map)
        {
            return null;
        }
        var fields = ctx.Fields(map, SilentKeys, "silent");
        var actions = fields.TryGetValue("actions", out var an) ? ReadNames(an, "silent.actions", "an action", ctx) : [];
        if (!fields.ContainsKey("actions"))
        {
            ctx.Report(TraceMapCodes.MissingKey, "Missing 'actions' in 'silent' (the actions that may happen unlogged).", map.Pos);
        }
        var bound = 1;
        if (fields.TryGetValue("bound", out var bn))
        {
            if (bn is not YScalar bs || !int.TryParse(bs.Value, NumberStyles.None, CultureInfo.InvariantCulture, out bound) || bound <= 0)
            {
                ctx.Report(TraceMapCodes.BadBound, $"'bound' must be a positive integer (silent steps allowed between two events), not '{(bn as YScalar)?.Value ?? "a " + bn.Kind}'.", bn.Pos);
                bound = 1;
            }
        }
        return new SilentSteps([.. actions.Select(a => a.Name)], bound);
    }

    private static string? NonEmpty(YScalar s, string key, Context ctx)
    {
        if (s.IsNull || s.Value.Trim().Length == 0)
        {
            ctx.Report(TraceMapCodes.WrongType, $"'{key}' must not be empty.", s.Pos);
            return null;
        }
        return s.Value;
    }

    private static string? Identifier(YScalar s, string what, Context ctx)
    {
        if (s.IsNull || !IdentifierPattern().IsMatch(s.Value))
        {
            ctx.Report(TraceMapCodes.NotAnIdentifier, $"'{s.Value}' is not a TLA+ identifier ({what}).", s.Pos);
            return null;
        }
        return s.Value;
    }

    [GeneratedRegex("^[A-Za-z0-9_]*[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();

    /// <summary>The candidate closest to <paramref name="word"/> by edit distance, when it is close enough to be a typo.</summary>
    internal static string? Suggest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            var d = Spelling.Distance(word, c, ignoreCase: true);
            if (d < bestDistance)
            {
                (best, bestDistance) = (c, d);
            }
        }
        return best is not null && bestDistance <= Math.Max(2, word.Length / 3) ? best : null;
    }

    /// <summary>A 1-based position.</summary>
    private readonly record struct Pos(long Line, long Column);

    private abstract record YNode(Pos Pos)
    {
        public abstract string Kind { get; }

        /// <summary>Builds the first document's tree from the parser's events, keeping positions.</summary>
        public static YNode? Parse(string yaml, Context ctx)
        {
            var parser = new Parser(new StringReader(yaml));
            parser.Consume<StreamStart>();
            if (!parser.TryConsume<DocumentStart>(out _))
            {
                return null;
            }
            return Node(parser, ctx);
        }

        private static YNode Node(IParser parser, Context ctx)
        {
            var ev = parser.Consume<ParsingEvent>();
            var pos = new Pos(ev.Start.Line, ev.Start.Column);
            ctx.LastGood = new Pos(ev.End.Line, ev.End.Column);
            switch (ev)
            {
                case Scalar s:
                    return new YScalar(s.Value, s.Style is ScalarStyle.Plain && s.Value is "" or "~" or "null" or "Null" or "NULL", pos);
                case SequenceStart:
                {
                    var items = new List<YNode>();
                    while (!parser.TryConsume<SequenceEnd>(out _))
                    {
                        items.Add(Node(parser, ctx));
                    }
                    return new YSeq(items, pos);
                }
                case MappingStart:
                {
                    var entries = new List<(YScalar, YNode)>();
                    while (!parser.TryConsume<MappingEnd>(out _))
                    {
                        var key = Node(parser, ctx);
                        var value = Node(parser, ctx);
                        if (key is not YScalar k)
                        {
                            ctx.Report(TraceMapCodes.WrongType, "Keys must be plain names.", key.Pos);
                            continue;
                        }
                        if (entries.Any(e => e.Item1.Value == k.Value))
                        {
                            ctx.Report(TraceMapCodes.DuplicateKey, $"Key '{k.Value}' appears twice in this mapping; the first one is at line {entries.First(e => e.Item1.Value == k.Value).Item1.Pos.Line}.", k.Pos);
                            continue;
                        }
                        entries.Add((k, value));
                    }
                    return new YMap(entries, pos);
                }
                case AnchorAlias:
                    ctx.Report(TraceMapCodes.WrongType, "YAML aliases are not supported in a trace map; write the value out.", pos);
                    return new YScalar("", true, pos);
                default:
                    throw new YamlException(ev.Start, ev.End, $"Unexpected {ev.GetType().Name}.");
            }
        }
    }

    private sealed record YScalar(string Value, bool IsNull, Pos Pos) : YNode(Pos)
    {
        public override string Kind => "scalar";
    }

    private sealed record YSeq(List<YNode> Items, Pos Pos) : YNode(Pos)
    {
        public override string Kind => "list";
    }

    private sealed record YMap(List<(YScalar Key, YNode Value)> Entries, Pos Pos) : YNode(Pos)
    {
        public override string Kind => "mapping";
    }

    private sealed class Context(string file)
    {
        public string File { get; } = file;

        public List<TraceMapDiagnostic> Diagnostics { get; } = [];

        public Pos LastGood { get; set; } = new(1, 1);

        public Dictionary<string, TraceMapPosition> Positions { get; } = new(StringComparer.Ordinal);

        public void Report(string code, string message, Pos pos, string? suggestion = null) =>
            Diagnostics.Add(new TraceMapDiagnostic(code, message, File, (int)pos.Line, (int)pos.Column, suggestion));

        public void At(string key, YNode node) => Positions[key] = new TraceMapPosition((int)node.Pos.Line, (int)node.Pos.Column);

        public YScalar? Scalar(YNode node, string key)
        {
            if (node is YScalar s)
            {
                return s;
            }
            Report(TraceMapCodes.WrongType, $"'{key}' must be a single value, not a {node.Kind}.", node.Pos);
            return null;
        }

        public YMap? Mapping(YNode node, string key, string? what = null)
        {
            if (node is YMap m)
            {
                return m;
            }
            if (node is YScalar { IsNull: true })
            {
                return new YMap([], node.Pos);
            }
            Report(TraceMapCodes.WrongType, $"'{key}' must be {what ?? "a mapping"}, not a {node.Kind}.", node.Pos);
            return null;
        }

        /// <summary>The known keys of a mapping; unknown ones are reported with the closest known key.</summary>
        public Dictionary<string, YNode> Fields(YMap map, string[] known, string where)
        {
            var result = new Dictionary<string, YNode>(StringComparer.Ordinal);
            foreach (var (key, value) in map.Entries)
            {
                if (Array.IndexOf(known, key.Value) < 0)
                {
                    Report(TraceMapCodes.UnknownKey, $"Unknown key '{key.Value}' in {where}; the keys are {string.Join(", ", known)}.", key.Pos,
                        Suggest(key.Value, known));
                    continue;
                }
                result[key.Value] = value;
            }
            return result;
        }
    }
}
