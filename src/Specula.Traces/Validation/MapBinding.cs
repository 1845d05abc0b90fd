using System.Collections.Immutable;
using Specula.Tla.Evaluation;
using Specula.Tla.Values;
using Specula.Traces.Format;
using Specula.Traces.Mapping;

namespace Specula.Traces.Validation;

/// <summary>Stable codes of validation problems.</summary>
public static class ValidationCodes
{
    /// <summary>The spec or its configuration has errors, or names no behaviour.</summary>
    public const string BadSpec = "VAL101";

    /// <summary>The map names an action the spec does not define, or one the next-state action never takes.</summary>
    public const string UnknownAction = "VAL102";

    /// <summary>The map's arguments do not fit the action's parameters.</summary>
    public const string BadArguments = "VAL103";

    /// <summary>The map names a variable the spec does not declare.</summary>
    public const string UnknownVariable = "VAL104";

    /// <summary>A trace has an event the map does not mention.</summary>
    public const string UnmappedEvent = "VAL105";

    /// <summary>A logged value cannot be turned into a TLA+ value (a null with no translation, a missing field).</summary>
    public const string BadValue = "VAL106";

    /// <summary>The trace file cannot be read.</summary>
    public const string BadTrace = "VAL107";

    /// <summary>The map cannot be read.</summary>
    public const string BadMap = "VAL108";

    /// <summary>The initial predicate cannot be evaluated.</summary>
    public const string BadInit = "VAL109";
}

/// <summary>
/// A trace map bound to a loaded spec: its actions, parameters and variables checked against the spec, and the
/// means to turn each logged event into the step the validator takes (action, argument values, observed values).
/// </summary>
public sealed class MapBinding
{
    private readonly TraceMap _map;
    private readonly SpecStepper _stepper;
    private readonly Dictionary<string, (int Slot, VariableMapping Mapping)> _observed = new(StringComparer.Ordinal);

    private readonly TraceValueConverter _converter;

    private MapBinding(TraceMap map, SpecStepper stepper)
    {
        _map = map;
        _stepper = stepper;
        _converter = new TraceValueConverter(map.Values, stepper.Context.Strings, stepper.ValueOfName, modelValuesByName: true);
    }

    /// <summary>The map.</summary>
    public TraceMap Map => _map;

    /// <summary>Binds <paramref name="map"/> to the spec of <paramref name="stepper"/>, reporting every mismatch.</summary>
    public static (MapBinding? Binding, ImmutableArray<ValidationDiagnostic> Diagnostics) Bind(TraceMap map, SpecStepper stepper)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(stepper);
        var binding = new MapBinding(map, stepper);
        var problems = ImmutableArray.CreateBuilder<ValidationDiagnostic>();
        string? At(string key) => map.PositionOf(key) is { } p ? $"{map.SourcePath ?? "TraceMap.yaml"}:{p.Line}:{p.Column}" : map.SourcePath;

        foreach (var variable in map.Variables)
        {
            var slot = stepper.SlotOf(variable.Variable);
            if (slot < 0)
            {
                problems.Add(new ValidationDiagnostic(ValidationCodes.UnknownVariable,
                    $"The map observes '{variable.Field}' as the variable {variable.Variable}, which the spec does not declare (its variables: {string.Join(", ", stepper.Variables)}).",
                    At($"variables.{variable.Field}")));
                continue;
            }
            binding._observed[variable.Field] = (slot, variable);
        }
        foreach (var variable in map.Unobserved.Where(v => stepper.SlotOf(v) < 0))
        {
            problems.Add(new ValidationDiagnostic(ValidationCodes.UnknownVariable, $"The map lists {variable} as unobserved, but the spec declares no such variable.", At("unobserved")));
        }
        foreach (var (name, mapping) in map.Events.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (mapping.Action is { } action)
            {
                CheckAction(action, mapping.Args, $"events.{name}", $"event {name}");
            }
        }
        foreach (var action in map.Silent?.Actions ?? [])
        {
            CheckAction(action, null, "silent", "silent steps");
        }
        return problems.Count == 0 ? (binding, []) : (null, problems.ToImmutable());

        void CheckAction(string action, ImmutableArray<ActionArgument>? args, string key, string what)
        {
            if (stepper.FindAction(action) is not { } found)
            {
                problems.Add(new ValidationDiagnostic(ValidationCodes.UnknownAction, $"The map's {what} names the action {action}, which the spec does not define.", At(key)));
                return;
            }
            if (!stepper.IsReachableFromNext(action))
            {
                problems.Add(new ValidationDiagnostic(ValidationCodes.UnknownAction,
                    $"The map's {what} names the action {action}, but the next-state action never takes it: add it to Next.", At(key)));
            }
            if (args is not { } given)
            {
                return;
            }
            foreach (var parameter in found.Parameters.Where(p => given.All(a => a.Parameter != p)))
            {
                problems.Add(new ValidationDiagnostic(ValidationCodes.BadArguments,
                    $"The map's {what} gives no value for the parameter {parameter} of {action}({string.Join(", ", found.Parameters)}): map it to $node, a field, or $any.", At(key)));
            }
            foreach (var argument in given.Where(a => !found.Parameters.Contains(a.Parameter)))
            {
                problems.Add(new ValidationDiagnostic(ValidationCodes.BadArguments,
                    $"The map's {what} gives {argument.Parameter}, which is not a parameter of {action}({string.Join(", ", found.Parameters)}).", At(key)));
            }
        }
    }

    /// <summary>The silent steps the map allows, or null.</summary>
    public SilentSteps? Silent => _map.Silent is { Bound: > 0 } s && !s.Actions.IsEmpty ? s : null;

    /// <summary>
    /// The steps of a trace: each mapped event as its action with argument values and the state it must lead to;
    /// ignored events left out. Every event that cannot be compiled is reported.
    /// </summary>
    public (ImmutableArray<PlannedStep> Steps, ImmutableArray<ValidationDiagnostic> Diagnostics) Compile(Trace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var compiler = NewCompiler();
        var steps = ImmutableArray.CreateBuilder<PlannedStep>();
        var problems = ImmutableArray.CreateBuilder<ValidationDiagnostic>();
        for (var i = 0; i < trace.Events.Count; i++)
        {
            var compiled = compiler.Compile(trace.Events[i], i + 1);
            if (compiled.Step is { } step)
            {
                steps.Add(step);
            }
            else if (compiled.Problem is { } problem)
            {
                problems.Add(problem);
            }
        }
        // A trace with hundreds of broken lines says the same thing hundreds of times: keep the first few.
        return (steps.ToImmutable(), [.. problems.Take(MaxProblems)]);
    }

    /// <summary>Problems of one trace worth reporting: a broken writer repeats the same one on every line.</summary>
    public const int MaxProblems = 20;

    /// <summary>A compiler for the events of one trace, in order (it remembers what it converted for each node).</summary>
    public StepCompiler NewCompiler() => new(_map, _stepper, _observed, _converter);
}
