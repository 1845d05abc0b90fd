using System.Net;
using System.Net.Sockets;

namespace Specula.Testing;

/// <summary>
/// The test servers' shared socket: an <see cref="HttpListener"/> on a free port of 127.0.0.1 that hands every request
/// to a handler on the thread pool until disposed. Only loopback: tests never reach another address.
/// </summary>
public sealed class LoopbackListener : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _loop;

    private LoopbackListener(HttpListener listener, int port, Func<HttpListenerContext, Task> answer)
    {
        _listener = listener;
        Port = port;
        _loop = Task.Run(() => AcceptAsync(answer));
    }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary><c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    /// <summary>Starts listening and answering every request with <paramref name="answer"/>, which owns the response.</summary>
    public static LoopbackListener Start(Func<HttpListenerContext, Task> answer)
    {
        // HttpListener cannot bind port 0: take a free port from the OS, then retry if another process grabbed it first.
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new LoopbackListener(listener, port, answer);
            }
            catch (HttpListenerException) when (attempt < 20)
            {
                listener.Close();
            }
        }
    }

    private async Task AcceptAsync(Func<HttpListenerContext, Task> answer)
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => answer(context));
        }
    }

    /// <summary>Stops listening and waits (briefly) for the accept loop to end.</summary>
    public void Dispose()
    {
        try
        {
            // Close alone: on Linux, Close after Stop binds the port again to remove it, and fails when it is taken.
            _listener.Close();
        }
        catch (HttpListenerException)
        {
        }
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }
}
