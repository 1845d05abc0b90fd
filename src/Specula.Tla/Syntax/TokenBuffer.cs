namespace Specula.Tla.Syntax;

/// <summary>
/// An append-only list of tokens stored in chunks small enough to stay off the large object heap: a big spec has
/// millions of tokens, and one huge array would cost a full garbage collection each time a file is parsed.
/// </summary>
internal sealed class TokenBuffer
{
    // 2048 tokens of 40 bytes = 80 KiB, under the 85,000-byte large-object threshold.
    private const int ChunkShift = 11;
    private const int ChunkSize = 1 << ChunkShift;
    private const int ChunkMask = ChunkSize - 1;

    private readonly List<Token[]> _chunks = [];

    public int Count { get; private set; }

    public Token this[int index] => _chunks[index >> ChunkShift][index & ChunkMask];

    /// <summary>The last token added.</summary>
    public Token Last => this[Count - 1];

    public void Add(Token token)
    {
        var offset = Count & ChunkMask;
        if (offset == 0)
        {
            _chunks.Add(new Token[ChunkSize]);
        }
        _chunks[^1][offset] = token;
        Count++;
    }
}
