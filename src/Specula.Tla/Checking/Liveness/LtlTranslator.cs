using Specula.Tla.Evaluation;
using Specula.Tla.Semantics;
using Specula.Tla.Syntax;

using static Specula.Tla.Syntax.SyntaxExtensions;

namespace Specula.Tla.Checking.Liveness;

/// <summary>
/// Translates a TLA+ temporal formula into an <see cref="Ltl"/> formula, as TLC's <c>Liveness.astToLive</c> does:
/// expressions without temporal operators become atoms (state predicates, ENABLED included, and actions such as
/// <c>&lt;&lt;A&gt;&gt;_v</c> or <c>[A]_v</c>); <c>/\</c>, <c>\/</c>, <c>~</c>, <c>=&gt;</c>, <c>&lt;=&gt;</c>, IF
/// and CASE with temporal arms, <c>\A</c>/<c>\E</c> over constant sets, LET and definitions (through instances) are
/// taken apart; <c>P ~&gt; Q</c> is <c>[](~P \/ &lt;&gt;Q)</c>, <c>WF_v(A)</c> is
/// <c>[]&lt;&gt;(~ENABLED &lt;&lt;A&gt;&gt;_v \/ &lt;&lt;A&gt;&gt;_v)</c> and <c>SF_v(A)</c> is
/// <c>&lt;&gt;[]~ENABLED &lt;&lt;A&gt;&gt;_v \/ []&lt;&gt;&lt;&lt;A&gt;&gt;_v</c>. Anything else (temporal quantifiers,
/// <c>-+-&gt;</c>, a temporal formula under a quantifier over a set that depends on the state) gives null.
/// </summary>
internal sealed class LtlTranslator(SpecContext context, TemporalReader parts, LtlAtoms atoms)
{
    /// <summary>The formula, or null when it has a part that cannot be translated.</summary>
    public Ltl? Translate(Expr e, Env env)
    {
        e = WithoutParens(e)!;
        if (parts.IsState(e, env))
        {
            return new LtlLiteral(atoms.Get(AtomKind.State, e, env), true);
        }
        if (parts.IsAction(e, env))
        {
            return new LtlLiteral(atoms.Get(AtomKind.Action, e, env), true);
        }
        switch (e)
        {
            case Labeled l:
                return Translate(l.Body, env);
            case Let l:
                return Translate(l.Body, Evaluator.BindLetFor(l, env));
            case Fairness f:
                return Fairness(f, env);
            case Unary u when context.Resolve(u) is { Kind: SymbolKind.BuiltIn } op:
                return op.Name switch
                {
                    "~" or "\\lnot" or "\\neg" => Translate(u.Operand, env)?.Negate(),
                    "[]" => Translate(u.Operand, env) is { } always ? Ltl.Always(always) : null,
                    "<>" => Translate(u.Operand, env) is { } eventually ? Ltl.Eventually(eventually) : null,
                    _ => null,
                };
            case Binary b when context.Resolve(b) is { Kind: SymbolKind.BuiltIn } op:
            {
                if (Translate(b.Left, env) is not { } left || Translate(b.Right, env) is not { } right)
                {
                    return null;
                }
                return op.Name switch
                {
                    "/\\" or "\\land" => Ltl.And([left, right]),
                    "\\/" or "\\lor" => Ltl.Or([left, right]),
                    "=>" => Ltl.Or([left.Negate(), right]),
                    "<=>" or "\\equiv" => Ltl.Or([Ltl.And([left, right]), Ltl.And([left.Negate(), right.Negate()])]),
                    "~>" => Ltl.Always(Ltl.Or([left.Negate(), Ltl.Eventually(right)])),
                    _ => null,
                };
            }
            case JunctionList j:
            {
                var items = j.Items.Select(i => Translate(i, env)).ToList();
                if (items.Any(i => i is null))
                {
                    return null;
                }
                return j.IsConjunction ? Ltl.And(items!) : Ltl.Or(items!);
            }
            case IfThenElse ite:
            {
                if (Translate(ite.Condition, env) is not { } condition || Translate(ite.Then, env) is not { } then
                    || Translate(ite.Else, env) is not { } otherwise)
                {
                    return null;
                }
                return Ltl.Or([Ltl.And([condition, then]), Ltl.And([condition.Negate(), otherwise])]);
            }
            case Case c:
                return Case(c, env);
            case Quantified { Kind: Quantifier.Forall or Quantifier.Exists } q when parts.Bindings(q, env) is { } bindings:
            {
                var items = bindings.Select(b => Translate(q.Body, b)).ToList();
                if (items.Any(i => i is null))
                {
                    return null;
                }
                return q.Kind == Quantifier.Forall ? Ltl.And(items!) : Ltl.Or(items!);
            }
            case OpApp app when parts.Unfold(app, env) is var (body, bodyEnv) && body is not null:
                return Translate(body, bodyEnv);
            default:
                return null;
        }
    }

    private Ltl Fairness(Fairness f, Env env)
    {
        // <<A>>_v as one expression, so ENABLED of it and its steps are the atoms of this condition.
        var angle = new ActionExpr(f.Action, f.Subscript, IsAngle: true);
        var enabled = new LtlLiteral(atoms.Get(AtomKind.EnabledAngle, angle, env), true);
        var step = new LtlLiteral(atoms.Get(AtomKind.Action, angle, env), true);
        return f.IsStrong
            ? Ltl.Or([Ltl.Eventually(Ltl.Always(enabled.Negate())), Ltl.Always(Ltl.Eventually(step))])
            : Ltl.Always(Ltl.Eventually(Ltl.Or([enabled.Negate(), step])));
    }

    // CASE p1 -> e1 [] ... [] OTHER -> e: arm i holds when its guard does and no earlier one (TLC takes the first).
    private Ltl? Case(Case c, Env env)
    {
        var arms = new List<Ltl>();
        var earlier = new List<Ltl>();
        foreach (var arm in c.Arms)
        {
            if (Translate(arm.Guard, env) is not { } guard || Translate(arm.Value, env) is not { } value)
            {
                return null;
            }
            arms.Add(Ltl.And([.. earlier.Select(g => g.Negate()), guard, value]));
            earlier.Add(guard);
        }
        if (c.Other is { } other)
        {
            if (Translate(other, env) is not { } value)
            {
                return null;
            }
            arms.Add(Ltl.And([.. earlier.Select(g => g.Negate()), value]));
        }
        return Ltl.Or(arms);
    }
}
