using System.Numerics;

namespace Specula.Tla.Values;

/// <summary>
/// Integer arithmetic of Naturals and Integers. In <see cref="IntegerSemantics.Tlc32"/> mode every literal and
/// result must fit in 32 bits, and TLC's "Overflow when computing ..." error is raised otherwise; in
/// <see cref="IntegerSemantics.Unbounded"/> mode results are exact (64-bit, then arbitrary precision).
/// <c>\div</c> rounds toward negative infinity and <c>%</c> is never negative, unlike C#.
/// </summary>
public static class IntArith
{
    /// <summary>An integer literal; in TLC mode, one outside 32 bits is TLC's "number this big" error.</summary>
    /// <param name="n">The literal's value.</param>
    /// <param name="mode">The integer semantics.</param>
    /// <returns>The integer value.</returns>
    public static Value Literal(BigInteger n, IntegerSemantics mode) =>
        mode == IntegerSemantics.Tlc32 && (n > int.MaxValue || n < int.MinValue)
            ? throw new ValueException(ValueErrorKind.Overflow, $"TLC can't handle a number this big.\n{n}")
            : Value.Int(n);

    /// <summary>An integer literal that fits in 64 bits; in TLC mode, one outside 32 bits is an error.</summary>
    /// <param name="n">The literal's value.</param>
    /// <param name="mode">The integer semantics.</param>
    /// <returns>The integer value.</returns>
    public static Value Literal(long n, IntegerSemantics mode) =>
        mode == IntegerSemantics.Tlc32 && n is > int.MaxValue or < int.MinValue
            ? throw new ValueException(ValueErrorKind.Overflow, $"TLC can't handle a number this big.\n{n}")
            : Value.Int(n);

    /// <summary><c>a + b</c>.</summary>
    /// <param name="a">An integer.</param>
    /// <param name="b">An integer.</param>
    /// <param name="mode">The integer semantics.</param>
    /// <returns>The sum.</returns>
    public static Value Add(Value a, Value b, IntegerSemantics mode)
    {
        if (a.TryGetInt64(out var x) && b.TryGetInt64(out var y))
        {
            var r = x + y;
            if (mode == IntegerSemantics.Tlc32)
            {
                return r is > int.MaxValue or < int.MinValue ? throw Overflow($"{x}+{y}") : Value.Int(r);
            }

            if (((x ^ r) & (y ^ r)) >= 0)
            {
                return Value.Int(r);
            }
        }

        return Big(Operand(a, "first", "+") + Operand(b, "second", "+"), mode, a, "+", b);
    }

    /// <summary><c>a - b</c>.</summary>
    /// <param name="a">An integer.</param>
    /// <param name="b">An integer.</param>
    /// <param name="mode">The integer semantics.</param>
    /// <returns>The difference.</returns>
    public static Value Subtract(Value a, Value b, IntegerSemantics mode)
    {
        if (a.TryGetInt64(out var x) && b.TryGetInt64(out var y))
        {
            var r = x - y;
            if (mode == IntegerSemantics.Tlc32)
            {
                return r is > int.MaxValue or < int.MinValue ? throw Overflow($"{x}-{y}") : Value.Int(r);
            }

            if (((x ^ y) & (x ^ r)) >= 0)
            {
                return Value.Int(r);
            }
        }

        return Big(Operand(a, "first", "-") - Operand(b, "second", "-"), mode, a, "-", b);
    }

    /// <summary><c>a * b</c>.</summary>
    /// <param name="a">An integer.</param>
    /// <param name="b">An integer.</param>
    /// <param name="mode">The integer semantics.</param>
    /// <returns>The product.</returns>
    public static Value Multiply(Value a, Value b, IntegerSemantics mode)
    {
        if (a.TryGetInt64(out var x) && b.TryGetInt64(out var y))
        {
            var hi = Math.BigMul(x, y, out var lo);
            if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0))
            {
                if (mode == IntegerSemantics.Tlc32 && lo is > int.MaxValue or < int.MinValue)
                {
                    throw Overflow($"{x}*{y}");
                }

                return Value.Int(lo);
            }
        }

        return Big(Operand(a, "first", "*") * Operand(b, "second", "*"), mode, a, "*", b);
    }

    /// <summary><c>-a</c>.</summary>
    /// <param name="a">An integer.</param>
    /// <param name="mode">The integer semantics.</param>
    /// <returns>The negation.</returns>
    public static Value Negate(Value a, IntegerSemantics mode)
    {
        if (a.TryGetInt64(out var x) && x != long.MinValue)
        {
            return mode == IntegerSemantics.Tlc32 && x == int.MinValue ? throw Overflow("--2147483648") : Value.Int(-x);
        }

        return Value.Int(-Operand(a, "first", "-"));
    }

    /// <summary><c>a \div b</c>: floor division; dividing by 0 is TLC's error.</summary>
    /// <param name="a">An integer.</param>
    /// <param name="b">An integer.</param>
    /// <param name="mode">The integer semantics.</param>
    /// <returns>The quotient rounded toward negative infinity.</returns>
    public static Value Div(Value a, Value b, IntegerSemantics mode)
    {
        if (a.TryGetInt64(out var x) && b.TryGetInt64(out var y) && !(x == long.MinValue && y == -1))
        {
            if (y == 0)
            {
                throw new ValueException(ValueErrorKind.DivisionByZero, "The second argument of \\div is 0.");
            }

            var q = x / y;
            if ((x % y != 0) && ((x < 0) != (y < 0)))
            {
                q--;
            }

            return mode == IntegerSemantics.Tlc32 && q > int.MaxValue ? throw Overflow($"{x} \\div {y}") : Value.Int(q);
        }

        var bx = Operand(a, "first", "\\div");
        var by = Operand(b, "second", "\\div");
        if (by.IsZero)
        {
            throw new ValueException(ValueErrorKind.DivisionByZero, "The second argument of \\div is 0.");
        }

        var bq = BigInteger.DivRem(bx, by, out var rem);
        if (!rem.IsZero && (bx.Sign < 0) != (by.Sign < 0))
        {
            bq -= 1;
        }

        return Big(bq, mode, a, "\\div", b);
    }

    /// <summary><c>a % b</c>: the remainder in <c>0..b-1</c>; <paramref name="b"/> must be positive.</summary>
    /// <param name="a">An integer.</param>
    /// <param name="b">A positive integer.</param>
    /// <param name="mode">The integer semantics.</param>
    /// <returns>The non-negative remainder.</returns>
    public static Value Mod(Value a, Value b, IntegerSemantics mode)
    {
        _ = mode;
        var by = Operand(b, "second", "%");
        if (by.Sign <= 0)
        {
            throw new ValueException(ValueErrorKind.BadArgument, $"The second argument of % should be a positive number, but instead it is:\n{b}");
        }

        if (a.TryGetInt64(out var x) && b.TryGetInt64(out var y))
        {
            var r = x % y;
            return Value.Int(r < 0 ? r + y : r);
        }

        var br = BigInteger.Remainder(Operand(a, "first", "%"), by);
        return Value.Int(br.Sign < 0 ? br + by : br);
    }

    /// <summary><c>a ^ b</c>: <paramref name="b"/> must be a natural number and <c>0 ^ 0</c> is undefined, as in TLC.</summary>
    /// <param name="a">The base.</param>
    /// <param name="b">The exponent.</param>
    /// <param name="mode">The integer semantics.</param>
    /// <returns>The power.</returns>
    public static Value Power(Value a, Value b, IntegerSemantics mode)
    {
        var e = Operand(b, "second", "^");
        var x = Operand(a, "first", "^");
        if (e.Sign < 0)
        {
            throw new ValueException(ValueErrorKind.BadArgument, $"The second argument of ^ should be a natural number, but instead it is:\n{b}");
        }

        if (e.IsZero)
        {
            return x.IsZero
                ? throw new ValueException(ValueErrorKind.BadArgument, "0 ^ 0 is undefined.")
                : Value.Int(1);
        }

        if (x.IsZero || x.IsOne)
        {
            return Value.Int(x);
        }

        if (x == BigInteger.MinusOne)
        {
            return Value.Int(e.IsEven ? 1 : -1);
        }

        if (e > (mode == IntegerSemantics.Tlc32 ? 32 : 1_000_000))
        {
            throw Overflow($"{a}^{b}");
        }

        return Big(BigInteger.Pow(x, (int)e), mode, a, "^", b);
    }

    /// <summary>Compares two integers (<c>&lt;</c>, <c>&lt;=</c>, ...), with TLC's error for non-integers.</summary>
    /// <param name="a">An integer.</param>
    /// <param name="b">An integer.</param>
    /// <param name="op">The operator, for the error message.</param>
    /// <returns>Negative, zero or positive.</returns>
    public static int CompareInts(Value a, Value b, string op)
    {
        if (a.TryGetInt64(out var x) && b.TryGetInt64(out var y))
        {
            return x.CompareTo(y);
        }

        return Operand(a, "first", op, an: true).CompareTo(Operand(b, "second", op, an: true));
    }

    private static BigInteger Operand(Value v, string position, string op, bool an = false) =>
        v.IsInt
            ? v.AsBigInteger
            : throw new ValueException(ValueErrorKind.TypeMismatch, $"The {position} argument of {op} should be {(an ? "an" : "a")} integer, but instead it is:\n{v}");

    private static Value Big(BigInteger r, IntegerSemantics mode, Value a, string op, Value b) =>
        mode == IntegerSemantics.Tlc32 && (r > int.MaxValue || r < int.MinValue)
            ? throw Overflow($"{a}{op}{b}")
            : Value.Int(r);

    private static ValueException Overflow(string what) =>
        new(ValueErrorKind.Overflow, $"Overflow when computing {what}");
}
