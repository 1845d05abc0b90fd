using System.Text;

namespace Specula.Tla.Values;

/// <summary>
/// <c>{x \in S : P(x)}</c> evaluated lazily, as TLC's <c>SetPredValue</c>: membership tests <c>S</c> and then the
/// predicate; enumeration filters <c>S</c> in its (TLC) order. Useful when <c>S</c> is infinite or huge.
/// </summary>
public sealed class FilteredSetValue : SetLikeValue
{
    private readonly Func<Value, bool> _predicate;
    private readonly string? _display;

    /// <summary>Creates <c>{x \in baseSet : predicate(x)}</c>.</summary>
    /// <param name="baseSet">The set filtered.</param>
    /// <param name="predicate">The predicate; it may raise <see cref="ValueException"/>.</param>
    /// <param name="display">What to print when the set cannot be enumerated, e.g. TLC's <c>{x \in Nat : ...}</c>.</param>
    public FilteredSetValue(Value baseSet, Func<Value, bool> predicate, string? display = null)
    {
        _ = baseSet.AsSet;
        ArgumentNullException.ThrowIfNull(predicate);
        Base = baseSet;
        _predicate = predicate;
        _display = display;
    }

    /// <summary>The set filtered.</summary>
    public Value Base { get; }

    /// <inheritdoc/>
    public override ValueKind Kind => ValueKind.FilteredSet;

    /// <inheritdoc/>
    public override bool IsEnumerable => Base.AsSet.IsEnumerable;

    /// <inheritdoc/>
    public override long Count => ToSetValue().Count;

    /// <inheritdoc/>
    public override bool Contains(Value element) => Base.AsSet.Contains(element) && _predicate(element);

    /// <inheritdoc/>
    public override IEnumerable<Value> Enumerate() => Base.AsSet.Enumerate().Where(_predicate);

    private protected override SetValue Materialize()
    {
        if (!IsEnumerable)
        {
            throw ValueOps.NotEnumerable(this);
        }

        return SetValue.FromSortedDistinct([.. Enumerate()]);
    }

    internal override void Print(StringBuilder sb)
    {
        if (IsEnumerable)
        {
            ToSetValue().Print(sb);
        }
        else
        {
            sb.Append(_display ?? "{x \\in " + Base + " : ...}");
        }
    }
}

/// <summary>
/// <c>S \cup T</c> of enumerable sets where one of them is a set listed only on demand (<c>SUBSET</c>, a function,
/// record or product set, or another such union), kept symbolic as TLC's <c>SetCupValue</c>: membership asks each
/// operand, so <c>f \in [D -&gt; Block \cup {NoBlock}]</c> with <c>Block</c> a union of record sets lists no record; the
/// elements are listed (and kept) only when enumerated, compared or fingerprinted, and then equal the eager union.
/// </summary>
public sealed class UnionValue : SetLikeValue
{
    /// <summary>Creates <c>left \cup right</c>.</summary>
    /// <param name="left">An enumerable set.</param>
    /// <param name="right">An enumerable set.</param>
    public UnionValue(Value left, Value right)
    {
        if (!left.AsSet.IsEnumerable || !right.AsSet.IsEnumerable)
        {
            throw new ArgumentException("Both operands must be enumerable; see SetOperationValue.");
        }

        Left = left;
        Right = right;
    }

    /// <summary>The left operand.</summary>
    public Value Left { get; }

    /// <summary>The right operand.</summary>
    public Value Right { get; }

    /// <inheritdoc/>
    public override ValueKind Kind => ValueKind.Union;

    /// <inheritdoc/>
    public override long Count => ToSetValue().Count;

    /// <summary>Whether a union with <paramref name="set"/> stays symbolic: TLC's <c>\cup</c> lists the union only
    /// when both operands are listed sets (<c>Reducible</c>: enumerated sets and intervals).</summary>
    /// <param name="set">An operand.</param>
    /// <returns>True for a <c>SUBSET</c>, function, record or product set, or a symbolic union.</returns>
    internal static bool KeepsLazy(SetLikeValue set) =>
        set is SubsetValue or FunctionSetValue or RecordSetValue or ProductSetValue or UnionValue;

    /// <inheritdoc/>
    /// <remarks>As TLC's <c>SetCupValue.member</c>: the left operand first, so its errors come first.</remarks>
    public override bool Contains(Value element) => Left.AsSet.Contains(element) || Right.AsSet.Contains(element);

    /// <inheritdoc/>
    public override IEnumerable<Value> Enumerate() => ToSetValue().RawElements;

    private protected override SetValue Materialize()
    {
        var left = Left.ToSetValue();
        var right = Right.ToSetValue();
        return ValueOps.Union(left.AsValue, right.AsValue).ToSetValue();
    }

    internal override void Print(StringBuilder sb)
    {
        if (ValueOps.SmallEnough(this))
        {
            ToSetValue().Print(sb);
            return;
        }

        sb.Append('(');
        ValuePrinter.Append(sb, Left);
        sb.Append(" \\cup ");
        ValuePrinter.Append(sb, Right);
        sb.Append(')');
    }
}

/// <summary>Which operation a <see cref="SetOperationValue"/> denotes.</summary>
public enum SetOperation
{
    /// <summary><c>S \cup T</c>.</summary>
    Union,

    /// <summary><c>S \cap T</c>.</summary>
    Intersection,

    /// <summary><c>S \ T</c>.</summary>
    Difference,
}

/// <summary>
/// A union, intersection or difference kept symbolic because it cannot be enumerated (an operand is infinite):
/// membership only, as TLC's <c>SetCupValue</c>, <c>SetCapValue</c> and <c>SetDiffValue</c>.
/// <see cref="ValueOps.Union"/> and friends return enumerated sets whenever they can.
/// </summary>
public sealed class SetOperationValue : SetLikeValue
{
    /// <summary>Creates <c>left op right</c>.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand.</param>
    public SetOperationValue(SetOperation operation, Value left, Value right)
    {
        _ = left.AsSet;
        _ = right.AsSet;
        Operation = operation;
        Left = left;
        Right = right;
    }

    /// <summary>The operation.</summary>
    public SetOperation Operation { get; }

    /// <summary>The left operand.</summary>
    public Value Left { get; }

    /// <summary>The right operand.</summary>
    public Value Right { get; }

    /// <inheritdoc/>
    public override ValueKind Kind => ValueKind.SetOperation;

    /// <inheritdoc/>
    public override bool IsEnumerable => false;

    /// <inheritdoc/>
    public override long Count => throw ValueOps.NotEnumerable(this);

    /// <inheritdoc/>
    public override bool Contains(Value element) => Operation switch
    {
        SetOperation.Union => Left.AsSet.Contains(element) || Right.AsSet.Contains(element),
        SetOperation.Intersection => Left.AsSet.Contains(element) && Right.AsSet.Contains(element),
        _ => Left.AsSet.Contains(element) && !Right.AsSet.Contains(element),
    };

    /// <inheritdoc/>
    public override IEnumerable<Value> Enumerate() => throw ValueOps.NotEnumerable(this);

    private protected override ulong ComputeFingerprint() => throw ValueOps.NotEnumerable(this);

    internal override void Print(StringBuilder sb)
    {
        sb.Append('(');
        ValuePrinter.Append(sb, Left);
        sb.Append(Operation switch
        {
            SetOperation.Union => " \\cup ",
            SetOperation.Intersection => " \\cap ",
            _ => " \\ ",
        });
        ValuePrinter.Append(sb, Right);
        sb.Append(')');
    }
}

/// <summary>
/// <c>[x \in S |-&gt; e]</c> evaluated on demand (TLC's <c>FcnLambdaValue</c>), for domains that are infinite or
/// too large to tabulate, and recursive function definitions. Results are memoized. Wherever a normal function
/// is needed (equality, fingerprint, <see cref="Value.AsFunction"/>) it is tabulated into a
/// <see cref="FunctionValue"/>, which fails if the domain cannot be enumerated.
/// </summary>
public sealed class LazyFunctionValue : HeapValue
{
    private readonly Func<Value, Value> _body;
    private readonly string? _display;
    // Made on the first application, under its own lock: a state-level function definition passed as an argument
    // (GameOfLife's Sum(sc, points)) is one of these per evaluation, applied a few times, so a concurrent dictionary
    // per value cost more than its images.
    private Dictionary<Value, Value>? _memo;
    private FunctionValue? _table;

    /// <summary>Creates the function on <paramref name="domain"/> computed by <paramref name="body"/>.</summary>
    /// <param name="domain">The domain (any set, possibly infinite).</param>
    /// <param name="body">Computes the image of an argument in the domain; may raise <see cref="ValueException"/>.</param>
    /// <param name="display">What to print when the domain cannot be enumerated, e.g. TLC's <c>[n \in Nat |-&gt; ...]</c>.</param>
    public LazyFunctionValue(Value domain, Func<Value, Value> body, string? display = null)
    {
        _ = domain.AsSet;
        ArgumentNullException.ThrowIfNull(body);
        Domain = domain;
        _body = body;
        _display = display;
    }

    /// <summary>The domain.</summary>
    public Value Domain { get; }

    /// <inheritdoc/>
    public override ValueKind Kind => ValueKind.LazyFunction;

    /// <summary>Applies the function, if the argument is in the domain.</summary>
    /// <param name="argument">The argument.</param>
    /// <param name="result">The image.</param>
    /// <returns>Whether the argument is in the domain.</returns>
    public bool TryApply(Value argument, out Value result)
    {
        if (_table is { } t)
        {
            return t.TryApply(argument, out result);
        }

        if (!Domain.AsSet.Contains(argument))
        {
            result = default;
            return false;
        }

        var memo = Volatile.Read(ref _memo);
        if (memo is not null)
        {
            lock (memo)
            {
                if (memo.TryGetValue(argument, out result))
                {
                    return true;
                }
            }
        }

        // Computed outside the lock: the body of a recursive definition applies this function again.
        result = _body(argument);
        memo ??= Interlocked.CompareExchange(ref _memo, new Dictionary<Value, Value>(), null) ?? _memo!;
        lock (memo)
        {
            memo.TryAdd(argument, result);
        }

        return true;
    }

    /// <summary><c>f[x]</c>, with TLC's error outside the domain.</summary>
    /// <param name="argument">The argument.</param>
    /// <returns>The image.</returns>
    public Value Apply(Value argument) =>
        TryApply(argument, out var r)
            ? r
            : throw new ValueException(
                ValueErrorKind.NotInDomain,
                $"Attempted to apply function:\n{ValuePrinter.Ppr(this)}\nto argument {ValuePrinter.Ppr(argument)}, which is not in the domain of the function.");

    /// <summary><c>[f EXCEPT ![x] = v]</c>, still lazy.</summary>
    /// <param name="argument">The argument to update.</param>
    /// <param name="value">The new image.</param>
    /// <returns>The updated function.</returns>
    public LazyFunctionValue Except(Value argument, Value value)
    {
        if (!Domain.AsSet.Contains(argument))
        {
            return this;
        }

        var body = _body;
        return new LazyFunctionValue(Domain, x => ValueOps.StructuralEquals(x, argument) ? value : body(x), _display);
    }

    /// <summary>The function tabulated over its (enumerable) domain; computed once.</summary>
    /// <returns>The normal-form function.</returns>
    public FunctionValue ToFunctionValue()
    {
        if (_table is { } t)
        {
            return t;
        }

        var dom = Domain.AsSet;
        if (!dom.IsEnumerable)
        {
            throw ValueOps.NotEnumerable(dom);
        }

        var set = dom.ToSetValue();
        var values = new Value[set.RawElements.Length];
        for (var i = 0; i < values.Length; i++)
        {
            TryApply(set.RawElements[i], out values[i]);
        }

        return _table = FunctionValue.FromDomain(dom is IntervalValue ? dom : set, values);
    }

    private protected override ulong ComputeFingerprint() => ToFunctionValue().Fingerprint;

    internal override void Print(StringBuilder sb)
    {
        if (Domain.AsSet.IsEnumerable)
        {
            ToFunctionValue().Print(sb);
        }
        else
        {
            sb.Append(_display ?? "[x \\in " + Domain + " |-> ...]");
        }
    }
}
