using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Specula.Synthesis;

namespace Specula.Cli.Commands;

/// <summary>
/// <c>specula bench synthesize</c>: the deterministic synthesizer's wall and CPU time on generated traces (by default
/// 50 traces of 1,000 events) of a small message-passing system simulated in-process with a seeded random source.
/// </summary>
internal static class BenchSynthesizeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var traces = new Option<int>("--traces") { Description = "Traces to generate", DefaultValueFactory = _ => 50 };
        var events = new Option<int>("--events") { Description = "Events per trace", DefaultValueFactory = _ => 1_000 };
        var seed = new Option<long>("--seed") { Description = "Seed of the first trace (trace i uses seed + i)", DefaultValueFactory = _ => 1 };
        var workers = new Option<int>("--workers", "-w") { Description = "Threads for validation and model checking", DefaultValueFactory = _ => 2 };
        var keep = new Option<string?>("--keep") { Description = "Write the traces and the spec to this folder (to inspect them)" };
        var command = new Command("synthesize", "Synthesis time on generated traces of a simulated message-passing system (50 traces of 1,000 events by default)")
        {
            traces, events, seed, workers, keep,
        };
        command.SetAction((result, cancellationToken) =>
        {
            var count = result.GetValue(traces);
            var length = result.GetValue(events);
            if (count < 2 || length < 10)
            {
                stderr.WriteLine("error: --traces must be at least 2 and --events at least 10.");
                return Task.FromResult(2);
            }
            return Task.FromResult(Run(count, length, result.GetValue(seed), Math.Max(1, result.GetValue(workers)), result.GetValue(keep), stdout, cancellationToken));
        });
        return command;
    }

    private static int Run(int count, int length, long seed, int workers, string? keep, TextWriter stdout, CancellationToken cancellationToken)
    {
        var folder = keep is null ? Directory.CreateTempSubdirectory("specula-bench-synthesize-").FullName : Directory.CreateDirectory(keep).FullName;
        try
        {
            var input = Directory.CreateDirectory(Path.Combine(folder, "traces")).FullName;
            var files = new List<string>();
            for (var i = 0; i < count; i++)
            {
                var path = Path.Combine(input, string.Create(CultureInfo.InvariantCulture, $"lease-seed{seed + i}.ndjson"));
                File.WriteAllText(path, LeaseSystem.Simulate(length, seed + i), new UTF8Encoding(false));
                files.Add(path);
            }
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Generated {count} traces of {length:N0} events of a 3-node lease system with messages (seeds {seed}..{seed + count - 1}); synthesizing with {workers} worker(s)."));
            using var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var result = Synthesizer.Run(new SynthesisOptions(files, Path.Combine(folder, "spec"), Workers: workers, ModuleName: "Lease"), cancellationToken: cancellationToken);
            var wall = clock.Elapsed.TotalSeconds;
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            var tla = result.Files.FirstOrDefault(f => f.EndsWith("Lease.tla", StringComparison.Ordinal));
            var lines = tla is null ? 0 : File.ReadAllLines(tla).Length;
            var kept = result.Invariants.Count(i => i.Kept);
            stdout.WriteLine();
            stdout.WriteLine("events      wall s   CPU s   rounds   spec lines   invariants kept/mined   training   held out   model check");
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{count * length,9:N0} {wall,8:F1} {cpu,7:F1} {result.Rounds.Length,8} {lines,12} {kept,14}/{result.Invariants.Length,-8} {result.Training?.Conforming,6}/{result.TrainingTraces.Length,-4} {result.HeldOut?.Conforming,5}/{result.HeldOutTraces.Length,-4} {result.ModelCheck?.Verdict} ({result.ModelCheck?.DistinctStates:N0} states)"));
            foreach (var d in result.Diagnostics)
            {
                stdout.WriteLine("  " + d);
            }
            return result.Ok ? 0 : 1;
        }
        finally
        {
            if (keep is null)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>
    /// A 3-node lease system: a node bumps its epoch and becomes holder, tells the others, who step down to a higher
    /// epoch; holders do work. Each step is a random enabled action of a random node (seeded), logged in the trace format.
    /// </summary>
    private static class LeaseSystem
    {
        private static readonly string[] Nodes = ["n1", "n2", "n3"];

        public static string Simulate(int length, long seed)
        {
            var random = new Random(unchecked((int)seed));
            var epoch = new long[3];
            var holder = new bool[3];
            var work = new long[3];
            var seq = new long[3];
            var inFlight = new List<(int From, int To, long Epoch)>();
            var text = new StringBuilder();
            void Log(int n, string name, Dictionary<string, object> args)
            {
                var line = new Dictionary<string, object>
                {
                    ["tag"] = "trace",
                    ["v"] = 1,
                    ["seq"] = ++seq[n],
                    ["node"] = Nodes[n],
                    ["event"] = name,
                    ["args"] = args,
                    ["state"] = new Dictionary<string, object> { ["epoch"] = epoch[n], ["role"] = holder[n] ? "holder" : "idle", ["work"] = work[n] },
                };
                text.Append(JsonSerializer.Serialize(line)).Append('\n');
            }
            for (var i = 0; i < length; i++)
            {
                var n = random.Next(3);
                var choice = random.Next(10);
                if (choice < 3 && inFlight.FindIndex(m => m.To == n) is var k and >= 0)
                {
                    var m = inFlight[k];
                    inFlight.RemoveAt(k);
                    if (m.Epoch > epoch[n])
                    {
                        epoch[n] = m.Epoch;
                        holder[n] = false;
                    }
                    Log(n, "Receive", new() { ["from"] = Nodes[m.From], ["epoch"] = m.Epoch, ["type"] = "Claim" });
                }
                else if (choice < 5 && holder[n])
                {
                    work[n]++;
                    Log(n, "Work", []);
                }
                else if (choice < 6 && !holder[n])
                {
                    epoch[n]++;
                    holder[n] = true;
                    Log(n, "Claim", new() { ["epoch"] = epoch[n] });
                    foreach (var to in Enumerable.Range(0, 3).Where(t => t != n))
                    {
                        inFlight.Add((n, to, epoch[n]));
                        Log(n, "Send", new() { ["to"] = Nodes[to], ["epoch"] = epoch[n], ["type"] = "Claim" });
                    }
                }
                else if (choice < 8 && holder[n])
                {
                    holder[n] = false;
                    Log(n, "Release", []);
                }
                else
                {
                    Log(n, "Tick", []);
                }
            }
            return text.ToString();
        }
    }
}
