using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Specula.Tla.Checking;
using Specula.Tla.Evaluation;
using Specula.Tla.Values;
using Specula.Traces.Mapping;

namespace Specula.Traces.Simulation;

/// <summary>How to simulate.</summary>
/// <param name="Events">Logged events to produce (fewer when the spec deadlocks).</param>
/// <param name="Seed">Seed of the random choices; the same seed gives the same trace.</param>
/// <param name="SilentProbability">Chance of taking a silent action (not logged) before an event, within the map's bound.</param>
public sealed record SimulationOptions(int Events, long Seed, double SilentProbability = 0.1);

/// <summary>A simulated trace: the NDJSON text and what it took.</summary>
/// <param name="Text">The trace, one event a line, in the trace format.</param>
/// <param name="Events">Events logged.</param>
/// <param name="SilentSteps">Silent actions taken (not logged).</param>
/// <param name="Deadlocked">Whether the spec had no mapped action left before the requested length.</param>
public sealed record SimulatedTrace(string Text, int Events, int SilentSteps, bool Deadlocked);

/// <summary>
/// Writes traces that a spec produces, in the trace format through a trace map (the inverse of validation): a random
/// walk over the mapped actions from a random initial state, each step logged as the event mapped to its action, its
/// node, the arguments the map reads from fields and the observed variables after it. Used to test validation both
/// ways (every simulated trace must conform; a mutant's traces must not) and to benchmark it.
/// </summary>
public sealed class TraceSimulator
{
    private readonly SpecStepper _stepper;
    private readonly TraceMap _map;
    private readonly ImmutableArray<(string Event, EventMapping Mapping, SpecAction Action)> _events;

    /// <summary>Creates a simulator for a spec and its map.</summary>
    /// <exception cref="ArgumentException">The map names an action the spec does not define.</exception>
    public TraceSimulator(SpecStepper stepper, TraceMap map)
    {
        ArgumentNullException.ThrowIfNull(stepper);
        ArgumentNullException.ThrowIfNull(map);
        _stepper = stepper;
        _map = map;
        _events = [.. map.Events.Where(e => !e.Value.IsIgnored).OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => (e.Key, e.Value, stepper.FindAction(e.Value.Action!) ?? throw new ArgumentException($"The spec has no action {e.Value.Action}.", nameof(map))))];
    }

    /// <summary>Simulates one trace.</summary>
    public SimulatedTrace Simulate(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(unchecked((int)options.Seed ^ (int)(options.Seed >> 32)));
        var initial = _stepper.InitialStates();
        var state = initial[random.Next(initial.Length)];
        var text = new StringBuilder();
        var seq = new Dictionary<string, long>(StringComparer.Ordinal);
        var silentSteps = 0;
        var silent = _map.Silent is { Bound: > 0 } s ? s : null;
        for (var logged = 0; logged < options.Events; logged++)
        {
            for (var k = 0; silent is not null && k < silent.Bound && random.NextDouble() < options.SilentProbability; k++)
            {
                var action = silent.Actions[random.Next(silent.Actions.Length)];
                var steps = _stepper.Step(state, action, new Value?[_stepper.FindAction(action)!.Parameters.Length]).Successors;
                if (steps.IsEmpty)
                {
                    break;
                }
                state = steps[random.Next(steps.Length)].State;
                silentSteps++;
            }
            var choices = new List<(int Event, ActionStep Step)>();
            for (var e = 0; e < _events.Length; e++)
            {
                var outcome = _stepper.Step(state, _events[e].Action.Name, new Value?[_events[e].Action.Parameters.Length]);
                choices.AddRange(outcome.Successors.Select(step => (e, step)));
            }
            if (choices.Count == 0)
            {
                return new SimulatedTrace(text.ToString(), logged, silentSteps, Deadlocked: true);
            }
            var (index, chosen) = choices[random.Next(choices.Count)];
            state = chosen.State;
            text.AppendLine(EventLine(_events[index], chosen, state, seq));
        }
        return new SimulatedTrace(text.ToString(), options.Events, silentSteps, Deadlocked: false);
    }

    private string EventLine((string Event, EventMapping Mapping, SpecAction Action) e, ActionStep step, State state, Dictionary<string, long> seq)
    {
        Value? node = null;
        var args = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        for (var p = 0; p < e.Action.Parameters.Length; p++)
        {
            var source = e.Mapping.Args.First(a => a.Parameter == e.Action.Parameters[p]).Source;
            switch (source)
            {
                case NodeSource:
                    node = step.Arguments[p];
                    break;
                case FieldSource f:
                    SetPath(args, f.Segments, ToJson(step.Arguments[p], f.LastSegment));
                    break;
            }
        }
        var nodeName = node is { } n ? Name(n) : "env";
        var observed = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var variable in _map.Variables)
        {
            var value = state[_stepper.SlotOf(variable.Variable)];
            if (variable.Per == VariableScope.Node)
            {
                if (node is not { } key || !value.IsFunction || !value.AsFunction.TryApply(key, out value))
                {
                    continue;
                }
            }
            observed[variable.Field] = ToJson(value, variable.Field);
        }
        var number = seq[nodeName] = seq.GetValueOrDefault(nodeName) + 1;
        var line = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["tag"] = "trace", ["v"] = 1, ["seq"] = number, ["node"] = nodeName, ["event"] = e.Event, ["args"] = args, ["state"] = observed,
        };
        return JsonSerializer.Serialize(line);
    }

    private static void SetPath(SortedDictionary<string, object?> root, IReadOnlyList<string> path, object? value)
    {
        var current = root;
        for (var i = 0; i < path.Count - 1; i++)
        {
            if (current.GetValueOrDefault(path[i]) is not SortedDictionary<string, object?> inner)
            {
                current[path[i]] = inner = new SortedDictionary<string, object?>(StringComparer.Ordinal);
            }
            current = inner;
        }
        current[path[^1]] = value;
    }

    /// <summary>A value as the JSON a system would log for it: the inverse of the validator's reading, translations included.</summary>
    private object? ToJson(Value value, string field)
    {
        if (value.IsModelValue || value.IsString)
        {
            var name = Name(value);
            if (_map.Values.Null is { } nil && name == nil)
            {
                return null;
            }
            foreach (var (json, translated) in _map.Values.ByField.GetValueOrDefault(field) ?? ImmutableDictionary<string, string>.Empty)
            {
                if (translated == name)
                {
                    return json;
                }
            }
            return name;
        }
        if (value.IsBool)
        {
            return value.AsBool;
        }
        if (value.IsSmallInt)
        {
            return value.AsInt64;
        }
        if (value.IsFunction)
        {
            var function = value.AsFunction;
            if (function.IsTuple)
            {
                return function.Values.ToArray().Select(v => ToJson(v, field)).ToArray();
            }
            var record = new SortedDictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < function.Count; i++)
            {
                var key = function.KeyAt(i);
                record[key.IsString ? key.AsString.Text : key.ToString()] = ToJson(function.Values[i], key.IsString ? key.AsString.Text : field);
            }
            return record;
        }
        return value.ToString();
    }

    private static string Name(Value value) => value.IsModelValue ? value.AsModelValue.Name.Text : value.IsString ? value.AsString.Text : value.ToString();
}
