using System.Globalization;

namespace Specula.Sandboxes.Docker;

/// <summary>Labels put on every container, volume and image Specula creates, so a sweeper can find leftovers.</summary>
public static class SandboxLabels
{
    /// <summary>Present (value "1") on everything Specula creates.</summary>
    public const string Marker = "io.specula.sandbox";

    /// <summary>The run the object belongs to.</summary>
    public const string Run = "io.specula.run";

    /// <summary>The id of the process that created the object.</summary>
    public const string OwnerPid = "io.specula.pid";

    /// <summary>The host name of the machine whose process created the object.</summary>
    public const string OwnerHost = "io.specula.host";

    /// <summary>Creation time, Unix seconds.</summary>
    public const string Created = "io.specula.created";

    /// <summary>Content hash of an image's inputs.</summary>
    public const string ContentHash = "io.specula.content-hash";

    /// <summary>The labels for an object created now by this process for <paramref name="runId"/>.</summary>
    public static Dictionary<string, string> For(string runId, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return new Dictionary<string, string>
        {
            [Marker] = "1",
            [Run] = runId,
            [OwnerPid] = System.Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            [OwnerHost] = System.Environment.MachineName,
            [Created] = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        };
    }
}
