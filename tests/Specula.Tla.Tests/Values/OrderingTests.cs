using Specula.Tla.Values;

namespace Specula.Tla.Tests.Values;

public sealed class OrderingTests : ValueTestBase
{
    [Fact]
    public void StringsOrderByInterningNotLexicographically()
    {
        // As TLC: CHOOSE x \in {"zz", "b", "a"} : TRUE is the first interned of them.
        var zz = S("zz");
        var b = S("b");
        var a = S("a");
        Assert.True(ValueOps.Compare(zz, b) < 0);
        Assert.True(ValueOps.Compare(b, a) < 0);
        var set = Set(a, b, zz).ToSetValue();
        Assert.Equal([zz, b, a], set.Elements.ToArray());
        Assert.Equal("{\"zz\", \"b\", \"a\"}", P(Set(a, b, zz)));
    }

    [Fact]
    public void StringTableAssignsIdsInFirstSeenOrder()
    {
        var t = new StringTable();
        t.InternAll(["x", "y", "x", "z"]);
        Assert.Equal(3, t.Count);
        Assert.Equal(0, t.Intern("x").Id);
        Assert.Equal(1, t.Intern("y").Id);
        Assert.Equal(2, t.Intern("z").Id);
        Assert.Same(t.Intern("y"), t[1]);
        Assert.True(t.TryGet("z", out var z));
        Assert.Equal("z", z.Text);
        Assert.False(t.TryGet("w", out _));
        Assert.Equal(3, t.ModelValue("w").Name.Id);
    }

    [Fact]
    public void RecordFieldsFollowStringOrder()
    {
        _ = S("b");
        _ = S("a");
        Assert.Equal("[b |-> 1, a |-> 2]", P(Rec(("a", I(2)), ("b", I(1)))));
    }

    [Fact]
    public void IntegersAndBooleans()
    {
        Assert.True(ValueOps.Compare(I(-5), I(3)) < 0);
        Assert.True(ValueOps.Compare(I(long.MaxValue), Value.Int(System.Numerics.BigInteger.Pow(2, 64))) < 0);
        Assert.True(ValueOps.Compare(Value.Int(-System.Numerics.BigInteger.Pow(2, 64)), I(long.MinValue)) < 0);
        Assert.True(ValueOps.Compare(B(false), B(true)) < 0);
        Assert.Equal("{FALSE, TRUE}", P(Set(B(true), B(false))));
    }

    [Fact]
    public void SetsOrderBySizeThenElements()
    {
        // TLC prints {{1, 2}, {3}, {}, {0}} as {{}, {0}, {3}, {1, 2}}.
        Assert.Equal("{{}, {0}, {3}, {1, 2}}", P(Set(Set(I(1), I(2)), Set(I(3)), Set(), Set(I(0)))));
        Assert.True(ValueOps.Compare(Range(1, 3), Set(I(0), I(9))) > 0);
        Assert.True(ValueOps.Compare(Range(1, 2), Range(2, 3)) < 0);
        Assert.True(ValueOps.Compare(Range(1, 2), Set(I(1), I(3))) < 0);
    }

    [Fact]
    public void FunctionsOrderBySizeThenDomainThenValues()
    {
        // TLC prints {<<1,2>>, <<1>>, <<0,5>>} as {<<1>>, <<0, 5>>, <<1, 2>>}.
        Assert.Equal("{<<1>>, <<0, 5>>, <<1, 2>>}", P(Set(Tup(I(1), I(2)), Tup(I(1)), Tup(I(0), I(5)))));
        // and {[x \in {2} |-> 1], <<1>>} as {<<1>>, (2 :> 1)}.
        Assert.Equal("{<<1>>, (2 :> 1)}", P(Set(Fcn((I(2), I(1))), Tup(I(1)))));
        _ = S("b");
        _ = S("a");
        Assert.Equal("{[b |-> 0], [a |-> 1]}", P(Set(Rec(("a", I(1))), Rec(("b", I(0))))));
    }

    [Fact]
    public void UntypedModelValuesSortFirst()
    {
        var m = Mv("m");
        var n = Mv("n");
        Assert.True(ValueOps.Compare(m, I(-100)) < 0);
        Assert.True(ValueOps.Compare(I(-100), m) > 0);
        Assert.True(ValueOps.Compare(m, S("a")) < 0);
        Assert.True(ValueOps.Compare(m, n) < 0);
        Assert.Equal("{m, n, 1, 2}", P(Set(I(2), n, I(1), m)));
        Assert.True(ValueOps.Contains(Set(m, I(1), I(2)), m));
        Assert.False(ValueOps.Contains(Set(I(1), I(2)), m));
        Assert.False(ValueOps.Contains(Set(m, I(1)), I(3)));
    }

    [Fact]
    public void TypedModelValuesCompareOnlyWithinTheirType()
    {
        Assert.True(ValueOps.Compare(Mv("x_1"), Mv("x_2")) < 0);
        Assert.True(ValueOps.Compare(Mv("x_1"), Mv("none")) < 0);
        Assert.Equal(
            "Attempted to compare the differently-typed model values x_1 and y_1",
            Fails(() => ValueOps.Compare(Mv("x_1"), Mv("y_1"))).Message);
        Assert.Equal(
            "Attempted to compare the typed model value x_1 and non-model value\n1",
            Fails(() => ValueOps.Compare(Mv("x_1"), I(1))).Message);
        Assert.Equal(
            "Attempted to compare the typed model value x_1 and the non-model value\n1",
            Fails(() => ValueOps.Compare(I(1), Mv("x_1"))).Message);
    }

    [Fact]
    public void ComparingDifferentTypesIsAnError()
    {
        Assert.Equal("Attempted to compare integer 1 with non-integer:\n\"a\"", Fails(() => ValueOps.Compare(I(1), S("a"))).Message);
        Assert.Equal("Attempted to compare string \"a\" with non-string:\n1", Fails(() => ValueOps.Compare(S("a"), I(1))).Message);
        Assert.Equal("Attempted to compare boolean TRUE with non-boolean:\n1", Fails(() => ValueOps.Compare(B(true), I(1))).Message);
        Assert.Equal("Attempted to compare the set {} with the value:\n1", Fails(() => ValueOps.Compare(Set(), I(1))).Message);
        Assert.Equal("Attempted to compare the function <<>> with the value:\n1", Fails(() => ValueOps.Compare(Tup(), I(1))).Message);
        Assert.Equal(
            "Attempted to compare record:\n[a |-> 1]\nwith non-record\n<<1>>",
            Fails(() => ValueOps.Compare(Rec(("a", I(1))), Tup(I(1)))).Message);
    }

    [Fact]
    public void TuplesOfModelValuesAndStringsOrderByComponents()
    {
        // The vertices <<node, round>> of a DAG and edges between them, as tlaplus/Examples' Sailfish builds them.
        var (n1, n2) = (Mv("n1"), Mv("n2"));
        Assert.True(ValueOps.Compare(Tup(n1, I(2)), Tup(n2, I(1))) < 0);
        Assert.True(ValueOps.Compare(Tup(Tup(n2, I(1)), Tup()), Tup(Tup(n1, I(3)), Tup(n1, I(2)))) > 0);
        Assert.Equal(0, ValueOps.Compare(Tup(S("a"), n1), Tup(S("a"), n1)));
        Assert.True(ValueOps.Compare(S("a"), S("b")) < 0);
        Assert.Equal(
            "{<<<<n1, 1>>, <<>>>>, <<<<n2, 1>>, <<>>>>, <<<<n2, 2>>, <<n1, 1>>>>}",
            P(Set(Tup(Tup(n2, I(2)), Tup(n1, I(1))), Tup(Tup(n2, I(1)), Tup()), Tup(Tup(n1, I(1)), Tup()))));
        // Inside tuples, typed model values and records keep their errors.
        Assert.Equal(
            "Attempted to compare the differently-typed model values x_1 and y_1",
            Fails(() => ValueOps.Compare(Tup(Mv("x_1")), Tup(Mv("y_1")))).Message);
        Assert.Equal(
            "Attempted to compare record:\n[a |-> 1]\nwith non-record\n<<1>>",
            Fails(() => ValueOps.Compare(Tup(Rec(("a", I(1)))), Tup(Tup(I(1))))).Message);
    }

    [Fact]
    public void MixedSetsCannotBeNormalizedAndFailWhenUsed()
    {
        // TLC: PrintT({1, "a"}) and Cardinality({1, "a"}) fail with "Attempted to compare ...".
        var s = Set(I(1), S("a"), I(1));
        var set = s.ToSetValue();
        Assert.False(set.IsNormalized);
        Assert.Equal([I(1), S("a")], set.Enumerate().ToArray());
        Assert.Equal(ValueErrorKind.Incomparable, Fails(() => set.Count).ErrorKind);
        Assert.Equal(ValueErrorKind.Incomparable, Fails(() => ValueOps.Contains(s, I(1))).ErrorKind);
        Assert.Equal(ValueErrorKind.Incomparable, Fails(() => ValueOps.Compare(s, Set(I(1), I(2)))).ErrorKind);
        Assert.True(s.Equals(Set(S("a"), I(1))));
    }

    [Fact]
    public void SortUsesTlcOrder()
    {
        var arr = new[] { I(3), Mv("q"), I(-1) };
        ValueOps.Sort(arr);
        Assert.Equal([Mv("q"), I(-1), I(3)], arr);
        var bad = new[] { I(3), S("s"), I(1) };
        Assert.Equal(ValueErrorKind.Incomparable, Assert.Throws<ValueException>(() => ValueOps.Sort(bad)).ErrorKind);
    }
}
