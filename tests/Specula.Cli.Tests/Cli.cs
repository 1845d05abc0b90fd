namespace Specula.Cli.Tests;

/// <summary>Runs the <c>specula</c> command in-process, as the CLI tests do, capturing what it prints.</summary>
internal static class Cli
{
    public static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await SpeculaApp.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
