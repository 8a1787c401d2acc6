using Avz.Exchange.Cases;

namespace Avz.Exchange.Data;

/// <summary>A case (casus). The subject's BSN and the registration reason are stored only encrypted; the blind index finds the subject.</summary>
internal sealed class CaseRecord
{
    public Guid Id { get; set; }

    public required string Convenant { get; set; }

    public required string Purpose { get; set; }

    public CaseStatus Status { get; set; }

    public required string DirectionHolder { get; set; }

    public required string RegisteredBy { get; set; }

    /// <summary>The municipality the case belongs to (a party of kind municipality), for the trend counts; null when not known.</summary>
    public string? Municipality { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }

    /// <summary>HMAC of the BSN under the subject index key (32 bytes).</summary>
    public required byte[] SubjectIndex { get; set; }

    /// <summary>The access log's pseudonym of the subject; kept so the log can name the subject after shredding.</summary>
    public required string SubjectPseudonym { get; set; }

    public byte[]? SubjectCiphertext { get; set; }

    public byte[]? ReasonCiphertext { get; set; }

    public DateTimeOffset? RetentionUntil { get; set; }

    /// <summary>When retention ended and the data key was destroyed; the case remains as a tombstone.</summary>
    public DateTimeOffset? ShreddedAt { get; set; }

    public List<CaseParticipant> Participants { get; } = [];

    public List<CaseStatusChange> StatusChanges { get; } = [];
}
