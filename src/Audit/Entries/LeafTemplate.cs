namespace Avz.Audit.Entries;

/// <summary>
/// An encoded leaf whose index is not known yet. Callers encode on their own threads; the sequencer only splices in
/// the index digits, so the single writer does the least work per entry. The canonical form sorts members, so the
/// <c>"index":</c> member sits at a fixed place, and no string can contain its unescaped quotes.
/// </summary>
internal sealed class LeafTemplate
{
    private static readonly byte[] Marker = "\"index\":0"u8.ToArray();
    private readonly byte[] encoded;
    private readonly int digitsAt;

    /// <summary>Encodes an entry whose index is still 0.</summary>
    public LeafTemplate(AccessLogEntry entry)
    {
        if (entry.Index != 0)
        {
            throw new ArgumentException("A template is made before the index is known; leave it 0.", nameof(entry));
        }

        encoded = LeafEncoding.Encode(entry);
        digitsAt = encoded.AsSpan().IndexOf(Marker) + Marker.Length - 1;
    }

    /// <summary>Wraps leaf bytes encoded with index 0 by another encoder (a version 1 leaf, in tests).</summary>
    public LeafTemplate(byte[] encodedWithIndexZero)
    {
        encoded = encodedWithIndexZero;
        digitsAt = encoded.AsSpan().IndexOf(Marker) + Marker.Length - 1;
    }

    public int Length => encoded.Length;

    public byte[] WithIndex(long index)
    {
        Span<byte> digits = stackalloc byte[20];
        index.TryFormat(digits, out var count, default, System.Globalization.CultureInfo.InvariantCulture);
        var leaf = new byte[encoded.Length - 1 + count];
        encoded.AsSpan(0, digitsAt).CopyTo(leaf);
        digits[..count].CopyTo(leaf.AsSpan(digitsAt));
        encoded.AsSpan(digitsAt + 1).CopyTo(leaf.AsSpan(digitsAt + count));
        return leaf;
    }
}
