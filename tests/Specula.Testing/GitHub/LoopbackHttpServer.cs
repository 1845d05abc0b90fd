using System.Net;
using System.Text;

namespace Specula.Testing.GitHub;

/// <summary>A request as a loopback server received it.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path without the query, as sent (e.g. <c>/api/v3/repos/o/r/issues</c>).</param>
/// <param name="Query">The query string without '?', or empty.</param>
/// <param name="Headers">Request headers (names as sent; look up case-insensitively).</param>
/// <param name="Body">The body as text.</param>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The Authorization header, or null.</summary>
    public string? Authorization => Headers.TryGetValue("Authorization", out var value) ? value : null;
}

/// <summary>A response a test scripts: status, JSON or text body, extra headers.</summary>
/// <param name="Status">HTTP status code.</param>
/// <param name="Body">Body text (JSON unless <paramref name="ContentType"/> says otherwise).</param>
/// <param name="Headers">Extra headers, e.g. rate-limit ones.</param>
/// <param name="ContentType">Content type of the body.</param>
public sealed record FakeResponse(int Status, string Body = "", IReadOnlyDictionary<string, string>? Headers = null, string ContentType = "application/json; charset=utf-8");

/// <summary>
/// An HTTP server on 127.0.0.1 at a free port, answering with a handler; every request is recorded. Only loopback:
/// tests never reach another address.
/// </summary>
public class LoopbackHttpServer : IDisposable
{
    private readonly LoopbackListener _server;
    private readonly Func<RecordedRequest, FakeResponse> _handler;
    private readonly List<RecordedRequest> _requests = [];
    private readonly Lock _gate = new();

    /// <summary>Starts serving with <paramref name="handler"/>.</summary>
    public LoopbackHttpServer(Func<RecordedRequest, FakeResponse> handler)
    {
        _handler = handler;
        _server = LoopbackListener.Start(context =>
        {
            Answer(context);
            return Task.CompletedTask;
        });
    }

    /// <summary>The port it listens on.</summary>
    public int Port => _server.Port;

    /// <summary><c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseUrl => _server.BaseUrl;

    /// <summary>Every request received so far, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToArray();
            }
        }
    }

    private void Answer(HttpListenerContext context)
    {
        try
        {
            var request = context.Request;
            string body;
            using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
            {
                body = reader.ReadToEnd();
            }
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in request.Headers.AllKeys)
            {
                if (name is not null)
                {
                    headers[name] = request.Headers[name] ?? "";
                }
            }
            var raw = request.RawUrl ?? "/";
            var q = raw.IndexOf('?', StringComparison.Ordinal);
            var recorded = new RecordedRequest(request.HttpMethod, q < 0 ? raw : raw[..q], q < 0 ? "" : raw[(q + 1)..], headers, body);
            lock (_gate)
            {
                _requests.Add(recorded);
            }
            FakeResponse response;
            try
            {
                response = _handler(recorded);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                response = new FakeResponse(500, $$"""{"message":"fake server bug: {{ex.GetType().Name}}"}""");
            }
            var output = context.Response;
            output.StatusCode = response.Status;
            output.ContentType = response.ContentType;
            foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
            {
                output.Headers[name] = value;
            }
            var bytes = Encoding.UTF8.GetBytes(response.Body);
            output.ContentLength64 = bytes.Length;
            output.OutputStream.Write(bytes);
            output.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away.
        }
    }

    /// <summary>Stops listening.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Stops listening.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _server.Dispose();
        }
    }
}
