namespace Specula.Synthesis.Tests;

/// <summary>Output folders of the synthesis tests, one per test and process, emptied before use.</summary>
internal static class TestFolders
{
    /// <summary>An empty folder for <paramref name="name"/>; a previous run's content is removed first.</summary>
    public static string Fresh(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), "specula-synthesis-tests", name + "-" + Environment.ProcessId);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
        Directory.CreateDirectory(path);
        return path;
    }
}
