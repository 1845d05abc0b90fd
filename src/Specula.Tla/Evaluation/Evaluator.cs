using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Specula.Tla.Semantics;
using Specula.Tla.Evaluation.Compilation;
using Specula.Tla.Syntax;
using Specula.Tla.Values;

namespace Specula.Tla.Evaluation;

/// <summary>
/// The states an expression is evaluated in: the current state, and for actions the next state, whose variables
/// may still be unassigned while successors are being generated. One pair stands for one current state: arguments
/// and LET values are cached per pair and <see cref="Version"/>, so a pair is never reused for another state.
/// </summary>
internal sealed class StatePair
{
    public Value[]? Current;
    public Value[]? Next;
    public bool[]? Assigned;

    /// <summary>Incremented at every change of <see cref="Next"/> or <see cref="Assigned"/> (never decremented).</summary>
    public long Version;

    public static StatePair Of(Value[]? current) => new() { Current = current };
}

/// <summary>
/// Evaluates TLA+ expressions to values with TLC's semantics: operators take their arguments by name, conjunctions
/// and disjunctions short-circuit, CHOOSE takes the first witness in TLC's order, and errors carry the location of
/// the expression being evaluated.
/// </summary>
internal sealed partial class Evaluator
{
    private readonly SpecContext _spec;

    public Evaluator(SpecContext spec)
    {
        _spec = spec;
    }

    public SpecContext Spec => _spec;

    /// <summary>
    /// Whether expressions are compiled into closures (<see cref="ExpressionCompiler"/>) on their first evaluation:
    /// set by the state spaces, which evaluate the same expressions in every state, once the model is loaded (the
    /// compiled code takes the model's constants and overrides as fixed).
    /// </summary>
    public bool Compiles { get; init; }

    /// <summary>
    /// Stops a long evaluation when cancelled (Ctrl-C, SIGTERM, a time limit): polled at every definition call,
    /// recursive function application, set enumeration and generated state, so an ASSUME, the initial states or a
    /// constant definition computed once cannot keep the process alive; throws <see cref="OperationCanceledException"/>.
    /// Set by whoever drives the evaluation (the loader, a checking run) for as long as it runs.
    /// </summary>
    public CancellationToken Cancellation { get; set; }

    // ───────────────────────────── Errors ─────────────────────────────

    internal EvaluationException Error(SyntaxNode node, string message) =>
        new(message, node.Span.IsNone || SourceOf(node) is not { } source ? null : source.Locate(node.Span));

    private SourceText? SourceOf(SyntaxNode node)
    {
        // Nodes of the root module are the common case; other modules' nodes are located through their symbols.
        return _spec.Root.Source;
    }

    /// <summary>Evaluates with value errors turned into located evaluation errors.</summary>
    public Value Eval(Expr e, Env env, StatePair st, bool primed = false)
    {
        try
        {
            return EvalCore(e, env, st, primed);
        }
        catch (ValueException ex)
        {
            throw Error(e, ex.Message);
        }
    }

    public bool EvalBool(Expr e, Env env, StatePair st, bool primed = false)
    {
        var v = Eval(e, env, st, primed);
        if (!v.IsBool)
        {
            throw Error(e, $"A non-boolean expression ({v}) was used as a condition.");
        }
        return v.AsBool;
    }

    private bool Bool(Expr e, Env env, StatePair st, bool primed)
    {
        var v = EvalCore(e, env, st, primed);
        return v.IsBool ? v.AsBool : throw NotBoolean(e, v);
    }

    /// <summary>
    /// An error message from a format: hot methods build their messages through this rather than with interpolation,
    /// whose handler would sit in their frames and be cleared on every call.
    /// </summary>
    private static string Format(string format, object? arg0, object? arg1 = null) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, format, arg0, arg1);

    internal EvaluationException NotBoolean(Expr e, Value v) => Error(e, $"A non-boolean expression ({v}) was used as a condition.");

    // ───────────────────────────── Expressions ─────────────────────────────

    internal Value EvalCore(Expr e, Env env, StatePair st, bool primed)
    {
        if (Compiles)
        {
            var facts = _spec.Facts(e);
            return (facts.Compiled ?? ExpressionCompiler.CompileInto(facts, e, this))(this, env, st, primed);
        }
        return Interpret(e, env, st, primed);
    }

    /// <summary>
    /// Evaluates by walking the syntax tree: what <see cref="EvalCore"/> does without compilation, and what compiled
    /// code falls back to for the node kinds it does not compile.
    /// </summary>
    internal Value Interpret(Expr e, Env env, StatePair st, bool primed)
    {
        // Expressions that may be constant (1..N, {"a", "b"}, [S -> T]) are evaluated once, as TLC does with constant
        // definitions; only outside instances, where constants are the model's.
        if (e is Binary or SetEnumeration or TupleExpr or RecordConstructor or RecordSet or FunctionSet or CartesianProduct or Unary or IfThenElse
                or SetFilter or SetMap
            && ReferenceEquals(env.Base, Env.Empty))
        {
            return EvalMaybeConstant(e, env, st, primed);
        }
        return EvalNode(e, env, st, primed);
    }

    // EvalNode runs for every expression: its cases only dispatch, so that its frame stays small (no interpolated
    // error messages or record loops whose locals the prologue would clear on every call).
    private Value EvalNode(Expr e, Env env, StatePair st, bool primed)
    {
        // No stack check here: deep recursion only comes through definitions and recursive functions, which check
        // (CallDefinition, ApplyConstructor), and the check reads a thread-local on every call.
        switch (e)
        {
            case NumberLiteral n:
                return Value.Int(n.Value);
            case ValueArgument v:
                return v.Value;
            case StringLiteral s:
                return _spec.StringLiteral(s);
            case Parens p:
                return EvalCore(p.Inner, env, st, primed);
            case Labeled l:
                return EvalCore(l.Body, env, st, primed);
            case OpApp app:
                return EvalApp(app, env, st, primed);
            case Binary b:
                return EvalBinary(b, env, st, primed);
            case Unary u:
                return EvalUnary(u, env, st, primed);
            case Postfix p:
                return EvalPostfix(p, env, st, primed);
            case JunctionList j:
                return EvalJunction(j, env, st, primed);
            case Quantified q:
                return Value.Bool(EvalQuantifier(q, env, st, primed));
            case Choose c:
                return EvalChoose(c, env, st, primed);
            case SetEnumeration s:
                return Value.Of(SetValue.Of(EvalAll(s.Elements, env, st, primed)));
            case SetFilter f:
                return EvalSetFilter(f, env, st, primed);
            case SetMap m:
                return EvalSetMap(m, env, st, primed);
            case FunctionConstructor fc:
                return EvalFunctionConstructor(fc.Bounds, fc.Body, env, st, primed, fc);
            case FunctionSet fs:
                return Value.Of(new FunctionSetValue(EvalCore(fs.Domain, env, st, primed), EvalCore(fs.Range, env, st, primed)));
            case RecordConstructor rc:
                return EvalRecord(rc, env, st, primed);
            case RecordSet rs:
                return EvalRecordSet(rs, env, st, primed);
            case FunctionApplication fa:
                return EvalApplication(fa, env, st, primed);
            case FieldAccess f:
                return EvalFieldAccess(f, env, st, primed);
            case Except ex:
                return EvalExcept(ex, env, st, primed);
            case TupleExpr t:
                return Value.Of(FunctionValue.TupleOwned(EvalAll(t.Elements, env, st, primed)));
            case CartesianProduct cp:
                return Value.Of(new ProductSetValue(EvalAll(cp.Factors, env, st, primed)));
            case IfThenElse ite:
                return Bool(ite.Condition, env, st, primed)
                    ? EvalCore(ite.Then, env, st, primed)
                    : EvalCore(ite.Else, env, st, primed);
            case Case c:
                return EvalCase(c, env, st, primed);
            case Let l:
                return EvalCore(l.Body, BindLet(l, env), st, primed);
            case AtSign at:
                return env.Lookup(AtKey.Instance) is ValueBinding old ? old.Value : throw Error(at, "@ used outside an EXCEPT.");
            case ActionExpr a:
                return EvalActionExpr(a, env, st, primed);
            default:
                throw Unevaluable(e);
        }
    }

    private EvaluationException TooDeep(SyntaxNode e) =>
        // TLC reports a stack overflow here; a deep or endless recursion in the spec must not crash the process.
        Error(e, "Evaluation recursed too deeply (an unbounded RECURSIVE operator or recursive function?).");

    private EvaluationException Unevaluable(Expr e) => e switch
    {
        Lambda lambda => Error(lambda, "A LAMBDA expression can only be an argument of an operator."),
        DecimalLiteral d => Error(d, $"TLC cannot evaluate the real number {d.Text}."),
        Fairness or TemporalQuantified => Error(e, "A temporal formula cannot be evaluated as a value."),
        _ => Error(e, $"Cannot evaluate {e.GetType().Name} expressions."),
    };

    private Value EvalJunction(JunctionList j, Env env, StatePair st, bool primed)
    {
        foreach (var item in j.Items)
        {
            var value = Bool(item, env, st, primed);
            if (value != j.IsConjunction)
            {
                return Value.Bool(value);
            }
        }
        return Value.Bool(j.IsConjunction);
    }

    private Value EvalRecord(RecordConstructor rc, Env env, StatePair st, bool primed)
    {
        if (_spec.Shape(rc) is { } shape)
        {
            var values = new Value[rc.Fields.Length];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = EvalCore(rc.Fields[i].Value, env, st, primed);
            }
            return Value.Of(shape.Create(values));
        }
        var fields = new (TlaString, Value)[rc.Fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = (_spec.Strings.Intern(rc.Fields[i].Name.Text), EvalCore(rc.Fields[i].Value, env, st, primed));
        }
        return Value.Of(FunctionValue.Record(fields));
    }

    private Value EvalRecordSet(RecordSet rs, Env env, StatePair st, bool primed)
    {
        var fields = new (TlaString, Value)[rs.Fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = (_spec.Strings.Intern(rs.Fields[i].Name.Text), EvalCore(rs.Fields[i].Value, env, st, primed));
        }
        return Value.Of(new RecordSetValue(fields));
    }

    private Value EvalFieldAccess(FieldAccess f, Env env, StatePair st, bool primed) =>
        SelectField(f, EvalCore(f.Record, env, st, primed));

    /// <summary>The field <c>f.Field</c> of the value of <c>f.Record</c>.</summary>
    internal Value SelectField(FieldAccess f, Value record)
    {
        if (!record.IsFunction)
        {
            throw Error(f, $"Attempted to select field {f.Field.Text} from a non-record value {record}.");
        }
        return record.AsFunction.Select(_spec.FieldName(f, f.Field.Text));
    }

    private Value EvalCase(Case c, Env env, StatePair st, bool primed)
    {
        foreach (var arm in c.Arms)
        {
            if (Bool(arm.Guard, env, st, primed))
            {
                return EvalCore(arm.Value, env, st, primed);
            }
        }
        if (c.Other is not null)
        {
            return EvalCore(c.Other, env, st, primed);
        }
        throw Error(c, "Attempted to evaluate a CASE with no conditions true.");
    }

    private Value EvalActionExpr(ActionExpr a, Env env, StatePair st, bool primed)
    {
        // [A]_v is A \/ v' = v; <<A>>_v is A /\ v' /= v.
        var unchanged = ValueOps.TlcEquals(EvalCore(a.Subscript, env, st, primed: true), EvalCore(a.Subscript, env, st, primed));
        return a.IsAngle
            ? Value.Bool(!unchanged && Bool(a.Action, env, st, primed))
            : Value.Bool(unchanged || Bool(a.Action, env, st, primed));
    }

    // The forms below hold lambdas; kept out of EvalNode, whose parameters would otherwise be hoisted into a closure
    // object allocated on every evaluation of every expression.

    private Value EvalSetFilter(SetFilter f, Env env, StatePair st, bool primed)
    {
        var set = EvalCore(f.Bound.Set!, env, st, primed);
        if (set.IsSet && !set.AsSet.IsEnumerable)
        {
            // {x \in Nat : P}: kept lazy as in TLC, for membership tests; the predicate sees a snapshot of the states.
            var snapshot = new StatePair
            {
                Current = st.Current,
                Next = (Value[]?)st.Next?.Clone(),
                Assigned = (bool[]?)st.Assigned?.Clone(),
            };
            var bound = f.Bound;
            return Value.Of(new FilteredSetValue(set, element => Bool(f.Predicate, BindBound(bound, element, env, f), snapshot, primed)));
        }
        var elements = Elements(set, f.Bound.Set!);
        // The elements kept, once one is dropped; until then the set itself is the answer.
        Value[]? kept = null;
        var count = 0;
        for (var i = 0; i < elements.Length; i++)
        {
            if (Bool(f.Predicate, BindBound(f.Bound, elements[i], env, f), st, primed))
            {
                if (kept is not null)
                {
                    kept[count++] = elements[i];
                }
            }
            else if (kept is null)
            {
                kept = new Value[elements.Length - 1];
                Array.Copy(elements, kept, i);
                count = i;
            }
        }
        // Elements of a set in TLC's order stay in order when some are dropped; a set TLC cannot order is built
        // again, to fail where TLC fails.
        var ordered = set.Heap is not SetValue { IsNormalized: false };
        if (kept is null)
        {
            return set.Heap is SetValue { IsNormalized: true } ? set
                : ordered ? Value.Of(SetValue.FromSortedDistinct(elements)) : Value.Of(SetValue.Of(elements));
        }
        Array.Resize(ref kept, count);
        return ordered ? Value.Of(SetValue.FromSortedDistinct(kept)) : Value.Of(SetValue.Of(kept));
    }

    private Value EvalSetMap(SetMap m, Env env, StatePair st, bool primed)
    {
        var result = new List<Value>();
        ForEachBinding(m.Bounds, 0, env, st, primed, bound => result.Add(EvalCore(m.Element, bound, st, primed)));
        return Value.Of(SetValue.Of(result));
    }

    private Value[] EvalAll(ImmutableArray<Expr> expressions, Env env, StatePair st, bool primed)
    {
        var values = new Value[expressions.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = EvalCore(expressions[i], env, st, primed);
        }
        return values;
    }

    /// <summary>The key under which <c>@</c> is bound in an EXCEPT value.</summary>
    internal sealed class AtKey
    {
        public static readonly AtKey Instance = new();
    }

    // ───────────────────────────── Names ─────────────────────────────

    private Symbol Resolve(SyntaxNode node) =>
        _spec.Resolve(node) ?? throw Error(node, "Unresolved name; the spec has semantic errors.");

    private Value EvalApp(OpApp app, Env env, StatePair st, bool primed)
    {
        if (app.Path.Length > 0)
        {
            return EvalInstanceApp(app, env, st, primed);
        }
        var symbol = Resolve(app);
        return EvalSymbol(symbol, app, app.Arguments, env, env, st, primed);
    }

    /// <summary>
    /// Evaluates a reference to <paramref name="symbol"/> applied to <paramref name="arguments"/>. Bindings of the
    /// symbol (parameters, LET closures, instance substitutions) are looked up in <paramref name="lookupEnv"/>; the
    /// arguments are expressions of <paramref name="callerEnv"/>.
    /// </summary>
    internal Value EvalSymbol(Symbol symbol, SyntaxNode at, ImmutableArray<Expr> arguments, Env lookupEnv, Env callerEnv, StatePair st, bool primed)
    {
        if (_spec.TryGetOverride(symbol, out var replacement))
        {
            symbol = replacement;
        }
        switch (symbol.Kind)
        {
            case SymbolKind.BoundVariable or SymbolKind.Parameter:
            {
                var binding = symbol.Declaration is null ? null : lookupEnv.Lookup(symbol.Declaration);
                return binding is null
                    ? throw Error(at, Format("The name {0} is not bound here.", symbol.Name))
                    : Force(binding, at, arguments, callerEnv, st, primed);
            }
            case SymbolKind.Variable:
                return EvalVariable(symbol, at, lookupEnv, callerEnv, st, primed);
            case SymbolKind.Constant:
                // As variables, constants are bound only by an instance's substitutions, in its base.
                if (symbol.Declaration is not null && !ReferenceEquals(lookupEnv.Base, Env.Empty) && lookupEnv.Lookup(symbol.Declaration) is { } substituted)
                {
                    return Force(substituted, at, arguments, callerEnv, st, primed);
                }
                if (_spec.TryGetConstant(symbol, out var constant))
                {
                    return constant;
                }
                throw Error(at, Format("The constant {0} has no value; give it one in the model configuration.", symbol.Name));
            case SymbolKind.Operator or SymbolKind.Function:
                if (_spec.TryGetDefinitionValue(symbol, out var given))
                {
                    return given;
                }
                if (symbol.Origin is not null)
                {
                    return EvalImported(symbol, at, arguments, lookupEnv, callerEnv, st, primed);
                }
            {
                var definition = symbol.Definition ?? symbol.Declaration as Unit;
                if (definition is not null && lookupEnv.Lookup(definition) is ClosureBinding closure)
                {
                    return arguments.Length == 0 && closure.Definition is OperatorDef { Parameters.Length: 0 } or FunctionDef
                        ? EvalLetValue(symbol, closure, at, callerEnv, st, primed)
                        : CallDefinition(symbol, closure.Definition, at, arguments, closure.Env, callerEnv, st, primed);
                }
                return CallDefinition(symbol, definition, at, arguments, lookupEnv.Base, callerEnv, st, primed);
            }
            case SymbolKind.BuiltIn:
            case SymbolKind.StandardOperator:
                return EvalStandard(symbol, at, arguments, callerEnv, st, primed);
            case SymbolKind.Theorem when symbol.Declaration is Theorem { Body: var statement } and not { Body: AssumeProve }:
                // A named THEOREM or ASSUME stands for its formula (ASSUME T1 in TLC checks T1's statement).
                return EvalCore(statement, lookupEnv.Base, st, primed);
            case SymbolKind.Theorem when symbol.Declaration is Assumption { Body: var assumed }:
                return EvalCore(assumed, lookupEnv.Base, st, primed);
            default:
                throw Error(at, Format("{0} cannot be evaluated here.", symbol.Name));
        }
    }

    /// <summary>The value of a binding in a state (an instance's substitution for one of its variables).</summary>
    internal Value ValueOf(Binding binding, SyntaxNode at, StatePair st) => Force(binding, at, [], Env.Empty, st, primed: false);

    internal Value Force(Binding binding, SyntaxNode at, ImmutableArray<Expr> arguments, Env callerEnv, StatePair st, bool primed)
    {
        switch (binding)
        {
            case ValueBinding v:
                return v.Value;
            case ThunkBinding t:
            {
                // Evaluated at most once per state, as TLC's LazyValue: a RECURSIVE operator that uses its argument
                // k times would otherwise cost k^depth evaluations.
                if (t.Cache is { } cache && cache.Holds(st, primed))
                {
                    return cache.Value;
                }
                var value = EvalCore(t.Expression, t.Env, st, primed);
                t.Cache = new ArgumentCache(st, st.Version, primed, value);
                return value;
            }
            case OperatorBinding op:
                return CallOperatorBinding(op, at, arguments, callerEnv, st, primed);
            case ClosureBinding c:
                return CallDefinition(null, c.Definition, at, arguments, c.Env, callerEnv, st, primed);
            case InstanceVariableBinding v when primed:
                return st.Assigned is { } assigned && v.Slot < assigned.Length && assigned[v.Slot]
                    ? st.Next![v.Slot]
                    : throw Error(at, "A variable of the instance was used primed before it was given a value.");
            case InstanceVariableBinding v:
                return st.Current![v.Slot];
            default:
                throw Error(at, "Unexpected binding.");
        }
    }

    private Value EvalVariable(Symbol symbol, SyntaxNode at, Env lookupEnv, Env callerEnv, StatePair st, bool primed)
    {
        // Variables are bound only by an instance's substitutions, which live in its base: outside instances there is
        // no chain to walk on every reference.
        if (symbol.Declaration is not null && !ReferenceEquals(lookupEnv.Base, Env.Empty) && lookupEnv.Lookup(symbol.Declaration) is { } substituted)
        {
            return Force(substituted, at, [], callerEnv, st, primed);
        }
        if (!_spec.TryGetSlot(symbol, out var slot))
        {
            throw Error(at, Format("The variable {0} is not a variable of the checked spec.", symbol.Name));
        }
        if (primed)
        {
            if (st.Next is null || st.Assigned is null)
            {
                throw Error(at, Format("The primed variable {0}' cannot be evaluated in a state predicate.", symbol.Name));
            }
            if (!st.Assigned[slot])
            {
                throw Error(at, Format("The variable {0}' was used before it was given a value.", symbol.Name));
            }
            return st.Next[slot];
        }
        if (st.Current is null)
        {
            throw Error(at, Format("The variable {0} cannot be evaluated in a constant expression.", symbol.Name));
        }
        return st.Current[slot];
    }

    /// <summary>
    /// A LET definition without parameters, evaluated at most once per state as TLC's LazyValue for LET: a LET
    /// value passed down a RECURSIVE operator would otherwise be recomputed at every use.
    /// </summary>
    private Value EvalLetValue(Symbol symbol, ClosureBinding closure, SyntaxNode at, Env callerEnv, StatePair st, bool primed)
    {
        if (closure.Cache is { } cache && cache.Holds(st, primed))
        {
            return cache.Value;
        }
        var value = CallDefinition(symbol, closure.Definition, at, [], closure.Env, callerEnv, st, primed);
        closure.Cache = new ArgumentCache(st, st.Version, primed, value);
        return value;
    }

    /// <summary>Calls a definition with arguments passed by name (each evaluated at most once, when used).</summary>
    internal Value CallDefinition(Symbol? symbol, Unit? definition, SyntaxNode at, ImmutableArray<Expr> arguments, Env definitionEnv, Env callerEnv, StatePair st, bool primed)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw TooDeep(at);
        }
        Cancellation.ThrowIfCancellationRequested();
        switch (definition)
        {
            case OperatorDef def:
            {
                if (def.Parameters.Length == 0 && symbol is not null && symbol.Level == Level.Constant && ReferenceEquals(definitionEnv, Env.Empty))
                {
                    if (_spec.ConstantCache.TryGetValue(symbol, out var cached))
                    {
                        return cached;
                    }
                    return _spec.ConstantCache.GetOrAdd(symbol, EvalCore(def.Body, Env.Empty, st, primed));
                }
                return EvalCore(def.Body, BindArguments(def, at, arguments, definitionEnv, callerEnv), st, primed);
            }
            case FunctionDef fn:
            {
                if (arguments.Length > 0)
                {
                    throw Error(at, Format("The function {0} is applied with [ ], not ( ).", fn.Name.Text));
                }
                if (!primed && symbol is { Level: Level.State })
                {
                    return LazyFunctionDefinition(fn, definitionEnv, st);
                }
                // Inside its own body, the function's name is the function itself (recursive definitions).
                return EvalFunctionConstructor(fn.Bounds, fn.Body, definitionEnv, st, primed, fn);
            }
            default:
                throw Error(at, Format("{0} has no definition that can be evaluated.", symbol?.Name ?? "This operator"));
        }
    }

    /// <summary>
    /// A state-level function definition used as a value (passed as an argument, its DOMAIN taken, compared) as TLC's
    /// FcnLambdaValue: an image is computed when the function is applied to it, and the whole function is tabulated
    /// only where it is needed (equality, a fingerprint). GameOfLife's Sum(sc, points) applies sc to the 8
    /// neighbours of a cell, not to all (N + 2)^2 points of its domain. Its images read the current state only (a
    /// state-level body), which the assignments of a step do not change.
    /// </summary>
    private Value LazyFunctionDefinition(FunctionDef fn, Env definitionEnv, StatePair st)
    {
        var domain = FunctionDomain(fn.Bounds, definitionEnv, st, primed: false);
        var single = IsSingleBound(fn.Bounds);
        return Value.Of(new LazyFunctionValue(domain,
            argument => EvalCore(fn.Body, BindDomainElement(fn.Bounds, argument, definitionEnv, single, fn), st, primed: false)));
    }

    /// <summary>
    /// The definition a user symbol stands for and the env its body is evaluated in: the closure's for a LET
    /// definition (bound under its definition node; RECURSIVE ones are declared before), else the module instance's.
    /// </summary>
    internal static (Unit? Definition, Env Env) DefinitionOf(Symbol symbol, Env env)
    {
        var definition = symbol.Definition ?? symbol.Declaration as Unit;
        return definition is not null && env.Lookup(definition) is ClosureBinding closure
            ? (closure.Definition, closure.Env)
            : (definition, env.Base);
    }

    /// <summary>The env of a definition's body: its parameters bound to the arguments, by name.</summary>
    internal Env BindArguments(OperatorDef def, SyntaxNode at, ImmutableArray<Expr> arguments, Env definitionEnv, Env callerEnv)
    {
        if (def.Parameters.Length != arguments.Length)
        {
            throw Error(at, Format("The operator {0} requires {1} arguments.", def.Name.Text, def.Parameters.Length));
        }
        var bodyEnv = definitionEnv;
        for (var i = 0; i < arguments.Length; i++)
        {
            bodyEnv = bodyEnv.Bind(def.Parameters[i], ArgumentBinding(def.Parameters[i].Arity, def.Parameters[i].Name.Text, arguments[i], callerEnv));
        }
        return bodyEnv;
    }

    internal static Env BindLetFor(Let l, Env env) => BindLet(l, env);

    /// <summary>
    /// A \cdot B on a step s -> u, as TLC evaluates it: some state t that A leads to from s has B from t to u.
    /// </summary>
    private bool Composes(Expr first, Expr second, Env env, StatePair st)
    {
        if (st.Current is null || st.Next is null)
        {
            throw Error(first, "An action composition can only be evaluated on a step.");
        }
        foreach (var t in new ActionGenerator(this).IntermediateStates(first, env, st.Current, assignedBefore: null))
        {
            if (Bool(second, env, new StatePair { Current = t, Next = st.Next, Assigned = st.Assigned }, primed: false))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>ENABLED A: whether A has a successor from the current state.</summary>
    private bool IsEnabled(Expr action, Env env, StatePair st)
    {
        if (st.Current is null)
        {
            throw Error(action, "ENABLED can only be evaluated in a state.");
        }
        return new ActionGenerator(this).IsEnabled(action, env, st.Current);
    }

    /// <summary>How an argument is passed: by name for ordinary parameters, as an operator for higher-order ones.</summary>
    internal Binding ArgumentBinding(int arity, string parameter, Expr argument, Env callerEnv)
    {
        if (arity == 0)
        {
            return SharedArgument(argument, callerEnv) ?? new ThunkBinding(argument, callerEnv);
        }
        switch (argument)
        {
            case Lambda lambda:
                return new OperatorBinding(null, lambda, callerEnv);
            case OpApp { Arguments.Length: 0 } app:
            {
                var env = callerEnv;
                var symbol = app.Path.Length == 0 ? Resolve(app) : ResolveInstancePath(app, callerEnv, st: null, out env);
                if (symbol.Declaration is not null && env.Lookup(symbol.Declaration) is OperatorBinding passed)
                {
                    return passed;
                }
                return new OperatorBinding(symbol, null, env);
            }
            default:
                throw Error(argument, $"The argument for {parameter} must be an operator.");
        }
    }

    /// <summary>
    /// The binding of an argument that needs no thunk of its own, or null: a name the caller bound to a value or an
    /// argument (passing <c>i</c> on is looking <c>i</c> up, so the callee shares the caller's binding and its cached
    /// value), or a literal (one binding per literal node). Most arguments are of these kinds, and a thunk with the
    /// cache of its value costs two allocations per argument of every call.
    /// </summary>
    private Binding? SharedArgument(Expr argument, Env callerEnv)
    {
        switch (argument)
        {
            case OpApp { Path.Length: 0, Arguments.Length: 0 } app
                when _spec.Resolve(app) is { Kind: SymbolKind.BoundVariable or SymbolKind.Parameter, Declaration: { } declaration }:
                var binding = callerEnv.Lookup(declaration);
                return binding is ValueBinding or ThunkBinding ? binding : null;
            case NumberLiteral or StringLiteral:
                var facts = _spec.Facts(argument);
                return facts.PassedLiteral ??= new ValueBinding(argument is NumberLiteral n ? Value.Int(n.Value) : _spec.StringLiteral((StringLiteral)argument));
            default:
                return null;
        }
    }

    private Value CallOperatorBinding(OperatorBinding op, SyntaxNode at, ImmutableArray<Expr> arguments, Env callerEnv, StatePair st, bool primed)
    {
        if (op.Lambda is { } lambda)
        {
            if (lambda.Parameters.Length != arguments.Length)
            {
                throw Error(at, $"The LAMBDA requires {lambda.Parameters.Length} arguments.");
            }
            var env = op.Env;
            for (var i = 0; i < arguments.Length; i++)
            {
                env = env.Bind(lambda.Parameters[i], SharedArgument(arguments[i], callerEnv) ?? new ThunkBinding(arguments[i], callerEnv));
            }
            return EvalCore(lambda.Body, env, st, primed);
        }
        return EvalSymbol(op.Symbol!, at, arguments, op.Env, callerEnv, st, primed);
    }
}
