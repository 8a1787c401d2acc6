namespace Avz.Audit.Entries;

/// <summary>A privacy officer's verdict on an entry in the review queue (<c>verdict</c>). Every value is specified in <c>src/Audit/README.md</c>.</summary>
public enum ReviewVerdict
{
    /// <summary><c>justified</c>: the access was justified; the review is closed.</summary>
    Justified,

    /// <summary><c>not-justified</c>: the access was not justified; the review is closed and follow-up is the house's.</summary>
    NotJustified,

    /// <summary><c>escalated</c>: handed on (to the data protection officer, the partner's own officer); the review stays open for a final verdict.</summary>
    Escalated,
}
