namespace Specula.Cli;

/// <summary>
/// A failure a command reports to the user as a one-line message with its exit code: bad input or an unusable
/// environment, never a bug. <see cref="CommandRunner"/> prints it without a stack trace.
/// </summary>
public sealed class CommandException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CommandException(string message, int exitCode)
        : base(message)
    {
        ExitCode = exitCode;
    }

    /// <summary>Creates an exception with exit code 1.</summary>
    public CommandException(string message)
        : this(message, 1)
    {
    }

    /// <summary>Creates an exception with exit code 1 that wraps a cause.</summary>
    public CommandException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = 1;
    }

    /// <summary>Creates an exception with exit code 1.</summary>
    public CommandException()
    {
        ExitCode = 1;
    }

    /// <summary>The process exit code to return.</summary>
    public int ExitCode { get; }
}
