using Avz.Audit.Entries;

namespace Avz.Exchange.Data;

/// <summary>One step in a plan action's status history.</summary>
internal sealed class PlanStatusChange
{
    public long Id { get; set; }

    public Guid ActionId { get; set; }

    public PlanActionStatus? From { get; set; }

    public PlanActionStatus To { get; set; }

    public DateTimeOffset At { get; set; }

    public required string By { get; set; }
}
