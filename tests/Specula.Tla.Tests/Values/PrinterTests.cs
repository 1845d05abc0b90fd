using Specula.Tla.Values;

namespace Specula.Tla.Tests.Values;

public sealed class PrinterTests : ValueTestBase
{
    [Fact]
    public void Scalars()
    {
        Assert.Equal("TRUE", P(B(true)));
        Assert.Equal("FALSE", P(B(false)));
        Assert.Equal("-42", P(I(-42)));
        Assert.Equal("1180591620717411303424", P(Value.Int(System.Numerics.BigInteger.Pow(2, 70))));
        Assert.Equal("\"abc\"", P(S("abc")));
        Assert.Equal("\"q\\\"uote\\\\\"", P(S("q\"uote\\")));
        Assert.Equal("\"a\\nb\\tc\\rd\\fe\"", P(S("a\nb\tc\rd\fe")));
        Assert.Equal("mv", P(Mv("mv")));
    }

    [Fact]
    public void SetsAndTuples()
    {
        Assert.Equal("{}", P(Set()));
        Assert.Equal("{1, 2}", P(Set(I(2), I(1))));
        Assert.Equal("<<>>", P(Tup()));
        Assert.Equal("<<1, \"a\", TRUE, {}>>", P(Tup(I(1), S("a"), B(true), Set())));
        Assert.Equal("1..3", P(Range(1, 3)));
        Assert.Equal("{}", P(Range(3, 1)));
        Assert.Equal("Nat", P(Value.Of(InfiniteSetValue.Nat)));
        Assert.Equal("Int", P(Value.Of(InfiniteSetValue.Int)));
        Assert.Equal("STRING", P(Value.Of(InfiniteSetValue.String)));
    }

    [Fact]
    public void RecordsAndFunctions()
    {
        Assert.Equal("[a |-> 1, b |-> 2]", P(Rec(("a", I(1)), ("b", I(2)))));
        Assert.Equal("(2 :> 2 @@ 3 :> 3)", P(Value.Of(FunctionValue.FromDomain(new IntervalValue(2, 3), [I(2), I(3)]))));
        Assert.Equal("(0 :> 0 @@ 1 :> 1)", P(Fcn((I(1), I(1)), (I(0), I(0)))));
        Assert.Equal("(\"a b\" :> \"a b\")", P(Fcn((S("a b"), S("a b")))));
        Assert.Equal("({1} :> 1 @@ {2} :> 1)", P(Fcn((Set(I(2)), I(1)), (Set(I(1)), I(1)))));
        Assert.Equal("(1 :> 2 @@ 3 :> 4)", P(ValueOps.MergeFunctions(ValueOps.SingletonFunction(I(1), I(2)), ValueOps.SingletonFunction(I(3), I(4)))));
        Assert.Equal("(\"WF_x\" :> 1)", P(Fcn((S("WF_x"), I(1)))));
        Assert.Equal("(\"_1\" :> 1)", P(Fcn((S("_1"), I(1)))));
        Assert.Equal("[a_1 |-> 1]", P(Fcn((S("a_1"), I(1)))));
        Assert.Equal("(\"12\" :> 1)", P(Fcn((S("12"), I(1)))));
    }

    [Fact]
    public void LazySetsExpandWhenSmall()
    {
        Assert.Equal("{<<1, 1>>, <<1, 2>>, <<2, 1>>, <<2, 2>>}", P(Value.Of(new FunctionSetValue(Range(1, 2), Range(1, 2)))));
        Assert.Equal("[1..20 -> 1..2]", P(Value.Of(new FunctionSetValue(Range(1, 20), Range(1, 2)))));
        Assert.Equal("(1..100 \\X 1..100)", P(Value.Of(new ProductSetValue(Range(1, 100), Range(1, 100)))));
        _ = S("a");
        Assert.Equal("[a: 1..100, b: 1..100]", P(Value.Of(new RecordSetValue((Strings.Intern("a"), Range(1, 100)), (Strings.Intern("b"), Range(1, 100))))));
        Assert.Equal("SUBSET (1..10)", P(Value.Of(new SubsetValue(Range(1, 10)))));
        Assert.Equal("SUBSET {1, 2, 3, 4, 5, 6, 7}", P(Value.Of(new SubsetValue(Set(I(1), I(2), I(3), I(4), I(5), I(6), I(7))))));
        Assert.Equal("{{}, {1}}", P(Value.Of(new SubsetValue(Range(1, 1)))));
    }

    [Fact]
    public void PrintEqualsToString()
    {
        var v = Tup(Set(I(1)), Rec(("x", S("y"))));
        Assert.Equal(v.ToString(), ValuePrinter.Print(v));
        Assert.Equal("<<{1}, [x |-> \"y\"]>>", v.ToString());
        Assert.Equal(v.ToString(), v.Heap!.ToString());
    }
}
