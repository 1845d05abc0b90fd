using Specula.Tla.Values;

namespace Specula.Tla.Tests.Values;

/// <summary>Builders for values, each test class with its own string table.</summary>
public abstract class ValueTestBase
{
    protected StringTable Strings { get; } = new();

    protected static Value I(long n) => Value.Int(n);

    protected static Value B(bool b) => Value.Bool(b);

    protected Value S(string s) => Strings.Str(s);

    protected Value Mv(string name) => Value.Model(Strings.ModelValue(name));

    protected static Value Set(params Value[] elems) => ValueOps.Set(elems);

    protected static Value Tup(params Value[] elems) => ValueOps.Tuple(elems);

    protected static Value Range(long lo, long hi) => ValueOps.Interval(lo, hi);

    protected Value Rec(params (string Name, Value Value)[] fields) =>
        Value.Of(FunctionValue.Record([.. fields.Select(f => (Strings.Intern(f.Name), f.Value))]));

    protected static Value Fcn(params (Value Key, Value Value)[] pairs) =>
        Value.Of(FunctionValue.FromPairs([.. pairs.Select(p => p.Key)], [.. pairs.Select(p => p.Value)]));

    protected static string P(Value v) => v.ToString();

    protected static ValueException Fails(Func<object> f) => Assert.Throws<ValueException>(f);
}
