using Specula.Synthesis.Mining;

namespace Specula.Synthesis;

/// <summary>The names the generated spec gives to fields, arguments and events.</summary>
internal static class SpecNames
{
    public static string VariableName(TraceSchema schema, int v) => TlaText.Safe(schema.Variables[v].Name, "Var");

    /// <summary>An argument's parameter name: the field's, unless a variable or keyword already has it.</summary>
    public static string ParameterName(TraceSchema schema, string arg)
    {
        var id = TlaText.Safe(arg, "Arg");
        var clashes = Enumerable.Range(0, schema.Variables.Length).Any(v => VariableName(schema, v) == id);
        return clashes ? id + "Arg" : id;
    }

    /// <summary>The variable holding the messages in flight.</summary>
    public static string MessagesName(TraceSchema schema) =>
        Enumerable.Range(0, schema.Variables.Length).Any(v => VariableName(schema, v) == "msgs") ? "msgsInFlight" : "msgs";

    public static string ActionName(TraceSchema schema, string eventName)
    {
        var id = TlaText.Capitalized(TlaText.Identifier(eventName));
        var clashes = Enumerable.Range(0, schema.Variables.Length).Any(v => VariableName(schema, v) == id);
        return clashes || id is "Init" or "Next" or "Spec" or "TypeOK" or "Node" or "StateBound" or "Trace" ? id + "Step" : id;
    }

    public static string ModuleName(string system)
    {
        var parts = system.Split(['-', '_', '.', ' ', '/'], StringSplitOptions.RemoveEmptyEntries);
        var name = string.Concat(parts.Select(p => TlaText.Capitalized(TlaText.Identifier(p))));
        return name.Length == 0 ? "Spec" : name == "Trace" || name == "MC" ? name + "Spec" : name;
    }
}
