namespace Specula.Synthesis.Mining;

/// <summary>
/// Takes observed steps through the mined actions in memory, as the spec will take them from the same pre-states:
/// the guard must hold and every observed field's new value must be one the action's effect allows. A cheap first
/// judge for refinement: a step it rejects is a counterexample for its action without writing or validating a spec;
/// the trace validator has the last word on the written spec.
/// </summary>
internal static class Replay
{
    /// <summary>The steps the actions reject, in order.</summary>
    public static List<Transition> Rejected(TraceSchema schema, IReadOnlyDictionary<string, ActionModel> actions, IEnumerable<Transition> steps) =>
        [.. steps.Where(t => !actions.TryGetValue(t.Event, out var a) || !Accepts(schema, a, t))];

    public static bool Accepts(TraceSchema schema, ActionModel action, Transition step)
    {
        foreach (var g in action.Guard)
        {
            if (!g.Pred.Eval(step))
            {
                return false;
            }
        }
        for (var v = 0; v < action.Effects.Length; v++)
        {
            if (!step.Observed[v])
            {
                continue;
            }
            if (schema.IsScoped(v) && !schema.Variables[v].Nodes.Contains(step.NodeName))
            {
                if (!step.Post[v].Equals(step.PreOf(v)))
                {
                    return false;
                }
                continue;
            }
            if (!Allows(action.Effects[v], step, step.Post[v]))
            {
                return false;
            }
        }
        return true;
    }

    private static bool Allows(Effect effect, Transition step, SValue post) => effect switch
    {
        LeafEffect l => l.Term.Fits(step, post),
        IfEffect i => Allows(i.Condition.Eval(step) ? i.Then : i.Else, step, post),
        ChoiceEffect c => c.Terms.Any(t => t.Fits(step, post)),
        _ => true,
    };
}
