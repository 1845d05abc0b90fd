using System.Diagnostics;

namespace Specula.Testing.Git;

/// <summary>Runs the real <c>git</c> for tests that build repositories, isolated from the machine's git configuration.</summary>
public static class GitCommand
{
    /// <summary>
    /// Runs <c>git <paramref name="arguments"/></c> in <paramref name="workingDirectory"/> and returns its output;
    /// <paramref name="environment"/> adds variables (e.g. fixed commit dates, so commit ids repeat run after run).
    /// </summary>
    /// <exception cref="InvalidOperationException">git failed; the message holds what it printed.</exception>
    public static string Run(string workingDirectory, string arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("git", arguments) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        // The user's or the machine's settings (signing, hooks, default branch) must not change what a test sees.
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        foreach (var who in new[] { "AUTHOR", "COMMITTER" })
        {
            start.Environment[$"GIT_{who}_NAME"] = "Test";
            start.Environment[$"GIT_{who}_EMAIL"] = "test@example.org";
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output.Result : throw new InvalidOperationException($"git {arguments} failed ({process.ExitCode}): {error}");
    }
}
