namespace Specula.Traces.Tests.Format;

/// <summary>Test data copied beside the test assembly, and a scratch folder for files a test writes.</summary>
internal sealed class TestFiles : IDisposable
{
    public TestFiles()
    {
        Folder = Path.Combine(Path.GetTempPath(), "specula-traces-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public static string Data(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "Data", .. parts]);

    /// <summary>Writes <paramref name="text"/> exactly as given (no newline translation) and returns the path.</summary>
    public string Write(string name, string text)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Writes lines joined with LF.</summary>
    public string WriteLines(string name, params string[] lines) => Write(name, string.Join("\n", lines) + "\n");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A scanner holding a file open must not fail the test.
        }
    }
}
