using Specula.Tla.Syntax;

namespace Specula.Tla.Tests.Syntax;

/// <summary>
/// The written-out children of every node of the corpus specs are the ones reading the node's properties finds, in
/// the same order, so the walks that replaced reflection (string interning, action reachability) see the same trees.
/// </summary>
public sealed class SyntaxChildrenTests
{
    private static IEnumerable<SyntaxNode> Nodes(SyntaxNode root)
    {
        var stack = new Stack<SyntaxNode>([root]);
        var children = new List<SyntaxNode>();
        while (stack.TryPop(out var node))
        {
            yield return node;
            children.Clear();
            SyntaxChildren.AddByReflection(node, children);
            foreach (var child in children)
            {
                stack.Push(child);
            }
        }
    }

    [Fact]
    public void Every_node_of_the_corpus_has_the_children_its_properties_hold()
    {
        var kinds = new HashSet<Type>();
        var files = Directory.EnumerateFiles(CorpusTests.CorpusDirectory, "*.tla", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            var module = TlaParser.Parse(file, File.ReadAllText(file)).Module;
            Assert.NotNull(module);
            foreach (var node in Nodes(module))
            {
                kinds.Add(node.GetType());
                var (written, reflected) = (new List<SyntaxNode>(), new List<SyntaxNode>());
                SyntaxChildren.AddTo(node, written);
                SyntaxChildren.AddByReflection(node, reflected);
                Assert.True(written.Count == reflected.Count && written.Zip(reflected).All(p => ReferenceEquals(p.First, p.Second)),
                    $"{file}: the children of a {node.GetType().Name} at {node.Span}");
            }
        }
        // The corpus exercises most node kinds, so the comparison above is not vacuous.
        Assert.True(kinds.Count >= 40, $"{kinds.Count} node kinds in {files.Count} specs");
    }
}
