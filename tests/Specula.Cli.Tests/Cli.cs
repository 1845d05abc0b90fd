namespace Specula.Cli.Tests;

/// <summary>Runs the <c>specula</c> command in-process, as the CLI tests do, capturing what it prints.</summary>
internal static class Cli
{
    /// <summary>The repository, found above the test binaries (CI builds map source paths to /_/, so they cannot be used).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Specula.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("The tests run outside the repository.");
    }

    public static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await SpeculaApp.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
