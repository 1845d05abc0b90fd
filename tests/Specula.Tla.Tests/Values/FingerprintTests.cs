using Specula.Tla.Values;

namespace Specula.Tla.Tests.Values;

public sealed class FingerprintTests : ValueTestBase
{
    private const string ExpectedFingerprints =
        "0=72667FC363CA55C4;\n1=CE3CC5F9FECA1B61;\n-1=A0079F5CC235F9E7;\n2^40=0097708645D7D3FB;\n2^80=9A74135AAF252F2B;\n" +
        "TRUE=AE91B76CAB6EB314;\nFALSE=D8D8B8EB2961D152;\n\"\"=1D37D12A666FD3B4;\n\"abc\"=F24ADA1BE5394A2C;\nmv=108F4B37DBE30BD4;\n" +
        "{}=06BB3DE4F8EDC7E5;\n{1, 2, 3}=C52C739BD7AE9B1B;\n<<>>=A4D3C2FFE828649D;\n<<1, \"a\">>=581C7F402B30E2FD;\n" +
        "[a |-> 1, b |-> {}]=2119CA9B010B994E;\n(0 :> TRUE)=128E346B41A35854;\nstate=1B11B326D8F76041";

    [Fact]
    public void FixedValuesAreStable()
    {
        Assert.Equal(17, ExpectedFingerprints.Split(";\n").Length);
        // Changing these numbers changes every fingerprint: do it deliberately.
        (string Name, Value Value)[] samples =
        [
            ("0", I(0)),
            ("1", I(1)),
            ("-1", I(-1)),
            ("2^40", I(1L << 40)),
            ("2^80", Value.Int(System.Numerics.BigInteger.Pow(2, 80))),
            ("TRUE", B(true)),
            ("FALSE", B(false)),
            ("\"\"", S("")),
            ("\"abc\"", S("abc")),
            ("mv", Mv("mv")),
            ("{}", Set()),
            ("{1, 2, 3}", Set(I(1), I(2), I(3))),
            ("<<>>", Tup()),
            ("<<1, \"a\">>", Tup(I(1), S("a"))),
            ("[a |-> 1, b |-> {}]", Rec(("a", I(1)), ("b", Set()))),
            ("(0 :> TRUE)", Fcn((I(0), B(true)))),
        ];
        var actual = string.Join(";", samples.Select(p => $"{p.Name}={p.Value.Fingerprint:X16}"))
            + $";state={ValueOps.Fingerprint([I(1), S("abc"), Tup()]):X16}";
        Assert.Equal(ExpectedFingerprints, actual.Replace(";", ";\n", StringComparison.Ordinal));
    }

    [Fact]
    public void IndependentOfInterningOrder()
    {
        var t1 = new StringTable();
        var t2 = new StringTable();
        t2.Intern("b");
        var r1 = Value.Of(FunctionValue.Record((t1.Intern("a"), Value.Int(1)), (t1.Intern("b"), t1.Str("x"))));
        var r2 = Value.Of(FunctionValue.Record((t2.Intern("a"), Value.Int(1)), (t2.Intern("b"), t2.Str("x"))));
        Assert.Equal(r1.Fingerprint, r2.Fingerprint);
        var s1 = ValueOps.Set(t1.Str("a"), t1.Str("b"));
        var s2 = ValueOps.Set(t2.Str("a"), t2.Str("b"));
        Assert.Equal(s1.Fingerprint, s2.Fingerprint);
    }

    [Fact]
    public void EqualAcrossRepresentations()
    {
        Assert.Equal(Range(1, 3).Fingerprint, Set(I(1), I(2), I(3)).Fingerprint);
        Assert.Equal(Range(3, 2).Fingerprint, Set().Fingerprint);
        Assert.Equal(Tup().Fingerprint, Rec().Fingerprint);
        Assert.Equal(Tup(I(7), I(8)).Fingerprint, Fcn((I(1), I(7)), (I(2), I(8))).Fingerprint);
        Assert.Equal(Rec(("a", I(1))).Fingerprint, Fcn((S("a"), I(1))).Fingerprint);
        Assert.Equal(
            Value.Of(new SubsetValue(Range(1, 2))).Fingerprint,
            Set(Set(), Set(I(1)), Set(I(2)), Range(1, 2)).Fingerprint);
    }

    [Fact]
    public void DistinguishesNearbyValues()
    {
        var seen = new HashSet<ulong>();
        var values = new List<Value>();
        for (var i = -50; i < 50; i++)
        {
            values.Add(I(i));
            values.Add(Set(I(i)));
            values.Add(Tup(I(i)));
            values.Add(Tup(I(i), I(i + 1)));
            values.Add(Tup(I(i + 1), I(i)));
            values.Add(Fcn((I(i), I(100))));
            values.Add(S("s" + i));
            values.Add(Mv("m" + i));
            values.Add(Range(i, i + 3));
            values.Add(Set(Set(I(i))));
        }

        values.Add(B(true));
        values.Add(B(false));
        values.Add(Set());
        values.Add(Tup());
        values.Add(Set(Tup()));
        values.Add(Set(Set()));
        values.Add(S(""));
        values.Add(Mv(""));
        foreach (var v in values)
        {
            Assert.True(seen.Add(v.Fingerprint), $"collision at {v}");
        }
    }

    [Fact]
    public void StringAndModelValueOfSameNameDiffer()
    {
        Assert.NotEqual(S("a").Fingerprint, Mv("a").Fingerprint);
        Assert.NotEqual(Set(I(1), I(2)).Fingerprint, Tup(I(1), I(2)).Fingerprint);
        Assert.NotEqual(Set(I(1)).Fingerprint, Tup(I(1)).Fingerprint);
    }

    [Fact]
    public void BigIntegersHaveTheirOwnFingerprints()
    {
        var a = Value.Int(System.Numerics.BigInteger.Pow(2, 64));
        var b = Value.Int(System.Numerics.BigInteger.Pow(2, 64) + 1);
        Assert.NotEqual(a.Fingerprint, b.Fingerprint);
        Assert.Equal(a.Fingerprint, Value.Int(System.Numerics.BigInteger.Pow(2, 64)).Fingerprint);
    }
}
