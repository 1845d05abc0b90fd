using System.Collections.Immutable;

namespace Specula.Traces.Mapping;

/// <summary>
/// How a system's traces map onto a spec (<c>TraceMap.yaml</c>, version 1, docs/formats.md "Trace map"): which
/// action each event takes and with which arguments, which spec variable each observed field is, how JSON values
/// translate to TLA+ values, which variables the trace does not show, and which actions may happen unlogged.
/// Immutable; <see cref="TraceMapReader"/> reads one and <see cref="TraceMapWriter"/> writes it back.
/// </summary>
/// <param name="Version">The format version (1).</param>
/// <param name="SpecPath">The spec module's file, relative to the map's folder.</param>
/// <param name="ConfigPath">The TLC configuration for validation, relative to the map's folder; null for
/// <c>MC.cfg</c> beside the spec.</param>
/// <param name="NodesConstant">The CONSTANT that holds the set of nodes; null when the spec has none.</param>
/// <param name="Values">Translations of JSON values to TLA+ constants.</param>
/// <param name="Variables">Observed fields and the spec variables they are, in the map's order.</param>
/// <param name="Unobserved">Spec variables the trace does not show (left free).</param>
/// <param name="Events">Each event kind's mapping, in the map's order.</param>
/// <param name="Silent">Actions that may happen unlogged between two events; null when none may.</param>
public sealed record TraceMap(int Version, string SpecPath, string? ConfigPath, string? NodesConstant, ValueTranslations Values,
    ImmutableArray<VariableMapping> Variables, ImmutableArray<string> Unobserved, IReadOnlyDictionary<string, EventMapping> Events,
    SilentSteps? Silent)
{
    /// <summary>The format version this library reads and writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The file the map was read from; null for a map built in memory. Relative paths resolve against its folder.</summary>
    public string? SourcePath { get; init; }

    /// <summary>Where each element was written, for diagnostics about the map that need the spec (an action the
    /// spec lacks, say). Keys: <c>spec</c>, <c>config</c>, <c>nodes</c>, <c>variables.&lt;field&gt;</c>,
    /// <c>unobserved.&lt;variable&gt;</c>, <c>events.&lt;event&gt;</c>, <c>events.&lt;event&gt;.args.&lt;param&gt;</c>,
    /// <c>silent.actions.&lt;action&gt;</c>, <c>values.&lt;field&gt;.&lt;json&gt;</c>. Empty for a map built in memory.</summary>
    public IReadOnlyDictionary<string, TraceMapPosition> Positions { get; init; } = ImmutableDictionary<string, TraceMapPosition>.Empty;

    /// <summary>The spec's file as an absolute path (against the map's folder, or the current one).</summary>
    public string ResolvedSpecPath => Resolve(SpecPath);

    /// <summary>The configuration's file as an absolute path: <see cref="ConfigPath"/>, or <c>MC.cfg</c> beside the spec.</summary>
    public string ResolvedConfigPath => ConfigPath is null
        ? Path.Combine(Path.GetDirectoryName(ResolvedSpecPath) ?? ".", "MC.cfg")
        : Resolve(ConfigPath);

    /// <summary>The spec module's name: the spec file's name without <c>.tla</c>.</summary>
    public string SpecModuleName => Path.GetFileNameWithoutExtension(SpecPath);

    /// <summary>The mapping of spec variable <paramref name="variable"/>, when it is observed.</summary>
    /// <param name="variable">A spec variable.</param>
    /// <returns>Its mapping, or null.</returns>
    public VariableMapping? VariableFor(string variable) => Variables.FirstOrDefault(v => v.Variable == variable);

    /// <summary>Where the element with this key was written (see <see cref="Positions"/>).</summary>
    /// <param name="key">An element key.</param>
    /// <returns>The position, or null for maps built in memory.</returns>
    public TraceMapPosition? PositionOf(string key) => Positions.TryGetValue(key, out var p) ? p : null;

    private string Resolve(string path) => Path.GetFullPath(Path.IsPathRooted(path) || SourcePath is null
        ? path
        : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(SourcePath)) ?? ".", path));
}

/// <summary>A 1-based line and column in a map file.</summary>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public readonly record struct TraceMapPosition(int Line, int Column);

/// <summary>Whether a variable is one value per node (a function of nodes) or one value for the system.</summary>
public enum VariableScope
{
    /// <summary><c>v[node] = state.field</c> where node is the event's node.</summary>
    Node,

    /// <summary><c>v = state.field</c>.</summary>
    Global,
}

/// <summary>An observed state field and the spec variable it is.</summary>
/// <param name="Field">The field of the events' <c>state</c>.</param>
/// <param name="Variable">The spec variable.</param>
/// <param name="Per">Per node (the default) or global.</param>
public sealed record VariableMapping(string Field, string Variable, VariableScope Per = VariableScope.Node);

/// <summary>Where an action argument comes from.</summary>
public abstract record ArgSource
{
    private protected ArgSource()
    {
    }

    /// <summary>The event's node (<c>$node</c>).</summary>
    public static ArgSource Node { get; } = new NodeSource();

    /// <summary>A free argument the validator enumerates (<c>$any</c>), with no set given.</summary>
    public static ArgSource Any { get; } = new AnySource(null);

    /// <summary>A field of the event's args, e.g. <c>from</c> or <c>msg.term</c>.</summary>
    /// <param name="path">Dot-separated field names.</param>
    /// <returns>The source.</returns>
    public static ArgSource Field(string path) => new FieldSource(path);

    /// <summary>A free argument ranging over a set (<c>{ any: &lt;TLA+ set&gt; }</c>).</summary>
    /// <param name="domain">A TLA+ expression for the set; null to let the validator find it.</param>
    /// <returns>The source.</returns>
    public static ArgSource AnyIn(string? domain) => domain is null ? Any : new AnySource(domain);

    /// <summary>A fixed value (<c>{ literal: X }</c>): a constant's name, an integer, or else a string.</summary>
    /// <param name="text">The text as written.</param>
    /// <returns>The source.</returns>
    public static ArgSource Literal(string text) => new LiteralSource(text);
}

/// <summary>The event's node.</summary>
public sealed record NodeSource : ArgSource
{
    internal NodeSource()
    {
    }

    /// <inheritdoc/>
    public override string ToString() => "$node";
}

/// <summary>A field of the event's args.</summary>
/// <param name="Path">Dot-separated field names, e.g. <c>msg.term</c>.</param>
public sealed record FieldSource(string Path) : ArgSource
{
    /// <summary>The path's field names.</summary>
    public IReadOnlyList<string> Segments => Path.Split('.');

    /// <summary>The last field name: the one whose value translations apply.</summary>
    public string LastSegment => Path[(Path.LastIndexOf('.') + 1)..];

    /// <inheritdoc/>
    public override string ToString() => Path;
}

/// <summary>A free argument: the validator tries every value.</summary>
/// <param name="Domain">A TLA+ set expression to range over; null when the validator finds the set from the spec.</param>
public sealed record AnySource(string? Domain) : ArgSource
{
    /// <inheritdoc/>
    public override string ToString() => Domain is null ? "$any" : $"$any \\in {Domain}";
}

/// <summary>A fixed value.</summary>
/// <param name="Text">A constant's name, an integer, or else a string.</param>
public sealed record LiteralSource(string Text) : ArgSource
{
    /// <inheritdoc/>
    public override string ToString() => Text;
}

/// <summary>One argument of a mapped action.</summary>
/// <param name="Parameter">The action's parameter name.</param>
/// <param name="Source">Where its value comes from.</param>
public sealed record ActionArgument(string Parameter, ArgSource Source);

/// <summary>What one event kind means in the spec: an action with arguments, or nothing (ignored).</summary>
/// <param name="Event">The event kind, as logged.</param>
/// <param name="Action">The spec action; null when the event is ignored.</param>
/// <param name="Args">The action's arguments, in the order written (the action's parameter order, normally).</param>
public sealed record EventMapping(string Event, string? Action, ImmutableArray<ActionArgument> Args)
{
    /// <summary>True when the event is skipped: no step, nothing observed.</summary>
    public bool IsIgnored => Action is null;

    /// <summary>An ignored event.</summary>
    /// <param name="eventName">The event kind.</param>
    /// <returns>The mapping.</returns>
    public static EventMapping Ignore(string eventName) => new(eventName, null, []);
}

/// <summary>How JSON values become TLA+ values beyond the default (objects → records, arrays → tuples, strings →
/// strings, numbers → integers, booleans → booleans).</summary>
/// <param name="ByField">Field name → (JSON string → constant or model value name). Applies to the value of every
/// field of that name in args and state, at any depth, and to the strings of an array held by such a field.</param>
/// <param name="Null">The constant JSON <c>null</c> becomes; null when a JSON null is an error.</param>
public sealed record ValueTranslations(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ByField, string? Null)
{
    /// <summary>No translations.</summary>
    public static ValueTranslations None { get; } =
        new(ImmutableDictionary<string, IReadOnlyDictionary<string, string>>.Empty, null);

    /// <summary>The name <paramref name="json"/> translates to in field <paramref name="field"/>, if any.</summary>
    /// <param name="field">The nearest field name.</param>
    /// <param name="json">The JSON string.</param>
    /// <returns>The constant's name, or null.</returns>
    public string? Translate(string? field, string json) =>
        field is not null && ByField.TryGetValue(field, out var table) && table.TryGetValue(json, out var name) ? name : null;
}

/// <summary>Actions the spec may take between two events without the trace showing them.</summary>
/// <param name="Actions">The actions (taken with any arguments).</param>
/// <param name="Bound">At most this many silent steps between two events; positive.</param>
public sealed record SilentSteps(ImmutableArray<string> Actions, int Bound);
