using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Specula.Cli.Commands;

/// <summary>
/// <c>specula check --compare-tlc</c>: the same check on the native checker and on real TLC, whether they agree
/// (the exit code, then the distinct states and depth of a complete search, or the length of the counterexample)
/// and how their wall times compare (TLC's includes starting the JVM, as its users pay it).
/// </summary>
internal static class TlcComparison
{
    public static int Run(CheckCommand.Options options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var quiet = options with { Json = true };
        var nativeOut = new StringWriter(CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();
        var nativeExit = CheckCommand.Run(quiet, nativeOut, stderr, cancellationToken);
        var nativeElapsed = clock.Elapsed;
        var native = Read(nativeOut.ToString());
        var tlc = CheckCommand.RunTlc(quiet, TextWriter.Null, stderr, cancellationToken);
        if (native is null || tlc.Report is null)
        {
            stderr.WriteLine("error: the comparison needs both engines to run; see above.");
            return CheckCommand.BadInput;
        }
        var differences = Differences(native, nativeExit, tlc.Report, tlc.ExitCode);
        var ratio = nativeElapsed.TotalSeconds > 0 ? tlc.Elapsed.TotalSeconds / nativeElapsed.TotalSeconds : double.PositiveInfinity;
        if (options.Json)
        {
            var report = new JsonComparison("specula.check-compare/v1", differences.Count == 0, differences, nativeExit, tlc.ExitCode,
                nativeElapsed.TotalSeconds, tlc.Elapsed.TotalSeconds, ratio, native, tlc.Report);
            stdout.WriteLine(JsonSerializer.Serialize(report, ComparisonJsonContext.Default.JsonComparison));
        }
        else
        {
            stdout.WriteLine(Tlc.TlcReport.Summary("native", native, nativeExit, nativeElapsed));
            stdout.WriteLine(Tlc.TlcReport.Summary("TLC", tlc.Report, tlc.ExitCode, tlc.Elapsed));
            stdout.WriteLine(differences.Count == 0 ? "Agreement: yes." : "Agreement: NO: " + string.Join("; ", differences) + ".");
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Time: native {nativeElapsed.TotalSeconds:0.00} s, TLC {tlc.Elapsed.TotalSeconds:0.00} s (TLC / native = {ratio:0.0}x)."));
        }
        return differences.Count == 0 ? nativeExit : CheckCommand.Disagreement;
    }

    /// <summary>What differs between the two runs; empty when they agree.</summary>
    internal static List<string> Differences(JsonCheckReport native, int nativeExit, JsonCheckReport tlc, int tlcExit)
    {
        var differences = new List<string>();
        if (nativeExit != tlcExit || native.Verdict != tlc.Verdict)
        {
            differences.Add($"verdict {native.Verdict} (exit {nativeExit}) vs {tlc.Verdict} (exit {tlcExit})");
            return differences;
        }
        if (native.Verdict == "Success" && native.Statistics is { } n && tlc.Statistics is { } t)
        {
            if (n.Distinct != t.Distinct)
            {
                differences.Add($"distinct states {n.Distinct} vs {t.Distinct}");
            }
            if (n.Depth != t.Depth)
            {
                differences.Add($"depth {n.Depth} vs {t.Depth}");
            }
        }
        if (native.Trace.Count != tlc.Trace.Count)
        {
            differences.Add($"counterexample of {native.Trace.Count} vs {tlc.Trace.Count} states");
        }
        else if (native.Trace.Count > 0 && !SameState(native.Trace[^1].State, tlc.Trace[^1].State))
        {
            differences.Add("the counterexamples end in different states");
        }
        return differences;
    }

    private static bool SameState(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && Normalize(v) == Normalize(p.Value));

    // TLC breaks long values over lines; the native report keeps them on one.
    private static string Normalize(string value) => string.Join(' ', value.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));

    private static JsonCheckReport? Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, CheckJsonContext.Default.JsonCheckReport);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

internal sealed record JsonComparison(
    string Schema,
    bool Agree,
    IReadOnlyList<string> Differences,
    int NativeExitCode,
    int TlcExitCode,
    double NativeSeconds,
    double TlcSeconds,
    double TlcOverNative,
    JsonCheckReport Native,
    JsonCheckReport Tlc);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(JsonComparison))]
internal sealed partial class ComparisonJsonContext : JsonSerializerContext;
