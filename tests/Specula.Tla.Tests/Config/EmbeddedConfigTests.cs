using Specula.Tla.Config;
using Specula.Tla.Diagnostics;

namespace Specula.Tla.Tests.Config;

/// <summary>Configurations embedded in a <c>.tla</c> file (<c>---- CONFIG Name ----</c> ... <c>====</c>), as TLC reads them.</summary>
public sealed class EmbeddedConfigTests
{
    private const string Monolith =
        """
        ---- MODULE Counter ----
        EXTENDS Naturals
        CONSTANT N
        VARIABLE x
        Init == x = 0
        Next == x' = (x + 1) % N
        ====

        ---- CONFIG Other ----
        CONSTANT N = 7
        INIT Init
        ====

        ------ CONFIG Counter ------
        CONSTANT N = 3
        INIT Init
        NEXT Next
        ==== trailing text
        INVARIANT NotRead
        """;

    [Fact]
    public void Reads_the_named_section_with_positions_in_the_tla_file()
    {
        var result = ModelConfigReader.ReadEmbedded("Counter.tla", Monolith, "Counter");
        Assert.True(result.Diagnostics.IsEmpty, string.Join("\n", result.Diagnostics));
        Assert.Equal("3", result.Config.ValueOf("N")!.ToString());
        Assert.Equal(new SourceLocation("Counter.tla", 15, 10, 15, 11), result.Config.Constants[0].Location);
        Assert.Equal("Next", result.Config.Next!.Name);
        Assert.Empty(result.Config.Invariants);
    }

    [Fact]
    public void Other_section_by_name()
    {
        var result = ModelConfigReader.ReadEmbedded("Counter.tla", Monolith, "Other");
        Assert.Equal("7", result.Config.ValueOf("N")!.ToString());
        Assert.Null(result.Config.Next);
    }

    [Fact]
    public void Errors_are_located_in_the_tla_file()
    {
        var text = "---- MODULE M ----\n====\n---- CONFIG M ----\nINIT\n====\n";
        var result = ModelConfigReader.ReadEmbedded("M.tla", text, "M");
        Assert.Equal("M.tla:4:1: error TLA4011: The keyword INIT was not followed by an identifier.", Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void Missing_section_is_an_error()
    {
        var result = ModelConfigReader.ReadEmbedded("M.tla", "---- MODULE M ----\n====\n", "M");
        Assert.Equal(
            "M.tla:1:1: error TLA4025: No embedded configuration '---- CONFIG M ----' was found in M.tla.",
            Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void Section_without_end_marker_runs_to_the_end_of_the_file()
    {
        var result = ModelConfigReader.ReadEmbedded("M.tla", "---- CONFIG M ----\r\nSPECIFICATION Spec\r\n", "M");
        Assert.True(result.Diagnostics.IsEmpty);
        Assert.Equal(new SourceLocation("M.tla", 2, 15, 2, 19), result.Config.Specification!.Location);
    }
}
