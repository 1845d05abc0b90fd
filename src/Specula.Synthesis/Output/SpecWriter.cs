using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Specula.Synthesis.Mining;
using Specula.Traces.Mapping;

namespace Specula.Synthesis;

/// <summary>Everything the spec folder is written from.</summary>
internal sealed record SpecDraft(string Module, TraceSchema Schema, SValue[] Init, IReadOnlyList<ActionModel> Actions,
    IReadOnlyList<CandidateInvariant> Invariants, IReadOnlyDictionary<string, string> Citations, IReadOnlyList<string> Provenance,
    IReadOnlyList<string> IgnoredEvents);

/// <summary>The texts of a spec folder.</summary>
internal sealed record SpecTexts(string Tla, string Config, string ValidationConfig, TraceMap Map);

/// <summary>Writes the spec, its model configuration and its trace map, in a fixed order: same draft, same bytes.</summary>
internal static class SpecWriter
{
    private const int Headroom = 2;

    /// <summary>Integer arguments range over 0..3 at most when model checking.</summary>
    private const long SmallMax = 3;

    public static SpecTexts Write(SpecDraft d)
    {
        var s = d.Schema;
        var varNames = Enumerable.Range(0, s.Variables.Length).Select(v => SpecNames.VariableName(s, v)).ToList();
        var allArgs = d.Actions.SelectMany(a => a.Args).Distinct().Order(StringComparer.Ordinal).ToList();
        var paramNames = allArgs.ToDictionary(a => a, a => SpecNames.ParameterName(s, a), StringComparer.Ordinal);
        var names = new Naming(varNames, paramNames, "n");
        var constants = new List<(string Name, string Value)>();
        var sb = new StringBuilder();
        void L(string line = "") => sb.Append(line).Append('\n');

        L($"{new string('-', 20)} MODULE {d.Module} {new string('-', 20)}");
        L("(***************************************************************************)");
        foreach (var line in d.Provenance)
        {
            L($"(* {line.PadRight(71)} *)");
        }
        L("(***************************************************************************)");
        L("EXTENDS Integers, Sequences, FiniteSets");
        L();
        L("CONSTANTS");
        L("    Node,     \\* the nodes, as model values named as the traces name them");
        var domainLines = new List<string>();
        foreach (var arg in allArgs)
        {
            var facts = ArgFacts(s, arg);
            var p = paramNames[arg];
            var domain = $"{TlaText.Capitalized(p)}Values";
            if (facts.Kind == SKind.Int)
            {
                var max = $"Max{TlaText.Capitalized(p)}";
                constants.Add((max, Margin(facts.Max).ToString(CultureInfo.InvariantCulture)));
                domainLines.Add($"{domain} == {Math.Min(0, facts.Min).ToString(CultureInfo.InvariantCulture)}..{max}");
            }
            else
            {
                domainLines.Add($"{domain} == {SetOf(facts)}");
            }
        }
        var anyInts = d.Actions.SelectMany(a => a.Effects.Select((e, v) => (e, v))).Where(p => HasAny(p.e) && s.Variables[p.v].Kind == SKind.Int)
            .Select(p => p.v).Distinct().Order().ToList();
        foreach (var v in anyInts)
        {
            constants.Add(($"Max{TlaText.Capitalized(varNames[v])}", Margin(s.Variables[v].Max).ToString(CultureInfo.InvariantCulture)));
        }
        var scoped = Enumerable.Range(0, s.Variables.Length).Where(s.IsScoped).ToList();
        foreach (var v in scoped)
        {
            constants.Add((ScopeName(varNames[v]), $"{{{string.Join(", ", s.Variables[v].Nodes)}}}"));
        }
        var intVars = Enumerable.Range(0, s.Variables.Length).Where(v => s.Variables[v].Kind == SKind.Int).ToList();
        if (intVars.Count > 0)
        {
            constants.Add(("Headroom", Headroom.ToString(CultureInfo.InvariantCulture)));
        }
        for (var i = 0; i < constants.Count; i++)
        {
            L($"    {constants[i].Name}{(i < constants.Count - 1 ? "," : "")}");
        }
        if (constants.Count == 0)
        {
            // "Node," above needs a last name: none, so rewrite it.
            sb.Replace("    Node,     \\*", "    Node      \\*");
        }
        L();
        L($"VARIABLES {string.Join(", ", varNames)}");
        L();
        L($"vars == <<{string.Join(", ", varNames)}>>");
        L();
        L("Max2(x, y) == IF x >= y THEN x ELSE y");
        L("Majority(S) == Cardinality(S) * 2 > Cardinality(Node)");
        L("\\* A set logged as a list in an order the spec does not know: x inserted anywhere in s.");
        L("Insertions(s, x) == {SubSeq(s, 1, i) \\o <<x>> \\o SubSeq(s, i + 1, Len(s)) : i \\in 0..Len(s)}");
        L("BoundedSeqs(S, k) == UNION {[1..i -> S] : i \\in 0..k}");
        L();
        if (domainLines.Count > 0)
        {
            L("\\* The values the actions' arguments range over (integers: the observed range with room to grow).");
            domainLines.ForEach(l => L(l));
            L();
        }
        L("TypeOK ==");
        for (var v = 0; v < s.Variables.Length; v++)
        {
            if (TypeOf(s.Variables[v]) is { } type)
            {
                L($"    /\\ {varNames[v]} \\in [Node -> {type}]");
            }
        }
        L("    /\\ TRUE");
        L();
        L("\\* The value most nodes show first, for every node.");
        L("Init ==");
        for (var v = 0; v < s.Variables.Length; v++)
        {
            L($"    /\\ {varNames[v]} = [m \\in Node |-> {d.Init[v].Text}]");
        }
        L();
        foreach (var a in d.Actions)
        {
            var parameters = a.Args.Select(x => paramNames[x]).Prepend("n").ToList();
            var signature = $"({string.Join(", ", parameters)})";
            L($"\\* {a.Event}: {a.Steps} observed step{(a.Steps == 1 ? "" : "s")} in {a.Traces} trace{(a.Traces == 1 ? "" : "s")}."
                + (d.Citations.TryGetValue(a.Event, out var at) ? $" Emitted at {at}." : ""));
            L($"Can{a.Name}{signature} ==");
            if (a.Guard.IsEmpty)
            {
                L("    TRUE");
            }
            foreach (var g in a.Guard)
            {
                var why = double.IsNaN(g.Chance) ? $"all {g.Support} steps" : string.Create(CultureInfo.InvariantCulture, $"all {g.Support} steps, chance {g.Chance:0.0e0}");
                L($"    /\\ {g.Pred.Render(names)}   \\* {why}");
            }
            L();
            L($"{a.Name}{signature} ==");
            L($"    /\\ Can{a.Name}{signature}");
            var unchanged = new List<string>();
            for (var v = 0; v < s.Variables.Length; v++)
            {
                var e = a.Effects[v];
                if (e is LeafEffect { Term: VarTerm t } && t.Variable == v)
                {
                    unchanged.Add(varNames[v]);
                    continue;
                }
                var scope = s.IsScoped(v) ? $"n \\in {ScopeName(varNames[v])}" : null;
                L(e.Deterministic
                    ? $"    /\\ {varNames[v]}' = [{varNames[v]} EXCEPT ![n] = {(scope is null ? Value(e, names) : $"IF {scope} THEN {Value(e, names)} ELSE {varNames[v]}[n]")}]"
                    : $"    /\\ \\E nv \\in {(scope is null ? Set(e, names, v, s, varNames) : $"(IF {scope} THEN {Set(e, names, v, s, varNames)} ELSE {{{varNames[v]}[n]}})")} : {varNames[v]}' = [{varNames[v]} EXCEPT ![n] = nv]");
            }
            if (unchanged.Count > 0)
            {
                L($"    /\\ UNCHANGED <<{string.Join(", ", unchanged)}>>");
            }
            L();
        }
        L("Next == \\E n \\in Node :");
        foreach (var a in d.Actions)
        {
            var ps = a.Args.Select(x => paramNames[x]).ToList();
            var call = $"{a.Name}({string.Join(", ", ps.Prepend("n"))})";
            L(ps.Count == 0 ? $"    \\/ {call}" : $"    \\/ \\E {string.Join(", ", ps.Select(p => $"{p} \\in {TlaText.Capitalized(p)}Values"))} : {call}");
        }
        if (d.Actions.Count == 0)
        {
            L("    FALSE");
        }
        L();
        L("Spec == Init /\\ [][Next]_vars");
        L();
        if (intVars.Count > 0)
        {
            L("\\* Model checking only (MC.cfg's CONSTRAINT): integers at most Headroom above their initial values.");
            L("StateBound == \\A m \\in Node :");
            foreach (var v in intVars)
            {
                L($"    /\\ {varNames[v]}[m] <= {d.Init[v].Number.ToString(CultureInfo.InvariantCulture)} + Headroom");
            }
            L();
        }
        if (d.Invariants.Count > 0)
        {
            L("\\* Invariants mined from every observed state and kept because model checking found no state violating them.");
            foreach (var inv in d.Invariants)
            {
                L($"{inv.Name} == {inv.Text}   \\* {inv.Template}, {inv.Support} observations");
            }
            L();
        }
        L(new string('=', 50 + d.Module.Length));

        var cfg = new StringBuilder();
        var validate = new StringBuilder();
        cfg.Append("\\* Small constants for model checking (Validate.cfg has the ranges the traces need).\n");
        validate.Append("\\* Trace validation (TraceMap.yaml): argument ranges that hold every logged value, with room to grow.\n");
        foreach (var b in new[] { cfg, validate })
        {
            b.Append("CONSTANTS\n");
            b.Append($"    Node = {{{string.Join(", ", s.Nodes)}}}\n");
            foreach (var (name, value) in constants)
            {
                var small = ReferenceEquals(b, cfg) && name.StartsWith("Max", StringComparison.Ordinal)
                    ? Math.Min(long.Parse(value, CultureInfo.InvariantCulture), SmallMax).ToString(CultureInfo.InvariantCulture) : value;
                b.Append($"    {name} = {small}\n");
            }
            b.Append("INIT Init\nNEXT Next\n");
        }
        if (intVars.Count > 0)
        {
            cfg.Append("CONSTRAINT StateBound\n");
        }
        cfg.Append("CHECK_DEADLOCK FALSE\n");
        cfg.Append("INVARIANTS\n    TypeOK\n");
        foreach (var inv in d.Invariants)
        {
            cfg.Append($"    {inv.Name}\n");
        }

        var variables = Enumerable.Range(0, s.Variables.Length).Select(v => new VariableMapping(s.Variables[v].Name, varNames[v])).ToImmutableArray();
        var events = ImmutableSortedDictionary.CreateBuilder<string, EventMapping>(StringComparer.Ordinal);
        foreach (var a in d.Actions)
        {
            var args = new[] { new ActionArgument("n", ArgSource.Node) }
                .Concat(a.Args.Select(x => new ActionArgument(paramNames[x], ArgSource.Field(x)))).ToImmutableArray();
            events[a.Event] = new EventMapping(a.Event, a.Name, args);
        }
        foreach (var ignored in d.IgnoredEvents)
        {
            events[ignored] = EventMapping.Ignore(ignored);
        }
        var map = new TraceMap(TraceMap.CurrentVersion, $"{d.Module}.tla", "Validate.cfg", "Node", ValueTranslations.None, variables, [], events.ToImmutable(), null);
        return new SpecTexts(sb.ToString(), cfg.ToString(), validate.ToString(), map);
    }

    /// <summary>The constant holding the nodes that show a variable only some nodes show.</summary>
    private static string ScopeName(string variable) => $"{TlaText.Capitalized(variable)}Nodes";

    private static long Margin(long max) => Math.Max(max + (max / 2) + 2, 3);

    private static FieldFacts ArgFacts(TraceSchema s, string arg)
    {
        var merged = new FieldFacts(arg);
        foreach (var e in s.Events.Values)
        {
            if (e.Args.TryGetValue(arg, out var f))
            {
                foreach (var v in f.Values)
                {
                    merged.Add(v);
                }
            }
        }
        return merged;
    }

    private static string SetOf(FieldFacts facts)
    {
        if (facts.Kind == SKind.Bool)
        {
            return "BOOLEAN";
        }
        var strings = facts.Values.Where(v => v.Kind != SKind.Node).Select(v => v.Text).ToList();
        if (facts.Kind == SKind.Node)
        {
            return strings.Count == 0 ? "Node" : $"Node \\cup {{{string.Join(", ", strings)}}}";
        }
        return $"{{{string.Join(", ", strings)}}}";
    }

    private static string? TypeOf(FieldFacts f) => f.Kind switch
    {
        SKind.Int => f.Min >= 0 ? "Nat" : "Int",
        SKind.Bool => "BOOLEAN",
        SKind.Str or SKind.Node => SetOf(f),
        _ => null,
    };

    /// <summary>Sequences no longer than any observed, over the observed items (nodes as Node).</summary>
    private static string SeqDomain(FieldFacts f)
    {
        var items = new FieldFacts(f.Name);
        foreach (var item in f.Values.SelectMany(v => v.Items))
        {
            items.Add(item);
        }
        var length = f.Values.Select(v => v.Items.Length).DefaultIfEmpty(0).Max();
        var set = items.Kind switch
        {
            SKind.Int => $"{items.Min.ToString(CultureInfo.InvariantCulture)}..{items.Max.ToString(CultureInfo.InvariantCulture)}",
            SKind.Node or SKind.Str or SKind.Bool => SetOf(items),
            _ => "{}",
        };
        return $"BoundedSeqs({set}, {length.ToString(CultureInfo.InvariantCulture)})";
    }

    private static bool HasAny(Effect e) => e switch
    {
        AnyEffect => true,
        IfEffect i => HasAny(i.Then) || HasAny(i.Else),
        _ => false,
    };

    private static string Value(Effect e, Naming names) => e switch
    {
        LeafEffect l => l.Term.Render(names),
        IfEffect i => $"IF {i.Condition.Render(names)} THEN {Value(i.Then, names)} ELSE {Value(i.Else, names)}",
        _ => throw new InvalidOperationException("A nondeterministic effect has no single value."),
    };

    private static string Set(Effect e, Naming names, int v, TraceSchema s, IReadOnlyList<string> varNames) => e switch
    {
        LeafEffect l => l.Term.IsSet ? l.Term.Render(names) : $"{{{l.Term.Render(names)}}}",
        IfEffect i => $"(IF {i.Condition.Render(names)} THEN {Set(i.Then, names, v, s, varNames)} ELSE {Set(i.Else, names, v, s, varNames)})",
        ChoiceEffect c when c.Terms.Any(t => t.IsSet) => string.Join(" \\cup ", c.Terms.Select(t => t.IsSet ? t.Render(names) : $"{{{t.Render(names)}}}")),
        ChoiceEffect c => $"{{{string.Join(", ", c.Terms.Select(t => t.Render(names)))}}}",
        _ when s.Variables[v].Kind == SKind.Seq => SeqDomain(s.Variables[v]),
        _ => s.Variables[v].Kind == SKind.Int
            ? $"{Math.Min(0, s.Variables[v].Min).ToString(CultureInfo.InvariantCulture)}..Max{TlaText.Capitalized(varNames[v])}"
            : TypeOf(s.Variables[v]) ?? $"{{{varNames[v]}[n]}}",
    };
}
