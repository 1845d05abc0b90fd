using Specula.Tla.Semantics;
using Specula.Tla.Syntax;
using Specula.Tla.Values;

namespace Specula.Tla.Evaluation;

/// <summary>
/// Constant expressions evaluated once: an expression built only from literals, the model's constants, constant
/// definitions without parameters and pure standard operators (<c>1..N</c>, <c>{"a", "b"}</c>, <c>[Proc -&gt; BOOLEAN]</c>)
/// has the same value in every state, so its value is kept on its node after the first evaluation.
/// </summary>
internal sealed partial class Evaluator
{
    // Markers of NodeFacts.Constant: immutable sentinels, not state.
    private static readonly object NotConstant = new();
    private static readonly object ConstantNotYetEvaluated = new();

    /// <summary>The standard modules whose operators have no side effects and depend on nothing but their arguments.</summary>
    private static readonly HashSet<string> PureModules = ["Naturals", "Integers", "Sequences", "FiniteSets", "Bags"];

    /// <summary>The built-in operators that read states or are temporal: never constant.</summary>
    private static readonly HashSet<string> StatefulBuiltIns = ["'", "UNCHANGED", "ENABLED", "[]", "<>", "~>", "-+->", "\\cdot"];

    private Value EvalMaybeConstant(Expr e, Env env, StatePair st, bool primed)
    {
        var facts = _spec.Facts(e);
        var known = facts.Constant;
        if (known is ValueBox box)
        {
            return box.Value;
        }
        if (known is null)
        {
            known = IsConstant(e, 0) ? ConstantNotYetEvaluated : NotConstant;
            facts.Constant = known;
        }
        var value = EvalNode(e, env, st, primed);
        if (ReferenceEquals(known, ConstantNotYetEvaluated))
        {
            // Kept only once evaluated without error: an error is reported in every state that evaluates it.
            facts.Constant = new ValueBox(value);
        }
        return value;
    }

    /// <summary>Whether <paramref name="e"/> has the same value in every state and every binding of names.</summary>
    internal bool IsConstant(Expr e) => IsConstant(e, 0);

    private bool IsConstant(Expr e, int depth)
    {
        if (depth > 32)
        {
            return false;
        }
        depth++;
        switch (e)
        {
            case NumberLiteral or StringLiteral:
                return true;
            case Parens p:
                return IsConstant(p.Inner, depth);
            case SetEnumeration s:
                return AllConstant(s.Elements, depth);
            case TupleExpr t:
                return AllConstant(t.Elements, depth);
            case CartesianProduct c:
                return AllConstant(c.Factors, depth);
            case RecordConstructor r:
                return r.Fields.All(f => IsConstant(f.Value, depth));
            case RecordSet r:
                return r.Fields.All(f => IsConstant(f.Value, depth));
            case FunctionSet f:
                return IsConstant(f.Domain, depth) && IsConstant(f.Range, depth);
            case IfThenElse i:
                return IsConstant(i.Condition, depth) && IsConstant(i.Then, depth) && IsConstant(i.Else, depth);
            case Binary b:
                return IsPureOperator(b) && IsConstant(b.Left, depth) && IsConstant(b.Right, depth);
            case Unary u:
                return IsPureOperator(u) && IsConstant(u.Operand, depth);
            case OpApp { Path.Length: 0 } app:
                return IsConstantReference(app) && AllConstant(app.Arguments, depth);
            default:
                return false;
        }
    }

    private bool AllConstant(System.Collections.Immutable.ImmutableArray<Expr> expressions, int depth)
    {
        foreach (var e in expressions)
        {
            if (!IsConstant(e, depth))
            {
                return false;
            }
        }
        return true;
    }

    private Symbol? Effective(SyntaxNode node)
    {
        var symbol = _spec.Resolve(node);
        return symbol is not null && _spec.TryGetOverride(symbol, out var replacement) ? replacement : symbol;
    }

    private bool IsPureOperator(SyntaxNode node) => Effective(node) is { } symbol && IsPure(symbol);

    private static bool IsPure(Symbol symbol) => symbol.Kind switch
    {
        SymbolKind.BuiltIn => !StatefulBuiltIns.Contains(symbol.Name),
        SymbolKind.StandardOperator => PureModules.Contains(symbol.ModuleName),
        _ => false,
    };

    private bool IsConstantReference(OpApp app)
    {
        if (Effective(app) is not { } symbol)
        {
            return false;
        }
        if (IsPure(symbol))
        {
            return true;
        }
        if (app.Arguments.Length > 0)
        {
            return false;
        }
        return symbol.Kind switch
        {
            SymbolKind.Constant => _spec.TryGetConstant(symbol, out _),
            // A definition of the root module's scope (not a LET, not an instance's), constant and without parameters:
            // evaluated once already (SpecContext.ConstantCache), or given a value by the model.
            SymbolKind.Operator => _spec.TryGetConstant(symbol, out _)
                || (symbol is { Arity: 0, Level: Level.Constant, Origin: null, Definition: OperatorDef } && _spec.IsModuleDefinition(symbol)
                    && ReferenceEquals(_spec.Root.Lookup(symbol.Name), symbol)),
            _ => false,
        };
    }
}
