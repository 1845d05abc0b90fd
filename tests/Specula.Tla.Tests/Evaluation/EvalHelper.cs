using Specula.Tla.Evaluation;
using Specula.Tla.Semantics;
using Specula.Tla.Syntax;
using Specula.Tla.Values;

namespace Specula.Tla.Tests.Evaluation;

/// <summary>Evaluates constant expressions of a small module through the whole front end.</summary>
internal static class EvalHelper
{
    public static SpecContext Context(string moduleBody)
    {
        var text = "---- MODULE E ----\nEXTENDS Naturals, Integers, Sequences, FiniteSets, TLC\n" + moduleBody + "\n====\n";
        var modules = new ModuleSet();
        var source = modules.Add(TlaParser.Parse("E.tla", text));
        var result = SemanticChecker.Check(modules, source);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return new SpecContext(result.Module!, new StringTable());
    }

    /// <summary>The value of <paramref name="expression"/> (defined as E in a module with the given definitions), printed as TLC prints it.</summary>
    public static string Eval(string expression, string definitions = "")
    {
        var context = Context(definitions + "\nE == " + expression);
        var value = new Evaluator(context).Eval(ModelDefinitions.Body(context, "E"), Env.Empty, new StatePair());
        return value.ToString();
    }

    public static EvaluationException Fails(string expression, string definitions = "")
    {
        var context = Context(definitions + "\nE == " + expression);
        return Assert.Throws<EvaluationException>(() =>
            new Evaluator(context).Eval(ModelDefinitions.Body(context, "E"), Env.Empty, new StatePair()));
    }
}
