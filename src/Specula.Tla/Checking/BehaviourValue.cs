using Specula.Tla.Values;

namespace Specula.Tla.Checking;

/// <summary>
/// A behaviour as TLCExt's <c>Trace</c> answers it: a sequence of records, one per state, from each variable's name to
/// its value. The model checker and the simulator give the same shape, each from its own record of the path.
/// </summary>
internal static class BehaviourValue
{
    /// <summary>The sequence of <paramref name="steps"/> in order, each a record over <paramref name="variables"/>.</summary>
    public static Value Of(IReadOnlyList<State> steps, IReadOnlyList<string> variables, StringTable strings)
    {
        var names = variables.Select(strings.Intern).ToArray();
        var records = steps.Select(s =>
        {
            var fields = new (TlaString, Value)[names.Length];
            for (var v = 0; v < names.Length; v++)
            {
                fields[v] = (names[v], s[v]);
            }
            return FunctionValue.Record(fields).AsValue;
        }).ToArray();
        return FunctionValue.Tuple(records).AsValue;
    }
}
