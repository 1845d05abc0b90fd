using Specula.Tla.Semantics;
using Specula.Tla.Syntax;
using Specula.Tla.Values;

namespace Specula.Tla.Evaluation;

/// <summary>
/// What a name is bound to while evaluating: a value, an unevaluated argument (TLA+ operators take their arguments
/// by name, as TLC's lazy values do), an operator passed to a higher-order parameter, or a LET definition closed
/// over the bindings where it was written.
/// </summary>
internal abstract class Binding;

/// <summary>A bound value: a quantified variable, a CHOOSE witness, <c>@</c>.</summary>
internal sealed class ValueBinding(Value value) : Binding
{
    // Bindings of the small integers and the booleans, made once: quantifiers mostly range over process numbers, and
    // a binding per element of every quantifier evaluated is an allocation of every state's expansion.
    private static readonly ValueBinding[] SmallInts = [.. Enumerable.Range(0, 256).Select(i => new ValueBinding(Value.Int(i)))];
    private static readonly ValueBinding FalseBinding = new(Value.False);
    private static readonly ValueBinding TrueBinding = new(Value.True);

    public Value Value { get; } = value;

    /// <summary>A binding of <paramref name="value"/>: a shared one for a small integer or a boolean.</summary>
    public static ValueBinding Of(Value value)
    {
        if (value.TryGetInt64(out var n))
        {
            return (ulong)n < (ulong)SmallInts.Length ? SmallInts[n] : new ValueBinding(value);
        }
        return value.IsBool ? (value.AsBool ? TrueBinding : FalseBinding) : new ValueBinding(value);
    }
}

/// <summary>An argument expression with the bindings of its call site, evaluated where it is used.</summary>
internal sealed class ThunkBinding(Expr expression, Env env) : Binding
{
    public Expr Expression { get; } = expression;

    public Env Env { get; } = env;

    /// <summary>
    /// The value last computed and the evaluation it belongs to, or null. One reference, so workers sharing a binding
    /// never read the value of one state for another's.
    /// </summary>
    public ArgumentCache? Cache;
}

/// <summary>
/// The value of an argument or LET definition and the evaluation it was computed in: the state pair (by reference),
/// its version (the next-state variables assigned so far) and whether it was evaluated primed. Any of them changed,
/// the value is computed again; so a value read while successors are generated is never one of another branch.
/// </summary>
internal sealed record ArgumentCache(StatePair For, long Version, bool Primed, Value Value)
{
    public bool Holds(StatePair st, bool primed) => ReferenceEquals(For, st) && Version == st.Version && Primed == primed;
}

/// <summary>An operator argument of a higher-order parameter: a named operator (with its bindings) or a LAMBDA.</summary>
internal sealed class OperatorBinding(Symbol? symbol, Lambda? lambda, Env env) : Binding
{
    public Symbol? Symbol { get; } = symbol;

    public Lambda? Lambda { get; } = lambda;

    public Env Env { get; } = env;
}

/// <summary>A LET definition (operator or function) closed over the bindings where the LET is.</summary>
internal sealed class ClosureBinding(Unit definition) : Binding
{
    public Unit Definition { get; } = definition;

    /// <summary>Set once, right after the LET's bindings are made, to the env holding all of them.</summary>
    public Env Env { get; set; } = Env.Empty;

    /// <summary>For a definition without parameters: its value and the state it was computed in, as for arguments.</summary>
    public ArgumentCache? Cache;
}

/// <summary>
/// A variable of an instantiated module given a slot of its own in the state pair, while ENABLED of one of its
/// actions is evaluated over that module's variables (TLA+'s <c>I!(ENABLED A)</c>, which TLC computes for fairness
/// in a refinement property): <c>x' = e</c> assigns the slot rather than failing on the substituted expression.
/// </summary>
/// <param name="slot">The slot, past the checked spec's variables.</param>
/// <param name="substitution">What the instance substitutes for the variable, for its value in the current state.</param>
internal sealed class InstanceVariableBinding(int slot, Binding substitution) : Binding
{
    public int Slot { get; } = slot;

    public Binding Substitution { get; } = substitution;
}

/// <summary>
/// An immutable chain of bindings, keyed by the declaring syntax node of the name (the <see cref="Symbol.Declaration"/>
/// of the symbol references resolve to), compared by identity. Lookups walk the chain; chains are short.
/// </summary>
internal sealed class Env
{
    public static readonly Env Empty = new(null, null, null, null, selfBase: false);

    private readonly object? _key;
    private readonly Binding? _binding;
    private readonly Env? _next;
    private readonly Env? _base;

    private Env(object? key, Binding? binding, Env? next, Env? @base, bool selfBase)
    {
        _key = key;
        _binding = binding;
        _next = next;
        _base = selfBase ? this : @base;
    }

    /// <summary>
    /// The bindings of the module instance the expression belongs to (its constants and variables substituted), on
    /// which the bodies of that module's definitions are evaluated. <see cref="Empty"/> outside any INSTANCE.
    /// </summary>
    public Env Base => _base ?? Empty;

    public Env Bind(object key, Binding binding) => new(key, binding, this, _base, selfBase: false);

    public Env Bind(object key, Value value) => new(key, ValueBinding.Of(value), this, _base, selfBase: false);

    /// <summary>Makes this env the base of the bindings added to it (entering a module instance).</summary>
    public Env AsBase() => _key is null ? Empty : new Env(_key, _binding, _next, null, selfBase: true);

    /// <summary>
    /// This chain with some bindings replaced (where <paramref name="replace"/> gives one), bases included, so
    /// definitions of an instance see the replacements too.
    /// </summary>
    public Env Rebind(Func<object, Binding, Binding?> replace)
    {
        var nodes = new List<Env>();
        for (var e = this; e._key is not null; e = e._next!)
        {
            nodes.Add(e);
        }
        var rebuilt = new Dictionary<Env, Env>(ReferenceEqualityComparer.Instance);
        var chain = Empty;
        for (var i = nodes.Count - 1; i >= 0; i--)
        {
            var old = nodes[i];
            var selfBase = ReferenceEquals(old._base, old);
            var @base = selfBase || old._base is null ? null : rebuilt.GetValueOrDefault(old._base, old._base);
            chain = new Env(old._key, replace(old._key!, old._binding!) ?? old._binding, chain, @base, selfBase);
            rebuilt[old] = chain;
        }
        return chain;
    }

    /// <summary>The chain below the newest binding (only on a chain with bindings).</summary>
    public Env Next => _next!;

    /// <summary>The newest binding (only on a chain with bindings).</summary>
    public Binding Binding => _binding!;

    public Binding? Lookup(object key)
    {
        for (var e = this; e._key is not null; e = e._next!)
        {
            if (ReferenceEquals(e._key, key))
            {
                return e._binding;
            }
        }
        return null;
    }
}
