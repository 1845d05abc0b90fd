using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Specula.Tla.Semantics;
using Specula.Tla.Syntax;
using Specula.Tla.Values;

namespace Specula.Tla.Evaluation;

/// <summary>
/// What TLC's <c>TLCGet</c> and TLCExt's <c>Trace</c> read from the model checker running an evaluation: statistics
/// and the behaviour leading to the state being explored.
/// </summary>
internal interface ICheckerView
{
    /// <summary>
    /// The value of <c>TLCGet(name)</c> for a checker statistic (<c>"level"</c>, <c>"diameter"</c>, <c>"distinct"</c>,
    /// <c>"generated"</c>, <c>"queue"</c>, <c>"stats"</c>, <c>"config"</c>, <c>"action"</c>, <c>"spec"</c>...),
    /// evaluated in <paramref name="state"/> (null for a constant expression); false when the checker has no such value.
    /// </summary>
    bool TryGetStatistic(string name, Value[]? state, out Value value);

    /// <summary>
    /// The behaviour from an initial state to <paramref name="state"/>, as TLCExt's <c>Trace</c> returns it: a sequence
    /// of records mapping variable names to values; null when the checker cannot tell.
    /// </summary>
    Value? Trace(Value[] state);
}

/// <summary>
/// The operators of TLC's and the community modules that are not in <see cref="EvalStandard"/>: TLC's random and
/// register operators, TLCExt, Randomization, Bags, BagsExt, Json, IOUtils, SequencesExt, FiniteSetsExt, Functions and
/// Folds, with the semantics of TLC's Java overrides where TLC has one and of the modules' TLA+ definitions otherwise.
/// </summary>
internal sealed partial class Evaluator
{
    private readonly object _randomLock = new();
    private readonly ConcurrentDictionary<Value, Value> _registers = new();
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private Random? _random;

    /// <summary>The seed of the random choices of RandomElement, RandomSubset and RandomSetOfSubsets (default 0).</summary>
    public int RandomSeed { get; init; }

    /// <summary>The model checker's statistics and traces, for TLCGet and Trace; null outside a model-checking run.</summary>
    public ICheckerView? Checker { get; set; }

    /// <summary>The folder relative to which Json and IOUtils resolve file names; the root module's folder when null.</summary>
    public string? BaseDirectory { get; init; }

    private Value Library(Symbol symbol, SyntaxNode at, ImmutableArray<Expr> args, Env env, StatePair st, bool primed)
    {
        return symbol.ModuleName switch
        {
            "TLC" or "TLCExt" => TlcLibrary(symbol, at, args, env, st, primed),
            "Randomization" => Randomization(symbol, at, args, env, st, primed),
            "Bags" or "BagsExt" => Bags(symbol, at, args, env, st, primed),
            "Json" => Json(symbol, at, args, env, st, primed),
            "IOUtils" => IoUtils(symbol, at, args, env, st, primed),
            "Folds" or "Functions" or "FiniteSetsExt" => SetsAndFunctions(symbol, at, args, env, st, primed),
            "SequencesExt" => SequencesExt(symbol, at, args, env, st, primed),
            "Relation" => Relation(symbol, at, args, env, st, primed),
            "Bitwise" or "Combinatorics" => Arithmetic2(symbol, at, args, env, st, primed),
            "Graphs" => Graphs(symbol, at, args, env, st, primed),
            "VectorClocks" => VectorClocks(symbol, at, args, env, st, primed),
            "DyadicRationals" => DyadicRationals(symbol, at, args, env, st, primed),
            "UndirectedGraphs" => UndirectedGraphs(symbol, at, args, env, st, primed),
            _ => Unsupported(symbol, at),
        };
    }

    // ───────────────────────────── Shared helpers ─────────────────────────────

    private Value Op(ImmutableArray<Expr> args, int index, Env env, StatePair st, bool primed, params Value[] values) =>
        ApplyOperatorArgument(args[index], values, env, st, primed);

    private bool OpBool(ImmutableArray<Expr> args, int index, Env env, StatePair st, bool primed, string op, string which, params Value[] values)
    {
        var v = ApplyOperatorArgument(args[index], values, env, st, primed);
        return v.IsBool ? v.AsBool : throw Error(args[index], ArgumentError(which, op, "boolean-valued operator", v));
    }

    private static string ArgumentError(string which, string op, string what, Value v) =>
        $"The {which} argument of {op} should be {Article(what)} {what}, but instead it is:\n{ValuePrinter.Ppr(v)}";

    private static string OneArgumentError(string op, string what, Value v) =>
        $"The argument of {op} should be {Article(what)} {what}, but instead it is:\n{ValuePrinter.Ppr(v)}";

    private static string WrongValue(string op, string what, Value v) =>
        $"Applying {op} to the following value,\nwhich is not {what}:\n{ValuePrinter.Ppr(v)}";

    private static string Article(string what) => what.Length > 0 && "aeiou".Contains(what[0], StringComparison.Ordinal) ? "an" : "a";

    /// <summary>The elements of a sequence (TLC's <c>toTuple</c>), or an error naming the argument.</summary>
    private Value[] SeqArg(Value v, SyntaxNode at, string op, string? which)
    {
        if (v.IsFunction && v.AsFunction is { IsTuple: true } f)
        {
            return f.RawValues;
        }
        throw Error(at, which is null ? OneArgumentError(op, "sequence", v) : ArgumentError(which, op, "sequence", v));
    }

    private FunctionValue FunctionArg(Value v, SyntaxNode at, string op, string? which)
    {
        if (v.IsFunction)
        {
            return v.AsFunction;
        }
        throw Error(at, which is null ? OneArgumentError(op, "function", v) : ArgumentError(which, op, "function", v));
    }

    private Value[] FiniteSetArg(Value v, SyntaxNode at, string op, string? which)
    {
        if (v.IsSet && v.AsSet.IsEnumerable)
        {
            return Enumerate(v, at).ToArray();
        }
        throw Error(at, which is null ? OneArgumentError(op, "finite set", v) : ArgumentError(which, op, "finite set", v));
    }

    private long IntArg(Value v, SyntaxNode at, string op, string which, string what = "integer")
    {
        if (v.IsSmallInt)
        {
            return v.AsInt64;
        }
        throw Error(at, ArgumentError(which, op, what, v));
    }

    private static Value Tuple(IEnumerable<Value> values) => Value.Of(FunctionValue.Tuple([.. values]));

    private static Value SetOf(IEnumerable<Value> values) => Value.Of(SetValue.Of(values));

    private static Value Sum(Value a, Value b)
    {
        if (a.IsSmallInt && b.IsSmallInt)
        {
            var l = a.AsInt64;
            var r = b.AsInt64;
            var s = l + r;
            return ((l ^ s) & (r ^ s)) < 0 ? Value.Int((BigInteger)l + r) : Value.Int(s);
        }
        return Value.Int(a.AsBigInteger + b.AsBigInteger);
    }

    private Value IntOf(Value v, SyntaxNode at) =>
        v.IsInt ? v : throw Error(at, $"An integer was expected here, but the value is {ValuePrinter.Ppr(v)}.");

    private Random Rng => _random ??= new Random(RandomSeed);

    private int NextInt(int bound)
    {
        lock (_randomLock)
        {
            return Rng.Next(bound);
        }
    }

    private double NextDouble()
    {
        lock (_randomLock)
        {
            return Rng.NextDouble();
        }
    }

    // ───────────────────────────── TLC and TLCExt ─────────────────────────────

    private Value TlcLibrary(Symbol symbol, SyntaxNode at, ImmutableArray<Expr> args, Env env, StatePair st, bool primed)
    {
        Value Arg(int i) => EvalCore(args[i], env, st, primed);
        switch (symbol.Name)
        {
            case "RandomElement":
                return RandomElement(Arg(0), at);
            case "Any":
                return Value.Of(AnySetValue.Instance);
            case "TLCGet":
                return TlcGet(Arg(0), at, st);
            case "TLCSet":
                return TlcSet(Arg(0), Arg(1), at);
            case "AssertEq":
            {
                var a = Arg(0);
                var b = Arg(1);
                if (!ValueOps.TlcEquals(a, b))
                {
                    Output?.Invoke("\"Assertion failed\"");
                    Output?.Invoke(a.ToString());
                    Output?.Invoke(b.ToString());
                    return Value.False;
                }
                return Value.True;
            }
            case "AssertError":
            {
                if (args[0] is not StringLiteral expected)
                {
                    throw Error(at, $"In computing AssertError, a non-string expression ({args[0]}) was used as the err of an AssertError(err, exp).");
                }
                try
                {
                    EvalCore(args[1], env, st, primed);
                }
                catch (EvaluationException e)
                {
                    return Value.Bool(e.Message == expected.Value);
                }
                catch (ValueException e)
                {
                    return Value.Bool(e.Message == expected.Value);
                }
                return Value.False;
            }
            case "TLCGetOrDefault":
            {
                var key = Arg(0);
                var fallback = Arg(1);
                return TryGetRegister(key, out var value) ? value : fallback;
            }
            case "TLCGetAndSet":
            {
                var key = Arg(0);
                var val = Arg(2);
                var fallback = Arg(3);
                var old = TryGetRegister(key, out var current) ? current : fallback;
                TlcSet(key, Op(args, 1, env, st, primed, old, val), at);
                return old;
            }
            case "TLCModelValue":
            {
                var name = Arg(0);
                return name.IsString
                    ? Value.Model(_spec.Strings.ModelValue(name.AsString.Text))
                    : throw Error(at, OneArgumentError("ModelValue", "string", name));
            }
            case "TLCNoOp":
            case "TLCCache":
                return Arg(0);
            case "TLCDefer":
                // TLC runs the expression once the successor state has been found; Specula evaluates it in place.
                Arg(0);
                return Value.True;
            case "PickSuccessor":
                // Without an interactive console, TLC's definition: the successor is kept iff the expression holds.
                return Value.Bool(Bool(args[0], env, st, primed));
            case "TLCFP":
                return Value.Int(unchecked((int)Arg(0).Fingerprint));
            case "TLCEvalDefinition":
            {
                var name = Arg(0);
                if (!name.IsString)
                {
                    throw Error(at, OneArgumentError("TLCEvalDefinition", "string", name));
                }
                var definition = _spec.Root.Lookup(name.AsString.Text);
                if (definition is not { Kind: SymbolKind.Operator or SymbolKind.Function })
                {
                    throw Error(at, OneArgumentError("TLCEvalDefinition", "name of a definition reachable from the root module", name));
                }
                if (definition.Arity != 0)
                {
                    throw Error(at, $"The argument of TLCEvalDefinition should be a zero-arity definition, but instead it is:\n{definition.Name}");
                }
                return EvalSymbol(definition, at, [], Env.Empty, env, st, primed);
            }
            case "Trace":
                if (st.Current is null)
                {
                    throw Error(at, "TLCExt's Trace can only be evaluated in a state of a model-checking run.");
                }
                return Checker?.Trace(st.Current)
                       ?? throw Error(at, "TLCExt's Trace needs the behaviour leading to the current state, which this evaluation does not have.");
            case "CounterExample" or "ToTrace":
                throw Error(at, $"TLCExt's {symbol.Name} is only defined in TLC's POSTCONDITION after a violation, which Specula does not support yet.");
        }
        return Unsupported(symbol, at);
    }

    private bool TryGetRegister(Value key, out Value value)
    {
        if ((key.IsSmallInt && key.AsInt64 >= 0) || (key.IsString && key.AsString.Text.StartsWith("s:", StringComparison.Ordinal)))
        {
            return _registers.TryGetValue(key, out value);
        }
        value = default;
        return false;
    }

    private Value TlcSet(Value key, Value value, SyntaxNode at)
    {
        if (key.IsSmallInt && key.AsInt64 >= 0)
        {
            _registers[key] = value;
            return Value.True;
        }
        if (key.IsString)
        {
            var name = key.AsString.Text;
            if (name.StartsWith("s:", StringComparison.Ordinal))
            {
                _registers[key] = value;
                return Value.True;
            }
            if (name is "exit" or "pause")
            {
                throw Error(at, $"TLCSet(\"{name}\", ...) controls the model checker, which Specula does not support yet.");
            }
        }
        throw Error(at, OneArgumentError("TLCSet", "nonnegative integer", key));
    }

    private Value TlcGet(Value key, SyntaxNode at, StatePair st)
    {
        if (key.IsSmallInt && key.AsInt64 >= 0)
        {
            return _registers.TryGetValue(key, out var value) ? value : throw Error(at, $"TLCGet({key.AsInt64}) was undefined.");
        }
        if (!key.IsString)
        {
            throw Error(at, OneArgumentError("TLCGet", "nonnegative integer", key));
        }
        var name = key.AsString.Text;
        if (name.StartsWith("s:", StringComparison.Ordinal))
        {
            return _registers.TryGetValue(key, out var value) ? value : throw Error(at, $"TLCGet({name}) was undefined.");
        }
        if (name.StartsWith("-D", StringComparison.Ordinal))
        {
            // Java system properties: those that switch on a TLC feature Specula always has (action composition, as
            // tlaplus/Examples' MCCRDT assumes) are "true"; the others are unset, and TLC's default is the key itself.
            return name == "-Dtlc2.tool.impl.Tool.cdot" ? Value.String(_spec.Strings.Intern("true")) : key;
        }
        if (name == "duration")
        {
            return Value.Int((long)Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds);
        }
        if (name == "level" && st.Current is null)
        {
            // By definition, level is 0 in ASSUME, POSTCONDITION and the initial predicate.
            return Value.Int(0);
        }
        if (Checker is { } checker && checker.TryGetStatistic(name, st.Current, out var statistic))
        {
            return statistic;
        }
        if (name is "level" or "diameter" or "distinct" or "generated" or "queue" or "stats" or "config" or "spec" or "action" or "all"
            or "all:named" or "revision")
        {
            throw Error(at, $"TLCGet(\"{name}\") needs the model checker's state, which this evaluation does not have.");
        }
        throw Error(at, $"TLCGet({name}) was undefined.");
    }

    private Value RandomElement(Value set, SyntaxNode at)
    {
        if (!set.IsSet)
        {
            throw Error(at, WrongValue("RandomElement", "a finite set", set));
        }
        switch (set.AsSet)
        {
            case FunctionSetValue fs:
            {
                var domain = FiniteSetArg(fs.Domain, at, "RandomElement", null);
                var values = new Value[domain.Length];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = RandomElement(fs.Range, at);
                }
                return Value.Of(FunctionValue.FromPairs(domain, values));
            }
            case RecordSetValue rs:
            {
                var fields = new (TlaString, Value)[rs.Names.Length];
                for (var i = 0; i < fields.Length; i++)
                {
                    fields[i] = (rs.Names[i].AsString, RandomElement(rs.Sets[i], at));
                }
                return Value.Of(FunctionValue.Record(fields));
            }
            case ProductSetValue ps:
            {
                var values = new Value[ps.Sets.Length];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = RandomElement(ps.Sets[i], at);
                }
                return Value.Of(FunctionValue.Tuple(values));
            }
            case IntervalValue iv:
                return iv.Count == 0
                    ? throw Error(at, WrongValue("RandomElement", "a non-empty set", set))
                    : Value.Int(iv.Low + (long)Math.Floor(NextDouble() * iv.Count));
        }
        if (!set.AsSet.IsEnumerable)
        {
            throw Error(at, WrongValue("RandomElement", "a finite set", set));
        }
        var elements = Enumerate(set, at).ToArray();
        return elements.Length == 0
            ? throw Error(at, WrongValue("RandomElement", "a non-empty set", set))
            : elements[NextInt(elements.Length)];
    }

    // ───────────────────────────── Randomization ─────────────────────────────

    private Value Randomization(Symbol symbol, SyntaxNode at, ImmutableArray<Expr> args, Env env, StatePair st, bool primed)
    {
        Value Arg(int i) => EvalCore(args[i], env, st, primed);
        switch (symbol.Name)
        {
            case "RandomSubset":
            {
                var kv = Arg(0);
                var k = IntArg(kv, at, "RandomSubset", "first", "nonnegative integer");
                var set = Arg(1);
                var elements = FiniteSetArg(set, at, "RandomSubset", "second");
                // As TLC: k larger than the set gives the whole set, a negative k the empty set.
                k = Math.Clamp(k, 0, elements.Length);
                // A partial Fisher-Yates shuffle: k distinct elements, uniformly.
                var pool = elements.ToArray();
                for (var i = 0; i < k; i++)
                {
                    var j = i + NextInt(pool.Length - i);
                    (pool[i], pool[j]) = (pool[j], pool[i]);
                }
                return SetOf(pool.Take((int)k));
            }
            case "RandomSetOfSubsets":
                return RandomSetOfSubsets(Arg(0), Arg(1), Arg(2), at);
            case "TestRandomSetOfSubsets":
            {
                var k = Arg(0);
                var n = Arg(1);
                var set = Arg(2);
                var values = new Value[5];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = Value.Int(ValueOps.Cardinality(RandomSetOfSubsets(k, n, set, at)));
                }
                return Value.Of(FunctionValue.Tuple(values));
            }
        }
        return Unsupported(symbol, at);
    }

    private Value RandomSetOfSubsets(Value kv, Value nv, Value set, SyntaxNode at)
    {
        var picks = IntArg(kv, at, "RandomSetOfSubsets", "first", "nonnegative integer");
        var n = IntArg(nv, at, "RandomSetOfSubsets", "second", "nonnegative integer");
        if (picks < 0)
        {
            throw Error(at, ArgumentError("first", "RandomSetOfSubsets", "nonnegative integer", kv));
        }
        if (n < 0)
        {
            throw Error(at, ArgumentError("second", "RandomSetOfSubsets", "nonnegative integer", nv));
        }
        var elements = FiniteSetArg(set, at, "RandomSetOfSubsets", "third");
        if (elements.Length < 62 && picks > (1L << elements.Length))
        {
            throw Error(at, $"The first argument of RandomSetOfSubsets should be a nonnegative integer that is smaller than the subset's size of 2^{elements.Length}, but instead it is:\n{picks}");
        }
        if (elements.Length < n)
        {
            throw Error(at, ArgumentError("second", "RandomSetOfSubsets", "nonnegative integer in range 0..Cardinality(S)", nv));
        }
        var probability = elements.Length == 0 ? double.NaN : (double)n / elements.Length;
        var subsets = new List<Value>();
        for (var p = 0L; p < picks; p++)
        {
            var chosen = new List<Value>();
            foreach (var e in elements)
            {
                if (NextDouble() < probability)
                {
                    chosen.Add(e);
                }
            }
            subsets.Add(SetOf(chosen));
        }
        return SetOf(subsets);
    }

    // ───────────────────────────── Bags and BagsExt ─────────────────────────────

    private static FunctionValue? AsBagFunction(Value v) => v.IsFunction ? v.AsFunction : null;

    private static bool IsABag(FunctionValue? f)
    {
        if (f is null)
        {
            return false;
        }
        foreach (var count in f.Values)
        {
            if (!count.IsInt || count.AsBigInteger.Sign <= 0)
            {
                return false;
            }
        }
        return true;
    }

    private Value CountAt(FunctionValue bag, int index, SyntaxNode at, string op, Value whole)
    {
        var count = bag.RawValues[index];
        return count.IsInt ? count : throw Error(at, ArgumentError("second", op, "bag", whole));
    }

    private Value Bags(Symbol symbol, SyntaxNode at, ImmutableArray<Expr> args, Env env, StatePair st, bool primed)
    {
        Value Arg(int i) => EvalCore(args[i], env, st, primed);
        switch (symbol.Name)
        {
            case "EmptyBag":
                return Value.Of(FunctionValue.EmptyTuple);
            case "IsABag":
                return Value.Bool(IsABag(AsBagFunction(Arg(0))));
            case "BagToSet":
            {
                var b = Arg(0);
                return b.IsFunction ? Value.Of(b.AsFunction.Domain) : throw Error(at, WrongValue("BagToSet", "a function with a finite domain", b));
            }
            case "SetToBag":
            {
                var s = Arg(0);
                if (!s.IsSet || !s.AsSet.IsEnumerable)
                {
                    throw Error(at, WrongValue("BagToSet", "a function with a finite domain", s));
                }
                var keys = Enumerate(s, at).ToArray();
                var ones = new Value[keys.Length];
                Array.Fill(ones, Value.Int(1));
                return Value.Of(FunctionValue.FromPairs(keys, ones));
            }
            case "BagIn":
            {
                var e = Arg(0);
                var b = Arg(1);
                var f = FunctionArg(b, at, "BagIn", "second");
                var i = f.IndexOfKey(e);
                return Value.Bool(i >= 0 && CountAt(f, i, at, "BagIn", b).AsBigInteger.Sign > 0);
            }
            case "CopiesIn":
            {
                var e = Arg(0);
                var b = Arg(1);
                var f = FunctionArg(b, at, "CopiesIn", "second");
                var i = f.IndexOfKey(e);
                return i >= 0 ? CountAt(f, i, at, "CopiesIn", b) : Value.Int(0);
            }
            case "BagCardinality":
            {
                var b = Arg(0);
                if (!b.IsFunction)
                {
                    throw Error(at, WrongValue("BagCardinality", "a function with a finite domain", b));
                }
                var total = Value.Int(0);
                foreach (var count in b.AsFunction.Values)
                {
                    if (!count.IsInt || count.AsBigInteger.Sign <= 0)
                    {
                        throw Error(at, WrongValue("BagCardinality", "a bag", b));
                    }
                    total = Sum(total, count);
                }
                return total;
            }
            case "\\oplus" or "(+)":
            {
                var b1 = Arg(0);
                var b2 = Arg(1);
                var f1 = AsBagFunction(b1);
                var f2 = AsBagFunction(b2);
                if (!IsABag(f1))
                {
                    throw Error(at, ArgumentError("first", "(+)", "bag", b1));
                }
                if (!IsABag(f2))
                {
                    throw Error(at, ArgumentError("second", "(+)", "bag", b2));
                }
                return AddBags([f1!, f2!]);
            }
            case "\\ominus" or "(-)":
            {
                var b1 = Arg(0);
                var b2 = Arg(1);
                var f1 = AsBagFunction(b1) ?? throw Error(at, ArgumentError("first", "(-)", "bag", b1));
                var f2 = AsBagFunction(b2) ?? throw Error(at, ArgumentError("second", "(-)", "bag", b2));
                var keys = new List<Value>();
                var values = new List<Value>();
                for (var i = 0; i < f1.Count; i++)
                {
                    var key = f1.KeyAt(i);
                    var count = IntOf(f1.RawValues[i], at).AsBigInteger;
                    var j = f2.IndexOfKey(key);
                    if (j >= 0)
                    {
                        count -= IntOf(f2.RawValues[j], at).AsBigInteger;
                    }
                    if (count.Sign > 0)
                    {
                        keys.Add(key);
                        values.Add(Value.Int(count));
                    }
                }
                return Value.Of(FunctionValue.FromPairs(keys.ToArray(), values.ToArray()));
            }
            case "BagUnion":
            {
                var s = Arg(0);
                if (!s.IsSet || !s.AsSet.IsEnumerable)
                {
                    throw Error(at, WrongValue("BagUnion", "a finite enumerable set", s));
                }
                var bags = Enumerate(s, at).ToArray();
                if (bags.Length == 0)
                {
                    return Value.Of(FunctionValue.EmptyTuple);
                }
                if (bags.Length == 1)
                {
                    return bags[0];
                }
                var functions = new FunctionValue[bags.Length];
                for (var i = 0; i < bags.Length; i++)
                {
                    functions[i] = AsBagFunction(bags[i])
                                   ?? throw Error(at, $"Attempted to apply BagUnion to the following set, whose\nelement is not a bag:\n{ValuePrinter.Ppr(s)}");
                }
                return AddBags(functions);
            }
            case "\\sqsubseteq":
            {
                var b1 = Arg(0);
                var b2 = Arg(1);
                var f1 = b1.IsFunction ? b1.AsFunction : throw Error(at, WrongValue("\\sqsubseteq", "a function with a finite domain", b1));
                var f2 = b2.IsFunction ? b2.AsFunction : throw Error(at, WrongValue("\\sqsubseteq", "a function with a finite domain", b2));
                for (var i = 0; i < f1.Count; i++)
                {
                    var count = IntOf(f1.RawValues[i], at).AsBigInteger;
                    var j = f2.IndexOfKey(f1.KeyAt(i));
                    if (j >= 0)
                    {
                        count -= IntOf(f2.RawValues[j], at).AsBigInteger;
                    }
                    if (count.Sign > 0)
                    {
                        return Value.False;
                    }
                }
                return Value.True;
            }
            case "SubBag":
            {
                var b = Arg(0);
                var f = b.IsFunction ? b.AsFunction : throw Error(at, WrongValue("SubBag", "a function with a finite domain", b));
                var result = new List<Value>();
                var keys = new Value[f.Count];
                var maxima = new long[f.Count];
                for (var i = 0; i < f.Count; i++)
                {
                    keys[i] = f.KeyAt(i);
                    maxima[i] = IntOf(f.RawValues[i], at).AsInt64;
                }
                var counts = new long[f.Count];
                while (true)
                {
                    var k = new List<Value>();
                    var v = new List<Value>();
                    for (var i = 0; i < counts.Length; i++)
                    {
                        if (counts[i] > 0)
                        {
                            k.Add(keys[i]);
                            v.Add(Value.Int(counts[i]));
                        }
                    }
                    result.Add(Value.Of(FunctionValue.FromPairs(k.ToArray(), v.ToArray())));
                    var p = counts.Length - 1;
                    while (p >= 0 && counts[p] >= maxima[p])
                    {
                        counts[p] = 0;
                        p--;
                    }
                    if (p < 0)
                    {
                        break;
                    }
                    counts[p]++;
                }
                return SetOf(result);
            }
            case "BagOfAll":
            {
                var b = Arg(1);
                var f = b.IsFunction ? b.AsFunction : throw Error(at, ArgumentError("second", "BagOfAll", "function with a finite domain", b));
                var keys = new List<Value>();
                var values = new List<Value>();
                for (var i = 0; i < f.Count; i++)
                {
                    var image = Op(args, 0, env, st, primed, f.KeyAt(i));
                    var j = keys.FindIndex(k => ValueOps.StructuralEquals(k, image));
                    if (j >= 0)
                    {
                        values[j] = Sum(values[j], IntOf(f.RawValues[i], at));
                    }
                    else
                    {
                        keys.Add(image);
                        values.Add(f.RawValues[i]);
                    }
                }
                return Value.Of(FunctionValue.FromPairs(keys.ToArray(), values.ToArray()));
            }

            // BagsExt.
            case "BagAdd":
            {
                var f = FunctionArg(Arg(0), at, "BagAdd", "first");
                var x = Arg(1);
                var i = f.IndexOfKey(x);
                return i >= 0
                    ? Value.Of(f.WithValueAt(i, Sum(IntOf(f.RawValues[i], at), Value.Int(1))))
                    : ValueOps.MergeFunctions(Value.Of(f), ValueOps.SingletonFunction(x, Value.Int(1)));
            }
            case "BagRemove":
            {
                var b = Arg(0);
                var f = FunctionArg(b, at, "BagRemove", "first");
                var x = Arg(1);
                var i = f.IndexOfKey(x);
                if (i < 0)
                {
                    return b;
                }
                var count = f.RawValues[i];
                return ValueOps.TlcEquals(count, Value.Int(1))
                    ? WithoutKey(f, i)
                    : Value.Of(f.WithValueAt(i, Value.Int(IntOf(count, at).AsBigInteger - 1)));
            }
            case "BagRemoveAll":
            {
                var f = FunctionArg(Arg(0), at, "BagRemoveAll", "first");
                var i = f.IndexOfKey(Arg(1));
                return i < 0 ? Value.Of(FunctionValue.FromPairs(Keys(f), f.RawValues)) : WithoutKey(f, i);
            }
            case "FoldBag":
                return FoldBag(Arg(2), Arg(1), at, (acc, e) => Op(args, 0, env, st, primed, acc, e));
            case "SumBag":
                return FoldBag(Arg(0), Value.Int(0), at, (acc, e) => Sum(IntOf(acc, at), IntOf(e, at)));
            case "ProductBag":
                return FoldBag(Arg(0), Value.Int(1), at, (acc, e) => Value.Int(IntOf(acc, at).AsBigInteger * IntOf(e, at).AsBigInteger));
        }
        return Unsupported(symbol, at);
    }

    private static Value[] Keys(FunctionValue f)
    {
        var keys = new Value[f.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = f.KeyAt(i);
        }
        return keys;
    }

    private static Value WithoutKey(FunctionValue f, int index)
    {
        var keys = Keys(f).ToList();
        var values = f.RawValues.ToList();
        keys.RemoveAt(index);
        values.RemoveAt(index);
        return Value.Of(FunctionValue.FromPairs(keys.ToArray(), values.ToArray()));
    }

    private static Value AddBags(FunctionValue[] bags)
    {
        var keys = new List<Value>();
        var values = new List<Value>();
        var index = new Dictionary<Value, int>();
        foreach (var bag in bags)
        {
            for (var i = 0; i < bag.Count; i++)
            {
                var key = bag.KeyAt(i);
                if (index.TryGetValue(key, out var j))
                {
                    values[j] = Sum(values[j], bag.RawValues[i]);
                }
                else
                {
                    index[key] = keys.Count;
                    keys.Add(key);
                    values.Add(bag.RawValues[i]);
                }
            }
        }
        return Value.Of(FunctionValue.FromPairs(keys.ToArray(), values.ToArray()));
    }

    /// <summary>FoldBag as TLC's override computes it: acc := op(acc, e) once per copy of e, elements in TLC's order.</summary>
    private Value FoldBag(Value b, Value acc, SyntaxNode at, Func<Value, Value, Value> op)
    {
        var f = b.IsFunction ? b.AsFunction : throw Error(at, ArgumentError("third", "FoldBag", "bag", b));
        for (var i = 0; i < f.Count; i++)
        {
            var count = f.RawValues[i];
            if (!count.IsSmallInt || count.AsInt64 <= 0)
            {
                throw Error(at, $"Applying FoldBag to the following value,\nwhich is not an element of Nat:\n{ValuePrinter.Ppr(count)} (in: {ValuePrinter.Ppr(f.KeyAt(i))}:>{ValuePrinter.Ppr(count)})");
            }
            for (var j = 0L; j < count.AsInt64; j++)
            {
                acc = op(acc, f.KeyAt(i));
            }
        }
        return acc;
    }

    // ───────────────────────────── Folds, Functions, FiniteSetsExt ─────────────────────────────

    private Value SetsAndFunctions(Symbol symbol, SyntaxNode at, ImmutableArray<Expr> args, Env env, StatePair st, bool primed)
    {
        Value Arg(int i) => EvalCore(args[i], env, st, primed);
        switch (symbol.Name)
        {
            // Folds.
            case "MapThenFoldSet":
            {
                // iter[s] == IF s = {} THEN base ELSE LET x == choose(s) IN op(f(x), iter[s \ {x}])
                var set = Arg(4);
                var remaining = Enumerate(set, args[4]).ToList();
                var chosen = new List<Value>();
                while (remaining.Count > 0)
                {
                    var x = Op(args, 3, env, st, primed, SetOf(remaining));
                    var i = remaining.FindIndex(e => ValueOps.TlcEquals(e, x));
                    if (i < 0)
                    {
                        throw Error(at, $"The choose argument of MapThenFoldSet returned {ValuePrinter.Ppr(x)}, which is not an element of the set.");
                    }
                    remaining.RemoveAt(i);
                    chosen.Add(x);
                }
                var acc = Arg(1);
                for (var i = chosen.Count - 1; i >= 0; i--)
                {
                    acc = Op(args, 0, env, st, primed, Op(args, 2, env, st, primed, chosen[i]), acc);
                }
                return acc;
            }

            // Functions.
            case "Restrict":
            {
                var f = FunctionArg(Arg(0), at, "Restrict", "first");
                return Restrict(f, Enumerate(Arg(1), args[1]));
            }
            case "RestrictDomain":
            {
                var f = FunctionArg(Arg(0), at, "RestrictDomain", "first");
                return Restrict(f, Keys(f).Where(k => OpBool(args, 1, env, st, primed, "RestrictDomain", "second", k)).ToArray());
            }
            case "RestrictValues":
            {
                var f = FunctionArg(Arg(0), at, "RestrictValues", "first");
                var kept = new List<Value>();
                for (var i = 0; i < f.Count; i++)
                {
                    if (OpBool(args, 1, env, st, primed, "RestrictValues", "second", f.RawValues[i]))
                    {
                        kept.Add(f.KeyAt(i));
                    }
                }
                return Restrict(f, kept);
            }
            case "IsRestriction":
            {
                var narrow = FunctionArg(Arg(0), at, "IsRestriction", "first");
                var wide = FunctionArg(Arg(1), at, "IsRestriction", "second");
                if (!ValueOps.IsSubset(Value.Of(narrow.Domain), Value.Of(wide.Domain)))
                {
                    return Value.False;
                }
                for (var i = 0; i < narrow.Count; i++)
                {
                    if (!ValueOps.TlcEquals(narrow.RawValues[i], wide.Apply(narrow.KeyAt(i))))
                    {
                        return Value.False;
                    }
                }
                return Value.True;
            }
            case "Range":
                return SetOf(FunctionArg(Arg(0), at, "Range", null).Values.ToArray());
            case "Pointwise":
            {
                var f = FunctionArg(Arg(0), at, "Pointwise", "first");
                var g = Arg(1);
                var values = new Value[f.Count];
                for (var i = 0; i < values.Length; i++)
                {
                    var gi = g.IsFunction ? g.AsFunction.Apply(f.KeyAt(i)) : throw Error(at, ArgumentError("second", "Pointwise", "function", g));
                    values[i] = Op(args, 2, env, st, primed, f.RawValues[i], gi);
                }
                return Value.Of(FunctionValue.FromPairs(Keys(f), values));
            }
            case "Inverse":
            {
                var f = FunctionArg(Arg(0), at, "Inverse", "first");
                var sources = Enumerate(Arg(1), args[1]).ToArray();
                var targets = Enumerate(Arg(2), args[2]).ToArray();
                var range = SetOf(f.Values.ToArray());
                var values = new Value[targets.Length];
                for (var i = 0; i < targets.Length; i++)
                {
                    var t = targets[i];
                    var inRange = ValueOps.Contains(range, t);
                    var found = false;
                    foreach (var s in sources)
                    {
                        if (!inRange || ValueOps.TlcEquals(f.Apply(s), t))
                        {
                            values[i] = s;
                            found = true;
                            break;
                        }
                    }
                    if (!found)
                    {
                        throw Error(at, "Attempted to compute the value of an expression of form CHOOSE x \\in S: P, but no element of S satisfied P.");
                    }
                }
                return Value.Of(FunctionValue.FromPairs(targets, values));
            }
            case "AntiFunction":
            {
                var f = FunctionArg(Arg(0), at, "AntiFunction", null);
                var keys = new List<Value>();
                var values = new List<Value>();
                var seen = new HashSet<Value>();
                for (var i = 0; i < f.Count; i++)
                {
                    if (seen.Add(f.RawValues[i]))
                    {
                        keys.Add(f.RawValues[i]);
                        values.Add(f.KeyAt(i));
                    }
                }
                return Value.Of(FunctionValue.FromPairs(keys.ToArray(), values.ToArray()));
            }
            case "IsInjective":
            {
                var v = Arg(0);
                // TLC's override takes tuples and functions, but not records.
                var f = v.IsFunction && v.AsFunction is { IsRecord: false } or { Count: 0 } ? v.AsFunction : throw Error(at, OneArgumentError("IsInjective", "function", v));
                return Value.Bool(IsInjective(f.RawValues));
            }
            case "Injection" or "Surjection" or "Bijection":
            {
                var s = Arg(0);
                var t = Arg(1);
                var targets = Enumerate(t, args[1]).ToArray();
                var result = new List<Value>();
                foreach (var m in Enumerate(Value.Of(new FunctionSetValue(s, t)), at))
                {
                    var values = m.AsFunction.RawValues;
                    var injective = symbol.Name == "Surjection" || IsInjective(values);
                    var surjective = symbol.Name == "Injection" || targets.All(x => values.Any(y => ValueOps.TlcEquals(y, x)));
                    if (injective && surjective)
                    {
                        result.Add(m);
                    }
                }
                return SetOf(result);
            }
            case "ExistsInjection" or "ExistsSurjection" or "ExistsBijection":
            {
                var s = ValueOps.Cardinality(Arg(0));
                var t = ValueOps.Cardinality(Arg(1));
                return Value.Bool(symbol.Name switch
                {
                    "ExistsInjection" => s <= t,
                    "ExistsSurjection" => s >= t && (t > 0 || s == 0),
                    _ => s == t,
                });
            }
            case "FoldFunction" or "FoldFunctionOnSet":
            {
                var fv = Arg(2);
                var f = fv.IsFunction ? fv.AsFunction : throw Error(at, ArgumentError("third", symbol.Name, "function", fv));
                var indices = symbol.Name == "FoldFunction" ? Keys(f) : Enumerate(Arg(3), args[3]).ToArray();
                var acc = Arg(1);
                foreach (var index in indices)
                {
                    acc = Op(args, 0, env, st, primed, f.Apply(index), acc);
                }
                return acc;
            }
            case "SumFunction" or "SumFunctionOnSet":
            {
                var fv = Arg(0);
                var f = fv.IsFunction ? fv.AsFunction : throw Error(at, ArgumentError("third", "FoldFunctionOnSet", "function", fv));
                var indices = symbol.Name == "SumFunction" ? Keys(f) : Enumerate(Arg(1), args[1]).ToArray();
                var acc = Value.Int(0);
                foreach (var index in indices)
                {
                    acc = Sum(IntOf(f.Apply(index), at), acc);
                }
                return acc;
            }

            // FiniteSetsExt.
            case "FoldSet" or "ReduceSet":
            {
                var setIndex = symbol.Name == "FoldSet" ? 2 : 1;
                var acc = Arg(symbol.Name == "FoldSet" ? 1 : 2);
                foreach (var x in Enumerate(Arg(setIndex), args[setIndex]))
                {
                    acc = Op(args, 0, env, st, primed, x, acc);
                }
                return acc;
            }
            case "SumSet":
            {
                var acc = Value.Int(0);
                foreach (var x in Enumerate(Arg(0), args[0]))
                {
                    acc = Sum(IntOf(x, at), acc);
                }
                return acc;
            }
            case "ProductSet":
            {
                var acc = BigInteger.One;
                foreach (var x in Enumerate(Arg(0), args[0]))
                {
                    acc = IntOf(x, at).AsBigInteger * acc;
                }
                return Value.Int(acc);
            }
            case "MapThenSumSet":
            {
                var acc = Value.Int(0);
                foreach (var x in Enumerate(Arg(1), args[1]))
                {
                    acc = Sum(IntOf(Op(args, 0, env, st, primed, x), at), acc);
                }
                return acc;
            }
            case "FlattenSet":
                return ValueOps.BigUnion(Arg(0));
            case "SymDiff":
            {
                var a = Arg(0);
                var b = Arg(1);
                return ValueOps.Union(ValueOps.Difference(a, b), ValueOps.Difference(b, a));
            }
            case "Quantify":
            {
                var s = Arg(0);
                if (!s.IsSet)
                {
                    throw Error(at, ArgumentError("first", "Quantify", "set", s));
                }
                var count = 0L;
                foreach (var x in Enumerate(s, args[0]))
                {
                    if (OpBool(args, 1, env, st, primed, "Quantify", "second", x))
                    {
                        count++;
                    }
                }
                return Value.Int(count);
            }
            case "kSubset":
            {
                var kv = Arg(0);
                var s = Arg(1);
                if (!s.IsSet || !s.AsSet.IsEnumerable)
                {
                    throw Error(at, ArgumentError("second", "kSubset", "set", s));
                }
                var k = IntArg(kv, at, "kSubset", "first", "natural number");
                var elements = Enumerate(s, args[1]).ToArray();
                var result = new List<Value>();
                if (k >= 0 && k <= elements.Length)
                {
                    KSubsets(elements, (int)k, 0, new List<Value>(), result);
                }
                return SetOf(result);
            }
            case "Max" or "Min":
            {
                var s = Arg(0);
                Value? best = null;
                foreach (var x in Enumerate(s, args[0]))
                {
                    IntOf(x, at);
                    if (best is null || (symbol.Name == "Max" ? x.AsBigInteger > best.Value.AsBigInteger : x.AsBigInteger < best.Value.AsBigInteger))
                    {
                        best = x;
                    }
                }
                return best ?? throw Error(at, "Attempted to compute the value of an expression of form CHOOSE x \\in S: P, but no element of S satisfied P.");
            }
            case "Choices":
            {
                var sets = Enumerate(Arg(0), args[0]).ToArray();
                var members = sets.Select(s => Enumerate(s, at).ToArray()).ToArray();
                var result = new List<Value>();
                Choices(members, 0, new Value[members.Length], result);
                return SetOf(result);
            }
            case "ChooseUnique":
            {
                var elements = Enumerate(Arg(0), args[0]).ToArray();
                var satisfying = elements.Where(x => OpBool(args, 1, env, st, primed, "ChooseUnique", "second", x)).Take(2).ToArray();
                return satisfying.Length == 1
                    ? satisfying[0]
                    : throw Error(at, "Attempted to compute the value of an expression of form CHOOSE x \\in S: P, but no element of S satisfied P.");
            }
        }
        return Unsupported(symbol, at);
    }

    private static Value Restrict(FunctionValue f, IEnumerable<Value> domain)
    {
        var keys = domain.ToArray();
        var values = new Value[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            values[i] = f.Apply(keys[i]);
        }
        return Value.Of(FunctionValue.FromPairs(keys, values));
    }

    private static bool IsInjective(ReadOnlySpan<Value> values)
    {
        var seen = new HashSet<Value>();
        foreach (var v in values)
        {
            if (!seen.Add(v))
            {
                return false;
            }
        }
        return true;
    }

    private static void KSubsets(Value[] elements, int k, int start, List<Value> current, List<Value> result)
    {
        if (current.Count == k)
        {
            result.Add(SetOf(current.ToArray()));
            return;
        }
        for (var i = start; i <= elements.Length - (k - current.Count); i++)
        {
            current.Add(elements[i]);
            KSubsets(elements, k, i + 1, current, result);
            current.RemoveAt(current.Count - 1);
        }
    }

    private static void Choices(Value[][] members, int index, Value[] chosen, List<Value> result)
    {
        if (index == members.Length)
        {
            result.Add(SetOf(chosen.ToArray()));
            return;
        }
        foreach (var m in members[index])
        {
            chosen[index] = m;
            Choices(members, index + 1, chosen, result);
        }
    }

    // ───────────────────────────── SequencesExt ─────────────────────────────

    private Value SequencesExt(Symbol symbol, SyntaxNode at, ImmutableArray<Expr> args, Env env, StatePair st, bool primed)
    {
        Value Arg(int i) => EvalCore(args[i], env, st, primed);
        var name = symbol.Name;
        switch (name)
        {
            case "ToSet":
                return SetOf(FunctionArg(Arg(0), at, "ToSet", null).Values.ToArray());
            case "ToBag":
            {
                var f = FunctionArg(Arg(0), at, "ToBag", null);
                var keys = new List<Value>();
                var counts = new List<long>();
                var index = new Dictionary<Value, int>();
                foreach (var v in f.Values)
                {
                    if (index.TryGetValue(v, out var j))
                    {
                        counts[j]++;
                    }
                    else
                    {
                        index[v] = keys.Count;
                        keys.Add(v);
                        counts.Add(1);
                    }
                }
                return Value.Of(FunctionValue.FromPairs(keys.ToArray(), counts.Select(Value.Int).ToArray()));
            }
            case "SetToSeq":
                return Tuple(FiniteSetArg(Arg(0), at, "SetToSeq", null));
            case "SetToSeqs":
            {
                var s = Arg(0);
                if (!s.IsSet || !s.AsSet.IsEnumerable)
                {
                    throw Error(at, WrongValue("SetToSeqs", "a finite set", s));
                }
                var result = new List<Value>();
                Permutations(Enumerate(s, at).ToArray(), 0, result);
                return SetOf(result);
            }
            case "SetToSortSeq":
            {
                var elements = FiniteSetArg(Arg(0), at, "SetToSortSeq", "first").ToList();
                return Tuple(SortStable(elements, (a, b) => OpBool(args, 1, env, st, primed, "SetToSortSeq", "second", a, b)));
            }
            case "SetToAllKPermutations":
            {
                var elements = FiniteSetArg(Arg(0), at, "SetToAllKPermutations", null);
                var result = new List<Value>();
                for (var k = 0; k <= elements.Length; k++)
                {
                    var subsets = new List<Value>();
                    KSubsets(elements, k, 0, [], subsets);
                    foreach (var subset in subsets)
                    {
                        Permutations(subset.AsSet.ToSetValue().ToArray(), 0, result);
                    }
                }
                return SetOf(result);
            }
            case "TupleOf":
            {
                var set = Arg(0);
                var n = IntOf(Arg(1), at).AsInt64;
                return Value.Of(new FunctionSetValue(ValueOps.Interval(1, n), set));
            }
            case "SeqOf" or "BoundedSeq":
            {
                var set = Arg(0);
                var n = IntOf(Arg(1), at).AsInt64;
                var sets = new List<Value>();
                for (var m = 0L; m <= n; m++)
                {
                    sets.Add(Value.Of(new FunctionSetValue(ValueOps.Interval(1, m), set)));
                }
                return ValueOps.BigUnion(SetOf(sets));
            }
            case "Contains":
            {
                var s = SeqArg(Arg(0), at, "Contains", null);
                var e = Arg(1);
                return Value.Bool(s.Any(x => ValueOps.TlcEquals(x, e)));
            }
            case "IsSorted":
            {
                var s = SeqArg(Arg(0), at, "IsSorted", "first");
                for (var i = 0; i < s.Length; i++)
                {
                    for (var j = i + 1; j < s.Length; j++)
                    {
                        if (!OpBool(args, 1, env, st, primed, "IsSorted", "second", s[i], s[j]))
                        {
                            return Value.False;
                        }
                    }
                }
                return Value.True;
            }
            case "Reverse":
                return Tuple(SeqArg(Arg(0), at, "Reverse", null).Reverse());
            case "Remove":
            {
                var s = SeqArg(Arg(0), at, "Remove", "first");
                var e = Arg(1);
                return Tuple(s.Where(x => !ValueOps.TlcEquals(x, e)));
            }
            case "ReplaceAll":
            {
                var s = SeqArg(Arg(0), at, "ReplaceAll", "first");
                var old = Arg(1);
                var replacement = Arg(2);
                return Tuple(s.Select(x => ValueOps.TlcEquals(x, old) ? replacement : x));
            }
            case "SelectInSeq" or "SelectLastInSeq":
            {
                var s = SeqArg(Arg(0), at, name, "first");
                var last = name == "SelectLastInSeq";
                for (var k = 0; k < s.Length; k++)
                {
                    var i = last ? s.Length - 1 - k : k;
                    if (OpBool(args, 1, env, st, primed, name, "third", s[i]))
                    {
                        return Value.Int(i + 1);
                    }
                }
                return Value.Int(0);
            }
            case "SelectInSubSeq" or "SelectLastInSubSeq":
            {
                var sv = Arg(0);
                var s = SeqArg(sv, at, name, "first");
                var fv = Arg(1);
                var tv = Arg(2);
                var from = IntArg(fv, at, name, "second", "natural");
                var to = IntArg(tv, at, name, "third", "natural");
                if (from > to)
                {
                    return Value.Int(0);
                }
                if (from < 1 || from > s.Length)
                {
                    throw Error(at, $"The second argument of {name} must be in the domain of its first argument:\n{ValuePrinter.Ppr(sv)}\n, but instead it is\n{ValuePrinter.Ppr(fv)}");
                }
                if (to < 1 || to > s.Length)
                {
                    throw Error(at, $"The third argument of {name} must be in the domain of its first argument:\n{ValuePrinter.Ppr(sv)}\n, but instead it is\n{ValuePrinter.Ppr(tv)}");
                }
                var last = name == "SelectLastInSubSeq";
                for (var k = from; k <= to; k++)
                {
                    var i = last ? to - (k - from) : k;
                    if (OpBool(args, 3, env, st, primed, name, "fourth", s[i - 1]))
                    {
                        return Value.Int(i);
                    }
                }
                return Value.Int(0);
            }
            case "InsertAt":
            {
                var s = Arg(0);
                var i = IntOf(Arg(1), at).AsInt64;
                var e = Arg(2);
                return ValueOps.Concat(_spec.Strings,
                    ValueOps.Concat(_spec.Strings, ValueOps.SubSeq(s, 1, i - 1), ValueOps.Tuple(e)),
                    ValueOps.SubSeq(s, i, ValueOps.Len(s)));
            }
            case "ReplaceAt":
            {
                var s = Arg(0);
                var f = FunctionArg(s, at, "ReplaceAt", "first");
                return Value.Of(f.Except(Arg(1), Arg(2)));
            }
            case "RemoveAt":
            {
                var s = Arg(0);
                var i = IntOf(Arg(1), at).AsInt64;
                return ValueOps.Concat(_spec.Strings, ValueOps.SubSeq(s, 1, i - 1), ValueOps.SubSeq(s, i + 1, ValueOps.Len(s)));
            }
            case "RemoveFirst":
            {
                var s = SeqArg(Arg(0), at, "RemoveFirst", "first");
                var e = Arg(1);
                var i = Array.FindIndex(s, x => ValueOps.TlcEquals(x, e));
                return i < 0 ? Tuple(s) : Tuple(s.Take(i).Concat(s.Skip(i + 1)));
            }
            case "RemoveFirstMatch":
            {
                var s = SeqArg(Arg(0), at, "RemoveFirstMatch", "first");
                for (var i = 0; i < s.Length; i++)
                {
                    if (OpBool(args, 1, env, st, primed, "RemoveFirstMatch", "second", s[i]))
                    {
                        return Tuple(s.Take(i).Concat(s.Skip(i + 1)));
                    }
                }
                return Tuple(s);
            }
            case "Cons":
                return ValueOps.Concat(_spec.Strings, ValueOps.Tuple(Arg(0)), Arg(1));
            case "Snoc":
            {
                var e = Arg(0);
                return ValueOps.Append(Arg(1), e);
            }
            case "Front":
            {
                var s = Arg(0);
                return ValueOps.SubSeq(s, 1, ValueOps.Len(s) - 1);
            }
            case "Last":
            {
                var s = Arg(0);
                return FunctionArg(s, at, "Last", null).Apply(Value.Int(ValueOps.Len(s)));
            }
            case "IsPrefix" or "IsStrictPrefix" or "IsSuffix" or "IsStrictSuffix":
            {
                var s = Arg(0);
                var t = Arg(1);
                var suffix = name.EndsWith("Suffix", StringComparison.Ordinal);
                bool holds;
                if (s.IsString && t.IsString && !suffix)
                {
                    holds = t.AsString.Text.StartsWith(s.AsString.Text, StringComparison.Ordinal);
                }
                else
                {
                    var a = SeqArg(s, at, name, "first");
                    var b = SeqArg(t, at, name, "second");
                    holds = a.Length <= b.Length;
                    for (var i = 0; holds && i < a.Length; i++)
                    {
                        holds = suffix
                            ? ValueOps.TlcEquals(a[a.Length - 1 - i], b[b.Length - 1 - i])
                            : ValueOps.TlcEquals(a[i], b[i]);
                    }
                }
                return Value.Bool(holds && (!name.Contains("Strict", StringComparison.Ordinal) || !ValueOps.TlcEquals(s, t)));
            }
            case "Prefixes":
            {
                var s = SeqArg(Arg(0), at, "Prefixes", null);
                return SetOf(Enumerable.Range(0, s.Length + 1).Select(l => Tuple(s.Take(l))));
            }
            case "Suffixes":
            {
                var s = SeqArg(Arg(0), at, "Suffixes", null);
                return SetOf(Enumerable.Range(0, s.Length + 1).Select(l => Tuple(s.Skip(l))));
            }
            case "CommonPrefixes":
            {
                var seqs = Enumerate(Arg(0), args[0]).Select(v => SeqArg(v, at, "CommonPrefixes", null)).ToArray();
                var common = LongestCommonPrefixLength(seqs);
                if (seqs.Length == 0)
                {
                    return SetOf([]);
                }
                return SetOf(Enumerable.Range(0, common + 1).Select(l => Tuple(seqs[0].Take(l))));
            }
            case "LongestCommonPrefix":
            {
                var set = Arg(0);
                var elements = set.IsSet ? Enumerate(set, at).ToArray() : null;
                if (elements is not { Length: > 0 })
                {
                    throw Error(at, OneArgumentError("LongestCommonPrefix", "non-empty set", set));
                }
                if (elements[0].IsString)
                {
                    var texts = elements.Select(e => e.IsString ? e.AsString.Text : throw Error(at, OneArgumentError("LongestCommonPrefix", "sequence", set))).ToArray();
                    var upper = texts[0].Length;
                    foreach (var other in texts.Skip(1))
                    {
                        var i = 0;
                        while (i < upper && i < other.Length && other[i] == texts[0][i])
                        {
                            i++;
                        }
                        upper = i;
                    }
                    return _spec.Strings.Str(texts[0][..upper]);
                }
                var seqs = elements.Select(v => SeqArg(v, at, "LongestCommonPrefix", null)).ToArray();
                return Tuple(seqs[0].Take(LongestCommonPrefixLength(seqs)));
            }
            case "SeqMod":
            {
                var a = IntOf(Arg(0), at).AsBigInteger;
                var b = IntOf(Arg(1), at).AsBigInteger;
                if (b.Sign <= 0)
                {
                    throw Error(at, $"The second argument of % should be a positive number, but instead it is: {b}");
                }
                var m = ((a % b) + b) % b;
                return Value.Int(m.IsZero ? b : m);
            }
            case "FoldSeq":
            {
                var fv = Arg(2);
                var f = fv.IsFunction ? fv.AsFunction : throw Error(at, ArgumentError("third", "FoldFunction", "function", fv));
                var acc = Arg(1);
                foreach (var v in f.RawValues)
                {
                    acc = Op(args, 0, env, st, primed, v, acc);
                }
                return acc;
            }
            case "FoldLeft" or "FoldLeftDomain":
            {
                var s = SeqArg(Arg(2), at, name, "third");
                var acc = Arg(1);
                for (var i = 0; i < s.Length; i++)
                {
                    acc = Op(args, 0, env, st, primed, acc, name == "FoldLeft" ? s[i] : Value.Int(i + 1));
                }
                return acc;
            }
            case "FoldRight" or "FoldRightDomain":
            {
                var s = SeqArg(Arg(1), at, name, "second");
                var acc = Arg(2);
                for (var i = s.Length - 1; i >= 0; i--)
                {
                    acc = Op(args, 0, env, st, primed, name == "FoldRight" ? s[i] : Value.Int(i + 1), acc);
                }
                return acc;
            }
            case "FlattenSeq":
            {
                var seqs = Arg(0);
                var parts = SeqArg(seqs, at, "FlattenSeq", null);
                if (parts.Length == 0)
                {
                    return seqs;
                }
                var acc = parts[0];
                for (var i = 1; i < parts.Length; i++)
                {
                    acc = ValueOps.Concat(_spec.Strings, acc, parts[i]);
                }
                return acc;
            }
            case "Zip":
            {
                var s = SeqArg(Arg(0), at, "Zip", "first");
                var t = SeqArg(Arg(1), at, "Zip", "second");
                var l = Math.Min(s.Length, t.Length);
                return Tuple(Enumerable.Range(0, l).Select(i => ValueOps.Tuple(s[i], t[i])));
            }
            case "Interleave":
            {
                var s = SeqArg(Arg(0), at, "Interleave", "first");
                var t = SeqArg(Arg(1), at, "Interleave", "second");
                if (s.Length != t.Length)
                {
                    throw Error(at, "Attempted to evaluate a CASE with no conditions true.");
                }
                if (s.Length == 0)
                {
                    return ValueOps.Tuple(ValueOps.Tuple(), ValueOps.Tuple());
                }
                return Tuple(Enumerable.Range(0, s.Length).SelectMany(i => new[] { ValueOps.Tuple(s[i]), ValueOps.Tuple(t[i]) }));
            }
            case "SubSeqs":
            {
                var s = SeqArg(Arg(0), at, "SubSeqs", null);
                var result = new List<Value> { ValueOps.Tuple() };
                for (var i = 0; i < s.Length; i++)
                {
                    for (var j = i + 1; j <= s.Length; j++)
                    {
                        result.Add(Tuple(s[i..j]));
                    }
                }
                return SetOf(result);
            }
            case "AllSubSeqs":
            {
                var s = SeqArg(Arg(0), at, "AllSubSeqs", null);
                if (s.Length > 30)
                {
                    throw Error(at, "AllSubSeqs of a sequence longer than 30 elements is too large to enumerate.");
                }
                var result = new List<Value>();
                for (var mask = 0L; mask < (1L << s.Length); mask++)
                {
                    result.Add(Tuple(s.Where((_, i) => (mask & (1L << i)) != 0)));
                }
                return SetOf(result);
            }
            case "IndexFirstSubSeq":
            {
                var s = SeqArg(Arg(0), at, "IndexFirstSubSeq", "first");
                var t = SeqArg(Arg(1), at, "IndexFirstSubSeq", "second");
                var index = IndexOf(t, s, 0);
                return index < 0
                    ? throw Error(at, "Attempted to compute the value of an expression of form CHOOSE x \\in S: P, but no element of S satisfied P.")
                    : Value.Int(index + 1);
            }
            case "ReplaceSubSeqAt":
            {
                var i = IntOf(Arg(0), at).AsInt64;
                var r = Arg(1);
                var s = Arg(2);
                var t = Arg(3);
                var prefix = ValueOps.SubSeq(t, 1, i - 1);
                var suffix = ValueOps.SubSeq(t, i + ValueOps.Len(s), ValueOps.Len(t));
                return ValueOps.Concat(_spec.Strings, ValueOps.Concat(_spec.Strings, prefix, r), suffix);
            }
            case "ReplaceFirstSubSeq" or "ReplaceAllSubSeqs":
                return ReplaceSubSeqs(name == "ReplaceAllSubSeqs", Arg(0), Arg(1), Arg(2), at);
        }
        return Unsupported(symbol, at);
    }

    private static int LongestCommonPrefixLength(Value[][] seqs)
    {
        if (seqs.Length == 0)
        {
            return 0;
        }
        var upper = seqs.Min(s => s.Length);
        foreach (var other in seqs.Skip(1))
        {
            var i = 0;
            while (i < upper && ValueOps.TlcEquals(seqs[0][i], other[i]))
            {
                i++;
            }
            upper = i;
        }
        return upper;
    }

    private static int IndexOf(Value[] t, Value[] s, int start)
    {
        for (var i = start; i + s.Length <= t.Length; i++)
        {
            var match = true;
            for (var j = 0; match && j < s.Length; j++)
            {
                match = ValueOps.TlcEquals(t[i + j], s[j]);
            }
            if (match)
            {
                return i;
            }
        }
        return -1;
    }

    private Value ReplaceSubSeqs(bool all, Value r, Value s, Value t, SyntaxNode at)
    {
        var op = all ? "ReplaceAllSubSeqs" : "ReplaceFirstSubSeq";
        if (r.IsString && s.IsString && t.IsString)
        {
            var (sr, ss, st) = (r.AsString.Text, s.AsString.Text, t.AsString.Text);
            if (ss.Length == 0)
            {
                if (!all)
                {
                    return _spec.Strings.Str(sr + st);
                }
                var sb = new StringBuilder(sr);
                for (var i = 0; i < st.Length; i++)
                {
                    if (i != 0)
                    {
                        sb.Append(sr);
                    }
                    sb.Append(st[i]);
                }
                return _spec.Strings.Str(sb.ToString());
            }
            if (all)
            {
                return _spec.Strings.Str(st.Replace(ss, sr, StringComparison.Ordinal));
            }
            var first = st.IndexOf(ss, StringComparison.Ordinal);
            return first < 0 ? t : _spec.Strings.Str(string.Concat(st.AsSpan(0, first), sr, st.AsSpan(first + ss.Length)));
        }
        var tv = SeqArg(t, at, op, "third");
        var sv = SeqArg(s, at, op, "second");
        if (!all)
        {
            var index = IndexOf(tv, sv, 0);
            if (index < 0)
            {
                return t;
            }
            var prefix = Tuple(tv.Take(index));
            var suffix = Tuple(tv.Skip(index + sv.Length));
            return ValueOps.Concat(_spec.Strings, ValueOps.Concat(_spec.Strings, prefix, r), suffix);
        }
        // CASE s = t -> r [] r = s -> t [] Len(s) = 0 -> r before every element [] s \in SubSeqs(t) -> ... [] OTHER -> t
        if (ValueOps.TlcEquals(s, t))
        {
            return r;
        }
        if (ValueOps.TlcEquals(r, s))
        {
            return t;
        }
        if (sv.Length == 0)
        {
            var acc = ValueOps.Tuple();
            foreach (var e in tv)
            {
                acc = ValueOps.Concat(_spec.Strings, ValueOps.Concat(_spec.Strings, acc, r), ValueOps.Tuple(e));
            }
            return acc;
        }
        if (IndexOf(tv, sv, 0) < 0)
        {
            return t;
        }
        return ReplaceAllByDefinition(r, sv, tv, at);
    }

    /// <summary>
    /// ReplaceAllSubSeqs for sequences, following the module's definition: among the ways of cutting t into pieces
    /// that contain the most pieces equal to s, the one whose matching piece indices are pointwise smallest, the
    /// first in TLC's order when several are; its pieces equal to s are replaced by r.
    /// </summary>
    private Value ReplaceAllByDefinition(Value r, Value[] s, Value[] t, SyntaxNode at)
    {
        if (t.Length > 18)
        {
            throw Error(at, "ReplaceAllSubSeqs on sequences longer than 18 elements is not supported (TLC enumerates all ways of cutting the sequence).");
        }
        var sValue = Tuple(s);
        var best = new List<(Value[] Pieces, int[] Matches)>();
        var bestCount = -1;
        var n = t.Length;
        for (var cuts = 0L; cuts < (1L << Math.Max(0, n - 1)); cuts++)
        {
            var pieces = new List<Value>();
            var start = 0;
            for (var i = 1; i <= n; i++)
            {
                if (i == n || (cuts & (1L << (i - 1))) != 0)
                {
                    pieces.Add(Tuple(t[start..i]));
                    start = i;
                }
            }
            var matches = pieces.Select((p, i) => (p, i)).Where(x => ValueOps.TlcEquals(x.p, sValue)).Select(x => x.i + 1).ToArray();
            if (matches.Length > bestCount)
            {
                bestCount = matches.Length;
                best.Clear();
            }
            if (matches.Length == bestCount)
            {
                best.Add((pieces.ToArray(), matches));
            }
        }
        var minimal = best.Where(f => best.All(g => f.Matches.Zip(g.Matches).All(p => p.First <= p.Second))).ToList();
        if (minimal.Count == 0)
        {
            throw Error(at, "Attempted to compute the value of an expression of form CHOOSE x \\in S: P, but no element of S satisfied P.");
        }
        var chosen = minimal.Select(f => Tuple(f.Pieces)).Min(ValueOps.TlcComparer);
        var result = ValueOps.Tuple();
        foreach (var piece in chosen.AsFunction.RawValues)
        {
            result = ValueOps.Concat(_spec.Strings, result, ValueOps.TlcEquals(piece, sValue) ? r : piece);
        }
        return result;
    }

    private static void Permutations(Value[] elements, int k, List<Value> result)
    {
        if (k == elements.Length)
        {
            result.Add(Value.Of(FunctionValue.Tuple(elements)));
            return;
        }
        for (var i = k; i < elements.Length; i++)
        {
            (elements[k], elements[i]) = (elements[i], elements[k]);
            Permutations(elements, k + 1, result);
            (elements[k], elements[i]) = (elements[i], elements[k]);
        }
    }

    private static List<Value> SortStable(List<Value> values, Func<Value, Value, bool> less)
    {
        for (var i = 1; i < values.Count; i++)
        {
            var current = values[i];
            var j = i - 1;
            while (j >= 0 && less(current, values[j]))
            {
                values[j + 1] = values[j];
                j--;
            }
            values[j + 1] = current;
        }
        return values;
    }

    // ───────────────────────────── Bitwise and Combinatorics ─────────────────────────────

    /// <summary>Bitwise and Combinatorics as TLC's overrides compute them, on 32-bit integers.</summary>
    private Value Arithmetic2(Symbol symbol, SyntaxNode at, ImmutableArray<Expr> args, Env env, StatePair st, bool primed)
    {
        int Int32Arg(int i, string which)
        {
            var v = EvalCore(args[i], env, st, primed);
            return v.IsSmallInt && v.AsInt64 is >= int.MinValue and <= int.MaxValue
                ? (int)v.AsInt64
                : throw Error(at, ArgumentError(which, symbol.Name, "integer", v));
        }
        switch (symbol.Name)
        {
            case "&":
                return Value.Int(Int32Arg(0, "first") & Int32Arg(1, "second"));
            case "|":
                return Value.Int(Int32Arg(0, "first") | Int32Arg(1, "second"));
            case "^^":
                return Value.Int(Int32Arg(0, "first") ^ Int32Arg(1, "second"));
            case "Not":
            {
                // Only the bits below the highest set bit are flipped (Java's shift counts are taken mod 32).
                var x = Int32Arg(0, "first");
                var mask = int.MaxValue >> ((BitOperations.LeadingZeroCount((uint)x) - 1) & 31);
                return Value.Int(~x & mask);
            }
            case "shiftR":
            {
                var n = Int32Arg(0, "first");
                var pos = Int32Arg(1, "second");
                return Value.Int((int)((uint)n >> (pos & 31)));
            }
            case "factorial":
                return Value.Of(new LazyFunctionValue(Value.Of(InfiniteSetValue.Nat), n =>
                {
                    var result = BigInteger.One;
                    for (var i = n.AsInt64; i > 1; i--)
                    {
                        result *= i;
                    }
                    return Value.Int(result);
                }, "factorial"));
            case "choose":
            {
                var nv = EvalCore(args[0], env, st, primed);
                var kv = EvalCore(args[1], env, st, primed);
                if (!nv.IsSmallInt || nv.AsInt64 < 0)
                {
                    throw Error(at, ArgumentError("first", "choose", "natural number", nv));
                }
                if (!kv.IsSmallInt || kv.AsInt64 < 0)
                {
                    throw Error(at, ArgumentError("second", "choose", "natural number", kv));
                }
                var (n, k) = (nv.AsInt64, kv.AsInt64);
                if (k > n)
                {
                    return Value.Int(0);
                }
                var c = BigInteger.One;
                for (var i = 1L; i <= Math.Min(k, n - k); i++)
                {
                    c = c * (n - Math.Min(k, n - k) + i) / i;
                }
                return c <= int.MaxValue ? Value.Int(c) : throw Error(at, $"Overflow when computing {n}choose{k}");
            }
        }
        return Unsupported(symbol, at);
    }

    // ───────────────────────────── Graphs ─────────────────────────────

    private (Value[] Nodes, Value[] Edges) GraphArg(Value g, SyntaxNode at, string op)
    {
        var node = _spec.Strings.Intern("node");
        var edge = _spec.Strings.Intern("edge");
        if (!g.IsFunction)
        {
            throw Error(at, OneArgumentError(op, "graph", g));
        }
        var f = g.AsFunction;
        var nodes = f.Select(node);
        var edges = f.Select(edge);
        return (Enumerate(nodes, at).ToArray(), Enumerate(edges, at).ToArray());
    }

    private Value Graph(IEnumerable<Value> nodes, IEnumerable<Value> edges) =>
        Value.Of(FunctionValue.Record((_spec.Strings.Intern("node"), SetOf(nodes)), (_spec.Strings.Intern("edge"), SetOf(edges))));

    private static Value EdgeFrom(Value e) => e.AsFunction.Apply(Value.Int(1));

    private static Value EdgeTo(Value e) => e.AsFunction.Apply(Value.Int(2));

    /// <summary>The nodes reachable from <paramref name="source"/> by one or more edges.</summary>
    private static HashSet<Value> Reach(Value source, Value[] edges, bool backwards)
    {
        var seen = new HashSet<Value>();
        var work = new Stack<Value>();
        work.Push(source);
        while (work.Count > 0)
        {
            var current = work.Pop();
            foreach (var e in edges)
            {
                var (from, to) = backwards ? (EdgeTo(e), EdgeFrom(e)) : (EdgeFrom(e), EdgeTo(e));
                if (ValueOps.TlcEquals(from, current) && seen.Add(to))
                {
                    work.Push(to);
                }
            }
        }
        return seen;
    }

    private bool IsDirectedGraph(Value g)
    {
        if (!g.IsFunction || g.AsFunction is not { IsRecord: true, Count: 2 } f)
        {
            return false;
        }
        var node = _spec.Strings.Intern("node");
        var edge = _spec.Strings.Intern("edge");
        if (f.IndexOfKey(Value.String(node)) < 0 || f.IndexOfKey(Value.String(edge)) < 0)
        {
            return false;
        }
        var nodes = f.Select(node);
        return ValueOps.IsSubset(f.Select(edge), Value.Of(new ProductSetValue(nodes, nodes)));
    }

    private Value Graphs(Symbol symbol, SyntaxNode at, ImmutableArray<Expr> args, Env env, StatePair st, bool primed)
    {
        Value Arg(int i) => EvalCore(args[i], env, st, primed);
        var name = symbol.Name;
        switch (name)
        {
            case "EmptyGraph":
                return Graph([], []);
            case "Graphs":
            {
                var set = Arg(0);
                return Value.Of(new RecordSetValue(
                    (_spec.Strings.Intern("node"), ValueOps.Set(set)),
                    (_spec.Strings.Intern("edge"), Value.Of(new SubsetValue(Value.Of(new ProductSetValue(set, set)))))));
            }
            case "IsDirectedGraph":
                return Value.Bool(IsDirectedGraph(Arg(0)));
            case "IsUndirectedGraph":
            {
                var g = Arg(0);
                if (!IsDirectedGraph(g))
                {
                    return Value.False;
                }
                var (_, edges) = GraphArg(g, at, name);
                var set = SetOf(edges);
                return Value.Bool(edges.All(e => ValueOps.Contains(set, ValueOps.Tuple(EdgeTo(e), EdgeFrom(e)))));
            }
            case "DirectedSubgraph" or "UndirectedSubgraph":
            {
                var (nodes, edges) = GraphArg(Arg(0), at, name);
                var result = new List<Value>();
                foreach (var ns in Enumerate(Value.Of(new SubsetValue(SetOf(nodes))), at))
                {
                    var inside = edges.Where(e => ValueOps.Contains(ns, EdgeFrom(e)) && ValueOps.Contains(ns, EdgeTo(e))).ToArray();
                    foreach (var es in Enumerate(Value.Of(new SubsetValue(SetOf(inside))), at))
                    {
                        var chosen = Enumerate(es, at).ToArray();
                        if (name == "UndirectedSubgraph")
                        {
                            var set = SetOf(chosen);
                            if (!chosen.All(e => ValueOps.Contains(set, ValueOps.Tuple(EdgeTo(e), EdgeFrom(e)))))
                            {
                                continue;
                            }
                        }
                        result.Add(Graph(Enumerate(ns, at), chosen));
                    }
                }
                return SetOf(result);
            }
            case "Transpose":
            {
                var (nodes, edges) = GraphArg(Arg(0), at, name);
                return Graph(nodes, edges.Select(e => ValueOps.Tuple(EdgeTo(e), EdgeFrom(e))));
            }
            case "GraphUnion":
            {
                var (n1, e1) = GraphArg(Arg(0), at, name);
                var (n2, e2) = GraphArg(Arg(1), at, name);
                return Graph(n1.Concat(n2), e1.Concat(e2));
            }
            case "Path":
            {
                var (nodes, edges) = GraphArg(Arg(0), at, name);
                var edgeSet = SetOf(edges);
                return Value.Of(new FilteredSetValue(Value.Of(InfiniteSetValue.Seq(SetOf(nodes))), p =>
                {
                    var values = p.AsFunction.RawValues;
                    return values.Length > 0 && Enumerable.Range(0, values.Length - 1).All(i => ValueOps.Contains(edgeSet, ValueOps.Tuple(values[i], values[i + 1])));
                }, "Path(G)"));
            }
            case "SimplePath":
            {
                var (nodes, edges) = GraphArg(Arg(0), at, name);
                var result = new List<Value>();
                var path = new List<Value>();
                void Extend(Value current)
                {
                    path.Add(current);
                    result.Add(Tuple(path));
                    foreach (var e in edges)
                    {
                        if (ValueOps.TlcEquals(EdgeFrom(e), current) && !path.Any(v => ValueOps.TlcEquals(v, EdgeTo(e))))
                        {
                            Extend(EdgeTo(e));
                        }
                    }
                    path.RemoveAt(path.Count - 1);
                }
                foreach (var n in nodes)
                {
                    Extend(n);
                }
                return SetOf(result);
            }
            case "AreConnectedIn":
            {
                var m = Arg(0);
                var n = Arg(1);
                var (nodes, edges) = GraphArg(Arg(2), at, name);
                var isNode = nodes.Any(x => ValueOps.TlcEquals(x, m));
                return Value.Bool(isNode && (ValueOps.TlcEquals(m, n) || Reach(m, edges, backwards: false).Contains(n)));
            }
            case "IsStronglyConnected":
            {
                var (nodes, edges) = GraphArg(Arg(0), at, name);
                return Value.Bool(nodes.All(m => nodes.All(n => ValueOps.TlcEquals(m, n) || Reach(m, edges, backwards: false).Contains(n))));
            }
            case "ConnectionsIn":
            {
                var (nodes, edges) = GraphArg(Arg(0), at, name);
                var keys = new List<Value>();
                var values = new List<Value>();
                foreach (var m in nodes)
                {
                    var reach = Reach(m, edges, backwards: false);
                    foreach (var n in nodes)
                    {
                        keys.Add(ValueOps.Tuple(m, n));
                        values.Add(Value.Bool(ValueOps.TlcEquals(m, n) || reach.Contains(n)));
                    }
                }
                return Value.Of(FunctionValue.FromPairs(keys.ToArray(), values.ToArray()));
            }
            case "IsTreeWithRoot":
            {
                var g = Arg(0);
                var r = Arg(1);
                if (!IsDirectedGraph(g))
                {
                    return Value.False;
                }
                var (nodes, edges) = GraphArg(g, at, name);
                return Value.Bool(nodes.Any(x => ValueOps.TlcEquals(x, r))
                                  && edges.All(e => !ValueOps.TlcEquals(EdgeFrom(e), r) && edges.All(f => !ValueOps.TlcEquals(EdgeFrom(e), EdgeFrom(f)) || ValueOps.TlcEquals(e, f)))
                                  && nodes.All(n => ValueOps.TlcEquals(n, r) || Reach(n, edges, backwards: false).Contains(r)));
            }
            case "IsBipartiteWithPartitions":
            {
                var (nodes, edges) = GraphArg(Arg(0), at, name);
                var u = Arg(1);
                var v = Arg(2);
                return Value.Bool(ValueOps.Cardinality(ValueOps.Intersect(u, v)) == 0
                                  && nodes.All(n => ValueOps.Contains(u, n) || ValueOps.Contains(v, n))
                                  && edges.All(e => (ValueOps.Contains(u, EdgeFrom(e)) && ValueOps.Contains(v, EdgeTo(e)))
                                                    || (ValueOps.Contains(u, EdgeTo(e)) && ValueOps.Contains(v, EdgeFrom(e)))));
            }
            case "HasCycle" or "IsDag":
            {
                var g = Arg(0);
                if (name == "IsDag" && !IsDirectedGraph(g))
                {
                    return Value.False;
                }
                var (nodes, edges) = GraphArg(g, at, name);
                var cycle = edges.Any(e => ValueOps.TlcEquals(EdgeFrom(e), EdgeTo(e)) && nodes.Any(n => ValueOps.TlcEquals(n, EdgeFrom(e))))
                            || nodes.Any(m => Reach(m, edges, backwards: false).Any(n => !ValueOps.TlcEquals(m, n) && nodes.Contains(n) && Reach(n, edges, backwards: false).Contains(m)));
                return Value.Bool(name == "HasCycle" ? cycle : !cycle);
            }
            case "Successors" or "Predecessors" or "OutDegree" or "InDegree":
            {
                var (nodes, edges) = GraphArg(Arg(0), at, name);
                var n = Arg(1);
                var forward = name is "Successors" or "OutDegree";
                var set = SetOf(nodes.Where(m => edges.Any(e => ValueOps.TlcEquals(e, forward ? ValueOps.Tuple(n, m) : ValueOps.Tuple(m, n)))));
                return name.EndsWith("Degree", StringComparison.Ordinal) ? Value.Int(ValueOps.Cardinality(set)) : set;
            }
            case "AllSuccessors" or "AllPredecessors":
            {
                var (nodes, edges) = GraphArg(Arg(0), at, name);
                var sources = Enumerate(Arg(1), args[1]).ToArray();
                var forward = name == "AllSuccessors";
                return SetOf(nodes.Where(m => sources.Any(n => edges.Any(e => ValueOps.TlcEquals(e, forward ? ValueOps.Tuple(n, m) : ValueOps.Tuple(m, n))))));
            }
            case "Ancestors" or "Descendants":
            {
                var (nodes, edges) = GraphArg(Arg(0), at, name);
                var n = Arg(1);
                var reach = Reach(n, edges.Where(e => nodes.Contains(EdgeFrom(e)) && nodes.Contains(EdgeTo(e))).ToArray(), backwards: name == "Ancestors");
                return SetOf(nodes.Where(reach.Contains));
            }
            case "Roots" or "Leaves":
            {
                var (nodes, edges) = GraphArg(Arg(0), at, name);
                return SetOf(nodes.Where(n => !edges.Any(e => nodes.Contains(name == "Roots" ? EdgeFrom(e) : EdgeTo(e))
                                                              && ValueOps.TlcEquals(name == "Roots" ? EdgeTo(e) : EdgeFrom(e), n))));
            }
        }
        return Unsupported(symbol, at);
    }

    // ───────────────────────────── UndirectedGraphs ─────────────────────────────

    private Value UndirectedGraphs(Symbol symbol, SyntaxNode at, ImmutableArray<Expr> args, Env env, StatePair st, bool primed)
    {
        Value Arg(int i) => EvalCore(args[i], env, st, primed);
        var name = symbol.Name;
        bool Linked(Value edgeSet, Value a, Value b) => ValueOps.Contains(edgeSet, ValueOps.Set(a, b));
        List<Value> Neighbours(Value[] nodes, Value edgeSet, Value a) => nodes.Where(b => Linked(edgeSet, a, b)).ToList();
        HashSet<Value> Component(Value[] nodes, Value edgeSet, Value start)
        {
            var seen = new HashSet<Value> { start };
            var work = new Stack<Value>();
            work.Push(start);
            while (work.Count > 0)
            {
                foreach (var b in Neighbours(nodes, edgeSet, work.Pop()))
                {
                    if (seen.Add(b))
                    {
                        work.Push(b);
                    }
                }
            }
            return seen;
        }
        bool IsGraph(Value g, bool loopFree)
        {
            if (!g.IsFunction || g.AsFunction is not { IsRecord: true, Count: 2 } f
                || f.IndexOfKey(_spec.Strings.Str("node")) < 0 || f.IndexOfKey(_spec.Strings.Str("edge")) < 0)
            {
                return false;
            }
            var (nodes, edges) = GraphArg(g, at, name);
            var nodeSet = SetOf(nodes);
            return edges.All(e => e.IsSet && ValueOps.Cardinality(e) is var c && (c == 2 || (c == 1 && !loopFree))
                                  && Enumerate(e, at).All(x => ValueOps.Contains(nodeSet, x)));
        }
        switch (name)
        {
            case "IsUndirectedGraph" or "IsLoopFreeUndirectedGraph":
                return Value.Bool(IsGraph(Arg(0), name == "IsLoopFreeUndirectedGraph"));
            case "UndirectedSubgraph":
            {
                var (nodes, edges) = GraphArg(Arg(0), at, name);
                var result = new List<Value>();
                foreach (var ns in Enumerate(Value.Of(new SubsetValue(SetOf(nodes))), at))
                {
                    var inside = edges.Where(e => e.IsSet && e.AsSet.IsEnumerable && Enumerate(e, at).All(x => ValueOps.Contains(ns, x))
                                                  && ValueOps.Cardinality(e) is 1 or 2).ToArray();
                    foreach (var es in Enumerate(Value.Of(new SubsetValue(SetOf(inside))), at))
                    {
                        result.Add(Graph(Enumerate(ns, at), Enumerate(es, at)));
                    }
                }
                return SetOf(result);
            }
            case "Path":
            {
                var (nodes, edges) = GraphArg(Arg(0), at, name);
                var edgeSet = SetOf(edges);
                return Value.Of(new FilteredSetValue(Value.Of(InfiniteSetValue.Seq(SetOf(nodes))), p =>
                {
                    var values = p.AsFunction.RawValues;
                    return values.Length > 0 && Enumerable.Range(0, values.Length - 1).All(i => Linked(edgeSet, values[i], values[i + 1]));
                }, "Path(G)"));
            }
            case "SimplePath":
            {
                var (nodes, edges) = GraphArg(Arg(0), at, name);
                var edgeSet = SetOf(edges);
                var result = new List<Value>();
                var path = new List<Value>();
                void Extend(Value current)
                {
                    path.Add(current);
                    result.Add(Tuple(path));
                    foreach (var b in Neighbours(nodes, edgeSet, current))
                    {
                        if (!path.Any(v => ValueOps.TlcEquals(v, b)))
                        {
                            Extend(b);
                        }
                    }
                    path.RemoveAt(path.Count - 1);
                }
                foreach (var n in nodes)
                {
                    Extend(n);
                }
                return SetOf(result);
            }
            case "AreConnectedIn":
            {
                var m = Arg(0);
                var n = Arg(1);
                var (nodes, edges) = GraphArg(Arg(2), at, name);
                return Value.Bool(nodes.Any(x => ValueOps.TlcEquals(x, m)) && Component(nodes, SetOf(edges), m).Contains(n));
            }
            case "ConnectedComponents" or "IsStronglyConnected":
            {
                var g = Arg(0);
                var (nodes, edges) = GraphArg(g, at, name);
                var edgeSet = SetOf(edges);
                var components = new List<Value>();
                var covered = new HashSet<Value>();
                foreach (var n in nodes)
                {
                    if (!covered.Contains(n))
                    {
                        var component = Component(nodes, edgeSet, n);
                        covered.UnionWith(component);
                        components.Add(SetOf(component));
                    }
                }
                var result = SetOf(components);
                return name == "ConnectedComponents" ? result : Value.Bool(ValueOps.TlcEquals(result, ValueOps.Set(SetOf(nodes))));
            }
            case "UndirectedGraphs":
            {
                var set = Arg(0);
                var elements = Enumerate(set, args[0]).ToArray();
                var pairs = elements.SelectMany(a => elements.Select(b => ValueOps.Set(a, b)));
                return Value.Of(new RecordSetValue(
                    (_spec.Strings.Intern("node"), ValueOps.Set(set)),
                    (_spec.Strings.Intern("edge"), Value.Of(new SubsetValue(SetOf(pairs))))));
            }
        }
        return Unsupported(symbol, at);
    }

    // ───────────────────────────── Relation ─────────────────────────────

    /// <summary>
    /// The Relation module: R is a boolean function on S \X S (or, for the ...Under forms, a binary operator);
    /// the quantifiers run in TLC's order and stop at the first counterexample, as TLC evaluates the definitions.
    /// </summary>
    private Value Relation(Symbol symbol, SyntaxNode at, ImmutableArray<Expr> args, Env env, StatePair st, bool primed)
    {
        var name = symbol.Name;
        var under = name.EndsWith("Under", StringComparison.Ordinal);
        Value? relation = under ? null : EvalCore(args[0], env, st, primed);
        var elements = Enumerate(EvalCore(args[1], env, st, primed), args[1]).ToArray();
        bool R(Value x, Value y)
        {
            var v = relation is { } r
                ? (r.IsFunction ? r.AsFunction.Apply(ValueOps.Tuple(x, y)) : throw Error(args[0], $"Attempted to apply {ValuePrinter.Ppr(r)}, which is not a function."))
                : Op(args, 0, env, st, primed, x, y);
            return v.IsBool ? v.AsBool : throw Error(at, $"A non-boolean expression ({ValuePrinter.Ppr(v)}) was used as a condition.");
        }
        bool All2(Func<Value, Value, bool> p) => elements.All(x => elements.All(y => p(x, y)));
        bool Reflexive() => elements.All(x => R(x, x));
        bool Irreflexive() => elements.All(x => !R(x, x));
        bool AntiSymmetric() => All2((x, y) => !(R(x, y) && R(y, x)) || ValueOps.TlcEquals(x, y));
        bool Transitive() => elements.All(x => elements.All(y => elements.All(z => !(R(x, y) && R(y, z)) || R(x, z))));
        bool StrictlyPartial() => Irreflexive() && AntiSymmetric() && Transitive();
        bool Partial() => Reflexive() && AntiSymmetric() && Transitive();
        switch (under ? name[..^"Under".Length] : name)
        {
            case "IsReflexive":
                return Value.Bool(Reflexive());
            case "IsIrreflexive":
                return Value.Bool(Irreflexive());
            case "IsSymmetric":
                return Value.Bool(All2((x, y) => R(x, y) == R(y, x)));
            case "IsAntiSymmetric":
                return Value.Bool(AntiSymmetric());
            case "IsAsymmetric":
                return Value.Bool(All2((x, y) => !(R(x, y) && R(y, x))));
            case "IsTransitive":
                return Value.Bool(Transitive());
            case "IsStrictlyPartiallyOrdered":
                return Value.Bool(StrictlyPartial());
            case "IsPartiallyOrdered":
                return Value.Bool(Partial());
            case "IsStrictlyTotallyOrdered":
                return Value.Bool(StrictlyPartial() && All2((x, y) => ValueOps.TlcEquals(x, y) || R(x, y) || R(y, x)));
            case "IsTotallyOrdered":
                return Value.Bool(Partial() && All2((x, y) => R(x, y) || R(y, x)));
            case "TransitiveClosure" or "ReflexiveTransitiveClosure" or "IsConnected":
            {
                var n = elements.Length;
                var closure = new bool[n, n];
                for (var i = 0; i < n; i++)
                {
                    for (var j = 0; j < n; j++)
                    {
                        closure[i, j] = R(elements[i], elements[j]);
                    }
                }
                for (var k = 0; k < n; k++)
                {
                    for (var i = 0; i < n; i++)
                    {
                        for (var j = 0; j < n; j++)
                        {
                            closure[i, j] |= closure[i, k] && closure[k, j];
                        }
                    }
                }
                var reflexive = name != "TransitiveClosure";
                if (name == "IsConnected")
                {
                    for (var i = 0; i < n; i++)
                    {
                        for (var j = 0; j < n; j++)
                        {
                            if (i != j && !closure[i, j])
                            {
                                return Value.False;
                            }
                        }
                    }
                    return Value.True;
                }
                var keys = new Value[n * n];
                var values = new Value[n * n];
                for (var i = 0; i < n; i++)
                {
                    for (var j = 0; j < n; j++)
                    {
                        keys[(i * n) + j] = ValueOps.Tuple(elements[i], elements[j]);
                        values[(i * n) + j] = Value.Bool(closure[i, j] || (reflexive && i == j));
                    }
                }
                return Value.Of(FunctionValue.FromPairs(keys, values));
            }
        }
        return Unsupported(symbol, at);
    }

    // ───────────────────────────── Json ─────────────────────────────

    private string ResolvePath(string path)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }
        // TLC opens relative names from its working directory, where TLC users run trace specs from
        // (JSON=trace.ndjson tlc Trace); a name found only beside the root module still resolves there.
        if (BaseDirectory is null && File.Exists(path))
        {
            return Path.GetFullPath(path);
        }
        var folder = BaseDirectory ?? (_spec.Root.Source?.Path is { } p ? Path.GetDirectoryName(Path.GetFullPath(p)) : null);
        return string.IsNullOrEmpty(folder) ? Path.GetFullPath(path) : Path.Combine(folder, path);
    }

    private Value Json(Symbol symbol, SyntaxNode at, ImmutableArray<Expr> args, Env env, StatePair st, bool primed)
    {
        Value Arg(int i) => EvalCore(args[i], env, st, primed);
        string PathArg(int i)
        {
            var v = Arg(i);
            return v.IsString ? ResolvePath(v.AsString.Text) : throw Error(at, ArgumentError(i == 0 ? "first" : "second", symbol.Name, "string", v));
        }
        switch (symbol.Name)
        {
            case "ToJson":
                return _spec.Strings.Str(JsonText(w => WriteJson(w, Arg(0), at)));
            case "ToJsonArray":
                return _spec.Strings.Str(JsonText(w => WriteJsonArray(w, Arg(0), at)));
            case "ToJsonObject":
                return _spec.Strings.Str(JsonText(w => WriteJsonObject(w, Arg(0), at)));
            case "ndJsonDeserialize":
            {
                var path = PathArg(0);
                var lines = ReadFile(path, at, symbol.Name).Split('\n');
                var values = new List<Value>();
                foreach (var raw in lines)
                {
                    var line = raw.Trim();
                    if (line.Length > 0)
                    {
                        values.Add(ParseJson(line, at, symbol.Name));
                    }
                }
                return Tuple(values);
            }
            case "JsonDeserialize":
                return ParseJson(ReadFile(PathArg(0), at, symbol.Name), at, symbol.Name);
            case "ndJsonSerialize":
            {
                var path = PathArg(0);
                var v = Arg(1);
                var elements = SeqArg(v, at, "ndJsonSerialize", "second");
                var sb = new StringBuilder();
                foreach (var e in elements)
                {
                    sb.Append(JsonText(w => WriteJson(w, e, at))).Append('\n');
                }
                WriteFile(path, sb.ToString(), at, symbol.Name);
                return Value.True;
            }
            case "JsonSerialize":
            {
                var path = PathArg(0);
                var v = Arg(1);
                if (!v.IsFunction)
                {
                    throw Error(at, ArgumentError("second", "JsonSerialize", "sequence or record", v));
                }
                WriteFile(path, JsonText(w => WriteJson(w, v, at)), at, symbol.Name);
                return Value.True;
            }
        }
        return Unsupported(symbol, at);
    }

    private string ReadFile(string path, SyntaxNode at, string op)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Error(at, $"{op} could not read {path}: {e.Message}");
        }
    }

    private void WriteFile(string path, string text, SyntaxNode at, string op)
    {
        try
        {
            if (Path.GetDirectoryName(path) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
            }
            File.WriteAllText(path, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Error(at, $"{op} could not write {path}: {e.Message}");
        }
    }

    private static string JsonText(Action<StringBuilder> write)
    {
        var sb = new StringBuilder();
        write(sb);
        return sb.ToString();
    }

    /// <summary>Gson's <c>JsonElement.toString()</c>: compact, with Gson's string escapes.</summary>
    private static void WriteJsonString(StringBuilder sb, string text)
    {
        sb.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case '\b':
                    sb.Append("\\b");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\f':
                    sb.Append("\\f");
                    break;
                case '\u2028' or '\u2029':
                    sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        sb.Append('"');
    }

    private static bool IsSequenceDomain(FunctionValue f) => f.IsTuple;

    private void WriteJson(StringBuilder sb, Value v, SyntaxNode at)
    {
        if (v.IsString)
        {
            WriteJsonString(sb, v.AsString.Text);
        }
        else if (v.IsModelValue)
        {
            WriteJsonString(sb, v.AsModelValue.Name.Text);
        }
        else if (v.IsInt)
        {
            sb.Append(v.AsBigInteger.ToString(CultureInfo.InvariantCulture));
        }
        else if (v.IsBool)
        {
            sb.Append(v.AsBool ? "true" : "false");
        }
        else if (v.IsFunction)
        {
            var f = v.AsFunction;
            if (IsSequenceDomain(f))
            {
                WriteJsonArray(sb, v, at);
            }
            else
            {
                WriteJsonObject(sb, v, at);
            }
        }
        else if (v.IsSet && v.AsSet.IsEnumerable)
        {
            WriteJsonArray(sb, v, at);
        }
        else
        {
            throw Error(at, $"Cannot convert value: unsupported value {ValuePrinter.Ppr(v)}");
        }
    }

    private void WriteJsonArray(StringBuilder sb, Value v, SyntaxNode at)
    {
        Value[] elements;
        if (v.IsFunction)
        {
            var f = v.AsFunction;
            if (f.IsRecord && f.Count > 0)
            {
                // TLC's getArrayNode has no case for a RecordValue.
                throw Error(at, $"Cannot convert value: unsupported value {ValuePrinter.Ppr(v)}");
            }
            if (!IsSequenceDomain(f))
            {
                WriteJsonObject(sb, v, at);
                return;
            }
            elements = f.RawValues;
        }
        else if (v.IsSet && v.AsSet.IsEnumerable)
        {
            elements = Enumerate(v, at).ToArray();
        }
        else
        {
            throw Error(at, $"Cannot convert value: unsupported value {ValuePrinter.Ppr(v)}");
        }
        sb.Append('[');
        for (var i = 0; i < elements.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }
            WriteJson(sb, elements[i], at);
        }
        sb.Append(']');
    }

    private void WriteJsonObject(StringBuilder sb, Value v, SyntaxNode at)
    {
        if (!v.IsFunction)
        {
            throw Error(at, $"Cannot convert value: unsupported value {ValuePrinter.Ppr(v)}");
        }
        var f = v.AsFunction;
        sb.Append('{');
        for (var i = 0; i < f.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }
            var key = f.KeyAt(i);
            // TLC writes a tuple as an object with keys "0", "1", ... when an object is asked for.
            var name = f.IsTuple ? i.ToString(CultureInfo.InvariantCulture) : key.IsString ? key.AsString.Text : key.ToString();
            WriteJsonString(sb, name);
            sb.Append(':');
            WriteJson(sb, f.RawValues[i], at);
        }
        sb.Append('}');
    }

    private Value ParseJson(string text, SyntaxNode at, string op)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions
            {
                AllowTrailingCommas = true,
                CommentHandling = JsonCommentHandling.Skip,
                MaxDepth = 1024,
            });
        }
        catch (JsonException e)
        {
            throw Error(at, $"{op} could not parse the JSON text: {e.Message}");
        }
        using (document)
        {
            return FromJson(document.RootElement, at);
        }
    }

    /// <summary>TLC's Json.getValue: arrays to tuples, objects to records, numbers to (32-bit) integers; null is an error.</summary>
    private Value FromJson(JsonElement node, SyntaxNode at)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Array:
            {
                var values = new List<Value>();
                foreach (var item in node.EnumerateArray())
                {
                    values.Add(FromJson(item, at));
                }
                return Tuple(values);
            }
            case JsonValueKind.Object:
            {
                var fields = new List<(TlaString Name, Value Value)>();
                foreach (var property in node.EnumerateObject())
                {
                    var name = _spec.Strings.Intern(property.Name);
                    var value = FromJson(property.Value, at);
                    var existing = fields.FindIndex(f => ReferenceEquals(f.Name, name));
                    if (existing >= 0)
                    {
                        fields[existing] = (name, value);
                    }
                    else
                    {
                        fields.Add((name, value));
                    }
                }
                return Value.Of(FunctionValue.Record([.. fields]));
            }
            case JsonValueKind.Number:
                return Value.Int(GsonInt(node.GetRawText()));
            case JsonValueKind.True:
                return Value.True;
            case JsonValueKind.False:
                return Value.False;
            case JsonValueKind.String:
                return _spec.Strings.Str(node.GetString()!);
            default:
                throw Error(at, $"Cannot convert value: unsupported JSON value {node.GetRawText()}");
        }
    }

    /// <summary>Gson's <c>getAsInt</c> of a number: an int, else a long cut to 32 bits, else the integer part of the decimal cut to 32 bits.</summary>
    private static int GsonInt(string text)
    {
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
        {
            return i;
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return unchecked((int)l);
        }
        var d = decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var m)
            ? new BigInteger(decimal.Truncate(m))
            : new BigInteger(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        return unchecked((int)(uint)(d & uint.MaxValue));
    }

    // ───────────────────────────── IOUtils ─────────────────────────────

    private Value IoUtils(Symbol symbol, SyntaxNode at, ImmutableArray<Expr> args, Env env, StatePair st, bool primed)
    {
        Value Arg(int i) => EvalCore(args[i], env, st, primed);
        switch (symbol.Name)
        {
            case "IOEnv":
            {
                var fields = new List<(TlaString, Value)>();
                foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
                {
                    fields.Add((_spec.Strings.Intern((string)entry.Key), _spec.Strings.Str((string?)entry.Value ?? "")));
                }
                return Value.Of(FunctionValue.Record([.. fields]));
            }
            case "atoi":
            {
                var v = Arg(0);
                if (v.IsString && int.TryParse(v.AsString.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
                {
                    return Value.Int(n);
                }
                throw Error(at, OneArgumentError("atoi", "string", v));
            }
            case "zeroPadN":
            {
                var s = Arg(0).ToString();
                var width = IntOf(Arg(1), at).AsInt64;
                var pad = Math.Max(0, width - s.Length);
                return _spec.Strings.Str(new string('0', (int)Math.Min(pad, int.MaxValue / 2)) + s);
            }
            case "IOExec" or "IOEnvExec" or "IOExecTemplate" or "IOEnvExecTemplate":
                throw Error(at, $"{symbol.Name} is disabled: Specula does not run processes from a spec.");
            case "Serialize":
                return Serialize(Arg(0), Arg(1), Arg(2), at);
            case "Deserialize":
                return Deserialize(Arg(0), Arg(1), at);
            case "IOSerialize" or "IODeserialize":
                throw Error(at, $"IOUtils' {symbol.Name} (TLC's binary value format) is not supported by Specula.");
        }
        return Unsupported(symbol, at);
    }

    private Value ExecResult(long exitValue, string stdout, string stderr)
    {
        var names = new[] { _spec.Strings.Intern("exitValue"), _spec.Strings.Intern("stdout"), _spec.Strings.Intern("stderr") };
        return Value.Of(FunctionValue.Record((names[0], Value.Int(exitValue)), (names[1], _spec.Strings.Str(stdout)), (names[2], _spec.Strings.Str(stderr))));
    }

    private static Value? Field(Value record, TlaString name) =>
        record.IsFunction && record.AsFunction.IndexOfKey(Value.String(name)) >= 0 ? record.AsFunction.Select(name) : null;

    /// <summary>IOUtils' Serialize as TLC's overrides implement it: the "NDJSON" and "TXT" formats.</summary>
    private Value Serialize(Value payload, Value file, Value options, SyntaxNode at)
    {
        var format = Field(options, _spec.Strings.Intern("format"));
        var openOptions = Field(options, _spec.Strings.Intern("openOptions")) is { IsFunction: true } o
            ? o.AsFunction.Values.ToArray().Where(v => v.IsString).Select(v => v.AsString.Text).ToHashSet(StringComparer.Ordinal)
            : [];
        void Write(string path, string text)
        {
            path = ResolvePath(path);
            if (openOptions.Contains("CREATE_NEW") && File.Exists(path))
            {
                throw new IOException($"{path} exists");
            }
            if (openOptions.Contains("APPEND"))
            {
                File.AppendAllText(path, text);
            }
            else
            {
                File.WriteAllText(path, text);
            }
        }
        if (format is { IsString: true } && format.Value.AsString.Text == "NDJSON")
        {
            var elements = SeqArg(payload, at, "Serialize", "first");
            if (!file.IsString)
            {
                throw Error(at, ArgumentError("second", "ndJsonSerialize", "sequence", file));
            }
            var sb = new StringBuilder();
            foreach (var e in elements)
            {
                sb.Append(JsonText(w => WriteJson(w, e, at))).Append('\n');
            }
            try
            {
                Write(file.AsString.Text, sb.ToString());
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Error(at, $"Serialize could not write {file.AsString.Text}: {e.Message}");
            }
            return Value.True;
        }
        if (format is { IsString: true } && format.Value.AsString.Text == "TXT")
        {
            if (!payload.IsString || !file.IsString)
            {
                return ExecResult(1, "", "Serialize error invalid parameters: the payload and the file name must be strings");
            }
            try
            {
                Write(file.AsString.Text, payload.AsString.Text);
                return ExecResult(0, "Finish writing to the file with success!", "");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return ExecResult(1, "", "Serialize error writing to the file: " + e.Message);
            }
        }
        throw Error(at, $"IOUtils' Serialize supports the formats \"NDJSON\" and \"TXT\", not {ValuePrinter.Ppr(format ?? options)}.");
    }

    /// <summary>IOUtils' Deserialize as TLC's override implements it: the "TXT" format.</summary>
    private Value Deserialize(Value file, Value options, SyntaxNode at)
    {
        var format = Field(options, _spec.Strings.Intern("format"));
        if (format is { IsString: true } && format.Value.AsString.Text == "TXT")
        {
            if (!file.IsString)
            {
                return ExecResult(1, "", "Deserialize error invalid parameters: the file name must be a string");
            }
            try
            {
                return ExecResult(0, File.ReadAllText(ResolvePath(file.AsString.Text)), "");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return ExecResult(1, "", "Deserialize error reading from the file: " + e.Message);
            }
        }
        throw Error(at, $"IOUtils' Deserialize supports the format \"TXT\", not {ValuePrinter.Ppr(format ?? options)}.");
    }
}

/// <summary>TLC's <c>Any</c>: the set that contains every value; only membership can be tested.</summary>
internal sealed class AnySetValue : SetLikeValue
{
    private AnySetValue()
    {
    }

    /// <summary>The one instance.</summary>
    public static AnySetValue Instance { get; } = new();

    /// <inheritdoc/>
    public override ValueKind Kind => ValueKind.InfiniteSet;

    /// <inheritdoc/>
    public override bool IsEnumerable => false;

    /// <inheritdoc/>
    public override long Count => throw ValueOps.NotEnumerable(this);

    /// <inheritdoc/>
    public override bool Contains(Value element) => true;

    /// <inheritdoc/>
    public override IEnumerable<Value> Enumerate() => throw ValueOps.NotEnumerable(this);

    private protected override ulong ComputeFingerprint() => 0x416E795365740001UL;

    internal override void Print(StringBuilder sb) => sb.Append("Any");
}
