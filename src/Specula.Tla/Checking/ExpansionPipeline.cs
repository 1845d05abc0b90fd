using System.Runtime.ExceptionServices;

namespace Specula.Tla.Checking;

/// <summary>
/// A run of consecutive queued states of one level, expanded together by one thread and merged together, in queue
/// order, by the thread that owns the visited set.
/// </summary>
/// <typeparam name="TExpansion">What expanding one state produces.</typeparam>
internal sealed class ExpansionChunk<TExpansion>(int level, int capacity)
    where TExpansion : class
{
    /// <summary>The level (depth) of the chunk's states.</summary>
    public int Level { get; } = level;

    /// <summary>The stored index of each state.</summary>
    public List<int> Indices { get; } = new(capacity);

    /// <summary>The states themselves, so that expanding them reads nothing the merging thread changes.</summary>
    public List<State> States { get; } = new(capacity);

    /// <summary>Each state's expansion, once <see cref="IsDone"/>.</summary>
    public TExpansion[] Expansions { get; private set; } = [];

    /// <summary>An unexpected exception thrown while expanding, rethrown where the chunk is merged.</summary>
    public ExceptionDispatchInfo? Fault { get; private set; }

    private int _claimed;
    private volatile bool _done;

    public int Count => Indices.Count;

    public bool IsDone => _done;

    public void Add(int index, State state)
    {
        Indices.Add(index);
        States.Add(state);
    }

    /// <summary>Takes the chunk for expansion; false when another thread already has.</summary>
    public bool TryClaim() => Interlocked.Exchange(ref _claimed, 1) == 0;

    public bool IsClaimed => Volatile.Read(ref _claimed) != 0;

    /// <summary>Expands every state with <paramref name="expand"/>; records an unexpected exception instead of throwing.</summary>
    public void Expand(Func<int, State, int, TExpansion> expand)
    {
        var expansions = new TExpansion[Indices.Count];
        try
        {
            for (var i = 0; i < expansions.Length; i++)
            {
                expansions[i] = expand(Indices[i], States[i], Level);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Fault = ExceptionDispatchInfo.Capture(ex);
        }
        Expansions = expansions;
        _done = true;
    }
}

/// <summary>
/// Expands the breadth-first queue ahead of the merge with several threads: the merging thread publishes chunks of
/// newly stored states in queue order, worker threads claim and expand them, and the merging thread takes their
/// expansions back in the same order (expanding chunks itself while it waits). Nothing waits for a whole level, so
/// the workers stay busy while states are merged, and the number of chunks expanded ahead of the merge is bounded
/// so that unmerged successors do not pile up.
/// </summary>
/// <typeparam name="TExpansion">What expanding one state produces.</typeparam>
internal sealed class ExpansionPipeline<TExpansion> : IDisposable
    where TExpansion : class
{
    private readonly object _gate = new();
    private readonly List<ExpansionChunk<TExpansion>?> _chunks = [];
    private readonly Func<int, State, int, TExpansion> _expand;
    private readonly Thread[] _threads;
    private readonly int _maxAhead;
    // The first chunk no thread has claimed yet (a hint: chunks before it are all claimed).
    private int _claimCursor;
    // The chunk the merging thread takes next; chunks before it are merged and dropped.
    private int _mergeCursor;
    private int _waiting;
    private bool _stopped;

    /// <summary>Starts <paramref name="threads"/> worker threads expanding with <paramref name="expand"/>.</summary>
    /// <param name="threads">Worker threads besides the merging thread, which expands too while it waits.</param>
    /// <param name="expand">Expands one state: its stored index, the state and its level.</param>
    public ExpansionPipeline(int threads, Func<int, State, int, TExpansion> expand)
    {
        _expand = expand;
        _maxAhead = 4 * (threads + 1);
        _threads = new Thread[threads];
        for (var i = 0; i < threads; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"specula-checker-{i + 1}" };
            _threads[i].Start();
        }
    }

    /// <summary>Chunks published and not yet merged.</summary>
    public int Pending => _chunks.Count - _mergeCursor;

    /// <summary>True when every published chunk not yet merged has been claimed: the workers have nothing left to take.</summary>
    public bool Starving
    {
        get
        {
            lock (_gate)
            {
                return _claimCursor >= _chunks.Count;
            }
        }
    }

    /// <summary>Makes a chunk available for expansion, after every chunk published before it.</summary>
    public void Publish(ExpansionChunk<TExpansion> chunk)
    {
        lock (_gate)
        {
            _chunks.Add(chunk);
            if (_waiting > 0)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>
    /// The next chunk in queue order, expanded; null when every published chunk has been merged. The chunk is
    /// dropped from the pipeline: the caller merges it.
    /// </summary>
    public ExpansionChunk<TExpansion>? TakeNext()
    {
        ExpansionChunk<TExpansion> chunk;
        lock (_gate)
        {
            if (_mergeCursor >= _chunks.Count)
            {
                return null;
            }
            chunk = _chunks[_mergeCursor]!;
        }
        while (!chunk.IsDone)
        {
            // Expand rather than wait: the chunk waited for first, if no worker has it, or else the next one.
            if (Claim(wait: false) is { } other)
            {
                other.Expand(_expand);
                Completed();
                continue;
            }
            lock (_gate)
            {
                if (!chunk.IsDone)
                {
                    _waiting++;
                    Monitor.Wait(_gate, 1);
                    _waiting--;
                }
            }
        }
        chunk.Fault?.Throw();
        lock (_gate)
        {
            _chunks[_mergeCursor] = null;
            _mergeCursor++;
            if (_waiting > 0)
            {
                // Workers held back by the bound on chunks ahead of the merge may go on.
                Monitor.PulseAll(_gate);
            }
        }
        return chunk;
    }

    private ExpansionChunk<TExpansion>? Claim(bool wait)
    {
        lock (_gate)
        {
            while (true)
            {
                if (_stopped)
                {
                    return null;
                }
                var limit = Math.Min(_chunks.Count, _mergeCursor + _maxAhead);
                for (; _claimCursor < limit; _claimCursor++)
                {
                    if (_chunks[_claimCursor] is { } chunk && chunk.TryClaim())
                    {
                        _claimCursor++;
                        return chunk;
                    }
                }
                if (!wait)
                {
                    return null;
                }
                _waiting++;
                Monitor.Wait(_gate);
                _waiting--;
            }
        }
    }

    private void Completed()
    {
        lock (_gate)
        {
            if (_waiting > 0)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }

    private void Work()
    {
        while (Claim(wait: true) is { } chunk)
        {
            chunk.Expand(_expand);
            Completed();
        }
    }

    /// <summary>Stops the workers (a chunk being expanded is finished first) and waits for them.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _stopped = true;
            Monitor.PulseAll(_gate);
        }
        foreach (var thread in _threads)
        {
            thread.Join();
        }
    }
}
