using Specula.Cli;

namespace Specula.Cli.Tests;

public sealed class HelpTests
{
    [Fact]
    public async Task Help_lists_examples_and_exits_zero()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await SpeculaApp.RunAsync(["--help"], stdout, stderr);
        Assert.Equal(0, code);
        Assert.Contains("Examples:", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_prints_the_assembly_version()
    {
        var stdout = new StringWriter();
        var code = await SpeculaApp.RunAsync(["--version"], stdout, new StringWriter());
        Assert.Equal(0, code);
        Assert.Matches(@"^\d+\.\d+\.\d+", stdout.ToString().Trim());
    }
}
