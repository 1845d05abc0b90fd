using System.Collections.Immutable;
using Specula.Tla.Semantics;
using Specula.Tla.Syntax;
using Specula.Tla.Values;

using static Specula.Tla.Syntax.SyntaxExtensions;

namespace Specula.Tla.Evaluation.Compilation;

/// <summary>
/// An expression compiled into a closure: evaluates to what <see cref="Evaluator.Interpret"/> gives for the node,
/// with what can be worked out once (the symbol a name resolves to after the model's overrides, a variable's slot,
/// a constant's or literal's value, how an operator is evaluated) worked out when it was compiled.
/// </summary>
internal delegate Value CompiledExpr(Evaluator evaluator, Env env, StatePair st, bool primed);

/// <summary>
/// Compiles expressions into trees of closures, replacing the interpreter's per-node dispatch (a type switch, the
/// node's resolution, overrides and slot looked up in tables) on the paths every state takes: names, literals,
/// logic, equality, membership, integer comparison and arithmetic, function application, records and tuples.
/// Every other node kind, and every error, goes to the interpreter, so the semantics and the messages are the
/// interpreter's. A compiled node's children are compiled with it (and kept on their nodes); a definition's body is
/// compiled when it is first called, so recursive definitions compile.
/// </summary>
internal static class ExpressionCompiler
{
    /// <summary>Compiles <paramref name="e"/> and keeps the result in its facts.</summary>
    public static CompiledExpr CompileInto(NodeFacts facts, Expr e, Evaluator evaluator)
    {
        var compiled = Compile(e, evaluator);
        // Two workers may compile the same node at once: both results are equivalent, either may stay.
        facts.Compiled = compiled;
        return compiled;
    }

    private static CompiledExpr Child(Expr e, Evaluator evaluator)
    {
        var facts = evaluator.Spec.Facts(e);
        return facts.Compiled ?? CompileInto(facts, e, evaluator);
    }

    private static CompiledExpr Interpreted(Expr e) => (ev, env, st, primed) => ev.Interpret(e, env, st, primed);

    private static CompiledExpr Constant(Value value) => (_, _, _, _) => value;

    private static CompiledExpr Compile(Expr e, Evaluator ev)
    {
        switch (e)
        {
            case NumberLiteral n:
                return Constant(Value.Int(n.Value));
            case StringLiteral s:
                return Constant(ev.Spec.StringLiteral(s));
            case Evaluator.ValueArgument v:
                return Constant(v.Value);
            case Parens p:
                return Child(p.Inner, ev);
            case Labeled l:
                return Child(l.Body, ev);
            case OpApp { Path.Length: 0 } app:
                return CompileApp(app, ev);
            case JunctionList j:
                return CompileJunction(j, ev);
            case Postfix { Operator.Text: "'" } p:
                return CompilePrime(p, ev);
            case FieldAccess f:
            {
                var record = Child(f.Record, ev);
                return (ev, env, st, primed) => ev.SelectField(f, record(ev, env, st, primed));
            }
            case FunctionApplication fa when ev.AppliesValue(fa):
                return CompileApplication(fa, ev);
        }
        // The kinds the interpreter treats as possibly constant keep their value after the first evaluation there.
        if (e is Binary or SetEnumeration or TupleExpr or RecordConstructor or Unary or IfThenElse && !ev.IsConstant(e))
        {
            switch (e)
            {
                case Binary b:
                    return CompileBinary(b, ev);
                case Unary u:
                    return CompileUnary(u, ev);
                case IfThenElse ite:
                    return CompileIf(ite, ev);
                case TupleExpr t:
                {
                    var elements = Children(t.Elements, ev);
                    return (ev, env, st, primed) => Value.Of(FunctionValue.TupleOwned(All(elements, ev, env, st, primed)));
                }
                case SetEnumeration s:
                {
                    var elements = Children(s.Elements, ev);
                    return (ev, env, st, primed) => Value.Of(SetValue.Of(All(elements, ev, env, st, primed)));
                }
                case RecordConstructor rc when ev.Spec.Shape(rc) is { } shape:
                {
                    var fields = Children([.. rc.Fields.Select(f => f.Value)], ev);
                    return (ev, env, st, primed) => Value.Of(shape.Create(All(fields, ev, env, st, primed)));
                }
            }
        }
        return Interpreted(e);
    }

    private static CompiledExpr[] Children(ImmutableArray<Expr> expressions, Evaluator ev)
    {
        var compiled = new CompiledExpr[expressions.Length];
        for (var i = 0; i < compiled.Length; i++)
        {
            compiled[i] = Child(expressions[i], ev);
        }
        return compiled;
    }

    private static Value[] All(CompiledExpr[] expressions, Evaluator ev, Env env, StatePair st, bool primed)
    {
        var values = new Value[expressions.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = expressions[i](ev, env, st, primed);
        }
        return values;
    }

    private static bool Bool(CompiledExpr compiled, Expr e, Evaluator ev, Env env, StatePair st, bool primed)
    {
        var v = compiled(ev, env, st, primed);
        return v.IsBool ? v.AsBool : throw ev.NotBoolean(e, v);
    }

    // ───────────────────────────── Names ─────────────────────────────

    private static CompiledExpr CompileApp(OpApp app, Evaluator ev)
    {
        if (ev.Spec.Resolve(app) is not { } resolved)
        {
            return Interpreted(app);
        }
        var arguments = app.Arguments;
        // What EvalApp does once the name is resolved: the general case, and every case's errors.
        CompiledExpr general = (ev, env, st, primed) => ev.EvalSymbol(resolved, app, arguments, env, env, st, primed);
        var symbol = ev.Spec.TryGetOverride(resolved, out var replacement) ? replacement : resolved;
        switch (symbol.Kind)
        {
            case SymbolKind.BoundVariable or SymbolKind.Parameter when arguments.IsEmpty && symbol.Declaration is { } declaration:
                return (ev, env, st, primed) => env.Lookup(declaration) switch
                {
                    ValueBinding bound => bound.Value,
                    { } binding => ev.Force(binding, app, arguments, env, st, primed),
                    null => general(ev, env, st, primed),
                };
            case SymbolKind.Variable when arguments.IsEmpty && ev.Spec.TryGetSlot(symbol, out var slot):
                return (ev, env, st, primed) =>
                {
                    // Inside an instance the variable may be substituted; errors are the interpreter's to report.
                    if (ReferenceEquals(env.Base, Env.Empty))
                    {
                        if (primed)
                        {
                            if (st.Assigned is { } assigned && st.Next is { } next && assigned[slot])
                            {
                                return next[slot];
                            }
                        }
                        else if (st.Current is { } current)
                        {
                            return current[slot];
                        }
                    }
                    return general(ev, env, st, primed);
                };
            case SymbolKind.Constant when arguments.IsEmpty && ev.Spec.TryGetConstant(symbol, out var constant):
                return (ev, env, st, primed) => ReferenceEquals(env.Base, Env.Empty) ? constant : general(ev, env, st, primed);
            case SymbolKind.Operator when ev.Spec.TryGetConstant(symbol, out var given):
                return Constant(given);
            case SymbolKind.Operator when symbol is { Origin: null, Definition: OperatorDef def }
                                          && def.Parameters.Length == arguments.Length
                                          && ev.Spec.IsModuleDefinition(symbol):
                return CompileCall(symbol, def, app, arguments, general);
            case SymbolKind.BuiltIn or SymbolKind.StandardOperator when arguments.IsEmpty && symbol.Name is "TRUE" or "FALSE":
                return Constant(Value.Bool(symbol.Name == "TRUE"));
            case SymbolKind.BuiltIn or SymbolKind.StandardOperator:
                return Standard(symbol, app, arguments, ev);
            default:
                return general;
        }
    }

    /// <summary>
    /// A call of a top-level definition of the root module or one it extends (no LET closure can stand for it): its body is evaluated
    /// in the module's bindings, which outside instances are none; a constant one without parameters once.
    /// </summary>
    private static CompiledExpr CompileCall(Symbol symbol, OperatorDef def, OpApp app, ImmutableArray<Expr> arguments, CompiledExpr general)
    {
        if (arguments.IsEmpty && symbol.Level == Level.Constant)
        {
            var cache = new ConstantCell();
            return (ev, env, st, primed) =>
            {
                if (!ReferenceEquals(env.Base, Env.Empty))
                {
                    return general(ev, env, st, primed);
                }
                if (cache.Box is { } box)
                {
                    return box.Value;
                }
                var value = ev.CallDefinition(symbol, def, app, arguments, Env.Empty, env, st, primed);
                cache.Box = new ValueBox(value);
                return value;
            };
        }
        return (ev, env, st, primed) => ReferenceEquals(env.Base, Env.Empty)
            ? ev.CallDefinition(symbol, def, app, arguments, Env.Empty, env, st, primed)
            : general(ev, env, st, primed);
    }

    /// <summary>The value of a constant definition once computed, published in one write.</summary>
    private sealed class ConstantCell
    {
        public ValueBox? Box;
    }

    private static CompiledExpr CompilePrime(Postfix p, Evaluator ev)
    {
        var operand = Child(p.Operand, ev);
        return (ev, env, st, primed) => primed ? ev.Interpret(p, env, st, primed) : operand(ev, env, st, true);
    }

    // ───────────────────────────── Operators ─────────────────────────────

    private static CompiledExpr CompileJunction(JunctionList j, Evaluator ev)
    {
        var items = Children(j.Items, ev);
        var nodes = j.Items;
        var conjunction = j.IsConjunction;
        return (ev, env, st, primed) =>
        {
            for (var i = 0; i < items.Length; i++)
            {
                if (Bool(items[i], nodes[i], ev, env, st, primed) != conjunction)
                {
                    return Value.Bool(!conjunction);
                }
            }
            return Value.Bool(conjunction);
        };
    }

    private static CompiledExpr CompileIf(IfThenElse ite, Evaluator ev)
    {
        var condition = Child(ite.Condition, ev);
        var then = Child(ite.Then, ev);
        var otherwise = Child(ite.Else, ev);
        var node = ite.Condition;
        return (ev, env, st, primed) => Bool(condition, node, ev, env, st, primed)
            ? then(ev, env, st, primed)
            : otherwise(ev, env, st, primed);
    }

    private static CompiledExpr CompileUnary(Unary u, Evaluator ev)
    {
        if (ev.Spec.Resolve(u) is not { } resolved)
        {
            return Interpreted(u);
        }
        var symbol = ev.Spec.TryGetOverride(resolved, out var replacement) ? replacement : resolved;
        var operands = ev.Spec.Operands(u);
        if (symbol is { Kind: SymbolKind.BuiltIn, Name: "~" })
        {
            var operand = Child(u.Operand, ev);
            var node = u.Operand;
            return (ev, env, st, primed) => Value.Bool(!Bool(operand, node, ev, env, st, primed));
        }
        return symbol.Kind is SymbolKind.BuiltIn or SymbolKind.StandardOperator
            ? Standard(symbol, u, operands, ev)
            : (ev, env, st, primed) => ev.EvalSymbol(symbol, u, operands, env, env, st, primed);
    }

    /// <summary>
    /// A standard operator applied to operands: its operation called on their values when
    /// <see cref="StandardOperations"/> has it, else <see cref="Evaluator.EvalStandard"/> (which evaluates the
    /// operands again when an integer operation leaves its result or error to it).
    /// </summary>
    private static CompiledExpr Standard(Symbol symbol, SyntaxNode at, ImmutableArray<Expr> operands, Evaluator ev)
    {
        CompiledExpr general = (ev, env, st, primed) => ev.EvalStandard(symbol, at, operands, env, st, primed);
        if (operands.Length == 1 && StandardOperations.Unary(symbol) is { } unary)
        {
            var operand = Child(operands[0], ev);
            return (ev, env, st, primed) => unary(operand(ev, env, st, primed));
        }
        if (operands.Length != 2)
        {
            return general;
        }
        if (StandardOperations.Binary(symbol) is { } binary)
        {
            var left = Child(operands[0], ev);
            var right = Child(operands[1], ev);
            return (ev, env, st, primed) => binary(left(ev, env, st, primed), right(ev, env, st, primed));
        }
        if (StandardOperations.Integer(symbol) is { } integer)
        {
            var left = Child(operands[0], ev);
            var right = Child(operands[1], ev);
            return (ev, env, st, primed) =>
                left(ev, env, st, primed).TryGetInt64(out var l) && right(ev, env, st, primed).TryGetInt64(out var r) && integer(l, r, out var result)
                    ? result
                    : general(ev, env, st, primed);
        }
        return general;
    }

    private static CompiledExpr CompileBinary(Binary b, Evaluator ev)
    {
        if (ev.Spec.Resolve(b) is null)
        {
            return Interpreted(b);
        }
        var dispatch = ev.Spec.Facts(b).Binary ?? ev.DispatchOf(b);
        var symbol = dispatch.Symbol;
        var operands = ev.Spec.Operands(b);
        var left = Child(b.Left, ev);
        var right = Child(b.Right, ev);
        var leftNode = b.Left;
        var rightNode = b.Right;
        switch (dispatch.Kind)
        {
            case BinaryKind.And:
                return (ev, env, st, primed) => Value.Bool(Bool(left, leftNode, ev, env, st, primed) && Bool(right, rightNode, ev, env, st, primed));
            case BinaryKind.Or:
                return (ev, env, st, primed) => Value.Bool(Bool(left, leftNode, ev, env, st, primed) || Bool(right, rightNode, ev, env, st, primed));
            case BinaryKind.Implies:
                return (ev, env, st, primed) => Value.Bool(!Bool(left, leftNode, ev, env, st, primed) || Bool(right, rightNode, ev, env, st, primed));
            case BinaryKind.Equal:
                return (ev, env, st, primed) => Value.Bool(ValueOps.TlcEquals(left(ev, env, st, primed), right(ev, env, st, primed)));
            case BinaryKind.NotEqual:
                return (ev, env, st, primed) => Value.Bool(!ValueOps.TlcEquals(left(ev, env, st, primed), right(ev, env, st, primed)));
            case BinaryKind.In or BinaryKind.NotIn:
            {
                var wanted = dispatch.Kind == BinaryKind.In;
                if (IsPlainMembership(rightNode, ev) && WithoutParens(leftNode) is TupleExpr { Elements.Length: 2 } pair)
                {
                    // <<a, b>> \in S: the pair is looked up in an enumerated set without being built.
                    var first = Child(pair.Elements[0], ev);
                    var second = Child(pair.Elements[1], ev);
                    return (ev, env, st, primed) =>
                    {
                        var a = first(ev, env, st, primed);
                        var b = second(ev, env, st, primed);
                        var set = right(ev, env, st, primed);
                        var found = set.Heap is SetValue s
                            ? s.ContainsPair(a, b)
                            : ValueOps.Contains(set, Value.Of(FunctionValue.TupleOwned([a, b])));
                        return Value.Bool(found == wanted);
                    };
                }
                return IsPlainMembership(rightNode, ev)
                    ? (ev, env, st, primed) =>
                    {
                        var element = left(ev, env, st, primed);
                        return Value.Bool(ValueOps.Contains(right(ev, env, st, primed), element) == wanted);
                    }
                : (ev, env, st, primed) => Value.Bool(ev.IsMember(left(ev, env, st, primed), rightNode, env, st, primed) == wanted);
            }
            case BinaryKind.Union:
                return (ev, env, st, primed) => ValueOps.Union(left(ev, env, st, primed), right(ev, env, st, primed));
            case BinaryKind.Less or BinaryKind.Greater or BinaryKind.LessOrEqual or BinaryKind.GreaterOrEqual or BinaryKind.Plus or BinaryKind.Minus:
            {
                var kind = dispatch.Kind;
                return (ev, env, st, primed) => Evaluator.TryIntegerBinary(kind, left(ev, env, st, primed), right(ev, env, st, primed), out var integer)
                    ? integer
                    : ev.EvalStandard(symbol, b, operands, env, st, primed);
            }
            case BinaryKind.Standard:
                return Standard(symbol, b, operands, ev);
            default:
                return (ev, env, st, primed) => ev.EvalSymbol(symbol, b, operands, env, env, st, primed);
        }
    }

    /// <summary>
    /// Whether <c>x \in S</c> is decided by S's value in every case: not when <see cref="Evaluator.IsMember"/> may
    /// test membership without building S (a difference, union or intersection, a filter, a definition of one).
    /// </summary>
    private static bool IsPlainMembership(Expr set, Evaluator ev) => WithoutParens(set) switch
    {
        Binary or SetFilter => false,
        OpApp { Path.Length: 0, Arguments.Length: 0 } app => ev.Spec.Resolve(app) is not { Kind: SymbolKind.Operator },
        _ => true,
    };

    // ───────────────────────────── Functions ─────────────────────────────

    private static CompiledExpr CompileApplication(FunctionApplication fa, Evaluator ev)
    {
        var function = Child(fa.Function, ev);
        if (fa.Arguments.Length == 1)
        {
            var argument = Child(fa.Arguments[0], ev);
            return (ev, env, st, primed) =>
            {
                var value = argument(ev, env, st, primed);
                return ev.ApplyValue(fa, function(ev, env, st, primed), value);
            };
        }
        var arguments = Children(fa.Arguments, ev);
        return (ev, env, st, primed) =>
        {
            var value = Value.Of(FunctionValue.TupleOwned(All(arguments, ev, env, st, primed)));
            return ev.ApplyValue(fa, function(ev, env, st, primed), value);
        };
    }
}
