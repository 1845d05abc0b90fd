using Specula.Tla.Values;

namespace Specula.Tla.Tests.Values;

public sealed class OperationTests : ValueTestBase
{
    [Fact]
    public void UnionIntersectionDifference()
    {
        var a = Set(I(1), I(2), I(3));
        var b = Range(3, 5);
        Assert.Equal("{1, 2, 3, 4, 5}", P(ValueOps.Union(a, b)));
        Assert.Equal("{3}", P(ValueOps.Intersect(a, b)));
        Assert.Equal("{1, 2}", P(ValueOps.Difference(a, b)));
        Assert.Equal("{1, 2, 3}", P(ValueOps.Intersect(a, Value.Of(InfiniteSetValue.Nat))));
        Assert.Equal("{1, 2, 3}", P(ValueOps.Intersect(Value.Of(InfiniteSetValue.Int), a)));
        Assert.Equal("{}", P(ValueOps.Difference(a, Value.Of(InfiniteSetValue.Nat))));
        Assert.Same(a.Heap, ValueOps.Union(a, Set()).Heap);
        Assert.Same(a.Heap, ValueOps.Union(a, Set(I(2))).Heap);
        Assert.Same(a.Heap, ValueOps.Difference(a, Set(I(7))).Heap);
        Assert.Equal("{m, 1}", P(ValueOps.Union(Set(I(1)), Set(Mv("m")))));
        Assert.Equal(ValueErrorKind.Incomparable, Fails(() => ValueOps.Union(Set(I(1)), Set(S("a")))).ErrorKind);
    }

    [Fact]
    public void SubsetAndBigUnion()
    {
        Assert.True(ValueOps.IsSubset(Set(), Set()));
        Assert.True(ValueOps.IsSubset(Set(I(2)), Range(1, 3)));
        Assert.True(ValueOps.IsSubset(Range(2, 3), Range(1, 3)));
        Assert.False(ValueOps.IsSubset(Range(0, 3), Range(1, 3)));
        Assert.True(ValueOps.IsSubset(Range(5, 4), Range(1, 3)));
        Assert.False(ValueOps.IsSubset(Set(I(4)), Range(1, 3)));
        Assert.Equal("{1, 2, 3, 5}", P(ValueOps.BigUnion(Set(Set(I(1), I(2)), Range(2, 3), Set(I(5)), Set()))));
        Assert.Equal("{}", P(ValueOps.BigUnion(Set())));
    }

    [Fact]
    public void MembershipInEnumeratedSets()
    {
        var s = Set(Tup(I(1)), Tup(I(2), I(3)), Set());
        Assert.True(s.ToSetValue().IsNormalized == false || true);
        var t = Set(Tup(I(1)), Tup(I(2), I(3)));
        Assert.True(ValueOps.Contains(t, Fcn((I(1), I(1)))));
        Assert.False(ValueOps.Contains(t, Tup(I(2))));
        Assert.Equal(ValueErrorKind.Incomparable, Fails(() => ValueOps.Contains(Set(I(1)), S("a"))).ErrorKind);
        Assert.False(ValueOps.Contains(Set(), S("a")));
        Assert.Equal(ValueErrorKind.TypeMismatch, Fails(() => ValueOps.Contains(I(1), I(1))).ErrorKind);
        var big = ValueOps.Set([.. Enumerable.Range(0, 1000).Select(i => I(i * 2))]);
        Assert.True(ValueOps.Contains(big, I(998)));
        Assert.False(ValueOps.Contains(big, I(999)));
        Assert.Equal(499, big.ToSetValue().IndexOf(I(998)));
    }

    [Fact]
    public void FunctionApplicationAndExcept()
    {
        var f = Fcn((S("x"), I(1)), (S("y"), I(2)));
        Assert.Equal(I(2), f.AsFunction.Apply(S("y")));
        Assert.Equal(I(1), f.AsFunction.Select(Strings.Intern("x")));
        var e = Fails(() => f.AsFunction.Apply(S("z")));
        Assert.Equal(ValueErrorKind.NotInDomain, e.ErrorKind);
        Assert.Equal("Attempted to apply function:\n[x |-> 1, y |-> 2]\nto argument \"z\", which is not in the domain of the function.", e.Message);
        Assert.Equal("Attempted to access nonexistent field 'z' of record\n[x |-> 1, y |-> 2]", Fails(() => f.AsFunction.Select(Strings.Intern("z"))).Message);
        Assert.Equal(ValueErrorKind.NotInDomain, Fails(() => f.AsFunction.Apply(I(1))).ErrorKind);
        var g = f.AsFunction.Except(S("x"), I(9));
        Assert.Equal("[x |-> 9, y |-> 2]", g.ToString());
        Assert.Equal("[x |-> 1, y |-> 2]", P(f));
        Assert.Same(f.AsFunction, f.AsFunction.Except(S("nope"), I(0)));
        Assert.Equal("{\"x\", \"y\"}", P(f.AsFunction.Domain.AsValue));
        var t = Tup(I(10), I(20), I(30));
        Assert.Equal(I(20), t.AsFunction.Apply(I(2)));
        Assert.False(t.AsFunction.TryApply(I(0), out _));
        Assert.False(t.AsFunction.TryApply(I(4), out _));
        Assert.False(t.AsFunction.TryApply(S("a"), out _));
        Assert.Equal("1..3", P(t.AsFunction.Domain.AsValue));
        Assert.Equal("<<10, 0, 30>>", t.AsFunction.Except(I(2), I(0)).ToString());
        Assert.Equal("<<10, 20, 30>>", P(t));
        Assert.Equal("<<10, 20, 5>>", t.AsFunction.WithValueAt(2, I(5)).ToString());
    }

    [Fact]
    public void GeneralFunctionsWithManyKeys()
    {
        var keys = Enumerable.Range(0, 50).Select(i => Set(I(i))).ToArray();
        var vals = Enumerable.Range(0, 50).Select(i => I(i * i)).ToArray();
        var f = FunctionValue.FromPairs(keys.Reverse().ToArray(), vals.Reverse().ToArray());
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(I(i * i), f.Apply(Set(I(i))));
        }

        Assert.False(f.TryApply(I(3), out _));
        Assert.False(f.TryApply(Set(I(51)), out _));
        Assert.Throws<ArgumentException>(() => FunctionValue.FromPairs([I(1), I(1)], [I(1), I(2)]));
        Assert.Throws<ArgumentException>(() => FunctionValue.FromPairs([I(1)], [I(1), I(2)]));
    }

    [Fact]
    public void FromDomainBuildsInDomainOrder()
    {
        _ = S("b");
        var dom = Set(S("a"), S("b"));
        var f = FunctionValue.FromDomain(dom.AsSet, [I(1), I(2)]);
        Assert.Equal("[b |-> 1, a |-> 2]", f.ToString());
        Assert.Equal("<<7, 8>>", FunctionValue.FromDomain(new IntervalValue(1, 2), [I(7), I(8)]).ToString());
        Assert.True(FunctionValue.FromDomain(Range(1, 2).AsSet, [I(7), I(8)]).IsTuple);
        Assert.Throws<ArgumentException>(() => FunctionValue.FromDomain(new IntervalValue(1, 2), [I(7)]));
    }

    [Fact]
    public void SequenceOperators()
    {
        var s = Tup(I(1), I(2), I(3));
        Assert.Equal(3, ValueOps.Len(s));
        Assert.Equal(0, ValueOps.Len(Tup()));
        Assert.Equal(2, ValueOps.Len(S("ab")));
        Assert.Equal("<<1, 2, 3, 4>>", P(ValueOps.Append(s, I(4))));
        Assert.Equal(I(1), ValueOps.Head(s));
        Assert.Equal("<<2, 3>>", P(ValueOps.Tail(s)));
        Assert.Equal("<<>>", P(ValueOps.Tail(Tup(I(1)))));
        Assert.Equal("<<1, 2, 3, 1, 2, 3>>", P(ValueOps.Concat(s, s)));
        Assert.Equal("<<1, 2, 3>>", P(ValueOps.Concat(Tup(), s)));
        Assert.Equal("\"abcd\"", P(ValueOps.Concat(Strings, S("ab"), S("cd"))));
        Assert.Equal("<<2, 3>>", P(ValueOps.SubSeq(s, 2, 3)));
        Assert.Equal("<<>>", P(ValueOps.SubSeq(s, 3, 2)));
        Assert.Equal(ValueErrorKind.BadArgument, Fails(() => ValueOps.SubSeq(s, 0, 2)).ErrorKind);
        Assert.Equal(ValueErrorKind.BadArgument, Fails(() => ValueOps.SubSeq(s, 2, 4)).ErrorKind);
        Assert.Equal("Attempted to apply Head to the empty sequence.", Fails(() => ValueOps.Head(Tup())).Message);
        Assert.Equal("Attempted to apply Tail to the empty sequence.", Fails(() => ValueOps.Tail(Tup())).Message);
        Assert.Equal("The argument of Len should be a sequence, but instead it is:\n{}", Fails(() => ValueOps.Len(Set())).Message);
        Assert.Equal(ValueErrorKind.TypeMismatch, Fails(() => ValueOps.Append(Rec(("a", I(1))), I(1))).ErrorKind);
        Assert.Equal(ValueErrorKind.TypeMismatch, Fails(() => ValueOps.Head(Fcn((I(0), I(1))))).ErrorKind);
        // A function on 1..n built any way is a sequence.
        Assert.Equal("<<5, 6, 7>>", P(ValueOps.Append(Fcn((I(2), I(6)), (I(1), I(5))), I(7))));
    }

    [Fact]
    public void ColonGreaterAndDoubleAt()
    {
        var f = ValueOps.SingletonFunction(I(1), S("x"));
        var g = ValueOps.MergeFunctions(f, Fcn((I(1), S("lost")), (I(2), S("y"))));
        Assert.Equal("<<\"x\", \"y\">>", P(g));
        Assert.Equal("(1 :> \"x\" @@ 3 :> \"z\")", P(ValueOps.MergeFunctions(f, ValueOps.SingletonFunction(I(3), S("z")))));
        Assert.Equal(f, ValueOps.MergeFunctions(f, Tup()));
    }

    [Fact]
    public void AccessorsRejectWrongKinds()
    {
        Assert.Equal(ValueErrorKind.TypeMismatch, Fails(() => S("a").AsInt64).ErrorKind);
        Assert.Equal(ValueErrorKind.TypeMismatch, Fails(() => I(1).AsBool).ErrorKind);
        Assert.Equal(ValueErrorKind.TypeMismatch, Fails(() => I(1).AsSet).ErrorKind);
        Assert.Equal(ValueErrorKind.TypeMismatch, Fails(() => I(1).AsFunction).ErrorKind);
        Assert.Equal(ValueErrorKind.TypeMismatch, Fails(() => I(1).AsString).ErrorKind);
        Assert.Equal(ValueErrorKind.TypeMismatch, Fails(() => I(1).AsModelValue).ErrorKind);
        Assert.Equal(ValueKind.Int, default(Value).Kind);
        Assert.Equal(ValueKind.Bool, Value.True.Kind);
        Assert.True(Value.True.AsBool);
        Assert.False(Value.False.AsBool);
        Assert.Equal(ValueKind.Interval, Range(1, 2).Kind);
        Assert.Equal(ValueKind.Set, Set().Kind);
        Assert.Equal(ValueKind.Function, Tup().Kind);
        Assert.Equal(ValueKind.String, S("s").Kind);
        Assert.Equal(ValueKind.ModelValue, Mv("s").Kind);
        Assert.True(Value.Of(Strings.Intern("q")).IsString);
        Assert.True(I(3).TryGetInt64(out var n) && n == 3);
        Assert.False(S("x").TryGetInt64(out _));
    }
}

public sealed class RecordShapeTests : ValueTestBase
{
    [Fact]
    public void ShapesBuildNormalRecordsSharingKeys()
    {
        _ = S("src");
        var shape = new RecordShape(Strings.Intern("type"), Strings.Intern("src"));
        Assert.Equal(2, shape.Count);
        var r1 = shape.Create([S("req"), I(1)]);
        var r2 = shape.Create([S("ack"), I(2)]);
        Assert.Equal("[src |-> 1, type |-> \"req\"]", r1.ToString());
        Assert.Equal(Rec(("type", S("req")), ("src", I(1))), r1.AsValue);
        Assert.Same(r1.RawKeys, r2.RawKeys);
        Assert.Equal(I(2), r2.Select(Strings.Intern("src")));
        Assert.Throws<ArgumentException>(() => shape.Create([I(1)]));
        Assert.Throws<ArgumentException>(() => new RecordShape(Strings.Intern("a"), Strings.Intern("a")));
        var set = shape.CreateSet([Set(S("req")), Range(1, 2)]);
        Assert.Equal(2, set.Count);
        Assert.True(set.Contains(r1.AsValue));
        Assert.False(set.Contains(r2.AsValue));
    }
}
