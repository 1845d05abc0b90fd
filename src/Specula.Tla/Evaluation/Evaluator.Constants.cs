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
            known = IsConstant(e, 0, null) ? ConstantNotYetEvaluated : NotConstant;
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
    internal bool IsConstant(Expr e) => IsConstant(e, 0, null);

    private bool IsConstant(Expr e, int depth, Closed? closed)
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
                return IsConstant(p.Inner, depth, closed);
            case SetEnumeration s:
                return AllConstant(s.Elements, depth, closed);
            case TupleExpr t:
                return AllConstant(t.Elements, depth, closed);
            case CartesianProduct c:
                return AllConstant(c.Factors, depth, closed);
            case RecordConstructor r:
                return r.Fields.All(f => IsConstant(f.Value, depth, closed));
            case RecordSet r:
                return r.Fields.All(f => IsConstant(f.Value, depth, closed));
            case FunctionSet f:
                return IsConstant(f.Domain, depth, closed) && IsConstant(f.Range, depth, closed);
            case IfThenElse i:
                return IsConstant(i.Condition, depth, closed) && IsConstant(i.Then, depth, closed) && IsConstant(i.Else, depth, closed);
            case Binary b:
                return IsPureOperator(b) && IsConstant(b.Left, depth, closed) && IsConstant(b.Right, depth, closed);
            case Unary u:
                return IsPureOperator(u) && IsConstant(u.Operand, depth, closed);
            case OpApp { Path.Length: 0 } app:
                return IsConstantReference(app, closed) && AllConstant(app.Arguments, depth, closed);
            // A filter or map whose set and body read nothing but constants and its own bound names
            // ({x \in {-1, 0, 1} \X {-1, 0, 1} : x /= <<0, 0>>} in a LET of an operator called for every cell).
            case SetFilter f:
                return f.Bound.Set is { } filtered && IsConstant(filtered, depth, closed) && IsConstant(f.Predicate, depth, Closed.With(closed, f.Bound));
            case SetMap m:
            {
                var inner = closed;
                foreach (var bound in m.Bounds)
                {
                    if (bound.Set is not { } mapped || !IsConstant(mapped, depth, closed))
                    {
                        return false;
                    }
                    inner = Closed.With(inner, bound);
                }
                return IsConstant(m.Element, depth, inner);
            }
            default:
                return false;
        }
    }

    private bool AllConstant(System.Collections.Immutable.ImmutableArray<Expr> expressions, int depth, Closed? closed)
    {
        foreach (var e in expressions)
        {
            if (!IsConstant(e, depth, closed))
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

    private bool IsConstantReference(OpApp app, Closed? closed)
    {
        if (Effective(app) is not { } symbol)
        {
            return false;
        }
        if (symbol.Kind == SymbolKind.BoundVariable)
        {
            return app.Arguments.Length == 0 && Closed.Binds(closed, symbol.Declaration);
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

    /// <summary>The bound names of the enclosing filters and maps of an expression tested for constancy.</summary>
    private sealed record Closed(object Name, Closed? Next)
    {
        public static Closed? With(Closed? closed, BoundDecl bound)
        {
            foreach (var name in bound.Names)
            {
                closed = new Closed(name, closed);
            }
            return closed;
        }

        public static bool Binds(Closed? closed, object? declaration)
        {
            for (var c = closed; c is not null; c = c.Next)
            {
                if (ReferenceEquals(c.Name, declaration))
                {
                    return true;
                }
            }
            return false;
        }
    }
}
