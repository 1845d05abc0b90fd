using System.Diagnostics;
using System.Net;
using System.Text;

namespace Specula.Testing.Git;

/// <summary>
/// A real git server on loopback: git's own smart-HTTP backend (<c>git http-backend</c>, run as a CGI program per
/// request) serving the repositories under a folder at <c>http://127.0.0.1:PORT/&lt;name&gt;</c>. Clients (libgit2,
/// git) speak the real protocol to it; nothing leaves the machine.
/// </summary>
public sealed class GitHttpServer : IDisposable
{
    private readonly LoopbackListener _server;
    private readonly string _root;
    private int _requests;

    /// <summary>Serves every repository under <paramref name="root"/> (work trees or bare repositories).</summary>
    public GitHttpServer(string root)
    {
        _root = Path.GetFullPath(root);
        _server = LoopbackListener.Start(AnswerAsync);
    }

    /// <summary>The port it listens on.</summary>
    public int Port => _server.Port;

    /// <summary><c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseUrl => _server.BaseUrl;

    /// <summary>Requests answered so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The clone address of the repository in folder <paramref name="name"/> under the root.</summary>
    public string UrlOf(string name) => new Uri(BaseUrl, name).ToString();

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        try
        {
            var start = new ProcessStartInfo("git", ["http-backend"])
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            var raw = request.RawUrl ?? "/";
            var q = raw.IndexOf('?', StringComparison.Ordinal);
            start.Environment["GIT_PROJECT_ROOT"] = _root;
            start.Environment["GIT_HTTP_EXPORT_ALL"] = "1";
            start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
            start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
            start.Environment["REQUEST_METHOD"] = request.HttpMethod;
            start.Environment["PATH_INFO"] = Uri.UnescapeDataString(q < 0 ? raw : raw[..q]);
            start.Environment["QUERY_STRING"] = q < 0 ? "" : raw[(q + 1)..];
            start.Environment["CONTENT_TYPE"] = request.ContentType ?? "";
            start.Environment["REMOTE_ADDR"] = "127.0.0.1";
            start.Environment["GIT_PROTOCOL"] = request.Headers["Git-Protocol"] ?? "";
            if (request.Headers["Content-Encoding"] is { } encoding)
            {
                start.Environment["HTTP_CONTENT_ENCODING"] = encoding;
            }
            using var backend = Process.Start(start)!;
            var errors = backend.StandardError.ReadToEndAsync();
            // The body goes in whole (not chunked): http-backend reads until end of input when no length is given.
            await request.InputStream.CopyToAsync(backend.StandardInput.BaseStream).ConfigureAwait(false);
            backend.StandardInput.Close();
            using var output = new MemoryStream();
            await backend.StandardOutput.BaseStream.CopyToAsync(output).ConfigureAwait(false);
            await backend.WaitForExitAsync().ConfigureAwait(false);
            await errors.ConfigureAwait(false);
            WriteCgiResponse(output.ToArray(), response);
            Interlocked.Increment(ref _requests);
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The client went away, or the server is stopping.
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
            }
        }
    }

    // A CGI response: header lines (Status: among them), an empty line, then the body.
    private static void WriteCgiResponse(byte[] cgi, HttpListenerResponse response)
    {
        var separator = IndexOf(cgi, "\r\n\r\n"u8);
        var skip = 4;
        if (separator < 0)
        {
            separator = IndexOf(cgi, "\n\n"u8);
            skip = 2;
        }
        var headerText = separator < 0 ? "" : Encoding.ASCII.GetString(cgi, 0, separator);
        var body = separator < 0 ? cgi : cgi[(separator + skip)..];
        response.StatusCode = 200;
        foreach (var line in headerText.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }
            var (name, value) = (line[..colon].Trim(), line[(colon + 1)..].Trim());
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                response.StatusCode = int.Parse(value.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                response.ContentType = value;
            }
            else if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                response.Headers[name] = value;
            }
        }
        response.ContentLength64 = body.Length;
        response.OutputStream.Write(body);
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle);

    /// <summary>Stops listening.</summary>
    public void Dispose() => _server.Dispose();
}
