using Specula.Tla.Values;

namespace Specula.Tla.Tests.Values;

public sealed class EqualityTests : ValueTestBase
{
    private static void AssertSame(Value a, Value b)
    {
        Assert.True(ValueOps.TlcEquals(a, b), $"{a} = {b}");
        Assert.True(ValueOps.TlcEquals(b, a), $"{b} = {a}");
        Assert.True(a.Equals(b));
        Assert.True(a == b);
        Assert.Equal(a.Fingerprint, b.Fingerprint);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(0, ValueOps.Compare(a, b));
        Assert.Equal(0, ValueOps.Compare(b, a));
    }

    private static void AssertDifferent(Value a, Value b)
    {
        Assert.False(ValueOps.TlcEquals(a, b), $"{a} = {b}");
        Assert.False(a.Equals(b));
        Assert.True(a != b);
        Assert.NotEqual(a.Fingerprint, b.Fingerprint);
        Assert.NotEqual(0, ValueOps.Compare(a, b));
    }

    [Fact]
    public void EmptyTupleEqualsEmptyFunction() =>
        AssertSame(Tup(), Value.Of(FunctionValue.FromDomain(SetValue.Empty, [])));

    [Fact]
    public void EmptyTupleEqualsEmptyRecordAndEmptyPairs()
    {
        AssertSame(Tup(), Rec());
        AssertSame(Tup(), Fcn());
    }

    [Fact]
    public void TupleEqualsFunctionOnOneToN()
    {
        var t = Tup(S("a"), S("b"));
        AssertSame(t, Value.Of(FunctionValue.FromDomain(new IntervalValue(1, 2), [S("a"), S("b")])));
        AssertSame(t, Fcn((I(2), S("b")), (I(1), S("a"))));
        AssertSame(t, Value.Of(FunctionValue.FromDomain(SetValue.Of(I(1), I(2)), [S("a"), S("b")])));
        Assert.True(Fcn((I(2), S("b")), (I(1), S("a"))).AsFunction.IsTuple);
    }

    [Fact]
    public void FunctionOnOtherIntervalIsNotATuple()
    {
        var f = Value.Of(FunctionValue.FromDomain(new IntervalValue(0, 1), [I(5), I(6)]));
        Assert.False(f.AsFunction.IsTuple);
        AssertSame(f, Fcn((I(0), I(5)), (I(1), I(6))));
        AssertDifferent(f, Tup(I(5), I(6)));
    }

    [Fact]
    public void RecordEqualsFunctionFromFieldNames()
    {
        var r = Rec(("b", I(1)), ("a", I(2)));
        AssertSame(r, Fcn((S("a"), I(2)), (S("b"), I(1))));
        AssertSame(r, Rec(("a", I(2)), ("b", I(1))));
        Assert.True(r.AsFunction.IsRecord);
    }

    [Fact]
    public void IntervalEqualsEnumeration()
    {
        AssertSame(Range(1, 3), Set(I(3), I(1), I(2)));
        AssertSame(Range(5, 4), Set());
        AssertSame(Range(5, 4), Range(1, 0));
        AssertDifferent(Range(1, 3), Range(2, 4));
        AssertDifferent(Range(1, 3), Set(I(1), I(2)));
    }

    [Fact]
    public void LazySetsEqualTheirEnumerations()
    {
        var s = Set(I(1), I(2));
        AssertSame(Value.Of(new SubsetValue(s)), Set(Set(), Set(I(1)), Set(I(2)), Set(I(1), I(2))));
        AssertSame(
            Value.Of(new FunctionSetValue(Range(1, 2), Set(B(false), B(true)))),
            Set(Tup(B(false), B(false)), Tup(B(false), B(true)), Tup(B(true), B(false)), Tup(B(true), B(true))));
        AssertSame(
            Value.Of(new ProductSetValue(s, Set(S("x")))),
            Set(Tup(I(1), S("x")), Tup(I(2), S("x"))));
        AssertSame(
            Value.Of(new RecordSetValue((Strings.Intern("a"), s))),
            Set(Rec(("a", I(1))), Rec(("a", I(2)))));
        AssertSame(Value.Of(new FunctionSetValue(Set(), Set())), Set(Tup()));
        AssertSame(Value.Of(new FunctionSetValue(s, Set())), Set());
    }

    [Fact]
    public void SetsIgnoreOrderAndDuplicates()
    {
        AssertSame(Set(I(3), I(1), I(3), I(2)), Set(I(1), I(2), I(3)));
        AssertSame(Set(S("b"), S("a"), S("b")), Set(S("a"), S("b")));
    }

    [Fact]
    public void NestedEqualityAcrossForms()
    {
        var a = Rec(("s", Range(1, 2)), ("t", Tup()));
        var b = Fcn((S("t"), Fcn()), (S("s"), Set(I(2), I(1))));
        AssertSame(a, b);
        AssertSame(Set(a), Set(b));
    }

    [Fact]
    public void ScalarsCompareByValue()
    {
        AssertSame(I(5), I(5));
        AssertDifferent(I(5), I(6));
        AssertSame(B(true), B(true));
        AssertDifferent(B(true), B(false));
        AssertSame(S("x"), S("x"));
        AssertDifferent(S("x"), S("y"));
        AssertSame(Value.Int(new System.Numerics.BigInteger(42)), I(42));
    }

    [Fact]
    public void BigIntegersAreNormalized()
    {
        var big = Value.Int(System.Numerics.BigInteger.Pow(2, 70));
        Assert.False(big.IsSmallInt);
        Assert.True(big.IsInt);
        AssertSame(big, Value.Int(System.Numerics.BigInteger.Pow(2, 70)));
        AssertDifferent(big, I(long.MaxValue));
    }

    [Fact]
    public void IntegerVersusStringIsAnError()
    {
        var e = Fails(() => ValueOps.TlcEquals(I(1), S("a")));
        Assert.Equal(ValueErrorKind.Incomparable, e.ErrorKind);
        Assert.Equal("Attempted to check equality of integer 1 with non-integer:\n\"a\"", e.Message);
        Assert.Equal("Attempted to check equality of string \"a\" with non-string:\n1", Fails(() => ValueOps.TlcEquals(S("a"), I(1))).Message);
        Assert.False(I(1).Equals(S("a")));
        Assert.False(I(1) == S("a"));
    }

    [Fact]
    public void OtherTypeMismatchesAreErrorsWithTlcMessages()
    {
        Assert.Equal(
            "Attempted to check equality of the set {} with the value:\n<<>>",
            Fails(() => ValueOps.TlcEquals(Set(), Tup())).Message);
        Assert.Equal(
            "Attempted to check equality of the function <<1>> with the value:\n{1}",
            Fails(() => ValueOps.TlcEquals(Tup(I(1)), Set(I(1)))).Message);
        Assert.Equal(
            "Attempted to compare equality of boolean TRUE with non-boolean:\n1",
            Fails(() => ValueOps.TlcEquals(B(true), I(1))).Message);
        Assert.Equal(
            "Attempted to check equality of integer 1 with non-integer:\n\"a\"",
            Fails(() => ValueOps.TlcEquals(Tup(I(1)), Tup(S("a")))).Message);
    }

    [Fact]
    public void RecordAgainstNonRecordFunctionFollowsTlc()
    {
        // TLC: [a |-> 1] = <<1, 2>> is an error, <<1, 2>> = [a |-> 1] is FALSE, <<>> = [a |-> 1] is FALSE.
        var r = Rec(("a", I(1)));
        Assert.Equal(
            "Attempted to check equality of record:\n[a |-> 1]\nwith non-record\n<<1, 2>>",
            Fails(() => ValueOps.TlcEquals(r, Tup(I(1), I(2)))).Message);
        Assert.False(ValueOps.TlcEquals(Tup(I(1), I(2)), r));
        Assert.False(ValueOps.TlcEquals(Tup(), r));
        Assert.False(ValueOps.TlcEquals(r, Tup()));
        Assert.False(r.Equals(Tup(I(1))));

        // TLC: [a |-> 1] = [x \in {1} |-> 1] is an error; (0 :> 1) = <<1>> is FALSE.
        Assert.Equal(
            "Attempted to check equality of record:\n[a |-> 1]\nwith non-record\n<<1>>",
            Fails(() => ValueOps.TlcEquals(r, Fcn((I(1), I(1))))).Message);
        Assert.False(ValueOps.TlcEquals(Fcn((I(0), I(1))), Tup(I(1))));
        Assert.Equal(ValueErrorKind.Incomparable, Fails(() => ValueOps.TlcEquals(Tup(I(1)), Fcn((S("a"), I(1))))).ErrorKind);
    }

    [Fact]
    public void BooleanSet()
    {
        AssertSame(Value.Of(SetValue.Boolean), Set(B(true), B(false)));
        Assert.Equal("{FALSE, TRUE}", P(Value.Of(SetValue.Boolean)));
    }

    [Fact]
    public void UntypedModelValuesEqualOnlyThemselves()
    {
        var a = Mv("a");
        Assert.True(ValueOps.TlcEquals(a, Mv("a")));
        Assert.False(ValueOps.TlcEquals(a, Mv("b")));
        Assert.False(ValueOps.TlcEquals(a, I(1)));
        Assert.False(ValueOps.TlcEquals(I(1), a));
        Assert.False(ValueOps.TlcEquals(a, S("a")));
        Assert.False(ValueOps.TlcEquals(Set(), a));
        Assert.False(ValueOps.TlcEquals(a, Tup()));
        Assert.False(ValueOps.TlcEquals(Set(a), Set(I(1))));
        Assert.NotEqual(a.Fingerprint, S("a").Fingerprint);
        Assert.Same(Strings.ModelValue("a"), a.AsModelValue);
    }

    [Fact]
    public void TypedModelValuesRaiseErrorsAgainstOtherTypes()
    {
        var x1 = Mv("x_1");
        Assert.True(x1.AsModelValue.IsTyped);
        Assert.Equal('x', x1.AsModelValue.TypeTag);
        Assert.False(ValueOps.TlcEquals(x1, Mv("x_2")));
        Assert.True(ValueOps.TlcEquals(x1, Mv("x_1")));
        Assert.False(ValueOps.TlcEquals(x1, Mv("none")));
        Assert.False(ValueOps.TlcEquals(Mv("none"), x1));
        Assert.Equal(
            "Attempted to check equality of the differently-typed model values x_1 and a_1",
            Fails(() => ValueOps.TlcEquals(x1, Mv("a_1"))).Message);
        Assert.Equal(
            "Attempted to check equality of typed model value x_1 and non-model value\n1",
            Fails(() => ValueOps.TlcEquals(x1, I(1))).Message);
        Assert.Equal(
            "Attempted to check equality of the typed model value x_1 and the non-model value\n1",
            Fails(() => ValueOps.TlcEquals(I(1), x1)).Message);
        Assert.Equal(
            "Attempted to compare the typed model value x_1 and the non-model value\n1",
            Fails(() => ValueOps.Set(x1, I(1)).AsSet.Count).Message.Replace("and non-model value", "and the non-model value", StringComparison.Ordinal));
        Assert.False(ValueOps.Contains(Range(1, 3), Mv("c")));
        Assert.Equal(
            "Attempted to check if the value:\na_1\nis in the integer interval 1..3",
            Fails(() => ValueOps.Contains(Range(1, 3), Mv("a_1"))).Message);
        Assert.False(Mv("x_").AsModelValue.IsTyped);
        Assert.False(Mv("ab").AsModelValue.IsTyped);
    }

    [Fact]
    public void StructuralEqualityNeverThrows()
    {
        Value[] all = [I(1), S("a"), B(true), Mv("m"), Mv("x_1"), Set(), Tup(I(1)), Rec(("a", I(1))), Range(1, 2), Value.Of(InfiniteSetValue.Nat)];
        for (var i = 0; i < all.Length; i++)
        {
            for (var j = 0; j < all.Length; j++)
            {
                Assert.Equal(i == j, all[i].Equals(all[j]));
            }
        }
    }

    [Fact]
    public void InfiniteSetsEqualOnlyThemselvesAndCannotBeEnumerated()
    {
        var nat = Value.Of(InfiniteSetValue.Nat);
        Assert.True(ValueOps.TlcEquals(nat, Value.Of(InfiniteSetValue.Nat)));
        Assert.False(ValueOps.TlcEquals(nat, Value.Of(InfiniteSetValue.Int)));
        Assert.Equal(ValueErrorKind.NotEnumerable, Fails(() => ValueOps.TlcEquals(nat, Set())).ErrorKind);
        Assert.Equal(ValueErrorKind.NotEnumerable, Fails(() => nat.Fingerprint).ErrorKind);
        Assert.True(Value.Of(InfiniteSetValue.Seq(Set(I(1)))).Equals(Value.Of(InfiniteSetValue.Seq(Range(1, 1)))));
    }

    [Fact]
    public void UsableAsDictionaryKeys()
    {
        var d = new Dictionary<Value, int>
        {
            [Range(1, 3)] = 1,
            [Tup(I(1), I(2))] = 2,
            [Rec(("a", I(1)))] = 3,
        };
        Assert.Equal(1, d[Set(I(1), I(2), I(3))]);
        Assert.Equal(2, d[Fcn((I(1), I(1)), (I(2), I(2)))]);
        Assert.Equal(3, d[Fcn((S("a"), I(1)))]);
        Assert.False(d.ContainsKey(I(1)));
    }
}
