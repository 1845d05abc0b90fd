using System.Collections.Immutable;
using System.Text.Json;
using Specula.Traces.Format;

namespace Specula.Synthesis.Mining;

/// <summary>
/// The messages the traces show: event kinds that send (the acting node is the sender, an argument names the
/// receiver), kinds that receive (the acting node is the receiver, an argument names the sender), the payload fields
/// both carry, and the environment's event that drops one in flight. The spec keeps the messages in flight as a bag of
/// records <c>[src, dst, payload...]</c>: a send adds one, a receive needs one and takes it, a drop takes it.
/// </summary>
/// <param name="Payload">The argument names every sending and receiving event carries (besides sender and receiver), ordinal order.</param>
/// <param name="Senders">Sending event kinds and the argument naming the receiver.</param>
/// <param name="Receivers">Receiving event kinds and the argument naming the sender.</param>
/// <param name="Drop">The environment's drop event, when every one of them names a message in flight; null when none does.</param>
/// <param name="Consumed">Whether every receive finds its message in flight (sent and not yet received): then a receive takes
/// it; otherwise (a network that duplicates) messages stay once sent.</param>
internal sealed record MessageShape(ImmutableArray<string> Payload, ImmutableSortedDictionary<string, string> Senders,
    ImmutableSortedDictionary<string, string> Receivers, DropShape? Drop, bool Consumed)
{
    private static readonly string[] ReceiverNames = ["to", "dst", "dest", "target", "receiver", "recipient"];
    private static readonly string[] SenderNames = ["from", "frm", "src", "source", "sender"];

    /// <summary>The record fields of a message: sender, receiver, payload.</summary>
    public IEnumerable<string> Fields => Payload.Prepend("dst").Prepend("src");

    /// <summary>The arguments of event kind <paramref name="name"/> that make its message (empty for other kinds).</summary>
    public IEnumerable<string> ArgsOf(string name) =>
        Senders.TryGetValue(name, out var to) ? Payload.Prepend(to)
        : Receivers.TryGetValue(name, out var from) ? Payload.Prepend(from)
        : [];

    public bool IsMessageEvent(string name) => Senders.ContainsKey(name) || Receivers.ContainsKey(name);

    /// <summary>Event kinds that handle a message: every event names its sender, some of them another node than the
    /// one acting (a replica may count a message to itself), and none is addressed to another node (that is a send).</summary>
    public static ImmutableHashSet<string> ReceiveKinds(TraceSchema schema, IReadOnlyList<Trace> traces)
    {
        var kinds = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var (name, facts) in schema.Events)
        {
            var nodeArgs = facts.ScalarArgs.Where(a => a.Kind == SKind.Node).Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
            if (SenderNames.FirstOrDefault(nodeArgs.Contains) is not { } from)
            {
                continue;
            }
            var to = ReceiverNames.FirstOrDefault(nodeArgs.Contains);
            var events = traces.SelectMany(t => t.Events).Where(e => e.Event == name && !schema.IsEnvironment(e.Node)).ToList();
            bool Other(TraceEvent e, string arg) => e.Args.TryGetValue(arg, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() != e.Node;
            if (events.Any(e => Other(e, from)) && (to is null || !events.All(e => Other(e, to))))
            {
                kinds.Add(name);
            }
        }
        return kinds.ToImmutable();
    }

    public static MessageShape? Infer(TraceSchema schema, IReadOnlyList<Trace> traces)
    {
        var senders = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var receivers = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (name, facts) in schema.Events)
        {
            var nodeArgs = facts.ScalarArgs.Where(a => a.Kind == SKind.Node).Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
            var to = ReceiverNames.FirstOrDefault(nodeArgs.Contains);
            var from = SenderNames.FirstOrDefault(nodeArgs.Contains);
            var events = traces.SelectMany(t => t.Events).Where(e => e.Event == name && !schema.IsEnvironment(e.Node)).ToList();
            bool Always(string? arg, bool self) => arg is not null && events.All(e => e.Args.TryGetValue(arg, out var v)
                && v.ValueKind == JsonValueKind.String && (v.GetString() == e.Node) == self);
            if (to is not null && Always(to, false) && (from is null || Always(from, true)))
            {
                senders[name] = to;
            }
            else if (from is not null && Always(from, false) && (to is null || Always(to, true)))
            {
                receivers[name] = from;
            }
        }
        if (senders.Count == 0 || receivers.Count == 0)
        {
            return null;
        }
        var endpoints = new HashSet<string>(SenderNames.Concat(ReceiverNames), StringComparer.Ordinal);
        var kinds = senders.Keys.Concat(receivers.Keys).Select(k => schema.Events[k]).ToList();
        var payload = kinds.Select(k => k.ScalarArgs.Select(a => a.Name).Where(n => !endpoints.Contains(n)))
            .Aggregate((a, b) => a.Intersect(b, StringComparer.Ordinal))
            .Where(p => kinds.Select(k => k.Args[p].Kind).Distinct().Count() == 1)
            .Order(StringComparer.Ordinal).ToImmutableArray();
        var shape = new MessageShape(payload, senders.ToImmutable(), receivers.ToImmutable(), null, true);
        var drop = DropShape.Infer(schema, traces, shape);
        shape = shape with { Drop = drop };
        var (grounded, received, dropped) = Replay(schema, traces, shape);
        if (!grounded)
        {
            // A receive whose message no event sent: the sends the traces show are not the messages received.
            return null;
        }
        return shape with { Consumed = received, Drop = received && dropped ? drop : null };
    }

    /// <summary>The message an event sends, receives or drops, as a key; null when the event has none.</summary>
    public string? KeyOf(TraceEvent e, IReadOnlySet<string> nodes)
    {
        IReadOnlyDictionary<string, JsonElement> fields;
        string src;
        string dst;
        if (Senders.TryGetValue(e.Event, out var to) && e.Args.TryGetValue(to, out var t))
        {
            (fields, src, dst) = (e.Args, e.Node, t.ToString());
        }
        else if (Receivers.TryGetValue(e.Event, out var from) && e.Args.TryGetValue(from, out var f))
        {
            (fields, src, dst) = (e.Args, f.ToString(), e.Node);
        }
        else if (Drop is { } d && e.Event == d.Event && e.Args.TryGetValue(d.Arg, out var msg) && msg.ValueKind == JsonValueKind.Object
            && msg.TryGetProperty(d.Src, out var s) && msg.TryGetProperty(d.Dst, out var r))
        {
            fields = msg.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
            (src, dst) = (s.ToString(), r.ToString());
        }
        else
        {
            return null;
        }
        var parts = new List<string> { src, dst };
        foreach (var p in Payload)
        {
            if (!fields.TryGetValue(p, out var v) || SValue.FromJson(v, nodes) is not { } value)
            {
                return null;
            }
            parts.Add(value.Text);
        }
        return string.Join('\u001f', parts);
    }

    /// <summary>Whether every receive's message was sent before it; whether every receive (and every drop) finds its
    /// message in flight when sends add and receives take.</summary>
    private static (bool Grounded, bool Received, bool Dropped) Replay(TraceSchema schema, IReadOnlyList<Trace> traces, MessageShape shape)
    {
        var grounded = true;
        var received = true;
        var dropped = shape.Drop is not null;
        foreach (var trace in traces)
        {
            var bag = new Dictionary<string, int>(StringComparer.Ordinal);
            var sent = new HashSet<string>(StringComparer.Ordinal);
            foreach (var e in trace.Events)
            {
                if (shape.KeyOf(e, schema.NodeSet) is not { } key)
                {
                    continue;
                }
                if (shape.Senders.ContainsKey(e.Event) && !schema.IsEnvironment(e.Node))
                {
                    bag[key] = bag.GetValueOrDefault(key) + 1;
                    sent.Add(key);
                    continue;
                }
                if (bag.GetValueOrDefault(key) > 0)
                {
                    bag[key]--;
                }
                else if (shape.Receivers.ContainsKey(e.Event))
                {
                    received = false;
                    grounded &= sent.Contains(key);
                }
                else
                {
                    dropped = false;
                }
            }
        }
        return (grounded, received, dropped);
    }
}

/// <summary>The environment's event that drops a message: the argument holding the message and its sender and receiver fields.</summary>
internal sealed record DropShape(string Event, string Arg, string Src, string Dst)
{
    public static DropShape? Infer(TraceSchema schema, IReadOnlyList<Trace> traces, MessageShape shape)
    {
        var srcName = shape.Receivers.Values.FirstOrDefault();
        var dstName = shape.Senders.Values.FirstOrDefault();
        if (srcName is null || dstName is null)
        {
            return null;
        }
        var candidates = traces.SelectMany(t => t.Events).Where(e => schema.IsEnvironment(e.Node)).GroupBy(e => e.Event, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in candidates)
        {
            var arg = group.First().Args.Where(a => a.Value.ValueKind == JsonValueKind.Object).Select(a => a.Key).FirstOrDefault();
            if (arg is null)
            {
                continue;
            }
            bool Carries(TraceEvent e) => e.Args.TryGetValue(arg, out var m) && m.ValueKind == JsonValueKind.Object
                && shape.Payload.Append(srcName).Append(dstName).All(f => m.TryGetProperty(f, out _));
            if (group.All(Carries))
            {
                return new DropShape(group.Key, arg, srcName, dstName);
            }
        }
        return null;
    }
}
