using System.Runtime.InteropServices;

namespace Specula.Cli;

/// <summary>
/// Ctrl-C and SIGTERM as a request to stop: the first signal cancels <see cref="Token"/> and keeps the process alive so
/// the command can finish cleanly (remove its containers, write its checkpoint, print the statistics so far); a second
/// one ends the process at once.
/// </summary>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;

    private Interruption(CancellationToken invocationToken)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(invocationToken);
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Cancelled by the first signal, or by the invocation's own token.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Starts listening for the signals until disposed.</summary>
    public static Interruption Listen(CancellationToken invocationToken) => new(invocationToken);

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = !_source.IsCancellationRequested;
        _source.Cancel();
    }

    /// <summary>Stops listening; signals take their default effect again.</summary>
    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
        _source.Dispose();
    }
}
