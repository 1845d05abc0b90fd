using Specula.Tla.Checking;
using Specula.Tla.Evaluation;
using Specula.Tla.Tests.Evaluation;
using Specula.Tla.Values;

namespace Specula.Tla.Tests.Checking;

public sealed class CompactStateStoreTests
{
    /// <summary>Values of every kind a state may hold, as the evaluator builds them.</summary>
    private static readonly string[] Expressions =
    [
        "0", "-1", "42", "-9223372036854775807", "9223372036854775807 + 1", "TRUE", "FALSE", "\"abc\"", "\"\"",
        "{}", "{1, 2, 3}", "{\"b\", \"a\"}", "{{1}, {}, {1, 2}}", "<<>>", "<<1, \"x\", <<TRUE>>>>", "Append(<<1, 2>>, 3)",
        "[a |-> 1, b |-> {2}]", "[i \\in {\"p\", \"q\"} |-> i]", "[i \\in {-1, 5, 7} |-> i * i]", "[i \\in 1..3 |-> [j \\in 1..i |-> j]]",
        "1..5", "SUBSET {1, 2}", "[{1, 2} -> BOOLEAN]", "{x \\in 1..10 : x % 2 = 0}", "(1 :> 2) @@ (3 :> 4)",
        "{[type |-> \"req\", clock |-> 1], [type |-> \"ack\", clock |-> 0]}", "<<{1}, [a |-> <<>>], 1..2>>",
        // Four elements and more: stored with their fingerprint.
        "<<1, 2, 3, 4, 5>>", "{\"a\", \"b\", \"c\", \"d\"}", "[i \\in 1..6 |-> {i, -i}]", "[i \\in {\"w\", \"x\", \"y\", \"z\"} |-> <<i, i, i, i>>]",
    ];

    private static (SpecContext Context, Value[] Values) Evaluate()
    {
        var context = EvalHelper.Context(string.Join("\n", Expressions.Select((e, i) => $"E{i} == {e}")));
        var evaluator = new Evaluator(context);
        return (context, [.. Expressions.Select((_, i) => evaluator.Eval(ModelDefinitions.Body(context, $"E{i}"), Env.Empty, new StatePair()))]);
    }

    [Fact]
    public void A_stored_state_reads_back_equal_with_the_same_fingerprint_and_printed_form()
    {
        var (_, values) = Evaluate();
        var store = new CompactStateStore();
        // Each value alone, and all of them as one state, between states of other shapes.
        var states = values.Select(v => new State([v, Value.Int(values.Length)])).Append(new State(values)).ToList();

        var indices = states.Select(store.Add).ToList();

        Assert.Equal(Enumerable.Range(0, states.Count), indices);
        Assert.Equal(states.Count, store.Count);
        for (var i = 0; i < states.Count; i++)
        {
            var read = store[i];
            Assert.Equal(states[i], read);
            Assert.Equal(states[i].Fingerprint, read.Fingerprint);
            for (var v = 0; v < read.Count; v++)
            {
                Assert.Equal(states[i][v].Fingerprint, read[v].Fingerprint);
                Assert.Equal(states[i][v].ToString(), read[v].ToString());
                Assert.Equal(0, ValueOps.Compare(states[i][v], read[v]));
            }
        }
    }

    [Fact]
    public void Strings_and_model_values_read_back_as_the_interned_values_themselves()
    {
        var strings = new StringTable();
        var store = new CompactStateStore();
        var p1 = Value.Model(strings.ModelValue("p1"));
        var name = Value.String(strings.Intern("name"));

        store.Add(new State([p1, name, Value.Of(SetValue.Of(p1, Value.Model(strings.ModelValue("p2"))))]));
        var read = store[0];

        Assert.Same(p1.Heap, read[0].Heap);
        Assert.Same(name.Heap, read[1].Heap);
        Assert.Same(p1.Heap, read[2].AsSet.ToSetValue()[0].Heap);
    }

    [Fact]
    public void States_larger_than_a_chunk_and_many_states_across_chunks_read_back()
    {
        var store = new CompactStateStore();
        var big = new State([Value.Of(FunctionValue.Tuple([.. Enumerable.Range(0, 300_000).Select(i => Value.Int(i * 1_000_003L))]))]);
        var states = Enumerable.Range(0, 150_000).Select(i => new State([Value.Int(i), Value.Of(FunctionValue.Tuple(Value.Int(-i), Value.Bool(i % 2 == 0)))])).ToList();

        store.Add(states[0]);
        store.Add(big);
        foreach (var state in states.Skip(1))
        {
            store.Add(state);
        }

        Assert.Equal(big, store[1]);
        Assert.Equal(states[0], store[0]);
        Assert.Equal(states[^1], store[store.Count - 1]);
        Assert.Equal(states[70_000], store[70_001]);
    }

    [Fact]
    public void States_encoded_on_two_threads_with_new_atoms_are_stored_and_read_back()
    {
        var store = new CompactStateStore();
        var strings = new StringTable();
        // Both threads meet the same new strings at about the same time: each must get one number in the table.
        State StateOf(int t, int i) => new([Value.Int(t), Value.String(strings.Intern("s" + i)), Value.Model(strings.ModelValue("m" + (i % 97)))]);
        var encoders = new[] { store.CreateEncoder(), store.CreateEncoder() };
        var encoded = new List<Range>[] { [], [] };
        var threads = Enumerable.Range(0, 2).Select(t => new Thread(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                encoded[t].Add(encoders[t].Encode(StateOf(t, i)));
            }
        })).ToList();

        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        var indices = Enumerable.Range(0, 2).Select(t => encoded[t].Select(bytes => store.Add(encoders[t], bytes)).ToList()).ToList();

        for (var t = 0; t < 2; t++)
        {
            for (var i = 0; i < 20_000; i += 7)
            {
                Assert.Equal(StateOf(t, i), store[indices[t][i]]);
                Assert.Same(StateOf(t, i)[1].Heap, store[indices[t][i]][1].Heap);
            }
        }
        Assert.Throws<ArgumentException>(() => new CompactStateStore().Add(encoders[0], encoded[0][0]));
    }

    [Fact]
    public void Readers_on_other_threads_read_stored_states_while_more_are_stored()
    {
        var store = new CompactStateStore();
        var strings = new StringTable();
        State StateOf(int i) => new([Value.Int(i), Value.String(strings.Intern("s" + (i % 1000))), Value.Of(SetValue.Of(Value.Int(i), Value.Int(i + 1)))]);
        var wrong = 0;
        var writer = new Thread(() =>
        {
            for (var i = 0; i < 200_000; i++)
            {
                store.Add(StateOf(i));
            }
        });
        var readers = Enumerable.Range(0, 2).Select(r => new Thread(() =>
        {
            var random = new Random(r);
            for (var k = 0; k < 100_000; k++)
            {
                var count = store.Count;
                if (count > 0)
                {
                    var i = random.Next(count);
                    if (!store[i].Equals(StateOf(i)))
                    {
                        Interlocked.Increment(ref wrong);
                    }
                }
            }
        })).ToList();

        writer.Start();
        readers.ForEach(t => t.Start());
        writer.Join();
        readers.ForEach(t => t.Join());

        Assert.Equal(0, wrong);
        Assert.Equal(200_000, store.Count);
    }
}
