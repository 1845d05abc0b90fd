using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Specula.Tla.Evaluation;
using Specula.Tla.Values;
using Specula.Traces.Format;
using Specula.Traces.Mapping;

namespace Specula.Traces.Validation;

/// <summary>One event compiled: the step to take, or nothing (an ignored event), or why it cannot be compiled.</summary>
/// <param name="Step">The step; null for an ignored event or a problem.</param>
/// <param name="Problem">Why the event cannot be compiled; null otherwise.</param>
public readonly record struct CompiledEvent(PlannedStep? Step, ValidationDiagnostic? Problem);

/// <summary>
/// Turns the events of one trace, in order, into the steps the validator takes (<see cref="MapBinding"/> knows
/// how; this keeps what one trace needs). A node logs its whole observed state after each of its events, and most
/// of it did not change since its previous event, so for each node and state field the compiler keeps the JSON
/// last converted with its observation, and reuses the observation when the JSON is byte for byte the same: the
/// conversion is a pure function of the field, the node and the JSON. Not thread-safe: one per trace.
/// </summary>
public sealed class StepCompiler
{
    private readonly TraceMap _map;
    private readonly SpecStepper _stepper;
    private readonly Dictionary<string, (int Slot, VariableMapping Mapping)> _observed;
    private readonly TraceValueConverter _converter;
    private readonly Dictionary<string, NodeMemory> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (SpecAction Action, ArgSource[] Sources)> _actions = new(StringComparer.Ordinal);
    private readonly List<Observation> _scratch = [];
    private readonly Utf8Names _names = new();
    private readonly ConversionMemo _memo = new();

    internal StepCompiler(TraceMap map, SpecStepper stepper, Dictionary<string, (int Slot, VariableMapping Mapping)> observed, TraceValueConverter converter)
    {
        _map = map;
        _stepper = stepper;
        _observed = observed;
        _converter = converter;
    }

    /// <summary>Compiles <paramref name="e"/>, the <paramref name="index"/>-th event (1-based) of the trace.</summary>
    public CompiledEvent Compile(TraceEvent e, int index)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (!_map.Events.TryGetValue(e.Event, out var mapping))
        {
            return new(null, new ValidationDiagnostic(ValidationCodes.UnmappedEvent,
                $"The event {e.Event} is not in the map: map it to an action of the spec, or to 'ignore'.", e.Location));
        }
        if (mapping.IsIgnored)
        {
            return default;
        }
        var (action, sources) = ActionOf(mapping);
        var node = NodeOf(e.Node);
        var arguments = new Value?[sources.Length];
        for (var p = 0; p < sources.Length; p++)
        {
            if (sources[p] is NodeSource)
            {
                arguments[p] = node.Value;
                continue;
            }
            if (sources[p] is FieldSource { Path: var argument } && !argument.Contains('.', StringComparison.Ordinal)
                && e.Args is RawFields raw && raw.IndexOf(argument) is >= 0 and var at
                && _converter.TryConvertRaw(raw.Raw(at), argument, _names, _memo, out var fast))
            {
                arguments[p] = fast;
                continue;
            }
            var converted = _converter.ConvertArgument(e, sources[p]);
            if (converted.Error is { } error)
            {
                return new(null, new ValidationDiagnostic(ValidationCodes.BadValue, error.Message, e.Location));
            }
            arguments[p] = converted.IsFree ? null : converted.Value;
        }
        _scratch.Clear();
        var slot = 0;
        var rawState = e.State as RawFields;
        var fields = rawState?.Count ?? 0;
        using var keys = rawState is null ? e.State.Keys.GetEnumerator() : null;
        for (var i = 0; rawState is null ? keys!.MoveNext() : i < fields; i++)
        {
            var field = rawState is null ? keys!.Current : rawState.NameAt(i);
            if (!_observed.TryGetValue(field, out var observed))
            {
                continue;
            }
            // The field's first entry, as the converter reads it (a key written twice is rare).
            var json = rawState is null ? JsonMarshal.GetRawUtf8Value(e.State[field]) : rawState.Raw(rawState.IndexOf(field, i));
            if (node.Observation(slot, field, json) is not { } observation)
            {
                if (rawState is null || !_converter.TryConvertRaw(json, field, _names, _memo, out var value))
                {
                    var converted = _converter.ConvertState(e, field);
                    if (converted.Error is { } error)
                    {
                        return new(null, new ValidationDiagnostic(ValidationCodes.BadValue, error.Message, e.Location));
                    }
                    value = converted.Value;
                }
                var perNode = observed.Mapping.Per == VariableScope.Node;
                observation = new Observation(observed.Mapping.Variable, observed.Slot, perNode ? node.Value : null, perNode ? e.Node : null, value);
                node.Remember(slot, field, json, observation);
            }
            _scratch.Add(observation);
            slot++;
        }
        return new(new PlannedStep(e, index, action.Name, [.. arguments], [.. _scratch]), null);
    }

    private (SpecAction Action, ArgSource[] Sources) ActionOf(EventMapping mapping)
    {
        if (!_actions.TryGetValue(mapping.Event, out var found))
        {
            var action = _stepper.FindAction(mapping.Action!)!;
            found = (action, [.. action.Parameters.Select(p => mapping.Args.First(a => a.Parameter == p).Source)]);
            _actions[mapping.Event] = found;
        }
        return found;
    }

    private NodeMemory NodeOf(string node)
    {
        if (!_nodes.TryGetValue(node, out var memory))
        {
            _nodes[node] = memory = new NodeMemory(_converter.ConvertNode(node));
        }
        return memory;
    }

    /// <summary>What was last converted for one node: per observed field (in the order the node logs them), the raw
    /// JSON and the observation made of it.</summary>
    private sealed class NodeMemory(Value value)
    {
        private readonly List<(string Field, byte[] Json, int Length, Observation Observation)> _fields = [];

        /// <summary>The node's value (a model value or a string).</summary>
        public Value Value { get; } = value;

        /// <summary>The observation made of the same JSON last time, or null.</summary>
        public Observation? Observation(int slot, string field, ReadOnlySpan<byte> json)
        {
            if (slot >= _fields.Count)
            {
                return null;
            }
            var (f, bytes, length, observation) = _fields[slot];
            return string.Equals(f, field, StringComparison.Ordinal) && json.SequenceEqual(bytes.AsSpan(0, length))
                ? observation
                : null;
        }

        public void Remember(int slot, string field, ReadOnlySpan<byte> raw, Observation observation)
        {
            var bytes = slot < _fields.Count && _fields[slot].Json.Length >= raw.Length ? _fields[slot].Json : new byte[Math.Max(raw.Length, 16)];
            raw.CopyTo(bytes);
            var entry = (field, bytes, raw.Length, observation);
            if (slot < _fields.Count)
            {
                _fields[slot] = entry;
            }
            else
            {
                _fields.Add(entry);
            }
        }
    }
}
