using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Specula.Agents.Phases;

/// <summary>
/// Reads agents/pipeline.yaml, the phase files it names and their prompts (from a folder, or the copies built
/// into the assembly), and reports every problem at its line and column before a run starts.
/// </summary>
public static partial class PhaseLoader
{
    /// <summary>Malformed YAML.</summary>
    public const string SyntaxError = "PHS001";

    /// <summary>A required key is missing.</summary>
    public const string MissingKey = "PHS002";

    /// <summary>A key is unknown.</summary>
    public const string UnknownKey = "PHS003";

    /// <summary>A value has the wrong type or is out of range.</summary>
    public const string BadValue = "PHS004";

    /// <summary>A tool, criterion, phase or prompt named does not exist.</summary>
    public const string UnknownName = "PHS005";

    /// <summary>A prompt uses a placeholder the loop does not fill.</summary>
    public const string UnknownPlaceholder = "PHS006";

    /// <summary>The placeholders a prompt may use; the orchestrator fills each from the run state.</summary>
    public static IReadOnlySet<string> Placeholders { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "phase", "goal", "target", "commit", "round", "maxRounds", "specFolder", "specFiles", "traces", "checks",
        "divergences", "feedback", "budget", "tools", "exit", "notes",
    };

    private static readonly string[] PhaseKeys = ["name", "goal", "prompt", "reasoner", "tools", "exit", "skipWhen", "budget"];

    /// <summary>Loads the plan from <paramref name="agentsFolder"/> and <paramref name="promptsFolder"/>, or from the built-in copies when null.</summary>
    /// <param name="agentsFolder">Folder of pipeline.yaml and the phase files.</param>
    /// <param name="promptsFolder">Folder of the prompt templates.</param>
    /// <param name="knownTools">Tool names (<c>plugin.function</c>) phases may allow.</param>
    public static PhaseLoadResult Load(string? agentsFolder, string? promptsFolder, IReadOnlySet<string> knownTools)
    {
        ArgumentNullException.ThrowIfNull(knownTools);
        Func<string, string?> readAgent = agentsFolder is null ? name => Embedded("agents/" + name) : name => ReadFile(agentsFolder, name);
        Func<string, string?> readPrompt = promptsFolder is null ? name => Embedded("prompts/" + name) : name => ReadFile(promptsFolder, name);
        var errors = new List<PhaseError>();
        var pipelineText = readAgent("pipeline.yaml");
        if (pipelineText is null)
        {
            return new PhaseLoadResult(null, [new PhaseError("pipeline.yaml", 1, 1, UnknownName, "No pipeline.yaml naming the phases in order.")]);
        }
        var names = new List<(string Name, Mark Mark)>();
        if (Root("pipeline.yaml", pipelineText, errors) is { } pipeline)
        {
            if (Get(pipeline, "phases") is YamlSequenceNode list)
            {
                foreach (var item in list)
                {
                    if (item is YamlScalarNode { Value: { Length: > 0 } name })
                    {
                        names.Add((name, item.Start));
                    }
                    else
                    {
                        errors.Add(At("pipeline.yaml", item.Start, BadValue, "Each phase is a name."));
                    }
                }
            }
            else
            {
                errors.Add(At("pipeline.yaml", pipeline.Start, MissingKey, "pipeline.yaml needs 'phases': a list of phase names in order."));
            }
        }

        var phases = new List<PhaseDefinition>();
        var prompts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, mark) in names)
        {
            var file = name + ".yaml";
            var text = readAgent(file);
            if (text is null)
            {
                errors.Add(At("pipeline.yaml", mark, UnknownName, $"Phase '{name}' has no file {file}."));
                continue;
            }
            if (Parse(file, text, knownTools, errors) is not { } phase)
            {
                continue;
            }
            if (phase.Name != name)
            {
                errors.Add(new PhaseError(file, 1, 1, BadValue, $"The file is named for phase '{name}' but says name: {phase.Name}."));
            }
            if (phase.Prompt is { } promptFile && !prompts.ContainsKey(promptFile))
            {
                if (readPrompt(promptFile) is { } template)
                {
                    CheckPlaceholders(promptFile, template, errors);
                    prompts[promptFile] = template;
                }
                else
                {
                    errors.Add(new PhaseError(file, 1, 1, UnknownName, $"Prompt '{promptFile}' does not exist."));
                }
            }
            phases.Add(phase);
        }
        var system = readPrompt("system.md");
        if (system is null)
        {
            errors.Add(new PhaseError("system.md", 1, 1, UnknownName, "No system prompt (prompts/system.md)."));
        }
        else
        {
            CheckPlaceholders("system.md", system, errors);
        }
        return errors.Count > 0 ? new PhaseLoadResult(null, errors) : new PhaseLoadResult(new PhasePlan(phases, system!, prompts), []);
    }

    /// <summary>Parses one phase file, adding every problem to <paramref name="errors"/>.</summary>
    public static PhaseDefinition? Parse(string file, string text, IReadOnlySet<string> knownTools, List<PhaseError> errors)
    {
        ArgumentNullException.ThrowIfNull(knownTools);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        if (Root(file, text, errors) is not { } root)
        {
            return null;
        }
        foreach (var key in root.Children.Keys)
        {
            if (key is YamlScalarNode { Value: { } k } && !PhaseKeys.Contains(k))
            {
                errors.Add(At(file, key.Start, UnknownKey, $"Unknown key '{k}'; a phase has {string.Join(", ", PhaseKeys)}."));
            }
        }
        var name = Scalar(file, root, "name", required: true, errors);
        var goal = Scalar(file, root, "goal", required: true, errors);
        var prompt = Scalar(file, root, "prompt", required: false, errors);
        var usesReasoner = true;
        if (Get(root, "reasoner") is { } reasonerNode)
        {
            if (reasonerNode is YamlScalarNode { Value: "true" or "false" } flag)
            {
                usesReasoner = flag.Value == "true";
            }
            else
            {
                errors.Add(At(file, reasonerNode.Start, BadValue, "'reasoner' is true or false."));
            }
        }
        if (usesReasoner && prompt is null && Get(root, "prompt") is null)
        {
            errors.Add(At(file, root.Start, MissingKey, "A phase with a reasoner needs a 'prompt'."));
        }
        var tools = new List<string>();
        foreach (var (value, mark) in List(file, root, "tools", errors))
        {
            if (!knownTools.Contains(value))
            {
                errors.Add(At(file, mark, UnknownName, $"Unknown tool '{value}'; tools are {string.Join(", ", knownTools.Order(StringComparer.Ordinal))}."));
            }
            tools.Add(value);
        }
        var exit = Criteria(file, root, "exit", errors);
        var skip = Criteria(file, root, "skipWhen", errors);
        if (Get(root, "exit") is null)
        {
            errors.Add(At(file, root.Start, MissingKey, "A phase needs 'exit': the conditions that end it."));
        }
        var budget = new PhaseBudget(1, 0);
        if (Get(root, "budget") is YamlMappingNode budgetNode)
        {
            budget = new PhaseBudget(Int(file, budgetNode, "rounds", 1, errors), Int(file, budgetNode, "toolCalls", 30, errors));
            foreach (var key in budgetNode.Children.Keys)
            {
                if (key is YamlScalarNode { Value: { } k } && k is not ("rounds" or "toolCalls"))
                {
                    errors.Add(At(file, key.Start, UnknownKey, $"Unknown budget key '{k}'; a phase budget has rounds and toolCalls."));
                }
            }
        }
        else if (Get(root, "budget") is { } bad)
        {
            errors.Add(At(file, bad.Start, BadValue, "'budget' is a mapping with rounds and toolCalls."));
        }
        return errors.Count > before ? null : new PhaseDefinition(name!, goal!, prompt, usesReasoner, tools, exit, skip, budget, file);
    }

    /// <summary>Fills <c>{{name}}</c> placeholders; unknown ones stay as written (the loader rejects them up front).</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        return Placeholder().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);
    }

    private static void CheckPlaceholders(string file, string template, List<PhaseError> errors)
    {
        var lines = template.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (Match m in Placeholder().Matches(lines[i]))
            {
                if (!Placeholders.Contains(m.Groups[1].Value))
                {
                    errors.Add(new PhaseError(file, i + 1, m.Index + 1, UnknownPlaceholder,
                        $"Unknown placeholder {{{{{m.Groups[1].Value}}}}}; the loop fills {string.Join(", ", Placeholders.Order(StringComparer.Ordinal))}."));
                }
            }
        }
    }

    private static YamlMappingNode? Root(string file, string text, List<PhaseError> errors)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            errors.Add(new PhaseError(file, (int)ex.Start.Line, (int)ex.Start.Column, SyntaxError, ex.InnerException?.Message ?? ex.Message));
            return null;
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            errors.Add(new PhaseError(file, 1, 1, SyntaxError, "The file must be a YAML mapping."));
            return null;
        }
        return root;
    }

    private static YamlNode? Get(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(string file, YamlMappingNode node, string key, bool required, List<PhaseError> errors)
    {
        switch (Get(node, key))
        {
            case null when required:
                errors.Add(At(file, node.Start, MissingKey, $"Missing '{key}'."));
                return null;
            case null:
                return null;
            case YamlScalarNode { Value: { Length: > 0 } value }:
                return value;
            case var other:
                errors.Add(At(file, other.Start, BadValue, $"'{key}' is a non-empty string."));
                return null;
        }
    }

    private static List<(string Value, Mark Mark)> List(string file, YamlMappingNode node, string key, List<PhaseError> errors)
    {
        var result = new List<(string, Mark)>();
        switch (Get(node, key))
        {
            case null:
                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence)
                {
                    if (item is YamlScalarNode { Value: { Length: > 0 } value })
                    {
                        result.Add((value, item.Start));
                    }
                    else
                    {
                        errors.Add(At(file, item.Start, BadValue, $"Each item of '{key}' is a name."));
                    }
                }
                break;
            case var other:
                errors.Add(At(file, other.Start, BadValue, $"'{key}' is a list, e.g. [a, b]."));
                break;
        }
        return result;
    }

    private static List<PhaseCriterion> Criteria(string file, YamlMappingNode node, string key, List<PhaseError> errors)
    {
        var result = new List<PhaseCriterion>();
        foreach (var (value, mark) in List(file, node, key, errors))
        {
            if (Enum.GetValues<PhaseCriterion>().Where(c => Camel(c.ToString()) == value).Cast<PhaseCriterion?>().FirstOrDefault() is { } criterion)
            {
                result.Add(criterion);
            }
            else
            {
                errors.Add(At(file, mark, UnknownName, $"Unknown condition '{value}'; conditions are {string.Join(", ", Enum.GetNames<PhaseCriterion>().Select(Camel))}."));
            }
        }
        return result;
    }

    private static int Int(string file, YamlMappingNode node, string key, int fallback, List<PhaseError> errors)
    {
        if (Get(node, key) is not { } value)
        {
            return fallback;
        }
        if (value is YamlScalarNode { Value: { } text } && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 0 and <= 10_000)
        {
            return number;
        }
        errors.Add(At(file, value.Start, BadValue, $"'{key}' is a whole number from 0 to 10000."));
        return fallback;
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static PhaseError At(string file, Mark mark, string code, string message) =>
        new(file, (int)mark.Line, (int)mark.Column, code, message);

    private static string? ReadFile(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    private static string? Embedded(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name);
        if (stream is null)
        {
            return null;
        }
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}")]
    private static partial Regex Placeholder();
}
