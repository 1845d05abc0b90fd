using System.Text.RegularExpressions;
using Specula.Agents.Checks;
using Specula.Tla.Config;
using Specula.Tla.Syntax;

namespace Specula.Agents.Runs;

/// <summary>A change a gate refused: the gate's stable name and why, to transcribe and tell the reasoner.</summary>
/// <param name="Gate">invariantKept | actionKept | ignoreNotWidened.</param>
/// <param name="Reason">What the change did that is not allowed.</param>
public sealed record GateRejection(string Gate, string Reason);

/// <summary>
/// Rules a repair must keep, enforced in code whatever the reasoner says: an invariant that held stays in MC.cfg
/// with the same definition, an action the traces exercise stays defined, and the trace map ignores no more events
/// than before. Passing checks by deleting what failed them is the cheat these forbid.
/// </summary>
public static partial class SpecGates
{
    /// <summary>Gate name: an invariant that held was removed from MC.cfg or its definition changed.</summary>
    public const string InvariantKept = "invariantKept";

    /// <summary>Gate name: an action named by the trace map's events is no longer defined.</summary>
    public const string ActionKept = "actionKept";

    /// <summary>Gate name: the trace map ignores (or drops) events it mapped before.</summary>
    public const string IgnoreNotWidened = "ignoreNotWidened";

    /// <summary>
    /// The definitions (whitespace-normalized text) of <paramref name="names"/> in the snapshot's spec module; a name
    /// without a definition is left out.
    /// </summary>
    public static IReadOnlyDictionary<string, string> InvariantDefinitions(SpecSnapshot snapshot, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var definitions = Definitions(snapshot);
        return names.Where(definitions.ContainsKey).Distinct().ToDictionary(n => n, n => definitions[n], StringComparer.Ordinal);
    }

    /// <summary>Every rule <paramref name="after"/> breaks relative to <paramref name="before"/>; empty when the change may stand.</summary>
    /// <param name="before">The spec folder before the change.</param>
    /// <param name="after">The spec folder after it.</param>
    /// <param name="protectedInvariants">Invariants that held, with their definition text when they were last seen holding.</param>
    public static IReadOnlyList<GateRejection> Check(SpecSnapshot before, SpecSnapshot after, IReadOnlyDictionary<string, string> protectedInvariants)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(protectedInvariants);
        var rejections = new List<GateRejection>();
        var afterDefinitions = Definitions(after);
        var afterInvariants = ConfigInvariants(after);
        foreach (var (name, text) in protectedInvariants.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (afterInvariants is not null && !afterInvariants.Contains(name))
            {
                rejections.Add(new GateRejection(InvariantKept, $"invariant {name} held and was removed from the INVARIANT list of MC.cfg"));
            }
            else if (!afterDefinitions.TryGetValue(name, out var now))
            {
                rejections.Add(new GateRejection(InvariantKept, $"invariant {name} held and its definition was deleted"));
            }
            else if (now != text)
            {
                rejections.Add(new GateRejection(InvariantKept, $"invariant {name} held and its definition was changed (from '{Shorten(text)}' to '{Shorten(now)}'): an invariant that held may not be weakened"));
            }
        }

        var mapBefore = MapFacts(before);
        var mapAfter = MapFacts(after);
        foreach (var action in mapBefore.Actions.Values.Distinct().Order(StringComparer.Ordinal))
        {
            if (!afterDefinitions.ContainsKey(action) && Definitions(before).ContainsKey(action))
            {
                rejections.Add(new GateRejection(ActionKept, $"action {action} is exercised by traces (TraceMap.yaml maps an event to it) and was deleted"));
            }
        }
        // A first trace map widens nothing: the gate protects what an earlier map mapped.
        if (mapAfter.Error is null && before.Files.ContainsKey(MapFile))
        {
            foreach (var ignored in mapAfter.Ignored.Except(mapBefore.Ignored).Order(StringComparer.Ordinal))
            {
                rejections.Add(new GateRejection(IgnoreNotWidened, $"TraceMap.yaml now ignores event {ignored}"));
            }
            foreach (var dropped in mapBefore.Actions.Keys.Where(e => !mapAfter.Actions.ContainsKey(e) && !mapAfter.Ignored.Contains(e)).Order(StringComparer.Ordinal))
            {
                rejections.Add(new GateRejection(IgnoreNotWidened, $"TraceMap.yaml no longer maps event {dropped}"));
            }
        }
        return rejections;
    }

    /// <summary>The INVARIANT names of MC.cfg; null when there is no readable MC.cfg (then parse errors speak for it).</summary>
    public static IReadOnlySet<string>? ConfigInvariants(SpecSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!snapshot.Files.TryGetValue(SpecChecker.ConfigFile, out var text))
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }
        var read = ModelConfigReader.Read(SpecChecker.ConfigFile, text);
        return read.Config.Invariants.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
    }

    private const string MapFile = "TraceMap.yaml";

    private static TraceMapFacts MapFacts(SpecSnapshot snapshot) =>
        snapshot.Files.TryGetValue(MapFile, out var text) ? TraceMapFacts.Read(text) : TraceMapFacts.Empty;

    /// <summary>
    /// The source text, as written, of the definitions of <paramref name="names"/> in the snapshot's spec module (to
    /// carry a definition over into a rewritten module); a name without a definition is left out.
    /// </summary>
    public static IReadOnlyDictionary<string, string> InvariantSources(SpecSnapshot snapshot, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var sources = Definitions(snapshot, normalize: false);
        return names.Where(sources.ContainsKey).Distinct().ToDictionary(n => n, n => sources[n], StringComparer.Ordinal);
    }

    private static Dictionary<string, string> Definitions(SpecSnapshot snapshot, bool normalize = true)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var module = ModuleFile(snapshot);
        if (module is null)
        {
            return result;
        }
        var text = snapshot.Files[module];
        var parsed = TlaParser.Parse(module, text);
        foreach (var unit in parsed.Module?.Units ?? [])
        {
            var (name, span) = unit switch
            {
                OperatorDef d => (d.Name.Text, d.Span),
                FunctionDef f => (f.Name.Text, f.Span),
                _ => (null, TextSpan.None),
            };
            if (name is not null && !span.IsNone && span.End <= text.Length)
            {
                var source = text[span.Start..span.End];
                result[name] = normalize ? Normalize(source) : source;
            }
        }
        return result;
    }

    /// <summary>The snapshot's spec module: TraceMap.yaml's <c>spec</c>, else its first top-level .tla besides Trace.tla and MC.tla.</summary>
    public static string? ModuleFile(SpecSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Files.TryGetValue("TraceMap.yaml", out var map) && TraceMapFacts.Read(map).Spec is { } spec && snapshot.Files.ContainsKey(spec))
        {
            return spec;
        }
        return snapshot.Files.Keys.Where(f => f.EndsWith(".tla", StringComparison.Ordinal) && !f.Contains('/', StringComparison.Ordinal) && f is not ("Trace.tla" or "MC.tla"))
            .Order(StringComparer.Ordinal).FirstOrDefault();
    }

    private static string Normalize(string text) => Whitespace().Replace(LineComment().Replace(text, " "), " ").Trim();

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..117] + "...";

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\\\*[^\n]*")]
    private static partial Regex LineComment();
}
