using System.CommandLine;
using Specula.Cli;
using Specula.Cli.Commands;

// `specula check` alone; the `specula` app replaces itself with this program for `check` (see NativeCheck there).
var root = new RootCommand("Specula's native check engine: run it as `specula check`.")
{
    CheckCommand.Create(Console.Out, Console.Error),
};
return await CommandRunner.RunAsync(root.Parse(args), Console.Out, Console.Error).ConfigureAwait(false);
