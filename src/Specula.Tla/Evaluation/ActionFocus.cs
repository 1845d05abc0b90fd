using Specula.Tla.Semantics;
using Specula.Tla.Syntax;
using Specula.Tla.Values;

using static Specula.Tla.Syntax.SyntaxExtensions;

namespace Specula.Tla.Evaluation;

/// <summary>
/// The state of one focused generation (<see cref="ActionGenerator.FocusedSuccessors"/>): which action is wanted and
/// with which arguments, whether generation is inside it, and the most advanced conjunct that failed inside it, which
/// is what a divergence reports.
/// </summary>
internal sealed class ActionFocus(Symbol target, Value?[] bound, ActionReachability reachability)
{
    /// <summary>The definition of the action in focus.</summary>
    public Symbol Target { get; } = target;

    /// <summary>Its arguments; null where the argument is free.</summary>
    public Value?[] Bound { get; } = bound;

    /// <summary>Per slot, the values a successor must have there (a trace's observations); null for none.</summary>
    public SlotExpectation[]?[]? Expected { get; init; }

    /// <summary>Whether assigning <paramref name="value"/> to <paramref name="slot"/> inside the action can still
    /// lead to a wanted successor.</summary>
    public bool Admits(int slot, Value value)
    {
        if (Active == 0 || Expected?[slot] is not { } expectations)
        {
            return true;
        }
        foreach (var e in expectations)
        {
            if (!e.Holds(value))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>How deep generation is inside the action in focus; successors are kept only inside it.</summary>
    public int Active;

    /// <summary>The arguments the action was entered with on the current path.</summary>
    public Value[] Arguments = [];

    /// <summary>Conjuncts passed inside the action on the current path.</summary>
    public int Passed;

    /// <summary>Whether the action was entered at all (with matching arguments).</summary>
    public bool Entered;

    /// <summary>The conjunct that failed after the most passed ones, with the values of its parts.</summary>
    public FailedConjunct? Failure { get; private set; }

    /// <summary>
    /// Uses of definitions inside the action on the current path, outermost first: a conjunct that fails inside
    /// <c>Quorum(votes[n])</c> is reported as that use, which is what the action's author wrote.
    /// </summary>
    public List<(Expr At, Env Env)> Uses { get; } = [];

    /// <summary>Whether generating from <paramref name="symbol"/>'s body can lead to the action in focus.</summary>
    public bool MayReach(Symbol symbol) => reachability.Reaches(symbol, Target);

    /// <summary>Records a conjunct that was false inside the action, keeping the one reached last.</summary>
    public void Failed(Expr conjunct, Env env, StatePair states, Evaluator evaluator)
    {
        if (Active == 0 || (Failure is { } best && best.Passed > Passed))
        {
            return;
        }
        var (outer, outerEnv) = Uses.Count > 0 ? Uses[0] : (conjunct, env);
        Failure = new FailedConjunct(outer, Passed, [.. PartsOf(outer, outerEnv, states, evaluator)], Arguments,
            ReferenceEquals(outer, conjunct) ? null : conjunct, ReferenceEquals(outer, conjunct) ? [] : [.. PartsOf(conjunct, env, states, evaluator)]);
    }

    /// <summary>The values of a failed conjunct's immediate parts (both sides of a comparison, an operator's arguments).</summary>
    private static IEnumerable<(string Text, string Value)> PartsOf(Expr conjunct, Env env, StatePair states, Evaluator evaluator)
    {
        IEnumerable<Expr> parts = WithoutParens(conjunct) switch
        {
            Binary b => [b.Left, b.Right],
            Unary u => [u.Operand],
            OpApp { Arguments.Length: > 0 } app => app.Arguments,
            _ => [],
        };
        foreach (var part in parts)
        {
            string value;
            try
            {
                value = evaluator.EvalCore(part, env, states, primed: false).ToString();
            }
            catch (Exception ex) when (ex is EvaluationException or ValueException)
            {
                value = "(undefined: " + ex.Message + ")";
            }
            yield return (TlaPrinter.Print(part), value);
        }
    }
}

/// <summary>A conjunct that was false when an action was tried.</summary>
/// <param name="Conjunct">The conjunct.</param>
/// <param name="Passed">How many conjuncts held before it on its path.</param>
/// <param name="Parts">Its immediate parts and their values.</param>
/// <param name="Arguments">The action's arguments on that path.</param>
/// <param name="Inner">When the conjunct is a use of a definition: the conjunct inside it that failed.</param>
/// <param name="InnerParts">The inner conjunct's parts and their values.</param>
internal sealed record FailedConjunct(Expr Conjunct, int Passed, IReadOnlyList<(string Text, string Value)> Parts, Value[] Arguments,
    Expr? Inner, IReadOnlyList<(string Text, string Value)> InnerParts);

/// <summary>
/// Which definitions can lead to which action, read from their bodies (through definitions, conservatively through
/// parameters and instances), so that focused generation skips the actions that cannot take the one in focus.
/// Not thread-safe: one per stepper.
/// </summary>
internal sealed class ActionReachability(SpecContext context)
{
    // By reference: symbols are compared as declarations, and hashing one by value would cost more than the walk saves.
    private readonly Dictionary<Symbol, Dictionary<Symbol, bool>> _memo = new(ReferenceEqualityComparer.Instance);

    /// <summary>True when generating from the expression <paramref name="from"/> may take <paramref name="to"/>.</summary>
    public bool Reaches(Expr from, Symbol to) => Mentions(from, to, []);

    /// <summary>True when generating from <paramref name="from"/> may take <paramref name="to"/>.</summary>
    public bool Reaches(Symbol from, Symbol to) => Reaches(from, to, []);

    private bool Reaches(Symbol from, Symbol to, HashSet<Symbol> visiting)
    {
        if (ReferenceEquals(from, to))
        {
            return true;
        }
        if (!_memo.TryGetValue(to, out var memo))
        {
            _memo[to] = memo = new Dictionary<Symbol, bool>(ReferenceEqualityComparer.Instance);
        }
        if (memo.TryGetValue(from, out var known))
        {
            return known;
        }
        if (!visiting.Add(from))
        {
            // A recursive definition: assume it may, which only costs pruning.
            return true;
        }
        var reaches = from.Declaration is not OperatorDef def || context.TryGetOverride(from, out _) || from.Origin is not null
            || Mentions(def.Body, to, visiting);
        visiting.Remove(from);
        memo[from] = reaches;
        return reaches;
    }

    private bool Mentions(SyntaxNode node, Symbol to, HashSet<Symbol> visiting)
    {
        if (node is OpApp { Path.Length: > 0 })
        {
            return true;
        }
        if (context.Resolve(node) is { } symbol)
        {
            switch (symbol.Kind)
            {
                case SymbolKind.Operator when Reaches(symbol, to, visiting):
                    return true;
                case SymbolKind.Parameter when symbol.Arity > 0:
                    // An operator passed in: it may be the action.
                    return true;
            }
        }
        foreach (var child in Children(node))
        {
            if (Mentions(child, to, visiting))
            {
                return true;
            }
        }
        return false;
    }

    private static List<SyntaxNode> Children(SyntaxNode node)
    {
        var children = new List<SyntaxNode>();
        SyntaxChildren.AddTo(node, children);
        return children;
    }
}
