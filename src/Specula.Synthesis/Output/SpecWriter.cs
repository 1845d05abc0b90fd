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
        var messages = s.Messages;
        var bag = SpecNames.MessagesName(s);
        var allVarNames = messages is null ? varNames : [.. varNames, bag];
        var allArgs = d.Actions.SelectMany(a => a.Args).Concat(messages?.Payload ?? []).Distinct().Order(StringComparer.Ordinal).ToList();
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
        if (intVars.Count > 0 || messages is not null || Enumerable.Range(0, s.Variables.Length).Any(v => s.Variables[v].Kind == SKind.Seq))
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
        L($"VARIABLES {string.Join(", ", allVarNames)}");
        L();
        L($"vars == <<{string.Join(", ", allVarNames)}>>");
        L();
        L("Max2(x, y) == IF x >= y THEN x ELSE y");
        L("Majority(S) == Cardinality(S) * 2 > Cardinality(Node)");
        L("\\* A set logged as a list in an order the spec does not know: x inserted anywhere in s.");
        L("Insertions(s, x) == {SubSeq(s, 1, i) \\o <<x>> \\o SubSeq(s, i + 1, Len(s)) : i \\in 0..Len(s)}");
        L("BoundedSeqs(S, k) == UNION {[1..i -> S] : i \\in 0..k}");
        L("Range(s) == {s[i] : i \\in DOMAIN s}");
        if (messages is not null)
        {
            L("\\* The messages in flight are a bag: a function from each message to its number of copies.");
            L("Put(b, m) == [x \\in DOMAIN b \\cup {m} |-> IF x = m THEN (IF m \\in DOMAIN b THEN b[m] ELSE 0) + 1 ELSE b[x]]");
            L("Take(b, m) == [x \\in {y \\in DOMAIN b : y # m \\/ b[y] > 1} |-> IF x = m THEN b[x] - 1 ELSE b[x]]");
        }
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
        if (messages is not null)
        {
            L($"    /\\ {bag} = [x \\in {{}} |-> 0]");
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
            if (messages is not null)
            {
                if (messages.Senders.TryGetValue(a.Event, out var to))
                {
                    L($"    /\\ {bag}' = Put({bag}, {Message(messages, "n", paramNames[to], paramNames)})");
                }
                else if (messages.Receivers.TryGetValue(a.Event, out var from))
                {
                    var message = Message(messages, paramNames[from], "n", paramNames);
                    L($"    /\\ {message} \\in DOMAIN {bag}   \\* a message in flight");
                    L(messages.Consumed ? $"    /\\ {bag}' = Take({bag}, {message})" : $"    /\\ UNCHANGED {bag}");
                }
                else
                {
                    unchanged.Add(bag);
                }
            }
            if (unchanged.Count > 0)
            {
                L($"    /\\ UNCHANGED <<{string.Join(", ", unchanged)}>>");
            }
            L();
            if (a.Args.Length > 0)
            {
                // One definition per action around its quantifiers: trace validation then skips the other actions' quantifiers
                // unopened, and each argument ranges over the values its guard allows, not over its whole domain.
                L($"\\* {a.Name} with every argument its guard allows{(messages?.Receivers.ContainsKey(a.Event) == true ? ", the message one in flight" : "")}.");
                L($"{a.Name}Any(n) ==");
                L($"    {Quantified(a, messages, paramNames, names, s)}");
                L();
            }
        }
        if (messages?.Drop is { } drop)
        {
            List<string> ps = ["sender", "receiver", .. messages.Payload.Select(p => paramNames[p])];
            var message = Message(messages, "sender", "receiver", paramNames);
            L($"\\* {drop.Event} (the environment's): a message in flight is lost.");
            L($"{DropName(d)}({string.Join(", ", ps)}) ==");
            L($"    /\\ {message} \\in DOMAIN {bag}");
            L($"    /\\ {bag}' = Take({bag}, {message})");
            L($"    /\\ UNCHANGED <<{string.Join(", ", varNames)}>>");
            L();
        }
        L("Next ==");
        L("    \\/ \\E n \\in Node :");
        foreach (var a in d.Actions)
        {
            L(a.Args.Length == 0 ? $"          \\/ {a.Name}(n)" : $"          \\/ {a.Name}Any(n)");
        }
        if (d.Actions.Count == 0)
        {
            L("          \\/ FALSE");
        }
        if (messages?.Drop is not null)
        {
            L($"    \\/ \\E msg \\in DOMAIN {bag} : {DropName(d)}({string.Join(", ", messages.Fields.Select(f => $"msg.{Field(f)}"))})");
        }
        L();
        L("Spec == Init /\\ [][Next]_vars");
        L();
        var seqVars = Enumerable.Range(0, s.Variables.Length).Where(v => s.Variables[v].Kind == SKind.Seq).ToList();
        var bounded = intVars.Count > 0 || seqVars.Count > 0 || messages is not null;
        if (bounded)
        {
            L("\\* Model checking only (MC.cfg's CONSTRAINT): integers and sequences' lengths at most Headroom above their initial values"
                + (messages is null ? "." : ", at most Headroom copies of a message in flight."));
            L("StateBound ==");
            if (intVars.Count + seqVars.Count > 0)
            {
                L("    /\\ \\A m \\in Node :");
                foreach (var v in intVars)
                {
                    L($"          /\\ {varNames[v]}[m] <= {d.Init[v].Number.ToString(CultureInfo.InvariantCulture)} + Headroom");
                }
                foreach (var v in seqVars)
                {
                    L($"          /\\ Len({varNames[v]}[m]) <= {d.Init[v].Items.Length.ToString(CultureInfo.InvariantCulture)} + Headroom");
                }
            }
            if (messages is not null)
            {
                L($"    /\\ \\A x \\in DOMAIN {bag} : {bag}[x] <= Headroom");
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
        if (bounded)
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
        if (messages?.Drop is { } dropped)
        {
            var args = new[] { ("sender", dropped.Src), ("receiver", dropped.Dst) }.Concat(messages.Payload.Select(p => (paramNames[p], p)))
                .Select(p => new ActionArgument(p.Item1, ArgSource.Field($"{dropped.Arg}.{p.Item2}"))).ToImmutableArray();
            events[dropped.Event] = new EventMapping(dropped.Event, DropName(d), args);
        }
        foreach (var a in d.Actions)
        {
            var args = new[] { new ActionArgument("n", ArgSource.Node) }
                .Concat(a.Args.Select(x => new ActionArgument(paramNames[x], ArgSource.Field(x)))).ToImmutableArray();
            events[a.Event] = new EventMapping(a.Event, a.Name, args);
        }
        foreach (var ignored in d.IgnoredEvents.Where(e => !events.ContainsKey(e)))
        {
            events[ignored] = EventMapping.Ignore(ignored);
        }
        var map = new TraceMap(TraceMap.CurrentVersion, $"{d.Module}.tla", "Validate.cfg", "Node", ValueTranslations.None, variables, [], events.ToImmutable(), null);
        return new SpecTexts(sb.ToString(), cfg.ToString(), validate.ToString(), map);
    }

    /// <summary>The drop action's name.</summary>
    private static string DropName(SpecDraft d) => d.Schema.Messages?.Drop is { } drop ? SpecNames.ActionName(d.Schema, drop.Event) + "Message" : "";

    /// <summary>A message record's field name.</summary>
    private static string Field(string name) => TlaText.Identifier(name);

    /// <summary>The message record from its sender, receiver and payload parameters.</summary>
    private static string Message(MessageShape m, string src, string dst, IReadOnlyDictionary<string, string> paramNames) =>
        "[" + string.Join(", ", m.Payload.Select(p => $"{Field(p)} |-> {paramNames[p]}").Prepend($"dst |-> {dst}").Prepend($"src |-> {src}")) + "]";

    /// <summary>
    /// The action under quantifiers over its arguments: a received message's fields from the message in flight, every
    /// other argument over the values its guard allows (an equality: that value; a bound: up to it), else its domain.
    /// </summary>
    private static string Quantified(ActionModel a, MessageShape? messages, IReadOnlyDictionary<string, string> paramNames, Naming names, TraceSchema s)
    {
        var fromMessage = new Dictionary<string, string>(StringComparer.Ordinal);
        var prefix = "";
        if (messages is not null && messages.Receivers.TryGetValue(a.Event, out var from))
        {
            fromMessage[from] = "msg.src";
            foreach (var p in messages.Payload)
            {
                fromMessage[p] = $"msg.{Field(p)}";
            }
            prefix = $"\\E msg \\in DOMAIN {SpecNames.MessagesName(s)} : ";
        }
        var free = a.Args.Where(x => !fromMessage.ContainsKey(x)).ToList();
        var binds = free.Select(x => $"{paramNames[x]} \\in {ArgDomain(a, x, paramNames, names, s)}").ToList();
        var call = $"{a.Name}({string.Join(", ", a.Args.Select(x => fromMessage.TryGetValue(x, out var f) ? f : paramNames[x]).Prepend("n"))})";
        return prefix + (binds.Count == 0 ? call : $"\\E {string.Join(", ", binds)} : {call}");
    }

    private static string ArgDomain(ActionModel a, string arg, IReadOnlyDictionary<string, string> paramNames, Naming names, TraceSchema s)
    {
        var domain = $"{TlaText.Capitalized(paramNames[arg])}Values";
        var self = new ArgTerm(arg);
        var low = Math.Min(0, ArgFacts(s, arg).Min).ToString(CultureInfo.InvariantCulture);
        foreach (var g in a.Guard)
        {
            if (g.Pred is not CmpPred c || c.Args.Count() != 1)
            {
                continue;
            }
            var (other, op, argOnLeft) = c.Left.Equals(self) ? (c.Right, c.Op, true) : c.Right.Equals(self) ? (c.Left, c.Op, false) : (null, c.Op, false);
            if (other is null)
            {
                continue;
            }
            switch (op)
            {
                case Cmp.Eq:
                    return $"{{{other.Render(names)}}}";
                case Cmp.Le when argOnLeft:
                    domain = $"{low}..{other.Render(names)}";
                    break;
                case Cmp.Lt when argOnLeft:
                    domain = $"{low}..({other.Render(names)} - 1)";
                    break;
            }
        }
        return OwnValues(a, arg, s) ?? domain;
    }

    /// <summary>
    /// An enumerated argument's values as this event kind shows them, when they are fewer than all kinds show under the
    /// name: a request is sent with a request's type, never a response's, which another event sends (a spec that let the
    /// send take any type let a node forge a granted vote). Null when the kind shows them all, or for nodes and numbers.
    /// </summary>
    private static string? OwnValues(ActionModel a, string arg, TraceSchema s)
    {
        if (!s.Events.TryGetValue(a.Event, out var e) || !e.Args.TryGetValue(arg, out var own) || own.Kind is not (SKind.Str or SKind.Bool)
            || own.Values.Any(v => v.MentionsNode) || own.Values.Count >= ArgFacts(s, arg).Values.Count)
        {
            return null;
        }
        return $"{{{string.Join(", ", own.Values.Select(v => v.Text).Order(StringComparer.Ordinal))}}}";
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
        // Values naming a node inside (records from another event's field of the same name) cannot be spelt as constants.
        var strings = facts.Values.Where(v => v.Kind != SKind.Node && !v.MentionsNode).Select(v => v.Text).ToList();
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
