using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Specula.Tla.Syntax;

namespace Specula.Tla.Semantics;

/// <summary>
/// Computes the level of any expression of a checked module from the resolved references, with the same rules as the
/// checker: variables are state level, primes and UNCHANGED make actions, ENABLED gives a state predicate, temporal
/// operators give temporal formulas, and an operator application has its definition's level raised by the arguments
/// that reach it. Parameters of enclosing definitions count as constants.
/// </summary>
internal static class ExpressionLevels
{
    public static Level Of(IReadOnlyDictionary<SyntaxNode, Symbol> references, Expr? expression) =>
        Walk(references, expression, 0).Base;

    private static LevelInfo Walk(IReadOnlyDictionary<SyntaxNode, Symbol> refs, Expr? e, int depth)
    {
        if (e is null || depth > 2000 || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            return LevelInfo.Constant;
        }
        depth++;
        switch (e)
        {
            case OpApp app:
                {
                    var pathInfo = LevelInfo.Constant;
                    foreach (var segment in Safe(app.Path))
                    {
                        foreach (var a in Safe(segment?.Arguments ?? default))
                        {
                            pathInfo = pathInfo.Max(Walk(refs, a, depth));
                        }
                    }
                    return refs.TryGetValue(app, out var symbol)
                        ? pathInfo.Max(Apply(refs, symbol, Safe(app.Arguments).AsSpan(), depth))
                        : pathInfo.Max(All(refs, app.Arguments, depth));
                }
            case Binary b:
                {
                    if (!refs.TryGetValue(b, out var symbol))
                    {
                        return Walk(refs, b.Left, depth).Max(Walk(refs, b.Right, depth));
                    }
                    if (symbol.Kind != SymbolKind.BuiltIn)
                    {
                        ReadOnlySpan<Expr> operands = [b.Left, b.Right];
                        return Apply(refs, symbol, operands, depth);
                    }
                    var left = Walk(refs, b.Left, depth);
                    var right = Walk(refs, b.Right, depth);
                    return symbol.Name switch
                    {
                        "~>" or "-+->" => LevelInfo.Temporal,
                        @"\cdot" => left.Max(right).WithBase(Level.Action),
                        _ => left.Max(right),
                    };
                }
            case Unary u:
                {
                    if (!refs.TryGetValue(u, out var symbol))
                    {
                        return Walk(refs, u.Operand, depth);
                    }
                    if (symbol.Kind != SymbolKind.BuiltIn)
                    {
                        ReadOnlySpan<Expr> operand = [u.Operand];
                        return Apply(refs, symbol, operand, depth);
                    }
                    var inner = Walk(refs, u.Operand, depth);
                    return symbol.Name switch
                    {
                        "[]" or "<>" => LevelInfo.Temporal,
                        "ENABLED" => LevelInfo.State,
                        "UNCHANGED" => LevelInfo.Action,
                        _ => inner,
                    };
                }
            case Postfix p:
                {
                    if (refs.TryGetValue(p, out var symbol) && symbol.Kind != SymbolKind.BuiltIn)
                    {
                        ReadOnlySpan<Expr> operand = [p.Operand];
                        return Apply(refs, symbol, operand, depth);
                    }
                    var inner = Walk(refs, p.Operand, depth);
                    return p.Operator?.Text == "'" ? Prime(inner) : inner;
                }
            case ActionExpr ae:
                return Walk(refs, ae.Action, depth).Max(Walk(refs, ae.Subscript, depth)).WithBase(Level.Action);
            case Fairness or TemporalQuantified:
                return LevelInfo.Temporal;
            case Parens p:
                return Walk(refs, p.Inner, depth);
            case JunctionList j:
                return All(refs, j.Items, depth);
            case CartesianProduct cp:
                return All(refs, cp.Factors, depth);
            case SetEnumeration se:
                return All(refs, se.Elements, depth);
            case TupleExpr t:
                return All(refs, t.Elements, depth);
            case FunctionApplication fa:
                return Walk(refs, fa.Function, depth).Max(All(refs, fa.Arguments, depth));
            case FieldAccess fa:
                return Walk(refs, fa.Record, depth);
            case Quantified q:
                return Bounds(refs, q.Bounds, depth).Max(Walk(refs, q.Body, depth));
            case Choose c:
                return (c.Bound is null ? LevelInfo.Constant : Walk(refs, c.Bound.Set, depth)).Max(Walk(refs, c.Body, depth));
            case SetFilter sf:
                return (sf.Bound is null ? LevelInfo.Constant : Walk(refs, sf.Bound.Set, depth)).Max(Walk(refs, sf.Predicate, depth));
            case SetMap sm:
                return Bounds(refs, sm.Bounds, depth).Max(Walk(refs, sm.Element, depth));
            case FunctionConstructor fc:
                return Bounds(refs, fc.Bounds, depth).Max(Walk(refs, fc.Body, depth));
            case FunctionSet fs:
                return Walk(refs, fs.Domain, depth).Max(Walk(refs, fs.Range, depth));
            case RecordConstructor rc:
                return Fields(refs, rc.Fields, depth);
            case RecordSet rs:
                return Fields(refs, rs.Fields, depth);
            case Except ex:
                {
                    var info = Walk(refs, ex.Function, depth);
                    foreach (var update in Safe(ex.Updates))
                    {
                        if (update is null)
                        {
                            continue;
                        }
                        foreach (var selector in Safe(update.Path))
                        {
                            if (selector is IndexSelector index)
                            {
                                info = info.Max(All(refs, index.Indices, depth));
                            }
                        }
                        info = info.Max(Walk(refs, update.Value, depth));
                    }
                    return info;
                }
            case IfThenElse ite:
                return Walk(refs, ite.Condition, depth).Max(Walk(refs, ite.Then, depth)).Max(Walk(refs, ite.Else, depth));
            case Case cs:
                {
                    var info = Walk(refs, cs.Other, depth);
                    foreach (var arm in Safe(cs.Arms))
                    {
                        if (arm is not null)
                        {
                            info = info.Max(Walk(refs, arm.Guard, depth)).Max(Walk(refs, arm.Value, depth));
                        }
                    }
                    return info;
                }
            case Let let:
                return Walk(refs, let.Body, depth);
            case Lambda lambda:
                return Walk(refs, lambda.Body, depth);
            case Labeled l:
                return Walk(refs, l.Body, depth);
            default:
                return LevelInfo.Constant;
        }
    }

    private static LevelInfo Apply(IReadOnlyDictionary<SyntaxNode, Symbol> refs, Symbol symbol, ReadOnlySpan<Expr> args, int depth)
    {
        switch (symbol.Kind)
        {
            case SymbolKind.Operator:
            case SymbolKind.Function:
            case SymbolKind.StandardOperator:
                {
                    var info = symbol.Info;
                    var result = new LevelInfo(info.Base, 0, 0);
                    var indices = symbol.ParamIndices;
                    for (var i = 0; i < args.Length; i++)
                    {
                        var arg = Walk(refs, args[i], depth);
                        if (i >= indices.Length)
                        {
                            result = result.Max(arg);
                            continue;
                        }
                        var bit = indices[i] < 64 ? 1UL << indices[i] : 0;
                        if ((info.Params & bit) != 0)
                        {
                            result = result.Max(arg);
                        }
                        if ((info.Primed & bit) != 0)
                        {
                            result = result.Max(Prime(arg));
                        }
                    }
                    return new LevelInfo(result.Base, 0, 0);
                }
            case SymbolKind.Parameter:
                return new LevelInfo(Level.Constant, 0, 0).Max(All(refs, args, depth));
            default:
                return new LevelInfo(symbol.Info.Base, 0, 0).Max(All(refs, args, depth));
        }
    }

    private static LevelInfo Prime(LevelInfo operand) =>
        operand.Base >= Level.State ? new LevelInfo(operand.Base > Level.Action ? operand.Base : Level.Action, 0, 0) : LevelInfo.Constant;

    private static LevelInfo All(IReadOnlyDictionary<SyntaxNode, Symbol> refs, ReadOnlySpan<Expr> items, int depth)
    {
        var info = LevelInfo.Constant;
        foreach (var item in items)
        {
            info = info.Max(Walk(refs, item, depth));
        }
        return new LevelInfo(info.Base, 0, 0);
    }

    private static LevelInfo All(IReadOnlyDictionary<SyntaxNode, Symbol> refs, ImmutableArray<Expr> items, int depth) =>
        All(refs, Safe(items).AsSpan(), depth);

    private static LevelInfo Bounds(IReadOnlyDictionary<SyntaxNode, Symbol> refs, ImmutableArray<BoundDecl> bounds, int depth)
    {
        var info = LevelInfo.Constant;
        foreach (var bound in Safe(bounds))
        {
            info = info.Max(Walk(refs, bound?.Set, depth));
        }
        return info;
    }

    private static LevelInfo Fields(IReadOnlyDictionary<SyntaxNode, Symbol> refs, ImmutableArray<RecordField> fields, int depth)
    {
        var info = LevelInfo.Constant;
        foreach (var field in Safe(fields))
        {
            info = info.Max(Walk(refs, field?.Value, depth));
        }
        return info;
    }

    private static ImmutableArray<T> Safe<T>(ImmutableArray<T> items) => items.IsDefault ? [] : items;
}
