using Avz.Exchange.Cases;

namespace Avz.Exchange.Data;

/// <summary>One step in a case's status history.</summary>
internal sealed class CaseStatusChange
{
    public long Id { get; set; }

    public Guid CaseId { get; set; }

    public CaseStatus? From { get; set; }

    public CaseStatus To { get; set; }

    public DateTimeOffset At { get; set; }

    public required string By { get; set; }
}
