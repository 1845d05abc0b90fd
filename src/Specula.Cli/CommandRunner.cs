using System.CommandLine;

namespace Specula.Cli;

/// <summary>
/// Runs a parsed command line and turns what it throws into an exit code and one line on stderr; shared by the
/// <c>specula</c> command and the native check engine, so that both end a failed command the same way.
/// </summary>
internal static class CommandRunner
{
    /// <summary>Invokes the command <paramref name="result"/> selected; returns the exit code.</summary>
    /// <remarks>
    /// Expected failures (<see cref="CommandException"/>) print one line; Ctrl-C prints that the work was cancelled;
    /// anything else is a bug and prints one line too, with the stack only when SPECULA_DEBUG is set.
    /// </remarks>
    public static async Task<int> RunAsync(ParseResult result, TextWriter stdout, TextWriter stderr)
    {
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            return await result.InvokeAsync(config).ConfigureAwait(false);
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
