// A replicated lock service: three replicas run viewstamped replication (normal case, view change, state transfer for
// a restarted replica) over an in-process network under a seeded scheduler (delays, reordering, drops, a crash, a
// partition), so a run is reproducible from its seed. Two clients acquire and release locks with retries. Every
// protocol step is traced with the Specula C# kit.
using Specula.Trace;

var options = Options.Parse(args);
Directory.CreateDirectory(Path.Combine(options.Out, "traces"));
using var trace = new TraceWriter(Path.Combine(options.Out, "traces", "trace.ndjson"));
var sim = new Simulation(options, trace);
Console.WriteLine($"seed={options.Seed} workload={options.Workload} faults={string.Join(",", options.Faults.Order())}");
var ok = sim.Run();
Console.WriteLine($"rounds={sim.Round} events={trace.Events} {sim.Summary()}");
return ok ? 0 : 2;

internal sealed record Options(long Seed, string Workload, HashSet<string> Faults, string Out, int Operations)
{
    public static Options Parse(string[] args)
    {
        string Arg(string name, string? env, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : Environment.GetEnvironmentVariable(env ?? "") is { Length: > 0 } e ? e : fallback;
        }
        var faults = Arg("--faults", "SPECULA_FAULTS", "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
        return new Options(long.Parse(Arg("--seed", "SPECULA_SEED", "1"), System.Globalization.CultureInfo.InvariantCulture), Arg("--workload", "SPECULA_WORKLOAD", "locks"),
            faults, Arg("--out", "SPECULA_OUT", "."), int.Parse(Arg("--ops", null, "16"), System.Globalization.CultureInfo.InvariantCulture));
    }
}

internal sealed record Op(string Client, int RequestId, string Kind, string Lock);

internal sealed record Message(string Type, string From, string To, int View, Dictionary<string, object?> Body, IReadOnlyDictionary<string, long> Clock, int DeliverAt);

internal enum Status { Normal, ViewChange, Recovering }

internal sealed class Replica(string name, int index)
{
    public string Name { get; } = name;
    public int Index { get; } = index;
    public bool Up { get; set; } = true;
    public int View { get; set; }
    public int LastNormalView { get; set; }
    public Status Status { get; set; } = Status.Normal;
    public List<Op> Log { get; set; } = [];
    public int Commit { get; set; }
    public int Applied { get; set; }
    public SortedDictionary<string, string> Locks { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, (int RequestId, string Result)> Clients { get; } = [];
    public Dictionary<int, HashSet<string>> Acks { get; } = [];
    public Dictionary<int, Dictionary<string, (int LastNormal, List<Op> Log, int Commit)>> ViewChanges { get; } = [];
    public int Quiet { get; set; }
    public int Timeout { get; set; }
}

internal sealed class Client(string name)
{
    public string Name { get; } = name;
    public int RequestId { get; set; }
    public Op? Pending { get; set; }
    public int SentAt { get; set; }
    public int PrimaryGuess { get; set; }
    public HashSet<string> Held { get; } = [];
    public int Done { get; set; }
}

internal sealed class Simulation
{
    private readonly Options _o;
    private readonly TraceWriter _t;
    private readonly Random _rng;
    private readonly List<Replica> _replicas = [];
    private readonly List<Client> _clients = [];
    private readonly List<Message> _net = [];
    private readonly HashSet<string> _cut = [];
    private readonly List<string> _violations = [];
    private static readonly string[] LockNames = ["a", "b"];

    public Simulation(Options o, TraceWriter t)
    {
        _o = o;
        _t = t;
        _rng = new Random(unchecked((int)o.Seed)); // seeded: the whole run follows from it
        for (var i = 0; i < 3; i++)
        {
            var r = new Replica($"r{i + 1}", i);
            r.Timeout = 12 + _rng.Next(8);
            _replicas.Add(r);
            Emit(r, "Init", new() { ["timeout"] = r.Timeout });
        }
        _clients.Add(new Client("c1"));
        _clients.Add(new Client("c2"));
    }

    public int Round { get; private set; }

    private Replica Primary(int view) => _replicas[view % 3];

    public bool Run()
    {
        var crashed = (Replica?)null;
        int crashAt = _o.Workload == "primary-crash" || _o.Faults.Contains("crash-primary") ? _o.Operations / 3 : -1, restartAt = -1;
        int partitionAt = _o.Workload == "partition" || _o.Faults.Contains("partition") ? _o.Operations / 2 : -1, healAt = -1;
        for (Round = 1; Round <= 3000; Round++)
        {
            var done = _clients.Sum(c => c.Done);
            if (crashAt >= 0 && done >= crashAt && crashed is null)
            {
                crashed = _replicas.Where(r => r.Up && r.Status == Status.Normal && Primary(r.View) == r).OrderByDescending(r => r.View).FirstOrDefault();
                if (crashed is not null)
                {
                    crashed.Up = false;
                    Emit(crashed, "Crash", []);
                    EmitEnv("CrashReplica", new() { ["replica"] = crashed.Name });
                    restartAt = Round + 30 + _rng.Next(20);
                    crashAt = -1;
                }
            }
            if (crashed is not null && Round == restartAt)
            {
                crashed.Up = true;
                crashed.Status = Status.Recovering;
                crashed.Quiet = 0;
                Emit(crashed, "Restart", []);
                EmitEnv("RestartReplica", new() { ["replica"] = crashed.Name });
                Broadcast(crashed, "GetState", new() { ["nonce"] = Round });
                crashed = null;
            }
            if (partitionAt >= 0 && done >= partitionAt)
            {
                var primary = _replicas.Where(r => r.Up && Primary(r.View) == r && r.Status == Status.Normal).OrderByDescending(r => r.View).FirstOrDefault();
                if (primary is not null)
                {
                    foreach (var other in _replicas.Where(r => r != primary))
                    {
                        _cut.Add(primary.Name + "|" + other.Name);
                        _cut.Add(other.Name + "|" + primary.Name);
                    }
                    EmitEnv("Partition", new() { ["isolated"] = primary.Name });
                    healAt = Round + 40 + _rng.Next(20);
                    partitionAt = -1;
                }
            }
            if (Round == healAt)
            {
                _cut.Clear();
                EmitEnv("Heal", []);
            }

            foreach (var c in _clients)
            {
                ClientStep(c);
            }
            foreach (var r in _replicas.Where(r => r.Up))
            {
                ReplicaTick(r);
            }
            Deliver();
            CheckSafety();
            if (_clients.All(c => c.Done >= _o.Operations && c.Pending is null) && crashed is null && _cut.Count == 0 && Converged())
            {
                break;
            }
        }
        return _violations.Count == 0 && _clients.All(c => c.Done >= _o.Operations);
    }

    public string Summary() => "done=" + string.Join(",", _clients.Select(c => $"{c.Name}:{c.Done}"))
        + " commit=" + string.Join(",", _replicas.Select(r => $"{r.Name}:{r.Commit}")) + (_violations.Count > 0 ? " VIOLATIONS=" + string.Join("; ", _violations) : "");

    private bool Converged() => _replicas.All(r => r.Up && r.Status == Status.Normal && r.Applied == _replicas[0].Applied && r.View == _replicas[0].View);

    // ---- clients ----

    private void ClientStep(Client c)
    {
        if (c.Pending is null && c.Done < _o.Operations && _rng.Next(3) == 0)
        {
            var lockName = LockNames[_rng.Next(LockNames.Length)];
            var kind = c.Held.Contains(lockName) ? "Release" : "Acquire";
            c.Pending = new Op(c.Name, ++c.RequestId, kind, lockName);
            c.SentAt = Round;
            EmitClient(c, "Request", OpArgs(c.Pending));
            Send(c.Name, _replicas[c.PrimaryGuess].Name, "Request", 0, OpArgs(c.Pending));
        }
        else if (c.Pending is { } op && Round - c.SentAt > 25)
        {
            c.SentAt = Round;
            c.PrimaryGuess = (c.PrimaryGuess + 1) % 3;
            EmitClient(c, "Retry", OpArgs(op));
            Send(c.Name, _replicas[c.PrimaryGuess].Name, "Request", 0, OpArgs(op));
        }
    }

    private void ClientReceive(Client c, Message m)
    {
        if (m.Type == "NotPrimary")
        {
            // Redirected: resend at once to the primary of the view the replica knows.
            c.PrimaryGuess = (int)m.Body["view"]! % 3;
            if (c.Pending is { } again && _replicas[c.PrimaryGuess].Name != m.From)
            {
                c.SentAt = Round;
                Send(c.Name, _replicas[c.PrimaryGuess].Name, "Request", 0, OpArgs(again));
            }
            return;
        }
        if (c.Pending is not { } op || (int)m.Body["requestId"]! != op.RequestId)
        {
            return; // a late duplicate reply
        }
        var result = (string)m.Body["result"]!;
        c.PrimaryGuess = m.View % 3;
        if (op.Kind == "Acquire" && result == "granted")
        {
            c.Held.Add(op.Lock);
        }
        if (op.Kind == "Release")
        {
            c.Held.Remove(op.Lock);
        }
        c.Pending = null;
        c.Done++;
        EmitClient(c, "Reply", new() { ["op"] = op.Kind, ["lock"] = op.Lock, ["requestId"] = op.RequestId, ["result"] = result });
    }

    // ---- replicas ----

    private void ReplicaTick(Replica r)
    {
        r.Quiet++;
        var primary = Primary(r.View) == r;
        if (primary && r.Status == Status.Normal)
        {
            if (Round % 4 == 0)
            {
                // Heartbeat, and retransmission of prepares not yet acknowledged by every backup.
                foreach (var b in _replicas.Where(b => b != r))
                {
                    Send(r.Name, b.Name, "Commit", r.View, new() { ["commit"] = r.Commit, ["logLength"] = r.Log.Count });
                }
            }
            return;
        }
        if (r.Status != Status.Recovering && r.Quiet > r.Timeout)
        {
            StartViewChange(r, Math.Max(r.View + 1, r.Status == Status.ViewChange ? r.View + 1 : r.View + 1));
        }
    }

    private void StartViewChange(Replica r, int view)
    {
        r.View = view;
        r.Status = Status.ViewChange;
        r.Quiet = 0;
        r.Timeout = 12 + _rng.Next(8);
        Emit(r, "StartViewChange", new() { ["view"] = view, ["newPrimary"] = Primary(view).Name });
        Send(r.Name, Primary(view).Name, "DoViewChange", view, new() { ["lastNormal"] = r.LastNormalView, ["log"] = LogArgs(r.Log), ["commit"] = r.Commit });
    }

    private void ReplicaReceive(Replica r, Message m)
    {
        if (m.Type == "Request")
        {
            HandleRequest(r, m);
            return;
        }
        if (m.Type == "GetState")
        {
            if (r.Status == Status.Normal)
            {
                Send(r.Name, m.From, "NewState", r.View, new() { ["log"] = LogArgs(r.Log), ["commit"] = r.Commit, ["lastNormal"] = r.LastNormalView });
            }
            return;
        }
        if (m.View < r.View && m.Type != "NewState")
        {
            return; // stale
        }
        if (m.View > r.View && m.Type is "Prepare" or "Commit")
        {
            // A replica that missed a view change catches up by state transfer.
            r.View = m.View;
            r.Status = Status.Recovering;
            Emit(r, "Recover", new() { ["view"] = m.View });
            Send(r.Name, m.From, "GetState", m.View, new() { ["nonce"] = Round });
            return;
        }
        switch (m.Type)
        {
            case "Prepare" when r.Status == Status.Normal:
            {
                r.Quiet = 0;
                var index = (int)m.Body["index"]!;
                if (index == r.Log.Count + 1)
                {
                    var op = ToOp((Dictionary<string, object?>)m.Body["op"]!);
                    r.Log.Add(op);
                    Emit(r, "AppendLog", new() { ["index"] = index, ["op"] = OpArgs(op) });
                }
                if (index <= r.Log.Count)
                {
                    Send(r.Name, m.From, "PrepareOk", r.View, new() { ["index"] = r.Log.Count });
                }
                AdvanceCommit(r, Math.Min((int)m.Body["commit"]!, r.Log.Count));
                break;
            }
            case "Commit" when r.Status == Status.Normal:
                r.Quiet = 0;
                if ((int)m.Body["logLength"]! > r.Log.Count)
                {
                    Send(r.Name, m.From, "PrepareOk", r.View, new() { ["index"] = r.Log.Count, ["missing"] = true });
                }
                AdvanceCommit(r, Math.Min((int)m.Body["commit"]!, r.Log.Count));
                break;
            case "PrepareOk" when r.Status == Status.Normal && Primary(r.View) == r:
            {
                var upTo = (int)m.Body["index"]!;
                if (m.Body.ContainsKey("missing") || upTo < r.Log.Count)
                {
                    // Resend what the backup lacks.
                    for (var i = upTo + 1; i <= r.Log.Count; i++)
                    {
                        Send(r.Name, m.From, "Prepare", r.View, new() { ["index"] = i, ["op"] = OpArgs(r.Log[i - 1]), ["commit"] = r.Commit });
                    }
                }
                for (var i = r.Commit + 1; i <= upTo; i++)
                {
                    (r.Acks.TryGetValue(i, out var set) ? set : r.Acks[i] = []).Add(m.From);
                }
                var commit = r.Commit;
                while (commit < r.Log.Count && r.Acks.TryGetValue(commit + 1, out var acks) && acks.Count >= 1)
                {
                    commit++;
                }
                AdvanceCommit(r, commit);
                break;
            }
            case "DoViewChange" when Primary(m.View) == r:
            {
                if (m.View > r.View)
                {
                    r.View = m.View;
                    r.Status = Status.ViewChange;
                    Emit(r, "StartViewChange", new() { ["view"] = m.View, ["newPrimary"] = r.Name });
                }
                if (!r.ViewChanges.TryGetValue(m.View, out var votes))
                {
                    votes = r.ViewChanges[m.View] = new() { [r.Name] = (r.LastNormalView, [.. r.Log], r.Commit) };
                }
                votes[m.From] = ((int)m.Body["lastNormal"]!, ToLog(m.Body["log"]), (int)m.Body["commit"]!);
                if (votes.Count >= 2 && r.Status == Status.ViewChange && r.View == m.View)
                {
                    var best = votes.Values.OrderByDescending(v => v.LastNormal).ThenByDescending(v => v.Log.Count).First();
                    r.Log = [.. best.Log];
                    r.LastNormalView = r.View;
                    r.Status = Status.Normal;
                    r.Acks.Clear();
                    r.Quiet = 0;
                    Emit(r, "BecomePrimary", new() { ["view"] = r.View, ["logLength"] = r.Log.Count });
                    foreach (var b in _replicas.Where(b => b != r))
                    {
                        Send(r.Name, b.Name, "StartView", r.View, new() { ["log"] = LogArgs(r.Log), ["commit"] = Math.Max(r.Commit, votes.Values.Max(v => v.Commit)) });
                    }
                    AdvanceCommit(r, Math.Min(r.Log.Count, votes.Values.Max(v => v.Commit)));
                }
                break;
            }
            case "StartView" or "NewState":
            {
                if (m.Type == "NewState" && r.Status != Status.Recovering)
                {
                    break;
                }
                var log = ToLog(m.Body["log"]);
                r.View = m.View;
                r.Log = log;
                r.LastNormalView = m.View;
                r.Status = Status.Normal;
                r.Quiet = 0;
                if (r.Applied > r.Log.Count)
                {
                    _violations.Add($"{r.Name} applied {r.Applied} entries but the new log has {r.Log.Count}");
                }
                Emit(r, "BecomeBackup", new() { ["view"] = m.View, ["logLength"] = log.Count, ["via"] = m.Type });
                AdvanceCommit(r, Math.Min((int)m.Body["commit"]!, r.Log.Count));
                if (r.Log.Count > 0)
                {
                    Send(r.Name, m.From, "PrepareOk", r.View, new() { ["index"] = r.Log.Count });
                }
                break;
            }
        }
    }

    private void HandleRequest(Replica r, Message m)
    {
        if (r.Status != Status.Normal || Primary(r.View) != r)
        {
            Send(r.Name, m.From, "NotPrimary", r.View, new() { ["view"] = r.View });
            return;
        }
        var op = ToOp(m.Body);
        if (r.Clients.TryGetValue(op.Client, out var last) && last.RequestId == op.RequestId)
        {
            Send(r.Name, op.Client, "Reply", r.View, new() { ["requestId"] = op.RequestId, ["result"] = last.Result });
            return;
        }
        if (r.Log.Any(e => e.Client == op.Client && e.RequestId == op.RequestId))
        {
            return; // already in the log, not yet committed
        }
        r.Log.Add(op);
        Emit(r, "AppendLog", new() { ["index"] = r.Log.Count, ["op"] = OpArgs(op) });
        foreach (var b in _replicas.Where(b => b != r))
        {
            Send(r.Name, b.Name, "Prepare", r.View, new() { ["index"] = r.Log.Count, ["op"] = OpArgs(op), ["commit"] = r.Commit });
        }
    }

    private void AdvanceCommit(Replica r, int commit)
    {
        if (commit > r.Commit)
        {
            r.Commit = commit;
            Emit(r, "AdvanceCommit", new() { ["commit"] = commit });
        }
        while (r.Applied < r.Commit)
        {
            var op = r.Log[r.Applied];
            r.Applied++;
            string result;
            if (r.Clients.TryGetValue(op.Client, out var last) && last.RequestId >= op.RequestId)
            {
                result = last.Result; // duplicate in the log: executed once
            }
            else
            {
                result = op.Kind switch
                {
                    "Acquire" when !r.Locks.TryGetValue(op.Lock, out var holder) || holder == op.Client => Grant(r, op),
                    "Acquire" => "denied",
                    _ when r.Locks.TryGetValue(op.Lock, out var holder) && holder == op.Client => Free(r, op),
                    _ => "not-held",
                };
                r.Clients[op.Client] = (op.RequestId, result);
            }
            Emit(r, "Apply", new() { ["index"] = r.Applied, ["op"] = OpArgs(op), ["result"] = result });
            if (Primary(r.View) == r && r.Status == Status.Normal)
            {
                Send(r.Name, op.Client, "Reply", r.View, new() { ["requestId"] = op.RequestId, ["result"] = result });
            }
        }
    }

    private static string Grant(Replica r, Op op)
    {
        r.Locks[op.Lock] = op.Client;
        return "granted";
    }

    private static string Free(Replica r, Op op)
    {
        r.Locks.Remove(op.Lock);
        return "released";
    }

    // ---- network ----

    private void Send(string from, string to, string type, int view, Dictionary<string, object?> body)
    {
        var args = new Dictionary<string, object?>(body) { ["type"] = type, ["to"] = to, ["view"] = view };
        EmitAny(from, "Send", args);
        var delay = _o.Faults.Contains("delay") ? _rng.Next(4) : 0;
        _net.Add(new Message(type, from, to, view, body, _t.Stamp(from), Round + delay));
    }

    private void Broadcast(Replica from, string type, Dictionary<string, object?> body)
    {
        foreach (var to in _replicas.Where(r => r != from))
        {
            Send(from.Name, to.Name, type, from.View, body);
        }
    }

    private void Deliver()
    {
        var due = _net.Where(m => m.DeliverAt <= Round).ToList();
        _net.RemoveAll(m => m.DeliverAt <= Round);
        if (_o.Faults.Contains("reorder"))
        {
            for (var i = due.Count - 1; i > 0; i--)
            {
                var j = _rng.Next(i + 1);
                (due[i], due[j]) = (due[j], due[i]);
            }
        }
        foreach (var m in due)
        {
            var replica = _replicas.FirstOrDefault(r => r.Name == m.To);
            string? drop = replica is { Up: false } ? "receiver down"
                : _cut.Contains(m.From + "|" + m.To) ? "partition"
                : _o.Faults.Contains("drop") && _rng.NextDouble() < 0.05 ? "lossy network" : null;
            if (drop is not null)
            {
                EmitEnv("Drop", new() { ["reason"] = drop, ["type"] = m.Type, ["from"] = m.From, ["to"] = m.To });
                continue;
            }
            _t.Merge(m.To, m.Clock);
            EmitAny(m.To, "Receive", new Dictionary<string, object?>(m.Body) { ["type"] = m.Type, ["from"] = m.From, ["view"] = m.View });
            if (replica is not null)
            {
                ReplicaReceive(replica, m);
            }
            else
            {
                ClientReceive(_clients.First(c => c.Name == m.To), m);
            }
        }
    }

    private void CheckSafety()
    {
        // Every replica applied a prefix of one history, and no lock is held by two clients in it.
        var longest = _replicas.OrderByDescending(r => r.Applied).First();
        foreach (var r in _replicas)
        {
            for (var i = 0; i < r.Applied && i < longest.Applied; i++)
            {
                if (r.Log[i] != longest.Log[i])
                {
                    _violations.Add($"round {Round}: {r.Name} and {longest.Name} applied different ops at {i + 1}");
                    return;
                }
            }
        }
    }

    // ---- tracing ----

    private void Emit(Replica r, string name, Dictionary<string, object?> args) => _t.Emit(r.Name, name, args, State(r));

    private void EmitClient(Client c, string name, Dictionary<string, object?> args) =>
        _t.Emit(c.Name, name, args, new Dictionary<string, object?> { ["held"] = c.Held.Order(StringComparer.Ordinal).ToArray(), ["done"] = c.Done, ["pending"] = c.Pending?.RequestId });

    private void EmitAny(string node, string name, Dictionary<string, object?> args)
    {
        if (_replicas.FirstOrDefault(r => r.Name == node) is { } r)
        {
            Emit(r, name, args);
        }
        else
        {
            EmitClient(_clients.First(c => c.Name == node), name, args);
        }
    }

    private void EmitEnv(string name, Dictionary<string, object?> args) => _t.Emit("env", name, args, new Dictionary<string, object?> { ["round"] = Round });

    private static Dictionary<string, object?> State(Replica r) => new()
    {
        ["up"] = r.Up,
        ["view"] = r.View,
        ["status"] = r.Status.ToString(),
        ["role"] = r.View % 3 == r.Index ? "Primary" : "Backup",
        ["logLength"] = r.Log.Count,
        ["commit"] = r.Commit,
        ["applied"] = r.Applied,
        ["locks"] = new Dictionary<string, object?>(r.Locks.Select(kv => new KeyValuePair<string, object?>(kv.Key, kv.Value))),
    };

    private static Dictionary<string, object?> OpArgs(Op op) => new() { ["client"] = op.Client, ["requestId"] = op.RequestId, ["kind"] = op.Kind, ["lock"] = op.Lock };

    private static Op ToOp(Dictionary<string, object?> d) => new((string)d["client"]!, (int)d["requestId"]!, (string)d["kind"]!, (string)d["lock"]!);

    private static List<Dictionary<string, object?>> LogArgs(List<Op> log) => [.. log.Select(OpArgs)];

    private static List<Op> ToLog(object? o) => [.. ((List<Dictionary<string, object?>>)o!).Select(ToOp)];
}
