using System.Net;
using System.Net.Sockets;

namespace Specula.Testing;

/// <summary>An <see cref="HttpListener"/> on a free loopback port, for the test servers: tests never reach another address.</summary>
public static class LoopbackListener
{
    /// <summary>Starts a listener on <c>http://127.0.0.1:PORT/</c> and returns it with its port.</summary>
    public static (HttpListener Listener, int Port) Start()
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
                return (listener, port);
            }
            catch (HttpListenerException) when (attempt < 20)
            {
                listener.Close();
            }
        }
    }
}
