using System.Diagnostics;
using System.Globalization;

namespace Specula.Agents.Nightly;

/// <summary>
/// The state folder's lock: one nightly at a time per state folder. The lock is an exclusive OS lock on
/// <c>nightly.lock</c> (flock on Unix), which the kernel releases when its holder dies, so a crashed nightly never
/// blocks the next one; <c>nightly.lock.pid</c> says who holds it, for the message of those who wait. The lock file
/// is never deleted: deleting it would let a waiter lock the unlinked file while a third process locks a new one.
/// </summary>
public sealed class NightlyLock : IDisposable
{
    /// <summary>The lock file's name in the state folder.</summary>
    public const string FileName = "nightly.lock";

    private readonly FileStream _stream;
    private readonly string _pidFile;

    private NightlyLock(FileStream stream, string pidFile, int? previousHolder)
    {
        _stream = stream;
        _pidFile = pidFile;
        TakenOverFrom = previousHolder;
    }

    /// <summary>The pid of a dead nightly whose lock was taken over; null when the lock was free.</summary>
    public int? TakenOverFrom { get; }

    /// <summary>
    /// Takes the lock of <paramref name="stateDir"/>, waiting up to <paramref name="wait"/> for another nightly to
    /// finish. Returns null with the holder's pid when it is still held after that.
    /// </summary>
    public static async Task<(NightlyLock? Lock, int? Holder)> AcquireAsync(string stateDir, TimeSpan wait, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Directory.CreateDirectory(stateDir);
        var path = Path.Combine(stateDir, FileName);
        var pidFile = path + ".pid";
        var started = clock.GetTimestamp();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            FileStream? stream = null;
            try
            {
                stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                // Held by a live process (the kernel keeps the lock only while its holder lives).
            }
            if (stream is not null)
            {
                var previous = ReadPid(pidFile);
                var self = Environment.ProcessId;
                var stale = previous is { } p && p != self && !IsAlive(p) ? previous : null;
                NightlyJson.WriteText(pidFile, self.ToString(CultureInfo.InvariantCulture) + "\n");
                return (new NightlyLock(stream, pidFile, stale), null);
            }
            if (clock.GetElapsedTime(started) >= wait)
            {
                return (null, ReadPid(pidFile));
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), clock, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Releases the lock (the pid file is cleared first, so no one reads a released holder as current).</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(_pidFile);
        }
        catch (IOException)
        {
        }
        _stream.Dispose();
    }

    private static int? ReadPid(string pidFile)
    {
        try
        {
            return File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
