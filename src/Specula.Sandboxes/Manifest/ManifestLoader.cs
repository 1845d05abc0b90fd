using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Specula.Sandboxes.Manifest;

/// <summary>Reads and validates <c>specula.yaml</c>, reporting every problem at once with its line and column.</summary>
public static partial class ManifestLoader
{
    /// <summary>Languages a manifest may name.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["go", "csharp", "c", "python", "shell"];

    /// <summary>Host toolchains a build may use.</summary>
    public static IReadOnlyList<string> Toolchains { get; } = ["go", "dotnet"];

    /// <summary>Tracing kits a build may import.</summary>
    public static IReadOnlyList<string> Kits { get; } = ["go", "c", "python", "csharp"];

    private static readonly string[] RootKeys = ["version", "name", "language", "description", "image", "kits", "build", "workloads", "traces"];
    private static readonly string[] ImageKeys = ["base", "packages"];
    private static readonly string[] BuildKeys = ["command", "toolchain", "kits", "outputs", "timeout", "limits"];
    private static readonly string[] WorkloadKeys = ["name", "description", "command", "nodes", "seeds", "faults", "timeout", "limits"];
    private static readonly string[] NodeKeys = ["name", "command"];
    private static readonly string[] NodeFaultKeys = ["node", "at", "for"];
    private static readonly string[] LimitKeys = ["memory", "pids", "cpus", "tmp"];
    private static readonly string[] TraceKeys = ["dir", "pattern"];
    private static readonly string[] PauseKeys = ["at", "for", "node"];

    /// <summary>Loads the manifest at <paramref name="path"/>; diagnostics name it <paramref name="displayPath"/> (default: the path).</summary>
    public static ManifestResult LoadFile(string path, string? displayPath = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new ManifestResult(null, [new ManifestDiagnostic(ManifestCodes.Syntax, $"Cannot read the manifest: {ex.Message}", displayPath ?? path, 1, 1)]);
        }
        return Parse(text, displayPath ?? path);
    }

    /// <summary>Parses manifest <paramref name="text"/>; <paramref name="file"/> names it in diagnostics.</summary>
    public static ManifestResult Parse(string text, string file = HarnessManifest.FileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var v = new Validator(file);
        var yaml = new YamlStream();
        try
        {
            yaml.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            var message = (ex.InnerException?.Message ?? ex.Message).Trim();
            v.Error(ManifestCodes.Syntax, $"Not valid YAML: {message}", ex.Start);
            return new ManifestResult(null, v.Diagnostics);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (without a position) on some unterminated flow collections.
            v.Error(ManifestCodes.Syntax, "Not valid YAML: an unterminated [list] or {mapping}.", Mark.Empty);
            return new ManifestResult(null, v.Diagnostics);
        }
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            v.Error(ManifestCodes.WrongShape, "The manifest must be a mapping with version, name, language, workloads and traces.",
                yaml.Documents.Count == 0 ? Mark.Empty : yaml.Documents[0].RootNode.Start);
            return new ManifestResult(null, v.Diagnostics);
        }

        var keys = v.Keys(root, RootKeys, "the manifest");
        var version = keys.TryGetValue("version", out var versionNode) ? v.Int(versionNode, "version", 1, int.MaxValue) : v.MissingInt(root, "version");
        if (version is { } ver && ver != 1)
        {
            v.Error(ManifestCodes.Version, $"Manifest version {ver} is not supported; this Specula reads version 1.", versionNode!.Start, "version: 1");
        }
        var name = v.RequiredString(keys, root, "name");
        if (name is not null && !NameRegex().IsMatch(name))
        {
            v.Error(ManifestCodes.InvalidValue, $"The name '{name}' must be letters, digits, '-', '_' or '.', starting with a letter or digit.", keys["name"].Start);
        }
        var language = v.RequiredString(keys, root, "language");
        if (language is not null && !Languages.Contains(language))
        {
            v.Error(ManifestCodes.InvalidValue, $"Unknown language '{language}'.", keys["language"].Start, "one of " + string.Join(", ", Languages));
        }

        var image = keys.TryGetValue("image", out var imageNode) ? ParseImage(v, imageNode) : ImageSection.Busybox;
        var kits = keys.TryGetValue("kits", out var kitsNode) ? v.StringList(kitsNode, "kits") : [];
        foreach (var kit in kits.Where(kit => !Kits.Contains(kit)))
        {
            v.Error(ManifestCodes.InvalidValue, $"Unknown tracing kit '{kit}'.", kitsNode!.Start, "one of " + string.Join(", ", Kits));
        }
        var build = keys.TryGetValue("build", out var buildNode) ? ParseBuild(v, buildNode) : null;
        var workloads = new List<Workload>();
        if (!keys.TryGetValue("workloads", out var workloadsNode))
        {
            v.Error(ManifestCodes.Missing, "The manifest needs 'workloads': a list of commands to trace.", root.Start);
        }
        else if (workloadsNode is not YamlSequenceNode list || list.Children.Count == 0)
        {
            v.Error(ManifestCodes.WrongShape, "'workloads' must be a non-empty list.", workloadsNode.Start);
        }
        else
        {
            var seen = new Dictionary<string, Mark>(StringComparer.Ordinal);
            foreach (var item in list.Children)
            {
                var w = ParseWorkload(v, item);
                if (w is null)
                {
                    continue;
                }
                if (seen.TryGetValue(w.Name, out var first))
                {
                    v.Error(ManifestCodes.Duplicate, $"A workload named '{w.Name}' is already defined at line {first.Line}.", item.Start);
                }
                else
                {
                    seen[w.Name] = item.Start;
                    workloads.Add(w);
                }
            }
        }

        TraceSection? traces = null;
        if (!keys.TryGetValue("traces", out var tracesNode))
        {
            v.Error(ManifestCodes.Missing, "The manifest needs 'traces' with 'dir' (under $SPECULA_OUT) and 'pattern'.", root.Start, "traces: { dir: traces, pattern: \"*.ndjson\" }");
        }
        else if (tracesNode is YamlMappingNode tm)
        {
            var tk = v.Keys(tm, TraceKeys, "'traces'");
            var dir = v.RequiredString(tk, tm, "dir");
            var pattern = tk.TryGetValue("pattern", out var patternNode) ? v.String(patternNode, "pattern") : "*.ndjson";
            if (dir is not null && (dir.StartsWith('/') || dir.Split('/').Contains("..")))
            {
                v.Error(ManifestCodes.InvalidValue, "'dir' must be a relative path inside the output folder, without '..'.", tk["dir"].Start);
            }
            if (dir is not null && pattern is not null)
            {
                traces = new TraceSection(dir, pattern);
            }
        }
        else
        {
            v.Error(ManifestCodes.WrongShape, "'traces' must be a mapping with 'dir' and 'pattern'.", tracesNode.Start);
        }

        if (v.Diagnostics.Count > 0)
        {
            return new ManifestResult(null, v.Diagnostics);
        }
        return new ManifestResult(new HarnessManifest(version!.Value, name!, language!, build, workloads, traces!) { Image = image, Kits = kits }, []);
    }

    private static ImageSection ParseImage(Validator v, YamlNode node)
    {
        if (node is not YamlMappingNode map)
        {
            v.Error(ManifestCodes.WrongShape, "'image' must be a mapping: '{ base: busybox }' or '{ base: debian, packages: [python3-minimal] }'.", node.Start);
            return ImageSection.Busybox;
        }
        var keys = v.Keys(map, ImageKeys, "'image'");
        var baseName = keys.TryGetValue("base", out var b) ? v.String(b, "base") : "busybox";
        if (baseName is not null and not "busybox" and not "debian")
        {
            v.Error(ManifestCodes.InvalidValue, $"Unknown base image '{baseName}'.", b!.Start, "busybox or debian");
        }
        var packages = keys.TryGetValue("packages", out var p) ? v.StringList(p, "packages") : [];
        if (packages.Count > 0 && baseName != "debian")
        {
            v.Error(ManifestCodes.InvalidValue, "Only a Debian base takes packages.", p!.Start, "base: debian");
        }
        foreach (var package in packages.Where(x => !PackageRegex().IsMatch(x)))
        {
            v.Error(ManifestCodes.InvalidValue, $"'{package}' is not a Debian package name.", p!.Start);
        }
        return new ImageSection(baseName ?? "busybox", packages);
    }

    private static BuildSection? ParseBuild(Validator v, YamlNode node)
    {
        if (node is not YamlMappingNode map)
        {
            v.Error(ManifestCodes.WrongShape, "'build' must be a mapping with at least 'command'.", node.Start);
            return null;
        }
        var keys = v.Keys(map, BuildKeys, "'build'");
        var command = v.RequiredString(keys, map, "command");
        string? toolchain = null;
        if (keys.TryGetValue("toolchain", out var t))
        {
            toolchain = v.String(t, "toolchain");
            if (toolchain is not null && !Toolchains.Contains(toolchain))
            {
                v.Error(ManifestCodes.InvalidValue, $"Unknown toolchain '{toolchain}'.", t.Start, "one of " + string.Join(", ", Toolchains));
            }
        }
        var kits = keys.TryGetValue("kits", out var k) ? v.StringList(k, "kits") : [];
        foreach (var kit in kits.Where(kit => !Kits.Contains(kit)))
        {
            v.Error(ManifestCodes.InvalidValue, $"Unknown tracing kit '{kit}'.", k!.Start, "one of " + string.Join(", ", Kits));
        }
        var outputs = keys.TryGetValue("outputs", out var o) ? v.StringList(o, "outputs") : [];
        if (o is not null && outputs.Count == 0)
        {
            v.Error(ManifestCodes.InvalidValue, "'outputs' must name at least one file the build writes to $SPECULA_OUT.", o.Start);
        }
        foreach (var output in outputs.Where(p => p.StartsWith('/') || p.Split('/').Contains("..")))
        {
            v.Error(ManifestCodes.InvalidValue, $"Output '{output}' must be a relative path inside $SPECULA_OUT.", o!.Start);
        }
        var timeout = keys.TryGetValue("timeout", out var to) ? v.Duration(to, "timeout") : TimeSpan.FromMinutes(10);
        var limits = keys.TryGetValue("limits", out var l) ? ParseLimits(v, l, BuildLimits) : BuildLimits;
        return command is null ? null : new BuildSection(command, toolchain, kits, outputs, timeout ?? TimeSpan.FromMinutes(10), limits);
    }

    private static readonly ResourceLimits BuildLimits = new(2L * 1024 * 1024 * 1024, 1024, 0, 1024L * 1024 * 1024);

    private static Workload? ParseWorkload(Validator v, YamlNode node)
    {
        if (node is not YamlMappingNode map)
        {
            v.Error(ManifestCodes.WrongShape, "Each workload must be a mapping with 'name' and 'command'.", node.Start);
            return null;
        }
        var keys = v.Keys(map, WorkloadKeys, "a workload");
        var name = v.RequiredString(keys, map, "name");
        if (name is not null && !NameRegex().IsMatch(name))
        {
            v.Error(ManifestCodes.InvalidValue, $"The workload name '{name}' must be letters, digits, '-', '_' or '.'.", keys["name"].Start);
        }
        var description = keys.TryGetValue("description", out var d) ? v.String(d, "description") : null;
        var command = v.RequiredString(keys, map, "command");
        IReadOnlyList<long> seeds = [1];
        if (keys.TryGetValue("seeds", out var s))
        {
            seeds = ParseSeeds(v, s) ?? seeds;
        }
        var nodes = keys.TryGetValue("nodes", out var n) ? ParseNodes(v, n) : [];
        var targetFaults = new List<string>();
        var sandboxFaults = new List<SandboxFault>();
        var nodeFaults = new List<(Docker.NodeFault Fault, YamlNode At)>();
        if (keys.TryGetValue("faults", out var f))
        {
            ParseFaults(v, f, targetFaults, sandboxFaults, nodeFaults);
        }
        foreach (var (fault, at) in nodeFaults)
        {
            if (nodes.Count == 0)
            {
                v.Error(ManifestCodes.InvalidValue, "Faults naming a node need a workload with 'nodes' (a pod); a single container is paused with '{ pause: { at, for } }'.", at.Start);
            }
            else if (nodes.All(x => x.Name != fault.Node))
            {
                v.Error(ManifestCodes.InvalidValue, $"No node named '{fault.Node}' (the driver, running 'command', cannot be faulted).", at.Start,
                    "one of " + string.Join(", ", nodes.Select(x => x.Name)));
            }
        }
        if (nodes.Count + 1 > Docker.PodNetwork.MaxNodes)
        {
            v.Error(ManifestCodes.InvalidValue, $"A pod has at most {Docker.PodNetwork.MaxNodes - 1} nodes besides the driver.", n!.Start);
        }
        if (nodes.Count > 0 && sandboxFaults.Count > 0)
        {
            v.Error(ManifestCodes.InvalidValue, "In a pod, a pause fault must name its node: '{ pause: { node: n1, at: 2s, for: 1s } }'.", f!.Start);
        }
        var timeout = keys.TryGetValue("timeout", out var to) ? v.Duration(to, "timeout") : TimeSpan.FromMinutes(2);
        var limits = keys.TryGetValue("limits", out var l) ? ParseLimits(v, l, ResourceLimits.Default) : ResourceLimits.Default;
        if (timeout is { } t && sandboxFaults.Any(sf => sf.At + sf.Duration >= t))
        {
            v.Error(ManifestCodes.InvalidValue, "A pause fault ends after the workload's timeout.", f!.Start);
        }
        foreach (var (fault, at) in nodeFaults.Where(x => timeout is { } t2 && x.Fault.At + x.Fault.Duration >= t2))
        {
            v.Error(ManifestCodes.InvalidValue, string.Create(CultureInfo.InvariantCulture, $"This fault on '{fault.Node}' ends after the workload's timeout ({timeout!.Value.TotalSeconds:0.###}s)."), at.Start);
        }
        return name is null || command is null ? null
            : new Workload(name, description, command, seeds, targetFaults, sandboxFaults, timeout ?? TimeSpan.FromMinutes(2), limits)
            {
                Nodes = nodes,
                NodeFaults = [.. nodeFaults.Select(x => x.Fault)],
            };
    }

    private static IReadOnlyList<PodNodeSpec> ParseNodes(Validator v, YamlNode node)
    {
        if (node is not YamlSequenceNode list || list.Children.Count == 0)
        {
            v.Error(ManifestCodes.WrongShape, "'nodes' must be a non-empty list of '{ name: n1, command: ... }'.", node.Start);
            return [];
        }
        var nodes = new List<PodNodeSpec>();
        foreach (var item in list.Children)
        {
            if (item is not YamlMappingNode map)
            {
                v.Error(ManifestCodes.WrongShape, "A node is '{ name: n1, command: ... }'.", item.Start);
                continue;
            }
            var keys = v.Keys(map, NodeKeys, "a node");
            var name = v.RequiredString(keys, map, "name");
            var command = v.RequiredString(keys, map, "command");
            if (name is null || command is null)
            {
                continue;
            }
            if (!NameRegex().IsMatch(name) || name == "driver" || nodes.Any(x => x.Name == name))
            {
                v.Error(ManifestCodes.InvalidValue, $"Node names must be unique names other than 'driver'; '{name}' is not.", keys["name"].Start);
                continue;
            }
            nodes.Add(new PodNodeSpec(name, command));
        }
        return nodes;
    }

    private static IReadOnlyList<long>? ParseSeeds(Validator v, YamlNode node)
    {
        if (node is YamlScalarNode scalar)
        {
            var count = v.Int(scalar, "seeds", 1, 10_000);
            return count is { } c ? Enumerable.Range(1, c).Select(i => (long)i).ToArray() : null;
        }
        if (node is YamlSequenceNode list && list.Children.Count > 0)
        {
            var seeds = new List<long>();
            foreach (var item in list.Children)
            {
                if (item is YamlScalarNode sc && long.TryParse(sc.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) && seed >= 0)
                {
                    seeds.Add(seed);
                }
                else
                {
                    v.Error(ManifestCodes.InvalidValue, "Seeds must be non-negative integers.", item.Start);
                }
            }
            return seeds.Distinct().ToArray();
        }
        v.Error(ManifestCodes.WrongShape, "'seeds' must be a count (runs seeds 1..N) or a list of seeds.", node.Start, "seeds: 5");
        return null;
    }

    private static void ParseFaults(Validator v, YamlNode node, List<string> targetFaults, List<SandboxFault> sandboxFaults, List<(Docker.NodeFault, YamlNode)> nodeFaults)
    {
        const string Forms = "a name the target injects itself (e.g. crash-leader), '{ pause: { at: 2s, for: 1s } }', or in a pod '{ pause: { node: n1, at: 2s, for: 1s } }', "
            + "'{ kill: { node: n1, at: 2s, for: 1s } }' and '{ disconnect: { node: n1, at: 2s, for: 1s } }'";
        if (node is not YamlSequenceNode list)
        {
            v.Error(ManifestCodes.WrongShape, "'faults' must be a list; a fault is " + Forms + ".", node.Start);
            return;
        }
        foreach (var item in list.Children)
        {
            switch (item)
            {
                case YamlScalarNode { Value: { Length: > 0 } name } when FaultRegex().IsMatch(name):
                    targetFaults.Add(name);
                    break;
                case YamlMappingNode map when map.Children.Count == 1 && map.Children.First().Key is YamlScalarNode { Value: "pause" or "kill" or "disconnect" } kindNode:
                    var kind = kindNode.Value switch
                    {
                        "kill" => Docker.NodeFaultKind.KillRestart,
                        "disconnect" => Docker.NodeFaultKind.Disconnect,
                        _ => Docker.NodeFaultKind.Pause,
                    };
                    if (map.Children.First().Value is YamlMappingNode body)
                    {
                        var keys = v.Keys(body, kind == Docker.NodeFaultKind.Pause ? PauseKeys : NodeFaultKeys, $"a {kindNode.Value} fault");
                        var at = keys.TryGetValue("at", out var a) ? v.Duration(a, "at") : v.MissingDuration(body, "at");
                        var duration = keys.TryGetValue("for", out var d) ? v.Duration(d, "for") : v.MissingDuration(body, "for");
                        var target = keys.TryGetValue("node", out var nn) ? v.String(nn, "node") : null;
                        if (kind != Docker.NodeFaultKind.Pause && !keys.ContainsKey("node"))
                        {
                            v.Error(ManifestCodes.Missing, kind == Docker.NodeFaultKind.KillRestart
                                ? "A kill fault names the node to kill and restart."
                                : "A disconnect fault names the node to cut off the pod's network.", body.Start, $"{kindNode.Value}: {{ node: n1, at: 2s, for: 1s }}");
                        }
                        if (at is not { } at1 || duration is not { } d1)
                        {
                            break;
                        }
                        if (target is not null)
                        {
                            nodeFaults.Add((new Docker.NodeFault(kind, target, at1, d1), item));
                        }
                        else if (kind == Docker.NodeFaultKind.Pause)
                        {
                            sandboxFaults.Add(new SandboxFault(SandboxFaultKind.Pause, at1, d1));
                        }
                    }
                    else
                    {
                        v.Error(ManifestCodes.WrongShape, $"A {kindNode.Value} fault needs 'at' and 'for'.", map.Start, $"{kindNode.Value}: {{ at: 2s, for: 1s }}");
                    }
                    break;
                default:
                    v.Error(ManifestCodes.InvalidValue, "A fault is " + Forms + ".", item.Start);
                    break;
            }
        }
    }

    private static ResourceLimits ParseLimits(Validator v, YamlNode node, ResourceLimits defaults)
    {
        if (node is not YamlMappingNode map)
        {
            v.Error(ManifestCodes.WrongShape, "'limits' must be a mapping of memory, pids, cpus and tmp.", node.Start);
            return defaults;
        }
        var keys = v.Keys(map, LimitKeys, "'limits'");
        var memory = keys.TryGetValue("memory", out var m) ? v.Size(m, "memory", 4L * 1024 * 1024) : null;
        var pids = keys.TryGetValue("pids", out var p) ? v.Int(p, "pids", 8, 1_000_000) : null;
        var tmp = keys.TryGetValue("tmp", out var t) ? v.Size(t, "tmp", 1024 * 1024) : null;
        long? nanoCpus = null;
        if (keys.TryGetValue("cpus", out var c))
        {
            if (c is YamlScalarNode cs && double.TryParse(cs.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var cpus) && cpus > 0 && cpus <= 1024)
            {
                nanoCpus = (long)(cpus * 1e9);
            }
            else
            {
                v.Error(ManifestCodes.InvalidValue, "'cpus' must be a positive number, e.g. 1.5.", c.Start);
            }
        }
        return new ResourceLimits(memory ?? defaults.MemoryBytes, pids ?? defaults.Pids, nanoCpus ?? defaults.NanoCpus, tmp ?? defaults.TmpfsBytes);
    }

    /// <summary>Parses durations like <c>90s</c>, <c>5m</c>, <c>1m30s</c>, <c>500ms</c>, <c>1h</c> or plain seconds.</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }
        var match = DurationRegex().Match(text);
        if (!match.Success)
        {
            return null;
        }
        var total = TimeSpan.Zero;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var m = PartRegex().Match(part.Value);
            var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            total += m.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(n),
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                _ => TimeSpan.FromHours(n),
            };
        }
        return total;
    }

    /// <summary>Parses sizes like <c>512m</c>, <c>2g</c>, <c>256Mi</c>, <c>64k</c> or plain bytes.</summary>
    public static long? ParseSize(string text)
    {
        var match = SizeRegex().Match(text);
        if (!match.Success)
        {
            return null;
        }
        var n = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var unit = match.Groups[2].Value.ToLowerInvariant().TrimEnd('b', 'i');
        var factor = unit switch { "" => 1L, "k" => 1L << 10, "m" => 1L << 20, "g" => 1L << 30, _ => 0L };
        return factor == 0 ? null : (long)(n * factor);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex NameRegex();

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex FaultRegex();

    [GeneratedRegex("^[a-z0-9][a-z0-9+.-]+$")]
    private static partial Regex PackageRegex();

    [GeneratedRegex(@"^(?<part>\d+(\.\d+)?(ms|s|m|h))+$")]
    private static partial Regex DurationRegex();

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)(ms|s|m|h)$")]
    private static partial Regex PartRegex();

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)\s*([kKmMgG]?[iI]?[bB]?)$")]
    private static partial Regex SizeRegex();

    /// <summary>Collects diagnostics while walking the document.</summary>
    private sealed class Validator(string file)
    {
        public List<ManifestDiagnostic> Diagnostics { get; } = [];

        public void Error(string code, string message, Mark at, string? fix = null) =>
            Diagnostics.Add(new ManifestDiagnostic(code, message, file, (int)Math.Max(1, at.Line), (int)Math.Max(1, at.Column), fix));

        public Dictionary<string, YamlNode> Keys(YamlMappingNode map, string[] allowed, string where)
        {
            var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            foreach (var (keyNode, value) in map.Children)
            {
                if (keyNode is not YamlScalarNode { Value: { } key })
                {
                    Error(ManifestCodes.WrongShape, "Keys must be plain names.", keyNode.Start);
                    continue;
                }
                if (!allowed.Contains(key))
                {
                    var near = allowed.OrderBy(a => Distance(a, key)).First();
                    Error(ManifestCodes.UnknownKey, $"Unknown key '{key}' in {where}.", keyNode.Start,
                        Distance(near, key) <= 2 ? $"did you mean '{near}'?" : "allowed: " + string.Join(", ", allowed));
                    continue;
                }
                result[key] = value;
            }
            return result;
        }

        public string? RequiredString(Dictionary<string, YamlNode> keys, YamlMappingNode map, string key)
        {
            if (keys.TryGetValue(key, out var node))
            {
                return String(node, key);
            }
            Error(ManifestCodes.Missing, $"Missing required key '{key}'.", map.Start);
            return null;
        }

        public string? String(YamlNode node, string key)
        {
            if (node is YamlScalarNode { Value: { Length: > 0 } value })
            {
                return value;
            }
            Error(ManifestCodes.WrongShape, $"'{key}' must be a non-empty text value.", node.Start);
            return null;
        }

        public IReadOnlyList<string> StringList(YamlNode node, string key)
        {
            if (node is YamlSequenceNode list)
            {
                return list.Children.Select(c => String(c, key)).OfType<string>().ToArray();
            }
            Error(ManifestCodes.WrongShape, $"'{key}' must be a list.", node.Start);
            return [];
        }

        public int? Int(YamlNode node, string key, int min, int max)
        {
            if (node is YamlScalarNode { Value: { } text } && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
            {
                return n;
            }
            Error(ManifestCodes.InvalidValue, $"'{key}' must be an integer from {min} to {max}.", node.Start);
            return null;
        }

        public int? MissingInt(YamlMappingNode map, string key)
        {
            Error(ManifestCodes.Missing, $"Missing required key '{key}'.", map.Start, key == "version" ? "version: 1" : null);
            return null;
        }

        public TimeSpan? MissingDuration(YamlMappingNode map, string key)
        {
            Error(ManifestCodes.Missing, $"Missing required key '{key}'.", map.Start);
            return null;
        }

        public TimeSpan? Duration(YamlNode node, string key)
        {
            if (node is YamlScalarNode { Value: { } text } && ParseDuration(text) is { } d && d > TimeSpan.Zero)
            {
                return d;
            }
            Error(ManifestCodes.InvalidValue, $"'{key}' must be a positive duration such as 30s, 5m or 1m30s.", node.Start);
            return null;
        }

        public long? Size(YamlNode node, string key, long min)
        {
            if (node is YamlScalarNode { Value: { } text } && ParseSize(text) is { } size && size >= min)
            {
                return size;
            }
            Error(ManifestCodes.InvalidValue, $"'{key}' must be a size such as 256m or 2g (at least {min / 1024} KiB).", node.Start);
            return null;
        }

        private static int Distance(string a, string b)
        {
            var d = new int[a.Length + 1, b.Length + 1];
            for (var i = 0; i <= a.Length; i++)
            {
                d[i, 0] = i;
            }
            for (var j = 0; j <= b.Length; j++)
            {
                d[0, j] = j;
            }
            for (var i = 1; i <= a.Length; i++)
            {
                for (var j = 1; j <= b.Length; j++)
                {
                    d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                }
            }
            return d[a.Length, b.Length];
        }
    }
}
