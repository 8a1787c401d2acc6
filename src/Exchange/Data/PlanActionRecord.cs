using Avz.Audit.Entries;

namespace Avz.Exchange.Data;

/// <summary>
/// An action of a case's plan of approach: who (the owner party), what (the description, encrypted under the case's
/// data key like every value), by when, and where it stands, with how many escalation steps it has reached.
/// </summary>
internal sealed class PlanActionRecord
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public required string Owner { get; set; }

    public byte[] DescriptionCiphertext { get; set; } = [];

    public DateOnly DueOn { get; set; }

    public PlanActionStatus Status { get; set; }

    public DateTimeOffset AddedAt { get; set; }

    public required string AddedBy { get; set; }

    /// <summary>How many steps of the escalation ladder the action has reached.</summary>
    public int EscalationLevel { get; set; }

    public List<PlanStatusChange> History { get; } = [];
}
