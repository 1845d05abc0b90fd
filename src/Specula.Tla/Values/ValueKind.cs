namespace Specula.Tla.Values;

/// <summary>The representation of a <see cref="Value"/>. Several set kinds denote the same mathematical sets.</summary>
public enum ValueKind : byte
{
    /// <summary>An integer (64-bit inline, arbitrary precision beyond).</summary>
    Int,

    /// <summary><c>TRUE</c> or <c>FALSE</c>.</summary>
    Bool,

    /// <summary>A string, interned in a <see cref="StringTable"/>.</summary>
    String,

    /// <summary>A model value declared in the configuration.</summary>
    ModelValue,

    /// <summary>A finite set kept sorted in TLC's order (<see cref="SetValue"/>).</summary>
    Set,

    /// <summary>An integer interval <c>a..b</c> (<see cref="IntervalValue"/>).</summary>
    Interval,

    /// <summary><c>SUBSET S</c> (<see cref="SubsetValue"/>).</summary>
    Subset,

    /// <summary><c>[S -&gt; T]</c> (<see cref="FunctionSetValue"/>).</summary>
    FunctionSet,

    /// <summary><c>[a : S, b : T]</c> (<see cref="RecordSetValue"/>).</summary>
    RecordSet,

    /// <summary><c>S1 \X ... \X Sn</c> (<see cref="ProductSetValue"/>).</summary>
    Product,

    /// <summary><c>Nat</c>, <c>Int</c>, <c>STRING</c> or <c>Seq(S)</c>: membership only (<see cref="InfiniteSetValue"/>).</summary>
    InfiniteSet,

    /// <summary>A function, record, tuple or sequence (<see cref="FunctionValue"/>).</summary>
    Function,

    /// <summary><c>{x \in S : P}</c> kept lazy (<see cref="FilteredSetValue"/>).</summary>
    FilteredSet,

    /// <summary>A union, intersection or difference that cannot be enumerated (<see cref="SetOperationValue"/>).</summary>
    SetOperation,

    /// <summary><c>[x \in S |-&gt; e]</c> evaluated on demand, e.g. over an infinite domain (<see cref="LazyFunctionValue"/>).</summary>
    LazyFunction,

    /// <summary>A union of enumerable sets, one of them a set TLC lists only when asked (<see cref="UnionValue"/>).</summary>
    Union,
}

/// <summary>How integer arithmetic behaves.</summary>
public enum IntegerSemantics
{
    /// <summary>TLC's: 32-bit integers; a result or literal outside them is an overflow error.</summary>
    Tlc32,

    /// <summary>Mathematical integers: 64-bit fast path, arbitrary precision when that overflows.</summary>
    Unbounded,
}
