using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Specula.Reports.Model;

namespace Specula.Reports.Rendering;

/// <summary>
/// Renders a run as one self-contained HTML page: inline CSS, a few lines of inline script for opening and closing
/// sections, no external URL, so it opens from a mail attachment or a CI artifact with no network. Every piece of
/// run data is HTML-escaped: a spec may hold <c>&lt;/script&gt;</c>.
/// </summary>
public static class HtmlReport
{
    /// <summary>The page for <paramref name="run"/>.</summary>
    public static string Render(RunView run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var html = new StringBuilder();
        var name = Format.TargetName(run.Target);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append(CultureInfo.InvariantCulture, $"<title>Specula report: {E(name)}</title>\n<style>{Css}</style>\n")
            .Append(CultureInfo.InvariantCulture, $"<script>{Script}</script>\n</head>\n<body>\n");
        Header(run, html);
        Summary(run, html);
        Timeline(run, html);
        Rounds(run, html);
        if (run.Report is { } report)
        {
            ModelChecking(report, html);
            Conformance(report, html);
            Syntax(report, html);
        }
        ToolCalls(run, html);
        Cost(run, html);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Renders and writes the page to <paramref name="path"/> (UTF-8, no byte order mark).</summary>
    public static void Write(RunView run, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        File.WriteAllText(path, Render(run), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static string N(long n) => Format.Count(n);

    private static string Badge(VerdictStatus? status)
    {
        var css = status switch
        {
            VerdictStatus.Conforming => "ok",
            VerdictStatus.Diverging or VerdictStatus.BudgetExhausted or VerdictStatus.Cancelled => "warn",
            null => "none",
            _ => "bad",
        };
        return $"<span class=\"badge {css}\" id=\"verdict\">{E(Format.Verdict(status))}</span>";
    }

    private static void Header(RunView run, StringBuilder html)
    {
        html.Append(CultureInfo.InvariantCulture, $"<header>\n<h1>Specula report: {E(Format.TargetName(run.Target))} {Badge(run.Status)}</h1>\n<dl class=\"facts\">\n");
        Fact(html, "Target", Format.Target(run.Target));
        if (run.Report is { } report)
        {
            Fact(html, "Spec", $"{report.Spec.Module} in {report.Spec.Folder}/{(report.Spec.Hash is { } h ? $" ({h})" : "")}");
            Fact(html, "Report written", report.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        }
        if (run.Started is { } started)
        {
            Fact(html, "Run", started.RunId);
            Fact(html, "Reasoner", Format.Reasoner(started.Reasoner));
            Fact(html, "Budget", Format.Budget(started.Budget));
        }
        var summary = run.Report?.Verdict.Summary ?? run.Ended?.Reason;
        if (summary is not null)
        {
            Fact(html, "Verdict", summary);
        }
        html.Append("</dl>\n");
        foreach (var diagnostic in run.Diagnostics)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"warning\">{E(diagnostic.ToString())}</p>\n");
        }
        html.Append("<p class=\"controls\"><button type=\"button\" onclick=\"speculaToggle(true)\">Open all sections</button> ")
            .Append("<button type=\"button\" onclick=\"speculaToggle(false)\">Close all sections</button></p>\n</header>\n");
    }

    private static void Fact(StringBuilder html, string term, string value)
        => html.Append(CultureInfo.InvariantCulture, $"<dt>{E(term)}</dt><dd>{E(value)}</dd>\n");

    private static void Summary(RunView run, StringBuilder html)
    {
        html.Append("<section id=\"summary\">\n<h2>In plain words</h2>\n");
        foreach (var paragraph in Narrative.Summarize(run))
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(paragraph)}</p>\n");
        }
        html.Append("</section>\n");
    }

    private static void Timeline(RunView run, StringBuilder html)
    {
        if (run.Rounds.Count == 0)
        {
            return;
        }
        html.Append("<section id=\"timeline\">\n<h2>Rounds</h2>\n<table>\n<thead><tr><th>Round</th><th>Phases</th><th>Checks</th><th>Traces conforming</th><th>Divergences</th><th>Spec change</th><th>Decision</th></tr></thead>\n<tbody>\n");
        foreach (var round in run.Rounds)
        {
            var checks = string.Join(" ", round.Checks.Select(c => $"<span class=\"{(c.Ok ? "pass" : "fail")}\">{(c.Ok ? "✓" : "✗")} {E(Format.Check(c.Check))}</span>"));
            var validation = round.Checks.LastOrDefault(c => c.Check == CheckKind.Validate);
            var conforming = validation is { Traces: { } t, Conforming: { } c }
                ? $"{N(c)} of {N(t)}"
                : round.Summary is { } s ? N(s.TracesConforming) : "";
            var change = round.Diffs.Count == 0 ? "" : string.Join(", ", round.Diffs.Select(d => $"{E(d.File)} <span class=\"add\">+{N(d.Added)}</span> <span class=\"del\">−{N(d.Removed)}</span>"));
            var decision = round.Decision is { } d ? $"<b>{E(Format.Decision(d.Decision))}</b>: {E(d.Reason)}" : round.Summary?.Decision is { } k ? E(Format.Decision(k)) : "";
            html.Append(CultureInfo.InvariantCulture, $"<tr><td><a href=\"#round-{round.Round}\">Round {round.Round}</a></td><td>{E(string.Join(" → ", round.Phases))}</td><td>{checks}</td><td>{conforming}</td><td>{N(round.Divergences.Count)}</td><td>{change}</td><td>{decision}</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Rounds(RunView run, StringBuilder html)
    {
        foreach (var round in run.Rounds)
        {
            html.Append(CultureInfo.InvariantCulture, $"<section class=\"round\" id=\"round-{round.Round}\">\n<details open>\n<summary><h2>Round {round.Round}{(round.Phases.Count == 0 ? "" : ": " + E(string.Join(" → ", round.Phases)))}</h2></summary>\n");
            if (round.Checks.Count > 0)
            {
                html.Append("<ul class=\"checks\">\n");
                foreach (var check in round.Checks)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<li class=\"{(check.Ok ? "pass" : "fail")}\">{(check.Ok ? "✓" : "✗")} <b>{E(Format.Check(check.Check))}</b>: {E(check.Summary)}</li>\n");
                }
                html.Append("</ul>\n");
            }
            foreach (var divergence in round.Divergences)
            {
                Divergence(divergence, html);
            }
            foreach (var diff in round.Diffs)
            {
                Diff(diff, html);
            }
            if (round.Decision is { } decision)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p class=\"decision\">Decision: <b>{E(Format.Decision(decision.Decision))}</b>: {E(decision.Reason)}{(decision.Gate is { } g ? $" <span class=\"muted\">({E(g)} gate)</span>" : "")}</p>\n");
            }
            html.Append("</details>\n</section>\n");
        }
    }

    private static void Divergence(DivergenceView divergence, StringBuilder html)
    {
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"divergence\">\n<p><b>Divergence</b> at <code>{E(divergence.Where)}</code>: {E(divergence.Summary)}</p>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"plain\">{E(Narrative.Tell(divergence))}</p>\n");
        foreach (var candidate in divergence.Candidates)
        {
            var args = candidate.Arguments.Count == 0 ? "" : $"({string.Join(", ", candidate.Arguments)})";
            html.Append(CultureInfo.InvariantCulture, $"<p>Candidate <code>{E(candidate.Action + args)}</code>{(candidate.Reason is { } r ? $" failed on its {E(r)}" : "")}");
            if (candidate.Conjunct is { } conjunct)
            {
                html.Append(CultureInfo.InvariantCulture, $": the conjunct <code class=\"conjunct\">{E(conjunct)}</code>{(candidate.Location is { } l ? $" at <code>{E(l)}</code>" : "")} is false");
                if (candidate.Values.Count > 0)
                {
                    html.Append(CultureInfo.InvariantCulture, $", where <code>{E(string.Join(", ", candidate.Values))}</code>");
                }
            }
            html.Append(".</p>\n");
            if (candidate.Mismatches.Count > 0)
            {
                html.Append("<table><thead><tr><th>Variable</th><th>Model gives</th><th>System showed</th></tr></thead><tbody>\n");
                foreach (var m in candidate.Mismatches)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<tr><td><code>{E(m.Name)}</code></td><td><code>{E(m.Expected)}</code></td><td><code>{E(m.Observed)}</code></td></tr>\n");
                }
                html.Append("</tbody></table>\n");
            }
        }
        if (divergence.States.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<details><summary>Candidate states ({N(divergence.States.Count)})</summary>\n");
            foreach (var state in divergence.States)
            {
                html.Append(CultureInfo.InvariantCulture, $"<pre>{E(state)}</pre>\n");
            }
            html.Append("</details>\n");
        }
        html.Append("</div>\n");
    }

    private static void Diff(SpecDiffView diff, StringBuilder html)
    {
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"diff\">\n<p><b>Spec change</b> <code>{E(diff.File)}</code> <span class=\"add\">+{N(diff.Added)}</span> <span class=\"del\">−{N(diff.Removed)}</span></p>\n<pre class=\"diff\">");
        foreach (var line in diff.Lines)
        {
            var css = line.Kind switch
            {
                DiffLineKind.Added => "add",
                DiffLineKind.Removed => "del",
                DiffLineKind.Hunk => "hunk",
                _ => "ctx",
            };
            // Each line is a block already; a newline between them would show as an empty line in the <pre>.
            html.Append(CultureInfo.InvariantCulture, $"<span class=\"{css}\">{E(line.Unified)}</span>");
        }
        html.Append("</pre>\n</div>\n");
    }

    private static void ModelChecking(RunReport report, StringBuilder html)
    {
        var mc = report.ModelChecking;
        html.Append("<section id=\"model-checking\">\n<details open>\n<summary><h2>Model checking</h2></summary>\n")
            .Append(CultureInfo.InvariantCulture, $"<p class=\"{(mc.Ok ? "pass" : "fail")}\">{(mc.Ok ? "✓ No invariant is violated" : "✗ An invariant is violated")}: {N(mc.DistinctStates)} distinct states, {N(mc.GeneratedStates)} generated, depth {N(mc.Depth)}, {E(Format.Seconds(mc.Seconds))}.</p>\n");
        if (mc.Invariants.Count > 0)
        {
            html.Append("<table>\n<thead><tr><th>Invariant</th><th>Holds</th></tr></thead>\n<tbody>\n");
            foreach (var invariant in mc.Invariants)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td><code>{E(invariant.Name)}</code></td><td class=\"{(invariant.Holds ? "pass" : "fail")}\">{(invariant.Holds ? "✓ holds" : "✗ violated")}</td></tr>\n");
            }
            html.Append("</tbody>\n</table>\n");
        }
        foreach (var invariant in mc.Invariants.Where(i => i.Counterexample is { Count: > 0 }))
        {
            var steps = invariant.Counterexample!;
            var variables = steps.SelectMany(s => s.State.Keys).Distinct(StringComparer.Ordinal).ToList();
            html.Append(CultureInfo.InvariantCulture, $"<h3>Counterexample to <code>{E(invariant.Name)}</code></h3>\n<table class=\"counterexample\">\n<thead><tr><th>#</th><th>Action</th>");
            foreach (var variable in variables)
            {
                html.Append(CultureInfo.InvariantCulture, $"<th><code>{E(variable)}</code></th>");
            }
            html.Append("</tr></thead>\n<tbody>\n");
            for (var i = 0; i < steps.Count; i++)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{i + 1}</td><td><code>{E(steps[i].Action)}</code></td>");
                foreach (var variable in variables)
                {
                    var value = steps[i].State.TryGetValue(variable, out var v) ? v : "";
                    var changed = i > 0 && steps[i - 1].State.TryGetValue(variable, out var before) && before != value;
                    html.Append(CultureInfo.InvariantCulture, $"<td{(changed ? " class=\"changed\"" : "")}><code>{E(value)}</code></td>");
                }
                html.Append("</tr>\n");
            }
            html.Append("</tbody>\n</table>\n");
        }
        html.Append("</details>\n</section>\n");
    }

    private static void Conformance(RunReport report, StringBuilder html)
    {
        var c = report.Conformance;
        html.Append("<section id=\"conformance\">\n<details open>\n<summary><h2>Conformance</h2></summary>\n")
            .Append(CultureInfo.InvariantCulture, $"<p>{N(c.Conforming)} of {N(c.Traces)} traces conform.</p>\n");
        if (c.Actions.Count > 0)
        {
            html.Append("<table>\n<thead><tr><th>Action</th><th>Events observed</th><th>Accepted</th><th></th></tr></thead>\n<tbody>\n");
            foreach (var action in c.Actions)
            {
                var ok = action.Accepted == action.Observed;
                html.Append(CultureInfo.InvariantCulture, $"<tr><td><code>{E(action.Action)}</code></td><td>{N(action.Observed)}</td><td>{N(action.Accepted)}</td><td class=\"{(ok ? "pass" : "fail")}\">{(ok ? "✓" : "✗")}</td></tr>\n");
            }
            html.Append("</tbody>\n</table>\n");
        }
        foreach (var divergence in c.Divergences.Select(DivergenceView.From))
        {
            Divergence(divergence, html);
        }
        html.Append("</details>\n</section>\n");
    }

    private static void Syntax(RunReport report, StringBuilder html)
    {
        if (report.Syntax.Diagnostics.Count == 0)
        {
            return;
        }
        html.Append("<section id=\"syntax\">\n<h2>Syntax and semantic check</h2>\n<ul>\n");
        foreach (var d in report.Syntax.Diagnostics)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li class=\"{(d.Severity == "error" ? "fail" : "muted")}\"><code>{E(d.Location)}</code> {E(d.Severity)} {E(d.Code)}: {E(d.Message)}</li>\n");
        }
        html.Append("</ul>\n</section>\n");
    }

    private static void ToolCalls(RunView run, StringBuilder html)
    {
        if (run.ToolCalls.Count == 0)
        {
            return;
        }
        html.Append(CultureInfo.InvariantCulture, $"<section id=\"tool-calls\">\n<details>\n<summary><h2>Tool calls ({N(run.ToolCalls.Count)})</h2></summary>\n<table>\n<thead><tr><th>Round</th><th>Phase</th><th>Tool</th><th>Arguments</th><th>Result</th><th>Time</th></tr></thead>\n<tbody>\n");
        foreach (var call in run.ToolCalls)
        {
            var result = call.Result switch
            {
                null => "<span class=\"warn\">no result</span>",
                { Ok: true } => "<span class=\"pass\">ok</span>",
                { Error: { } error } => $"<span class=\"fail\">error</span>: {E(error)}",
                _ => "<span class=\"fail\">error</span>",
            };
            var arguments = call.Arguments.ValueKind == JsonValueKind.Undefined ? "" : Format.Arguments(call.Arguments, 80);
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{call.Round}</td><td>{E(call.Phase)}</td><td><code>{E(call.Name)}</code></td><td><code>{E(arguments)}</code></td><td>{result}</td><td>{(call.Result is { } r ? E(Format.Milliseconds(r.Milliseconds)) : "")}</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n</details>\n</section>\n");
    }

    private static void Cost(RunView run, StringBuilder html)
    {
        if (run.FinalCost is not { } cost)
        {
            return;
        }
        html.Append("<section id=\"cost\">\n<h2>Cost</h2>\n<dl class=\"facts\">\n");
        Fact(html, "Prompt tokens", N(cost.PromptTokens));
        Fact(html, "Completion tokens", N(cost.CompletionTokens));
        Fact(html, "Money", Format.Money(cost.Money));
        Fact(html, "Wall time", Format.Seconds(cost.WallSeconds));
        html.Append("</dl>\n</section>\n");
    }

    private const string Script = "function speculaToggle(open){document.querySelectorAll('details').forEach(function(d){d.open=open;});}";

    private const string Css = """

        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1f2328;line-height:1.45}
        h1{font-size:1.6rem}h2{font-size:1.25rem;display:inline}h3{font-size:1.05rem}
        section{margin:1.5rem 0}summary{cursor:pointer}
        code,pre{font-family:ui-monospace,"Cascadia Mono",Menlo,monospace;font-size:.9em}
        pre{background:#f6f8fa;padding:.6rem;overflow-x:auto;border-radius:4px}
        table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}
        th{background:#f6f8fa}
        .facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}.facts dt{font-weight:600}.facts dd{margin:0}
        .badge{display:inline-block;padding:.15rem .6rem;border-radius:1rem;font-size:.9rem;color:#fff;vertical-align:middle}
        .badge.ok{background:#1a7f37}.badge.warn{background:#9a6700}.badge.bad{background:#cf222e}.badge.none{background:#6e7781}
        .pass{color:#1a7f37}.fail{color:#cf222e}.warn{color:#9a6700}.muted{color:#6e7781}
        .warning{background:#fff8c5;padding:.4rem}
        #summary{background:#f6f8fa;border-left:4px solid #0969da;padding:.5rem 1rem}
        .divergence{border-left:4px solid #cf222e;padding:.1rem .8rem;margin:.8rem 0;background:#fff5f5}
        .plain{font-style:italic}
        pre.diff span{display:block}pre.diff .add{background:#dafbe1;color:#116329}pre.diff .del{background:#ffebe9;color:#82071e}
        pre.diff .hunk{color:#0969da}span.add{color:#1a7f37}span.del{color:#cf222e}
        td.changed{background:#fff8c5}
        .checks{list-style:none;padding-left:0}
        @media print{.controls{display:none}}

        """;
}
