using System.ComponentModel;
using System.Globalization;
using System.Text;
using Microsoft.SemanticKernel;
using Specula.Agents.Runs;

namespace Specula.Agents.Plugins;

/// <summary>The spec folder's files.</summary>
/// <param name="Files">Relative paths, sorted.</param>
/// <param name="Error">The failure.</param>
public sealed record SpecFileList(IReadOnlyList<string> Files, ToolError? Error) : IToolOutcome;

/// <summary>A spec file with numbered lines.</summary>
/// <param name="Path">The file.</param>
/// <param name="Text">The lines, each as <c>"  12: text"</c>.</param>
/// <param name="Lines">How many lines it has.</param>
/// <param name="Error">The failure.</param>
public sealed record SpecFileText(string Path, string Text, int Lines, ToolError? Error) : IToolOutcome;

/// <summary>What a write changed.</summary>
/// <param name="Path">The file.</param>
/// <param name="Changed">False when the content was already that.</param>
/// <param name="Diff">Unified diff of the change.</param>
/// <param name="Error">The failure (nothing was written).</param>
public sealed record SpecWriteResult(string Path, bool Changed, string Diff, ToolError? Error) : IToolOutcome;

/// <summary>Changes since the start of the round.</summary>
/// <param name="Changes">One per changed file.</param>
/// <param name="Error">The failure.</param>
public sealed record SpecDiffResult(IReadOnlyList<SpecChange> Changes, ToolError? Error) : IToolOutcome;

/// <summary>
/// Reading and writing the run's spec folder (the module, MC.cfg, TraceMap.yaml). Writes are confined to the folder;
/// the orchestrator checks the result after the turn and its gates may roll a change back.
/// </summary>
public sealed class SpecPlugin(SpecFolder folder, Func<SpecSnapshot> roundStart)
{
    /// <summary>The plugin's name in tool calls.</summary>
    public const string Name = "spec";

    /// <summary>Lists the spec folder.</summary>
    [KernelFunction("list"), Description("List the files of the spec folder (the TLA+ module, MC.cfg, TraceMap.yaml).")]
    public SpecFileList List() => new(folder.List(), null);

    /// <summary>Reads a spec file.</summary>
    [KernelFunction("read"), Description("Read a file of the spec folder with line numbers.")]
    public SpecFileText Read([Description("The file, relative to the spec folder, e.g. 'Counter.tla' or 'MC.cfg'")] string path)
    {
        var (_, error) = folder.Resolve(path);
        if (error is not null)
        {
            return new SpecFileText(path, "", 0, new ToolError(ToolErrorCodes.PathRefused, $"'{path}': {error.Reason}."));
        }
        if (folder.Read(path) is not { } content)
        {
            return new SpecFileText(path, "", 0, new ToolError(ToolErrorCodes.NotFound, $"The spec folder has no '{path}'; files: {string.Join(", ", folder.List())}."));
        }
        var lines = content.Split('\n');
        var text = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            if (i == lines.Length - 1 && lines[i].Length == 0)
            {
                break;
            }
            text.Append((i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(4)).Append(": ").Append(lines[i].TrimEnd('\r')).Append('\n');
        }
        return new SpecFileText(path, text.ToString(), lines.Length, null);
    }

    /// <summary>Writes a spec file.</summary>
    [KernelFunction("write"), Description("Replace (or create) a file of the spec folder with the full new content. Only files inside the spec folder; the checks run after your turn and a change that removes or weakens an invariant that held, deletes an action the traces exercise, or ignores more trace events is rolled back.")]
    public SpecWriteResult Write(
        [Description("The file, relative to the spec folder")] string path,
        [Description("The complete new content of the file (not a diff)")] string content)
    {
        var (change, error) = folder.Write(path, content ?? "");
        return error is not null
            ? new SpecWriteResult(path, false, "", new ToolError(ToolErrorCodes.PathRefused, $"'{path}': {error.Reason}."))
            : new SpecWriteResult(path, change is not null, change?.Diff ?? "", null);
    }

    /// <summary>Diff since the round began.</summary>
    [KernelFunction("diff"), Description("Unified diff of every spec file changed since the start of this round.")]
    public SpecDiffResult Diff()
    {
        var before = roundStart().Files;
        var after = folder.Snapshot().Files;
        var changes = before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
            .Select(f => (f, b: before.GetValueOrDefault(f), a: after.GetValueOrDefault(f)))
            .Where(x => x.b != x.a)
            .Select(x => new SpecChange(x.f, x.b is null ? null : SpecFolder.HashOf(x.b), x.a is null ? null : SpecFolder.HashOf(x.a), SpecFolder.Diff(x.f, x.b, x.a)))
            .ToList();
        return new SpecDiffResult(changes, null);
    }
}
