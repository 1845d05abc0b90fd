namespace Specula.Reports.Model;

/// <summary>Why a file of a run could not be read: an expected failure, returned rather than thrown.</summary>
/// <param name="Path">The file.</param>
/// <param name="Message">One line for the user.</param>
public abstract record FileError(string Path, string Message);

/// <summary>The file does not exist.</summary>
public sealed record MissingFileError(string Path) : FileError(Path, $"{Path}: no such file.");

/// <summary>The file is not valid JSON or lacks a required field.</summary>
public sealed record MalformedFileError(string Path, string Detail) : FileError(Path, $"{Path}: not a valid file: {Detail}");

/// <summary>The file carries a schema version this version of Specula does not read.</summary>
public sealed record UnknownSchemaError(string Path, string? Found, string Expected)
    : FileError(Path, $"{Path}: schema '{Found ?? "(none)"}' is not known; this version reads '{Expected}'.");

/// <summary>The file could not be read at all (permissions, I/O).</summary>
public sealed record UnreadableFileError(string Path, string Detail) : FileError(Path, $"{Path}: cannot be read: {Detail}");

/// <summary>A value read from a file, or why it could not be.</summary>
public sealed record ReadResult<T>
    where T : class
{
    internal ReadResult(T? value, FileError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value; set exactly when <see cref="Error"/> is null.</summary>
    public T? Value { get; }

    /// <summary>Why reading failed.</summary>
    public FileError? Error { get; }

    /// <summary>Whether the value was read.</summary>
    public bool IsOk => Error is null;
}

/// <summary>Makes <see cref="ReadResult{T}"/> values.</summary>
public static class ReadResult
{
    /// <summary>A successful read.</summary>
    public static ReadResult<T> Ok<T>(T value)
        where T : class
        => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    /// <summary>A failed read.</summary>
    public static ReadResult<T> Failed<T>(FileError error)
        where T : class
        => new(null, error ?? throw new ArgumentNullException(nameof(error)));
}
