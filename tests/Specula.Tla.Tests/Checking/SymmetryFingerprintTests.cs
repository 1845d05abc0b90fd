using Specula.Tla.Checking;
using Specula.Tla.Tests.Values;
using Specula.Tla.Values;

namespace Specula.Tla.Tests.Checking;

/// <summary>
/// <see cref="Symmetry.CanonicalFingerprint"/> names a state's orbit under the permutations without building images:
/// every image of a state has the same one, states of different orbits different ones.
/// </summary>
public sealed class SymmetryFingerprintTests : ValueTestBase
{
    private Symmetry AllPermutationsOf(params string[] names)
    {
        // The transpositions of the first element with each other one generate the whole group.
        var swaps = new List<Value>();
        for (var i = 1; i < names.Length; i++)
        {
            swaps.Add(Fcn((Mv(names[0]), Mv(names[i])), (Mv(names[i]), Mv(names[0]))));
        }
        return Symmetry.FromSet(Set([.. swaps]));
    }

    // A state over model values p, q, r: a set of messages (records), a function keyed by them, a sequence, a set of
    // sets, and a set of strings (one of them "p", not renamed), each model value renamed by `name`.
    private Value[] State(Func<string, Value> name) =>
    [
        Set(Rec(("from", name("p")), ("to", name("q")), ("v", I(1))), Rec(("from", name("q")), ("to", name("r")), ("v", I(0)))),
        Fcn((name("p"), I(2)), (name("q"), I(0)), (name("r"), Set(name("p")))),
        Tup(name("r"), name("r"), name("p")),
        Set(Set(name("q")), Set(name("p"), name("r")), Set()),
        Set(S("x"), S("p")),
    ];

    [Fact]
    public void Every_image_of_a_state_has_the_same_canonical_fingerprint()
    {
        var symmetry = AllPermutationsOf("p", "q", "r");
        Assert.Equal(5, symmetry.Count);
        string[][] images = [["p", "q", "r"], ["q", "p", "r"], ["r", "q", "p"], ["p", "r", "q"], ["q", "r", "p"], ["r", "p", "q"]];
        var fingerprints = images
            .Select(image => symmetry.CanonicalFingerprint(State(n => Mv(image["pqr".IndexOf(n, StringComparison.Ordinal)]))))
            .ToList();

        Assert.Single(fingerprints.Distinct());
        // The canonical fingerprint is that of one of the images, as the fingerprint of Canonical's image is.
        var ofImages = images
            .Select(image => ValueOps.Fingerprint(State(n => Mv(image["pqr".IndexOf(n, StringComparison.Ordinal)]))))
            .ToList();
        Assert.Contains(fingerprints[0], ofImages);
        Assert.Equal(6, ofImages.Distinct().Count());
    }

    [Fact]
    public void States_of_different_orbits_have_different_canonical_fingerprints()
    {
        var symmetry = AllPermutationsOf("p", "q", "r");
        var first = State(Mv);
        // Only the identity keeps the messages (p to q with 1, q to r with 0), and the log differs.
        var second = State(Mv);
        second[2] = Tup(Mv("p"), Mv("r"), Mv("r"));

        Assert.NotEqual(symmetry.CanonicalFingerprint(first), symmetry.CanonicalFingerprint(second));
    }

    [Fact]
    public void A_state_without_the_permuted_model_values_keeps_its_own_fingerprint()
    {
        var symmetry = AllPermutationsOf("p", "q");
        Value[] state = [Set(Mv("other"), I(3)), Rec(("a", S("p")))];

        Assert.Equal(ValueOps.Fingerprint(state), symmetry.CanonicalFingerprint(state));
    }
}
