namespace Avz.Exchange.House;

/// <summary>Whether and why a trend count is hidden.</summary>
public enum Hidden
{
    /// <summary>Shown.</summary>
    None,

    /// <summary>A count from 1 to 4, shown as <c>&lt;5</c> (primary suppression).</summary>
    Small,

    /// <summary>Hidden so that no small count can be recomputed from the totals (secondary suppression); shown as <c>x</c>.</summary>
    Complement,
}
