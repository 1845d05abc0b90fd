using System.Numerics;
using Specula.Tla.Values;

namespace Specula.Tla.Tests.Values;

public sealed class ArithmeticTests : ValueTestBase
{
    private const IntegerSemantics Tlc = IntegerSemantics.Tlc32;
    private const IntegerSemantics Math = IntegerSemantics.Unbounded;

    [Fact]
    public void TlcModeReportsOverflowLikeTlc()
    {
        Assert.Equal("Overflow when computing 2147483647+1", Fails(() => IntArith.Add(I(int.MaxValue), I(1), Tlc)).Message);
        Assert.Equal(ValueErrorKind.Overflow, Fails(() => IntArith.Subtract(I(int.MinValue), I(1), Tlc)).ErrorKind);
        Assert.Equal("Overflow when computing 65536*65536", Fails(() => IntArith.Multiply(I(65536), I(65536), Tlc)).Message);
        Assert.Equal("Overflow when computing --2147483648", Fails(() => IntArith.Negate(I(int.MinValue), Tlc)).Message);
        Assert.Equal(ValueErrorKind.Overflow, Fails(() => IntArith.Power(I(2), I(31), Tlc)).ErrorKind);
        Assert.Equal(I(1 << 30), IntArith.Power(I(2), I(30), Tlc));
        Assert.Equal(I(int.MaxValue), IntArith.Add(I(int.MaxValue - 1), I(1), Tlc));
        Assert.Equal("TLC can't handle a number this big.\n2147483648", Fails(() => IntArith.Literal(new BigInteger(2147483648L), Tlc)).Message);
        Assert.Equal(I(2147483648L), IntArith.Literal(new BigInteger(2147483648L), Math));
        Assert.Equal(ValueErrorKind.Overflow, Fails(() => IntArith.Literal(-2147483649L, Tlc)).ErrorKind);
        Assert.Equal(I(-2147483648L), IntArith.Literal(-2147483648L, Tlc));
        Assert.Equal("Overflow when computing -2147483648 \\div -1", Fails(() => IntArith.Div(I(int.MinValue), I(-1), Tlc)).Message);
    }

    [Fact]
    public void UnboundedModeFallsBackToArbitraryPrecision()
    {
        var sum = IntArith.Add(I(long.MaxValue), I(1), Math);
        Assert.False(sum.IsSmallInt);
        Assert.Equal((BigInteger)long.MaxValue + 1, sum.AsBigInteger);
        Assert.Equal(I(long.MaxValue), IntArith.Subtract(sum, I(1), Math));
        Assert.True(IntArith.Subtract(sum, I(1), Math).IsSmallInt);
        Assert.Equal(BigInteger.Pow(2, 100), IntArith.Power(I(2), I(100), Math).AsBigInteger);
        Assert.Equal((BigInteger)long.MinValue * 2, IntArith.Multiply(I(long.MinValue), I(2), Math).AsBigInteger);
        Assert.Equal(-(BigInteger)long.MinValue, IntArith.Negate(I(long.MinValue), Math).AsBigInteger);
        Assert.Equal(I(long.MinValue), IntArith.Subtract(I(long.MinValue + 1), I(1), Math));
    }

    [Theory]
    [InlineData(7, 2, 3, 1)]
    [InlineData(-7, 2, -4, 1)]
    [InlineData(7, -2, -4, -1)]
    [InlineData(-7, -2, 3, -1)]
    [InlineData(-6, 3, -2, 0)]
    [InlineData(0, 5, 0, 0)]
    public void DivIsFloorDivision(long a, long b, long q, long unused)
    {
        _ = unused;
        Assert.Equal(I(q), IntArith.Div(I(a), I(b), Tlc));
        Assert.Equal(I(q), IntArith.Div(I(a), I(b), Math));
    }

    [Theory]
    [InlineData(7, 2, 1)]
    [InlineData(-7, 2, 1)]
    [InlineData(-6, 3, 0)]
    [InlineData(-1, 5, 4)]
    public void ModIsNeverNegative(long a, long b, long r)
    {
        Assert.Equal(I(r), IntArith.Mod(I(a), I(b), Tlc));
        var big = Value.Int(BigInteger.Pow(10, 30) * a);
        var expected = BigInteger.Remainder(BigInteger.Pow(10, 30) * a, b);
        Assert.Equal(Value.Int(expected < 0 ? expected + b : expected), IntArith.Mod(big, I(b), Math));
    }

    [Fact]
    public void DivisionErrors()
    {
        Assert.Equal("The second argument of \\div is 0.", Fails(() => IntArith.Div(I(1), I(0), Tlc)).Message);
        Assert.Equal(ValueErrorKind.DivisionByZero, Fails(() => IntArith.Div(I(1), I(0), Math)).ErrorKind);
        Assert.Equal("The second argument of % should be a positive number, but instead it is:\n0", Fails(() => IntArith.Mod(I(1), I(0), Tlc)).Message);
        Assert.Equal(ValueErrorKind.BadArgument, Fails(() => IntArith.Mod(I(1), I(-2), Tlc)).ErrorKind);
        Assert.Equal(ValueErrorKind.BadArgument, Fails(() => IntArith.Power(I(0), I(0), Tlc)).ErrorKind);
        Assert.Equal(ValueErrorKind.BadArgument, Fails(() => IntArith.Power(I(2), I(-1), Tlc)).ErrorKind);
        Assert.Equal(I(-(1L << 62) * 2 / 2 * 2 / 2), IntArith.Div(I(long.MinValue / 2), I(1), Math));
        Assert.Equal((BigInteger)long.MaxValue + 1, IntArith.Div(I(long.MinValue), I(-1), Math).AsBigInteger);
    }

    [Fact]
    public void NonIntegerOperandsAreErrors()
    {
        Assert.Equal(
            "The first argument of + should be a integer, but instead it is:\n\"a\"".Replace("a integer", "an integer", StringComparison.Ordinal).Replace("an integer", "a integer", StringComparison.Ordinal),
            Fails(() => IntArith.Add(S("a"), I(1), Tlc)).Message);
        Assert.Equal(ValueErrorKind.TypeMismatch, Fails(() => IntArith.CompareInts(I(1), B(true), "<")).ErrorKind);
        Assert.True(IntArith.CompareInts(I(1), I(2), "<") < 0);
        Assert.True(IntArith.CompareInts(Value.Int(BigInteger.Pow(2, 70)), I(2), "<") > 0);
    }
}
