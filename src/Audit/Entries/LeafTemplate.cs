namespace Avz.Audit.Entries;

/// <summary>
/// An encoded leaf whose index can still change. Callers encode on their own threads and splice in the index they were
/// hinted; the sequencer splices another only for an entry that lands elsewhere, so the single writer does the least
/// work per entry. The canonical form sorts members, so the <c>"index":</c> member sits at a fixed place, and no string
/// can contain its unescaped quotes.
/// </summary>
internal sealed class LeafTemplate
{
    private static readonly byte[] Marker = "\"index\":"u8.ToArray();
    private readonly byte[] encoded;
    private readonly int digitsAt;
    private readonly int digitCount;

    /// <summary>Encodes an entry whose index is still 0.</summary>
    public LeafTemplate(AccessLogEntry entry)
        : this(Zero(entry), 0)
    {
    }

    /// <summary>Wraps leaf bytes encoded with index 0 by another encoder (a version 1 leaf, in tests).</summary>
    public LeafTemplate(byte[] encodedWithIndexZero)
        : this(encodedWithIndexZero, 0)
    {
    }

    /// <summary>
    /// Copies leaf bytes encoded with index 0 with <paramref name="index"/> spliced in: the copy is the leaf at that
    /// index (<see cref="Leaf"/>) and the template for any other. One array per entry instead of a template and a leaf.
    /// </summary>
    public LeafTemplate(ReadOnlySpan<byte> encodedWithIndexZero, long index)
    {
        var at = encodedWithIndexZero.IndexOf(Marker) + Marker.Length;
        if (at < Marker.Length || at >= encodedWithIndexZero.Length || encodedWithIndexZero[at] != (byte)'0')
        {
            throw new ArgumentException("A template is made before the index is known; encode it with index 0.", nameof(encodedWithIndexZero));
        }

        Index = index;
        digitsAt = at;
        encoded = Splice(encodedWithIndexZero, at, 1, index, out digitCount);
    }

    /// <summary>The index <see cref="Leaf"/> holds.</summary>
    public long Index { get; }

    /// <summary>The leaf at <see cref="Index"/>.</summary>
    public byte[] Leaf => encoded;

    /// <summary>The leaf's length with index 0 (the shortest it can be).</summary>
    public int Length => encoded.Length - digitCount + 1;

    /// <summary>The leaf at another index (the same bytes at <see cref="Index"/>).</summary>
    public byte[] WithIndex(long index) => index == Index ? encoded : Splice(encoded, digitsAt, digitCount, index, out _);

    private static ReadOnlySpan<byte> Zero(AccessLogEntry entry)
    {
        if (entry.Index != 0)
        {
            throw new ArgumentException("A template is made before the index is known; leave it 0.", nameof(entry));
        }

        return LeafEncoding.EncodeToScratch(entry);
    }

    /// <summary>Copies leaf bytes with the <paramref name="count"/> digits at <paramref name="at"/> replaced by <paramref name="index"/>'s.</summary>
    private static byte[] Splice(ReadOnlySpan<byte> leaf, int at, int count, long index, out int written)
    {
        Span<byte> digits = stackalloc byte[20];
        index.TryFormat(digits, out written, default, System.Globalization.CultureInfo.InvariantCulture);
        var result = new byte[leaf.Length - count + written];
        leaf[..at].CopyTo(result);
        digits[..written].CopyTo(result.AsSpan(at));
        leaf[(at + count)..].CopyTo(result.AsSpan(at + written));
        return result;
    }
}
