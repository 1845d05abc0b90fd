using System.Collections.Immutable;

namespace Specula.Synthesis.Mining;

/// <summary>How names print in the spec: variables, the acting node's parameter, arguments.</summary>
internal sealed class Naming(IReadOnlyList<string> variables, IReadOnlyDictionary<string, string> parameters, string node)
{
    public string Variable(int v) => variables[v];

    public string Parameter(string arg) => parameters[arg];

    public string Node => node;
}

/// <summary>A term of the effect grammar, evaluated on an observed step (its pre-state, node and arguments).</summary>
internal abstract record Term(int Size)
{
    public abstract SValue? Eval(Transition t);

    /// <summary>Whether the term allows <paramref name="post"/> after step <paramref name="t"/>.</summary>
    public virtual bool Fits(Transition t, SValue post) => Eval(t) is { } v && v.Equals(post);

    /// <summary>Whether the term stands for a set of values (rendered as a set, taken nondeterministically).</summary>
    public virtual bool IsSet => false;

    public abstract string Render(Naming names);

    /// <summary>The arguments the term reads (they become the action's parameters).</summary>
    public virtual IEnumerable<string> Args => [];
}

internal sealed record VarTerm(int Variable, string Name) : Term(1)
{
    public override SValue? Eval(Transition t) => t.Pre[t.Node][Variable];

    public override string Render(Naming names) => $"{names.Variable(Variable)}[{names.Node}]";
}

internal sealed record ConstTerm(SValue Value) : Term(1)
{
    public override SValue? Eval(Transition t) => Value;

    public override string Render(Naming names) => Value.Text;
}

internal sealed record SelfTerm() : Term(1)
{
    public override SValue? Eval(Transition t) => SValue.Node(t.NodeName);

    public override string Render(Naming names) => names.Node;
}

internal sealed record ArgTerm(string Arg) : Term(2)
{
    public override SValue? Eval(Transition t) => t.Args.GetValueOrDefault(Arg);

    public override string Render(Naming names) => names.Parameter(Arg);

    public override IEnumerable<string> Args => [Arg];
}

internal sealed record PlusTerm(Term Inner, int Delta) : Term(Inner.Size + 1)
{
    public override SValue? Eval(Transition t) => Inner.Eval(t) is { Kind: SKind.Int } v ? SValue.Int(v.Number + Delta) : null;

    public override string Render(Naming names) => Delta >= 0 ? $"{Inner.Render(names)} + {Delta}" : $"{Inner.Render(names)} - {-Delta}";

    public override IEnumerable<string> Args => Inner.Args;
}

internal sealed record MaxTerm(Term Left, Term Right) : Term(Left.Size + Right.Size + 1)
{
    public override SValue? Eval(Transition t) =>
        Left.Eval(t) is { Kind: SKind.Int } l && Right.Eval(t) is { Kind: SKind.Int } r ? (l.Number >= r.Number ? l : r) : null;

    public override string Render(Naming names) => $"Max2({Left.Render(names)}, {Right.Render(names)})";

    public override IEnumerable<string> Args => Left.Args.Concat(Right.Args);
}

internal sealed record AppendTerm(Term Sequence, Term Item) : Term(Sequence.Size + Item.Size + 1)
{
    public override SValue? Eval(Transition t) =>
        Sequence.Eval(t) is { Kind: SKind.Seq } s && Item.Eval(t) is { } x ? SValue.Seq(s.Items.Add(x)) : null;

    public override string Render(Naming names) => $"Append({Sequence.Render(names)}, {Item.Render(names)})";

    public override IEnumerable<string> Args => Sequence.Args.Concat(Item.Args);
}

/// <summary>
/// A set kept as a sequence whose order the spec cannot know (model values have none): the item inserted at any
/// position. Covers "set add" for fields the system logs as lists.
/// </summary>
internal sealed record InsertTerm(Term Sequence, Term Item) : Term(Sequence.Size + Item.Size + 2)
{
    public override SValue? Eval(Transition t) => null;

    public override bool Fits(Transition t, SValue post)
    {
        if (Sequence.Eval(t) is not { Kind: SKind.Seq } s || Item.Eval(t) is not { } x || post.Kind != SKind.Seq || post.Items.Length != s.Items.Length + 1)
        {
            return false;
        }
        for (var i = 0; i <= s.Items.Length; i++)
        {
            if (s.Items.Insert(i, x).SequenceEqual(post.Items))
            {
                return true;
            }
        }
        return false;
    }

    public override bool IsSet => true;

    public override string Render(Naming names) => $"Insertions({Sequence.Render(names)}, {Item.Render(names)})";

    public override IEnumerable<string> Args => Sequence.Args.Concat(Item.Args);
}

/// <summary>
/// A sequence copied from another node: the first <c>Length</c> items of some other node's <c>Variable</c> (a log
/// catching up with a peer's, truncated where they part). A set of values: whichever node it was copied from.
/// </summary>
internal sealed record PeerPrefixTerm(int Variable, Term Length) : Term(Length.Size + 3)
{
    public override SValue? Eval(Transition t) => null;

    public override bool Fits(Transition t, SValue post)
    {
        if (Length.Eval(t) is not { Kind: SKind.Int } k || post.Kind != SKind.Seq || post.Items.Length != k.Number)
        {
            return false;
        }
        for (var m = 0; m < t.Pre.Length; m++)
        {
            if (m != t.Node && t.Pre[m][Variable] is { Kind: SKind.Seq } peer && peer.Items.Length >= post.Items.Length
                && peer.Items.Take(post.Items.Length).SequenceEqual(post.Items))
            {
                return true;
            }
        }
        return false;
    }

    public override bool IsSet => true;

    public override string Render(Naming names)
    {
        var v = names.Variable(Variable);
        var k = Length.Render(names);
        return $"{{SubSeq({v}[m], 1, {k}) : m \\in {{x \\in Node \\ {{{names.Node}}} : Len({v}[x]) >= {k}}}}}";
    }

    public override IEnumerable<string> Args => Length.Args;
}

/// <summary>A condition on an observed step: a guard conjunct or a case split of an effect.</summary>
internal abstract record Pred(int Size)
{
    /// <summary>Its truth on the step; false when undefined there (a missing argument, mixed kinds).</summary>
    public abstract bool Eval(Transition t);

    /// <summary>The values the condition reads at a step. Steps of one trace that show the same values (a burst of
    /// messages between two state changes) are one observation of the condition, not many.</summary>
    public abstract string Witness(Transition t);

    public abstract string Render(Naming names);

    public virtual IEnumerable<string> Args => [];

    /// <summary>Whether it reads the state only (no argument): then its frequency over all steps is known.</summary>
    public bool StateOnly => !Args.Any();
}

internal enum Cmp
{
    Eq,
    Lt,
    Le,
}

internal sealed record CmpPred(Term Left, Cmp Op, Term Right) : Pred(Left.Size + Right.Size)
{
    public override bool Eval(Transition t)
    {
        if (Left.Eval(t) is not { } l || Right.Eval(t) is not { } r)
        {
            return false;
        }
        return Op switch
        {
            Cmp.Eq => l.Equals(r),
            Cmp.Lt => l.Kind == SKind.Int && r.Kind == SKind.Int && l.Number < r.Number,
            _ => l.Kind == SKind.Int && r.Kind == SKind.Int && l.Number <= r.Number,
        };
    }

    public override string Witness(Transition t) => $"{Left.Eval(t)?.Text}|{Right.Eval(t)?.Text}";

    public override string Render(Naming names) => $"{Left.Render(names)} {Op switch { Cmp.Eq => "=", Cmp.Lt => "<", _ => "<=" }} {Right.Render(names)}";

    public override IEnumerable<string> Args => Left.Args.Concat(Right.Args);
}

internal sealed record NotPred(Pred Inner) : Pred(Inner.Size + 1)
{
    public override bool Eval(Transition t) => !Inner.Eval(t);

    public override string Witness(Transition t) => Inner.Witness(t);

    public override string Render(Naming names) => Inner is CmpPred { Op: Cmp.Eq } c
        ? $"{c.Left.Render(names)} # {c.Right.Render(names)}"
        : $"~({Inner.Render(names)})";

    public override IEnumerable<string> Args => Inner.Args;
}

/// <summary>A guard conjunct that holds only when an argument has one value: <c>type = "MsgApp" => role[n] = "Leader"</c>.</summary>
internal sealed record ImpliesPred(Pred When, Pred Then) : Pred(When.Size + Then.Size)
{
    public override bool Eval(Transition t) => !When.Eval(t) || Then.Eval(t);

    public override string Witness(Transition t) => $"{When.Witness(t)};{Then.Witness(t)}";

    public override string Render(Naming names) => $"{When.Render(names)} => {Then.Render(names)}";

    public override IEnumerable<string> Args => When.Args.Concat(Then.Args);
}

/// <summary>A majority of nodes point at the acting node in <c>Variable</c> (in the same <c>Same</c>, when given): a quorum.</summary>
internal sealed record MajorityPred(int Variable, int? Same) : Pred(4)
{
    public override bool Eval(Transition t)
    {
        var self = t.NodeName;
        var count = 0;
        for (var m = 0; m < t.Pre.Length; m++)
        {
            if (t.Pre[m][Variable] is { Kind: SKind.Node } v && v.Text == self && (Same is not { } s || t.Pre[m][s].Equals(t.Pre[t.Node][s])))
            {
                count++;
            }
        }
        return count * 2 > t.Pre.Length;
    }

    public override string Witness(Transition t) => string.Concat(Enumerable.Range(0, t.Pre.Length).Select(m =>
        t.Pre[m][Variable] is { Kind: SKind.Node } v && v.Text == t.NodeName && (Same is not { } s || t.Pre[m][s].Equals(t.Pre[t.Node][s])) ? '1' : '0'));

    public override string Render(Naming names)
    {
        var same = Same is { } s ? $" /\\ {names.Variable(s)}[m] = {names.Variable(s)}[{names.Node}]" : "";
        return $"Majority({{m \\in Node : {names.Variable(Variable)}[m] = {names.Node}{same}}})";
    }
}

/// <summary>The items of the acting node's sequence <c>Variable</c> are a majority of the nodes: a quorum (votes granted, acks).</summary>
internal sealed record QuorumPred(int Variable) : Pred(3)
{
    public override bool Eval(Transition t)
    {
        if (t.Pre[t.Node][Variable] is not { Kind: SKind.Seq } s)
        {
            return false;
        }
        var distinct = s.Items.Where(i => i.Kind == SKind.Node).Select(i => i.Text).Distinct(StringComparer.Ordinal).Count();
        return distinct * 2 > t.Pre.Length;
    }

    public override string Witness(Transition t) => t.Pre[t.Node][Variable] is { Kind: SKind.Seq } s
        ? string.Join(",", s.Items.Where(i => i.Kind == SKind.Node).Select(i => i.Text).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        : "";

    public override string Render(Naming names) => $"Majority(Range({names.Variable(Variable)}[{names.Node}]) \\cap Node)";
}

/// <summary>Both conditions: the premise of a guard conjunct that holds for one kind of step (<c>type = "MsgVoteResp" /\ reject = FALSE</c>).</summary>
internal sealed record AndPred(Pred Left, Pred Right) : Pred(Left.Size + Right.Size)
{
    public override bool Eval(Transition t) => Left.Eval(t) && Right.Eval(t);

    public override string Witness(Transition t) => $"{Left.Witness(t)};{Right.Witness(t)}";

    public override string Render(Naming names) => $"{Left.Render(names)} /\\ {Right.Render(names)}";

    public override IEnumerable<string> Args => Left.Args.Concat(Right.Args);
}

/// <summary>An update of one variable at the acting node: a term, a case split, or a choice among terms.</summary>
internal abstract record Effect
{
    public abstract bool Deterministic { get; }

    public abstract IEnumerable<string> Args { get; }

    public abstract int Size { get; }
}

internal sealed record LeafEffect(Term Term) : Effect
{
    public override bool Deterministic => !Term.IsSet;

    public override IEnumerable<string> Args => Term.Args;

    public override int Size => Term.Size;
}

internal sealed record IfEffect(Pred Condition, Effect Then, Effect Else) : Effect
{
    public override bool Deterministic => Then.Deterministic && Else.Deterministic;

    public override IEnumerable<string> Args => Condition.Args.Concat(Then.Args).Concat(Else.Args);

    public override int Size => Condition.Size + Then.Size + Else.Size;
}

/// <summary>The observed steps need more than one term and no condition of the grammar tells them apart: any of these.</summary>
internal sealed record ChoiceEffect(ImmutableArray<Term> Terms) : Effect
{
    public override bool Deterministic => false;

    public bool Equals(ChoiceEffect? other) => other is not null && Terms.SequenceEqual(other.Terms);

    public override int GetHashCode() => Terms.Aggregate(0, (h, t) => HashCode.Combine(h, t));

    public override IEnumerable<string> Args => Terms.SelectMany(t => t.Args);

    public override int Size => Terms.Sum(t => t.Size) + 2;
}

/// <summary>No term explains the steps: any value of the variable's domain.</summary>
internal sealed record AnyEffect() : Effect
{
    public override bool Deterministic => false;

    public override IEnumerable<string> Args => [];

    public override int Size => 10;
}
