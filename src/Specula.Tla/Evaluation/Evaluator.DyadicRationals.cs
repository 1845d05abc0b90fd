using System.Collections.Immutable;
using System.Globalization;
using Specula.Tla.Semantics;
using Specula.Tla.Syntax;
using Specula.Tla.Values;

namespace Specula.Tla.Evaluation;

/// <summary>
/// The community module DyadicRationals: fractions num/den with den a power of two, as records
/// <c>[num |-&gt; n, den |-&gt; d]</c>, reduced by the greatest common divisor as TLC's override of Reduce does
/// (so the sum of a half and a half is One, and Zero stays [num |-&gt; 0, den |-&gt; 1]).
/// </summary>
internal sealed partial class Evaluator
{
    private Value DyadicRationals(Symbol symbol, SyntaxNode at, ImmutableArray<Expr> args, Env env, StatePair st, bool primed)
    {
        switch (symbol.Name)
        {
            case "Zero":
                return Rational(0, 1);
            case "One":
                return Rational(1, 1);
            case "IsDyadicRational":
            {
                // \E i \in 0..r.den : 2^i = r.den
                var den = RationalPart(EvalCore(args[0], env, st, primed), "den", at, symbol.Name);
                return Value.Bool(den > 0 && (den & (den - 1)) == 0);
            }
            case "Add":
            {
                var p = EvalCore(args[0], env, st, primed);
                var q = EvalCore(args[1], env, st, primed);
                if (ValueOps.TlcEquals(p, Rational(0, 1)))
                {
                    return q;
                }
                var (pn, pd) = (RationalPart(p, "num", at, symbol.Name), RationalPart(p, "den", at, symbol.Name));
                var (qn, qd) = (RationalPart(q, "num", at, symbol.Name), RationalPart(q, "den", at, symbol.Name));
                // The larger denominator is a common multiple of two powers of two (the module's shortcut).
                var lcn = Math.Max(pd, qd);
                return Reduced(checked((qn * (lcn / qd)) + (pn * (lcn / pd))), lcn);
            }
            case "Half":
            {
                var p = EvalCore(args[0], env, st, primed);
                return Reduced(RationalPart(p, "num", at, symbol.Name), checked(RationalPart(p, "den", at, symbol.Name) * 2));
            }
            case "PrettyPrint":
            {
                var p = EvalCore(args[0], env, st, primed);
                if (ValueOps.TlcEquals(p, Rational(0, 1)))
                {
                    return _spec.Strings.Str("0");
                }
                if (ValueOps.TlcEquals(p, Rational(1, 1)))
                {
                    return _spec.Strings.Str("1");
                }
                var num = RationalPart(p, "num", at, symbol.Name);
                var den = RationalPart(p, "den", at, symbol.Name);
                return _spec.Strings.Str(string.Create(CultureInfo.InvariantCulture, $"{num}/{den}"));
            }
        }
        return Unsupported(symbol, at);
    }

    private Value Rational(long num, long den) =>
        FunctionValue.Record((_spec.Strings.Intern("num"), Value.Int(num)), (_spec.Strings.Intern("den"), Value.Int(den))).AsValue;

    /// <summary>num/den divided by their greatest common divisor (TLC's override: Java's gcd, so 0/d is 0/1).</summary>
    private Value Reduced(long num, long den)
    {
        var gcd = (long)System.Numerics.BigInteger.GreatestCommonDivisor(num, den);
        return gcd is 0 or 1 ? Rational(num, den) : Rational(num / gcd, den / gcd);
    }

    private long RationalPart(Value r, string field, SyntaxNode at, string op)
    {
        var name = _spec.Strings.Intern(field);
        if (!r.IsFunction || r.AsFunction.IndexOfKey(Value.String(name)) < 0)
        {
            throw Error(at, $"The argument of {op} should be a dyadic rational [num |-> n, den |-> d], but instead it is:\n{r}");
        }
        return IntArg(r.AsFunction.Select(name), at, op, "first");
    }
}
