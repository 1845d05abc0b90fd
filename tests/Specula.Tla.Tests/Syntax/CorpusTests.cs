using Specula.Tla.Syntax;

namespace Specula.Tla.Tests.Syntax;

/// <summary>Every spec of the project's own corpus parses cleanly and survives print → parse unchanged.</summary>
public sealed class CorpusTests
{
    public static string CorpusDirectory => Path.Combine(AppContext.BaseDirectory, "Corpus");

    public static TheoryData<string> Specs()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(CorpusDirectory, "*.tla", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(CorpusDirectory, file));
        }
        return data;
    }

    [Fact]
    public void Corpus_has_at_least_twenty_five_specs() => Assert.True(Specs().Count >= 25, $"{Specs().Count} specs");

    [Theory]
    [MemberData(nameof(Specs))]
    public void Parses_and_round_trips(string relativePath)
    {
        var path = Path.Combine(CorpusDirectory, relativePath);
        var first = TlaParser.Parse(relativePath, File.ReadAllText(path));
        Assert.True(first.Succeeded, string.Join("\n", first.Diagnostics));

        var printed = TlaPrinter.Print(first.Module!);
        var second = TlaParser.Parse(relativePath + " (printed)", printed);
        Assert.True(second.Succeeded, string.Join("\n", second.Diagnostics) + "\n" + printed);
        Assert.Equal(SyntaxDump.Dump(first.Module!), SyntaxDump.Dump(second.Module!));
    }
}
