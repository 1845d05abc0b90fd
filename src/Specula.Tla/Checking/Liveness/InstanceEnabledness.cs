using Specula.Tla.Evaluation;
using Specula.Tla.Semantics;
using Specula.Tla.Values;

namespace Specula.Tla.Checking.Liveness;

/// <summary>
/// <c>ENABLED &lt;&lt;A&gt;&gt;_v</c> of a fairness condition written in an instantiated module (the WF of an abstract
/// <c>Spec</c> checked as a refinement property). TLA+ defines <c>I!(ENABLED A)</c> as ENABLED taken in that module,
/// over its variables, before the substitution: the abstract variables are free in the next state even when the
/// instance substitutes expressions of the implementation's variables for them (EWD840's
/// <c>terminationDetected</c>), and the implementation's own variables do not matter. TLC computes it so; here each
/// variable of the instance gets a slot of its own past the implementation's, holding the value of its substitution
/// in the current state, and the action generator assigns the slots.
/// </summary>
internal sealed class InstanceEnabledness(Evaluator evaluator)
{
    private readonly HashSet<object> _instanceVariables = InstanceVariables(evaluator.Spec.Root);
    private readonly Dictionary<Bound, (Env Env, List<InstanceVariableBinding> Variables)> _rebound = new(ReferenceEqualityComparer.Instance);

    /// <summary>Whether <paramref name="angle"/> (an <c>&lt;&lt;A&gt;&gt;_v</c>) is enabled in <paramref name="current"/>.</summary>
    public bool IsEnabled(Bound angle, Value[] current)
    {
        if (ReferenceEquals(angle.Env.Base, Env.Empty))
        {
            return new ActionGenerator(evaluator).IsEnabled(angle.Expression, angle.Env, current);
        }
        if (!_rebound.TryGetValue(angle, out var rebound))
        {
            var variables = new List<InstanceVariableBinding>();
            var env = angle.Env.Rebind((key, binding) =>
            {
                if (!_instanceVariables.Contains(key) || binding is InstanceVariableBinding)
                {
                    return null;
                }
                var own = new InstanceVariableBinding(current.Length + variables.Count, binding);
                variables.Add(own);
                return own;
            });
            rebound = (env, variables);
            _rebound[angle] = rebound;
        }
        var extended = new Value[current.Length + rebound.Variables.Count];
        current.CopyTo(extended, 0);
        var now = StatePair.Of(current);
        foreach (var variable in rebound.Variables)
        {
            extended[variable.Slot] = evaluator.ValueOf(variable.Substitution, angle.Expression, now);
        }
        return new ActionGenerator(evaluator).IsEnabled(angle.Expression, rebound.Env, extended);
    }

    /// <summary>The declarations of the variables of the modules <paramref name="root"/> reaches (by EXTENDS and INSTANCE), but its own.</summary>
    private static HashSet<object> InstanceVariables(ResolvedModule root)
    {
        var declarations = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var seen = new HashSet<ResolvedModule>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<ResolvedModule>([root]);
        while (pending.Count > 0)
        {
            var module = pending.Pop();
            if (!seen.Add(module))
            {
                continue;
            }
            if (!ReferenceEquals(module, root))
            {
                foreach (var variable in module.Variables)
                {
                    if (variable.Declaration is { } declaration)
                    {
                        declarations.Add(declaration);
                    }
                }
            }
            // Unnamed and named instances (I == INSTANCE M), also those of extended modules.
            foreach (var next in module.Extends.Concat(module.Instances.Select(i => i.Module))
                .Concat(module.Definitions.Select(d => d.Instance?.Module).OfType<ResolvedModule>()))
            {
                pending.Push(next);
            }
        }
        return declarations;
    }
}
