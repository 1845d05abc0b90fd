namespace Specula.Sandboxes.Images;

/// <summary>Reports on the caller's thread at once. <see cref="Progress{T}"/> posts to the thread pool and can report after the
/// awaited call returned, so errors that arrive only as progress messages (failed builds) would be missed.</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
