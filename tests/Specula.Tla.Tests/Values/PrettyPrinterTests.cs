using Specula.Tla.Values;

namespace Specula.Tla.Tests.Values;

/// <summary>Expected texts are TLC's own output for the same values (a counterexample state, width 80).</summary>
public sealed class PrettyPrinterTests : ValueTestBase
{
    [Fact]
    public void SequenceOfRecords()
    {
        var x = Tup([.. Enumerable.Range(1, 12).Select(i => Rec(("a", I(i)), ("bb", Set(I(i), I(i + 1))), ("c", Tup(S("str"), I(i)))))]);
        Assert.Equal("<< [a |-> 1, bb |-> {1, 2}, c |-> <<\"str\", 1>>],\n   [a |-> 2, bb |-> {2, 3}, c |-> <<\"str\", 2>>],\n   [a |-> 3, bb |-> {3, 4}, c |-> <<\"str\", 3>>],\n   [a |-> 4, bb |-> {4, 5}, c |-> <<\"str\", 4>>],\n   [a |-> 5, bb |-> {5, 6}, c |-> <<\"str\", 5>>],\n   [a |-> 6, bb |-> {6, 7}, c |-> <<\"str\", 6>>],\n   [a |-> 7, bb |-> {7, 8}, c |-> <<\"str\", 7>>],\n   [a |-> 8, bb |-> {8, 9}, c |-> <<\"str\", 8>>],\n   [a |-> 9, bb |-> {9, 10}, c |-> <<\"str\", 9>>],\n   [a |-> 10, bb |-> {10, 11}, c |-> <<\"str\", 10>>],\n   [a |-> 11, bb |-> {11, 12}, c |-> <<\"str\", 11>>],\n   [a |-> 12, bb |-> {12, 13}, c |-> <<\"str\", 12>>] >>", TlcPrettyPrinter.Format(x));
    }

    [Fact]
    public void RecordOfSets()
    {
        string[] names = ["alpha", "beta", "gamma", "delta", "epsilon"];
        var y = Rec([.. names.Select(n => (n, Value.Of(new SubsetValue(Set(I(1), I(2))))))]);
        Assert.Equal("[ alpha |-> {{}, {1}, {2}, {1, 2}},\n  beta |-> {{}, {1}, {2}, {1, 2}},\n  gamma |-> {{}, {1}, {2}, {1, 2}},\n  delta |-> {{}, {1}, {2}, {1, 2}},\n  epsilon |-> {{}, {1}, {2}, {1, 2}} ]", TlcPrettyPrinter.Format(y));
    }

    [Fact]
    public void SetOfPairs()
    {
        var z = Value.Of(new ProductSetValue(Range(1, 4), Range(1, 4)));
        Assert.Equal("{ <<1, 1>>,\n  <<1, 2>>,\n  <<1, 3>>,\n  <<1, 4>>,\n  <<2, 1>>,\n  <<2, 2>>,\n  <<2, 3>>,\n  <<2, 4>>,\n  <<3, 1>>,\n  <<3, 2>>,\n  <<3, 3>>,\n  <<3, 4>>,\n  <<4, 1>>,\n  <<4, 2>>,\n  <<4, 3>>,\n  <<4, 4>> }", TlcPrettyPrinter.Format(z.ToSetValue().AsValue));
    }

    [Fact]
    public void FunctionOfStrings()
    {
        var w = Value.Of(FunctionValue.FromDomain(new IntervalValue(0, 6), [.. Enumerable.Range(0, 7).Select(i => S("a long string value number " + i))]));
        Assert.Equal("( 0 :> \"a long string value number 0\" @@\n  1 :> \"a long string value number 1\" @@\n  2 :> \"a long string value number 2\" @@\n  3 :> \"a long string value number 3\" @@\n  4 :> \"a long string value number 4\" @@\n  5 :> \"a long string value number 5\" @@\n  6 :> \"a long string value number 6\" )", TlcPrettyPrinter.Format(w));
    }

    [Fact]
    public void EscapedQuoteDefeatsTheFormatterAsInTlc()
    {
        var v = Tup([S("q\"uote"), .. Enumerable.Range(1, 24).Select(i => I(i))]);
        Assert.Equal("<<\"q\\\"uote\", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24>>", TlcPrettyPrinter.Format(v));
    }

    [Fact]
    public void NestedRecordWithLongFieldName()
    {
        var u = Rec(
            ("verylongfieldnamenumberone", Rec(("nestedfieldnumberone", Range(1, 3)), ("nestedfieldnumbertwo", Tup(I(1), I(2), I(3))))),
            ("f2", I(-5)));
        Assert.Equal("[ verylongfieldnamenumberone |->\n      [nestedfieldnumberone |-> 1..3, nestedfieldnumbertwo |-> <<1, 2, 3>>],\n  f2 |-> -5 ]", TlcPrettyPrinter.Format(u));
    }

    [Fact]
    public void ShortValuesAndUnparsableTextAreUnchanged()
    {
        Assert.Equal("{1, 2}", TlcPrettyPrinter.Format(Set(I(1), I(2))));
        Assert.Equal("", TlcPrettyPrinter.Format(""));
        var longModelValues = Set([.. Enumerable.Range(0, 30).Select(i => Mv("m_" + i))]);
        Assert.Equal(longModelValues.ToString(), TlcPrettyPrinter.Format(longModelValues));
        var narrow = TlcPrettyPrinter.Format(Set(I(100), I(200), I(300)), 10);
        Assert.Equal("{ 100,\n  200,\n  300 }", narrow);
    }
}
