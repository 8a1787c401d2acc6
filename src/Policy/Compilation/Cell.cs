namespace Avz.Policy.Compilation;

/// <summary>
/// The decisions for one (purpose, category, supplier, recipient): the instants at which the set of effective rules
/// changes, and for each segment between them the outcome of every request variant.
/// </summary>
internal sealed class Cell
{
    /// <summary>Consent on record (two) times mode (normal, emergency by the direction holder, emergency by another).</summary>
    public const int Variants = 6;

    public Cell(long[] segmentStarts, Outcome[] outcomes)
    {
        SegmentStarts = segmentStarts;
        Outcomes = outcomes;
    }

    /// <summary>Ascending; the first is <see cref="long.MinValue"/>.</summary>
    public long[] SegmentStarts { get; }

    public Outcome[] Outcomes { get; }

    public static int VariantOf(bool consent, AccessMode mode, bool holdsDirection) =>
        (consent ? 3 : 0) + (mode == AccessMode.Normal ? 0 : holdsDirection ? 1 : 2);

    public Outcome Find(long ticks, int variant)
    {
        // Segments are few (one per effective-date boundary); a linear scan beats a binary search here.
        var starts = SegmentStarts;
        var segment = starts.Length - 1;
        while (starts[segment] > ticks)
        {
            segment--;
        }

        return Outcomes[(segment * Variants) + variant];
    }
}
