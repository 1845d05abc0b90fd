using Specula.Tla.Values;

namespace Specula.Tla.Tests.Values;

/// <summary>Applying a function with a few keys: by handle for atoms, structurally for everything else.</summary>
public sealed class FunctionKeyLookupTests : ValueTestBase
{
    [Fact]
    public void Model_value_integer_and_boolean_keys_are_found_and_others_are_not()
    {
        var processes = Fcn((Mv("r1"), I(10)), (Mv("r2"), I(20)), (Mv("r3"), I(30))).AsFunction;
        var numbers = Fcn((I(-3), I(1)), (I(7), I(2)), (I(1L << 40), I(3))).AsFunction;
        var flags = Fcn((B(true), I(1))).AsFunction;

        Assert.Equal(I(20), processes.Apply(Mv("r2")));
        Assert.False(processes.TryApply(Mv("r4"), out _));
        Assert.Equal(I(1), numbers.Apply(I(-3)));
        Assert.Equal(I(3), numbers.Apply(I(1L << 40)));
        Assert.False(numbers.TryApply(I(3), out _));
        Assert.Equal(I(1), flags.Apply(B(true)));
        Assert.False(flags.TryApply(B(false), out _));
    }

    [Fact]
    public void Keys_built_separately_but_equal_are_found_structurally()
    {
        var records = Fcn((Rec(("type", S("req")), ("clock", I(1))), I(1)), (Rec(("type", S("ack")), ("clock", I(1))), I(2))).AsFunction;
        var sets = Fcn((Set(I(1), I(2)), I(1)), (Set(), I(2))).AsFunction;
        var tuples = Fcn((Tup(S("x")), I(1)), (Tup(S("y")), I(2))).AsFunction;
        var other = new StringTable();

        Assert.Equal(I(1), records.Apply(Rec(("clock", I(1)), ("type", S("req")))));
        Assert.Equal(I(1), sets.Apply(Set(I(2), I(1))));
        Assert.False(sets.TryApply(Set(I(1)), out _));
        // A string of another table is the same string.
        Assert.Equal(I(1), tuples.Apply(Tup(other.Str("x"))));
        Assert.False(tuples.TryApply(Tup(other.Str("z")), out _));
    }
}
