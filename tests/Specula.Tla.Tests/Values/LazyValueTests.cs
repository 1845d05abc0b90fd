using Specula.Tla.Values;

namespace Specula.Tla.Tests.Values;

public sealed class LazyValueTests : ValueTestBase
{
    private static readonly Value Nat = Value.Of(InfiniteSetValue.Nat);

    private static bool Even(Value v) => v.AsInt64 % 2 == 0;

    [Fact]
    public void FilteredSetsOverInfiniteSetsSupportMembership()
    {
        var evens = Value.Of(new FilteredSetValue(Nat, Even, "{n \\in Nat : n % 2 = 0}"));
        Assert.True(ValueOps.Contains(evens, I(4)));
        Assert.False(ValueOps.Contains(evens, I(3)));
        Assert.False(ValueOps.Contains(evens, I(-2)));
        Assert.False(evens.AsSet.IsEnumerable);
        Assert.Equal("{n \\in Nat : n % 2 = 0}", P(evens));
        Assert.Equal(ValueErrorKind.NotEnumerable, Fails(() => ValueOps.Cardinality(evens)).ErrorKind);
    }

    [Fact]
    public void FilteredSetsOverFiniteSetsEqualTheirEnumeration()
    {
        var evens = Value.Of(new FilteredSetValue(Range(1, 10), Even));
        Assert.Equal("{2, 4, 6, 8, 10}", P(evens));
        Assert.Equal(5, ValueOps.Cardinality(evens));
        Assert.True(ValueOps.TlcEquals(evens, Set(I(10), I(8), I(6), I(4), I(2))));
        Assert.Equal(Set(I(2), I(4), I(6), I(8), I(10)).Fingerprint, evens.Fingerprint);
        var firstSubsetOfSize2 = new FilteredSetValue(Value.Of(new SubsetValue(Range(1, 3))), s => s.AsSet.Count == 2).Enumerate().First();
        Assert.Equal("{1, 2}", P(firstSubsetOfSize2));
    }

    [Fact]
    public void SetOperationsStaySymbolicOnlyWhenNeeded()
    {
        var u = ValueOps.Union(Nat, Set(I(-1)));
        Assert.Equal(ValueKind.SetOperation, u.Kind);
        Assert.True(ValueOps.Contains(u, I(-1)));
        Assert.True(ValueOps.Contains(u, I(7)));
        Assert.False(ValueOps.Contains(u, I(-2)));
        Assert.Equal("(Nat \\cup {-1})", P(u));
        var d = ValueOps.Difference(Nat, Set(I(0)));
        Assert.False(ValueOps.Contains(d, I(0)));
        Assert.True(ValueOps.Contains(d, I(1)));
        var c = ValueOps.Intersect(Nat, Value.Of(InfiniteSetValue.Int));
        Assert.True(ValueOps.Contains(c, I(1)));
        Assert.False(ValueOps.Contains(c, I(-1)));
        Assert.Equal(ValueKind.Set, ValueOps.Union(Set(I(1)), Range(2, 3)).Kind);
        Assert.Equal(ValueErrorKind.NotEnumerable, Fails(() => ValueOps.Cardinality(u)).ErrorKind);
        Assert.Equal(ValueErrorKind.NotEnumerable, Fails(() => ValueOps.TlcEquals(u, Set())).ErrorKind);
        Assert.False(u.Equals(Set()));
        Assert.True(u.Equals(u));
    }

    [Fact]
    public void LazyFunctionsApplyOnDemand()
    {
        var calls = 0;
        var succ = new LazyFunctionValue(Nat, n => { calls++; return I(n.AsInt64 + 1); }, "[n \\in Nat |-> n + 1]");
        Assert.Equal(I(6), succ.Apply(I(5)));
        Assert.Equal(I(6), succ.Apply(I(5)));
        Assert.Equal(1, calls);
        Assert.False(succ.TryApply(I(-1), out _));
        Assert.Equal(ValueErrorKind.NotInDomain, Fails(() => succ.Apply(I(-1))).ErrorKind);
        Assert.Equal("[n \\in Nat |-> n + 1]", succ.ToString());
        var changed = succ.Except(I(0), I(100));
        Assert.Equal(I(100), changed.Apply(I(0)));
        Assert.Equal(I(2), changed.Apply(I(1)));
        Assert.Equal(I(1), succ.Apply(I(0)));
        Assert.Equal(ValueErrorKind.NotEnumerable, Fails(() => Value.Of(succ).AsFunction).ErrorKind);
        Assert.True(Value.Of(succ).IsFunction);
    }

    [Fact]
    public void LazyFunctionsOnFiniteDomainsEqualTabulatedOnes()
    {
        var sq = Value.Of(new LazyFunctionValue(Range(1, 3), n => I(n.AsInt64 * n.AsInt64)));
        Assert.Equal("<<1, 4, 9>>", P(sq));
        Assert.True(ValueOps.TlcEquals(sq, Tup(I(1), I(4), I(9))));
        Assert.True(ValueOps.TlcEquals(Tup(I(1), I(4), I(9)), sq));
        Assert.Equal(0, ValueOps.Compare(sq, Tup(I(1), I(4), I(9))));
        Assert.Equal(Tup(I(1), I(4), I(9)).Fingerprint, sq.Fingerprint);
        Assert.True(sq.Equals(Tup(I(1), I(4), I(9))));
        Assert.Equal(3, ValueOps.Len(sq));
        Assert.Equal(I(4), sq.AsFunction.Apply(I(2)));
        Assert.True(ValueOps.Contains(Value.Of(InfiniteSetValue.Seq(Nat)), sq));
        Assert.True(ValueOps.Contains(Value.Of(new FunctionSetValue(Range(1, 3), Range(0, 10))), sq));
    }

    [Fact]
    public void PermuteRenamesModelValuesAndRenormalizes()
    {
        var a = Mv("a");
        var b = Mv("b");
        var perm = new Dictionary<ModelValue, ModelValue> { [a.AsModelValue] = b.AsModelValue, [b.AsModelValue] = a.AsModelValue };
        var v = Tup(Set(a, I(1)), Fcn((a, I(1)), (b, I(2))), Rec(("x", a)));
        var p = ValueOps.Permute(v, perm);
        Assert.Equal("<<{b, 1}, (a :> 2 @@ b :> 1), [x |-> b]>>", P(p));
        Assert.Equal(v, ValueOps.Permute(p, perm));
        var untouched = Tup(I(1), Set(S("s")), Range(1, 3));
        Assert.Same(untouched.Heap, ValueOps.Permute(untouched, perm).Heap);
    }

    [Fact]
    public void NonEnumerableSetsCanBeHashed()
    {
        var set = new HashSet<Value> { Nat, Value.Of(InfiniteSetValue.Int), Nat, ValueOps.Union(Nat, Set(I(-1))) };
        Assert.Equal(3, set.Count);
        Assert.Contains(Value.Of(InfiniteSetValue.Nat), set);
        var lazy = Value.Of(new LazyFunctionValue(Nat, n => n));
        Assert.Equal(lazy.GetHashCode(), lazy.GetHashCode());
        Assert.Equal(ValueErrorKind.NotEnumerable, Fails(() => ValueOps.Set(Nat, Value.Of(InfiniteSetValue.Int)).AsSet.Count).ErrorKind);
    }
}
