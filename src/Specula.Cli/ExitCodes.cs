namespace Specula.Cli;

/// <summary>Exit codes shared by all commands; each command documents its own 0–3.</summary>
public static class ExitCodes
{
    /// <summary>The user pressed Ctrl-C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;

    /// <summary>A bug in Specula (EX_SOFTWARE).</summary>
    public const int InternalError = 70;
}
