using System.Text.Json;
using Specula.Cli;
using static Specula.Cli.Tests.Cli;

namespace Specula.Cli.Tests;

public sealed class CheckCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("specula-check-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string module, string config)
    {
        File.WriteAllText(Path.Combine(_dir, name + ".cfg"), config);
        var path = Path.Combine(_dir, name + ".tla");
        File.WriteAllText(path, module);
        return path;
    }


    private const string Mutex = """
        ---- MODULE BadMutex ----
        CONSTANTS Procs
        VARIABLES pc
        Init == pc = [p \in Procs |-> "idle"]
        Enter(p) == /\ pc[p] = "idle"
                    /\ pc' = [pc EXCEPT ![p] = "critical"]
        Leave(p) == /\ pc[p] = "critical"
                    /\ pc' = [pc EXCEPT ![p] = "idle"]
        Next == \E p \in Procs : Enter(p) \/ Leave(p)
        Mutex == \A p, q \in Procs : pc[p] = "critical" /\ pc[q] = "critical" => p = q
        Spec == Init /\ [][Next]_pc
        ====
        """;

    [Fact]
    public async Task A_violation_prints_tlc_style_counterexample_and_exits_12()
    {
        var spec = Write("BadMutex", Mutex, "CONSTANT Procs = {p1, p2}\nSPECIFICATION Spec\nINVARIANT Mutex\n");
        var (code, output, _) = await Run("check", spec);
        Assert.Equal(12, code);
        Assert.Contains("Error: Invariant Mutex is violated.", output, StringComparison.Ordinal);
        Assert.Contains("State 1: <Initial predicate>\npc = (p1 :> \"idle\" @@ p2 :> \"idle\")".Replace("\n", Environment.NewLine, StringComparison.Ordinal), output, StringComparison.Ordinal);
        Assert.Contains("State 3: <Enter(p2) line 5, col 13 to line 6, col 50 of module BadMutex>", output, StringComparison.Ordinal);
        Assert.Contains("5 states generated, 4 distinct states found, 1 states left on queue.", output, StringComparison.Ordinal);
        Assert.Contains("The depth of the complete state graph search is 3.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Success_exits_zero_and_json_is_versioned()
    {
        var spec = Write("BadMutex", Mutex, "CONSTANT Procs = {p1}\nSPECIFICATION Spec\nINVARIANT Mutex\n");
        var (code, output, _) = await Run("check", spec, "--json", "--workers", "2");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("specula.check/v1", json.RootElement.GetProperty("schema").GetString());
        Assert.Equal("Success", json.RootElement.GetProperty("verdict").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("statistics").GetProperty("distinct").GetInt64());
    }

    [Fact]
    public async Task Deadlock_exits_11_and_bad_configurations_exit_2_with_positions()
    {
        var deadlock = Write("Stop", "---- MODULE Stop ----\nVARIABLE x\nInit == x = 0\nNext == x = 1 /\\ x' = 2\n====\n", "INIT Init\nNEXT Next\n");
        Assert.Equal(11, (await Run("check", deadlock)).Code);

        var missing = Write("Missing", "---- MODULE Missing ----\nCONSTANT N\nVARIABLE x\nInit == x = N\nNext == x' = x\n====\n", "INIT Init\nNEXT Nxt\n");
        var (code, output, _) = await Run("check", missing);
        Assert.Equal(2, code);
        Assert.Contains("Missing.tla:2:10: error TLA5001: The constant parameter N is not assigned a value by the configuration file.", output, StringComparison.Ordinal);
        Assert.Contains("Missing.cfg:2:6: error TLA5002:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configuration_without_behaviour_checks_the_assumptions_only()
    {
        var spec = Write("OnlyAssume", "---- MODULE OnlyAssume ----\nEXTENDS Naturals\nCONSTANT N\nASSUME N > 1\nTHEOREM T == N + 1 > 2\nASSUME T\n====\n", "CONSTANT N = 3\nr1 = r1\n");
        var (code, output, _) = await Run("check", spec);
        Assert.Equal(0, code);
        Assert.Contains("warning TLA5003", output, StringComparison.Ordinal);
        Assert.Contains("0 states generated, 0 distinct states found, 0 states left on queue.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_false_assumption_exits_10()
    {
        var spec = Write("Assume", "---- MODULE Assume ----\nEXTENDS Naturals\nCONSTANT N\nASSUME N > 5\nVARIABLE x\nInit == x = N\nNext == x' = x\n====\n", "CONSTANT N = 3\nINIT Init\nNEXT Next\n");
        var (code, output, _) = await Run("check", spec);
        Assert.Equal(10, code);
        Assert.Contains("error TLA5004: Assumption line 4, col 1", output, StringComparison.Ordinal);
    }
}
