using System.Text;

namespace Specula.Reports.Model;

/// <summary>
/// Appends records to transcript.jsonl: one line each, flushed at once so a killed run keeps every record written
/// before the kill. Safe to use from several threads. Every line goes through the redactor before it reaches the
/// file, so secrets never touch the disk.
/// </summary>
public sealed class TranscriptWriter : IDisposable
{
    private readonly Lock _gate = new();
    private readonly FileStream _stream;
    private readonly Func<string, string> _redactor;
    private long _lastSeq;
    private bool _disposed;

    private TranscriptWriter(FileStream stream, Func<string, string> redactor, long lastSeq)
    {
        _stream = stream;
        _redactor = redactor;
        _lastSeq = lastSeq;
    }

    /// <summary>The path written to.</summary>
    public string Path => _stream.Name;

    /// <summary>The sequence number of the last record in the file (0 when none).</summary>
    public long LastSeq
    {
        get
        {
            lock (_gate)
            {
                return _lastSeq;
            }
        }
    }

    /// <summary>
    /// Opens <paramref name="path"/> for appending, creating it when missing. An existing transcript is continued
    /// (resume): numbering goes on after its last record, and a line cut off by a kill is closed off first.
    /// </summary>
    /// <param name="path">The transcript file.</param>
    /// <param name="redactor">Applied to every serialized line; <see cref="Redactor.For"/> builds one from secrets. Null: none.</param>
    public static TranscriptWriter Open(string path, Func<string, string>? redactor = null)
    {
        long lastSeq = 0;
        var needsNewline = false;
        if (File.Exists(path))
        {
            var existing = TranscriptReader.Read(path);
            lastSeq = existing.LastSeq;
            var length = new FileInfo(path).Length;
            if (length > 0)
            {
                using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                probe.Seek(-1, SeekOrigin.End);
                needsNewline = probe.ReadByte() != '\n';
            }
        }
        else
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        }
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        if (needsNewline)
        {
            stream.WriteByte((byte)'\n');
            stream.Flush();
        }
        return new TranscriptWriter(stream, redactor ?? (line => line), lastSeq);
    }

    /// <summary>Appends a record whose sequence number the writer gives (the next after the last), under its lock.</summary>
    /// <returns>The record as built (before redaction).</returns>
    public TranscriptRecord Append(Func<long, TranscriptRecord> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        lock (_gate)
        {
            var record = create(_lastSeq + 1);
            WriteLocked(record);
            return record;
        }
    }

    /// <summary>Appends a record numbered by the caller; its <see cref="TranscriptRecord.Seq"/> must exceed <see cref="LastSeq"/>.</summary>
    public void Append(TranscriptRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            WriteLocked(record);
        }
    }

    private void WriteLocked(TranscriptRecord record)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (record.Seq <= _lastSeq)
        {
            throw new ArgumentException($"Record seq {record.Seq} does not follow the last one written ({_lastSeq}).", nameof(record));
        }
        var line = _redactor(record.ToJsonLine());
        if (line.Contains('\n', StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The redactor put a line break into a transcript line.");
        }
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        _stream.Write(bytes);
        _stream.Flush();
        _lastSeq = record.Seq;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _disposed = true;
                _stream.Dispose();
            }
        }
    }
}
