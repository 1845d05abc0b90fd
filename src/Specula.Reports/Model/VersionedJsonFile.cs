using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Specula.Reports.Model;

/// <summary>Reading and atomic writing of the versioned JSON files of a run folder (report.json, run.json).</summary>
internal static class VersionedJsonFile
{
    public static ReadResult<T> Read<T>(string path, string schema, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        string text;
        try
        {
            if (!File.Exists(path))
            {
                return ReadResult.Failed<T>(new MissingFileError(path));
            }
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ReadResult.Failed<T>(new UnreadableFileError(path, ex.Message));
        }
        try
        {
            var found = SchemaProbe.Read(text);
            if (found != schema)
            {
                return ReadResult.Failed<T>(new UnknownSchemaError(path, found, schema));
            }
            var value = JsonSerializer.Deserialize(text, typeInfo);
            return value is null
                ? ReadResult.Failed<T>(new MalformedFileError(path, "the file holds null"))
                : ReadResult.Ok(value);
        }
        catch (JsonException ex)
        {
            return ReadResult.Failed<T>(new MalformedFileError(path, ex.Message));
        }
    }

    /// <summary>Writes to a temporary file beside the target, then renames it over: a reader never sees half a file.</summary>
    public static void WriteAtomically<T>(string path, T value, JsonTypeInfo<T> typeInfo)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, value, typeInfo);
                stream.WriteByte((byte)'\n');
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
