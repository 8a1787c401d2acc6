namespace Avz.Exchange.Data;

/// <summary>
/// An early signal: a party records only that it is involved with a person, found by the person's blind index. No BSN,
/// no content; the contact role says whom at the party to call.
/// </summary>
internal sealed class SignalRecord
{
    public Guid Id { get; set; }

    public required string Convenant { get; set; }

    /// <summary>HMAC of the BSN under the subject index key (32 bytes), as on cases.</summary>
    public required byte[] SubjectIndex { get; set; }

    /// <summary>The access log's pseudonym of the subject.</summary>
    public required string SubjectPseudonym { get; set; }

    public required string Party { get; set; }

    public required string ContactRole { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public DateTimeOffset ValidUntil { get; set; }

    /// <summary>When the expiry was logged; an ended signal counts for nothing.</summary>
    public DateTimeOffset? EndedAt { get; set; }
}
