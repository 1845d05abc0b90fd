namespace Specula.Testing;

/// <summary>
/// A fresh folder under the system's temporary directory, removed with everything in it on <see cref="Dispose"/>.
/// Git makes its object files read-only, so removal clears that attribute first instead of failing on them.
/// </summary>
public sealed class TemporaryFolder : IDisposable
{
    /// <summary>Creates a new folder whose name starts with <paramref name="prefix"/>.</summary>
    public TemporaryFolder(string prefix) => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>A path inside the folder.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <inheritdoc />
    public override string ToString() => Path;

    /// <summary>Removes the folder; a file a child process still holds open is left behind rather than failing the test.</summary>
    public void Dispose()
    {
        if (!Directory.Exists(Path))
        {
            return;
        }
        try
        {
            foreach (var file in Directory.EnumerateFiles(Path, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
