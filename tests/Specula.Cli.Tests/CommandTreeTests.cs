using Specula.Cli;

namespace Specula.Cli.Tests;

/// <summary>
/// The command tree built for one run holds only the subcommand the arguments name, so a short run does not build
/// every other command's options; these tests guard that the lazy tree still parses what the full one does.
/// </summary>
public sealed class CommandTreeTests
{
    [Fact]
    public void Every_subcommand_builds_alone_under_its_own_name()
    {
        var all = SpeculaApp.CreateRootCommand(TextWriter.Null, TextWriter.Null).Subcommands.Select(c => c.Name).ToList();
        Assert.Contains("check", all);
        foreach (var name in all)
        {
            var root = SpeculaApp.CreateRootCommand([name, "--help"], TextWriter.Null, TextWriter.Null);
            Assert.Equal([name], root.Subcommands.Select(c => c.Name));
        }
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("--version")]
    [InlineData("chek")]
    public void Arguments_naming_no_subcommand_build_the_whole_tree(string first)
    {
        var all = SpeculaApp.CreateRootCommand(TextWriter.Null, TextWriter.Null).Subcommands.Count;
        var root = SpeculaApp.CreateRootCommand([first], TextWriter.Null, TextWriter.Null);
        Assert.Equal(all, root.Subcommands.Count);
    }

    [Fact]
    public async Task A_subcommand_built_alone_prints_its_help()
    {
        var (code, output, _) = await Cli.Run("check", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--max-states", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Examples:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mistyped_subcommand_is_an_error_that_suggests_the_right_one()
    {
        var (code, output, errors) = await Cli.Run("chek", "Spec.tla");
        Assert.NotEqual(0, code);
        Assert.Contains("Unrecognized command or argument 'chek'", errors, StringComparison.Ordinal);
        Assert.Contains("Did you mean one of the following?\ncheck", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }
}
