using System.Text;

namespace Specula.Sandboxes;

/// <summary>Splits a byte stream into lines, passes them on, and keeps the tail of the text.</summary>
internal sealed class OutputCollector(LogSource stream, Action<LogLine>? onLog, int keepChars = 1 << 20)
{
    private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _line = new();
    private readonly object _gate = new();

    public void Write(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[Encoding.UTF8.GetMaxCharCount(bytes.Length)];
        var n = _decoder.GetChars(bytes, chars, flush: false);
        Write(chars.AsSpan(0, n));
    }

    public void Write(ReadOnlySpan<char> chars)
    {
        lock (_gate)
        {
            _text.Append(chars);
            if (_text.Length > 2 * keepChars)
            {
                _text.Remove(0, _text.Length - keepChars);
            }
            foreach (var c in chars)
            {
                if (c == '\n')
                {
                    Emit();
                }
                else if (c != '\r')
                {
                    _line.Append(c);
                }
            }
        }
    }

    public void Complete()
    {
        lock (_gate)
        {
            if (_line.Length > 0)
            {
                Emit();
            }
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return _text.ToString();
        }
    }

    private void Emit()
    {
        var text = _line.ToString();
        _line.Clear();
        onLog?.Invoke(new LogLine(stream, text));
    }
}
