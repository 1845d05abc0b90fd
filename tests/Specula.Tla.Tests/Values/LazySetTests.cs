using Specula.Tla.Values;

namespace Specula.Tla.Tests.Values;

public sealed class LazySetTests : ValueTestBase
{
    private static string Enum(Value set) => string.Join(" ", set.AsSet.Enumerate().Select(v => v.ToString()));

    [Fact]
    public void IntervalMembershipAndEnumeration()
    {
        var r = Range(2, 5);
        Assert.True(ValueOps.Contains(r, I(2)));
        Assert.True(ValueOps.Contains(r, I(5)));
        Assert.False(ValueOps.Contains(r, I(6)));
        Assert.False(ValueOps.Contains(r, Mv("m")));
        Assert.False(ValueOps.Contains(r, Value.Int(System.Numerics.BigInteger.Pow(2, 70))));
        Assert.Equal(ValueErrorKind.Incomparable, Fails(() => ValueOps.Contains(r, S("a"))).ErrorKind);
        Assert.False(ValueOps.Contains(Range(1, 0), S("a")));
        Assert.Equal("2 3 4 5", Enum(r));
        Assert.Equal(4, ValueOps.Cardinality(r));
        Assert.Equal(0, ValueOps.Cardinality(Range(1, 0)));
        Assert.Equal("", Enum(Range(1, 0)));
        Assert.Equal(3, ValueOps.Cardinality(Range(long.MaxValue - 2, long.MaxValue)));
        Assert.Equal(ValueErrorKind.Overflow, Fails(() => ValueOps.Cardinality(Range(long.MinValue, long.MaxValue))).ErrorKind);
    }

    [Fact]
    public void SubsetEnumeratesBySizeThenLexicographically()
    {
        // TLC: SUBSET {1,2,3} is {{}, {1}, {2}, {3}, {1, 2}, {1, 3}, {2, 3}, {1, 2, 3}}.
        var s = Value.Of(new SubsetValue(Set(I(3), I(1), I(2))));
        Assert.Equal("{} {1} {2} {3} {1, 2} {1, 3} {2, 3} {1, 2, 3}", Enum(s));
        Assert.Equal("{{}, {1}, {2}, {3}, {1, 2}, {1, 3}, {2, 3}, {1, 2, 3}}", P(s));
        Assert.Equal(8, ValueOps.Cardinality(s));
        Assert.True(ValueOps.Contains(s, Set(I(1), I(3))));
        Assert.True(ValueOps.Contains(s, Range(1, 2)));
        Assert.False(ValueOps.Contains(s, Set(I(4))));
        Assert.Equal("{{}}", P(Value.Of(new SubsetValue(Set()))));
        Assert.Equal(ValueErrorKind.TypeMismatch, Fails(() => ValueOps.Contains(s, I(1))).ErrorKind);
    }

    [Fact]
    public void SubsetOfLargeSetIsLazy()
    {
        var s = Value.Of(new SubsetValue(Range(1, 40)));
        Assert.Equal(1L << 40, ValueOps.Cardinality(s));
        Assert.True(ValueOps.Contains(s, Set(I(1), I(40))));
        Assert.Equal("SUBSET (1..40)", P(s));
        Assert.Equal("{}", s.AsSet.Enumerate().First().ToString());
        Assert.Equal(ValueErrorKind.Overflow, Fails(() => ValueOps.Cardinality(Value.Of(new SubsetValue(Range(1, 64))))).ErrorKind);
    }

    [Fact]
    public void FunctionSetEnumeratesLastArgumentFastest()
    {
        // TLC: CHOOSE f \in [{1,2} -> {TRUE, FALSE}] : TRUE is <<FALSE, FALSE>>.
        var fs = Value.Of(new FunctionSetValue(Set(I(1), I(2)), Set(B(true), B(false))));
        Assert.Equal("<<FALSE, FALSE>> <<FALSE, TRUE>> <<TRUE, FALSE>> <<TRUE, TRUE>>", Enum(fs));
        Assert.Equal(4, ValueOps.Cardinality(fs));
        var g = Value.Of(new FunctionSetValue(Set(S("p"), S("q")), Range(0, 1)));
        Assert.Equal(
            "[p |-> 0, q |-> 0] [p |-> 0, q |-> 1] [p |-> 1, q |-> 0] [p |-> 1, q |-> 1]",
            Enum(g));
        Assert.True(ValueOps.Contains(g, Rec(("q", I(1)), ("p", I(0)))));
        Assert.False(ValueOps.Contains(g, Rec(("q", I(2)), ("p", I(0)))));
        Assert.False(ValueOps.Contains(g, Rec(("p", I(0)))));
        Assert.False(ValueOps.Contains(fs, Tup(B(true))));
        Assert.Equal(ValueErrorKind.TypeMismatch, Fails(() => ValueOps.Contains(fs, I(1))).ErrorKind);
        Assert.Equal("<<>>", Enum(Value.Of(new FunctionSetValue(Set(), Range(1, 3)))));
        Assert.Equal("", Enum(Value.Of(new FunctionSetValue(Range(1, 3), Set()))));
        Assert.Equal("(0 :> 5) (0 :> 6)", Enum(Value.Of(new FunctionSetValue(Range(0, 0), Range(5, 6)))));
    }

    [Fact]
    public void FunctionSetMembershipIsLazy()
    {
        var fs = Value.Of(new FunctionSetValue(Range(1, 3), Value.Of(InfiniteSetValue.Nat)));
        Assert.True(ValueOps.Contains(fs, Tup(I(0), I(5), I(100))));
        Assert.False(ValueOps.Contains(fs, Tup(I(0), I(-5), I(100))));
        Assert.False(fs.AsSet.IsEnumerable);
        Assert.Equal("[1..3 -> Nat]", P(fs));
        Assert.Equal(ValueErrorKind.NotEnumerable, Fails(() => fs.AsSet.Enumerate().ToList()).ErrorKind);
    }

    [Fact]
    public void RecordSetsEnumerateInFieldOrder()
    {
        // TLC (with "b" interned before "a"): [b : {1,2}, a : {3}] is {[b |-> 1, a |-> 3], [b |-> 2, a |-> 3]}.
        var b = Strings.Intern("b");
        var a = Strings.Intern("a");
        var rs = Value.Of(new RecordSetValue((a, Set(I(3))), (b, Set(I(1), I(2)))));
        Assert.Equal("{[b |-> 1, a |-> 3], [b |-> 2, a |-> 3]}", P(rs));
        Assert.True(ValueOps.Contains(rs, Rec(("a", I(3)), ("b", I(2)))));
        Assert.False(ValueOps.Contains(rs, Rec(("a", I(3)))));
        Assert.False(ValueOps.Contains(rs, Rec(("a", I(3)), ("c", I(2)))));
        Assert.False(ValueOps.Contains(rs, Tup()));
        Assert.Equal(ValueErrorKind.TypeMismatch, Fails(() => ValueOps.Contains(rs, Tup(I(1), I(2)))).ErrorKind);
        Assert.Equal(2, ValueOps.Cardinality(rs));
    }

    [Fact]
    public void ProductsEnumerateLastComponentFastest()
    {
        // TLC (with "b" interned before "a"): {"a", "b"} \X {1,2} is {<<"b", 1>>, <<"b", 2>>, <<"a", 1>>, <<"a", 2>>}.
        _ = S("b");
        var p = Value.Of(new ProductSetValue(Set(S("a"), S("b")), Set(I(1), I(2))));
        Assert.Equal("{<<\"b\", 1>>, <<\"b\", 2>>, <<\"a\", 1>>, <<\"a\", 2>>}", P(p));
        Assert.True(ValueOps.Contains(p, Tup(S("a"), I(2))));
        Assert.False(ValueOps.Contains(p, Tup(S("a"))));
        Assert.Equal(ValueErrorKind.TypeMismatch, Fails(() => ValueOps.Contains(p, Set())).ErrorKind);
        Assert.Equal(4, ValueOps.Cardinality(p));
    }

    [Fact]
    public void NatIntStringAndSeq()
    {
        var nat = Value.Of(InfiniteSetValue.Nat);
        var integers = Value.Of(InfiniteSetValue.Int);
        var str = Value.Of(InfiniteSetValue.String);
        Assert.True(ValueOps.Contains(nat, I(0)));
        Assert.False(ValueOps.Contains(nat, I(-1)));
        Assert.True(ValueOps.Contains(integers, I(-1)));
        Assert.True(ValueOps.Contains(nat, Value.Int(System.Numerics.BigInteger.Pow(2, 100))));
        Assert.False(ValueOps.Contains(nat, Mv("m")));
        Assert.Equal("Attempted to check if the value:\n\"a\"\nis an element of Nat.", Fails(() => ValueOps.Contains(nat, S("a"))).Message);
        Assert.Equal("Attempted to check if the value:\n1\nis an element of STRING.", Fails(() => ValueOps.Contains(str, I(1))).Message);
        Assert.True(ValueOps.Contains(str, S("x")));
        var seq = Value.Of(InfiniteSetValue.Seq(Set(I(1), I(2))));
        Assert.True(ValueOps.Contains(seq, Tup()));
        Assert.True(ValueOps.Contains(seq, Tup(I(2), I(1), I(2))));
        Assert.False(ValueOps.Contains(seq, Tup(I(3))));
        Assert.False(ValueOps.Contains(seq, Fcn((I(0), I(1)))));
        Assert.Equal("Seq({1, 2})", P(seq));
        Assert.Equal(ValueErrorKind.NotEnumerable, Fails(() => ValueOps.Cardinality(nat)).ErrorKind);
        Assert.Equal(ValueErrorKind.NotEnumerable, Fails(() => nat.ToSetValue()).ErrorKind);
        Assert.True(ValueOps.IsSubset(Range(0, 5), nat));
        Assert.False(ValueOps.IsSubset(Range(-1, 5), nat));
        Assert.True(ValueOps.IsSubset(nat, integers));
        Assert.False(ValueOps.IsSubset(integers, nat));
    }

    [Fact]
    public void MaterializationIsCached()
    {
        var s = new SubsetValue(Range(1, 3));
        Assert.Same(s.ToSetValue(), s.ToSetValue());
        Assert.Equal(8, s.ToSetValue().Count);
    }

    [Fact]
    public void NestedLazySetsEnumerateInNormalizedOrder()
    {
        var inner = Value.Of(new FunctionSetValue(Range(1, 2), Range(0, 1)));
        var outer = Value.Of(new SubsetValue(inner));
        var list = outer.AsSet.Enumerate().ToList();
        Assert.Equal(16, list.Count);
        for (var i = 1; i < list.Count; i++)
        {
            Assert.True(ValueOps.Compare(list[i - 1], list[i]) < 0);
        }

        Assert.Equal(ValueOps.Set([.. list]), outer);
    }
}
