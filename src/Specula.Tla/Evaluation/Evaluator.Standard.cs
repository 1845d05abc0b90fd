using System.Collections.Immutable;
using System.Numerics;
using Specula.Tla.Semantics;
using Specula.Tla.Syntax;
using Specula.Tla.Values;

namespace Specula.Tla.Evaluation;

/// <summary>The operators built into TLA+ and those of the standard modules, with TLC's semantics.</summary>
internal sealed partial class Evaluator
{
    internal Value EvalStandard(Symbol symbol, SyntaxNode at, ImmutableArray<Expr> args, Env env, StatePair st, bool primed)
    {
        Value Arg(int i) => EvalCore(args[i], env, st, primed);
        bool BoolArg(int i) => Bool(args[i], env, st, primed);

        switch (symbol.Name)
        {
            // Logic: short-circuit, as TLC evaluates it.
            case "TRUE":
                return Value.True;
            case "FALSE":
                return Value.False;
            case "/\\":
                return Value.Bool(BoolArg(0) && BoolArg(1));
            case "\\/":
                return Value.Bool(BoolArg(0) || BoolArg(1));
            case "=>":
                return Value.Bool(!BoolArg(0) || BoolArg(1));
            case "<=>":
                return Value.Bool(BoolArg(0) == BoolArg(1));
            case "~":
                return Value.Bool(!BoolArg(0));
            case "=":
                return Value.Bool(ValueOps.TlcEquals(Arg(0), Arg(1)));
            case "/=":
                return Value.Bool(!ValueOps.TlcEquals(Arg(0), Arg(1)));

            // Sets.
            case "BOOLEAN":
                return ValueOps.Set(Value.False, Value.True);
            case "STRING":
                return Value.Of(InfiniteSetValue.String);
            case "\\in":
                return Value.Bool(IsMember(Arg(0), args[1], env, st, primed));
            case "\\notin":
                return Value.Bool(!IsMember(Arg(0), args[1], env, st, primed));
            case "\\cup":
                return ValueOps.Union(Arg(0), Arg(1));
            case "\\cap":
                return ValueOps.Intersect(Arg(0), Arg(1));
            case "\\":
                return ValueOps.Difference(Arg(0), Arg(1));
            case "\\subseteq":
                return Value.Bool(ValueOps.IsSubset(Arg(0), Arg(1)));
            case "SUBSET":
                return Value.Of(new SubsetValue(Arg(0)));
            case "UNION":
                return ValueOps.BigUnion(Arg(0));
            case "DOMAIN":
            {
                var f = Arg(0);
                return f.IsFunction ? Value.Of(f.AsFunction.Domain) : throw Error(at, $"Attempted to compute the domain of {f}, which is not a function.");
            }

            // Actions.
            case "'":
                return EvalCore(args[0], env, st, primed: true);
            case "UNCHANGED":
                return Value.Bool(ValueOps.TlcEquals(EvalCore(args[0], env, st, primed: true), EvalCore(args[0], env, st, primed)));
            case "ENABLED":
                return Value.Bool(IsEnabled(args[0], env, st));
            case "\\cdot":
                return Value.Bool(Composes(args[0], args[1], env, st));
            case "[]" or "<>" or "~>" or "-+->":
                throw Error(at, $"TLC cannot evaluate the temporal or composition operator {symbol.Name} here.");
        }

        switch (symbol.ModuleName)
        {
            case "Naturals" or "Integers":
                return Arithmetic(symbol.Name, at, args, env, st, primed);
            case "Sequences":
                return Sequences(symbol.Name, at, args, env, st, primed);
            case "FiniteSets":
                return symbol.Name switch
                {
                    "Cardinality" => Value.Int(ValueOps.Cardinality(Arg(0))),
                    "IsFiniteSet" => Value.Bool(Arg(0) is { IsSet: true } s && s.AsSet.IsEnumerable),
                    _ => Unsupported(symbol, at),
                };
            case "TLC" or "TLCExt":
                return Tlc(symbol, at, args, env, st, primed);
        }
        return Library(symbol, at, args, env, st, primed);
    }

    /// <summary>
    /// <c>x \in S</c> without building S when it is a difference, union, intersection or filter of sets that may be
    /// infinite (<c>Nat \ {0}</c>, <c>{n \in Nat : n % 2 = 0}</c>), as TLC's lazy set values allow.
    /// </summary>
    internal bool IsMember(Value element, Expr setExpr, Env env, StatePair st, bool primed)
    {
        switch (SyntaxExtensions.WithoutParens(setExpr))
        {
            case Binary b when _spec.Resolve(b) is { Kind: SymbolKind.BuiltIn } op:
                switch (op.Name)
                {
                    case "\\":
                        return IsMember(element, b.Left, env, st, primed) && !IsMember(element, b.Right, env, st, primed);
                    case "\\cup":
                        return IsMember(element, b.Left, env, st, primed) || IsMember(element, b.Right, env, st, primed);
                    case "\\cap":
                        return IsMember(element, b.Left, env, st, primed) && IsMember(element, b.Right, env, st, primed);
                }
                break;
            case SetFilter { Bound.IsTuple: false } f:
                return IsMember(element, f.Bound.Set!, env, st, primed) && Bool(f.Predicate, env.Bind(f.Bound.Names[0], element), st, primed);
            case OpApp { Path.Length: 0, Arguments.Length: 0 } app
                when _spec.Resolve(app) is { Kind: SymbolKind.Operator, Origin: null } symbol
                     && !_spec.TryGetOverride(symbol, out _) && !_spec.TryGetConstant(symbol, out _)
                     && !_spec.ConstantCache.ContainsKey(symbol)
                     && DefinitionOf(symbol, env) is (OperatorDef { Parameters.Length: 0, Body: var body }, var definitionEnv)
                     && SyntaxExtensions.WithoutParens(body) is SetFilter { Bound.IsTuple: false }:
                // x \in S where S == {y \in T : P(y)}: T's membership and P, as TLC's SetPredValue, without building S
                // (MCQuicksort's DomainPartitions filters SUBSET SUBSET (1..n)).
                return IsMember(element, body, definitionEnv, st, primed);
        }
        return ValueOps.Contains(EvalCore(setExpr, env, st, primed), element);
    }

    private Value Unsupported(Symbol symbol, SyntaxNode at) =>
        throw Error(at, $"The operator {symbol.Name} of module {symbol.ModuleName} is not supported by Specula's evaluator yet.");

    // ───────────────────────────── Naturals and Integers ─────────────────────────────

    private Value Arithmetic(string name, SyntaxNode at, ImmutableArray<Expr> args, Env env, StatePair st, bool primed)
    {
        switch (name)
        {
            case "Nat":
                return Value.Of(InfiniteSetValue.Nat);
            case "Int":
                return Value.Of(InfiniteSetValue.Int);
            case "-.":
            {
                var a = Int(args[0], env, st, primed);
                return a.TryGetInt64(out var n) && n != long.MinValue ? Value.Int(-n) : Value.Int(-a.AsBigInteger);
            }
        }
        var x = Int(args[0], env, st, primed);
        var y = Int(args[1], env, st, primed);
        if (x.TryGetInt64(out var l) && y.TryGetInt64(out var r))
        {
            switch (name)
            {
                case "+":
                {
                    var s = l + r;
                    return ((l ^ s) & (r ^ s)) < 0 ? Value.Int((BigInteger)l + r) : Value.Int(s);
                }
                case "-":
                {
                    var d = l - r;
                    return ((l ^ r) & (l ^ d)) < 0 ? Value.Int((BigInteger)l - r) : Value.Int(d);
                }
                case "*":
                {
                    var p = Math.BigMul(l, r, out var low);
                    return (p == 0 && low >= 0) || (p == -1 && low < 0) ? Value.Int(low) : Value.Int((BigInteger)l * r);
                }
                case "<":
                    return Value.Bool(l < r);
                case ">":
                    return Value.Bool(l > r);
                case "<=":
                    return Value.Bool(l <= r);
                case ">=":
                    return Value.Bool(l >= r);
                case "..":
                    return ValueOps.Interval(l, r);
                case "\\div":
                    if (r == 0)
                    {
                        throw Error(at, "The second argument of \\div is 0.");
                    }
                    // Floor division, as TLC computes it (C# truncates toward zero).
                    return Value.Int((l / r) - (((l % r) != 0 && ((l < 0) != (r < 0))) ? 1 : 0));
                case "%":
                    if (r <= 0)
                    {
                        throw Error(at, $"The second argument of % should be a positive number, but instead it is: {r}");
                    }
                    return Value.Int(((l % r) + r) % r);
                case "^":
                    if (r < 0)
                    {
                        throw Error(at, $"The exponent of ^ must be a natural number, but it is {r}.");
                    }
                    return Value.Int(BigInteger.Pow(l, (int)Math.Min(r, int.MaxValue)));
            }
        }
        var bl = x.AsBigInteger;
        var br = y.AsBigInteger;
        return name switch
        {
            "+" => Value.Int(bl + br),
            "-" => Value.Int(bl - br),
            "*" => Value.Int(bl * br),
            "<" => Value.Bool(bl < br),
            ">" => Value.Bool(bl > br),
            "<=" => Value.Bool(bl <= br),
            ">=" => Value.Bool(bl >= br),
            "\\div" when !br.IsZero => Value.Int(BigInteger.Divide(bl - (((bl % br) + br) % br), br)),
            "%" when br.Sign > 0 => Value.Int(((bl % br) + br) % br),
            _ => throw Error(at, $"Cannot compute {name} of {x} and {y}."),
        };
    }

    private Value Int(Expr e, Env env, StatePair st, bool primed)
    {
        var v = EvalCore(e, env, st, primed);
        return v.IsInt ? v : throw Error(e, $"An integer was expected here, but the value is {v}.");
    }

    // ───────────────────────────── Sequences ─────────────────────────────

    private Value Sequences(string name, SyntaxNode at, ImmutableArray<Expr> args, Env env, StatePair st, bool primed)
    {
        Value Arg(int i) => EvalCore(args[i], env, st, primed);
        switch (name)
        {
            case "Seq":
                return Value.Of(InfiniteSetValue.Seq(Arg(0)));
            case "Len":
                return Value.Int(ValueOps.Len(Arg(0)));
            case "Append":
                return ValueOps.Append(Arg(0), Arg(1));
            case "Head":
                return ValueOps.Head(Arg(0));
            case "Tail":
                return ValueOps.Tail(Arg(0));
            case "\\o":
                return ValueOps.Concat(_spec.Strings, Arg(0), Arg(1));
            case "SubSeq":
                return ValueOps.SubSeq(Arg(0), Int(args[1], env, st, primed).AsInt64, Int(args[2], env, st, primed).AsInt64);
            case "SelectSeq":
            {
                var s = Arg(0);
                var kept = new List<Value>();
                foreach (var element in s.AsFunction.Values)
                {
                    if (ApplyOperatorArgument(args[1], [element], env, st, primed).AsBool)
                    {
                        kept.Add(element);
                    }
                }
                return Value.Of(FunctionValue.Tuple([.. kept]));
            }
        }
        throw Error(at, $"The operator {name} of module Sequences is not supported yet.");
    }

    /// <summary>Applies an operator passed as an argument (a name or a LAMBDA) to values.</summary>
    private Value ApplyOperatorArgument(Expr operatorArgument, Value[] values, Env env, StatePair st, bool primed)
    {
        var binding = operatorArgument switch
        {
            Lambda lambda => new OperatorBinding(null, lambda, env),
            OpApp { Arguments.Length: 0, Path.Length: 0 } app when Resolve(app) is var symbol =>
                symbol.Declaration is not null && env.Lookup(symbol.Declaration) is OperatorBinding passed ? passed : new OperatorBinding(symbol, null, env),
            _ => throw Error(operatorArgument, "An operator was expected here."),
        };
        var argumentExprs = ImmutableArray.CreateBuilder<Expr>(values.Length);
        foreach (var value in values)
        {
            argumentExprs.Add(new ValueArgument(value));
        }
        return Force(binding, operatorArgument, argumentExprs.MoveToImmutable(), env, st, primed);
    }

    /// <summary>An expression standing for an already computed value, to pass values where arguments are expressions.</summary>
    internal sealed record ValueArgument(Value Value) : Expr;

    // ───────────────────────────── TLC ─────────────────────────────

    private Value Tlc(Symbol symbol, SyntaxNode at, ImmutableArray<Expr> args, Env env, StatePair st, bool primed)
    {
        Value Arg(int i) => EvalCore(args[i], env, st, primed);
        switch (symbol.Name)
        {
            case ":>":
                return ValueOps.SingletonFunction(Arg(0), Arg(1));
            case "@@":
                return ValueOps.MergeFunctions(Arg(0), Arg(1));
            case "Print":
            {
                var message = Arg(0);
                var result = Arg(1);
                // TLC prints both arguments, two spaces apart.
                Output?.Invoke(ValuePrinter.Ppr(message) + "  " + ValuePrinter.Ppr(result));
                return result;
            }
            case "PrintT":
                Output?.Invoke(Arg(0).ToString());
                return Value.True;
            case "Assert":
                if (!Bool(args[0], env, st, primed))
                {
                    var message = Arg(1);
                    throw Error(at, $"The first argument of Assert evaluated to FALSE; the second argument was:\n{message}");
                }
                return Value.True;
            case "TLCEval":
                return Arg(0);
            case "ToString":
                return _spec.Strings.Str(Arg(0).ToString());
            case "JavaTime":
                return Value.Int(0);
            case "Permutations":
            {
                var set = Enumerate(Arg(0), at).ToArray();
                var result = new List<Value>();
                Permute(set, 0, result);
                return Value.Of(SetValue.Of(result));
            }
            case "SortSeq":
            {
                var seq = Arg(0).AsFunction.Values.ToArray();
                var sorted = seq.ToList();
                // Insertion sort keeps TLC's stability and needs only the user's "less than".
                for (var i = 1; i < sorted.Count; i++)
                {
                    var current = sorted[i];
                    var j = i - 1;
                    while (j >= 0 && ApplyOperatorArgument(args[1], [current, sorted[j]], env, st, primed).AsBool)
                    {
                        sorted[j + 1] = sorted[j];
                        j--;
                    }
                    sorted[j + 1] = current;
                }
                return Value.Of(FunctionValue.Tuple([.. sorted]));
            }
        }
        return Library(symbol, at, args, env, st, primed);
    }

    private static void Permute(Value[] elements, int k, List<Value> result)
    {
        if (k == elements.Length)
        {
            var keys = elements.ToArray();
            var values = elements.ToArray();
            result.Add(Value.Of(FunctionValue.FromPairs(keys, RotateToPermutation(keys, values))));
            return;
        }
        for (var i = k; i < elements.Length; i++)
        {
            (elements[k], elements[i]) = (elements[i], elements[k]);
            Permute(elements, k + 1, result);
            (elements[k], elements[i]) = (elements[i], elements[k]);
        }
    }

    private static Value[] RotateToPermutation(Value[] keys, Value[] values)
    {
        // keys is one arrangement of the set; the permutation maps the sorted set onto it.
        var sorted = keys.ToArray();
        ValueOps.Sort(sorted);
        var mapped = new Value[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            mapped[i] = values[i];
        }
        Array.Copy(sorted, keys, sorted.Length);
        return mapped;
    }

    /// <summary>Where Print and PrintT write; nothing when null.</summary>
    public Action<string>? Output { get; init; }
}
