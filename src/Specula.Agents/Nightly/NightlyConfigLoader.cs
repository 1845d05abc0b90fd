using System.Globalization;
using System.Text.RegularExpressions;
using Specula.Agents.Runs;
using Specula.Repos.Git;
using Specula.Tla.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Specula.Agents.Nightly;

/// <summary>
/// Reads nightly.yaml (version 1). Every problem is reported at once, at its line and column, so a broken config is
/// fixed in one edit rather than one night per mistake.
/// </summary>
public static partial class NightlyConfigLoader
{
    /// <summary>YAML that does not parse.</summary>
    public const string SyntaxError = "NGT001";

    /// <summary>A required key is missing.</summary>
    public const string MissingKey = "NGT002";

    /// <summary>A key that does not exist (a typo, usually).</summary>
    public const string UnknownKey = "NGT003";

    /// <summary>A value of the wrong shape or out of range.</summary>
    public const string BadValue = "NGT004";

    /// <summary>Two targets with the same name.</summary>
    public const string DuplicateTarget = "NGT005";

    /// <summary>A version this Specula does not read.</summary>
    public const string UnsupportedVersion = "NGT006";

    private static readonly string[] TopKeys = ["version", "stateDir", "targets"];
    private static readonly string[] TargetKeys = ["name", "repo", "branch", "spec", "harness", "workload", "seeds", "sandbox", "budget", "github"];
    private static readonly string[] BudgetKeys = ["rounds", "tokens", "money", "wallTime"];
    private static readonly string[] GitHubKeys = ["owner", "repo", "tokenEnv", "baseUrl", "pullRequest"];

    /// <summary>Reads and validates the file at <paramref name="path"/>.</summary>
    public static NightlyConfigResult LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new NightlyConfigResult(null, [new NightlyConfigError(path, 1, 1, SyntaxError, $"cannot read the file: {ex.Message}")]);
        }
        return Load(path, text);
    }

    /// <summary>Validates <paramref name="text"/> as the content of <paramref name="path"/> (relative repo paths resolve against its folder).</summary>
    public static NightlyConfigResult Load(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        var errors = new List<NightlyConfigError>();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            return new NightlyConfigResult(null, [At(path, ex.Start, SyntaxError, $"not valid YAML: {ex.InnerException?.Message ?? ex.Message}")]);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return new NightlyConfigResult(null, [new NightlyConfigError(path, 1, 1, BadValue, "the file is a mapping with 'version' and 'targets'.")]);
        }
        UnknownKeys(path, root, TopKeys, "the file", errors);
        if (Get(root, "version") is not { } version)
        {
            errors.Add(At(path, root.Start, MissingKey, "missing 'version: 1'."));
        }
        else if (version is not YamlScalarNode { Value: "1" })
        {
            errors.Add(At(path, version.Start, UnsupportedVersion, $"version '{(version as YamlScalarNode)?.Value}' is not known; this Specula reads version 1."));
        }
        var stateDir = Text(path, root, "stateDir", required: false, errors);
        var baseDir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var targets = new List<NightlyTarget>();
        var names = new Dictionary<string, Mark>(StringComparer.Ordinal);
        switch (Get(root, "targets"))
        {
            case null:
                errors.Add(At(path, root.Start, MissingKey, "missing 'targets': the list of systems to watch."));
                break;
            case YamlSequenceNode { Children.Count: 0 } empty:
                errors.Add(At(path, empty.Start, BadValue, "'targets' is empty; list at least one system."));
                break;
            case YamlSequenceNode list:
                foreach (var item in list.Children)
                {
                    if (item is not YamlMappingNode node)
                    {
                        errors.Add(At(path, item.Start, BadValue, "a target is a mapping (name, repo, spec, ...)."));
                        continue;
                    }
                    if (Target(path, baseDir, node, errors) is { } target)
                    {
                        if (names.TryGetValue(target.Name, out var first))
                        {
                            errors.Add(At(path, Get(node, "name")!.Start, DuplicateTarget, $"a second target named '{target.Name}' (the first is at line {first.Line}); names must be unique."));
                        }
                        else
                        {
                            names[target.Name] = Get(node, "name")!.Start;
                            targets.Add(target);
                        }
                    }
                }
                break;
            case { } other:
                errors.Add(At(path, other.Start, BadValue, "'targets' is a list of targets."));
                break;
        }
        if (stateDir is not null && !Path.IsPathRooted(stateDir))
        {
            stateDir = Path.GetFullPath(Path.Combine(baseDir, stateDir));
        }
        var sorted = errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();
        return sorted.Count > 0 ? new NightlyConfigResult(null, sorted) : new NightlyConfigResult(new NightlyConfig(Path.GetFullPath(path), stateDir, targets), []);
    }

    private static NightlyTarget? Target(string path, string baseDir, YamlMappingNode node, List<NightlyConfigError> errors)
    {
        var before = errors.Count;
        UnknownKeys(path, node, TargetKeys, "a target", errors);
        var name = Text(path, node, "name", required: true, errors);
        if (name is not null && !SafeName().IsMatch(name))
        {
            errors.Add(At(path, Get(node, "name")!.Start, BadValue, $"name '{name}' may hold only letters, digits, '.', '_' and '-' (it names a folder)."));
        }
        var repo = Text(path, node, "repo", required: true, errors);
        if (repo is not null && !RepositorySource.IsAddress(repo) && !Path.IsPathRooted(repo))
        {
            repo = Path.GetFullPath(Path.Combine(baseDir, repo));
        }
        var branch = Text(path, node, "branch", required: false, errors);
        var spec = Text(path, node, "spec", required: true, errors);
        var harness = Text(path, node, "harness", required: false, errors) ?? "specula.yaml";
        foreach (var (key, value) in new[] { ("spec", spec), ("harness", harness) })
        {
            if (value is not null && (Path.IsPathRooted(value) || value.Replace('\\', '/').Split('/').Contains("..")))
            {
                errors.Add(At(path, Get(node, key)!.Start, BadValue, $"'{key}' is a path inside the repository ('{value}' leaves it)."));
            }
        }
        if (harness is not null && Path.GetFileName(harness) != "specula.yaml" && Get(node, "harness") is { } harnessNode)
        {
            errors.Add(At(path, harnessNode.Start, BadValue, $"'harness' names a specula.yaml (the workloads run in its folder), not '{Path.GetFileName(harness)}'."));
        }
        var workload = Text(path, node, "workload", required: false, errors);
        var seeds = Int(path, node, "seeds", 1, errors);
        var sandbox = SandboxKind.Docker;
        if (Text(path, node, "sandbox", required: false, errors) is { } kind)
        {
            switch (kind)
            {
                case "docker":
                    break;
                case "process":
                    sandbox = SandboxKind.Process;
                    break;
                default:
                    errors.Add(At(path, Get(node, "sandbox")!.Start, BadValue, $"sandbox '{kind}' is not known; use docker or process."));
                    break;
            }
        }
        var budget = Budget(path, node, errors);
        var github = GitHub(path, node, errors);
        return errors.Count > before ? null : new NightlyTarget(name!, repo!, branch, Normalize(spec!), Normalize(harness!), workload, seeds, sandbox, budget, github);
    }

    private static BudgetLimits Budget(string path, YamlMappingNode target, List<NightlyConfigError> errors)
    {
        var budget = new BudgetLimits(Rounds: 10);
        switch (Get(target, "budget"))
        {
            case null:
                return budget;
            case YamlMappingNode node:
                UnknownKeys(path, node, BudgetKeys, "a budget", errors);
                var rounds = Int(path, node, "rounds", 1, errors);
                var tokens = Int(path, node, "tokens", 1, errors);
                decimal? money = null;
                if (Text(path, node, "money", required: false, errors) is { } m)
                {
                    if (decimal.TryParse(m, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value >= 0)
                    {
                        money = value;
                    }
                    else
                    {
                        errors.Add(At(path, Get(node, "money")!.Start, BadValue, $"money '{m}' is not an amount of US dollars (e.g. 2.50)."));
                    }
                }
                TimeSpan? wall = null;
                if (Text(path, node, "wallTime", required: false, errors) is { } w)
                {
                    wall = Duration(w);
                    if (wall is null)
                    {
                        errors.Add(At(path, Get(node, "wallTime")!.Start, BadValue, $"wallTime '{w}' is not a duration (e.g. 90s, 30m, 2h)."));
                    }
                }
                return budget with { Rounds = rounds ?? budget.Rounds, Tokens = tokens, Money = money, WallTime = wall };
            case { } other:
                errors.Add(At(path, other.Start, BadValue, "'budget' is a mapping with rounds, tokens, money and wallTime."));
                return budget;
        }
    }

    private static NightlyGitHub? GitHub(string path, YamlMappingNode target, List<NightlyConfigError> errors)
    {
        switch (Get(target, "github"))
        {
            case null:
                return null;
            case YamlMappingNode node:
                var before = errors.Count;
                UnknownKeys(path, node, GitHubKeys, "the github section", errors);
                var owner = Text(path, node, "owner", required: true, errors);
                var repo = Text(path, node, "repo", required: true, errors);
                var tokenEnv = Text(path, node, "tokenEnv", required: true, errors);
                if (tokenEnv is not null && !EnvName().IsMatch(tokenEnv))
                {
                    // A token pasted here by mistake must not be echoed back in the error.
                    errors.Add(At(path, Get(node, "tokenEnv")!.Start, BadValue, "'tokenEnv' is the NAME of an environment variable (e.g. GITHUB_TOKEN), never the token itself."));
                }
                Uri? baseUrl = null;
                if (Text(path, node, "baseUrl", required: false, errors) is { } url)
                {
                    if (Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "https" or "http")
                    {
                        baseUrl = parsed;
                    }
                    else
                    {
                        errors.Add(At(path, Get(node, "baseUrl")!.Start, BadValue, $"baseUrl '{url}' is not an http(s) address (e.g. https://github.example.com/api/v3/)."));
                    }
                }
                var pullRequest = Int(path, node, "pullRequest", 1, errors);
                return errors.Count > before ? null : new NightlyGitHub(owner!, repo!, tokenEnv!, baseUrl, pullRequest);
            case { } other:
                errors.Add(At(path, other.Start, BadValue, "'github' is a mapping with owner, repo and tokenEnv (baseUrl, pullRequest optional)."));
                return null;
        }
    }

    /// <summary>Parses 90s, 30m, 2h, 1h30m or a plain number of seconds.</summary>
    internal static TimeSpan? Duration(string text)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var plain))
        {
            return TimeSpan.FromSeconds(plain);
        }
        var match = DurationPattern().Match(text);
        if (!match.Success || match.Length == 0)
        {
            return null;
        }
        var total = TimeSpan.Zero;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unit = part.Value[^1];
            var amount = int.Parse(part.Value[..^1], CultureInfo.InvariantCulture);
            total += unit switch { 'h' => TimeSpan.FromHours(amount), 'm' => TimeSpan.FromMinutes(amount), _ => TimeSpan.FromSeconds(amount) };
        }
        return total > TimeSpan.Zero ? total : null;
    }

    private static string Normalize(string relative) => relative.Replace('\\', '/').TrimEnd('/') is { Length: > 0 } p ? p : ".";

    private static YamlNode? Get(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static void UnknownKeys(string path, YamlMappingNode node, string[] known, string what, List<NightlyConfigError> errors)
    {
        foreach (var key in node.Children.Keys)
        {
            if (key is YamlScalarNode { Value: { } k } && !known.Contains(k))
            {
                var near = known.FirstOrDefault(n => string.Equals(n, k, StringComparison.OrdinalIgnoreCase) || Spelling.Distance(n, k) <= 2);
                errors.Add(At(path, key.Start, UnknownKey, $"unknown key '{k}' in {what}{(near is null ? "" : $" (did you mean '{near}'?)")}; keys are {string.Join(", ", known)}."));
            }
        }
    }

    private static string? Text(string path, YamlMappingNode node, string key, bool required, List<NightlyConfigError> errors)
    {
        switch (Get(node, key))
        {
            case null when required:
                errors.Add(At(path, node.Start, MissingKey, $"missing '{key}'."));
                return null;
            case null:
                return null;
            case YamlScalarNode { Value: { Length: > 0 } value }:
                return value;
            case { } other:
                errors.Add(At(path, other.Start, BadValue, $"'{key}' is a non-empty text."));
                return null;
        }
    }

    private static int? Int(string path, YamlMappingNode node, string key, int min, List<NightlyConfigError> errors)
    {
        switch (Get(node, key))
        {
            case null:
                return null;
            case YamlScalarNode { Value: { } text } when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min:
                return value;
            case { } other:
                errors.Add(At(path, other.Start, BadValue, $"'{key}' is a whole number of at least {min}."));
                return null;
        }
    }

    private static NightlyConfigError At(string path, Mark mark, string code, string message) =>
        new(path, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column), code, message);

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex SafeName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvName();

    [GeneratedRegex("^(?<part>[0-9]+[hms])+$")]
    private static partial Regex DurationPattern();
}
