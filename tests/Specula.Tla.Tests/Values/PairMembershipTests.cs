using Specula.Tla.Values;

namespace Specula.Tla.Tests.Values;

/// <summary>
/// <see cref="SetValue.ContainsPair"/> answers what <see cref="SetValue.Contains"/> answers for the tuple, errors
/// included, on sets of tuples, functions, records and model values.
/// </summary>
public sealed class PairMembershipTests : ValueTestBase
{
    // Edges of a DAG of <<node, round>> vertices (<<>> is the genesis), and pairs of integers beside functions whose
    // two-element domain is not 1..2.
    private SetValue Edges() => Set(
        Tup(Tup(Mv("n1"), I(1)), Tup()),
        Tup(Tup(Mv("n2"), I(2)), Tup(Mv("n1"), I(1))),
        Tup(Tup(Mv("n2"), I(2)), Tup(Mv("n3"), I(1))),
        Tup(I(1)),
        Tup(I(1), I(2), I(3))).ToSetValue();

    private static SetValue Pairs() => Set(
        Fcn((I(0), I(7)), (I(1), I(8))),
        Fcn((I(1), I(5)), (I(3), I(6))),
        Tup(I(4), I(5)),
        Tup(I(1))).ToSetValue();

    public static TheoryData<int, int> Candidates()
    {
        var data = new TheoryData<int, int>();
        for (var i = 0; i < 6; i++)
        {
            for (var j = 0; j < 6; j++)
            {
                data.Add(i, j);
            }
        }
        return data;
    }

    private Value Component(int i) => i switch
    {
        0 => Tup(Mv("n2"), I(2)),
        1 => Tup(Mv("n1"), I(1)),
        2 => Tup(),
        3 => I(4),
        4 => I(5),
        _ => I(7),
    };

    [Theory]
    [MemberData(nameof(Candidates))]
    public void A_pair_is_found_as_the_tuple_is(int first, int second)
    {
        AssertSame(Edges(), Component(first), Component(second));
        AssertSame(Pairs(), Component(first), Component(second));
    }

    private static void AssertSame(SetValue set, Value a, Value b)
    {
        bool? expected;
        try
        {
            expected = set.Contains(Tup(a, b));
        }
        catch (ValueException)
        {
            expected = null;
        }

        if (expected is { } found)
        {
            Assert.Equal(found, set.ContainsPair(a, b));
        }
        else
        {
            Assert.Equal(Fails(() => set.Contains(Tup(a, b))).Message, Fails(() => set.ContainsPair(a, b)).Message);
        }
    }

    [Fact]
    public void Pairs_of_the_set_are_found_and_others_not()
    {
        Assert.True(Edges().ContainsPair(Tup(Mv("n2"), I(2)), Tup(Mv("n1"), I(1))));
        Assert.True(Edges().ContainsPair(Tup(Mv("n1"), I(1)), Tup()));
        Assert.False(Edges().ContainsPair(Tup(Mv("n1"), I(1)), Tup(Mv("n2"), I(2))));
        Assert.True(Pairs().ContainsPair(I(4), I(5)));
        Assert.False(Pairs().ContainsPair(I(5), I(4)));
        // (0 :> 7 @@ 1 :> 8) is not <<7, 8>>, whose domain is 1..2.
        Assert.False(Pairs().ContainsPair(I(7), I(8)));
    }

    [Fact]
    public void Records_and_model_values_are_compared_with_the_pair_as_contains_does()
    {
        var records = Set(Rec(("a", I(1)), ("b", I(2))), Rec(("a", I(3)), ("b", I(4)))).ToSetValue();
        var message = Fails(() => records.Contains(Tup(I(1), I(2)))).Message;
        Assert.Equal(message, Fails(() => records.ContainsPair(I(1), I(2))).Message);

        var mixed = Set(Mv("m"), Tup(I(1), I(2))).ToSetValue();
        Assert.True(mixed.ContainsPair(I(1), I(2)));
        Assert.False(mixed.ContainsPair(I(2), I(1)));
    }
}
