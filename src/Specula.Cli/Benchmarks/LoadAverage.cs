namespace Specula.Cli.Benchmarks;

/// <summary>The machine's load, printed beside wall times, which a busy machine slows.</summary>
internal static class LoadAverage
{
    /// <summary>The one-minute load average (Linux <c>/proc/loadavg</c>), or "unknown".</summary>
    public static string Current()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "unknown";
        }
    }
}
