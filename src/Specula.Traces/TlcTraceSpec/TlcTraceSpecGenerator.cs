using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Specula.Tla.Config;
using Specula.Traces.Mapping;

namespace Specula.Traces.TlcTraceSpec;

/// <summary>What the generated trace spec may need beyond the map.</summary>
/// <param name="SpecVariables">The spec's variables in declaration order; null to take the map's observed and
/// unobserved variables (complete when the map is, which the validator checks).</param>
/// <param name="InitName">The spec's initial predicate.</param>
/// <param name="ModuleName">The generated module's name (and file name).</param>
/// <param name="DefaultTracePath">The trace TLC reads when the <c>JSON</c> environment variable is not set.</param>
/// <param name="ActionArities">The spec's actions and their parameter counts, when known: a silent action with
/// parameters cannot be named bare in TLA+, and this lets the generator say so instead of TLC.</param>
/// <param name="BaseConfig">The model-checking configuration (MC.cfg) whose constants Trace.cfg repeats; the nodes
/// constant is replaced by the nodes found in the trace.</param>
public sealed record TlcTraceSpecOptions(IReadOnlyList<string>? SpecVariables = null, string InitName = "Init", string ModuleName = "Trace",
    string DefaultTracePath = "trace.ndjson", IReadOnlyDictionary<string, int>? ActionArities = null, ModelConfig? BaseConfig = null)
{
    /// <summary>The defaults.</summary>
    public static TlcTraceSpecOptions Default { get; } = new();
}

/// <summary>A reason the trace spec cannot be generated.</summary>
/// <param name="Code">Stable code, <c>TLG1xx</c>.</param>
/// <param name="Message">What is wrong and what to change in the map.</param>
/// <param name="MapKey">The map element at fault (a key of <see cref="TraceMap.Positions"/>).</param>
public sealed record TlcTraceSpecDiagnostic(string Code, string Message, string MapKey);

/// <summary>The generated <c>Trace.tla</c> and <c>Trace.cfg</c>.</summary>
/// <param name="ModuleName">The module's name.</param>
/// <param name="Tla">The module's text; null when there are diagnostics.</param>
/// <param name="Cfg">The configuration's text; null when there are diagnostics.</param>
/// <param name="Diagnostics">Why generation failed; empty on success.</param>
public sealed record TlcTraceSpecFiles(string ModuleName, string? Tla, string? Cfg, IReadOnlyList<TlcTraceSpecDiagnostic> Diagnostics)
{
    /// <summary>True when both texts were generated.</summary>
    public bool Ok => Tla is not null && Cfg is not null;
}

/// <summary>
/// Generates, from a trace map, the trace-validation spec a TLC user runs on the same traces (the pattern of
/// tlaplus/Examples EWD998ChanTrace and CCF's Traceccfraft): the trace read with the Json module, a cursor variable
/// <c>l</c>, one wrapper per event kind that takes the mapped action with the logged arguments and equates the
/// observed variables with the logged state, silent actions (cursor unchanged, counted and bounded, tried only when
/// no event step is enabled, as Specula's validator does), and an acceptance check that the whole trace was matched.
/// </summary>
/// <remarks>
/// Without silent actions every step advances the cursor, so the depth of a state is its cursor and the trace is
/// matched exactly when TLC's diameter is <c>Len(TraceLog) + 1</c>: the POSTCONDITION <c>TraceAccepted</c>. Silent
/// steps break that equality, so with them Trace.cfg checks CCF's <c>TraceMatched</c> property instead (one worker).
/// </remarks>
public static partial class TlcTraceSpecGenerator
{
    /// <summary>A free argument (<c>$any</c>) has no set to range over, which TLC needs.</summary>
    public const string FreeArgumentWithoutSet = "TLG101";

    /// <summary>A silent action takes parameters.</summary>
    public const string SilentActionWithParameters = "TLG102";

    /// <summary>A spec variable or definition clashes with a name the trace spec introduces.</summary>
    public const string NameClash = "TLG103";

    private const string Cursor = "l";
    private const string SilentCounter = "traceSilent";

    /// <summary>Generates Trace.tla and Trace.cfg for <paramref name="map"/>.</summary>
    /// <param name="map">The trace map.</param>
    /// <param name="specModuleName">The spec module the trace spec extends.</param>
    /// <param name="options">Spec details and the base configuration; null for the defaults.</param>
    /// <returns>The two texts, or why they cannot be generated.</returns>
    public static TlcTraceSpecFiles Generate(TraceMap map, string specModuleName, TlcTraceSpecOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(specModuleName);
        options ??= TlcTraceSpecOptions.Default;
        var problems = new List<TlcTraceSpecDiagnostic>();
        var variables = options.SpecVariables
            ?? map.Variables.Select(v => v.Variable).Concat(map.Unobserved).Distinct(StringComparer.Ordinal).ToArray();
        foreach (var clash in variables.Where(v => v is Cursor or SilentCounter || v.StartsWith("Trace", StringComparison.Ordinal)))
        {
            problems.Add(new(NameClash, $"The spec variable '{clash}' clashes with a name of the trace spec (l, traceSilent, Trace*); rename it.", "variables"));
        }
        foreach (var (name, ev) in map.Events)
        {
            foreach (var arg in ev.Args)
            {
                if (arg.Source is AnySource { Domain: null })
                {
                    problems.Add(new(FreeArgumentWithoutSet,
                        $"Parameter '{arg.Parameter}' of {ev.Action} (event {name}) is free ($any); TLC needs the set it ranges over: write {{ any: <set> }} in the map.",
                        $"events.{name}.args.{arg.Parameter}"));
                }
            }
        }
        var silent = map.Silent is { Bound: > 0, Actions.Length: > 0 } s ? s : null;
        foreach (var action in silent?.Actions ?? [])
        {
            if (options.ActionArities?.TryGetValue(action, out var arity) == true && arity > 0)
            {
                problems.Add(new(SilentActionWithParameters,
                    $"The silent action {action} takes {arity} parameters; name an action without parameters (define one with \\E in the spec).",
                    $"silent.actions.{action}"));
            }
        }
        if (problems.Count > 0)
        {
            return new TlcTraceSpecFiles(options.ModuleName, null, null, problems);
        }
        return new TlcTraceSpecFiles(options.ModuleName, Module(map, specModuleName, options, variables, silent), Config(map, options, silent), []);
    }

    private static string Module(TraceMap map, string spec, TlcTraceSpecOptions options, IReadOnlyList<string> variables, SilentSteps? silent)
    {
        var sb = new StringBuilder();
        void L(string text = "") => sb.Append(text).Append('\n');
        var title = $" MODULE {options.ModuleName} ";
        var dashes = new string('-', Math.Max(4, (76 - title.Length) / 2));
        L(dashes + title + dashes);
        L($"\\* Generated by Specula from its trace map: do not edit, regenerate. Checks that one trace of {spec} is a behavior of it.");
        L($"\\* Run:  JSON=traces/run.ndjson tlc -config {options.ModuleName}.cfg {options.ModuleName}");
        L("\\* The file must hold trace lines only (tag \"trace\", format v1), in one causal order (Specula merges per-node files).");
        L($"EXTENDS {spec}, Json, IOUtils, Sequences, TLC");
        L();
        L("ASSUME TLCGet(\"config\").mode = \"bfs\"");
        L();
        L($"TraceFile == IF \"JSON\" \\in DOMAIN IOEnv THEN IOEnv.JSON ELSE {Str(options.DefaultTracePath)}");
        L();
        var ignored = map.Events.Values.Where(e => e.IsIgnored).Select(e => Str(e.Event)).ToArray();
        L("\\* Events the map ignores leave the trace here, like the program's own output.");
        L($"TraceIgnored == {{{string.Join(", ", ignored)}}}");
        L();
        L("TraceLog ==");
        L("    SelectSeq(ndJsonDeserialize(TraceFile),");
        L("              LAMBDA x : \"tag\" \\in DOMAIN x /\\ x.tag = \"trace\" /\\ x.event \\notin TraceIgnored)");
        L();
        if (map.NodesConstant is not null)
        {
            L($"\\* The nodes that took steps or appear in a clock (the environment aside): {map.NodesConstant} in {options.ModuleName}.cfg.");
            L("TraceNodes ==");
            L("    ({TraceLog[k].node : k \\in DOMAIN TraceLog}");
            L("        \\cup UNION {DOMAIN TraceLog[k].clock : k \\in {k2 \\in DOMAIN TraceLog : \"clock\" \\in DOMAIN TraceLog[k2]}})");
            L("    \\ {\"env\"}");
            L();
        }
        L("\\* An absent args or state is an empty one.");
        L("TraceArgs(e) == IF \"args\" \\in DOMAIN e THEN e.args ELSE <<>>");
        L("TraceState(e) == IF \"state\" \\in DOMAIN e THEN e.state ELSE <<>>");
        L();
        var translated = new HashSet<string>(StringComparer.Ordinal);
        if (map.Values.ByField.Count > 0)
        {
            L("\\* The map's translations of logged strings to the spec's constants; other values stay as they are.");
            foreach (var (field, table) in map.Values.ByField)
            {
                if (table.Count == 0)
                {
                    continue;
                }
                var name = "TraceTr_" + Sanitize(field);
                translated.Add(field);
                L($"{name}Table == {string.Join(" @@ ", table.Select(t => $"{Str(t.Key)} :> {t.Value}"))}");
                L($"{name}(x) == IF x \\in DOMAIN {name}Table THEN {name}Table[x] ELSE x");
            }
            L();
        }
        string Tr(string field, string expr) => translated.Contains(field) ? $"TraceTr_{Sanitize(field)}({expr})" : expr;

        var all = string.Join(", ", variables);
        L($"VARIABLE {Cursor}" + (silent is null ? "" : $", {SilentCounter}"));
        L();
        L($"TraceVars == <<{all}>>");
        L();
        L($"logline == TraceLog[{Cursor}]");
        L();
        L("TraceInit ==");
        L($"    /\\ {Cursor} = 1");
        if (silent is not null)
        {
            L($"    /\\ {SilentCounter} = 0");
        }
        L($"    /\\ {options.InitName}");
        L();
        L("\\* The step of the current line, when it is an event of kind e.");
        L("IsEvent(e) ==");
        L($"    /\\ {Cursor} \\in 1..Len(TraceLog)");
        L("    /\\ logline.event = e");
        L($"    /\\ {Cursor}' = {Cursor} + 1");
        if (silent is not null)
        {
            L($"    /\\ {SilentCounter}' = 0");
        }
        L();
        if (map.Variables.Length > 0)
        {
            L("\\* The state after a step equals what the line logged, for each field it logged.");
            L("TraceObserve ==");
            foreach (var v in map.Variables)
            {
                var logged = Tr(v.Field, $"TraceState(logline)[{Str(v.Field)}]");
                var target = v.Per == VariableScope.Node ? $"{v.Variable}'[logline.node]" : $"{v.Variable}'";
                L($"    /\\ {Str(v.Field)} \\in DOMAIN TraceState(logline) => {target} = {logged}");
            }
            L();
        }
        var wrappers = new List<string>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, ev) in map.Events)
        {
            if (ev.IsIgnored)
            {
                continue;
            }
            var wrapper = "Is" + Sanitize(name);
            for (var k = 2; !used.Add(wrapper); k++)
            {
                wrapper = "Is" + Sanitize(name) + k.ToString(CultureInfo.InvariantCulture);
            }
            wrappers.Add(wrapper);
            var free = ev.Args.Where(a => a.Source is AnySource).Select(a => $"{a.Parameter} \\in {((AnySource)a.Source).Domain}").ToArray();
            var call = ev.Args.Length == 0 ? ev.Action! : $"{ev.Action}({string.Join(", ", ev.Args.Select(a => Argument(a, translated)))})";
            L($"{wrapper} ==");
            L($"    /\\ IsEvent({Str(name)})");
            L(free.Length == 0 ? $"    /\\ {call}" : $"    /\\ \\E {string.Join(", ", free)} : {call}");
            if (map.Variables.Length > 0)
            {
                L("    /\\ TraceObserve");
            }
            L();
        }
        L("TraceEventStep ==");
        L(wrappers.Count == 0 ? "    FALSE" : string.Join("\n", wrappers.Select(w => $"    \\/ {w}")));
        L();
        if (silent is not null)
        {
            L($"\\* Up to {silent.Bound} unlogged steps between two lines, tried only when the line itself cannot be taken.");
            L("TraceSilent ==");
            L($"    /\\ {Cursor} \\in 1..Len(TraceLog)");
            L($"    /\\ {SilentCounter} < {silent.Bound.ToString(CultureInfo.InvariantCulture)}");
            L($"    /\\ {SilentCounter}' = {SilentCounter} + 1");
            L($"    /\\ UNCHANGED {Cursor}");
            L($"    /\\ {string.Join(" \\/ ", silent.Actions)}");
            L();
            L("TraceNext == TraceEventStep \\/ (~ENABLED TraceEventStep /\\ TraceSilent)");
        }
        else
        {
            L("TraceNext == TraceEventStep");
        }
        L();
        var stutter = silent is null ? $"<<TraceVars, {Cursor}>>" : $"<<TraceVars, {Cursor}, {SilentCounter}>>";
        L($"TraceSpec == TraceInit /\\ [][TraceNext]_{stutter}");
        L();
        L("\\* Lines whose spec states repeat are still different positions in the trace.");
        L($"TraceView == {stutter}");
        L();
        L("\\* POSTCONDITION (no silent steps): every step advances the cursor, so the deepest state matched the whole trace");
        L("\\* exactly when TLC's diameter is Len(TraceLog) + 1.");
        L("TraceAccepted ==");
        L("    LET d == TLCGet(\"stats\").diameter IN");
        L("    IF d - 1 = Len(TraceLog) THEN TRUE");
        L("    ELSE Print(<<\"Failed matching the trace to a behavior; first unmatched line:\", TraceLog[d]>>, FALSE)");
        L();
        L("\\* PROPERTY (with silent steps, one worker): TLC ran out of states before the cursor passed the last line.");
        L($"TraceMatched == [](({Cursor} <= Len(TraceLog)) => [](TLCGet(\"queue\") \\in Nat \\ {{0}} \\/ {Cursor} > Len(TraceLog)))");
        L();
        L(new string('=', 77));
        return sb.ToString();
    }

    private static string Config(TraceMap map, TlcTraceSpecOptions options, SilentSteps? silent)
    {
        var sb = new StringBuilder();
        void L(string text = "") => sb.Append(text).Append('\n');
        L("\\* Generated by Specula from its trace map: do not edit, regenerate.");
        L($"\\* Run:  JSON=traces/run.ndjson tlc -config {options.ModuleName}.cfg {options.ModuleName}" + (silent is null ? "" : "   (one worker: -workers 1)"));
        L("SPECIFICATION");
        L("    TraceSpec");
        var constants = new List<string>();
        if (map.NodesConstant is not null)
        {
            constants.Add($"{map.NodesConstant} <- TraceNodes");
        }
        if (options.BaseConfig is { } cfg)
        {
            constants.AddRange(cfg.Constants.Where(c => c.Name != map.NodesConstant).Select(c => c.ToString()));
            constants.AddRange(cfg.Overrides.Where(o => o.Name != map.NodesConstant).Select(o => o.ToString()));
        }
        if (constants.Count > 0)
        {
            L("CONSTANTS");
            foreach (var c in constants)
            {
                L("    " + c);
            }
        }
        L("VIEW");
        L("    TraceView");
        if (silent is null)
        {
            L("POSTCONDITION");
            L("    TraceAccepted");
        }
        else
        {
            L("PROPERTY");
            L("    TraceMatched");
        }
        L("\\* A behavior that cannot follow the trace stops; that is not a deadlock of the system.");
        L("CHECK_DEADLOCK");
        L("    FALSE");
        return sb.ToString();
    }

    private static string Argument(ActionArgument arg, HashSet<string> translated) => arg.Source switch
    {
        NodeSource => "logline.node",
        AnySource => arg.Parameter,
        FieldSource f when translated.Contains(f.LastSegment) => $"TraceTr_{Sanitize(f.LastSegment)}({Field(f)})",
        FieldSource f => Field(f),
        LiteralSource l => IdentifierOrNumber().IsMatch(l.Text) ? l.Text : Str(l.Text),
        _ => throw new ArgumentOutOfRangeException(nameof(arg), arg, "Unknown argument source."),
    };

    private static string Field(FieldSource f) =>
        "TraceArgs(logline)" + string.Concat(f.Segments.Select(s => $"[{Str(s)}]"));

    /// <summary>A TLA+ string literal.</summary>
    private static string Str(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string Sanitize(string name)
    {
        var s = NonIdentifierChars().Replace(name, "_");
        return s.Length == 0 ? "_" : s;
    }

    [GeneratedRegex("[^A-Za-z0-9_]")]
    private static partial Regex NonIdentifierChars();

    [GeneratedRegex(@"^(-?\d+|[A-Za-z0-9_]*[A-Za-z][A-Za-z0-9_]*)$")]
    private static partial Regex IdentifierOrNumber();
}
