using System.Diagnostics;

namespace Specula.Sandboxes.Tests;

/// <summary>Runs each tracing kit's own test with its own toolchain (installed by eng/prereqs.sh).</summary>
public sealed class KitTests
{
    [Fact]
    public void Go_kit()
    {
        var kit = Repo.Path("sandboxes", "kits", "go");
        var (code, output) = Run("go", ["test", "-count=1", "specula.dev/trace"], kit, new()
        {
            ["GOPATH"] = kit,
            ["GO111MODULE"] = "off",
            ["GOCACHE"] = Path.Combine(Path.GetTempPath(), "specula-go-cache"),
        });
        Assert.True(code == 0, output);
    }

    /// <summary>The same two events every kit's own test writes: all kits produce these bytes.</summary>
    internal const string Expected =
        "{\"tag\":\"trace\",\"v\":1,\"seq\":1,\"node\":\"n1\",\"event\":\"Send\",\"args\":{\"to\":\"n2\"},\"state\":{\"term\":1},\"clock\":{\"n1\":1}}\n"
        + "{\"tag\":\"trace\",\"v\":1,\"seq\":1,\"node\":\"n2\",\"event\":\"Receive\",\"args\":{\"from\":\"n1\"},\"state\":{\"term\":1},\"clock\":{\"n1\":1,\"n2\":1}}\n";

    [Fact]
    public void Python_kit()
    {
        var (code, output) = Run("python3", ["-m", "unittest", "-v", "test_specula_trace"], Repo.Path("sandboxes", "kits", "python"), new() { ["PYTHONDONTWRITEBYTECODE"] = "1" });
        Assert.True(code == 0, output);
    }

    [Fact]
    public void C_kit()
    {
        var binary = Path.Combine(Path.GetTempPath(), $"specula-c-kit-{Guid.NewGuid():N}");
        var dir = Repo.Path("sandboxes", "kits", "c");
        var (code, output) = Run("cc", ["-std=c99", "-Wall", "-Wextra", "-Werror", "-o", binary, "test_specula_trace.c"], dir, []);
        Assert.True(code == 0, output);
        (code, output) = Run(binary, [], dir, []);
        File.Delete(binary);
        Assert.True(code == 0, output);
    }

    [Fact]
    public void CSharp_kit_writes_the_same_bytes_as_the_others()
    {
        var path = Path.Combine(DockerFixture.TempDir(), "t.ndjson");
        using (var w = new Specula.Trace.TraceWriter(path))
        {
            w.Emit("n1", "Send", new Dictionary<string, object?> { ["to"] = "n2" }, new Dictionary<string, object?> { ["term"] = 1 });
            w.Merge("n2", w.Stamp("n1"));
            w.Emit("n2", "Receive", new Dictionary<string, object?> { ["from"] = "n1" }, new Dictionary<string, object?> { ["term"] = 1 });
        }
        Assert.Equal(Expected, File.ReadAllText(path));
        Assert.True(Tracing.TraceFileValidator.ValidateFile(path).IsValid);
    }

    [Fact]
    public void CSharp_kit_never_interleaves_lines_across_threads()
    {
        var path = Path.Combine(DockerFixture.TempDir(), "t.ndjson");
        using (var w = new Specula.Trace.TraceWriter(path))
        {
            Parallel.For(0, 8, n =>
            {
                for (var i = 0; i < 200; i++)
                {
                    w.Emit("n" + n, "E", new Dictionary<string, object?> { ["i"] = i, ["pad"] = new string('x', 300) });
                }
            });
        }
        var report = Tracing.TraceFileValidator.ValidateFile(path);
        Assert.True(report.IsValid, string.Join("\n", report.Diagnostics));
        Assert.Equal(1600, report.Events);
    }

    internal static (int Code, string Output) Run(string program, string[] args, string dir, Dictionary<string, string> env)
    {
        var info = new ProcessStartInfo(program, args) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (k, v) in env)
        {
            info.Environment[k] = v;
        }
        using var p = System.Diagnostics.Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}
