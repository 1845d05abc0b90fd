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
          specula check MCRaft.tla             Model-check with MCRaft.cfg, as TLC would
          specula check Spec.tla -c MC.cfg -w 2 --json
          specula trace examples/etcd-raft --seeds 5
                                               Build and run a real system in Docker, collect 5 traces
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
        yield return Commands.ParseCommand.Create(stdout, stderr);
        yield return Commands.CheckCommand.Create(stdout, stderr);
        yield return Commands.TraceCommand.Create(stdout, stderr);
        yield return Commands.RunCommand.Create(stdout, stderr);
        yield return Commands.ValidateCommand.Create(stdout, stderr);
        yield return Commands.ScoreCommand.Create(stdout, stderr);
        yield return Commands.SynthesizeCommand.Create(stdout, stderr);
        yield return Commands.BenchCommand.Create(stdout, stderr);
        yield return Commands.TranscriptCommand.Create(stdout, stderr);
        yield return Commands.ReportCommand.Create(stdout, stderr);
        yield return Commands.NightlyCommand.Create(stdout, stderr);
    }

    /// <summary>Parses <paramref name="args"/> and runs the selected command; returns the exit code.</summary>
    /// <remarks>
    /// Expected failures (<see cref="CommandException"/>) print one line; Ctrl-C prints that the work was cancelled;
    /// anything else is a bug and prints one line too, with the stack only when SPECULA_DEBUG is set.
    /// </remarks>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var root = CreateRootCommand(stdout, stderr);
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        var result = root.Parse(args);
        try
        {
            var code = await result.InvokeAsync(config).ConfigureAwait(false);
            var askedForHelp = args.Length == 0 || args.Contains("--help") || args.Contains("-h") || args.Contains("-?");
            if (askedForHelp && result.Errors.Count == 0 && result.CommandResult.Command == root)
            {
                await stdout.WriteLineAsync(Examples).ConfigureAwait(false);
            }
            return code;
        }
        catch (CommandException ex)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ex.ExitCode;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("cancelled.").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await stderr.WriteLineAsync($"internal error: {ex.GetType().Name}: {ex.Message}").ConfigureAwait(false);
            if (Environment.GetEnvironmentVariable("SPECULA_DEBUG") is { Length: > 0 })
            {
                await stderr.WriteLineAsync(ex.ToString()).ConfigureAwait(false);
            }
            else
            {
                await stderr.WriteLineAsync("This is a bug in Specula; set SPECULA_DEBUG=1 for details and please report it.").ConfigureAwait(false);
            }
            return ExitCodes.InternalError;
        }
    }
}
