namespace Avz.Exchange.Data;

/// <summary>
/// The subject's consent for a purpose, categories and recipients. Withdrawn consent is kept and marked, never deleted.
/// The evidence reference is encrypted: it may point at a signed form that names the person.
/// </summary>
internal sealed class ConsentRecord
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public required string Purpose { get; set; }

    /// <summary>Category ids, space separated.</summary>
    public required string Categories { get; set; }

    /// <summary>Recipient party ids, space separated.</summary>
    public required string Recipients { get; set; }

    public required byte[] EvidenceCiphertext { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset ValidUntil { get; set; }

    public DateTimeOffset? WithdrawnAt { get; set; }

    public string? WithdrawnBy { get; set; }
}
