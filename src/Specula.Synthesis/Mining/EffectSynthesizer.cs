using System.Collections.Immutable;

namespace Specula.Synthesis.Mining;

/// <summary>
/// Finds, for one variable of one action, the smallest update consistent with every observed step: a single term of
/// the grammar when one fits, else a case split on a condition (EUSolver-style, two levels at most), else a choice
/// among the fewest terms that cover the steps, else any value of the domain.
/// </summary>
internal static class EffectSynthesizer
{
    private const int MaxDepth = 3;

    /// <summary>Steps a term of a choice must explain on its own to be kept in it.</summary>
    private const int MinEvidence = 3;

    public static Effect Synthesize(IReadOnlyList<Transition> examples, int variable, IReadOnlyList<Term> terms, IReadOnlyList<Pred> conditions)
    {
        if (examples.Count == 0)
        {
            return new LeafEffect(terms[0]);
        }
        var fits = terms.Select(term =>
        {
            var b = new Bits(examples.Count);
            for (var i = 0; i < examples.Count; i++)
            {
                if (term.Fits(examples[i], examples[i].Post[variable]))
                {
                    b.Set(i);
                }
            }
            return b;
        }).ToArray();
        var truths = conditions.Select(p =>
        {
            var b = new Bits(examples.Count);
            for (var i = 0; i < examples.Count; i++)
            {
                if (p.Eval(examples[i]))
                {
                    b.Set(i);
                }
            }
            return b;
        }).ToArray();
        var scalar = examples.All(e => e.Post[variable].Kind is SKind.Int or SKind.Str or SKind.Node or SKind.Bool);
        return Solve(Bits.All(examples.Count), 0, terms, fits, conditions, truths, scalar);
    }

    private static int FirstCover(Bits mask, Bits[] fits)
    {
        for (var t = 0; t < fits.Length; t++)
        {
            if (mask.SubsetOf(fits[t]))
            {
                return t;
            }
        }
        return -1;
    }

    private static Effect Solve(Bits mask, int depth, IReadOnlyList<Term> terms, Bits[] fits, IReadOnlyList<Pred> conditions, Bits[] truths, bool scalar)
    {
        if (FirstCover(mask, fits) is var single and >= 0)
        {
            return new LeafEffect(terms[single]);
        }
        if (depth < MaxDepth)
        {
            // A split whose both sides are single terms, the smallest in all.
            (int Pred, int Then, int Else, int Size)? best = null;
            var bestPartial = (Pred: -1, Score: -1);
            for (var p = 0; p < conditions.Count; p++)
            {
                var yes = mask.And(truths[p]);
                var no = mask.AndNot(truths[p]);
                if (yes.IsEmpty || no.IsEmpty)
                {
                    continue;
                }
                var t = FirstCover(yes, fits);
                var e = FirstCover(no, fits);
                if (t >= 0 && e >= 0)
                {
                    var size = conditions[p].Size + terms[t].Size + terms[e].Size;
                    if (best is null || size < best.Value.Size)
                    {
                        best = (p, t, e, size);
                    }
                    continue;
                }
                if (best is null)
                {
                    var score = fits.Max(f => yes.CountAnd(f)) + fits.Max(f => no.CountAnd(f));
                    if (score > bestPartial.Score)
                    {
                        bestPartial = (p, score);
                    }
                }
            }
            if (best is { } b)
            {
                return new IfEffect(conditions[b.Pred], new LeafEffect(terms[b.Then]), new LeafEffect(terms[b.Else]));
            }
            if (bestPartial.Pred >= 0)
            {
                var p = bestPartial.Pred;
                return new IfEffect(conditions[p],
                    Solve(mask.And(truths[p]), depth + 1, terms, fits, conditions, truths, scalar),
                    Solve(mask.AndNot(truths[p]), depth + 1, terms, fits, conditions, truths, scalar));
            }
        }
        // Greedy cover: the term that explains most of what is left, until all is explained. A term only a step or two
        // needs is a guess that rarely generalizes: a scalar then takes any value of its domain instead.
        var left = mask;
        var chosen = new List<int>();
        while (!left.IsEmpty)
        {
            var pick = -1;
            var most = 0;
            for (var t = 0; t < fits.Length; t++)
            {
                var c = left.CountAnd(fits[t]);
                if (c > most)
                {
                    (pick, most) = (t, c);
                }
            }
            if (pick < 0 || chosen.Count >= 4 || (scalar && most < MinEvidence))
            {
                return new AnyEffect();
            }
            chosen.Add(pick);
            left = left.AndNot(fits[pick]);
        }
        return new ChoiceEffect([.. chosen.Order().Select(t => terms[t])]);
    }
}
