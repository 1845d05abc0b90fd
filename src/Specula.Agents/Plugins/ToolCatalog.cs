using System.Reflection;
using Microsoft.SemanticKernel;

namespace Specula.Agents.Plugins;

/// <summary>The names of every agent tool (<c>plugin.function</c>), known before any run: phase files are checked against them.</summary>
public static class ToolCatalog
{
    /// <summary>Every tool.</summary>
    public static IReadOnlySet<string> Names { get; } = Build();

    private static HashSet<string> Build()
    {
        var plugins = new (string Name, Type Type)[]
        {
            (RepositoryPlugin.Name, typeof(RepositoryPlugin)),
            (SandboxPlugin.Name, typeof(SandboxPlugin)),
            (SpecPlugin.Name, typeof(SpecPlugin)),
            (TlaPlugin.Name, typeof(TlaPlugin)),
        };
        return plugins
            .SelectMany(p => p.Type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
                .Select(m => m.GetCustomAttribute<KernelFunctionAttribute>() is { } a ? $"{p.Name}.{a.Name ?? m.Name}" : null)
                .OfType<string>())
            .ToHashSet(StringComparer.Ordinal);
    }
}
