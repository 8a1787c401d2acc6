namespace Avz.Exchange.Data;

/// <summary>A convenant party admitted to a case (need-to-know: only participants supply or request).</summary>
internal sealed class CaseParticipant
{
    public Guid CaseId { get; set; }

    public required string Party { get; set; }

    public DateTimeOffset AdmittedAt { get; set; }

    public required string AdmittedBy { get; set; }
}
