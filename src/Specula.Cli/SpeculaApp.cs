using System.CommandLine;

namespace Specula.Cli;

/// <summary>Builds the <c>specula</c> command tree and runs it.</summary>
public static class SpeculaApp
{
    /// <summary>Examples shown at the end of <c>specula --help</c>.</summary>
    internal const string Examples = """
        Examples:
          specula parse specs/                 Parse and check every .tla module under specs/
          specula parse Raft.tla --json        Machine-readable diagnostics
          specula bench parse                  Measure parser throughput
        """;

    /// <summary>Creates the root command with every subcommand registered.</summary>
    public static RootCommand CreateRootCommand(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("Specula: turn a real system's code and observed behaviour into a TLA+ specification that conforms to it.");
        foreach (var command in CreateSubcommands(stdout, stderr))
        {
            root.Subcommands.Add(command);
        }
        return root;
    }

    // One line per command: each lives in Commands/ and owns its options and handler.
    private static IEnumerable<Command> CreateSubcommands(TextWriter stdout, TextWriter stderr)
    {
        _ = stdout;
        _ = stderr;
        yield return Commands.TraceCommand.Create(stdout, stderr);
        yield break;
    }

    /// <summary>Parses <paramref name="args"/> and runs the selected command; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = CreateRootCommand(stdout, stderr);
        var config = new InvocationConfiguration { Output = stdout, Error = stderr };
        var result = root.Parse(args);
        if (args.Length == 0 || args.Contains("--help") || args.Contains("-h") || args.Contains("-?"))
        {
            var code = await result.InvokeAsync(config).ConfigureAwait(false);
            if (result.Errors.Count == 0 && result.CommandResult.Command == root)
            {
                await stdout.WriteLineAsync(Examples).ConfigureAwait(false);
            }
            return code;
        }
        return await result.InvokeAsync(config).ConfigureAwait(false);
    }
}
