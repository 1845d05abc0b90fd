using System.CommandLine;
using System.Globalization;
using Specula.Traces.Validation;

namespace Specula.Cli.Commands;

/// <summary><c>specula validate</c>: decide whether a spec can produce each recorded trace, and say why not.</summary>
internal static class ValidateCommand
{
    /// <summary>Every trace conforms.</summary>
    public const int Conforming = 0;

    /// <summary>At least one trace diverges.</summary>
    public const int Diverging = 1;

    /// <summary>The map, spec, configuration or a trace is invalid.</summary>
    public const int BadInput = 2;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var traces = new Argument<string[]>("traces") { Description = "Trace files (.ndjson) or folders holding them", Arity = ArgumentArity.OneOrMore };
        var map = new Option<string?>("--map", "-m") { Description = "The trace map (default: TraceMap.yaml beside --spec, or in the current folder)" };
        var spec = new Option<string?>("--spec", "-s") { Description = "The spec (default: the one the map names)" };
        var config = new Option<string?>("--config", "-c") { Description = "The model configuration (default: the one the map names, or MC.cfg beside the spec)" };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (divergences in the specula.divergence/v1 form)" };
        var perAction = new Option<bool>("--per-action") { Description = "Print per-action conformance: how often the spec accepted each action where a trace took it" };
        var workers = new Option<int>("--workers", "-w") { Description = "Traces validated at once (default: one per core)" };
        var maxCandidates = new Option<int>("--max-candidates") { Description = "Give up on a trace that leaves more spec states possible than this", DefaultValueFactory = _ => ValidationOptions.Default.MaxCandidates };
        var command = new Command("validate", "Check that a spec can produce every recorded trace; on the first event it cannot take, say which conjunct or variable is wrong")
        {
            traces, map, spec, config, json, perAction, workers, maxCandidates,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Run(
            parse.GetValue(traces) ?? [], parse.GetValue(map), parse.GetValue(spec), parse.GetValue(config), parse.GetValue(json), parse.GetValue(perAction),
            parse.GetValue(workers), parse.GetValue(maxCandidates), stdout, stderr, cancellationToken)));
        return command;
    }

    private static int Run(string[] traceArguments, string? map, string? spec, string? config, bool json, bool perAction, int workers, int maxCandidates,
        TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        map ??= Path.Combine(spec is null ? "." : Path.GetDirectoryName(Path.GetFullPath(spec)) ?? ".", "TraceMap.yaml");
        if (!File.Exists(map))
        {
            stderr.WriteLine($"error: no trace map '{map}' (give one with --map).");
            return BadInput;
        }
        var files = new List<string>();
        foreach (var argument in traceArguments)
        {
            if (Directory.Exists(argument))
            {
                files.AddRange(Directory.EnumerateFiles(argument, "*.ndjson").Order(StringComparer.Ordinal));
            }
            else if (File.Exists(argument))
            {
                files.Add(argument);
            }
            else
            {
                stderr.WriteLine($"error: no trace file or folder '{argument}'.");
                return BadInput;
            }
        }
        if (files.Count == 0)
        {
            stderr.WriteLine("error: no trace files (*.ndjson) in the folders given.");
            return BadInput;
        }

        var progress = json ? null : new SynchronousProgress(p => stderr.WriteLine(
            $"[{p.Done}/{p.Total}] {p.Verdict.Trace}: {(p.Verdict.Conforms ? "conforms" : "diverges")} ({p.Verdict.Milliseconds} ms)"));
        var report = TraceValidation.Run(new ValidationRequest(map, files, spec, config), new ValidationOptions(MaxCandidates: maxCandidates), workers, progress, cancellationToken);
        if (json)
        {
            stdout.WriteLine(report.ToJson());
        }
        else
        {
            Print(report, perAction, stdout);
        }
        return !report.Diagnostics.IsEmpty ? BadInput : report.AllConform ? Conforming : Diverging;
    }

    private static void Print(ValidationReport report, bool perAction, TextWriter stdout)
    {
        foreach (var diagnostic in report.Diagnostics)
        {
            stdout.WriteLine(diagnostic.ToString());
        }
        foreach (var trace in report.Traces)
        {
            if (trace.Conforms)
            {
                stdout.WriteLine($"ok    {trace.Path}: {trace.Checked} events matched (at most {trace.MaxCandidates} candidate states, {trace.SilentSteps} silent steps)");
                continue;
            }
            var d = trace.Divergence!;
            stdout.WriteLine($"FAIL  {trace.Path}:{d.Line}: {d.Summary}");
            foreach (var failure in d.Candidates)
            {
                var args = string.Join(", ", failure.Args.Select(kv => $"{kv.Key} = {kv.Value}"));
                var why = failure.Reason switch
                {
                    FailureReason.Guard => Describe(failure.Conjunct!, "          "),
                    FailureReason.Observation => "the successor differs from the log:" + string.Concat(failure.Mismatches.Select(m =>
                        $"\n          {m.Variable}{(m.Node is null ? "" : $"[{m.Node}]")}: spec {m.Expected}, log {m.Observed}")),
                    FailureReason.Undefined => failure.Error!,
                    _ => "never taken with these arguments from this state",
                };
                stdout.WriteLine($"      state {failure.State + 1}, {failure.Action}({args}): {why}");
            }
            for (var i = 0; i < d.States.Length; i++)
            {
                stdout.WriteLine($"      candidate state {i + 1}:");
                foreach (var line in d.States[i].Split('\n'))
                {
                    stdout.WriteLine("        " + line);
                }
            }
        }
        if (perAction && !report.Actions.IsEmpty)
        {
            stdout.WriteLine();
            stdout.WriteLine("action                          observed  accepted     rate");
            foreach (var action in report.Actions)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{action.Action,-30} {action.Observed,9} {action.Accepted,9} {action.Rate,8:P1}"));
            }
        }
        stdout.WriteLine($"{report.Conforming} of {report.Traces.Length} traces conform{(report.Diagnostics.IsEmpty ? "" : $"; {report.Diagnostics.Length} problems kept traces from being validated")}.");
    }

    private static string Describe(ConjunctInfo conjunct, string indent) =>
        $"{conjunct.Location}: {conjunct.Text} is FALSE"
        + string.Concat(conjunct.Values.Select(kv => $"\n{indent}{kv.Key} = {kv.Value}"))
        + (conjunct.Inner is { } inner ? $"\n{indent}because {Describe(inner, indent + "  ")}" : "");

    /// <summary>Reports on the reporting thread, in order (Progress&lt;T&gt; would post late to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<ValidationProgress> report) : IProgress<ValidationProgress>
    {
        private readonly Lock _gate = new();

        public void Report(ValidationProgress value)
        {
            lock (_gate)
            {
                report(value);
            }
        }
    }
}
