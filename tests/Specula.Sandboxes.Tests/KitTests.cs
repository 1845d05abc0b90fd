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
