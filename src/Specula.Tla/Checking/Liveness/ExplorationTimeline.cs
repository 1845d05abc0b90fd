using Specula.Tla.Evaluation;
using Specula.Tla.Values;

namespace Specula.Tla.Checking.Liveness;

/// <summary>
/// When TLC's single worker evaluated the predicates of a temporal property on each state, reconstructed from the
/// finished search: TLC evaluates them on a state's successors (and on the state itself, its stuttering step) right
/// after it has generated that state's successors, so <c>TLCGet("queue")</c> in a property reads the size of the
/// queue at that moment. The stored states are numbered in the order the search enqueued them and expanded in that
/// order, so the queue after expanding state i holds every state enqueued by then except the first i + 1.
/// </summary>
internal sealed class ExplorationTimeline
{
    private readonly long[] _queueAfter;
    private readonly int[] _level;
    private readonly Dictionary<int, long> _initialQueue = [];

    /// <summary>Builds the timeline from each stored state's parent (-1 for initial states).</summary>
    /// <param name="parents">The parent of each stored state, in storage order.</param>
    /// <param name="stateCount">How many stored states the graph has (states stored past it are ignored).</param>
    public ExplorationTimeline(IReadOnlyList<int> parents, int stateCount)
    {
        _queueAfter = new long[stateCount];
        _level = new int[stateCount];
        var storedAfter = new int[stateCount];
        var initial = 0;
        for (var j = 0; j < stateCount; j++)
        {
            var parent = parents[j];
            if (parent < 0)
            {
                initial = j + 1;
                _level[j] = 1;
                // An initial state is enqueued before TLC evaluates the property on it.
                _initialQueue[j] = j + 1;
                continue;
            }
            _level[j] = _level[parent] + 1;
            storedAfter[parent] = Math.Max(storedAfter[parent], j + 1);
        }
        var stored = initial;
        for (var i = 0; i < stateCount; i++)
        {
            stored = Math.Max(stored, Math.Max(storedAfter[i], i + 1));
            _queueAfter[i] = stored - (i + 1);
        }
    }

    /// <summary>For an initial state, the queue's size when TLC evaluated the property on it (it and those before).</summary>
    public IReadOnlyDictionary<int, long> InitialQueue => _initialQueue;

    /// <summary>The queue's size once state <paramref name="state"/>'s successors have been enqueued.</summary>
    public long QueueAfter(int state) => _queueAfter[state];

    /// <summary>TLC's level of a state: 1 for an initial state, one more than its parent's otherwise.</summary>
    public int Level(int state) => _level[state];
}

/// <summary>
/// The model checker's view with <c>TLCGet("queue")</c> and <c>TLCGet("level")</c> fixed to the values TLC had when
/// it evaluated a property; everything else is read from the checker.
/// </summary>
internal sealed class TimedCheckerView(ICheckerView? inner, long queue, int level) : ICheckerView
{
    public bool TryGetStatistic(string name, Value[]? state, out Value value)
    {
        switch (name)
        {
            case "queue":
                value = Value.Int(queue);
                return true;
            case "level":
                value = Value.Int(level);
                return true;
            default:
                value = default;
                return inner is not null && inner.TryGetStatistic(name, state, out value);
        }
    }

    public Value? Trace(Value[] state) => inner?.Trace(state);
}
