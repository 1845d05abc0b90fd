using System.Text.Json;
using Specula.Cli;
using static Specula.Cli.Tests.Cli;

namespace Specula.Cli.Tests;

public sealed class ParseCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("specula-parse-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }


    [Fact]
    public async Task Clean_modules_exit_zero_with_a_summary()
    {
        Write("Base.tla", "---- MODULE Base ----\nEXTENDS Naturals\nInc(x) == x + 1\n====\n");
        Write("Top.tla", "---- MODULE Top ----\nEXTENDS Base\nVARIABLE v\nInit == v = Inc(0)\n====\n");
        var (code, output, _) = await Run("parse", _dir);
        Assert.Equal(0, code);
        Assert.EndsWith("Checked 2 modules: no errors." + Environment.NewLine, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_print_like_a_compiler_with_the_source_line_and_exit_one()
    {
        var path = Write("Bad.tla", "---- MODULE Bad ----\nEXTENDS Naturals\nFoo == (1 + 2\n====\n");
        var (code, output, _) = await Run("parse", path);
        Assert.Equal(1, code);
        var lines = output.Split(Environment.NewLine);
        Assert.Equal($"{path}:3:14: error TLA2003: Expected ')' but found the end of the module.", lines[0]);
        Assert.Equal("    Foo == (1 + 2", lines[1]);
        Assert.Equal("                 ^", lines[2]);
        Assert.Equal("Checked 1 module: 1 error in 1 of them.", lines[3]);
    }

    [Fact]
    public async Task Semantic_errors_are_reported_too()
    {
        var path = Write("Sem.tla", "---- MODULE Sem ----\nFoo == Bar + 1\n====\n");
        var (code, output, _) = await Run("parse", path);
        Assert.Equal(1, code);
        Assert.Contains(":2:8: error TLA3", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_output_is_a_versioned_document()
    {
        var path = Write("Bad.tla", "---- MODULE Bad ----\nFoo == ]\n====\n");
        var (code, output, _) = await Run("parse", path, "--json", "--syntax-only");
        Assert.Equal(1, code);
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        Assert.Equal("specula.parse/v1", root.GetProperty("schema").GetString());
        var diagnostic = root.GetProperty("modules")[0].GetProperty("diagnostics")[0];
        Assert.Equal("TLA2005", diagnostic.GetProperty("code").GetString());
        Assert.Equal(2, diagnostic.GetProperty("line").GetInt32());
        Assert.Equal(8, diagnostic.GetProperty("column").GetInt32());
        Assert.Equal(1, root.GetProperty("summary").GetProperty("errors").GetInt32());
    }

    [Fact]
    public async Task A_missing_path_is_bad_input_with_a_message_and_no_stack_trace()
    {
        var (code, output, error) = await Run("parse", Path.Combine(_dir, "nope.tla"));
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("error: no file or folder", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binary_garbage_does_not_crash()
    {
        var path = Path.Combine(_dir, "Garbage.tla");
        File.WriteAllBytes(path, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251))]);
        var (code, _, error) = await Run("parse", path);
        Assert.Equal(1, code);
        Assert.Equal(string.Empty, error);
    }
}
