using System.Collections.Immutable;
using Specula.Tla.Semantics;
using Specula.Tla.Syntax;
using Specula.Tla.Values;

using static Specula.Tla.Syntax.SyntaxExtensions;

namespace Specula.Tla.Evaluation;

/// <summary>Operators, binders, functions, EXCEPT, LET and instances.</summary>
internal sealed partial class Evaluator
{
    private Value EvalBinary(Binary b, Env env, StatePair st, bool primed)
    {
        // The symbol, override and operator are worked out once per node: this runs for every infix operator.
        var dispatch = _spec.Facts(b).Binary ?? DispatchOf(b);
        var symbol = dispatch.Symbol;
        switch (dispatch.Kind)
        {
            case BinaryKind.And:
                return Value.Bool(Bool(b.Left, env, st, primed) && Bool(b.Right, env, st, primed));
            case BinaryKind.Or:
                return Value.Bool(Bool(b.Left, env, st, primed) || Bool(b.Right, env, st, primed));
            case BinaryKind.Implies:
                return Value.Bool(!Bool(b.Left, env, st, primed) || Bool(b.Right, env, st, primed));
            case BinaryKind.Equal:
                return Value.Bool(ValueOps.TlcEquals(EvalCore(b.Left, env, st, primed), EvalCore(b.Right, env, st, primed)));
            case BinaryKind.NotEqual:
                return Value.Bool(!ValueOps.TlcEquals(EvalCore(b.Left, env, st, primed), EvalCore(b.Right, env, st, primed)));
            case BinaryKind.In:
                return Value.Bool(IsMember(EvalCore(b.Left, env, st, primed), b.Right, env, st, primed));
            case BinaryKind.NotIn:
                return Value.Bool(!IsMember(EvalCore(b.Left, env, st, primed), b.Right, env, st, primed));
            case BinaryKind.Union:
                return ValueOps.Union(EvalCore(b.Left, env, st, primed), EvalCore(b.Right, env, st, primed));
            case BinaryKind.Less or BinaryKind.Greater or BinaryKind.LessOrEqual or BinaryKind.GreaterOrEqual or BinaryKind.Plus or BinaryKind.Minus:
                return TryIntegerBinary(dispatch.Kind, b, env, st, primed, out var integer)
                    ? integer
                    : EvalStandard(symbol, b, _spec.Operands(b), env, st, primed);
            case BinaryKind.Standard:
                return EvalStandard(symbol, b, _spec.Operands(b), env, st, primed);
            default:
                return EvalSymbol(symbol, b, _spec.Operands(b), env, env, st, primed);
        }
    }

    internal BinaryDispatch DispatchOf(Binary b)
    {
        var symbol = Resolve(b);
        if (_spec.TryGetOverride(symbol, out var replacement))
        {
            symbol = replacement;
        }
        var kind = symbol.Kind is not (SymbolKind.BuiltIn or SymbolKind.StandardOperator)
            ? BinaryKind.Defined
            : symbol.Name switch
            {
                "/\\" => BinaryKind.And,
                "\\/" => BinaryKind.Or,
                "=>" => BinaryKind.Implies,
                "=" => BinaryKind.Equal,
                "/=" => BinaryKind.NotEqual,
                "\\in" => BinaryKind.In,
                "\\notin" => BinaryKind.NotIn,
                "\\cup" => BinaryKind.Union,
                _ when symbol.ModuleName is not ("Naturals" or "Integers") => BinaryKind.Standard,
                "<" => BinaryKind.Less,
                ">" => BinaryKind.Greater,
                "<=" => BinaryKind.LessOrEqual,
                ">=" => BinaryKind.GreaterOrEqual,
                "+" => BinaryKind.Plus,
                "-" => BinaryKind.Minus,
                _ => BinaryKind.Standard,
            };
        var dispatch = new BinaryDispatch(symbol, kind);
        _spec.Facts(b).Binary = dispatch;
        return dispatch;
    }

    /// <summary>Integer comparison and arithmetic on 64-bit operands; false when an operand is not such an integer
    /// or a sum could overflow (then the general operator evaluates it).</summary>
    private bool TryIntegerBinary(BinaryKind kind, Binary b, Env env, StatePair st, bool primed, out Value result) =>
        TryIntegerBinary(kind, EvalCore(b.Left, env, st, primed), EvalCore(b.Right, env, st, primed), out result);

    /// <summary>As above, on the operands' values.</summary>
    internal static bool TryIntegerBinary(BinaryKind kind, Value x, Value y, out Value result)
    {
        if (x.TryGetInt64(out var l) && y.TryGetInt64(out var r))
        {
            const long Bound = 1_000_000_000_000;
            switch (kind)
            {
                case BinaryKind.Less:
                    result = Value.Bool(l < r);
                    return true;
                case BinaryKind.Greater:
                    result = Value.Bool(l > r);
                    return true;
                case BinaryKind.LessOrEqual:
                    result = Value.Bool(l <= r);
                    return true;
                case BinaryKind.GreaterOrEqual:
                    result = Value.Bool(l >= r);
                    return true;
                case BinaryKind.Plus when l is > -Bound and < Bound && r is > -Bound and < Bound:
                    result = Value.Int(l + r);
                    return true;
                case BinaryKind.Minus when l is > -Bound and < Bound && r is > -Bound and < Bound:
                    result = Value.Int(l - r);
                    return true;
            }
        }
        result = default;
        return false;
    }

    private Value EvalUnary(Unary u, Env env, StatePair st, bool primed)
    {
        var symbol = Resolve(u);
        if (_spec.TryGetOverride(symbol, out var replacement))
        {
            symbol = replacement;
        }
        if (symbol.Kind is SymbolKind.BuiltIn or SymbolKind.StandardOperator)
        {
            return symbol.Name == "~" && symbol.Kind == SymbolKind.BuiltIn
                ? Value.Bool(!Bool(u.Operand, env, st, primed))
                : EvalStandard(symbol, u, _spec.Operands(u), env, st, primed);
        }
        return EvalSymbol(symbol, u, _spec.Operands(u), env, env, st, primed);
    }

    private Value EvalPostfix(Postfix p, Env env, StatePair st, bool primed)
    {
        if (p.Operator.Text == "'")
        {
            if (primed)
            {
                throw Error(p, "A primed expression is primed again.");
            }
            return EvalCore(p.Operand, env, st, primed: true);
        }
        var symbol = Resolve(p);
        return EvalSymbol(symbol, p, _spec.Operands(p), env, env, st, primed);
    }

    // ───────────────────────────── Binders ─────────────────────────────

    /// <summary>The elements of a set in TLC's order, or a located error when it cannot be enumerated.</summary>
    internal IEnumerable<Value> Enumerate(Value set, SyntaxNode at) => Elements(set, at).AsSpan().ToArray();

    /// <summary>
    /// The elements of a set in TLC's order as the array the set holds (no copy: read it, never write it), or a
    /// located error when it cannot be enumerated.
    /// </summary>
    internal Value[] Elements(Value set, SyntaxNode at)
    {
        Cancellation.ThrowIfCancellationRequested();
        if (!set.IsSet)
        {
            throw Error(at, Format("Attempted to enumerate {0}, which is not a set.", set));
        }
        var s = set.AsSet;
        if (!s.IsEnumerable)
        {
            throw Error(at, Format("Attempted to enumerate the infinite set {0}.", set));
        }
        return s is SetValue normal ? normal.RawElements : s.ToSetValue().RawElements;
    }

    private Env BindBound(BoundDecl bound, Value element, Env env, SyntaxNode at)
    {
        if (!bound.IsTuple)
        {
            return env.Bind(bound.Names[0], element);
        }
        if (!element.IsFunction || !element.AsFunction.IsTuple || element.AsFunction.Count != bound.Names.Length)
        {
            throw Error(at, $"Attempted to bind <<{string.Join(", ", bound.Names.Select(n => n.Text))}>> to {element}, which is not a tuple of that length.");
        }
        var tuple = element.AsFunction.Values;
        for (var i = 0; i < bound.Names.Length; i++)
        {
            env = env.Bind(bound.Names[i], tuple[i]);
        }
        return env;
    }

    /// <summary>
    /// Calls <paramref name="body"/> for every binding of the bound names, in TLC's order: the first bound varies
    /// slowest, and <c>x, y \in S</c> binds x then y.
    /// </summary>
    internal void ForEachBinding(ImmutableArray<BoundDecl> bounds, int index, Env env, StatePair st, bool primed, Action<Env> body)
    {
        ForEachBindingWhile(bounds, index, 0, env, st, primed, e =>
        {
            body(e);
            return true;
        });
    }

    /// <summary>As <see cref="ForEachBinding"/>, stopping as soon as <paramref name="body"/> returns false; returns false then.</summary>
    internal bool ForEachBindingWhile(ImmutableArray<BoundDecl> bounds, int index, int nameIndex, Env env, StatePair st, bool primed, Func<Env, bool> body)
    {
        if (index == bounds.Length)
        {
            return body(env);
        }
        var bound = bounds[index];
        if (bound.Set is null)
        {
            throw Error(bound, $"TLC cannot enumerate the unbounded quantifier over {string.Join(", ", bound.Names.Select(n => n.Text))}.");
        }
        // The set of a bound is evaluated in the env of the bounds before it (\E x \in S, y \in T(x)).
        var set = EvalCore(bound.Set, env, st, primed);
        foreach (var element in Elements(set, bound.Set))
        {
            Env next;
            int nextIndex, nextName;
            if (bound.IsTuple || nameIndex == bound.Names.Length - 1)
            {
                next = bound.IsTuple ? BindBound(bound, element, env, bound) : env.Bind(bound.Names[nameIndex], element);
                nextIndex = index + 1;
                nextName = 0;
                if (!ForEachBindingWhile(bounds, nextIndex, nextName, next, st, primed, body))
                {
                    return false;
                }
            }
            else
            {
                next = env.Bind(bound.Names[nameIndex], element);
                if (!ForEachBindingWhile(bounds, index, nameIndex + 1, next, st, primed, body))
                {
                    return false;
                }
            }
        }
        return true;
    }

    private bool EvalQuantifier(Quantified q, Env env, StatePair st, bool primed)
    {
        var exists = q.Kind == Quantifier.Exists;
        var found = FindWitness(q, 0, 0, env, st, primed, exists);
        return exists ? found : !found;
    }

    /// <summary>
    /// Whether some binding of the quantifier's names, in <see cref="ForEachBinding"/>'s order, makes the body
    /// <paramref name="wanted"/>: a witness of <c>\E</c> or a counterexample of <c>\A</c>. Written out rather than
    /// through <see cref="ForEachBindingWhile"/> because quantifiers are evaluated in every state.
    /// </summary>
    private bool FindWitness(Quantified q, int index, int nameIndex, Env env, StatePair st, bool primed, bool wanted)
    {
        var bounds = q.Bounds;
        if (index == bounds.Length)
        {
            return Bool(q.Body, env, st, primed) == wanted;
        }
        var bound = bounds[index];
        if (bound.Set is null)
        {
            throw Error(bound, $"TLC cannot enumerate the unbounded quantifier over {string.Join(", ", bound.Names.Select(n => n.Text))}.");
        }
        var set = EvalCore(bound.Set, env, st, primed);
        var last = bound.IsTuple || nameIndex == bound.Names.Length - 1;
        foreach (var element in Elements(set, bound.Set))
        {
            var next = bound.IsTuple ? BindBound(bound, element, env, bound) : env.Bind(bound.Names[nameIndex], element);
            if (last ? FindWitness(q, index + 1, 0, next, st, primed, wanted) : FindWitness(q, index, nameIndex + 1, next, st, primed, wanted))
            {
                return true;
            }
        }
        return false;
    }

    private Value EvalChoose(Choose c, Env env, StatePair st, bool primed)
    {
        if (c.Bound.Set is null)
        {
            throw Error(c, "TLC cannot evaluate an unbounded CHOOSE.");
        }
        var set = EvalCore(c.Bound.Set, env, st, primed);
        foreach (var element in Elements(set, c.Bound.Set))
        {
            if (Bool(c.Body, BindBound(c.Bound, element, env, c), st, primed))
            {
                return element;
            }
        }
        throw Error(c, $"Attempted to compute the value of an expression of form CHOOSE x \\in S: P, but no element of S satisfied P.");
    }

    // ───────────────────────────── Functions ─────────────────────────────

    /// <summary>The domain of <c>[x \in S, y \in T |-> e]</c>: S, or S \X T for several bound names.</summary>
    private Value FunctionDomain(ImmutableArray<BoundDecl> bounds, Env env, StatePair st, bool primed)
    {
        var sets = new List<Value>();
        foreach (var bound in bounds)
        {
            var set = EvalCore(bound.Set!, env, st, primed);
            if (bound.IsTuple)
            {
                sets.Add(set);
                continue;
            }
            foreach (var _ in bound.Names)
            {
                sets.Add(set);
            }
        }
        return sets.Count == 1 ? sets[0] : Value.Of(new ProductSetValue([.. sets]));
    }

    private Value EvalFunctionConstructor(ImmutableArray<BoundDecl> bounds, Expr body, Env env, StatePair st, bool primed, SyntaxNode at)
    {
        var domain = FunctionDomain(bounds, env, st, primed);
        var elements = Elements(domain, at);
        var values = new Value[elements.Length];
        var single = IsSingleBound(bounds);
        for (var i = 0; i < elements.Length; i++)
        {
            values[i] = EvalCore(body, BindDomainElement(bounds, elements[i], env, single, at), st, primed);
        }
        return Value.Of(FunctionValue.FromDomain(domain.AsSet, values));
    }

    /// <summary>True when the domain's elements bind the bound names directly: <c>x \in S</c> or <c>&lt;&lt;a, b&gt;&gt; \in S</c>.</summary>
    private static bool IsSingleBound(ImmutableArray<BoundDecl> bounds) =>
        bounds.Length == 1 && (bounds[0].IsTuple || bounds[0].Names.Length == 1);

    private Env BindDomainElement(ImmutableArray<BoundDecl> bounds, Value element, Env env, bool single, SyntaxNode at)
    {
        if (single)
        {
            return BindBound(bounds[0], element, env, at);
        }
        var parts = element.AsFunction.Values;
        var k = 0;
        foreach (var bound in bounds)
        {
            if (bound.IsTuple)
            {
                env = BindBound(bound, parts[k++], env, at);
                continue;
            }
            foreach (var name in bound.Names)
            {
                env = env.Bind(name, parts[k++]);
            }
        }
        return env;
    }

    private Value EvalApplication(FunctionApplication fa, Env env, StatePair st, bool primed)
    {
        var argument = fa.Arguments.Length == 1
            ? EvalCore(fa.Arguments[0], env, st, primed)
            : Value.Of(FunctionValue.TupleOwned(EvalAll(fa.Arguments, env, st, primed)));

        // f[x] for a function definition f[x \in S] == e evaluates e at x without building f: the domain may be
        // infinite (f[n \in Nat] == ...) and recursion would never end.
        if (fa.Function is OpApp { Path.Length: 0, Arguments.Length: 0 } name && Resolve(name) is { Kind: SymbolKind.Function } fn)
        {
            if (DefinitionOf(fn, env) is (FunctionDef def, var definitionEnv))
            {
                return ApplyFunctionDefinition(def, argument, definitionEnv, st, primed, fa);
            }
        }
        // f[x] for f == [y \in S |-> e] at state level: evaluate e at x only, as TLC's lazy function values do,
        // instead of building f for every application.
        if (fa.Function is OpApp { Path.Length: 0, Arguments.Length: 0 } defined
            && Resolve(defined) is { Kind: SymbolKind.Operator, Level: > Level.Constant, Origin: null } definedSymbol
            && !_spec.TryGetOverride(definedSymbol, out _) && !_spec.TryGetConstant(definedSymbol, out _))
        {
            if (DefinitionOf(definedSymbol, env) is (OperatorDef { Parameters.Length: 0, Body: var body }, var definitionEnv)
                && WithoutParens(body) is FunctionConstructor constructor)
            {
                return ApplyConstructor(constructor.Bounds, constructor.Body, argument, definitionEnv, st, primed, fa);
            }
        }
        return ApplyValue(fa, EvalCore(fa.Function, env, st, primed), argument);
    }

    /// <summary>
    /// Whether <c>f[x]</c> applies the value of f (true), or a function definition or a state-level function
    /// constructor definition that EvalApplication applies point by point without building it.
    /// </summary>
    internal bool AppliesValue(FunctionApplication fa) =>
        fa.Function is not OpApp { Path.Length: 0, Arguments.Length: 0 } name
        || _spec.Resolve(name) is { Kind: not (SymbolKind.Function or SymbolKind.Operator) };

    /// <summary>Applies the value of <c>fa.Function</c> to the value of its argument(s).</summary>
    internal Value ApplyValue(FunctionApplication fa, Value function, Value argument)
    {
        if (function.Heap is LazyFunctionValue lazy)
        {
            // Functions with infinite domains (factorial[n \in Nat]) are applied point by point.
            return lazy.TryApply(argument, out var image)
                ? image
                : throw Error(fa, Format("Attempted to apply a function to argument {0}, which is not in its domain.", argument));
        }
        if (!function.IsFunction)
        {
            throw Error(fa, Format("Attempted to apply {0}, which is not a function, to {1}.", function, argument));
        }
        return function.AsFunction.Apply(argument);
    }

    private Value ApplyFunctionDefinition(FunctionDef def, Value argument, Env definitionEnv, StatePair st, bool primed, SyntaxNode at) =>
        ApplyConstructor(def.Bounds, def.Body, argument, definitionEnv, st, primed, at);

    /// <summary>The value at <paramref name="argument"/> of the function <c>[bounds |-&gt; body]</c>, without building it.</summary>
    private Value ApplyConstructor(ImmutableArray<BoundDecl> bounds, Expr body, Value argument, Env definitionEnv, StatePair st, bool primed, SyntaxNode at)
    {
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw TooDeep(at);
        }
        Cancellation.ThrowIfCancellationRequested();
        var domain = FunctionDomain(bounds, definitionEnv, st, primed);
        if (!ValueOps.Contains(domain, argument))
        {
            throw Error(at, Format("Attempted to apply a function to argument {0}, which is not in its domain {1}.", argument, domain));
        }
        var single = IsSingleBound(bounds);
        return EvalCore(body, BindDomainElement(bounds, argument, definitionEnv, single, at), st, primed);
    }


    private Value EvalExcept(Except ex, Env env, StatePair st, bool primed)
    {
        var result = EvalCore(ex.Function, env, st, primed);
        foreach (var update in ex.Updates)
        {
            result = UpdateAt(result, update.Path, 0, update.Value, env, st, primed, ex);
        }
        return result;
    }

    private Value UpdateAt(Value current, ImmutableArray<ExceptSelector> path, int index, Expr valueExpr, Env env, StatePair st, bool primed, SyntaxNode at)
    {
        if (index == path.Length)
        {
            return EvalCore(valueExpr, env.Bind(AtKey.Instance, current), st, primed);
        }
        if (!current.IsFunction)
        {
            throw Error(at, $"Attempted to apply EXCEPT to {current}, which is not a function or record.");
        }
        var function = current.AsFunction;
        var key = path[index] switch
        {
            FieldSelector f => Value.String(_spec.FieldName(f, f.Field.Text)),
            IndexSelector { Indices.Length: 1 } i => EvalCore(i.Indices[0], env, st, primed),
            IndexSelector i => Value.Of(FunctionValue.TupleOwned(EvalAll(i.Indices, env, st, primed))),
            _ => throw Error(at, "Unknown EXCEPT selector."),
        };
        // TLC leaves a function unchanged when the key is outside its domain.
        if (!function.TryApply(key, out var inner))
        {
            return current;
        }
        return Value.Of(function.Except(key, UpdateAt(inner, path, index + 1, valueExpr, env, st, primed, at)));
    }

    /// <summary>
    /// Binds LET definitions as closures that all share the env of the whole LET, so each can use the others
    /// (earlier ones, and itself or later ones when RECURSIVE).
    /// </summary>
    private static Env BindLet(Let l, Env env)
    {
        var bound = env;
        foreach (var definition in l.Definitions)
        {
            if (definition is OperatorDef or FunctionDef)
            {
                bound = bound.Bind(definition, new ClosureBinding(definition));
            }
        }
        // The closures are the bindings just added, on top of the chain: no list of them is allocated on every LET.
        for (var e = bound; !ReferenceEquals(e, env); e = e.Next)
        {
            ((ClosureBinding)e.Binding).Env = bound;
        }
        return bound;
    }

    // ───────────────────────────── Instances ─────────────────────────────

    private Value EvalInstanceApp(OpApp app, Env env, StatePair st, bool primed)
    {
        var symbol = ResolveInstancePath(app, env, st, out var instanceEnv);
        return EvalSymbol(symbol, app, app.Arguments, instanceEnv, env, st, primed);
    }

    /// <summary>
    /// Resolves <c>I(a)!J!Op</c>: walks the path, building for each instance the bindings of its substituted
    /// constants and variables (and its parameters), and returns the final symbol with the env to evaluate it in.
    /// </summary>
    /// <summary>Resolves <c>I!Op</c> to Op and the env of the instance it is evaluated in.</summary>
    internal Symbol ResolveInstance(OpApp app, Env env, out Env instanceEnv) => ResolveInstancePath(app, env, st: null, out instanceEnv);

    private Symbol ResolveInstancePath(OpApp app, Env env, StatePair? st, out Env instanceEnv)
    {
        instanceEnv = env;
        foreach (var segment in app.Path)
        {
            var symbol = _spec.Resolve(segment) ?? throw Error(segment, "Unresolved instance.");
            if (symbol.Instance is { } instance && symbol.Declaration is ModuleInstanceDef def)
            {
                var callerEnv = instanceEnv;
                if (def.Parameters.Length == 0 && ReferenceEquals(callerEnv.Base, Env.Empty) && _spec.IsModuleDefinition(symbol))
                {
                    // A top-level instance of the root without parameters: its substitutions name only top-level
                    // definitions, constants and variables, so its bindings are the same wherever it is used.
                    instanceEnv = SharedInstanceEnv(instance, Env.Empty);
                    continue;
                }
                // The instance's parameters (I(x) == INSTANCE M WITH c <- x) are seen by its substitutions.
                var parameterEnv = callerEnv;
                for (var i = 0; i < def.Parameters.Length && i < segment.Arguments.Length; i++)
                {
                    parameterEnv = parameterEnv.Bind(def.Parameters[i],
                        ArgumentBinding(def.Parameters[i].Arity, def.Parameters[i].Name.Text, segment.Arguments[i], callerEnv));
                }
                instanceEnv = SubstitutionEnv(instance, callerEnv.Base, parameterEnv).AsBase();
            }
        }
        return _spec.Resolve(app) ?? throw Error(app, "Unresolved name.");
    }

    /// <summary>The bindings an instance's substitutions give its constants and variables.</summary>
    private Env SubstitutionEnv(ResolvedInstance instance, Env start, Env callerEnv)
    {
        var env = start;
        foreach (var substitution in instance.Substitutions)
        {
            if (substitution.Parameter.Declaration is not { } key)
            {
                continue;
            }
            if (substitution.Value is { } value)
            {
                // An operator constant (LessThan(_, _) <- ByWeight) is substituted by an operator.
                env = env.Bind(key, ArgumentBinding(substitution.Parameter.Arity, substitution.Parameter.Name, value, callerEnv));
            }
            else if (substitution.Implicit is { } same && !ReferenceEquals(same, substitution.Parameter))
            {
                env = env.Bind(key, new OperatorBinding(same, null, callerEnv));
            }
        }
        return env;
    }

    /// <summary>A definition imported by an unnamed INSTANCE: evaluated in the instantiated module with its substitutions.</summary>
    private Value EvalImported(Symbol symbol, SyntaxNode at, ImmutableArray<Expr> arguments, Env lookupEnv, Env callerEnv, StatePair st, bool primed) =>
        EvalSymbol(symbol.Origin!, at, arguments, ImportEnv(symbol, lookupEnv), callerEnv, st, primed);

    /// <summary>The env a definition imported by an unnamed INSTANCE is evaluated in: the instance's substitutions.</summary>
    internal Env ImportEnv(Symbol imported, Env lookupEnv) =>
        imported.Instance is { } instance ? SharedInstanceEnv(instance, lookupEnv.Base) : lookupEnv.Base;

    /// <summary>
    /// The env of an instance whose substitutions are evaluated in <paramref name="from"/>, the base env of the module
    /// instantiating it: built once per instance when that base is itself shared (the root's, or such an instance's),
    /// since every use of an imported definition asks for it (tlaplus/Examples' TLCSailfish1 imports Sailfish, which
    /// imports BlockDag, with eleven and three substitutions). Its argument bindings cache their values per state pair
    /// and version, as they do on any path.
    /// </summary>
    private Env SharedInstanceEnv(ResolvedInstance instance, Env from)
    {
        if (_spec.TryGetInstanceEnv(instance, from, out var env, out var keep))
        {
            return env;
        }
        env = SubstitutionEnv(instance, from, from).AsBase();
        return keep ? _spec.KeepInstanceEnv(instance, from, env) : env;
    }
}
