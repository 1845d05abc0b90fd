using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Specula.Tla.Evaluation;
using Specula.Tla.Syntax;

namespace Specula.Tla.Checking.Liveness;

/// <summary>What an <see cref="LtlAtom"/> is evaluated on.</summary>
internal enum AtomKind
{
    /// <summary>A state predicate (ENABLED included), evaluated on the current state of a step.</summary>
    State,

    /// <summary>An action, evaluated on a step: the current state and the next.</summary>
    Action,

    /// <summary><c>ENABLED &lt;&lt;A&gt;&gt;_v</c> of a fairness condition in a property: a state predicate.</summary>
    EnabledAngle,
}

/// <summary>
/// An atomic formula of a temporal property: a state predicate or an action (ActionExpr nodes included, so
/// <c>&lt;&lt;A&gt;&gt;_v</c> and <c>[A]_v</c> are atoms). For <see cref="AtomKind.EnabledAngle"/> the expression is the
/// <c>&lt;&lt;A&gt;&gt;_v</c> whose enabledness is asked. Atoms are made once per expression and environment by
/// <see cref="LtlAtoms"/> and compared by reference (expressions are records, whose equality would walk them).
/// </summary>
internal sealed class LtlAtom(AtomKind kind, Bound formula, int id)
{
    /// <summary>What the atom is evaluated on.</summary>
    public AtomKind Kind { get; } = kind;

    /// <summary>The expression and its environment.</summary>
    public Bound Formula { get; } = formula;

    /// <summary>Numbers the atoms of one reader, in the order they were made.</summary>
    public int Id { get; } = id;

    public override string ToString() => $"a{Id}";

    // By number rather than by address, so the tableau's states, and the counterexamples, are the same every run.
    public override int GetHashCode() => Id;
}

/// <summary>
/// A linear temporal formula in negation normal form over <see cref="LtlAtom"/>s: negation only on atoms, and the
/// temporal operators of TLA+, <c>[]</c> and <c>&lt;&gt;</c> (<c>~&gt;</c>, WF and SF are expanded by the reader).
/// Records, so equal formulas are equal values: the tableau identifies its states by sets of them.
/// </summary>
internal abstract record Ltl
{
    /// <summary>The negation, pushed down to the atoms.</summary>
    public abstract Ltl Negate();

    /// <summary>The conjunction of some formulas (TRUE for none), simplified with constants.</summary>
    public static Ltl And(IEnumerable<Ltl> operands) => Junction(operands, conjunction: true);

    /// <summary>The disjunction of some formulas (FALSE for none), simplified with constants.</summary>
    public static Ltl Or(IEnumerable<Ltl> operands) => Junction(operands, conjunction: false);

    private static Ltl Junction(IEnumerable<Ltl> operands, bool conjunction)
    {
        var items = new List<Ltl>();
        foreach (var operand in operands)
        {
            switch (operand)
            {
                case LtlConstant c when c.Value == conjunction:
                    continue;
                case LtlConstant:
                    return operand;
                case LtlAnd conj when conjunction:
                    items.AddRange(conj.Operands);
                    continue;
                case LtlOr disj when !conjunction:
                    items.AddRange(disj.Operands);
                    continue;
                default:
                    if (!items.Contains(operand))
                    {
                        items.Add(operand);
                    }
                    continue;
            }
        }
        return items.Count switch
        {
            0 => new LtlConstant(conjunction),
            1 => items[0],
            _ => conjunction ? new LtlAnd([.. items]) : new LtlOr([.. items]),
        };
    }

    /// <summary><c>[]f</c>, simplified for constants and <c>[][]f</c>.</summary>
    public static Ltl Always(Ltl f) => f is LtlConstant or LtlAlways ? f : new LtlAlways(f);

    /// <summary><c>&lt;&gt;f</c>, simplified for constants and <c>&lt;&gt;&lt;&gt;f</c>.</summary>
    public static Ltl Eventually(Ltl f) => f is LtlConstant or LtlEventually ? f : new LtlEventually(f);
}

/// <summary>TRUE or FALSE.</summary>
internal sealed record LtlConstant(bool Value) : Ltl
{
    public override Ltl Negate() => new LtlConstant(!Value);
}

/// <summary>An atom or its negation.</summary>
internal sealed record LtlLiteral(LtlAtom Atom, bool Positive) : Ltl
{
    public override Ltl Negate() => this with { Positive = !Positive };
}

/// <summary>A conjunction of two or more formulas.</summary>
internal sealed record LtlAnd(ImmutableArray<Ltl> Operands) : Ltl
{
    public override Ltl Negate() => Or(Operands.Select(o => o.Negate()));

    public bool Equals(LtlAnd? other) => other is not null && Operands.SequenceEqual(other.Operands);

    public override int GetHashCode() => Operands.Aggregate(17, (h, o) => HashCode.Combine(h, o));
}

/// <summary>A disjunction of two or more formulas.</summary>
internal sealed record LtlOr(ImmutableArray<Ltl> Operands) : Ltl
{
    public override Ltl Negate() => And(Operands.Select(o => o.Negate()));

    public bool Equals(LtlOr? other) => other is not null && Operands.SequenceEqual(other.Operands);

    public override int GetHashCode() => Operands.Aggregate(19, (h, o) => HashCode.Combine(h, o));
}

/// <summary><c>[]f</c>.</summary>
internal sealed record LtlAlways(Ltl Operand) : Ltl
{
    public override Ltl Negate() => Eventually(Operand.Negate());
}

/// <summary><c>&lt;&gt;f</c>.</summary>
internal sealed record LtlEventually(Ltl Operand) : Ltl
{
    public override Ltl Negate() => Always(Operand.Negate());
}

/// <summary>Builds the atoms of formulas, one atom per distinct expression and environment.</summary>
internal sealed class LtlAtoms
{
    private readonly Dictionary<Key, LtlAtom> _atoms = [];

    /// <summary>The atom of an expression in an environment (the same object for the same pair).</summary>
    public LtlAtom Get(AtomKind kind, Expr expression, Env env)
    {
        var key = new Key(kind, expression, env);
        if (!_atoms.TryGetValue(key, out var atom))
        {
            atom = new LtlAtom(kind, new Bound(expression, env), _atoms.Count);
            _atoms[key] = atom;
        }
        return atom;
    }

    private readonly struct Key(AtomKind kind, Expr expression, Env env) : IEquatable<Key>
    {
        private readonly AtomKind _kind = kind;
        private readonly Expr _expression = expression;
        private readonly Env _env = env;

        public bool Equals(Key other) =>
            _kind == other._kind && ReferenceEquals(_expression, other._expression) && ReferenceEquals(_env, other._env);

        public override bool Equals(object? obj) => obj is Key other && Equals(other);

        public override int GetHashCode() =>
            HashCode.Combine(_kind, RuntimeHelpers.GetHashCode(_expression), RuntimeHelpers.GetHashCode(_env));
    }
}
